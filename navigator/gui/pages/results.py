"""Step 5, the results: the list of schools and the map side by side, kept in step.

Hovering or selecting a row outlines its marker; hovering a marker tints its row, clicking it
selects the row.  The map is the window's one shared ``map_view``: this page borrows it (puts it in
its own layout) each time it is shown, and feeds it the schools on every new result.

The order is distance, walking time or name; never sector, and never a school result unless the
family asks: "By a school result…" asks which one (and for which students), the search then
carries that result for every school, and each row shows its status and change together.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from navigator import indicators
from navigator.gui import facts
from navigator.gui.indicators_view import IndicatorSortDialog
from navigator.gui.layouts import FitScroll, SideBySide, beside_map, nest
from navigator.gui.pages.base import Page
from navigator.gui.read_aloud import card_key
from navigator.gui.school_list import SchoolListView
from navigator.gui.school_list_model import SchoolListModel
from navigator.gui.trip_view import pack_trip_offer, results_note, wants_trips
from navigator.gui.widgets import TOUCH, BigButton, plain_label
from navigator.i18n import _, format_number, format_school_count
from navigator.search.query import indicator_of
from navigator.search.results import SearchResult

# Never by sector; "indicator" asks which one; "trip" (quickest trip) only with a timetable.
SORTS = ("distance", "walk", "name", "trip", "indicator")
# The list and the map, seven parts to three: at 1366 x 768 the list is wide enough for each card's
# three buttons in one row beside its name (four whole schools fit), the map still ~400 px wide.
SPLIT = (7, 3)


class ResultsPage(Page):
    name = "results"

    def __init__(self, state, window):
        super().__init__(state, window)
        self._fitted_home = None
        self._last_result: SearchResult | None = None
        self._busy = False
        self._failure = ""
        self._split_done = False
        self._voiced = True  # the cards' "Read aloud" as laid out: a voice for the language

        self.heading = plain_label("heading", wrap=False)
        self.count_label = plain_label("count", wrap=False)
        self.count_label.setObjectName("resultCount")
        self.sort_label = plain_label(wrap=False)
        self.sort_box = QComboBox()
        self.sort_box.setMinimumHeight(TOUCH)
        self.sort_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sorts = [k for k in SORTS if k != "trip" or pack_trip_offer(state.pack) == "timetable"]
        for key in self.sorts:
            self.sort_box.addItem("", key)
        self.sort_label.setBuddy(self.sort_box)
        self.status = plain_label("lead")
        self.status.setObjectName("resultStatus")
        self.hint = plain_label("small", one_line_first=True)  # beneath the sort box if need be
        self.sort_note = plain_label("small")
        self.sort_note.setObjectName("sortNote")
        self.sort_note.hide()
        self.trip_note = plain_label("small")
        self.trip_note.setObjectName("tripNote")
        self.trip_note.hide()
        # No stop within the walk of home: the longer walk (15 or 20 minutes) that reaches one.
        self.walk_button = BigButton()
        self.walk_button.setObjectName("longerWalk")
        self.walk_button.hide()
        self.walk_button.clicked.connect(self._walk_further)
        self._sort = "distance"  # the order shown: a SORTS key or "indicator:CODE"
        self._sort_dialog: IndicatorSortDialog | None = None

        self.model = SchoolListModel(state, self)
        self.list_view = SchoolListView(self.model)
        self.list_view.setMinimumWidth(320)
        self.splitter, self.map_holder = beside_map(self.list_view)

        # The title with its count, and what to tap beneath it (wrapping in a long language):
        # beside the sort box, so the list below keeps its height on a 768-pixel screen.
        title_row = QWidget()
        title_column = QVBoxLayout(title_row)
        title_column.setContentsMargins(0, 0, 0, 0)
        title_column.setSpacing(0)
        title_layout = QHBoxLayout()
        title_layout.addWidget(self.heading)
        title_layout.addSpacing(16)
        title_layout.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBaseline)
        title_layout.addStretch(1)
        nest(title_column, title_layout)
        # Short of height (a long language at the largest text, two children), it scrolls.
        title_column.addWidget(FitScroll(self.hint, least=TOUCH))
        sort_row = QWidget()
        sort_layout = QHBoxLayout(sort_row)
        sort_layout.setContentsMargins(0, 0, 0, 0)
        sort_layout.addWidget(self.sort_label)
        sort_layout.addWidget(self.sort_box)
        self.header = SideBySide(title_row, sort_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.header)
        # What was found and the notes on the order: at the largest text in a long language they
        # scroll rather than squeeze the list off the screen.
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        for note in (self.status, self.sort_note, self.trip_note):
            notes_layout.addWidget(note)
        self.notes = FitScroll(notes, least=TOUCH)  # the list and map keep their height
        layout.addWidget(self.notes)
        layout.addWidget(self.walk_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.splitter, 1)
        self.status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.sort_box.currentIndexChanged.connect(self._sort_changed)
        self.sort_box.activated.connect(self._sort_activated)
        self.list_view.details_requested.connect(self.window.show_profile)
        self.list_view.add_toggled.connect(self.toggle_shortlist)
        self.list_view.reader = window.read_aloud
        self.list_view.read_requested.connect(self.read_card)
        window.read_aloud.changed.connect(self._reading_changed)
        self.list_view.selectionModel().currentChanged.connect(self._current_changed)
        self.list_view.entered.connect(self._row_hovered)
        self.list_view.viewport().installEventFilter(self)
        # The map follows the list: the schools on screen, named and framed with the home, a
        # moment after the family stops scrolling (not when the list scrolls to a marker pointed at).
        self._listed: list[str] = []
        self._follow = QTimer(self, singleShot=True, interval=250)
        self._follow.timeout.connect(lambda: self._show_listed(frame=True))
        self.list_view.verticalScrollBar().valueChanged.connect(self._list_scrolled)
        self._scrolling_to_marker = False

        state.results_ready.connect(self.show_result)
        state.search_failed.connect(self._failed)
        state.query_changed.connect(self._searching)
        state.home_changed.connect(self._searching)
        state.shortlist_changed.connect(self._shortlist_changed)
        state.selection_changed.connect(self._select_from_state)
        map_view = window.map_view
        map_view.school_hovered.connect(self._marker_hovered)
        map_view.school_clicked.connect(self._marker_clicked)

    # -- Page ---------------------------------------------------------------------------------------

    def title(self) -> str:
        return _("Schools")

    def retranslate(self) -> None:
        self.heading.setText(_("Schools for your child"))
        self.sort_label.setText(_("Sort by:"))
        names = {"distance": _("Distance"), "walk": _("Walking time"), "name": _("Name"),
                 # TRANSLATORS: a sort order: the school with the shortest trip by bus or train first.
                 "trip": _("Quickest trip")}
        for i, key in enumerate(self.sorts):
            if key in names:
                self.sort_box.setItemText(i, names[key])
        self._show_sort(self._sort)
        self.sort_box.setAccessibleName(_("Sort the schools by"))
        # What to tap on the screen; the keys for the keyboard go to screen readers and tooltips.
        self.hint.setText(_("Tap a school to see it on the map. Tap “Details” to read all about it."))
        keys = _("Keyboard: the arrow keys choose a school, Enter opens its details, Space adds it "
                 "to your list.")
        self.list_view.setAccessibleName(_("Schools"))
        self.list_view.setAccessibleDescription(keys)
        self.list_view.setToolTip(keys)
        self.model.retranslate()
        self.list_view.delegate.clear()
        self._update_labels()
        if self._last_result is not None:
            self._feed_map()

    def on_shown(self) -> None:
        self.window.read_aloud.prepare()
        holder = self.map_holder.layout()
        map_view = self.window.map_view
        if map_view.parent() is not self.map_holder:
            holder.addWidget(map_view)
        map_view.show()
        if not self._split_done and self.splitter.width() > 0:
            self._split_done = True
            width = self.splitter.width()
            listed = width * SPLIT[0] // sum(SPLIT)
            self.splitter.setSizes([listed, width - listed])
            for side, parts in enumerate(SPLIT):  # and so when the window is resized
                self.splitter.setStretchFactor(side, parts)
        if self.state.results is not None and self.state.results is not self._last_result:
            self.show_result(self.state.results)
        elif self._last_result is not None and self.state.home != self._fitted_home:
            # After the map has its new size in the page (the page resizes a moment after Qt).
            QTimer.singleShot(250, self._feed_map)
        elif self._last_result is not None:  # back from a profile, which named its one school
            self._listed = []
            QTimer.singleShot(0, self, lambda: self._show_listed(frame=False))
        if self.state.selected:
            self._select_from_state(self.state.selected)
        self.list_view.setFocus()

    def on_reset(self) -> None:
        self._last_result = None
        self._fitted_home = None
        self._failure = ""
        self._busy = False
        self.model.set_result(None)
        if self._sort_dialog is not None:
            self._sort_dialog.reject()
        self._show_sort("distance")
        self._update_labels()

    # -- results ------------------------------------------------------------------------------------

    def show_result(self, result: SearchResult) -> None:
        """A new answer: the list first (it must follow within 100 ms), the map right after."""
        self._busy = False
        self._failure = ""
        self._last_result = result
        self.list_view.delegate.clear()
        wanted = self.state.filters.order
        if indicator_of(wanted) or (wanted == "trip" and "trip" in self.sorts):
            self._show_sort(wanted)  # e.g. a counsellor's saved session
        elif indicator_of(self._sort) or self._sort == "trip":
            self._show_sort("distance")
        self.model.order = self._sort
        self.model.set_result(result)
        self._update_labels()
        if self.state.selected:
            self._select_from_state(self.state.selected)
        if self.isVisible():
            self.list_view.viewport().repaint()  # on screen now; the map's markers come next
        QTimer.singleShot(0, self._feed_map)

    def map_features(self) -> list[dict]:
        result = self._last_result
        if result is None:
            return []
        unit = self.state.pack.region.distance_unit
        features = []
        for r in result.results:
            if r.latitude is None or r.longitude is None or r.virtual:
                continue  # an online school's address is an office, not where children learn
            state = "zoned" if r.zoned else ("partial" if (r.unknown or r.unmet) else "match")
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [r.longitude, r.latitude]},
                "properties": {"id": r.id, "name": r.name, "label": facts.map_label(r, unit),
                               "state": state},
            })
        return features

    def _feed_map(self) -> None:
        """Draw the schools; zoom to them once per home, when the map is on screen to measure."""
        map_view = self.window.map_view
        home = self.state.home
        fit = self.isVisible() and home is not None and home != self._fitted_home
        if fit:
            self._fitted_home = home
        map_view.set_schools(self.map_features())
        map_view.highlight(self.state.selected or None)
        self._listed = []
        self._show_listed(frame=fit)

    def _map_ids(self) -> set[str]:
        """The schools of the answer that have a place on the map (not the online ones)."""
        return {f["properties"]["id"] for f in self.map_features()}

    def _list_scrolled(self) -> None:
        if not self._scrolling_to_marker and self.isVisible():
            self._follow.start()

    def _show_listed(self, frame: bool) -> None:
        """Name the schools on screen on the map; ``frame``: show them with the home.  Only while
        the list is on screen (a profile shows its own school; showing the list again names its
        schools again, in on_shown)."""
        if self._last_result is None or not self.isVisible():
            return
        listed = self.list_view.shown_ids()
        if listed != self._listed or frame:
            self._listed = listed
            self.window.map_sync.show_listed(listed, frame and self.state.home is not None)

    def _searching(self) -> None:
        self._busy = True
        self._update_labels()

    def _failed(self, message: str) -> None:
        self._busy = False
        self._failure = message
        self._update_labels()

    def _update_labels(self) -> None:
        result = self._last_result
        count = result.count if result else 0
        self.count_label.setText(format_school_count(count) if result else "")
        if self._failure:
            status = _("The search did not work: {reason}").format(reason=self._failure)
        elif self._busy:
            status = _("Updating the list…")
        elif result is None:
            status = _("Tell us where you live and your child's grade to see schools.")
        elif count == 0:
            status = _("No school matches everything you asked for. Try removing a need.")
        else:
            status = ""
        self.status.setText(status)
        self.status.setVisible(bool(status))
        trips = results_note(result.results, self.state.filters, self.state.today(),
                             result.no_stop_near_home) if result else ""
        self.trip_note.setText(trips)
        self.trip_note.setVisible(bool(trips))
        self._show_notes()
        longer = self._longer_walk()
        if longer:
            # TRANSLATORS: a button under "No stop or station within 10 min walk of home: ...";
            # {minutes} is 15 or 20.
            self.walk_button.setText(_("Walk up to {minutes} min to a stop or station").format(
                minutes=format_number(longer)))
        self.walk_button.setVisible(bool(trips) and longer is not None)

    def _longer_walk(self) -> int | None:
        """The longer walk that reaches the nearest stop when none is within the walk of home."""
        near = self._last_result.no_stop_near_home if self._last_result else None
        return near.get("longer_walk_min") if near and wants_trips(self.state.filters) else None

    def _walk_further(self) -> None:
        longer = self._longer_walk()
        if longer:
            self.state.update_filters(trip_walk_min=float(longer))

    def _sort_changed(self) -> None:
        key = self.sort_box.currentData() or "distance"
        if key == "indicator":
            return  # asked in a dialog (``_sort_activated``); nothing changes until it is answered
        was_ordered = indicator_of(self._sort) is not None or self._sort == "trip"
        self._show_sort(key)
        self._apply_model_order()
        if key == "trip":  # the search brings every school's trip (quickest first, none last)
            if self.state.filters.order != "trip":
                self.state.update_filters(order="trip")
        elif was_ordered:  # the results no longer need to carry a school result or trips
            self.state.update_filters(order=None)

    def _sort_activated(self, index: int) -> None:
        if self.sort_box.itemData(index) == "indicator":
            self.ask_indicator_sort()

    def ask_indicator_sort(self) -> IndicatorSortDialog:
        """"Which result?": a dialog; the order changes only when the family answers."""
        dialog = IndicatorSortDialog(self.state, self, indicator_of(self._sort))
        dialog.accepted.connect(lambda: self.sort_by_indicator(dialog.chosen(), dialog.group()))
        dialog.rejected.connect(lambda: self._show_sort(self._sort))
        dialog.finished.connect(lambda _code: setattr(self, "_sort_dialog", None))
        dialog.finished.connect(dialog.deleteLater)  # a new one each time: none kept hidden
        self._sort_dialog = dialog
        dialog.open()
        return dialog

    def sort_by_indicator(self, code: str | None, group: str = "ALL") -> None:
        """Order by one result for one student group; the new search brings each school's."""
        if not code:
            self._show_sort(self._sort)
            return
        self.state.indicator_group = group
        self.state.indicators_seen.add(code)
        self._show_sort(f"indicator:{code}")
        self.state.update_filters(order=f"indicator:{code}", indicator_group=group)

    def _show_sort(self, sort: str) -> None:
        """Show ``sort`` in the box (without acting on it) and in the note above the list."""
        self._sort = sort
        key = "indicator" if indicator_of(sort) else sort
        self.sort_box.blockSignals(True)
        self.sort_box.setCurrentIndex(max(0, self.sort_box.findData(key)))
        self.sort_box.blockSignals(False)
        code = indicator_of(sort)
        # Sorted by a result, the box names it ("Sort by: Mathematics"); the note says the rest.
        self.sort_box.setItemText(self.sorts.index("indicator"),
                                  indicators.name(code) if code else _("By a school result…"))
        self._update_sort_note()

    def _apply_model_order(self) -> None:
        current = self.list_view.current_id()
        self.list_view.delegate.clear()
        self.model.set_order(self._sort)
        if current:
            self._select_row(current)
        if self._last_result is not None and self.isVisible():
            QTimer.singleShot(0, self, lambda: self._show_listed(frame=True))  # the list re-sorted

    def _update_sort_note(self) -> None:
        code = indicator_of(self._sort)
        if code is None:
            self.sort_note.hide()
            self._show_notes()
            return
        item = {"indicator": code, "group": self.state.filters.indicator_group}
        if indicators.higher_is_better(code) is False:
            text = _("Sorted by {result}, lowest first. Schools without a reported result are at "
                     "the end. Each school shows this result and its change from the year before. "
                     "One result is not the whole school.")
        else:
            text = _("Sorted by {result}, highest first. Schools without a reported result are at "
                     "the end. Each school shows this result and its change from the year before. "
                     "One result is not the whole school.")
        self.sort_note.setText(text.format(result=indicators.headline(item)))
        self.sort_note.show()
        self._show_notes()

    def _show_notes(self) -> None:
        """The notes' scrolling part only while one of them shows (it takes no room otherwise)."""
        self.notes.setVisible(any(not note.isHidden()
                                  for note in (self.status, self.sort_note, self.trip_note)))

    # -- the shortlist --------------------------------------------------------------------------------

    def toggle_shortlist(self, school_id: str) -> None:
        if self.state.in_shortlist(school_id):
            self.state.remove_from_shortlist(school_id)
        else:
            self.state.add_to_shortlist(school_id)

    def _shortlist_changed(self) -> None:
        self.model.refresh_shortlist()
        self._update_labels()

    # -- keeping the list and the map in step ---------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        school_id = self.model.id_at(current.row()) if current.isValid() else ""
        if school_id:
            self.state.select(school_id)
            self.window.map_view.highlight(school_id)

    def _row_hovered(self, index: QModelIndex) -> None:
        school_id = self.model.id_at(index.row())
        self.window.map_view.highlight(school_id or self.state.selected or None)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.list_view.viewport() and event.type() == QEvent.Type.Leave:
            self.window.map_view.highlight(self.state.selected or None)
        return False

    def _marker_hovered(self, school_id: str) -> None:
        self.model.set_hovered(school_id)
        row = self.model.row_of(school_id)
        if row >= 0 and self.isVisible():
            self._scrolling_to_marker = True
            self.list_view.scrollTo(self.model.index(row))
            self._scrolling_to_marker = False

    def _marker_clicked(self, school_id: str) -> None:
        if self._select_row(school_id):
            self.state.select(school_id)

    def _select_from_state(self, school_id: str) -> None:
        if school_id and school_id != self.list_view.current_id():
            self._select_row(school_id)

    def _select_row(self, school_id: str) -> bool:
        row = self.model.row_of(school_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self.list_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list_view.scrollTo(index)
        return True

    def selected_id(self) -> str:
        return self.list_view.current_id()

    def _reading_changed(self) -> None:
        """A card's button says "Stop reading", or "No voice…" once the engine has said so
        (which can change the rows' layout: laid out again only then)."""
        voiced = self.window.read_aloud.has_voice()
        if voiced != self._voiced:
            self._voiced = voiced
            self.list_view.delegate.clear()
            self.list_view.scheduleDelayedItemsLayout()
        self.list_view.viewport().update()

    def read_card(self, school_id: str) -> None:
        """"Read aloud" on a card: its words, the card outlined while they are read."""
        row = self.model.row_of(school_id)
        if row >= 0:
            self.window.read_aloud.toggle(card_key(school_id), None,
                                          lambda: self.model.spoken_parts(row))


PAGE = ResultsPage
