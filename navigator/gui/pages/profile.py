"""Step 6, one school's profile: every fact the pack has, where it came from, and how to apply.

Built from :func:`navigator.profile.school_profile` each time it is shown or the language changes
(a profile is a few dozen labels).  Every fact group says its source and as-of date; a group the
pack knows nothing about says "Unknown", never nothing.  District and charter schools get the same
sections in the same order with the same words.  Pack texts are plain text (a name is data, never
markup) and can be selected and copied; web addresses are shown, not opened: the app is offline.

For a counsellor, ``state.second_language`` shows each heading and label again, smaller, beneath.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from navigator.catalogue.codes import kind_label
from navigator.deadlines import countdown, days_between
from navigator.gui import facts
from navigator.gui.indicators_view import IndicatorsView
from navigator.gui.layouts import SideBySide, nest, vertical_scroll
from navigator.gui.pages.base import Page
from navigator.gui.read_aloud import ReadAloudButton, shown_texts
from navigator.gui.trip_view import profile_lines, step_label
from navigator.gui.widgets import BigButton, plain_label
from navigator.i18n import N_, _, format_deadline, format_number, ngettext, translations_for
from navigator.pack_texts import home_place, source_line
from navigator.profile import ApplicationProcess, SchoolProfile, school_profile
from navigator.search.query import approximate_place
from navigator.walking import walk_minutes


def plain(text: str = "", role: str = "", selectable: bool = True, keyboard: bool = False) -> QLabel:
    """A label for data: never rich text, wrapping, and selectable with the mouse so it can be
    copied; ``keyboard`` also makes it a tab stop (the contact details a counsellor copies)."""
    label = plain_label(role)
    label.setText(text)
    if selectable:
        flags = Qt.TextInteractionFlag.TextSelectableByMouse
        if keyboard:
            flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
        label.setTextInteractionFlags(flags)
    return label


def _italic(label: QLabel) -> QLabel:
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    return label


class ProfilePage(Page):
    name = "profile"

    def __init__(self, state, window):
        super().__init__(state, window)
        self.profile: SchoolProfile | None = None
        self.results_view: IndicatorsView | None = None  # the school results section, when shown
        # The school's name and "Add to my list" stay in view while the details scroll; the
        # bottom bar's Back goes back (one back button, not two).
        self.school_name = plain_label("heading", one_line_first=True)  # the buttons go beneath
        self.school_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.school_name.setObjectName("schoolName")
        self.add_button = BigButton("primary")
        self.add_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.add_button.clicked.connect(self._toggle)
        # The school in brief (the first section, no heading of its own) is read from up here.
        self.summary_read = ReadAloudButton(window.read_aloud, "profile", self)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.summary_read, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        header = SideBySide(self.school_name, buttons)
        self.scroll = vertical_scroll(QWidget(), frame=False)
        # The shared map, borrowed beside the details when the school has a trip to draw.
        self.map_holder = QWidget()
        self.map_holder.setMinimumWidth(1)  # never widens the window: shown only where it fits
        QVBoxLayout(self.map_holder).setContentsMargins(0, 0, 0, 0)
        self.map_holder.hide()
        self._fit_later = QTimer(self)  # owned by the page: never fires after it is gone
        self._fit_later.setSingleShot(True)
        self._fit_later.setInterval(250)
        self._fit_later.timeout.connect(self._fit_trip)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        body = QHBoxLayout()
        body.addWidget(self.scroll, 3)
        body.addWidget(self.map_holder, 2)
        nest(layout, body, 1)
        state.selection_changed.connect(self._selection_changed)
        state.shortlist_changed.connect(self._update_buttons)

    # -- Page -----------------------------------------------------------------------------------------

    def title(self) -> str:
        return _("School details")

    def retranslate(self) -> None:
        self._update_buttons()
        self.render()

    def on_shown(self) -> None:
        self.window.read_aloud.prepare()
        self.render()
        self.scroll.verticalScrollBar().setValue(0)
        self.add_button.setFocus()

    def on_reset(self) -> None:
        self.profile = None
        self.render()

    def _selection_changed(self, _school_id: str) -> None:
        if self.isVisible():
            self.render()

    def _toggle(self) -> None:
        school_id = self.state.selected
        if not school_id:
            return
        if self.state.in_shortlist(school_id):
            self.state.remove_from_shortlist(school_id)
        else:
            self.state.add_to_shortlist(school_id)

    def _update_buttons(self) -> None:
        on_list = bool(self.state.selected) and self.state.in_shortlist(self.state.selected)
        self.add_button.setText(_("✓ On my list") if on_list else _("Add to my list"))
        self.add_button.setVisible(bool(self.state.selected))
        self.summary_read.setVisible(bool(self.state.selected))

    # -- building -------------------------------------------------------------------------------------

    def render(self) -> None:
        """Rebuild the page for ``state.selected`` in the current language."""
        self._update_buttons()
        self.window.read_aloud.stop()  # the part being read is about to go
        body = QWidget()
        self._body = self._layout = QVBoxLayout(body)
        self._layout.setSpacing(6)
        self.sections: list[QFrame] = []
        school_id = self.state.selected
        self.profile = None
        self.results_view = None
        if school_id:
            self.profile = school_profile(self.state.pack, school_id, self.state.language)
            self.school_name.setText(self.profile.name)
            self._fill(self.profile)
            self._layout = self._body
        else:
            self.school_name.setText(_("School details"))
            self._layout.addWidget(plain(_("Choose a school in the list to see its details."), "lead"))
        self._layout.addStretch(1)
        old = self.scroll.takeWidget()
        self.scroll.setWidget(body)
        if old is not None:
            old.deleteLater()
        self._show_trip_map()

    MAP_WIDTH = 340  # the least width the map beside the details needs

    def _show_trip_map(self) -> None:
        """Beside the details, the map with the school's trip (walks dotted, rides solid), when
        there is room for both (at the largest text the details take the whole width; the
        results' map still draws the selected school's trip)."""
        trip_map = getattr(self.window, "trip_map", None)
        has_trip = trip_map is not None and trip_map.trip_of(self.state.selected) is not None
        body = self.scroll.widget()
        needed = body.minimumSizeHint().width() + self.scroll.verticalScrollBar().sizeHint().width() + 24
        room = self.width() - needed
        # At the larger text sizes the words take the whole width (the results' map has the trip).
        roomy = getattr(getattr(self.window, "appearance", None), "scale", 1.0) <= 1.25
        shown = has_trip and roomy and room >= self.MAP_WIDTH and self.isVisible()
        if shown:  # the details keep the width they need; the map takes the rest, up to 2/5
            self.map_holder.setMaximumWidth(min(room, self.width() * 2 // 5))
        self.map_holder.setVisible(shown)
        if not shown:
            return
        map_view = self.window.map_view
        if map_view.parent() is not self.map_holder:
            self.map_holder.layout().addWidget(map_view)
        map_view.show()
        self.window.map_sync.show_listed([self.state.selected], frame=False, only=True)  # this one
        trip_map.update()
        self._fit_later.start()  # zoomed to the trip once the map has its size beside the details

    def _fit_trip(self) -> None:
        if self.isVisible() and self.map_holder.isVisible():
            self.window.trip_map.update(fit=True)

    def changeEvent(self, event) -> None:  # noqa: N802 - the text size changed: is there room?
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self.isVisible():
            QTimer.singleShot(0, self, self._show_trip_map)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.map_holder.hide()  # the results page takes the map back
        super().hideEvent(event)

    def _second(self) -> str | None:
        second = self.state.second_language
        return second if second and second != self.state.language else None

    def _term(self, message: str, role: str = "") -> QWidget:
        """A heading or label in the screen language, and beneath it (smaller) in the counsellor's
        second language."""
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 8 if role == "subheading" else 0, 0, 0)
        lay.setSpacing(0)
        main = plain(_(message), role, selectable=False)
        if not role:
            font = main.font()
            font.setBold(True)
            main.setFont(font)
        lay.addWidget(main)
        second = self._second()
        if second:
            beneath = plain(translations_for(second).gettext(message), "small", selectable=False)
            beneath.setObjectName("secondLanguage")
            lay.addWidget(beneath)
        return box

    def _section(self, message: str | None) -> None:
        """A section: its heading beside its own "Read aloud"; what follows goes in it.  The
        first, the school in brief, has no heading: the button beside the school's name reads
        it, starting with the name."""
        frame = QFrame()
        frame.setObjectName("readSection")
        lay = QVBoxLayout(frame)
        lay.setContentsMargins(6, 2, 6, 4)
        lay.setSpacing(6)
        key = f"profile:{self.state.selected}:{len(self.sections)}"
        if message is None:
            name = self.profile.name
            read = self.summary_read
            read.key, read.target = key, frame
            read.texts = partial(lambda f: [name, *shown_texts(f)], frame)
        else:
            head = QHBoxLayout()
            head.addWidget(self._term(message, "subheading"), 1)
            head.addWidget(ReadAloudButton(self.window.read_aloud, key, frame), 0,
                           Qt.AlignmentFlag.AlignBottom)
            nest(lay, head)
        self._body.addWidget(frame)
        self._layout = lay
        self.sections.append(frame)

    def read_button(self, number: int) -> ReadAloudButton:
        """Section ``number``'s "Read aloud" (0: the school in brief, beside its name)."""
        return self.summary_read if number == 0 else self.sections[number].findChild(ReadAloudButton)

    def _grid(self, stretch_column: int = 1) -> QGridLayout:
        """Label and value columns; the stretching column takes the spare width (the value's for
        long texts, an empty third column for short yes/no answers)."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(stretch_column, 1)
        nest(self._layout, grid)
        return grid

    def _row(self, grid: QGridLayout, message: str, value: str, keyboard: bool = False) -> QLabel:
        row = grid.rowCount()
        grid.addWidget(self._term(message), row, 0, Qt.AlignmentFlag.AlignTop)
        label = plain(value, keyboard=keyboard)
        label.setAccessibleName(_(message))
        grid.addWidget(label, row, 1)
        return label

    def _note(self, text: str, small: bool = True) -> QLabel:
        label = plain(text, "small" if small else "")
        label.setObjectName("source")
        self._layout.addWidget(label)
        return label

    def _sources(self, ids) -> None:
        for source_id in sorted({i for i in ids if i}):
            source = self.profile.sources.get(source_id) if self.profile else None
            if source is None:
                source = next((s for s in self.state.pack.sources() if s.id == source_id), None)
            if source is not None:
                self._note(source_line(self.state.pack, source, self.state.language))

    def _fill(self, p: SchoolProfile) -> None:
        """The sections, the same for every school: first what decides a family's next step
        (the zoned notice, what the school is, how to apply and by when), then the details."""
        self._section(None)
        zoned = self.state.results is not None and p.id in self.state.results.zoned
        if zoned:
            approximate = approximate_place(self.state.home) is not None
            notice = plain(_("Your zoned school: your child has a place here.") if not approximate
                           else _("The zoned school for {place}: if your home is in its zone, your "
                                  "child has a place here.").format(
                               place=home_place(self.state.pack, self.state.home, self.state.language)),
                           "zoned")
            notice.setObjectName("zonedNote")
            self._layout.addWidget(notice)
        status = facts.status_text(p.status, p.open_date, p.closed_date)
        if status is not None:  # not open yet, or closed: said before anything else
            notice = plain(status, "lead")
            notice.setObjectName("statusNote")
            self._layout.addWidget(notice)

        grid = self._grid()
        self._row(grid, N_("Grades"), facts.span_short(p.grade_low, p.grade_high))
        self._row(grid, N_("School type"), facts.sector_text(p.sector, p.charter_kind))
        if p.is_virtual:
            self._row(grid, N_("Where classes happen"),
                      _("Online school: classes happen at home, on a computer."))
        result = facts.result_for(self.state, p.id)
        if result is not None and self.state.home is not None:
            self._row(grid, N_("From home"),
                      facts.distance_text(result, self.state.pack.region.distance_unit, True))

        self._trip(p)
        self._section(N_("How to apply"))
        self._layout.addWidget(plain(facts.site_kind_text(p.site_kind, p.placed_by)
                                     or facts.applying_text(p.sector, p.charter_kind)))
        if not p.processes:
            self._layout.addWidget(plain(_("How to apply: Unknown. Ask the school.")))
        for process in p.processes:
            self._process(process)
        self._siblings(p.id)

        self._section(N_("Contact"))
        grid = self._grid()
        address = ", ".join(part for part in (p.address, p.city,
                                              " ".join(x for x in (p.state, p.zip) if x)) if part)
        self._row(grid, N_("Address"), address or _("Unknown"), keyboard=True)
        self._row(grid, N_("Phone"), p.phone or _("Unknown"), keyboard=True)
        self._row(grid, N_("Website"), p.website or _("Unknown"), keyboard=True)
        if p.website:
            self._note(_("The app works offline: copy the web address to open it on a phone or at "
                         "home."))
        self._sources([p.source_id])

        for category, heading in facts.CATEGORY_TITLES.items():
            self._facts(p, category, heading)
        self._transit(p)
        self._section(N_("School results"))
        self.results_view = IndicatorsView(self.state, p)
        self._layout.addWidget(self.results_view)

        self._section(N_("Where this information comes from"))
        shown_here = {p.source_id} | {f.source_id for fs in p.facts.values() for f in fs}
        shown_here |= {q.source_id for q in p.processes}
        shown_here |= {d.source_id for q in p.processes for d in q.deadlines}
        shown_here |= {q.demand_source_id for q in p.processes if q.demand_source_id}
        shown_here |= {i["source"] for i in p.indicators}
        for source in sorted(p.sources.values(), key=lambda s: s.id):
            if source.id not in shown_here:
                continue
            self._note(source_line(self.state.pack, source, self.state.language), small=False)

    def sibling_texts(self, school_id: str) -> list[str]:
        """What brothers and sisters mean at this school for this household: only what the
        district records (its priorities), never a guess; nothing for one child alone."""
        from navigator.household.siblings import school_sibling_notes

        household = self.state.to_household()
        if len(household.children) < 2 and not household.attending:
            return []
        return [n.message(self.state.language)
                for n in school_sibling_notes(self.state.pack, household, school_id)]

    def _siblings(self, school_id: str) -> None:
        self.sibling_labels = []
        texts = self.sibling_texts(school_id)
        if not texts:
            return
        self._section(N_("Brothers and sisters"))
        for text in texts:
            label = plain("ⓘ " + text)
            label.setObjectName("siblingNote")
            self._layout.addWidget(label)
            self.sibling_labels.append(label)

    def _facts(self, p: SchoolProfile, category: str, heading: str) -> None:
        self._section(heading)
        reported = p.reported.get(category, "unknown")
        self._layout.addWidget(plain(facts.reported_text(reported)))
        rows = p.facts.get(category, [])
        if rows:
            grid = self._grid(stretch_column=2)
            for fact in rows:
                row = grid.rowCount()
                # Wraps only when one line is wider than the screen (Russian at the largest text).
                label = plain(facts.code_text(self.state.pack, category, fact.code, fact.detail))
                grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
                value = plain(facts.yes_no(fact.value))
                font = value.font()
                font.setBold(True)
                value.setFont(font)
                grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
                if fact.note is not None:
                    grid.addWidget(plain(facts.shown(fact.note), "small"), row + 1, 0, 1, 3)
        self._sources(f.source_id for f in rows)

    def _trip(self, p: SchoolProfile) -> None:
        """The trip by bus or train, step by step, near the top (when the family asked): how a
        family without a car gets there decides whether the school is a real choice."""
        lines = profile_lines(facts.result_for(self.state, p.id), self.state.filters, self.state.today())
        if lines:
            self._section(N_("By bus or train"))
        for role, text in lines:
            self._layout.addWidget(step_label(role, text))

    def _transit(self, p: SchoolProfile) -> None:
        self._section(N_("Getting there"))
        has_transit = self.state.pack.has_stops()
        if p.transit:
            grid = self._grid()
            for row, (name, words) in enumerate(facts.stop_rows(p.transit), start=grid.rowCount()):
                if name:
                    grid.addWidget(plain(name), row, 0, Qt.AlignmentFlag.AlignTop)
                column, span = (1, 1) if name else (0, 2)  # no name: a note, across both columns
                grid.addWidget(plain(words, "" if name else "small"), row, column, 1, span)
        elif has_transit:
            radius = facts.walk_short(walk_minutes(self.state.pack.region.walk_radius_m / 1000))
            self._layout.addWidget(plain(_("No bus stop or train station within a {walk}.").format(
                walk=radius)))
        else:
            self._layout.addWidget(plain(_("Buses and trains: Unknown (not in this region's data).")))
        if has_transit:
            self._sources(s.id for s in self.state.pack.sources() if s.id.startswith("transit"))

    def _process(self, process: ApplicationProcess) -> None:
        """One way to apply: its dates first (what a family must not miss), then the steps."""
        self._layout.addWidget(plain(facts.shown(process.name), "lead"))
        if process.deadlines:
            self._deadlines(process)
        grid = self._grid()
        for message, text in ((N_("How to apply"), process.how_to_apply),
                              (N_("Where to apply"), process.where_to_apply),
                              (N_("Documents to bring"), process.documents),
                              (N_("If you miss the date"), process.late_options)):
            if text is not None:
                self._row(grid, message, facts.shown(text))
        if process.phone:
            self._row(grid, N_("Phone"), process.phone)
        if process.url:
            self._row(grid, N_("Website"), process.url)
        choices = []
        if process.max_choices:
            choices.append(ngettext("You can list up to {n} school.", "You can list up to {n} schools.",
                                    process.max_choices).format(n=format_number(process.max_choices)))
        if process.recommended_choices:
            choices.append(ngettext(
                "We suggest listing at least {n} school.", "We suggest listing at least {n} schools.",
                process.recommended_choices).format(n=format_number(process.recommended_choices)))
        if process.ranked_preference:
            choices.append(_("Put them in order: your first choice first."))
        if choices:
            self._row(grid, N_("Choices"), " ".join(choices))
        if process.applicants_per_seat is not None:
            self._row(grid, N_("Last year"), _("{n} applicants for each seat").format(
                n=format_number(process.applicants_per_seat, decimals=1)))
        self._sources([process.source_id, process.demand_source_id,
                       *(d.source_id for d in process.deadlines)])

    def _deadlines(self, process: ApplicationProcess) -> None:
        grid = self._grid(stretch_column=3)
        grid.setColumnStretch(3, 3)
        grid.setColumnStretch(0, 1)  # what the date is, on one line when there is room
        now = facts.today(self.state)
        for deadline in process.deadlines:
            try:
                when = date.fromisoformat(deadline.date)
            except ValueError:
                continue
            row = grid.rowCount()
            past = when < now
            label = facts.shown(deadline.label) if deadline.label else \
                kind_label(deadline.kind, self.state.language)
            text = format_deadline(when, deadline.time, self.state.language)
            left = countdown(days_between(now, when), deadline.kind, self.state.language)
            cells = [plain(label), plain(text), plain(left)]
            cells[1].setWordWrap(False)  # a date reads as one piece
            for column, cell in enumerate(cells):
                if past:  # greyed by the stylesheet's "small" role and italic: never by colour alone
                    cell.setProperty("role", "small")
                    cell.setProperty("past", True)
                    _italic(cell)
                grid.addWidget(cell, row, column, Qt.AlignmentFlag.AlignTop)


PAGE = ProfilePage
