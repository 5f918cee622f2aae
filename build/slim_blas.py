"""Swap numpy's OpenBLAS for the reference BLAS in the Linux build (27 MB to under 1 MB).

numpy's wheel links to a 24 MB OpenBLAS (kernels for every x86 generation, with gfortran and
quadmath beside it) for matrix products and `numpy.linalg`.  The app only filters and measures
columns of a few thousand schools: it multiplies no matrices and solves no systems.

This writes a small library under OpenBLAS's file name that numpy loads unchanged:
* each BLAS routine numpy calls (`scipy_cblas_dgemm64_`, `scipy_dcopy_64_`, ...) jumps to the
  same routine of the reference BLAS with 64-bit indices (Debian: libblas64-3), so a matrix
  product still gives the right answer, only more slowly;
* each LAPACK routine (`numpy.linalg`: solve, eig, svd, ...) stops the app with a message that
  says so.  `tests/core/test_architecture.py` keeps `numpy.linalg` out of the app's code.

Needs the reference BLAS and a C compiler; without them the build keeps OpenBLAS and says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

REFERENCE_BLAS = "libblas64.so.3"
_CBLAS = re.compile(r"^scipy_(cblas_\w+?)64_$")  # scipy_cblas_dgemm64_ -> cblas_dgemm
_FORTRAN = re.compile(r"^scipy_(\w+?)_64_$")  # scipy_dcopy_64_ -> dcopy_
MESSAGE = ("Navigator: numpy.linalg is not part of this build "
           "(build/slim_blas.py leaves LAPACK out).\n")


def find_reference_blas() -> Path | None:
    """Debian's ILP64 reference BLAS, wherever the alternatives system put it."""
    for folder in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"):
        for path in (Path(folder) / REFERENCE_BLAS, Path(folder) / "blas64" / REFERENCE_BLAS):
            if path.exists():
                return path.resolve()
    return None


def tools_available() -> bool:
    return shutil.which("cc") is not None and shutil.which("nm") is not None \
        and find_reference_blas() is not None


def _symbols(library: Path, *flags: str) -> set[str]:
    out = subprocess.run(["nm", "-D", *flags, str(library)], capture_output=True, text=True,
                         check=True).stdout
    return {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}


def used_symbols(openblas: Path, users: list[Path]) -> set[str]:
    """The OpenBLAS symbols that numpy's extension modules call."""
    provided = _symbols(openblas, "--defined-only")
    return set().union(*(_symbols(user, "--undefined-only") for user in users)) & provided


def reference_name(symbol: str) -> str | None:
    """The reference BLAS routine for an OpenBLAS symbol, None for LAPACK's."""
    if match := _CBLAS.match(symbol):
        return match[1]
    if match := _FORTRAN.match(symbol):
        return match[1] + "_"
    return None


def shim_source(symbols: set[str], reference: set[str]) -> str:
    """Assembly: a tail jump per routine, so the arguments pass through untouched, to the
    reference BLAS or, for LAPACK's, to one function that says what is missing and aborts."""
    lines = ["\t.text"]
    for symbol in sorted(symbols):
        target = reference_name(symbol)
        jump = f"{target}@PLT" if target in reference else "navigator_missing_lapack"
        lines += [f"\t.globl {symbol}", f"\t.type {symbol}, @function", f"{symbol}:", f"\tjmp {jump}"]
    lines.append('\t.section .note.GNU-stack,"",@progbits')
    return "\n".join(lines) + "\n"


_MISSING_C = """
#include <stdlib.h>
#include <unistd.h>
__attribute__((visibility("hidden"), noreturn)) void navigator_missing_lapack(void) {
    static const char message[] = "%s";
    (void)!write(2, message, sizeof message - 1);
    abort();
}
"""


def build_shim(openblas: Path, users: list[Path], out_dir: Path) -> Path:
    """Write the shim (named like `openblas`) and the reference BLAS into `out_dir`."""
    blas = find_reference_blas()
    if blas is None:
        raise FileNotFoundError(f"{REFERENCE_BLAS} (Debian: libblas64-3) is not installed.")
    symbols = used_symbols(openblas, users)
    reference = _symbols(blas, "--defined-only")
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(blas, out_dir / REFERENCE_BLAS)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "shim.S").write_text(shim_source(symbols, reference))
        escaped = MESSAGE.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        (work / "missing.c").write_text(_MISSING_C % escaped)
        target = out_dir / openblas.name
        subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-s", f"-Wl,-soname,{openblas.name}",
                        "-Wl,-rpath,$ORIGIN", "-o", str(target), str(work / "shim.S"),
                        str(work / "missing.c"), str(out_dir / REFERENCE_BLAS)], check=True)
    return target


def slim_numpy_blas(internal: Path) -> int:
    """Replace the bundled OpenBLAS; the bytes saved.  The Fortran runtime only it linked to is
    left for make.py's pruning, which deletes libraries nothing links to."""
    libs = internal / "numpy.libs"
    openblas = next(iter(sorted(libs.glob("libscipy_openblas*.so"))), None)
    if openblas is None:
        return 0
    before = openblas.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        built = build_shim(openblas, list((internal / "numpy").rglob("*.so")), Path(tmp))
        for path in built.parent.iterdir():
            shutil.copyfile(path, libs / path.name)
    return before - openblas.stat().st_size - (libs / REFERENCE_BLAS).stat().st_size
