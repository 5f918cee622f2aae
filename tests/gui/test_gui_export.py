""""Print or save my list" and the QR code, driven through the real window on the demo pack.

The family's list is the demo example (data/demo/shortlist.json: ZIP 00104, kindergarten, four
schools), loaded the way a counsellor opens a session; today is fixed at 2026-11-23.  The file
dialog and the print dialog are the two steps a test cannot click through, so the dialog takes a
``choose_path`` callable and ``print_list`` takes a ready QPrinter; everything after them (the
worker-thread render, the atomic write, the printer) is the real thing.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from demo import DEMO_LIST, ROOT, TODAY  # noqa: E402
from icalendar import Calendar  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo  # noqa: E402
from PySide6.QtWidgets import QPushButton  # noqa: E402

from navigator.catalogue.pack import open_pack  # noqa: E402
from navigator.exports import render  # noqa: E402
from navigator.gui.dialogs import PlainDialog  # noqa: E402
from navigator.gui.export_dialog import ExportDialog  # noqa: E402
from navigator.gui.main_window import MainWindow  # noqa: E402
from navigator.gui.printing import paint_pdf  # noqa: E402
from navigator.gui.qr_dialog import QrDialog, QrReadDialog  # noqa: E402
from navigator.gui.selftest import dispose  # noqa: E402
from navigator.gui.state import FamilyState  # noqa: E402
from navigator.i18n import translations_for  # noqa: E402
from navigator.shortlist import load_list  # noqa: E402

DEMO = ROOT / "data" / "demo-valle-verde.sqlite"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
RENDER_S = 30_000  # ms: a two-language PDF takes about a second; a loaded CI machine, longer


def _window(kiosk: bool) -> MainWindow:
    state = FamilyState(open_pack(DEMO))
    state.today = lambda: TODAY
    window = MainWindow(state, kiosk=kiosk)
    window.resize(1280, 800)
    window.show()
    return window


@pytest.fixture(scope="module")
def counsellor(qapp):
    window = _window(kiosk=False)
    yield window
    dispose(window)


@pytest.fixture(scope="module")
def kiosk(qapp):
    window = _window(kiosk=True)
    yield window
    dispose(window)


def _load_demo_list(window: MainWindow, lang: str = "en") -> list[str]:
    family = load_list(DEMO_LIST)
    family.language = lang
    family.second_language = None
    window.state.load_family_list(family)
    window.go("shortlist")
    return family.ids()


@pytest.fixture
def family(counsellor) -> list[str]:
    """The demo list on screen in English; the dialogs opened by a test are closed after it."""
    ids = _load_demo_list(counsellor)
    yield ids
    counsellor.state.set_language("en")
    for kind in (QrDialog, ExportDialog, QrReadDialog, PlainDialog):
        for dialog in counsellor.findChildren(kind):
            dialog.close()


def _names(window: MainWindow, ids: list[str]) -> list[str]:
    conn = window.state.pack.conn
    return [conn.execute("SELECT name FROM schools WHERE id = ?", (i,)).fetchone()[0] for i in ids]


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _save(qtbot, dialog: ExportDialog, fmt: str, path: Path) -> tuple[str, str]:
    dialog.choose_path = lambda _fmt, _suggested: path
    with qtbot.waitSignal(dialog.outcome, timeout=RENDER_S) as outcome:
        dialog.save_buttons[fmt].click()
    return tuple(outcome.args)


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


# --- counsellor: saving files ---------------------------------------------------------------------


def test_counsellor_saves_a_pdf_with_every_school(counsellor, family, qtbot, tmp_path):
    dialog = counsellor.export_list()
    assert dialog.isVisible() and not dialog.kiosk
    assert dialog.language() == "en" and dialog.second_language() is None
    assert "not a submitted application" in dialog.notice.text()
    kind, message = _save(qtbot, dialog, "pdf", tmp_path / "list.pdf")
    assert kind == "saved" and str(tmp_path / "list.pdf") in message
    text = _pdf_text(tmp_path / "list.pdf")
    for name in _names(counsellor, family):
        assert name in text
    assert dialog.status.text() == message and dialog.status.isVisible()
    assert all(button.isEnabled() for button in dialog.save_buttons.values())


def test_counsellor_saves_a_calendar(counsellor, family, qtbot, tmp_path):
    dialog = counsellor.export_list()
    kind, _message = _save(qtbot, dialog, "ics", tmp_path / "dates")  # no extension typed
    assert kind == "saved"
    saved = tmp_path / "dates.ics"
    calendar = Calendar.from_ical(saved.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events
    names = _names(counsellor, family)
    assert any(name in str(event.get("SUMMARY")) for event in events for name in names)


def test_counsellor_saves_a_spreadsheet_and_a_web_page(counsellor, family, qtbot, tmp_path):
    dialog = counsellor.export_list()
    assert _save(qtbot, dialog, "csv", tmp_path / "list.csv")[0] == "saved"
    assert (tmp_path / "list.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
    assert _save(qtbot, dialog, "html", tmp_path / "list.html")[0] == "saved"
    page = (tmp_path / "list.html").read_text(encoding="utf-8")
    for name in _names(counsellor, family):
        assert name in page


def test_two_languages_side_by_side(counsellor, family, qtbot, tmp_path):
    dialog = counsellor.export_list()
    dialog.second_box.setCurrentIndex(dialog.second_box.findData("es"))
    assert dialog.second_language() == "es"
    assert _save(qtbot, dialog, "pdf", tmp_path / "two.pdf")[0] == "saved"
    text = _pdf_text(tmp_path / "two.pdf")
    es = translations_for("es").gettext
    assert "Your ranked list" in text and es("Your ranked list") in text


def test_a_failed_save_is_one_sentence(counsellor, family, qtbot, tmp_path):
    dialog = counsellor.export_list()
    kind, message = _save(qtbot, dialog, "pdf", tmp_path / "no such folder" / "list.pdf")
    assert kind == "failed"
    assert message.startswith("The file was not saved.") and message.count(".") == 2
    assert dialog.status.property("role") == "error"
    assert not list(tmp_path.iterdir())


def test_the_suggested_file_is_in_the_export_folder_or_documents(counsellor, family, tmp_path):
    dialog = counsellor.export_list()
    assert dialog.suggested_path("pdf").name == "my-school-list.pdf"
    dialog.export_folder = tmp_path
    assert dialog.suggested_path("ics") == tmp_path / "my-school-list.ics"


# --- printing -------------------------------------------------------------------------------------


def test_print_to_a_pdf_printer(counsellor, family, qtbot, tmp_path):
    dialog = counsellor.export_list()
    out = tmp_path / "printed.pdf"
    with qtbot.waitSignal(dialog.outcome, timeout=RENDER_S) as outcome:
        assert dialog.print_list(_pdf_printer(out))
        assert not dialog.print_button.isEnabled()  # busy while the list is prepared
    assert outcome.args[0] == "printed"
    assert out.read_bytes().startswith(b"%PDF")
    text = _pdf_text(out)
    for name in _names(counsellor, family):
        assert name in text


def test_a_printer_gets_every_page_drawn(counsellor, family, qtbot, tmp_path):
    """The path a real (non-file) printer takes: each page of the PDF drawn as a picture."""
    data = render(counsellor.state.pack, counsellor.state.to_family_list(), "pdf", "en", TODAY)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    out = tmp_path / "raster.pdf"
    assert paint_pdf(_pdf_printer(out), data) == pages
    printed = PdfReader(str(out))
    assert len(printed.pages) == pages
    assert all(page.images for page in printed.pages)


def test_print_opens_the_print_dialog(counsellor, family, qtbot):
    dialog = counsellor.export_list()
    assert dialog.print_list()
    qtbot.waitUntil(lambda: dialog.print_dialog is not None and dialog.print_dialog.isVisible())
    from PySide6.QtPrintSupport import QAbstractPrintDialog

    assert dialog.print_dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile)
    dialog.print_dialog.reject()


# --- kiosk ----------------------------------------------------------------------------------------


def test_kiosk_offers_only_print_and_qr(kiosk, qtbot, tmp_path, monkeypatch):
    temp = tmp_path / "tmp"  # the temp folder the app (Python and Qt) would write to
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    out_dir = tmp_path / "printer"
    out_dir.mkdir()
    _load_demo_list(kiosk)
    dialog = kiosk.export_list()
    try:
        assert dialog.kiosk and dialog.save_buttons == {}
        texts = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
        assert not any("Save" in t for t in texts)
        assert {"Print", "Show QR code", "Close"} <= set(texts)
        assert not dialog.second_box.isVisible() and dialog.second_language() is None
        assert not dialog.save("pdf")  # nothing is ever written from here
        out = out_dir / "kiosk.pdf"
        with qtbot.waitSignal(dialog.outcome, timeout=RENDER_S) as outcome:
            dialog.print_button.setFocus()
            dialog.print_list(_pdf_printer(out))
        assert outcome.args[0] == "printed"
        assert out.read_bytes().startswith(b"%PDF")
        assert list(out_dir.iterdir()) == [out]  # what the printer made, and nothing else
        assert list(temp.iterdir()) == []  # the list was made in memory
        if not QPrinterInfo.availablePrinters():  # a kiosk with no printer says so, plainly
            with qtbot.waitSignal(dialog.outcome) as outcome:
                assert not dialog.print_list()
            assert outcome.args == ["failed", dialog.status.text()]
            assert dialog.status.text().startswith("No printer is ready.")
        qr = dialog.show_qr()
        kiosk.state.operations.wait()  # the codes, made off the GUI thread
        assert not qr.code.pixmap().isNull()
    finally:
        kiosk.state.start_over()
    assert not dialog.isVisible()  # starting over closes the dialog with the family's list


# --- the QR code ----------------------------------------------------------------------------------


def _decode(pixmap) -> str:
    """The text a phone's decoder reads from a code on screen (zxing-cpp)."""
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (a test dependency) reads codes")
    from PIL import Image

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.toImage().save(buffer, "PNG")
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))
    assert len(found) == 1, "no code found on screen"
    return found[0].text


def test_qr_dialog_shows_the_list_as_text_and_each_date_as_an_event(counsellor, family, qtbot):
    dialog = counsellor.export_list()
    qr = dialog.show_qr()
    counsellor.state.operations.wait()  # the codes, made off the GUI thread
    assert qr.isVisible()
    text = _decode(qr.code.pixmap())
    assert text == qr.text == qr.text_view.toPlainText()
    lines = text.split("\n")
    assert lines[0].startswith("Our school list · Valle Verde (demo)")
    for rank, name in enumerate(_names(counsellor, family), start=1):
        assert f"{rank}. {name}" in lines  # a phone shows names, not numbers
        assert f"{rank}. {name}" in qr.holds.text()
    assert "☎ (555) 555-0141" in lines
    assert lines[-1] == f"NAV1|demo-valle-verde|{','.join(family)}"  # the counsellor's line
    assert qr.which.text().startswith("Code 1 of ")
    image = qr.code.pixmap().toImage()
    assert image.width() >= 300 and image.width() == image.height()
    assert image.pixelColor(2, 2) == QColor("#ffffff")  # the quiet zone
    qr.next_button.click()
    event = _decode(qr.code.pixmap())
    assert event.startswith("BEGIN:VEVENT") and "SUMMARY:" in event and event == qr.text
    assert qr.which.text().startswith("Code 2 of ") and not qr.text_view.isVisibleTo(qr)
    qr.previous_button.click()
    assert qr.index == 0 and not qr.previous_button.isEnabled()
    counsellor.state.start_over()
    assert not qr.isVisible() and not dialog.isVisible()


def test_in_arabic_and_persian_each_school_line_of_the_qr_dialog_starts_right_to_left(counsellor,
                                                                                     family):
    """Beneath the Arabic sentence, "1. Las Flores Elementary" and the next lines each read from
    the right (a right-to-left mark leads them), as My list's rows do; in English no mark."""
    from navigator.gui.qr_codes import household_codes
    from navigator.search.engine import SearchEngine

    state = counsellor.state
    engine = SearchEngine(state.pack)
    for lang, mark in (("ar", True), ("fa", True), ("en", False)):
        holds = household_codes(state.pack, state.to_household(), lang, TODAY, engine)[0].holds
        names = holds.split("\n")[1:]
        assert len(names) == len(family), holds
        assert all(line.startswith("\u200f") == mark for line in names), (lang, names)
        assert all("Elementary" in line or "Academy" in line for line in names)
        state.set_language(lang)  # and My list's rows, the same way
        name = counsellor.pages["shortlist"].model.row_parts(0)[0][1]
        assert name.startswith("\u200f1. " if mark else "1. "), (lang, name)
    state.set_language("en")


def test_reading_a_code_back_replaces_the_list(counsellor, family, qtbot):
    state = counsellor.state
    home, grade = state.home, state.grade
    reordered = [family[2], family[0], family[3]]
    reader = counsellor.open_list_from_qr()
    assert reader.isVisible()
    reader.field.setPlainText(f"NAV1|demo-valle-verde|{','.join(reordered)}")
    reader.open_button.click()
    assert isinstance(reader.confirm, PlainDialog)  # the list on screen is not empty: ask first
    assert [s.id for s in state.shortlist] == family
    reader.confirm.yes_button.click()
    assert [s.id for s in state.shortlist] == reordered
    assert state.home == home and state.grade == grade
    assert counsellor.current() == "shortlist"
    assert not reader.isVisible()


def test_reading_a_code_into_an_empty_list(counsellor, family, qtbot):
    state = counsellor.state
    for school_id in family:
        state.remove_from_shortlist(school_id)
    reader = counsellor.open_list_from_qr()
    qtbot.keyClicks(reader.field, f"NAV1|demo-valle-verde|{family[1]},{family[0]}")
    qtbot.keyClick(reader.field, Qt.Key.Key_Return)  # a scanner types the text, then Enter
    assert reader.confirm is None
    assert [s.id for s in state.shortlist] == [family[1], family[0]]


@pytest.mark.parametrize(("text", "sentence"), [
    ("NAV1|another-region|99999996099060", "This list is for another area."),
    ("hello", "This is not a Navigator list code"),
    ("NAV9|demo-valle-verde|99999996099060", "This code was made by a newer version"),
    ("NAV1|demo-valle-verde|00000000000000", "None of the schools in this code"),
])
def test_a_code_that_cannot_be_read_is_refused(counsellor, family, text, sentence):
    reader = counsellor.open_list_from_qr()
    reader.field.setPlainText(text)
    reader.open_button.click()
    assert reader.error.isVisible() and reader.error.text().startswith(sentence)
    assert reader.confirm is None and reader.isVisible()
    assert [s.id for s in counsellor.state.shortlist] == family
    reader.reject()


def test_the_counsellor_menu_has_the_qr_entry(counsellor, kiosk, family):
    action = counsellor.top_bar.qr_action
    assert action.text() == "Open a list from its QR text…"
    action.trigger()
    assert counsellor.qr_read_dialog.isVisible()
    counsellor.qr_read_dialog.reject()
    assert kiosk.top_bar.tools is None and kiosk.open_list_from_qr() is None


# --- empty list and languages ---------------------------------------------------------------------


def test_an_empty_list_offers_no_export(counsellor, family):
    counsellor.state.start_over()
    dialog = counsellor.export_list()
    assert dialog.empty.isVisible() and dialog.empty.text() == "Add schools to your list first."
    assert not dialog.actions.isVisible() and not dialog.choices.isVisible()
    assert not dialog.print_list() and not dialog.save("pdf") and dialog.show_qr() is None


def test_korean_texts_and_a_korean_pdf(counsellor, family, qtbot, tmp_path):
    dialog = counsellor.export_list()
    counsellor.state.set_language("ko")  # while the dialog is open: every text follows
    ko = translations_for("ko").gettext
    assert dialog.heading.text() == ko("Print or save my list") and HANGUL.search(dialog.heading.text())
    assert dialog.print_button.text() == ko("Print") and HANGUL.search(dialog.print_button.text())
    assert dialog.save_buttons["ics"].text() == ko("Save to calendar (.ics)…")
    assert HANGUL.search(dialog.notice.text()) and HANGUL.search(dialog.summary.text())
    qr = dialog.show_qr()
    counsellor.state.operations.wait()
    assert HANGUL.search(qr.instruction.text())
    qr.close()
    dialog.close()
    dialog = counsellor.export_list()  # opened in Korean: the printout is in Korean
    assert dialog.language() == "ko"
    assert _save(qtbot, dialog, "pdf", tmp_path / "ko.pdf")[0] == "saved"
    text = _pdf_text(tmp_path / "ko.pdf")
    assert len(HANGUL.findall(text)) > 50
    assert ko("Your ranked list") in text


def test_tab_walks_the_dialog_in_reading_order(counsellor, family, qtbot):
    dialog = counsellor.export_list()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.lang_box.setFocus()
    order = [dialog.lang_box]
    for _step in range(8):
        dialog.focusNextChild()
        order.append(dialog.focusWidget())
    expected = [dialog.lang_box, dialog.second_box, dialog.print_button, dialog.qr_button,
                *dialog.save_buttons.values(), dialog.close_button]
    assert order == expected


def test_the_list_page_button_opens_the_dialog(counsellor, family):
    counsellor.pages["shortlist"].print_button.click()
    assert isinstance(counsellor.export_dialog, ExportDialog) and counsellor.export_dialog.isVisible()
