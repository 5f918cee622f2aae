""""Print or save my list": the family's take-home list, printed, as a QR code, or saved as a file.

Why it looks like this:

* Big and plain: the language of the printout (the family's language to start with), for a
  counsellor a second language beside it, then one big button per thing to do.
* In kiosk mode the app writes nothing about the family to disk, so there is only "Print" and
  "Show QR code"; the file buttons are not even made.  The print dialog offers no "print to file"
  there, and a kiosk with no printer says so in one sentence.
* The exports are rendered by the Qt-free core (:mod:`navigator.exports`) on a worker thread with
  its own pack connection (a two-language PDF takes about a second), so the window never freezes;
  every failure is one plain sentence in the dialog, never a crash.

Printing: the PDF export is drawn page by page onto the printer with QtPdf's ``QPdfDocument``.
Qt 6 has no ``QWebEnginePage.print``; ``QWebEngineView.print`` lays the HTML out with Chromium,
prints it to a PDF and then rasterises that PDF with QtPdf anyway.  Our own PDF is the layout
designed for paper (page breaks, the QR code, Korean and Spanish fonts embedded, tested by the
core), so going straight from it to the printer gives the same pages as "Save as PDF" with no
hidden web view and no network at all.  When the print dialog's "print to file" is chosen (a
``PdfFormat`` printer; never offered in kiosk mode) the PDF itself is written, so the text stays
text instead of becoming pictures of pages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRectF,
    QRunnable,
    QSize,
    QStandardPaths,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QVBoxLayout,
    QWidget,
)

from navigator.errors import UserError
from navigator.gui import facts
from navigator.gui.languages import languages
from navigator.gui.widgets import BigButton, Reflows, button_row, plain_label, vertical_scroll
from navigator.gui.wrapping import WrappingBody
from navigator.household.model import Household
from navigator.i18n import N_, _, format_number, ngettext
from navigator.shortlist import FamilyList

PRINT_DPI = 300  # enough for small print and the QR code; the printer's 1200 would need 100 MB a page
FILE_KINDS = {  # format -> (button text, file-dialog filter)
    "pdf": (N_("Save as PDF…"), N_("PDF documents (*.pdf)")),
    "ics": (N_("Save to calendar (.ics)…"), N_("Calendar files (*.ics)")),
    "csv": (N_("Save as spreadsheet (.csv)…"), N_("Spreadsheets (*.csv)")),
    "html": (N_("Save as web page (.html)…"), N_("Web pages (*.html)")),
}
PAGE_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}


# --- rendering off the GUI thread ---------------------------------------------------------------


class _RenderJob(QRunnable):
    def __init__(self, runner: ExportRunner, job: int, pack_path: Path,
                 family: FamilyList | Household,
                 fmt: str, lang: str, today: date, second: str | None) -> None:
        super().__init__()
        self.runner, self.job, self.pack_path, self.family = runner, job, pack_path, family
        self.fmt, self.lang, self.today, self.second = fmt, lang, today, second

    def run(self) -> None:
        from navigator.catalogue.pack import open_pack
        from navigator.exports import render

        try:
            with open_pack(self.pack_path) as pack:  # sqlite connections stay on their thread
                if isinstance(self.family, Household):  # every child: one print, one calendar
                    from navigator.exports.household import render_household

                    data = render_household(pack, self.family, self.fmt, self.lang, self.today,
                                            self.second)
                else:
                    data = render(pack, self.family, self.fmt, self.lang, self.today,
                                  self.second)
        except Exception as err:  # noqa: BLE001 - reported as one sentence, never a crash
            self.runner.failed.emit(self.job, str(err) if isinstance(err, UserError)
                                    else f"{type(err).__name__}: {err}")
            return
        self.runner.done.emit(self.job, data)


class ExportRunner(QObject):
    """Renders exports one at a time on a worker thread; lives as long as the application, so a
    dialog closed mid-render never leaves a worker talking to a deleted object."""

    done = Signal(int, object)  # job number, bytes
    failed = Signal(int, str)  # job number, the core's message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs = 0

    def submit(self, pack_path: Path, family: FamilyList | Household, fmt: str, lang: str, today: date,
               second: str | None) -> int:
        self._jobs += 1
        self._pool.start(_RenderJob(self, self._jobs, pack_path, family, fmt, lang, today, second))
        return self._jobs


_runner: ExportRunner | None = None


def export_runner() -> ExportRunner:
    global _runner
    if _runner is None:
        from PySide6.QtWidgets import QApplication

        _runner = ExportRunner(QApplication.instance())
    return _runner


# --- printing -------------------------------------------------------------------------------------


def paint_pdf(printer: QPrinter, data: bytes) -> int:
    """Draw every page of a PDF onto ``printer`` (each page centred and scaled to the paper);
    the number of pages printed.  Raises UserError when the PDF or the printer fails."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)  # a QBuffer loads synchronously, in memory
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise UserError("The list's PDF could not be read for printing.")
    first, last = 0, document.pageCount() - 1
    if printer.fromPage() > 0:  # a page range chosen in the print dialog (1-based)
        first = min(last, printer.fromPage() - 1)
        last = max(first, min(last, (printer.toPage() or last + 1) - 1))
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    printer.setFullPage(True)  # the PDF has its own margins: draw it as it is, on the whole sheet
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("The printer could not be started.")
    dpi = min(printer.resolution(), PRINT_DPI)
    pages = 0
    try:
        for _copy in range(copies):
            for index in range(first, last + 1):
                if pages:
                    printer.newPage()
                points = document.pagePointSize(index)
                image = document.render(index, QSize(round(points.width() * dpi / 72),
                                                     round(points.height() * dpi / 72)))
                paper = printer.paperRect(QPrinter.Unit.DevicePixel)
                scale = min(paper.width() / points.width(), paper.height() / points.height())
                width, height = points.width() * scale, points.height() * scale
                painter.drawImage(QRectF((paper.width() - width) / 2, (paper.height() - height) / 2,
                                         width, height), image)
                pages += 1
    finally:
        painter.end()
    return pages


def new_printer(name: str | None = None) -> QPrinter:
    """A printer set up for the list: the configured or default printer, the export's paper."""
    from navigator.exports.pdf import PAGE

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if name:
        printer.setPrinterName(name)
    printer.setPageSize(QPageSize(PAGE_SIZES.get(PAGE, QPageSize.PageSizeId.Letter)))
    printer.setDocName(_("My school list"))
    return printer


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
        self._pending: tuple[int, str, object] | None = None  # job, kind, printer or path

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
        layout.addLayout(bottom)
        self.setMinimumWidth(560)

        self.print_button.clicked.connect(lambda: self.print_list())
        self.qr_button.clicked.connect(self.show_qr)
        for fmt, button in self.save_buttons.items():
            button.clicked.connect(lambda _on=False, f=fmt: self.save(f))
        self.close_button.clicked.connect(self.accept)
        runner = export_runner()
        runner.done.connect(self._rendered)
        runner.failed.connect(self._render_failed)
        state.language_changed.connect(self.retranslate)
        state.reset_done.connect(self.close)  # "start over" (or the kiosk's idle wipe): forget it
        self.finished.connect(self._disconnect)

        self._fill_languages()
        self.retranslate()
        self._set_status("", "")
        (self.print_button if self.has_schools() else self.close_button).setFocus()

    def _disconnect(self, *_args) -> None:
        for signal, slot in ((self.state.language_changed, self.retranslate),
                             (self.state.reset_done, self.close),
                             (export_runner().done, self._rendered),
                             (export_runner().failed, self._render_failed)):
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
        if not self.has_schools():
            self._set_status("error", _("Add schools to your list first."))
            self.outcome.emit("failed", self.status.text())
            return False
        job = export_runner().submit(self.state.pack.path, self.household(), fmt, self.language(),
                                     facts.today(self.state), self.second_language())
        self._pending = (job, kind, target)
        self._busy(True)
        self._set_status("", _("Preparing your list…"))
        return True

    def _rendered(self, job: int, data: bytes) -> None:
        if self._pending is None or self._pending[0] != job:
            return
        _job, kind, target = self._pending
        self._pending = None
        self._busy(False)
        if kind == "print":
            self._print(target, data)
        else:
            self._write(target, data)

    def _render_failed(self, job: int, message: str) -> None:
        if self._pending is None or self._pending[0] != job:
            return
        self._pending = None
        self._busy(False)
        self._fail(_("Your list could not be prepared. Please ask a staff member for help."),
                   message)

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
        from navigator.files import write_atomic

        try:
            write_atomic(path, data)
        except (UserError, OSError):
            self._fail(_("The file was not saved. Choose another folder, or check that the disk "
                         "is not full."), str(path))
            return
        self._set_status("ok", _("Saved: {file}").format(file=str(path)))
        self.outcome.emit("saved", self.status.text())

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
        from navigator.files import write_atomic

        try:
            if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
                if not printer.outputFileName():
                    raise UserError("The print dialog gave no file to print to.")
                # "Print to file": the PDF itself, text and fonts intact (never in kiosk mode).
                write_atomic(Path(printer.outputFileName()), data)
            else:
                paint_pdf(printer, data)
        except (UserError, OSError) as err:
            self._fail(_("The list could not be printed. Check that the printer is on and has "
                         "paper, then try again."), str(err))
            return
        self._set_status("ok", _("Your list was sent to the printer."))
        self.outcome.emit("printed", self.status.text())

    # --- the QR code --------------------------------------------------------------------------------

    def show_qr(self):
        from navigator.gui.qr_dialog import QrDialog

        if not self.has_schools():
            return None
        if self.qr_dialog is not None:
            self.qr_dialog.close()
        self.qr_dialog = QrDialog(self.state, self)
        self.qr_dialog.open()
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

