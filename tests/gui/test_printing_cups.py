"""Printing the family's list through a real CUPS server, as a kiosk with a printer does.

The test starts its own CUPS server (tests/cups_server.py) with a cups-pdf queue.  The app
prints from a child process pointed at that server (CUPS_SERVER), through the real export
dialog, the worker-thread render and Qt's CUPS plugin; the test then reads what "came out of
the printer".
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from cups_server import QUEUE, cups_pdf_output, spool_files
from demo import ROOT
from pypdf import PdfReader

from navigator.catalogue.pack import open_pack
from navigator.exports import render
from navigator.shortlist import load_list

LETTER_PT = (612, 792)


_PRINT_FROM_THE_APP = """
import sys
from pathlib import Path
from navigator.gui.app import create_window
from navigator.gui.printing import new_printer
from navigator.gui.selftest import dispose, wait_until
from navigator.shortlist import load_list
from PySide6.QtPrintSupport import QPrinterInfo

app, state, window = create_window(Path(sys.argv[1]), lang="ko", offscreen=True)
family = load_list(Path(sys.argv[2]))
family.language, family.second_language = "ko", "en"
state.load_family_list(family)
window.go("shortlist")
print("printers:", ",".join(QPrinterInfo.availablePrinterNames()))
dialog = window.export_list()
outcomes = []
dialog.outcome.connect(lambda kind, text: outcomes.append(kind))
dialog.second_box.setCurrentIndex(dialog.second_box.findData("en"))
dialog.print_list(new_printer(sys.argv[3]))
wait_until(lambda: bool(outcomes), 60)
print("outcome:", outcomes[0] if outcomes else "none")
print("languages:", dialog.language(), dialog.second_language())
state.operations.wait()
dispose(window)
"""


def _printing(socket: Path) -> bool:
    """A job is still queued and the queue has not stopped on an error."""
    env = dict(os.environ, CUPS_SERVER=str(socket))
    jobs = subprocess.run(["lpstat", "-o", QUEUE], env=env, capture_output=True, text=True).stdout
    queue = subprocess.run(["lpstat", "-p", QUEUE], env=env, capture_output=True, text=True).stdout
    return bool(jobs.strip()) and "disabled" not in queue


def _the_list_as_pdf() -> bytes:
    """The PDF the app prints: the demo list in Korean with English beside it, as of today."""
    family = load_list(ROOT / "data" / "demo" / "shortlist.json")
    return render(open_pack(ROOT / "data" / "demo-valle-verde.sqlite"), family, "pdf", "ko",
                  date.today(), second_lang="en")


def test_the_list_prints_through_cups_on_letter_paper(cups_server: Path, tmp_path: Path) -> None:
    out_dir = cups_pdf_output()
    started = time.time()  # cups-pdf names files by job number, which a fresh server repeats
    done = subprocess.run(
        [sys.executable, "-c", _PRINT_FROM_THE_APP, str(ROOT / "data" / "demo-valle-verde.sqlite"),
         str(ROOT / "data" / "demo" / "shortlist.json"), QUEUE],
        env=dict(os.environ, CUPS_SERVER=str(cups_server), QT_QPA_PLATFORM="offscreen",
                 HOME=str(tmp_path)),
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert f"printers: {QUEUE}" in done.stdout, done.stdout + done.stderr[-2000:]
    assert "outcome: printed" in done.stdout, done.stdout + done.stderr[-2000:]
    assert "languages: ko en" in done.stdout

    deadline = time.monotonic() + 90
    while _printing(cups_server) and time.monotonic() < deadline:  # CUPS converts after Qt hands over
        time.sleep(0.2)
    printed = [path for path in out_dir.glob("*.pdf") if path.stat().st_mtime >= started - 1] \
        if out_dir.is_dir() else []
    try:
        assert len(printed) == 1, f"no page came out of the printer; see {cups_server.parent / 'log'}"
        assert spool_files(cups_server) == []  # set up as docs/kiosk-setup.md says: no job is kept
        pages = PdfReader(str(printed[0])).pages
        assert len(pages) == len(PdfReader(io.BytesIO(_the_list_as_pdf())).pages)
        for page in pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == LETTER_PT
        first = pages[0].images[0].image.convert("L")  # the page as the app drew it
        dark = sum(first.histogram()[:128]) / (first.width * first.height)
        assert 0.01 < dark < 0.5, f"the printed page is {'blank' if dark <= 0.01 else 'mostly black'}"
    finally:
        for path in printed:
            path.unlink()
