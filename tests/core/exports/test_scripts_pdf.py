"""The printed list in each of the eleven languages, read back from the PDF itself.

Every character of the family's text must reach the page as a real glyph: the PDF's own
ToUnicode maps say which characters its glyphs stand for (a character fpdf2 finds in no font is
silently left out, so it would be missing there), and no glyph drawn may be the font's .notdef
(glyph 0, the empty box).  Arabic and Farsi must be *shaped*: their letters take joined forms,
so one letter is drawn with several different glyphs (initial, medial, final), which an unshaped
PDF (one glyph per letter, from the font's cmap) never does.  Right to left, a line is set flush
right, and a phone number or time stays in its left-to-right order.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import pytest
from demo import DEMO_LIST
from demo import PLAN_DAY as DAY
from pypdf import PdfReader

from navigator.exports import render
from navigator.exports.document import build_document
from navigator.i18n import available_languages
from navigator.shortlist import load_list

LANGUAGES = [language.code for language in available_languages()]
_BFCHAR = re.compile(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


# fpdf2 writes each run as "(...) Tj" after "/F1 10.00 Tf": two bytes a glyph (Identity-H); the
# font is part of the graphics state, which "q" saves and "Q" restores.
_OPERATOR = re.compile(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj|(?<=\s)([qQ])(?=\s)",
                       re.DOTALL)
_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}


def _unescape(raw: bytes) -> bytes:
    """A PDF literal string's bytes (backslash escapes and octal codes undone)."""
    out, i = bytearray(), 0
    while i < len(raw):
        if raw[i] == 0x5C and i + 1 < len(raw):
            nxt = raw[i + 1]
            octal = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4])
            if octal:
                out.append(int(octal.group(0), 8) & 0xFF)
                i += 1 + len(octal.group(0))
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
        else:
            out.append(raw[i])
            i += 1
    return bytes(out)


@dataclass
class Drawn:
    """What a PDF draws: the characters its glyphs stand for, the glyphs per character, and how
    many glyphs were .notdef."""

    characters: set[str]
    glyphs_of: dict[str, set[tuple[str, int]]]
    notdef: int


def _cid_to_gid(descendant) -> bytes | None:
    mapping = descendant.get("/CIDToGIDMap")
    if mapping is None or getattr(mapping, "get_object", lambda: mapping)() == "/Identity":
        return None
    return mapping.get_object().get_data()


def read_glyphs(pdf: bytes) -> Drawn:
    reader = PdfReader(io.BytesIO(pdf))
    characters: set[str] = set()
    glyphs_of: dict[str, set[tuple[str, int]]] = defaultdict(set)
    notdef = 0
    for page in reader.pages:
        fonts = {name: ref.get_object() for name, ref in page["/Resources"]["/Font"].items()}
        unicode_of, gid_map = {}, {}
        for name, font in fonts.items():
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            unicode_of[name] = {int(cid, 16): "".join(chr(int(u[i:i + 4], 16))
                                                      for i in range(0, len(u), 4))
                                for cid, u in _BFCHAR.findall(cmap)}
            gid_map[name] = _cid_to_gid(font["/DescendantFonts"][0].get_object())
        current, saved = None, []
        for match in _OPERATOR.finditer(page.get_contents().get_data()):
            if match.group(3):
                if match.group(3) == b"q":
                    saved.append(current)
                elif saved:
                    current = saved.pop()
                continue
            if match.group(1):
                current = "/" + match.group(1).decode()
                continue
            data = _unescape(match.group(2))
            for i in range(0, len(data) - 1, 2):
                cid = int.from_bytes(data[i:i + 2], "big")
                gids = gid_map[current]
                gid = cid if gids is None else int.from_bytes(gids[2 * cid:2 * cid + 2], "big")
                if cid == 0 or gid == 0:
                    notdef += 1
                    continue
                text = unicode_of[current].get(cid, "")
                characters |= set(text)
                for char in text:
                    glyphs_of[char].add((current, gid))
    return Drawn(characters, glyphs_of, notdef)


def family_text(pack, lang: str) -> str:
    """Everything the printed list says in words, as the document builder wrote it."""
    doc = build_document(pack, load_list(DEMO_LIST), lang, DAY)
    parts = [doc.title, doc.labels["footer"]]
    for block in (b for group in doc.groups for b in group.blocks):
        parts.append(block.label)
        if block.ref:  # on paper, "See “process”, page N." instead of "... below"
            parts.append(doc.labels["see_page"].format(process=block.ref_name, page=1))
        if not block.ref or block.kind == "action":
            parts.append(block.text)
    return "\n".join(parts)


def visible(text: str) -> set[str]:
    """The characters that need a glyph: not spaces, not the invisible format characters (the
    isolates around numbers, the Persian zero-width non-joiner)."""
    return {c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc")}


def forms(drawn: Drawn, char: str) -> dict[str, int]:
    """How many different glyphs each font (regular, bold...) drew ``char`` with."""
    count: dict[str, int] = defaultdict(int)
    for font, _gid in drawn.glyphs_of[char]:
        count[font] += 1
    return count


@pytest.fixture(scope="module")
def printed(pack):
    family = load_list(DEMO_LIST)
    cache: dict[str, tuple[bytes, Drawn]] = {}

    def get(lang: str) -> tuple[bytes, Drawn]:
        if lang not in cache:
            pdf = render(pack, family, "pdf", lang, DAY)
            cache[lang] = (pdf, read_glyphs(pdf))
        return cache[lang]
    return get


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_character_of_the_printed_list_has_a_glyph(pack, printed, lang) -> None:
    _pdf, drawn = printed(lang)
    assert drawn.notdef == 0, f"{lang}: {drawn.notdef} glyphs drawn as .notdef (empty boxes)"
    missing = visible(family_text(pack, lang)) - drawn.characters
    assert not missing, f"{lang}: no glyph for {sorted(missing)}"


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_arabic_script_is_shaped_right_to_left(pack, printed, lang) -> None:
    pdf, drawn = printed(lang)
    letters = {c for c in drawn.characters if _ARABIC_LETTER.match(c)}
    assert len(letters) > 20
    joined = {c for c in letters if max(forms(drawn, c).values()) > 1}
    # The letters that join on both sides (ب ت س ل م ن ي ...) each take several forms on paper.
    assert {"ل", "م", "ن"} <= joined, f"{lang}: letters drawn in one form only: not shaped"
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Navigator" in text  # a Latin word inside the right-to-left text stays readable


def test_an_unshaped_language_draws_one_glyph_per_letter(printed) -> None:
    """The measure above means something: Armenian letters have no joined forms."""
    _pdf, drawn = printed("hy")
    armenian = [c for c in drawn.characters if "\u0531" <= c <= "\u0586"]
    assert len(armenian) > 20
    assert all(max(forms(drawn, c).values()) == 1 for c in armenian)


def test_a_phone_number_reads_left_to_right_on_a_right_to_left_page(pack) -> None:
    doc = build_document(pack, load_list(DEMO_LIST), "ar", DAY)
    blocks = [b for g in doc.groups for b in g.blocks]
    times = [b for b in blocks if "\u2066" in b.text + b.label]
    assert times, "no number was isolated"
    assert all(text.count("\u2066") == text.count("\u2069") for b in blocks
               for text in (b.text, b.label))
    english = build_document(pack, load_list(DEMO_LIST), "en", DAY)
    assert not any("\u2066" in b.text for g in english.groups for b in g.blocks)
