"""Trips by bus and train in the app: the choice on What matters, the words on a result card,
the steps on a profile, and the trip drawn on the map.

A thin layer over the core (navigator.transit): the search already answers every school's
trip in one run; the words are navigator.transit.words', shared with the command line and
the exports, so a trip reads the same on the screen, on paper and in a phone's QR text.

The family's trip settings live in the search filters like every other choice
(``transit_minutes``, ``arrive_by``, ``on_date``): a saved session keeps them and Start over
clears them.  ``arrive_by`` None means "when each school starts (else 08:00)"; ``on_date`` None
means "the next school day" (today, or Monday at a weekend), counted from ``state.today``.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from navigator.facts import MARKS
from navigator.gui.choices import ChoiceGroup
from navigator.gui.layouts import nest
from navigator.gui.widgets import TOUCH, BigButton, plain_label
from navigator.i18n import _, format_clock, format_number, format_short_date, translator
from navigator.list_trips import arrival_words, trips_note
from navigator.search.results import Result
from navigator.transit.planner import DEFAULT_ARRIVE_BY, next_school_day
from navigator.transit.timetable import has_timetable
from navigator.transit.words import (
    _dict_trip,
    line_label,
    no_trip_text,
    timetable_caveat,
    trip_line,
    trip_steps,
    trip_summary,
    unknown_trip_text,
)

TRIP_MINUTES = (20, 30, 45, 60)
# Arrive-by times on offer: an early start at 6:30 to the end of an after-school programme.
ARRIVE_TIMES = tuple(time(h, m) for h in range(6, 19) for m in (0, 15, 30, 45)
                     if time(6, 30) <= time(h, m) <= time(18, 0))
SCHOOL_DAYS = 10  # the next two school weeks


def wants_trips(filters) -> bool:
    return filters.transit_minutes is not None or filters.order == "trip"


def trip_day(filters, today: date) -> date:
    """The day the trips are for: the chosen one, else the next school day."""
    return filters.on_date or next_school_day(today)


def pack_trip_offer(pack) -> str:
    """"timetable" when the pack can time trips; "stops" when it has stops but no timetable
    (trip times unknown); "" when it has no transit at all."""
    if has_timetable(pack):
        return "timetable"
    return "stops" if pack.has_stops() else ""


def arrive_text(arrive_by: time | None, lang: str | None = None) -> str:
    if arrive_by is None:
        # TRANSLATORS: the default arrival time of a trip: each school's own start time.
        return _("When school starts ({time} if not known)").format(
            time=format_clock(DEFAULT_ARRIVE_BY.strftime("%H:%M"), lang))
    return format_clock(arrive_by.strftime("%H:%M"), lang)


def settings_text(filters, today: date, lang: str | None = None) -> str:
    """``Arriving by 8:00 AM on Mon, Dec 7, 2026``: what every trip shown was asked for."""
    return arrival_words(filters.arrive_by, trip_day(filters, today), lang or translator.language)


def chip_text(filters) -> str:
    """The chip on What matters: ``By bus or train within 45 min`` (``, arriving by 7:30 AM``
    when a time was chosen); short enough for one chip at the largest text."""
    minutes = format_number(round(filters.transit_minutes))
    if filters.arrive_by is None:
        return _("By bus or train within {minutes} min").format(minutes=minutes)
    # TRANSLATORS: a chosen filter; {minutes} a number, {time} a time of day.
    return _("By bus or train within {minutes} min, by {time}").format(
        minutes=minutes, time=format_clock(filters.arrive_by.strftime("%H:%M")))


def longer_walk_text(minutes: float) -> str:
    """The longer walk to a stop on offer when none is within the usual walk of home: the
    button's words on Schools and, once chosen, its chip on What matters."""
    # TRANSLATORS: a button under "No stop or station within 10 min walk of home: ...", and
    # the chip of that choice; {minutes} is 15 or 20.
    return _("Walk up to {minutes} min to a stop or station").format(minutes=format_number(minutes))


# --- What matters ------------------------------------------------------------------------------


class TripChoice(QFrame):
    """"By bus or train: at most N minutes, arriving by HH:MM, on a school day"."""

    changed = Signal()

    def __init__(self, state, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.offer = pack_trip_offer(state.pack)
        self.setProperty("role", "card")
        self.setObjectName("tripChoice")
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        self.title = plain_label("subheading")
        self.note = plain_label("small")
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        self.holder = QWidget()
        inner = QVBoxLayout(self.holder)
        inner.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        self.group = ChoiceGroup(self)
        self.buttons: list[tuple[BigButton, int | None]] = []
        for i, minutes in enumerate((None, *TRIP_MINUTES)):
            button = BigButton("choice")
            button.setCheckable(True)
            self.group.addButton(button, i)
            grid.addWidget(button, i // 2, i % 2)
            self.buttons.append((button, minutes))
        self.group.idClicked.connect(lambda _i: self.changed.emit())
        nest(inner, grid)
        self.arrive_label = plain_label()
        self.arrive_box = QComboBox()
        self.arrive_box.setMinimumHeight(TOUCH)
        self.arrive_box.setObjectName("tripArriveBy")
        self.arrive_box.addItem("", None)
        for at in ARRIVE_TIMES:  # data as text: Qt would turn a time into a QTime
            self.arrive_box.addItem("", at.strftime("%H:%M"))
        self.arrive_label.setBuddy(self.arrive_box)
        self.day_label = plain_label()
        self.day_box = QComboBox()
        self.day_box.setMinimumHeight(TOUCH)
        self.day_box.setObjectName("tripDay")
        for box in (self.arrive_box, self.day_box):  # long choices never widen the page
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(12)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.arrive_label.setBuddy(self.arrive_box)
        self.day_label.setBuddy(self.day_box)
        for widget in (self.arrive_label, self.arrive_box, self.day_label, self.day_box):
            inner.addWidget(widget)
        self.arrive_box.activated.connect(lambda _i: self.changed.emit())
        self.day_box.activated.connect(lambda _i: self.changed.emit())
        layout.addWidget(self.holder)
        self.holder.setVisible(self.offer == "timetable")
        if not self.offer:
            self.hide()  # (never show() here: without a parent yet, that would open a window)

    def values(self) -> dict:
        """The filters this card sets (none but the minutes need a home; without one, no trip)."""
        if self.offer != "timetable":
            return {}
        checked = self.group.checkedId()
        minutes = self.buttons[checked][1] if checked >= 0 else None
        at, day = self.arrive_box.currentData(), self.day_box.currentData()
        return {"transit_minutes": float(minutes) if minutes and self.state.home is not None else None,
                "arrive_by": time.fromisoformat(at) if at else None,
                "on_date": date.fromisoformat(day) if day else None}

    def sync(self, filters) -> None:
        if self.offer != "timetable":
            return
        index = next((i for i, (_b, m) in enumerate(self.buttons)
                      if m is not None and filters.transit_minutes is not None
                      and abs(m - filters.transit_minutes) < 1e-6), 0)
        self.group.choose(self.buttons[index][0])
        self._fill_days(filters.on_date)
        wanted = filters.arrive_by.strftime("%H:%M") if filters.arrive_by else None
        at = self.arrive_box.findData(wanted) if wanted else 0
        if at < 0:  # a time from a saved session that is not on the list: add it at the end
            self.arrive_box.addItem(format_clock(wanted), wanted)
            at = self.arrive_box.count() - 1
        self.arrive_box.setCurrentIndex(at)
        day = filters.on_date.isoformat() if filters.on_date else None
        self.day_box.setCurrentIndex(max(0, self.day_box.findData(day)) if day else 0)
        has_home = self.state.home is not None
        for button, minutes in self.buttons:
            button.setEnabled(has_home or minutes is None)
        self._note()

    def _fill_days(self, chosen: date | None) -> None:
        """The next school day (the default), the school days after it, and a chosen day that
        is not among them (a saved session's)."""
        first = next_school_day(self.state.today())
        days = [first]
        while len(days) < SCHOOL_DAYS:
            days.append(next_school_day(days[-1] + timedelta(days=1)))
        self.day_box.blockSignals(True)
        self.day_box.clear()
        # TRANSLATORS: the default day of a trip; {date} is that day, e.g. "Thu, Dec 3, 2026".
        self.day_box.addItem(_("Next school day: {date}").format(date=format_short_date(first)), None)
        for day in [*days[1:], *([chosen] if chosen and chosen not in days else [])]:
            self.day_box.addItem(format_short_date(day), day.isoformat())
        self.day_box.blockSignals(False)

    def _note(self) -> None:
        if self.offer == "stops":
            self.note.setText(_("This area's data has bus stops but no timetable, so trip times "
                                "are not known."))
        elif self.state.home is None:
            self.note.setText(_("Tell us where you live (step 1) to use this."))
        else:
            self.note.setText(_("Door to school: walking to the stop, the ride and any change, "
                                "from the timetable."))

    def retranslate(self) -> None:
        self.title.setText(_("Trip time by bus or train"))
        for button, minutes in self.buttons:
            # TRANSLATORS: a choice of the longest trip by bus or train; {minutes} a number.
            button.setText(_("No need") if minutes is None else
                           _("At most {minutes} min").format(minutes=minutes))
        self.arrive_label.setText(_("Arriving by:"))
        self.arrive_box.setAccessibleName(_("Arriving by"))
        self.arrive_box.setItemText(0, arrive_text(None))
        for i in range(1, self.arrive_box.count()):
            self.arrive_box.setItemText(i, format_clock(self.arrive_box.itemData(i)))
        self.day_label.setText(_("On the school day:"))
        self.day_box.setAccessibleName(_("On the school day"))
        self.sync(self.state.filters)
        self._note()


# --- a result card ----------------------------------------------------------------------------


def row_trip(result: Result, filters) -> tuple[str, str] | None:
    """(verdict, words) beside a school's distance: ``("", "27 min by bus · 1 change")``, or why
    there is no time, marked ``unknown`` or ``unmet`` (never zero, never "no" when unknown)."""
    if not wants_trips(filters):
        return None
    lang = translator.language
    if result.trip is not None:
        if not any(leg["mode"] != "walk" for leg in result.trip["legs"]):
            if result.trip.get("walk_quicker"):  # a bus or train would take as long or longer
                return "", trip_summary(result.trip, lang)
            # TRANSLATORS: beside a school's walking time, when the quickest trip is on foot.
            return "", _("quickest on foot: no bus or train needed")
        return "", trip_summary(result.trip, lang)
    if result.virtual:
        return None  # an online school: no trip to make
    if result.trip_state == "none":  # the timetable has no trip in time (or within the limit)
        return "unmet", no_trip_text(filters.transit_minutes, lang)
    # A stops-only bus file (or a school with no place on the map): a bus might well do it.
    return "unknown", unknown_trip_text(lang)


def list_trip_text(result: Result, filters) -> str:
    """A school's trip on My list: the summary with leaving and arriving and the timetable's
    date when another day's was read, or why there is none (marked); "" when not asked."""
    row = row_trip(result, filters)
    if row is None:
        return ""
    if result.trip is not None:
        return trip_line(result.trip, translator.language)
    return f"{MARKS[row[0]]} {row[1]}"


def results_note(results: list[Result], filters, today: date, no_stop_near_home: dict | None = None
                 ) -> str:
    """Above the list when trips are shown: what they are for, the days whose timetables the
    trips shown read when the feeds do not cover the chosen day (each feed its own), and the
    nearest stop when none is within the walk of home."""
    if not wants_trips(filters):
        return ""
    parts = trips_note(filters.arrive_by, trip_day(filters, today), [r.trip for r in results],
                       no_stop_near_home, translator.language)
    if filters.order == "trip":
        parts.append(_("Quickest trip first; schools without a trip time are at the end."))
    return " ".join(parts)


# --- the profile ------------------------------------------------------------------------------


def profile_lines(result: Result | None, filters, today: date) -> list[tuple[str, str]]:
    """(role, text) lines for the profile's trip: summary, each step, then when and which
    timetable; or why there is no time."""
    if result is None or not wants_trips(filters):
        return []
    lang = translator.language
    row = row_trip(result, filters)
    if row is None:
        return []
    if result.trip is None:
        return [("verdict", row[1])]
    lines = [("summary", trip_summary(result.trip, lang))]
    lines += [("step", step) for step in trip_steps(result.trip, lang)]
    lines.append(("small", settings_text(filters, today)))
    caveat = timetable_caveat(result.trip, lang)
    if caveat:
        lines.append(("caveat", _("The timetable does not cover that day ({caveat}).")
                      .format(caveat=caveat)))
    return lines


# --- the map ----------------------------------------------------------------------------------


def map_legs(trip: dict | None) -> list[dict]:
    """The legs to draw: mode, path and its words (walks dashed, rides along their stops)."""
    if not trip:
        return []
    lang = translator.language
    legs = _dict_trip(trip).legs
    out = []
    for leg, raw in zip(legs, trip["legs"], strict=True):
        if leg.mode == "walk":
            words = _("walk {minutes} min").format(minutes=leg.minutes)
        else:
            words = _("{line} toward {toward}").format(line=line_label(leg, lang), toward=leg.toward or "?")
        out.append({"mode": leg.mode, "path": raw.get("path") or [], "label": words})
    return out


class TripMap(QObject):
    """The map draws the selected school's trip (the profile zooms to it)."""

    def __init__(self, state, map_view) -> None:
        super().__init__(map_view)
        self.state = state
        self.map = map_view
        self._shown: tuple | None = None
        state.selection_changed.connect(lambda _id: self.update())
        state.results_ready.connect(lambda _r: self.update())
        state.language_changed.connect(lambda _l: self.update(force=True))
        state.reset_done.connect(self.clear)

    def trip_of(self, school_id: str) -> dict | None:
        results = self.state.results
        if not school_id or results is None or not wants_trips(self.state.filters):
            return None
        found = next((r for r in results.results if r.id == school_id), None)
        return found.trip if found is not None else None

    def update(self, fit: bool = False, force: bool = False) -> None:
        trip = self.trip_of(self.state.selected)
        key = (self.state.selected, repr(trip), self.state.language)
        if key == self._shown and not fit and not force:
            return
        self._shown = key
        self.map.set_trip(map_legs(trip), fit=fit and trip is not None)

    def clear(self) -> None:
        self._shown = None
        self.map.set_trip([], fit=False)


def step_label(role: str, text: str) -> QWidget:
    label = plain_label("lead" if role == "summary" else "small" if role in ("small", "caveat") else "")
    label.setText(("• " if role == "step" else "") + text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role in ("summary", "caveat"):
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    label.setObjectName(f"trip_{role}")
    return label
