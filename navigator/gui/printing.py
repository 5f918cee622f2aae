"""Printing the family's list: the export's own PDF drawn page by page onto the printer.

Qt 6 has no ``QWebEnginePage.print``; ``QWebEngineView.print`` lays the HTML out with Chromium,
prints it to a PDF and then rasterises that PDF with QtPdf anyway.  Our own PDF is the layout
designed for paper (page breaks, the QR code, Korean and Spanish fonts embedded, tested by the
core), so going straight from it to the printer with QtPdf's ``QPdfDocument`` gives the same
pages as "Save as PDF" with no hidden web view and no network at all.  When the print dialog's
"print to file" is chosen (a ``PdfFormat`` printer; never offered in kiosk mode) the PDF itself
is written, so the text stays text instead of becoming pictures of pages.

No widget here: QPainter may draw on a QPrinter off the GUI thread, so the operations layer's
worker does the printing (:func:`navigator.gui.operations.tasks.print_pdf`) and the window
keeps answering while a long list goes to the printer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from navigator.errors import UserError
from navigator.i18n import _

PRINT_DPI = 300  # enough for small print and the QR code; the printer's 1200 would need 100 MB a page
PAGE_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}


def print_or_save(printer: QPrinter, data: bytes) -> int:
    """Print the PDF ``data`` on ``printer``, or write it whole to the file "print to file"
    chose; the number of pages printed (0 for a file).  Raises UserError or OSError."""
    from navigator.exports import write_atomic

    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        if not printer.outputFileName():
            raise UserError("The print dialog gave no file to print to.")
        # "Print to file": the PDF itself, text and fonts intact (never in kiosk mode).
        write_atomic(Path(printer.outputFileName()), data)
        return 0
    return paint_pdf(printer, data)


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
