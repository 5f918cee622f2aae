"""Grades as ordered integers, so spans compare with ``<=``.

Preschool < transitional kindergarten < kindergarten < 1..12 < adult.
"""

from __future__ import annotations

PRESCHOOL = -2
TK = -1
K = 0
ADULT = 13

_WORDS = {
    "P": PRESCHOOL, "PK": PRESCHOOL, "PRE-K": PRESCHOOL, "PREK": PRESCHOOL, "PRESCHOOL": PRESCHOOL,
    "TK": TK, "TRANSITIONAL KINDERGARTEN": TK,
    "K": K, "KG": K, "KINDERGARTEN": K,
    "ADULT": ADULT, "AE": ADULT,
}

LABELS = {PRESCHOOL: "PK", TK: "TK", K: "K", ADULT: "Adult"}


def parse_grade(text: str) -> int:
    """Read one grade as written in school directories ("K", "KG", "05", "TK", "Adult").

    Raises ValueError for anything else, including ungraded ("UG") and grade 14.
    """
    word = text.strip().upper()
    if word in _WORDS:
        return _WORDS[word]
    if word.isdigit():
        number = int(word)
        if 1 <= number <= 12:
            return number
        if number == 13:  # NCES uses grade 13 for a fifth high-school year
            return 12
    raise ValueError(f"not a grade: {text!r}")


def parse_span(text: str | None) -> tuple[int | None, int | None]:
    """Read a span such as "K-5", "P-5", "K-Adult" or "9-12"; (None, None) when unknown."""
    if text is None:
        return None, None
    text = text.strip()
    if not text or text.upper() in {"NO DATA", "N/A", "NOT APPLICABLE", "UG"}:
        return None, None
    low, sep, high = text.partition("-")
    try:
        if not sep:
            grade = parse_grade(low)
            return grade, grade
        return parse_grade(low), parse_grade(high)
    except ValueError:
        return None, None


def grade_label(grade: int) -> str:
    """The short label families and schools use: "TK", "K", "1" .. "12"."""
    return LABELS.get(grade, str(grade))


def span_label(low: int | None, high: int | None) -> str | None:
    """"K-5" style label, or None when the span is unknown."""
    if low is None or high is None:
        return None
    if low == high:
        return grade_label(low)
    return f"{grade_label(low)}-{grade_label(high)}"
