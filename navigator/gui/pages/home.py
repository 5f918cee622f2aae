"""Where you live: a ZIP code, a street address (when the pack has an address list), a tap on the
map, or skip.  As soon as a home is known the zoned school(s) appear, with what that means.

Errors from the core come as one English sentence; the page leads with a translated sentence
chosen by what failed and shows the core's words beneath, smaller.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from navigator.addresses import split_address
from navigator.errors import UserError
from navigator.facts import span_short
from navigator.gui.dialogs import InfoButton
from navigator.gui.layouts import FitScroll, nest, vertical_scroll
from navigator.gui.pages.base import Page
from navigator.gui.terms import explanation
from navigator.gui.widgets import BigButton, plain_label
from navigator.i18n import SOURCE_LANGUAGE, _, ngettext
from navigator.pack_texts import home_place, region_name
from navigator.search.location import (
    OutsideRegion,
    ensure_in_region,
    home_from_address,
    home_from_point,
    home_from_stop,
    home_from_zip,
)
from navigator.search.zones import zoned_schools


class HomePage(Page):
    name = "home"

    def __init__(self, state, window):
        super().__init__(state, window)
        pack = state.pack
        self.has_addresses = pack.has_addresses()
        self.has_zones = pack.has_attendance_zones()
        self.example_zip = pack.example_zip() or "90012"
        self.example_address = pack.example_address() or ""
        self.example_stop = pack.example_stop() or ""

        # The form on the left; on the right what was found (the zoned school) above the map,
        # so the answer appears beside the field the family typed in, without scrolling.
        outer = QHBoxLayout(self)
        form = QWidget()
        self.scroll = vertical_scroll(form)
        outer.addWidget(self.scroll, 1)
        self.map_box = QVBoxLayout()
        nest(outer, self.map_box, 1)

        layout = QVBoxLayout(form)
        layout.setSpacing(10)
        self.heading = plain_label("heading")
        self.intro = plain_label("lead")
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)

        self.zip_label = plain_label("subheading")
        self.zip_field = QLineEdit()
        self.zip_field.setProperty("role", "big")
        self.zip_field.setMaxLength(5)
        self.zip_field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,5}"), self))
        self.zip_field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.zip_field.setMaximumWidth(260)
        self.zip_field.returnPressed.connect(self.find_zip)
        self.zip_label.setBuddy(self.zip_field)
        self.zip_button = BigButton("primary")
        self.zip_button.clicked.connect(self.find_zip)
        self.zip_error = plain_label("error")
        self.zip_detail = plain_label("small")
        layout.addWidget(self.zip_label)
        nest(layout, self._row(self.zip_field, self.zip_button))
        layout.addWidget(self.zip_error)
        layout.addWidget(self.zip_detail)

        self.address_label = plain_label("subheading")
        layout.addWidget(self.address_label)
        self.address_field: QLineEdit | None = None
        self.address_note = plain_label("small")
        if self.has_addresses:
            self.address_field, self.address_button = self._finder(layout, self.address_label,
                                                                   self.find_address)
        layout.addWidget(self.address_note)
        self.address_error = plain_label("error")
        self.address_detail = plain_label("small")
        layout.addWidget(self.address_error)
        layout.addWidget(self.address_detail)
        # A stop or station: for a family who would rather not type an address, and for a
        # volunteer asked about the schools near a station.
        self.stop_label = plain_label("subheading")
        self.stop_field: QLineEdit | None = None
        self.stop_error = plain_label("error")
        self.stop_detail = plain_label("small")
        if self.example_stop:
            layout.addWidget(self.stop_label)
            self.stop_field, self.stop_button = self._finder(layout, self.stop_label, self.find_stop)
            layout.addWidget(self.stop_error)
            layout.addWidget(self.stop_detail)
        self.map_hint = plain_label("subheading")
        self.map_error = plain_label("error")
        layout.addWidget(self.map_hint)
        layout.addWidget(self.map_error)

        self.card = QFrame()
        self.card.setProperty("role", "card")
        card = QVBoxLayout(self.card)
        self.found = plain_label("ok")
        self.zoned_heading = plain_label("subheading")
        self.zoned_info = InfoButton()
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.zoned_heading, 1)
        heading_row.addWidget(self.zoned_info, 0, Qt.AlignmentFlag.AlignTop)
        self.zoned_list = QVBoxLayout()
        self.zoned_about = plain_label("small")
        card.addWidget(self.found)
        nest(card, heading_row)
        nest(card, self.zoned_list)
        card.addWidget(self.zoned_about)
        # It scrolls on its own when the text is large, leaving the map its room.
        self.card_scroll = FitScroll(self.card)
        self.map_box.addWidget(self.card_scroll, 0)

        self.skip = BigButton()
        self.skip.clicked.connect(window.next)
        layout.addWidget(self.skip, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addStretch(1)
        self._failed: tuple[str, str, str] | None = None  # (which field, lead-in msgid kind, detail)

        state.home_changed.connect(self.refresh)
        state.query_changed.connect(self.refresh)
        window.map_view.map_clicked.connect(self.map_clicked)

    def _finder(self, layout: QVBoxLayout, label: QLabel, find) -> tuple[QLineEdit, BigButton]:
        """A field and its Find button in a row; Enter in the field finds too."""
        field, button = QLineEdit(), BigButton("primary")
        field.returnPressed.connect(find)
        button.clicked.connect(find)
        label.setBuddy(field)
        nest(layout, self._row(field, button))
        return field, button

    @staticmethod
    def _row(field: QWidget, button: QWidget) -> QGridLayout:
        row = QGridLayout()
        row.addWidget(field, 0, 0)
        row.addWidget(button, 0, 1)
        row.setColumnStretch(0, 1)
        return row

    def title(self) -> str:
        return _("Where you live")

    # --- finding the home -------------------------------------------------------------------------

    def find_zip(self) -> None:
        text = self.zip_field.text().strip()
        kind = "zip_format" if not (len(text) == 5 and text.isdigit()) else "zip_unknown"
        self._try("zip", kind, lambda: home_from_zip(self.state.pack, text))

    def find_address(self) -> None:
        if self.address_field is None:
            return
        text = self.address_field.text().strip()
        number, street = split_address(text)
        kind = "address_format" if not street or number is None else "address_unknown"
        self._try("address", kind, lambda: home_from_address(self.state.pack, text))

    def find_stop(self) -> None:
        if self.stop_field is not None:
            text = self.stop_field.text().strip()
            self._try("stop", "stop", lambda: home_from_stop(self.state.pack, text))

    def map_clicked(self, lat: float, lon: float) -> None:
        if self.window.current() != self.name:
            return  # a tap on the results map is not a new home
        self._try("map", "point", lambda: home_from_point(lat, lon))

    def _try(self, field: str, kind: str, find) -> None:
        try:
            home = ensure_in_region(self.state.pack, find())
        except OutsideRegion as err:
            self._failed = (field, "outside", str(err))
            self._show_errors()
            return
        except UserError as err:
            self._failed = (field, kind, str(err))
            self._show_errors()
            return
        self._failed = None
        self._show_errors()
        self.state.set_home(home)

    def _lead_in(self, kind: str) -> str:
        return {
            "zip_format": _("Please type the five digits of your ZIP code."),
            "zip_unknown": _("We could not find that ZIP code."),
            "address_format": _("Please type a house number and a street name."),
            "address_unknown": _("We could not find that address."),
            "stop": _("We could not find that stop or station."),
            "point": _("That point is not on the map. Please tap again."),
            "outside": _("That place is outside {region}, the area this app has schools for. "
                         "Please give a place in the area.").format(
                region=region_name(self.state.pack, self.state.language)),
        }[kind]

    def _show_errors(self) -> None:
        places = {"zip": (self.zip_error, self.zip_detail),
                  "address": (self.address_error, self.address_detail),
                  "stop": (self.stop_error, self.stop_detail),
                  "map": (self.map_error, None)}
        # The core's own sentence says more, but only in English: shown beneath on an English
        # screen only, never as English in the middle of a Spanish or Korean one.
        english = self.state.language == SOURCE_LANGUAGE
        for field, (error, detail) in places.items():
            failed = self._failed is not None and self._failed[0] == field
            error.setText(self._lead_in(self._failed[1]) if failed else "")
            error.setVisible(failed)
            if detail is not None:
                detail.setText(self._failed[2] if failed and english else "")
                detail.setVisible(failed and english)

    # --- showing what we found --------------------------------------------------------------------

    def refresh(self) -> None:
        home = self.state.home
        self.card_scroll.setVisible(home is not None)
        self.skip.setText(_("Skip this step"))
        self.skip.setVisible(home is None)  # with a home, the bar's "Next" moves on
        while self.zoned_list.count():
            item = self.zoned_list.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        if home is None:
            return
        place = home_place(self.state.pack, home, self.state.language)
        if home.kind == "point":
            self.found.setText(_("We will use the place you tapped on the map."))
        elif home.exact:
            self.found.setText(_("We will use: {place}").format(place=place))
        else:
            self.found.setText(_("We will use the nearest match: {place}").format(place=place))
        lines, zoned = self.zoned_lines()
        self.zoned_heading.setText(ngettext("Your zoned school", "Your zoned schools", max(1, len(lines))))
        self.zoned_info.set_explanation(_("Zoned school"), explanation("zoned"))
        for text in lines:
            label = plain_label("lead")
            label.setText(text)
            self.zoned_list.addWidget(label)
            label.show()
        # A ZIP's centre or a stop is near the family, not their own door: say so.
        near = home.kind in ("zip", "stop") and self.has_zones
        caveat = ngettext(
            "This is the zoned school for the place we used, {place}. The school for your own "
            "address may be different: type your address or tap your home on the map to be sure.",
            "These are the zoned schools for the place we used, {place}. The schools for your own "
            "address may be different: type your address or tap your home on the map to be sure.",
            max(1, zoned)).format(place=place)
        if not zoned:  # no zones, or a home outside them: nothing is "your school"
            about = ""
        elif self.state.grade is None:
            about = _("Choose your child's grade in the next step to see only the school for that grade.")
            about += "\n" + caveat if near else ""
        else:
            about = caveat if near else ngettext(
                "This is the school your address is assigned to for that grade. You can also "
                "apply to others.",
                "These are the schools your address is assigned to for that grade. You can also "
                "apply to others.", max(1, zoned))
        self.zoned_about.setText(about)
        self.zoned_about.setVisible(bool(about))

    def zoned_lines(self) -> tuple[list[str], int]:
        """The lines the card lists, and how many of them are zoned schools."""
        home = self.state.home
        if not self.has_zones:
            return [_("This area's data has no attendance zones, so we cannot say which school is "
                      "your zoned school.")], 0
        zoned = zoned_schools(self.state.pack, home.latitude, home.longitude, self.state.grade)
        if not zoned:
            return [_("Your home is outside the attendance zones in this data.")], 0
        lines = []
        for name, low, high in self.state.pack.grade_spans(zoned):
            span = span_short(low, high) if low is not None and high is not None else ""
            lines.append(_("{school} (grades {grades})").format(school=name, grades=span) if span
                         else name)
        return lines, len(lines)

    # --- the page protocol ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(_("Where do you live?"))
        self.intro.setText(_("We use your home to find your zoned school and how far away each school "
                             "is. It stays on this screen only. You can skip this step."))
        self.zip_label.setText(_("ZIP code"))
        self.zip_field.setPlaceholderText(_("For example: {zip}").format(zip=self.example_zip))
        self.zip_field.setAccessibleName(_("ZIP code"))
        self.zip_button.setText(_("Find"))
        self.zip_button.setAccessibleName(_("Find this ZIP code"))
        self.address_label.setText(_("Street address"))
        if self.address_field is not None:
            self.address_field.setAccessibleName(_("Street address"))
            self.address_field.setPlaceholderText(
                _("For example: {address}").format(address=self.example_address))
            self.address_button.setText(_("Find"))
            self.address_button.setAccessibleName(_("Find this address"))
            self.address_note.setText(_("A house number and a street are enough. You do not need to "
                                        "give your name."))
        else:
            self.address_note.setText(_("This area's data has no list of street addresses, so you "
                                        "cannot search by address here. Use your ZIP code or tap the "
                                        "map."))
        if self.stop_field is not None:
            self.stop_label.setText(_("Bus stop or train station"))
            self.stop_field.setAccessibleName(_("Bus stop or train station near your home"))
            self.stop_field.setPlaceholderText(_("For example: {stop}").format(stop=self.example_stop))
            self.stop_button.setText(_("Find"))
            self.stop_button.setAccessibleName(_("Find this stop or station"))
        self.map_hint.setText(_("Or tap your home on the map."))
        self._show_errors()
        self.refresh()

    def on_shown(self) -> None:
        view = self.window.map_view
        if view.parentWidget() is not self:
            self.map_box.addWidget(view, 1)
        view.show()
        self.window.map_sync.show_home_area()  # the home's streets, whatever another screen framed
        self.scroll.verticalScrollBar().setValue(0)  # the page opens at its top, the ZIP first
        self.zip_field.setFocus()

    def on_reset(self) -> None:
        for field in (self.zip_field, self.address_field, self.stop_field):
            if field is not None:
                field.clear()
        self._failed = None
        self._show_errors()
        self.refresh()


PAGE = HomePage
