""""Print or save my list": the family's take-home list, printed, as a QR code, or saved as a file.

Why it looks like this:

* Big and plain: the language of the printout (the family's language to start with), for a
  counsellor a second language beside it, then one big button per thing to do.
* In kiosk mode the app writes nothing about the family to disk, so there is only "Print" and
  "Show QR code"; the file buttons are not even made.  The print dialog offers no "print to file"
  there, and a kiosk with no printer says so in one sentence.
* The exports are rendered by the Qt-free core (:mod:`navigator.exports`) through the operations
  layer, off the GUI thread (a two-language PDF takes about a second), then written or printed on
  its second worker (:mod:`navigator.gui.printing`), so the window never freezes; every failure is
  one plain sentence in the dialog, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, Signal
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QVBoxLayout,
    QWidget,
)

from navigator.gui import facts
from navigator.gui.languages import languages
from navigator.gui.layouts import Reflows, WrappingBody, button_row, nest, vertical_scroll
from navigator.gui.operations import Failure, tasks
from navigator.gui.printing import new_printer
from navigator.gui.widgets import BigButton, plain_label
from navigator.household.model import Household
from navigator.i18n import N_, _, format_number, ngettext
from navigator.shortlist import FamilyList

FILE_KINDS = {  # format -> (button text, file-dialog filter)
    "pdf": (N_("Save as PDF…"), N_("PDF documents (*.pdf)")),
    "ics": (N_("Save to calendar (.ics)…"), N_("Calendar files (*.ics)")),
    "csv": (N_("Save as spreadsheet (.csv)…"), N_("Spreadsheets (*.csv)")),
    "html": (N_("Save as web page (.html)…"), N_("Web pages (*.html)")),
}


def _documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


# --- the dialog -----------------------------------------------------------------------------------


class ExportDialog(Reflows, QDialog):
    """The family's list: print it, show it as a QR code, or (not in kiosk mode) save it.

    ``choose_path(fmt, suggested) -> Path | None`` asks where to save (a file dialog; tests pass
    their own).  ``outcome(kind, message)`` is emitted after each action: kind is "saved",
    "printed" or "failed"; the message is what the dialog shows.
    """

    outcome = Signal(str, str)

    def __init__(self, state, parent: QWidget | None = None, kiosk: bool = False,
                 export_folder: Path | None = None, printer_name: str | None = None,
                 choose_path: Callable[[str, Path], Path | None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setModal(True)
        self.state = state
        self.kiosk = kiosk
        self.export_folder = export_folder
        self.printer_name = printer_name
        self.choose_path = choose_path or self._ask_path
        self.qr_dialog = None
        self.print_dialog: QPrintDialog | None = None

        self.heading = plain_label("heading")
        self.notice = plain_label("lead")
        self.notice.setObjectName("notSubmitted")
        self.summary = plain_label()
        self.empty = plain_label("lead")
        self.lang_label = plain_label()
        self.lang_box = QComboBox()
        self.second_label = plain_label()
        self.second_box = QComboBox()
        self.second_help = plain_label("small")
        for box, label in ((self.lang_box, self.lang_label), (self.second_box, self.second_label)):
            box.setMinimumHeight(48)
            label.setBuddy(box)
        self.print_button = BigButton("primary")
        self.qr_button = BigButton()
        self.save_buttons: dict[str, BigButton] = {}
        if not kiosk:  # nothing about the family is written to disk in kiosk mode
            self.save_buttons = {fmt: BigButton() for fmt in FILE_KINDS}
        self.status = plain_label()
        self.status.setObjectName("exportStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = plain_label("small")
        self.close_button = BigButton()

        self.choices = QWidget()
        grid = QGridLayout(self.choices)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.lang_label, 0, 0)
        grid.addWidget(self.lang_box, 0, 1)
        grid.addWidget(self.second_label, 1, 0)
        grid.addWidget(self.second_box, 1, 1)
        grid.addWidget(self.second_help, 2, 1)
        for widget in (self.second_label, self.second_box, self.second_help):
            widget.setVisible(not kiosk)  # two languages side by side is a counsellor's print
        grid.setColumnStretch(1, 1)
        self.actions = QWidget()
        self.actions_grid = QGridLayout(self.actions)
        self.actions_grid.setContentsMargins(0, 8, 0, 0)
        self._columns = 0
        self._reflow()
        # Everything but "Close" scrolls, so nothing is cut off at 175 % text on a small screen.
        body = WrappingBody()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        for widget in (self.heading, self.notice, self.summary, self.empty, self.choices,
                       self.actions, self.status, self.detail):
            column.addWidget(widget)
        column.addStretch(1)
        self.body = body
        self.scroll = vertical_scroll(body, frame=False)
        bottom = button_row(self.close_button, end=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        nest(layout, bottom)
        self.setMinimumWidth(560)

        self.print_button.clicked.connect(lambda: self.print_list())
        self.qr_button.clicked.connect(self.show_qr)
        for fmt, button in self.save_buttons.items():
            button.clicked.connect(lambda _on=False, f=fmt: self.save(f))
        self.close_button.clicked.connect(self.accept)
        state.language_changed.connect(self.retranslate)
        state.reset_done.connect(self.close)  # "start over" (or the kiosk's idle wipe): forget it
        self.finished.connect(self._disconnect)

        self._fill_languages()
        self.retranslate()
        self._set_status("", "")
        (self.print_button if self.has_schools() else self.close_button).setFocus()

    def _disconnect(self, *_args) -> None:
        for signal, slot in ((self.state.language_changed, self.retranslate),
                             (self.state.reset_done, self.close)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    # --- texts ------------------------------------------------------------------------------------

    def _fill_languages(self) -> None:
        current = self.state.language
        second = self.state.second_language
        for language in languages():
            self.lang_box.addItem(language.name, language.code)
            self.second_box.addItem(language.name, language.code)
        self.second_box.insertItem(0, "", None)
        self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(current)))
        index = self.second_box.findData(second) if second and second != current else 0
        self.second_box.setCurrentIndex(max(0, index))

    def retranslate(self, *_args) -> None:
        self.state.store_child()
        n = sum(len(c.schools) for c in self.state.household.children)
        # A kiosk saves nothing: its families print the list or take it on their phone.
        title = _("Take your list with you") if self.kiosk else _("Print or save my list")
        self.setWindowTitle(title)
        self.heading.setText(title)
        self.notice.setText(_("This is your list, not a submitted application. Navigator does not "
                              "apply for you: apply to each school by its deadline, as the "
                              "printout explains."))
        children = len(self.state.household.children)
        if children > 1:
            self.summary.setText(ngettext(
                "{n} school on the lists of {children}, each list in its order of preference.",
                "{n} schools on the lists of {children}, each list in its order of preference.",
                n).format(n=format_number(n), children=self._names()))
        else:
            self.summary.setText(ngettext("{n} school, in your order of preference.",
                                          "{n} schools, in your order of preference.", n).format(
                n=format_number(n)))
        self.empty.setText(_("Add schools to your list first."))
        self.lang_label.setText(_("Language of the printout:"))
        # TRANSLATORS: a counsellor prints the list in two languages, side by side.
        self.second_label.setText(_("And beside it:"))
        self.second_box.setItemText(0, _("No second language"))
        self.second_help.setText(_("For a counsellor and a family: the same list in two languages, "
                                   "side by side."))
        self.lang_box.setAccessibleName(_("Language of the printout"))
        self.second_box.setAccessibleName(_("Second language, printed beside it"))
        self.print_button.setText(_("Print"))
        self.print_button.setAccessibleName(_("Print my list"))
        self.qr_button.setText(_("Show QR code"))
        self.qr_button.setAccessibleName(_("Show my list as a QR code for a phone"))
        for fmt, button in self.save_buttons.items():
            button.setText(_(FILE_KINDS[fmt][0]))
        self.close_button.setText(_("Close"))
        self._update()

    def has_schools(self) -> bool:
        """Any child's list has a school (the household prints every child's list)."""
        self.state.store_child()
        return any(c.schools for c in self.state.household.children)

    def _update(self) -> None:
        has = self.has_schools()
        self.empty.setVisible(not has)
        for widget in (self.notice, self.summary, self.choices, self.actions):
            widget.setVisible(has)

    def _set_status(self, kind: str, text: str, detail: str = "") -> None:
        """One sentence under the buttons: "ok", "error" or plain (working)."""
        self.status.setProperty("role", {"ok": "ok", "error": "error"}.get(kind, ""))
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        if self.isVisible() and text:
            self.fit(grow=True)

    def _busy(self, on: bool) -> None:
        for button in (self.print_button, self.qr_button, *self.save_buttons.values()):
            button.setEnabled(not on)
        self.lang_box.setEnabled(not on)
        self.second_box.setEnabled(not on)
        self.close_button.setEnabled(not on)  # a print asked for is not dropped by a quick "Close"

    # --- layout --------------------------------------------------------------------------------

    def _buttons(self) -> list[BigButton]:
        return [self.print_button, self.qr_button, *self.save_buttons.values()]

    def _reflow(self) -> None:
        """The buttons two by two when their words fit, else one under the other (a button's
        words never wrap, so at large text sizes they would be cut off)."""
        buttons = self._buttons()
        widest = max(b.sizeHint().width() for b in buttons)
        room = self.actions.width() if self.actions.isVisible() else self.width() - 40
        columns = 2 if 2 * widest + self.actions_grid.horizontalSpacing() <= room else 1
        if columns == self._columns:
            return
        self._columns = columns
        for button in buttons:
            self.actions_grid.removeWidget(button)
        for index, button in enumerate(buttons):
            self.actions_grid.addWidget(button, index // columns, index % columns)

    def fit(self, grow: bool = False) -> None:
        """As big as the content, never bigger than the window it belongs to (``grow``: never
        smaller than now, for a message added under the buttons)."""
        top = self.parentWidget().window() if self.parentWidget() is not None else None
        limit = top.size() - QSize(40, 40) if top is not None else QSize(1200, 800)
        widest = max(b.sizeHint().width() for b in self._buttons())
        two_columns = 2 * widest + self.actions_grid.horizontalSpacing() + 60  # margins, scroll bar
        width = self.width() if grow else min(limit.width(), max(self.minimumWidth(), 640, two_columns))
        if not grow:
            self.resize(width, 400)
        self._reflow()
        margins = self.layout().contentsMargins()
        inner = width - margins.left() - margins.right() - 20  # room for a scroll bar
        content = self.body.layout().totalHeightForWidth(inner)
        height = (content + self.close_button.sizeHint().height()
                  + self.layout().spacing() + margins.top() + margins.bottom() + 24)
        self.resize(width, max(self.height() if grow else 0, min(limit.height(), height)))

    def _text_size_changed(self) -> None:
        self._columns = 0

    # --- what to export ---------------------------------------------------------------------------

    def language(self) -> str:
        return self.lang_box.currentData() or self.state.language

    def second_language(self) -> str | None:
        if self.kiosk:
            return None
        code = self.second_box.currentData()
        return code if code and code != self.language() else None

    def _names(self) -> str:
        from babel.lists import format_list

        from navigator.household.model import child_label
        from navigator.i18n import babel_locale

        lang = self.state.language
        return format_list([child_label(c, lang) for c in self.state.household.children],
                           locale=babel_locale(lang))

    def family_list(self) -> FamilyList:
        """The current child's list (what the QR code shows)."""
        family = self.state.to_family_list()
        family.language = self.language()
        family.second_language = self.second_language()
        return family

    def household(self) -> Household:
        """Every child's list: what is printed, saved and put in the calendar."""
        household = self.state.to_household()
        household.language = self.language()
        household.second_language = self.second_language()
        return household

    def _start(self, kind: str, fmt: str, target: object) -> bool:
        """Render the list (on the worker, with the pack), then save or print it (on the other
        worker); the buttons wait meanwhile, so a print asked for is never asked for twice."""
        if not self.has_schools():
            self._set_status("error", _("Add schools to your list first."))
            self.outcome.emit("failed", self.status.text())
            return False
        self._busy(True)
        self._set_status("", _("Preparing your list…"))
        self.state.operations.run(
            tasks.render_export(self.household(), fmt, self.language(), facts.today(self.state),
                                self.second_language()),
            done=lambda data: self._rendered(kind, target, data), failed=self._render_failed,
            owner=self)
        return True

    def _rendered(self, kind: str, target: object, data: bytes) -> None:
        if kind == "print":
            self._print(target, data)
        else:
            self._write(target, data)

    def _render_failed(self, failure: Failure) -> None:
        self._busy(False)
        self._fail(_("Your list could not be prepared. Please ask a staff member for help."),
                   failure.detail)

    def _fail(self, sentence: str, detail: str = "") -> None:
        self._set_status("error", sentence, detail)
        self.outcome.emit("failed", sentence)

    # --- saving (not in kiosk mode) ---------------------------------------------------------------

    def _start_folder(self) -> Path:
        folder = self.export_folder
        return folder if folder is not None and Path(folder).is_dir() else _documents_folder()

    def suggested_path(self, fmt: str) -> Path:
        # TRANSLATORS: the suggested file name for the saved list, without extension; no slashes.
        stem = _("my-school-list").replace("/", "-").replace("\\", "-").strip() or "my-school-list"
        return self._start_folder() / f"{stem}.{fmt}"

    def _ask_path(self, fmt: str, suggested: Path) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, _(FILE_KINDS[fmt][0]).rstrip("…"),
                                                    str(suggested), _(FILE_KINDS[fmt][1]))
        return Path(path) if path else None

    def save(self, fmt: str) -> bool:
        """Ask where, then render and write atomically; False when nothing was started."""
        if self.kiosk or fmt not in FILE_KINDS or not self.has_schools():
            return False
        path = self.choose_path(fmt, self.suggested_path(fmt))
        if path is None:
            return False
        path = Path(path)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(f"{path.name}.{fmt}")
        return self._start("save", fmt, path)

    def _write(self, path: Path, data: bytes) -> None:
        def saved(_path: Path) -> None:
            self._busy(False)
            self._set_status("ok", _("Saved: {file}").format(file=str(path)))
            self.outcome.emit("saved", self.status.text())

        def not_saved(_failure: Failure) -> None:
            self._busy(False)
            self._fail(_("The file was not saved. Choose another folder, or check that the disk "
                         "is not full."), str(path))

        self.state.operations.run(tasks.write_file(path, data), done=saved, failed=not_saved,
                                  owner=self, needs_pack=False)

    # --- printing ----------------------------------------------------------------------------------

    def print_list(self, printer: QPrinter | None = None) -> bool:
        """Print the list.  With no ``printer``, the print dialog asks which one (and how many
        copies); a given printer is used as it is (tests, a kiosk's fixed printer)."""
        if not self.has_schools():
            return False
        if printer is not None:
            return self._start("print", "pdf", printer)
        if self.kiosk and not QPrinterInfo.availablePrinters():
            self._fail(_("No printer is ready. Ask a staff member for help, or show the QR code to "
                         "take your list on your phone."))
            return False
        printer = new_printer(self.printer_name)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, not self.kiosk)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
        dialog.accepted.connect(lambda *_args: self._start("print", "pdf", printer))
        dialog.finished.connect(dialog.deleteLater)
        self.print_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open wants a receiver; the plain one is enough
        return True

    def _print(self, printer: QPrinter, data: bytes) -> None:
        def printed(_pages: int) -> None:
            self._busy(False)
            self._set_status("ok", _("Your list was sent to the printer."))
            self.outcome.emit("printed", self.status.text())

        def not_printed(failure: Failure) -> None:
            self._busy(False)
            self._fail(_("The list could not be printed. Check that the printer is on and has "
                         "paper, then try again."), failure.detail)

        self.state.operations.run(tasks.print_pdf(printer, data), done=printed, failed=not_printed,
                                  owner=self, needs_pack=False)

    # --- the QR code --------------------------------------------------------------------------------

    def show_qr(self):
        from navigator.gui.qr_dialog import QrDialog

        if not self.has_schools():
            return None
        if self.qr_dialog is not None:
            self.qr_dialog.close()
        self.qr_dialog = QrDialog(self.state, self)
        self.qr_dialog.open_when_ready()
        return self.qr_dialog


def open_export_dialog(window) -> ExportDialog:
    """The dialog for a main window (its kiosk flag, export folder and configured printer)."""
    dialog = ExportDialog(window.state, window, kiosk=bool(getattr(window, "kiosk", False)),
                          export_folder=window.export_folder,
                          printer_name=window.printer_name)
    dialog.finished.connect(dialog.deleteLater)
    dialog.fit()
    dialog.open()
    return dialog

