"""Street-address normalisation shared by the pack builder and the address search.

Both sides reduce a street to the same key, so "123 Oak St." typed at a kiosk
finds "123 OAK STREET" in the index.
"""

from __future__ import annotations

import re
import unicodedata

ABBREVIATIONS = {
    "st": "street", "str": "street", "ave": "avenue", "av": "avenue", "blvd": "boulevard",
    "bl": "boulevard", "dr": "drive", "rd": "road", "ln": "lane", "ct": "court", "pl": "place",
    "pkwy": "parkway", "hwy": "highway", "cir": "circle", "ter": "terrace", "sq": "square",
    "n": "north", "s": "south", "e": "east", "w": "west",
    "c": "calle", "avda": "avenida",
}
_UNIT = re.compile(r"\s(?:apt|apartment|unit|ste|suite|#|no\.?|number)\s*\S+$", re.IGNORECASE)


def normalize_street(street: str) -> str:
    """A matching key: lower case, no accents or punctuation, abbreviations spelled out."""
    text = unicodedata.normalize("NFKC", street).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text)
    words = [ABBREVIATIONS.get(w, w) for w in text.split()]
    return " ".join(words)


def split_address(text: str) -> tuple[str | None, str]:
    """("123", "oak street") from "123 Oak St., Apt 4"; the number is None when absent."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = text.split(",")[0].strip()
    text = _UNIT.sub("", " " + text).strip()
    match = re.match(r"^(\d+[a-zA-Z]?)\s+(.*)$", text)
    if match:
        return match.group(1).upper(), normalize_street(match.group(2))
    return None, normalize_street(text)
