"""The codes a phone reads with no app: rendered as PNGs and read back with a real decoder
(zxing-cpp), then compared with what was meant; capacity with Korean text and a 500-school list."""

from __future__ import annotations

import io
import unicodedata

import pytest
from demo import EASTGATE, LAS_FLORES, PENA, PUENTE, ROOT
from demo import PLAN_DAY as DAY
from icalendar import Event

from navigator.exports.phone import CodeSchool, list_code, phone_codes
from navigator.exports.qr import (
    LIST_MAX_VERSION,
    capacity,
    qr_png,
    qr_version,
    read_list,
)
from navigator.i18n import available_languages
from navigator.shortlist import load_list

zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (a test dependency) reads the codes")
Image = pytest.importorskip("PIL.Image")



def decode(text: str) -> str:
    """Render ``text`` as a PNG code and read it back as a phone's decoder would."""
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(text, scale=4))))
    assert len(found) == 1, "the decoder found no code"
    return found[0].text


@pytest.fixture(scope="module")
def family():
    return load_list(ROOT / "data" / "demo" / "shortlist.json")


def test_the_list_code_is_text_a_phone_shows(pack, family) -> None:
    code = phone_codes(pack, family, "en", DAY).list_code
    text = decode(code.text)
    assert text == code.text
    lines = text.split("\n")
    assert lines[0] == "Our school list · Valle Verde (demo) · Dec 3, 2026"
    assert lines[2:5] == ["1. Puente Dual Language Academy", "☎ (555) 555-0141",
                          "○ Closes in 71 days: Feb 12, 2027 at 5:00\u202fPM"]
    assert "2. Escuela Peña Elementary" in lines
    assert "⚠ Closes tomorrow: Dec 4, 2026 at 5:00\u202fPM" in lines
    assert code.held == code.total == 4 and code.phones and not code.partial
    # The counsellor's Navigator reads the list back from the last line.
    assert lines[-1].startswith("NAV1|demo-valle-verde|")
    assert read_list(text).family.ids() == [PUENTE, PENA, EASTGATE, LAS_FLORES]


def test_the_list_code_in_korean_and_spanish_reads_back_whole(pack, family) -> None:
    for lang, words in (("ko", "⚠ 내일 마감: 2026. 12. 4. 오후 5:00"),
                        ("es", "⚠ Cierra mañana: 4 dic 2026 a las 5:00\u202fp.m.")):
        code = phone_codes(pack, family, lang, DAY).list_code
        assert decode(code.text) == code.text
        assert words in code.text.split("\n"), (lang, code.text)
        assert qr_version(code.text) <= LIST_MAX_VERSION


def test_each_date_is_a_calendar_event_code(pack, family) -> None:
    events = phone_codes(pack, family, "es", DAY).events
    assert [e.deadline_id for e in events] == ["vvusd-dual-language-closes", "vvusd-zone-opens",
                                               "lottery-pu-closes"]
    for event in events:
        text = decode(event.text)
        assert text == event.text and text.startswith("BEGIN:VEVENT\r\n")
        parsed = Event.from_ical(text)
        assert parsed.decoded("dtstart") == event.date
        assert parsed["uid"] == f"{event.deadline_id}@demo-valle-verde.navigator"  # as the .ics
    first = Event.from_ical(decode(events[0].text))
    assert str(first["summary"]) == ("Último día para solicitar, 5:00\u202fp.m.: Valle Verde "
                                     "Choices: programas de doble inmersión (dos idiomas)")
    assert "Escuela Peña Elementary, Eastgate Elementary" in str(first["description"])


def _korean_schools(n: int) -> list[CodeSchool]:
    return [CodeSchool(i, f"S{i:03d}", f"한빛 초등학교 제{i}캠퍼스 (이중언어 프로그램)", "(555) 555-0199",
                       "⚠ 내일 마감: 2026. 12. 4. 오후 5:00") for i in range(1, n + 1)]


def test_korean_text_is_counted_in_bytes_and_shortened_in_order() -> None:
    """Hangul is 3 bytes in UTF-8: a long Korean list loses the reminder, then phone numbers,
    then schools from the bottom, and the code says which."""
    header = "우리 가족 학교 목록 · 발레 베르데 · 2026. 12. 3."
    reminder = "신청서가 아닙니다: 날짜까지 신청하세요."
    small = list_code(_korean_schools(3), header, reminder, "demo", "ko")
    assert small.phones and not small.partial and reminder in small.text
    no_phones = list_code(_korean_schools(6), header, reminder, "demo", "ko")
    assert not no_phones.partial and not no_phones.phones and "☎" not in no_phones.text
    partial = list_code(_korean_schools(20), header, reminder, "demo", "ko")
    assert partial.partial and 0 < partial.held < 20 and partial.phones
    for code in (small, no_phones, partial):
        assert len(code.text.encode("utf-8")) <= capacity(LIST_MAX_VERSION)
        assert decode(code.text) == code.text
    assert len(partial.text.encode("utf-8")) > 1.5 * len(partial.text)  # bytes, not characters
    back = read_list(partial.text)
    assert back.partial and back.total == 20 and len(back.family.ids()) == partial.held


def test_five_hundred_schools_do_not_crash(pack) -> None:
    schools = [CodeSchool(i, f"9{i:013d}", f"School number {i}", "(555) 555-0100",
                          "○ Closes in 71 days: Feb 12, 2027") for i in range(1, 501)]
    code = list_code(schools, "Our school list", "Not an application.", "demo", "en")
    assert code.partial and code.total == 500 and code.held > 5
    assert f"Schools 1 to {code.held} of 500" in code.text
    assert "first" in code.holds and "500" in code.holds
    assert decode(code.text) == code.text
    back = read_list(code.text)
    assert back.total == 500 and back.family.ids() == [s.id for s in schools[:code.held]]


def test_a_code_with_only_the_app_line_still_reads() -> None:
    assert read_list("NAV1|demo|A1,B2").family.ids() == ["A1", "B2"]
    assert not read_list("NAV1|demo|A1,B2|future=1").partial


# The script each language's words are written in, as Unicode names its letters (Latin-script
# languages: their words differ from English's).
SCRIPTS = {"hy": "ARMENIAN", "ar": "ARABIC", "fa": "ARABIC", "ru": "CYRILLIC", "ko": "HANGUL",
           "zh_Hans": "CJK", "zh_Hant": "CJK"}


@pytest.mark.parametrize("lang", [language.code for language in available_languages()])
def test_the_list_code_reads_back_whole_in_every_language(pack, family, lang) -> None:
    """Armenian, Arabic and Persian (right to left), Chinese, Cyrillic, Vietnamese's stacked
    accents: a phone's decoder reads back exactly the text meant, in a code small enough for it,
    and the counsellor's Navigator still finds the list on its last line."""
    code = phone_codes(pack, family, lang, DAY).list_code
    assert decode(code.text) == code.text
    assert qr_version(code.text) <= LIST_MAX_VERSION
    title = code.text.split("\n")[0]
    english = phone_codes(pack, family, "en", DAY).list_code.text.split("\n")[0]
    if lang == "en":
        assert title == english
    elif lang in SCRIPTS:
        assert any(unicodedata.name(c, "").startswith(SCRIPTS[lang]) for c in title), title
    else:
        assert title != english
    assert read_list(code.text).family.ids() == [PUENTE, PENA, EASTGATE, LAS_FLORES]
