"""Which voice speaks each of the app's languages on this computer, and espeak-ng's own reading.

Why a table and not "the closest locale": a family that reads Tagalog must not hear the words in
another language's sounds.  A language speaks only through a voice for that language; where the
computer has none, the button says so.  Chinese is the one judgment call: espeak-ng's Mandarin
voice is not offered through speech-dispatcher on Debian, and its Cantonese voice (``yue_HK``,
the Chinese of many Los Angeles families who read traditional characters) reads traditional
characters; simplified text has a voice only where a Mandarin one is installed.

The speech engine's locales are names like ``es_419`` or ``ko_KR`` (Qt's ``QLocale.name()``).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable

# The engine locales that speak each language, best first.
VOICE_LOCALES: dict[str, tuple[str, ...]] = {
    "en": ("en_US", "en_GB", "en_029"),
    "es": ("es_419", "es_US", "es_MX", "es_ES"),
    "ko": ("ko_KR",),
    "hy": ("hy_AM",),
    "zh_Hans": ("zh_CN", "cmn_CN", "zh_SG"),
    "zh_Hant": ("zh_TW", "zh_HK", "yue_HK", "cmn_TW"),
    "vi": ("vi_VN",),
    "tl": ("fil_PH", "tl_PH"),
    "ru": ("ru_RU",),
    "ar": ("ar_EG", "ar_SA", "ar_001", "ar"),
    "fa": ("fa_IR", "fa_AF"),
}

# espeak-ng's voice for each language it speaks (``espeak-ng --voices``); none for Tagalog.
ESPEAK_VOICES: dict[str, str] = {
    "en": "en-us", "es": "es-419", "ko": "ko", "hy": "hy", "zh_Hans": "cmn", "zh_Hant": "yue",
    "vi": "vi", "ru": "ru", "ar": "ar", "fa": "fa",
}


def voice_locale(lang: str, available: Iterable[str]) -> str | None:
    """The engine locale that speaks ``lang``, or None: no voice for it on this computer.

    A language outside the table speaks through a locale of the same language code ("de" through
    "de_DE"), never through another language."""
    names = set(available)
    for name in VOICE_LOCALES.get(lang, ()):
        if name in names:
            return name
    if lang in VOICE_LOCALES:
        return None
    same = sorted(n for n in names if n.split("_")[0] == lang.split("_")[0])
    return same[0] if same else None


def espeak_wav(text: str, lang: str, timeout: float = 60) -> bytes:
    """``text`` spoken by espeak-ng as a WAV, in memory: the words go in on stdin and the sound
    comes back on stdout, so nothing reaches the disk or the process list.  Raises LookupError
    when espeak-ng is missing or has no voice for ``lang``."""
    voice = ESPEAK_VOICES.get(lang)
    program = shutil.which("espeak-ng")
    if voice is None or program is None:
        raise LookupError(f"espeak-ng has no voice for {lang!r} on this computer")
    done = subprocess.run([program, "-v", voice, "-b", "1", "--stdout"], input=text.encode("utf-8"),
                          capture_output=True, timeout=timeout, check=True)
    return done.stdout


def speech_service_answers(timeout_s: float = 4.0) -> bool:
    """Whether the system's speech service (speech-dispatcher) answers within ``timeout_s``.

    Why ask first: Qt's speech engine connects to the service inside its constructor and holds
    Python's lock while it waits; a service that is wedged (seen on a kiosk without a sound card)
    then freezes the whole app, not just the voice thread.  ``spd-say -O`` asks the same service
    (``SPEECHD_ADDRESS`` included) from a child process that can be abandoned: no answer, no voice,
    and the buttons say so."""
    spd_say = shutil.which("spd-say")
    if spd_say is None:
        return False
    try:
        done = subprocess.run([spd_say, "-O"], capture_output=True, timeout=timeout_s, check=False)
    except (subprocess.TimeoutExpired, OSError):
        return False
    return done.returncode == 0
