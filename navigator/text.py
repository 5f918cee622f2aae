"""Text from outside (a pack, a list file) made safe to show a family.

A pack or a list file can carry characters a person never sees but a screen obeys: Unicode
bidirectional controls turn "Las Flores.exe.jpg" into "serolF saL exe.gpj", zero-width and
control characters hide words or split them, line separators break a one-line name in two.
:func:`clean_line` and :func:`clean_text` remove them (and nothing a real script needs: Arabic
and Hebrew read right to left by themselves, Indic and Persian joiners between letters stay), so
that every screen, print-out and terminal shows what the text really says.  The pack reader
applies them to every text column once (``navigator.catalogue.rules``), the list reader to the
family's notes and labels, so no caller needs to think about it.

:func:`shorten` is for places with room for one line (a terminal table, a list row): a long
name ends with an ellipsis instead of pushing everything else away.
"""

from __future__ import annotations

import re
import unicodedata

# Removed: control characters (tab and line breaks are handled apart), lone surrogates, and the
# format characters (Unicode category Cf) a reader never sees: soft hyphen, Arabic letter mark,
# Mongolian vowel separator, zero-width space, left-to-right and right-to-left marks, embeddings
# and overrides (U+202A-U+202E), word joiner and invisible operators, isolates (U+2066-U+2069)
# and deprecated format controls, BOM, interlinear annotation, Egyptian, shorthand and musical
# format controls, language tags.  Kept: the visible format marks of Arabic, Syriac and Kaithi
# (U+0600-U+0605, U+06DD, U+070F...) and the joiners, which depend on their neighbours.
# (Unicode 14 categories; tests/core/cli/test_reliability.py checks the list against unicodedata.)
_INVISIBLE_CLASS = ("\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u061c\u180e\u200b\u200e\u200f"
                    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
                    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
                    "\U000e0020-\U000e007f")
_JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner: needed between letters in some scripts
# Every character clean_line may change, as character-class ranges without NUL (for SQLite's GLOB,
# which skips the Python call for the text that holds none of them).
HIDDEN_CHARACTERS = ("\x01-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
                     "\ufeff\ufff9-\ufffb\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
                     "\U000e0001\U000e0020-\U000e007f")


_INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]+")
_JOINER = re.compile(f"[{_JOINERS}]+")
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_SPACES = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029 ]+")
_BLANK_LINES = re.compile("\n{3,}")


def _script_letter(char: str) -> bool:
    """A letter or mark of a script that may need a joiner (not ASCII, not punctuation or space)."""
    return char > "\x7f" and unicodedata.category(char)[0] in "LM"


def _joiner_in_context(match: re.Match) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before and after and _script_letter(before) and _script_letter(after):
        return match.group()[:1]  # one joiner between two letters: what Indic and Persian need
    return ""


def _strip_invisible(text: str) -> str:
    text = _INVISIBLE.sub("", text)
    if "\u200c" in text or "\u200d" in text:
        text = _JOINER.sub(_joiner_in_context, text)
    return text


def clean_line(text: str) -> str:
    """One line of text as it should be shown: invisible characters gone, any line break, tab or
    run of spaces one space, no spaces at the ends.  Fast for text that needs nothing."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return _SPACES.sub(" ", _strip_invisible(text)).strip()


def clean_text(text: str) -> str:
    """Text of several lines (how to apply, a note): as :func:`clean_line`, but line breaks of any
    kind become one newline, and at most one empty line is kept between paragraphs."""
    if text.isprintable():
        return text.strip()
    text = _LINE_BREAKS.sub("\n", _strip_invisible(text)).replace("\t", " ")
    lines = [re.sub(" {2,}", " ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending with an ellipsis when cut (at a space if one is near)."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


# A run of digits a reader takes as one thing: a phone number "(213) 555-0100", a time "5:00", a
# date "12/01/2026", a range "8:00–3:00", a count "1,250".  In a right-to-left paragraph the bidi
# algorithm would turn "(213) 555-0100" into "0100-555 (213)"; isolated, it reads left to right.
_NUMBER_RUN = re.compile(
    r"(?:\([0-9]{2,4}\)[ \u00a0]?)?\+?[0-9][0-9.:/,\-\u2013]*"
    r"(?:[ \u00a0\u202f][0-9][0-9.:/,\-\u2013]*)*(?<![.,:\-\u2013])")
LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate and its end


def isolate_numbers(text: str) -> str:
    """``text`` for a right-to-left page: each number, time, date or phone number wrapped in a
    left-to-right isolate, with no-break spaces inside it so a line never splits it.

    Only for output (a page, a printout): the pack reader removes isolates from data
    (:func:`clean_line`), so this never adds to what was already there."""
    def isolate(match: re.Match) -> str:
        run = match.group(0).replace(" ", "\u00a0")
        return f"{LRI}{run}{PDI}" if not run.isdigit() else run
    return _NUMBER_RUN.sub(isolate, text)
