"""What matters: distance, programs, services, languages, transit, school type, open applications.

Every choice changes the family's filters at once (``state.update_filters``) and the count of
matching schools updates live.  The choices on offer come from the pack's own codes, so a
region's local programs appear too, named in the family's language by ``code_label``.  Each term
has a "?" with a plain explanation.  Today's date comes from ``FamilyState.today`` so tests can fix it.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from navigator.gui.choices import CheckRow, ChoiceGroup
from navigator.gui.dialogs import InfoButton
from navigator.gui.layouts import FitScroll, FlowLayout, card_section, nest, vertical_scroll
from navigator.gui.pages.base import Page
from navigator.gui.pages.needs_words import (
    DISTANCES,
    KM_PER_MILE,
    chosen_filters,
    distance_choice,
    level_names,
)
from navigator.gui.terms import code_explanation, code_name, explanation
from navigator.gui.trip_view import TripChoice
from navigator.gui.widgets import TOUCH, BigButton, plain_label
from navigator.i18n import _, format_date, format_number, ngettext
from navigator.search.query import Query

WALKS = (15, 30)
MODES = ("rail", "bus", "any")
LEVELS = ("elementary", "middle", "high", "k12", "other")
SECTORS = ("district", "charter")
FILTER_NAMES = {f.name for f in fields(Query)}


class NeedsPage(Page):
    name = "needs"

    def __init__(self, state, window):
        super().__init__(state, window)
        pack = state.pack
        self.unit = pack.region.distance_unit if pack.region.distance_unit in DISTANCES else "mi"
        self.codes = self._codes()
        self.dual_languages = pack.dual_languages()
        modes = pack.stop_modes()
        self.modes = [m for m in MODES if m == "any" or m in modes] if modes else []
        self.lines = pack.lines()
        levels = pack.levels()
        self.levels = [lv for lv in LEVELS if lv in levels]
        self.line_titles = pack.line_titles()  # with the operator: "Metro 2", "Compton 2"
        self._syncing = False

        outer = QVBoxLayout(self)
        # Stays in view while the choices scroll: the live count and what is chosen, as chips a
        # tap takes away (the choices themselves may be far down the page).
        top = QHBoxLayout()
        self.heading = plain_label("heading")
        self.count = plain_label("count")
        self.count.setObjectName("matchCount")
        self.clear = BigButton()
        self.clear.clicked.connect(self.clear_choices)
        top.addWidget(self.count, 1)
        top.addWidget(self.clear, 0, Qt.AlignmentFlag.AlignTop)
        chosen = QWidget()  # short of height (the largest text, two children), it scrolls
        chosen_layout = QVBoxLayout(chosen)
        chosen_layout.setContentsMargins(0, 0, 0, 0)
        nest(chosen_layout, top)
        self.chips_holder = QWidget()
        self.chips = FlowLayout(self.chips_holder)
        self.chip_buttons: list[BigButton] = []
        chosen_layout.addWidget(self.chips_holder)
        outer.addWidget(FitScroll(chosen))
        self.intro = plain_label("lead")
        body = QWidget()
        self.scroll = vertical_scroll(body)
        outer.addWidget(self.scroll, 1)
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.heading)
        body_layout.addWidget(self.intro)
        self.grid = QGridLayout()
        nest(body_layout, self.grid)
        self.grid.setSpacing(12)
        self.columns = (QWidget(), QWidget())
        left, right = (QVBoxLayout(c) for c in self.columns)
        for column in (left, right):
            column.setContentsMargins(0, 0, 0, 0)
        self._two_columns: bool | None = None
        self._arrange_later = QTimer(self)  # owned by the page: never fires after it is gone
        self._arrange_later.setSingleShot(True)
        self._arrange_later.setInterval(0)
        self._arrange_later.timeout.connect(self._arrange)

        left.addWidget(self._build_distance())
        left.addWidget(self._build_programs())
        left.addWidget(self._build_rows("el"))
        left.addWidget(self._build_rows("sped"))
        left.addStretch(1)
        right.addWidget(self._build_rows("language"))
        right.addWidget(self._build_transit())
        self.trip_choice = TripChoice(state)
        self.trip_choice.changed.connect(self._apply)
        right.addWidget(self.trip_choice)
        right.addWidget(self._build_type())
        right.addWidget(self._build_more())
        right.addStretch(1)
        self._arrange()

        state.results_ready.connect(self.show_count)
        state.home_changed.connect(self._sync)
        state.query_changed.connect(self._sync)
        state.query_changed.connect(self._show_chips)

    def title(self) -> str:
        return _("What matters")

    # --- building -------------------------------------------------------------------------------

    def _codes(self) -> dict[str, list[str]]:
        """The pack's codes per category that at least one school reports (yes or no)."""
        used: dict[str, list[str]] = {c: [] for c in ("program", "el", "sped", "language")}
        for category, code in self.state.pack.feature_codes():
            if category in used:
                used[category].append(code)
        return used

    def _build_distance(self) -> QFrame:
        self.distance_title = plain_label("subheading")
        card, layout = card_section(self.distance_title)
        self.distance_note = plain_label("small")
        layout.addWidget(self.distance_note)
        grid = QGridLayout()
        self.distance_group = ChoiceGroup(self)
        self.distance_buttons: list[tuple[BigButton, float | None, float | None]] = []
        choices = [(None, None)] + [(value * (KM_PER_MILE if self.unit == "mi" else 1.0), None)
                                    for value in DISTANCES[self.unit]] + [(None, m) for m in WALKS]
        for i, (km, walk) in enumerate(choices):
            button = BigButton("choice")
            button.setCheckable(True)
            self.distance_group.addButton(button, i)
            grid.addWidget(button, i // 2, i % 2)
            self.distance_buttons.append((button, km, walk))
        self.distance_group.idClicked.connect(lambda _i: self._apply())
        nest(layout, grid)
        return card

    def _build_programs(self) -> QFrame:
        self.programs_title = plain_label("subheading")
        card, layout = card_section(self.programs_title)
        self.program_rows: dict[str, CheckRow] = {}
        for code in self.codes["program"]:
            row = CheckRow()
            row.toggled.connect(lambda _on: self._apply())
            layout.addWidget(row)
            self.program_rows[code] = row
            if code == "dual_language" and self.dual_languages:
                holder = QWidget()
                inner = QHBoxLayout(holder)
                inner.setContentsMargins(TOUCH, 0, 0, 0)
                self.dual_group = ChoiceGroup(self)
                self.dual_buttons: dict[str, BigButton] = {}
                for lang in ["", *self.dual_languages]:
                    button = BigButton("choice")
                    button.setCheckable(True)
                    self.dual_group.addButton(button)
                    self.dual_buttons[lang] = button
                    inner.addWidget(button)
                self.dual_group.buttonClicked.connect(lambda _button: self._dual_language_clicked())
                inner.addStretch(1)
                self.dual_holder = holder
                layout.addWidget(holder)
        return card

    def _build_rows(self, category: str) -> QFrame:
        title = plain_label("subheading")
        info = InfoButton() if category in ("el", "sped") else None
        card, layout = card_section(title, info)
        rows = {}
        for code in self.codes[category]:
            row = CheckRow(info=category != "language")
            row.toggled.connect(lambda _on: self._apply())
            layout.addWidget(row)
            rows[code] = row
        setattr(self, f"{category}_title", title)
        setattr(self, f"{category}_info", info)
        setattr(self, f"{category}_rows", rows)
        if not rows:
            card.hide()
        return card

    def _build_transit(self) -> QFrame:
        self.transit_title = plain_label("subheading")
        card, layout = card_section(self.transit_title)
        grid = QGridLayout()
        self.mode_group = ChoiceGroup(self)
        self.mode_buttons: dict[str | None, BigButton] = {}
        for i, mode in enumerate([None, *self.modes]):
            button = BigButton("choice")
            button.setCheckable(True)
            self.mode_group.addButton(button, i)
            grid.addWidget(button, i, 0)  # one per row: the Spanish labels are long
            self.mode_buttons[mode] = button
        self.mode_group.idClicked.connect(lambda _i: self._apply())
        nest(layout, grid)
        self.line_label = plain_label()
        self.line_box = QComboBox()
        self.line_box.setMinimumHeight(TOUCH)
        self.line_box.addItem("", None)
        for line_id, _short, _long in self.lines:
            self.line_box.addItem("", line_id)
        self.line_label.setBuddy(self.line_box)
        self.line_box.currentIndexChanged.connect(lambda _i: self._apply())
        layout.addWidget(self.line_label)
        layout.addWidget(self.line_box)
        self.one_seat = CheckRow()
        self.one_seat.toggled.connect(lambda _on: self._apply())
        layout.addWidget(self.one_seat)
        self.one_seat_note = plain_label("small")
        layout.addWidget(self.one_seat_note)
        if not self.modes:
            card.hide()
        return card

    def _build_type(self) -> QFrame:
        self.type_title = plain_label("subheading")
        card, layout = card_section(self.type_title)
        self.sector_rows = {s: CheckRow() for s in SECTORS}
        self.level_rows = {lv: CheckRow(info=False) for lv in self.levels}
        for row in [*self.sector_rows.values(), *self.level_rows.values()]:
            row.toggled.connect(lambda _on: self._apply())
            layout.addWidget(row)
        return card

    def _build_more(self) -> QFrame:
        self.more_title = plain_label("subheading")
        card, layout = card_section(self.more_title)
        self.open_row = CheckRow()
        self.drop_unknown = CheckRow()
        self.referral_row = CheckRow(info=False)  # a referral concerns this child: those schools too
        for row in (self.open_row, self.drop_unknown, self.referral_row):
            row.toggled.connect(lambda _on: self._apply())
            layout.addWidget(row)
        if not self.state.pack.has_referral_schools():
            self.referral_row.hide()  # a choice that could change nothing: not offered
        return card

    def _arrange(self) -> None:
        """Two columns side by side when they fit, one below the other when the text is large."""
        needed = sum(c.minimumSizeHint().width() for c in self.columns) + self.grid.spacing() + 24
        two = self.scroll.viewport().width() >= needed
        if two == self._two_columns:
            return
        self._two_columns = two
        left, right = self.columns
        self.grid.removeWidget(left)
        self.grid.removeWidget(right)
        self.grid.addWidget(left, 0, 0)
        self.grid.addWidget(right, 0, 1) if two else self.grid.addWidget(right, 1, 0)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1 if two else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event) -> None:  # noqa: N802 - text size or language changed
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LanguageChange):
            self._arrange_later.start()

    # --- widgets -> filters -------------------------------------------------------------------

    def _dual_language_clicked(self) -> None:
        if not self.program_rows["dual_language"].isChecked():
            self.program_rows["dual_language"].setChecked(True)  # choosing a language means yes
        else:
            self._apply()

    def filters_from_widgets(self) -> dict:
        checked = self.distance_group.checkedId()
        _button, km, walk = self.distance_buttons[checked] if checked >= 0 else (None, None, None)
        programs = []
        for code, row in self.program_rows.items():
            if not row.isChecked():
                continue
            if code == "dual_language" and self.dual_languages:
                lang = next((lg for lg, b in self.dual_buttons.items() if b.isChecked()), "")
                programs.append(f"dual_language:{lang}" if lang else "dual_language")
            else:
                programs.append(code)
        mode = next((m for m, b in self.mode_buttons.items() if b.isChecked()), None)
        has_home = self.state.home is not None
        return {
            "within_km": km if has_home else None,
            "walk_min": walk if has_home else None,
            "programs": tuple(programs),
            "el": tuple(c for c, r in self.el_rows.items() if r.isChecked()),
            "sped": tuple(c for c, r in self.sped_rows.items() if r.isChecked()),
            "languages": tuple(c for c, r in self.language_rows.items() if r.isChecked()),
            "transit": mode,
            "line": self.line_box.currentData(),
            "one_seat": has_home and self.one_seat.isChecked(),
            "sectors": tuple(s for s, r in self.sector_rows.items() if r.isChecked()),
            "levels": tuple(lv for lv, r in self.level_rows.items() if r.isChecked()),
            "open_on": self.state.today() if self.open_row.isChecked() else None,
            "drop_unknown": self.drop_unknown.isChecked(),
            "referral": self.referral_row.isChecked(),
            **self.trip_choice.values(),
        }

    def _apply(self) -> None:
        if self._syncing:
            return
        wanted = self.filters_from_widgets()
        changes = {k: v for k, v in wanted.items() if getattr(self.state.filters, k) != v}
        if changes:
            self.state.update_filters(**changes)
        self._enable()

    def clear_choices(self) -> None:
        default = Query()
        chosen = [*self.filters_from_widgets(), "trip_walk_min"]  # the longer walk: chosen on Schools
        self.state.update_filters(**{k: getattr(default, k) for k in chosen})

    # --- filters -> widgets -------------------------------------------------------------------

    def _sync(self) -> None:
        """Show the state's filters (from a saved session, a start over, or this page)."""
        self._syncing = True
        try:
            f = self.state.filters
            index = next((i for i, (_b, km, walk) in enumerate(self.distance_buttons)
                          if (km is not None and f.within_km is not None and abs(km - f.within_km) < 1e-6)
                          or (walk is not None and f.walk_min == walk)), 0)
            self.distance_group.choose(self.distance_buttons[index][0])
            wanted = {p.split(":", 1)[0]: p.partition(":")[2] for p in f.programs}
            for code, row in self.program_rows.items():
                row.setChecked(code in wanted)
            if self.dual_languages:
                lang = wanted.get("dual_language", "")
                self.dual_group.choose(self.dual_buttons.get(lang, self.dual_buttons[""]))
            for category, chosen in (("el", f.el), ("sped", f.sped), ("language", f.languages)):
                for code, row in getattr(self, f"{category}_rows").items():
                    row.setChecked(code in chosen)
            self.mode_group.choose(self.mode_buttons.get(f.transit, self.mode_buttons[None]))
            self.line_box.setCurrentIndex(max(0, self.line_box.findData(f.line)) if f.line else 0)
            self.one_seat.setChecked(f.one_seat)
            for sector, row in self.sector_rows.items():
                row.setChecked(sector in f.sectors)
            for level, row in self.level_rows.items():
                row.setChecked(level in f.levels)
            self.open_row.setChecked(f.open_on is not None)
            self.drop_unknown.setChecked(f.drop_unknown)
            self.referral_row.setChecked(f.referral)
            self.trip_choice.sync(f)
        finally:
            self._syncing = False
        self._enable()

    def _enable(self) -> None:
        has_home = self.state.home is not None
        for button, km, walk in self.distance_buttons:
            button.setEnabled(has_home or (km is None and walk is None))
        self.distance_note.setVisible(not has_home)
        self.one_seat.setEnabled(has_home)
        if self.dual_languages:
            self.dual_holder.setVisible(self.program_rows["dual_language"].isChecked())

    def show_count(self, result) -> None:
        n, number = result.count, format_number(result.count)
        if self.chosen():
            text = ngettext("{n} school matches what you chose:",
                            "{n} schools match what you chose:", n)
        else:
            text = ngettext("Nothing chosen yet: {n} school to look at.",
                            "Nothing chosen yet: {n} schools to look at.", n)
        self.count.setText(text.format(n=number))
        self.clear.setVisible(bool(self.chosen()))

    # --- what is chosen, as chips -------------------------------------------------------------

    def chosen(self) -> list[tuple[str, dict]]:
        """Each thing the family chose on this page, in words, with the change that removes it."""
        return chosen_filters(self.state, self.lines, self.unit)

    def _show_chips(self) -> None:
        for button in self.chip_buttons:
            self.chips.removeWidget(button)
            button.hide()  # at once: deleteLater waits for the event loop
            button.deleteLater()
        self.chip_buttons = []
        for text, changes in self.chosen():
            chip = BigButton("chip")
            # TRANSLATORS: a chosen filter shown as a chip; tapping it (the cross) takes it away.
            chip.setText(_("{choice}  ✕").format(choice=text))
            chip.setAccessibleName(_("Remove: {choice}").format(choice=text))
            chip.setToolTip(chip.accessibleName())
            chip.clicked.connect(lambda _checked=False, c=changes: self.state.update_filters(**c))
            self.chips.addWidget(chip)
            self.chip_buttons.append(chip)
        self.chips_holder.setVisible(bool(self.chip_buttons))
        if self.state.results is not None:
            self.show_count(self.state.results)

    # --- texts --------------------------------------------------------------------------------

    def _label(self, category: str, code: str) -> str:
        return code_name(self.state.pack, category, code, self.state.language)

    def _explanation(self, category: str, code: str) -> str | None:
        return code_explanation(self.state.pack, category, code, self.state.language)

    def retranslate(self) -> None:
        self.heading.setText(_("What matters to you?"))
        self.intro.setText(_("Choose what you need. The number of schools changes as you choose. You "
                             "can leave everything empty."))
        self.clear.setText(_("Clear my choices"))
        self.distance_title.setText(_("How far from home?"))
        self.distance_note.setText(_("Tell us where you live (step 1) to choose by distance."))
        for button, km, walk in self.distance_buttons:
            button.setText(distance_choice(km, walk, self.unit))
        self.programs_title.setText(_("Programs"))
        for code, row in self.program_rows.items():
            row.set_text(self._label("program", code), self._explanation("program", code))
        if self.dual_languages:
            self.dual_buttons[""].setText(_("Any language"))
            for lang in self.dual_languages:
                self.dual_buttons[lang].setText(self._label("language", lang))
        self.el_title.setText(_("Help for English learners"))
        self.el_info.set_explanation(_("English learner (EL)"), explanation("el"))
        self.sped_title.setText(_("Special education"))
        self.sped_info.set_explanation(_("IEP"), explanation("iep"))
        for category in ("el", "sped", "language"):
            for code, row in getattr(self, f"{category}_rows").items():
                row.set_text(self._label(category, code), self._explanation(category, code))
        self.language_title.setText(_("Staff who speak your language"))
        self._retranslate_transit()
        self.type_title.setText(_("Type of school"))
        self.sector_rows["district"].set_text(_("District school"), explanation("district"))
        self.sector_rows["charter"].set_text(_("Charter school"), explanation("charter"))
        names = level_names()
        for level, row in self.level_rows.items():
            row.set_text(names[level])
        self.more_title.setText(_("More"))
        self.open_row.set_text(
            _("Still accepting applications today ({date})").format(date=format_date(self.state.today())),
            explanation("open_now"), term=_("Still accepting applications"))
        self.drop_unknown.set_text(_("Leave out schools with unknown data"), explanation("drop_unknown"))
        # TRANSLATORS: for a child the district or an IEP team refers to a school: such schools
        # (continuation, community day, special-education centres) are listed too.
        self.referral_row.set_text(_("Also show schools that give places by referral"))
        self._show_chips()
        if self.state.results is None:
            self.count.setText("")
        self._arrange_later.start()

    def _retranslate_transit(self) -> None:
        self.transit_title.setText(_("Getting there by bus or train"))
        names = {None: _("No need"), "rail": _("Near a train station"), "bus": _("Near a bus stop"),
                 "any": _("Near any bus or train stop")}
        for mode, button in self.mode_buttons.items():
            button.setText(names[mode])
        self.line_label.setText(_("A stop of this line near the school:"))
        self.line_box.setAccessibleName(_("A stop of this line near the school"))
        self.line_box.setItemText(0, _("Any line"))
        for i, (line_id, _short, long) in enumerate(self.lines, start=1):
            title = self.line_titles.get(line_id, line_id)
            self.line_box.setItemText(i, title if not long or long in title else f"{title} — {long}")
        self.one_seat.set_text(_("One-seat ride from home"), explanation("one_seat"))
        self.one_seat_note.setText(_("Tell us where you live (step 1) to use this."))
        self.one_seat_note.setVisible(self.state.home is None)
        self.trip_choice.retranslate()

    def on_shown(self) -> None:
        self._arrange()
        self._arrange_later.start()
        self._sync()
        self.one_seat_note.setVisible(self.state.home is None)
        self._show_chips()
        self.scroll.verticalScrollBar().setValue(0)  # the page opens at its top, the first choice
        first = self.distance_group.checkedButton() or self.distance_buttons[0][0]
        first.setFocus()

    def on_reset(self) -> None:
        self._sync()
        self._show_chips()
        self.count.setText("")


PAGE = NeedsPage
