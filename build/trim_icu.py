"""Trim the ICU data Qt ships on Linux to the languages the app ships.

Qt's `libicudata.so.NN` is 31 MB: every locale's names, currencies, units, collation and time
zones, word-break rules and dictionaries, 230 legacy character sets and transliterators.  Qt
calls only a few ICU services (`QT_ICU_SERVICES`; a test reads them off libQt6Core): collation,
time-zone names, case mapping and character-set converters, and the app reads and writes UTF-8
only.  So Qt's copy keeps the locale-independent data, the collation and time-zone trees, and
the locales of the app's languages (with their regional variants); every other tree, locale and
converter goes.  Whatever a kept item refers to stays.  The library is written again with the
same soname and data symbol, so Qt links to it unchanged.  A locale not kept falls back to
ICU's root data, as ICU does for any locale it does not know.

QtWebEngine's Chromium has its own ICU data file, `icudtl.dat` (10 MB), already cut down by
Chromium, and it uses every tree (line breaking, number and date formats in the page): only
other languages' locales and the legacy character sets go.  The map page is in the app's
languages and in UTF-8.

Needs ICU's `icupkg` (Debian: icu-devtools) and a C compiler; without them the build keeps
Qt's library as it is and says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

# A locale item's name: language, then optional script, region and variant ("zh_Hant_HK",
# "de_" for German's phonebook collation).  `res_index` is each tree's list of locales.
_LOCALE = re.compile(r"^(?P<lang>[a-z]{2,3})(_[A-Za-z0-9]*)*$")
_MISSING = re.compile(r"depends on missing item (\S+)")
# ICU's names for the app's language codes where they differ (Tagalog is ICU's Filipino).
_ICU_LANGUAGE = {"tl": "fil"}
# The ICU functions libQt6Core imports, by prefix, and the data trees they read ("" is the
# top level: locale data and the supplemental tables).  u_strTo* case mapping needs no tree.
QT_ICU_SERVICES = ("u_strTo", "ucal_", "ucnv_", "UCNV_", "ucol_")
QT_ICU_TREES = frozenset({"", "coll", "zone"})


def tools_available() -> bool:
    return all(shutil.which(tool) for tool in ("icupkg", "objcopy", "cc"))


def icu_languages(app_languages: list[str]) -> set[str]:
    """ICU language subtags for the app's languages, English always included."""
    languages = {"en"}
    for code in app_languages:
        lang = code.split("_")[0]
        languages.add(lang)
        languages.add(_ICU_LANGUAGE.get(lang, lang))
    return languages


def items_to_remove(items: list[str], languages: set[str],
                    trees: frozenset[str] | None = None) -> list[str]:
    """The package items (`coll/de.res`, `ibm-1390_P110-2003.cnv`, ...) the app does not need:
    legacy character sets, transliterators, other languages' locales, and the trees not in
    `trees` (None keeps every tree)."""
    remove = []
    for item in items:
        folder, _, name = item.rpartition("/")
        stem, _, suffix = name.partition(".")
        if suffix == "cnv" or folder == "translit" or (trees is not None and folder not in trees):
            remove.append(item)
        elif (suffix == "res" and stem != "res_index" and (match := _LOCALE.match(stem))
              and match["lang"] not in languages):
            remove.append(item)
    return remove


def remove_items(package: Path, remove: list[str], out: Path) -> None:
    """Write `package` without `remove`, keeping any item a kept one refers to (a Hong Kong
    Chinese spell-out rule points at Cantonese's, for instance).  Items that were missing
    before (Chromium's file refers to some it left out) stay missing."""
    remove_list = out.parent / "remove.txt"
    ignore: list[str] = []
    while True:
        remove_list.write_text("\n".join(remove) + "\n")
        result = subprocess.run(["icupkg", *ignore, "-r", str(remove_list), str(package), str(out)],
                                capture_output=True, text=True)
        if result.returncode == 0:
            return
        needed = set(_MISSING.findall(result.stdout + result.stderr))
        if needed & set(remove):
            remove = [item for item in remove if item not in needed]
        elif needed and not ignore:
            ignore = ["--ignore-deps"]
        else:
            raise RuntimeError(f"icupkg could not trim {package}: {result.stderr.strip()}")


def trimmed_package(package: Path, app_languages: list[str], work: Path,
                    trees: frozenset[str] | None = None) -> Path:
    """`package` (named as its items' prefix, `icudt73l.dat`) without what the app does not need."""
    listing = subprocess.run(["icupkg", "--ignore-deps", "-l", str(package)], capture_output=True, text=True,
                             check=True).stdout.split()
    trimmed = work / "trimmed" / package.name  # the name is the prefix of every item: keep it
    trimmed.parent.mkdir()
    remove_items(package, items_to_remove(listing, icu_languages(app_languages), trees), trimmed)
    return trimmed


def data_symbol(library: Path) -> str:
    """The library's one exported symbol, ICU's data (`icudt73_dat`)."""
    out = subprocess.run(["nm", "-D", "--defined-only", str(library)], capture_output=True,
                         text=True, check=True).stdout
    names = [line.split()[-1] for line in out.splitlines() if line.strip()]
    symbols = [name for name in names if re.fullmatch(r"icudt\d+_dat", name)]
    if len(symbols) != 1:
        raise ValueError(f"{library} does not look like ICU's data library (symbols: {names}).")
    return symbols[0]


def trim_icu_data(library: Path, app_languages: list[str]) -> int:
    """Replace `library` (libicudata.so.NN) with a trimmed one; the bytes saved."""
    symbol = data_symbol(library)
    soname = library.name
    before = library.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        package = work / f"{symbol.removesuffix('_dat')}l.dat"
        subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", str(library),
                        str(package)], check=True)
        trimmed = trimmed_package(package, app_languages, work, QT_ICU_TREES)
        source = work / "data.S"
        source.write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
            f"{symbol}:\n\t.incbin \"{trimmed}\"\n\t.size {symbol}, . - {symbol}\n"
            "\t.section .note.GNU-stack,\"\",@progbits\n")
        built = work / soname
        subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(built),
                        str(source)], check=True)
        shutil.copyfile(built, library)
    return before - library.stat().st_size


def package_name(data_file: Path) -> str:
    """The prefix of the items in an ICU data file (`icudt74l`), whatever the file is called."""
    with data_file.open("rb") as handle:
        head = handle.read(1 << 16)
    match = re.search(rb"(icudt\d+[lbe])/", head)
    if match is None:
        raise ValueError(f"{data_file} does not look like an ICU data file.")
    return match[1].decode()


def trim_icu_file(data_file: Path, app_languages: list[str]) -> int:
    """Replace an ICU data file (Chromium's `icudtl.dat`) with a trimmed one; the bytes saved."""
    before = data_file.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        package = work / f"{package_name(data_file)}.dat"
        shutil.copyfile(data_file, package)
        shutil.copyfile(trimmed_package(package, app_languages, work), data_file)
    return before - data_file.stat().st_size
