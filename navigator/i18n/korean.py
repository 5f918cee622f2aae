"""Korean particles depend on the word before them (학교는, 프로그램은).  A Korean translation writes
``{name}은(는)`` where a name is filled in; the strings its catalogue returns resolve that to the
right particle when formatted (:func:`resolve_particles`), so no caller has to remember it."""

from __future__ import annotations

import gettext
import re

# The two-form notation a Korean translation writes after a placeholder, and its two forms: after a
# syllable with a final consonant (batchim), and after one without.  (으)로 also takes 로 after ㄹ.
_PARTICLES = {"은(는)": ("은", "는"), "이(가)": ("이", "가"), "을(를)": ("을", "를"),
              "과(와)": ("과", "와"), "(으)로": ("으로", "로")}
_PARTICLE = re.compile("|".join(re.escape(p) for p in _PARTICLES))
_CLOSING = "\"'”’)]}」』》〉»"  # quotes and brackets between a word and its particle
# How a digit is read in Sino-Korean (영 일 이 삼 사 오 육 칠 팔 구): its final consonant, if any.
_DIGIT_BATCHIM = {"0": "ㅇ", "1": "ㄹ", "3": "ㅁ", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ"}
# A Latin word is read as in English; these endings are heard as a final consonant (Lab, Bank, Tom).
_LATIN_BATCHIM = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "b": "ㅂ", "k": "ㄱ", "p": "ㅂ", "g": "ㅇ"}
_RIEUL = 8  # ㄹ's index among the final consonants of a Hangul syllable


def _final_consonant(word: str) -> str | None:
    """The final consonant heard at the end of ``word``: "" for none, "ㄹ", another, or None if unsure."""
    word = word.rstrip().rstrip(_CLOSING).rstrip()
    if not word:
        return None
    last = word[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        return "" if final == 0 else ("ㄹ" if final == _RIEUL else "ㄱ")
    if last.isdigit():
        return _DIGIT_BATCHIM.get(last, "")
    if last.isascii() and last.isalpha():
        latin = word.lower()
        if latin.endswith("e") and len(latin) > 2 and latin[-2] in "lmn":
            latin = latin[:-1]  # a silent e: Line, Lane, Time are heard ending in n, n, m
        return _LATIN_BATCHIM.get(latin[-1], "")
    return None


def resolve_particles(text: str) -> str:
    """``프로그램은(는)`` -> ``프로그램은``, ``학교은(는)`` -> ``학교는``; left as written when unsure."""
    def choose(match: re.Match) -> str:
        notation = match.group(0)
        final = _final_consonant(text[:match.start()])
        if final is None:
            return notation
        with_batchim, without = _PARTICLES[notation]
        if notation == "(으)로" and final == "ㄹ":
            return without
        return with_batchim if final else without

    return _PARTICLE.sub(choose, text)


class _ParticleText(str):
    """A Korean message: formatting it fills the placeholders, then picks the particles."""

    def format(self, *args, **kwargs) -> str:
        return resolve_particles(str.format(self, *args, **kwargs))


class KoreanTranslations(gettext.GNUTranslations):
    def gettext(self, message):
        return _ParticleText(super().gettext(message))

    def ngettext(self, msgid1, msgid2, n):
        return _ParticleText(super().ngettext(msgid1, msgid2, n))

    def pgettext(self, context, message):
        return _ParticleText(super().pgettext(context, message))

    def npgettext(self, context, msgid1, msgid2, n):
        return _ParticleText(super().npgettext(context, msgid1, msgid2, n))
