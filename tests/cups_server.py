"""A private CUPS server for the printing tests: its own socket, folders and one queue on the
cups-pdf driver, which turns each job into a PDF file the way a printer puts it on paper
(through CUPS's filters and Ghostscript).  The machine's own printers are left alone."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CUPSD = Path("/usr/sbin/cupsd")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
QUEUE = "NavigatorTest"


def _ppd() -> Path | None:
    return next(iter(sorted(Path("/usr/share/ppd").glob("**/CUPS-PDF_opt.ppd"))), None) \
        if Path("/usr/share/ppd").is_dir() else None


def cups_pdf_output() -> Path:
    """Where cups-pdf puts a job (its `Out` setting, ${HOME}/PDF unless changed)."""
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.is_file():
        for line in conf.read_text(errors="replace").splitlines():
            if line.startswith("Out "):
                out = line.split(None, 1)[1].strip()
    return Path(out.replace("${HOME}", pwd.getpwuid(os.getuid()).pw_dir))


def spool_files(socket: Path) -> list[Path]:
    """The job files the test's server holds (`d<job>-<n>`: the printed document itself)."""
    return sorted((socket.parent / "spool").glob("d*"))


@contextmanager
def private_cups_server() -> Iterator[Path]:
    """A private cupsd with a Letter cups-pdf queue named QUEUE; its socket path (for
    CUPS_SERVER).  Skips the test, with the reason, where CUPS or cups-pdf is missing."""
    ppd = _ppd()
    if not (CUPSD.is_file() and BACKEND.is_file() and ppd and shutil.which("lpadmin")):
        pytest.skip("a CUPS server and the cups-pdf driver print the test's jobs "
                    "(Debian: cups, printer-driver-cups-pdf; .ci/run installs them)")
    if os.geteuid() != 0:
        pytest.skip("cupsd runs its cups-pdf backend as root: run the printing test as root (CI does)")
    # Filters run as the lp user, so the folders must be reachable by it: not under pytest's
    # private (0700) temporary folder.
    root = Path(tempfile.mkdtemp(prefix="navigator-cups-"))
    root.chmod(0o755)
    for name in ("etc", "cache", "state", "log"):
        (root / name).mkdir(mode=0o755)
    for name in ("spool", "tmp"):  # jobs and filters' scratch files
        (root / name).mkdir()
        (root / name).chmod(0o1777)
    socket = root / "cups.sock"
    (root / "etc" / "cups-files.conf").write_text("\n".join([
        f"ServerRoot {root / 'etc'}", f"RequestRoot {root / 'spool'}", f"TempDir {root / 'tmp'}",
        f"CacheDir {root / 'cache'}", f"StateDir {root / 'state'}",
        f"ErrorLog {root / 'log' / 'error_log'}", f"AccessLog {root / 'log' / 'access_log'}",
        f"PageLog {root / 'log' / 'page_log'}", "ServerBin /usr/lib/cups", "DataDir /usr/share/cups",
        "FileDevice No", "Sandboxing Relaxed", ""]))
    (root / "etc" / "cupsd.conf").write_text("\n".join([
        f"Listen {socket}", "Browsing No", "WebInterface No", "DefaultAuthType None", "LogLevel info",
        # What docs/kiosk-setup.md has a kiosk's owner set (with cupsctl): keep no printed job.
        "PreserveJobFiles No", "PreserveJobHistory No",
        "<Location />", "  Order allow,deny", "  Allow all", "</Location>",
        "<Policy default>", "  <Limit All>", "    Order deny,allow", "  </Limit>", "</Policy>", ""]))
    server = subprocess.Popen([str(CUPSD), "-f", "-c", str(root / "etc" / "cupsd.conf"),
                               "-s", str(root / "etc" / "cups-files.conf")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while not socket.exists() and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.1)
        if not socket.exists():
            pytest.fail(f"the test's cupsd did not start; see {root / 'log' / 'error_log'}")
        env = dict(os.environ, CUPS_SERVER=str(socket))
        subprocess.run(["lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", str(ppd),
                        "-o", "PageSize=Letter"], env=env, check=True, capture_output=True)
        yield socket
    finally:
        server.terminate()
        server.wait(timeout=15)
        shutil.rmtree(root, ignore_errors=True)
