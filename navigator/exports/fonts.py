"""Finding TrueType fonts to embed in PDFs: Latin everywhere, and each other script the text has.

PDF viewers cannot be trusted to have Korean fonts, so the PDF embeds (subsets
of) real font files.  We look in the usual system places first (the README's
setup installs fonts-nanum and fonts-dejavu-core), then in ``resources/fonts/``
for a build that ships its own.  A missing font is one clear error, never a
PDF full of empty boxes.

Chinese needs a font with Han characters (Nanum and DejaVu have none): a
Chinese export without one stops with a clear error instead of printing boxes.
Arabic and Farsi print in DejaVu Sans, which has their letters with the joined forms, and Latin,
digits and marks in the same design (Noto Sans Arabic from fonts-noto-core where it is missing);
Armenian too, with Noto Sans Armenian for a machine whose Latin font has none.  DejaVu covers
Cyrillic and Vietnamese.
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
    # Arabic and the Persian letters (پ چ ژ گ ی ک): a family that also has Latin, the digits and
    # the plan's marks (⚠ ✓ ✕ ○) first, so a line never changes font mid-word (fpdf2 2.8 shapes
    # each font's run apart, and a run in a fallback font scrambled the glyphs after it).
    "arabic": [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
        ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    ],
    "armenian": [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf"),
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
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_ARMENIAN = re.compile(r"[\u0530-\u058f\ufb13-\ufb17]")


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


def needs_arabic(*texts: str) -> bool:
    """Arabic-script text: it needs its own font and shaping (letters join), right to left."""
    return any(_ARABIC.search(text) for text in texts if text)


def needs_armenian(*texts: str) -> bool:
    return any(_ARMENIAN.search(text) for text in texts if text)


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


def pdf_fonts(hangul: bool, dirs: list[Path] | None = None, han: bool = False,
              arabic: bool = False, armenian: bool = False) -> list[FontFiles]:
    """The families to embed, main one first; raises one UserError when none fits.

    Korean text needs a Hangul font (Nanum also covers Latin), Chinese a Han
    font, Arabic script an Arabic font (the main one, so the letters join in one style) and
    Armenian an Armenian one; any text needs a Latin font, which a Hangul family can stand in for.
    """
    hangul_family = find_family("hangul", dirs)
    latin_family = find_family("latin", dirs)
    han_family = find_family("han", dirs) if han else None
    arabic_family = find_family("arabic", dirs) if arabic else None
    armenian_family = find_family("armenian", dirs) if armenian else None
    if hangul and hangul_family is None:
        raise UserError("No Korean font was found for the PDF; install one (on Debian or Ubuntu: "
                        "sudo apt-get install fonts-nanum) or put NanumGothic.ttf in "
                        "resources/fonts/.")
    if han and han_family is None:
        raise UserError("No Chinese font was found for the PDF; install one (on Debian or Ubuntu: "
                        "sudo apt-get install fonts-noto-cjk) or put NotoSansSC-Regular.ttf in "
                        "resources/fonts/.")
    if arabic and arabic_family is None:
        raise UserError("No Arabic-script font was found for the PDF; install one (on Debian or "
                        "Ubuntu: sudo apt-get install fonts-noto-core) or put "
                        "NotoSansArabic-Regular.ttf in resources/fonts/.")
    if armenian and armenian_family is None:
        raise UserError("No Armenian font was found for the PDF; install one (on Debian or "
                        "Ubuntu: sudo apt-get install fonts-dejavu-core) or put "
                        "NotoSansArmenian-Regular.ttf in resources/fonts/.")
    order = (hangul_family, latin_family, han_family) if hangul else \
        (latin_family, han_family, hangul_family)
    if arabic:
        order = (arabic_family, *order)
    families = []
    for family in (*order, armenian_family):
        if family is not None and family.regular not in [f.regular for f in families]:
            families.append(family)
    if not families:
        raise UserError("No font was found for the PDF; install one (on Debian or Ubuntu: "
                        "sudo apt-get install fonts-dejavu-core fonts-nanum) or put "
                        "DejaVuSans.ttf in resources/fonts/.")
    return families


BUNDLE_LIMIT = 16 * 2**20  # a font file larger than this (a whole CJK collection) stays out


def bundled_font_files(dirs: list[Path] | None = None) -> list[Path]:
    """The font files the desktop build ships in ``resources/fonts/`` (build/navigator.spec):
    each script's first installed family, so a kiosk without the font packages still prints
    and shows every language; the app adds them to Qt's fonts at start."""
    files: list[Path] = []
    for script in CANDIDATES:
        family = find_family(script, dirs)
        for path in (family.regular, family.bold) if family else ():
            if path not in files and path.stat().st_size <= BUNDLE_LIMIT:
                files.append(path)
    return files
