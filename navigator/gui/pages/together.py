"""Together: schools that fit every child of the household, beside the map.

The options come from :func:`navigator.household.together.together` (the same school or campus,
e.g. a K-8, or schools close together, with the straight-line distance between them), worded as
on the command line (:mod:`navigator.household.together_text`).  The map shows each child's
schools in the child's own marker shape (circle, square, triangle...), the same colour for every
child and every sector; the child's name is in the marker's accessible text and in the key.
"Add to their lists" puts each child's school of an option on that child's own list.

Where the pack has a timetable, each pair of schools also shows the trip between them by bus or
train on the next school day (:mod:`navigator.transit.between`), arriving by the second school's
start time; without one, the straight-line distance only, and the screen says so.

The options are worked out by the operations layer on its worker (on a large pack, with a
bus-scale timetable, that takes a few tenths of a second); the page shows them when they come.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from navigator.errors import UserError
from navigator.gui.layouts import beside_map, nest, vertical_scroll
from navigator.gui.operations import Failure, tasks
from navigator.gui.pages.base import Page
from navigator.gui.widgets import BigButton, WrapButton, plain_label
from navigator.household import together_text as words
from navigator.household.model import child_label
from navigator.i18n import _
from navigator.transit.timetable import has_timetable

SHAPES = ("circle", "square", "triangle", "pentagon", "hexagon", "star")  # child 1 .. 6
SHOWN = 8  # options on the screen: the nearest first
SHAPE_NAMES = {"circle": "●", "square": "■", "triangle": "▲", "pentagon": "⬟", "hexagon": "⬢",
               "star": "★"}


def shape_of(number: int) -> str:
    return SHAPES[(number - 1) % len(SHAPES)]


class TogetherPage(Page):
    name = "together"

    def __init__(self, state, window):
        super().__init__(state, window)
        outer = QVBoxLayout(self)
        self.heading = plain_label("heading")
        self.intro = plain_label("small")
        outer.addWidget(self.heading)
        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.addWidget(self.intro)  # scrolls with the options: never cut off
        self.options_layout = QVBoxLayout()
        self.options_layout.setSpacing(10)
        nest(body_layout, self.options_layout, 1)
        self.scroll = vertical_scroll(self.body)
        self.splitter, self.map_holder = beside_map(self.scroll)
        outer.addWidget(self.splitter, 1)
        self.result = None
        self._split_done = False
        self.option_boxes: list[QFrame] = []
        self.add_buttons: list[BigButton] = []

    def title(self) -> str:
        return _("Together")

    def retranslate(self) -> None:
        self.heading.setText(_("Schools for all your children"))
        self._say_intro()
        if self.isVisible():
            self.refresh()

    def on_shown(self) -> None:
        holder = self.map_holder.layout()
        map_view = self.window.map_view
        if map_view.parent() is not self.map_holder:
            holder.addWidget(map_view)
        map_view.show()
        width = self.splitter.width()
        if width > 0 and not self._split_done:
            self._split_done = True  # half and half: the shapes need room to be told apart
            self.splitter.setSizes([width // 2, width - width // 2])
        self.refresh()

    def on_reset(self) -> None:
        self.result = None
        self._clear()

    def _clear(self) -> None:
        while self.options_layout.count():
            item = self.options_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.option_boxes, self.add_buttons = [], []

    def _say_intro(self) -> None:
        timed = has_timetable(self.state.pack)
        if timed:
            self.intro.setText(_("The same school or campus, or schools close together. Distances "
                                 "are in a straight line, with the trip between two schools by "
                                 "bus or train where the timetable has one. On the map each "
                                 "child's schools have their own shape."))
        else:
            self.intro.setText(_("The same school or campus, or schools close together. Distances "
                                 "are in a straight line: this area's data has no bus or train "
                                 "timetable. On the map each child's schools have their own "
                                 "shape."))

    def refresh(self) -> None:
        """Work the options out again from every child's grade and needs, and show them."""
        household = self.state.to_household()
        self.state.operations.run(
            tasks.together_options(household, self.state.today(), SHOWN),
            done=lambda result: self._show(household, result),
            failed=lambda failure: self._not_found(household, failure),
            key="together", owner=self)

    def _not_found(self, household, failure: Failure) -> None:
        """No options: one child only (say what the screen is for), else the reason."""
        self.result = None
        self._clear()
        note = plain_label("lead")
        if len(household.children) < 2:
            note.setText(_("Add a brother or sister first: this screen finds schools for two "
                           "or more children."))
        else:
            note.setText(failure.detail if isinstance(failure.error, UserError) else failure.sentence)
        self.options_layout.addWidget(note)
        self.options_layout.addStretch(1)
        self.window.map_view.set_schools([])

    def _show(self, household, result) -> None:
        self.result = result
        self._clear()
        self._say_intro()
        unit = self.state.pack.region.distance_unit
        summary = plain_label()
        summary.setText("\n".join(words.summary_lines(household, self.result, unit)))
        self.options_layout.addWidget(summary)
        has_home = household.home is not None
        for rank, option in enumerate(self.result.options, start=1):
            box = QFrame()
            box.setObjectName("togetherOption")
            box.setFrameShape(QFrame.Shape.StyledPanel)
            lay = QVBoxLayout(box)
            head = plain_label("subheading")
            head.setText(_("{rank}. {option}").format(rank=rank, option=words.option_heading(
                option, unit)))
            lay.addWidget(head)
            for fit in option.fits:
                line = plain_label()
                line.setText(f"{SHAPE_NAMES[shape_of(fit.child)]} "
                             + words.fit_line(household, fit, unit, has_home))
                lay.addWidget(line)
            for leg in option.legs:
                trip = words.leg_line(leg)
                if trip:
                    extra = plain_label("small")
                    extra.setText(trip)
                    lay.addWidget(extra)
            for note in option.notes:
                extra = plain_label("small")
                extra.setText("ⓘ " + note.message(self.state.language))
                lay.addWidget(extra)
            add = WrapButton()  # beside the map: its words wrap in Armenian at the largest text
            add.setText(_("Add to their lists"))
            add.setAccessibleName(_("Add option {rank} to each child's list").format(rank=rank))
            add.clicked.connect(lambda _c=False, o=option: self.add_option(o))
            lay.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
            self.options_layout.addWidget(box)
            self.option_boxes.append(box)
            self.add_buttons.append(add)
        self.options_layout.addStretch(1)
        self._feed_map()
        # Again once the map has its new size in this page (the web page resizes a moment
        # after Qt), so the fit to the schools is made for the size it is shown at.
        QTimer.singleShot(300, self._feed_map)

    def _feed_map(self) -> None:
        if self.isVisible():
            self.window.map_view.set_schools(self.map_features(), fit_bounds=True)

    def map_features(self) -> list[dict]:
        """Each school of the shown options once, in the shape of the first child it is for,
        its accessible text naming every child it is for."""
        if self.result is None:
            return []
        from babel.lists import format_list

        from navigator.i18n import babel_locale

        lang = self.state.language
        household = self.state.household
        unit = self.state.pack.region.distance_unit
        schools: dict[str, tuple] = {}
        for option in self.result.options:
            for fit in option.fits:
                entry = schools.setdefault(fit.school.id, (fit.school, []))
                if fit.child not in entry[1]:
                    entry[1].append(fit.child)
        features = []
        from navigator.gui import facts

        for school, numbers in schools.values():
            if school.latitude is None or school.longitude is None or school.virtual:
                continue
            names = [child_label(household.child(n), lang) for n in numbers]
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [school.longitude, school.latitude]},
                "properties": {
                    "id": school.id, "name": school.name, "label": facts.map_label(school, unit),
                    "state": "zoned" if school.zoned else "match", "shape": shape_of(numbers[0]),
                    "who": _("For {children}").format(children=format_list(
                        names, locale=babel_locale(lang))),
                    "key": _("{child}'s schools").format(child=names[0])},
            })
        return features

    def add_option(self, option) -> None:
        """Each child's school of the option onto that child's own list (kept where it is if it
        is there already)."""
        for fit in option.fits:
            self.state.add_to_child_list(fit.child, fit.school.id)


PAGE = TogetherPage
