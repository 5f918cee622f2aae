"""Finding TrueType fonts to embed in PDFs: Latin everywhere, Hangul when the text has any.

PDF viewers cannot be trusted to have Korean fonts, so the PDF embeds (subsets
of) real font files.  We look in the usual system places first (the README's
setup installs fonts-nanum and fonts-dejavu-core), then in ``resources/fonts/``
for a build that ships its own.  A missing font is one clear error, never a
PDF full of empty boxes.

Chinese needs a font with Han characters (Nanum and DejaVu have none): a
Chinese export without one stops with a clear error instead of printing boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from navigator.errors import UserError
from navigator.resources import resources_dir

_SYSTEM_DIRS = (
    Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
    Path("C:/Windows/Fonts"),
)

# (regular, bold[, index in a .ttc collection]) file names, best first.
CANDIDATES: dict[str, list[tuple]] = {
    "hangul": [
        ("NanumGothic.ttf", "NanumGothicBold.ttf"),
        ("NanumBarunGothic.ttf", "NanumBarunGothicBold.ttf"),
        ("NotoSansKR-Regular.ttf", "NotoSansKR-Bold.ttf"),
        ("malgun.ttf", "malgunbd.ttf"),
    ],
    "latin": [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("arial.ttf", "arialbd.ttf"),
        ("Arial.ttf", "Arial Bold.ttf"),
    ],
    "han": [
        ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"),
        ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", 2),  # 2: Simplified Chinese
        ("DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf"),
        ("wqy-microhei.ttc", "wqy-microhei.ttc", 0),
        ("simhei.ttf", "simhei.ttf"),
    ],
}

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class FontFiles:
    """One family's regular and bold files (bold may repeat regular when there is none)."""

    name: str
    regular: Path
    bold: Path
    index: int = 0  # the font's number in a .ttc collection


def needs_hangul(*texts: str) -> bool:
    return any(_HANGUL.search(text) for text in texts if text)


def needs_han(*texts: str) -> bool:
    return any(_HAN.search(text) for text in texts if text)


def _search_dirs() -> list[Path]:
    return [*_SYSTEM_DIRS, resources_dir() / "fonts"]


def _find(filename: str, dirs: list[Path]) -> Path | None:
    for directory in dirs:
        if not directory.is_dir():
            continue
        direct = directory / filename
        if direct.is_file():
            return direct
        for found in directory.rglob(filename):
            if found.is_file():
                return found
    return None


def find_family(script: str, dirs: list[Path] | None = None) -> FontFiles | None:
    """The first installed family for ``script`` ("hangul" or "latin"), or None."""
    dirs = dirs if dirs is not None else _search_dirs()
    for regular_name, bold_name, *index in CANDIDATES[script]:
        regular = _find(regular_name, dirs)
        if regular is not None:
            bold = _find(bold_name, dirs) or regular
            return FontFiles(Path(regular_name).stem.split("-")[0].lower(), regular, bold,
                             index[0] if index else 0)
    return None


def pdf_fonts(hangul: bool, dirs: list[Path] | None = None, han: bool = False) -> list[FontFiles]:
    """The families to embed, main one first; raises one UserError when none fits.

    Korean text needs a Hangul font (Nanum also covers Latin), Chinese a Han
    font; any text needs a Latin font, which a Hangul family can stand in for.
    """
    hangul_family = find_family("hangul", dirs)
    latin_family = find_family("latin", dirs)
    han_family = find_family("han", dirs) if han else None
    if hangul and hangul_family is None:
        raise UserError("No Korean font was found for the PDF; install one (on Debian or Ubuntu: "
                        "sudo apt-get install fonts-nanum) or put NanumGothic.ttf in "
                        "resources/fonts/.")
    if han and han_family is None:
        raise UserError("No Chinese font was found for the PDF; install one (on Debian or Ubuntu: "
                        "sudo apt-get install fonts-noto-cjk) or put NotoSansSC-Regular.ttf in "
                        "resources/fonts/.")
    order = (hangul_family, latin_family, han_family) if hangul else \
        (latin_family, han_family, hangul_family)
    families = [f for f in order if f is not None]
    if not families:
        raise UserError("No font was found for the PDF; install one (on Debian or Ubuntu: "
                        "sudo apt-get install fonts-dejavu-core fonts-nanum) or put "
                        "DejaVuSans.ttf in resources/fonts/.")
    return families
