"""Catalogue checks (complete, consistent, compilable, in sync with the code) and i18n behaviour."""

from __future__ import annotations

import ast
import gettext
import io
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from demo import ROOT

from navigator import i18n, translation_tools
from navigator.i18n import (
    Translator,
    available_languages,
    format_count,
    format_date,
    format_distance,
    format_school_count,
    format_walk_minutes,
    format_weekday_date,
)
from navigator.translation_tools import compile_catalogs, extract_messages

TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "navigator.pot"
SOURCE = "en"  # msgstr left empty on purpose: the English msgid is shown
EXPECTED = ("en", "es", "ko", "zh_Hans", "zh_Hant", "hy", "tl", "vi", "ru", "ar", "fa")
LANGS = sorted(p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/navigator.po"))
COMPLETE = tuple(lang for lang in LANGS if lang != SOURCE)  # every message translated, nothing fuzzy
REVIEWED = ("es", "ko")  # read by a fluent speaker; the others say they are drafts
NOV_15 = date(2026, 11, 15)


def _po(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "navigator.po"


def _read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, abort_invalid=True)


def _raw_header(path: Path) -> dict[str, str]:
    """Header fields as written in the .po (babel's Catalog drops the X- ones)."""
    text = path.read_text(encoding="utf-8")
    block = re.search(r'^msgid ""\nmsgstr ""\n((?:".*"\n)+)', text, re.M)
    assert block, f"{path}: no header entry"
    joined = "".join(ast.literal_eval(line) for line in block.group(1).splitlines())
    return dict(line.split(": ", 1) for line in joined.splitlines() if ": " in line)


def _keys(catalog: Catalog) -> set[tuple[str | None, object]]:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


_BRACE = re.compile(r"\{([^{}!:]*)[^{}]*\}")
_PERCENT = re.compile(r"%(?:\([A-Za-z_]\w*\))?[-#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")


def _fields(text: str) -> list[str]:
    """Placeholders, independently of navigator.i18n: {name} (escaped {{ }} ignored) and %s/%(name)s."""
    unescaped = text.replace("{{", "").replace("}}", "")
    return sorted([f"{{{m}}}" for m in _BRACE.findall(unescaped)] + _PERCENT.findall(text))


# --- the catalogues ---------------------------------------------------------------------------------


def test_expected_languages_exist() -> None:
    assert set(EXPECTED) <= set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_compiles(lang: str) -> None:
    catalog = _read(_po(lang))
    errors = [(m.id, [str(e) for e in errs]) for m, errs in catalog.check()]
    assert not errors, errors
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    gettext.GNUTranslations(buffer)  # raises if the .mo is malformed


@pytest.mark.parametrize("lang", LANGS)
def test_header_names_the_language_in_its_own_script(lang: str) -> None:
    header = _raw_header(_po(lang))
    assert header.get("X-Navigator-Language-Name", "").strip(), f"{lang}: no X-Navigator-Language-Name"
    assert header.get("Language") == lang
    if lang not in (SOURCE, *REVIEWED):
        assert header.get("X-Navigator-Review") == "needed", f"{lang}: not reviewed, so flag it as a draft"


@pytest.mark.parametrize("lang", [SOURCE, *COMPLETE])
def test_no_fuzzy_messages(lang: str) -> None:
    fuzzy = [m.id for m in _read(_po(lang)) if m.id and m.fuzzy]
    assert not fuzzy, f"{lang}: fuzzy entries (check, fix, remove the flag): {fuzzy}"


@pytest.mark.parametrize("lang", COMPLETE)
def test_complete_languages_are_complete(lang: str) -> None:
    missing = [m.id for m in _read(_po(lang)) if m.id and
               (not m.string or (not isinstance(m.string, str) and not all(m.string)))]
    assert not missing, f"{lang}: untranslated: {missing}"


def test_english_leaves_msgstr_empty() -> None:
    """The source language shows its msgids; a filled msgstr would silently diverge from the code."""
    filled = [m.id for m in _read(_po(SOURCE)) if m.id and
              (m.string if isinstance(m.string, str) else any(m.string))]
    assert not filled, filled


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match(lang: str) -> None:
    bad = []
    for m in _read(_po(lang)):
        if not m.id:
            continue
        if isinstance(m.id, str):
            pairs = [(m.id, m.string)]
        else:
            pairs = [(m.id[1], s) for s in m.string]  # every form keeps the plural's placeholders
            if _fields(m.id[0]) != _fields(m.id[1]):
                bad.append((m.id, "singular and plural msgids differ"))
        bad += [(m.id, s) for msgid, s in pairs if s and _fields(s) != _fields(msgid)]
    assert not bad, f"{lang}: placeholders differ from the English: {bad}"


def test_placeholder_check_catches_slips() -> None:
    assert _fields("{n} escuela") == _fields("{n} school")
    assert _fields("{num} escuelas") != _fields("{n} schools")
    assert _fields("%d escuelas") != _fields("%s schools")
    assert _fields("{{literal}} {n}") == _fields("{n}")


def test_pot_is_up_to_date(tmp_path: Path) -> None:
    fresh = extract_messages(ROOT, tmp_path / "navigator.pot")
    new, committed = _keys(_read(fresh)), _keys(_read(POT))
    assert new == committed, (
        "translations/navigator.pot is out of date: "
        "run `python -m navigator.translation_tools extract` and `update`.\n"
        f"  in the code, not the .pot: {sorted(map(str, new - committed))}\n"
        f"  in the .pot, not the code: {sorted(map(str, committed - new))}")


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_matches_template(lang: str) -> None:
    pot, po = _keys(_read(POT)), _keys(_read(_po(lang)))
    assert po == pot, (f"{lang}: run `python -m navigator.translation_tools update` "
                       f"(missing {pot - po}, extra {po - pot})")


def test_extraction_finds_every_kind_of_marker(tmp_path: Path) -> None:
    """A newly marked string reaches the template, so the checks above notice it."""
    shutil.copy(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    (tmp_path / "navigator").mkdir()
    (tmp_path / "navigator" / "screen.py").write_text(
        "label = _('Apply by {date}')\n"
        "SEATS = N_('Seats')\n"
        "n = ngettext('{n} seat', '{n} seats', 2)\n"
        "b = pgettext('button', 'Print')\n"
        "d = npgettext('whole distance', '{distance} mi', '{distance} mi', 12)\n"
        "c = format_count(2, '{n} choice', '{n} choices', 'es')\n"
        "# TRANSLATORS: shown on the kiosk\n"
        "h = _('Start over')\n", encoding="utf-8")
    catalog = _read(extract_messages(tmp_path, tmp_path / "out.pot"))
    assert _keys(catalog) == {
        (None, "Apply by {date}"), (None, "Seats"), (None, ("{n} seat", "{n} seats")),
        ("button", "Print"), (None, ("{n} choice", "{n} choices")), (None, "Start over"),
        ("whole distance", ("{distance} mi", "{distance} mi"))}
    assert catalog.get("Start over").auto_comments == ["shown on the kiosk"]


def test_the_app_reads_catalogues_without_the_catalogue_tools() -> None:
    """Extraction pulls in babel's command-line front end (and setuptools): not in the app."""
    tree = ast.parse(Path(i18n.__file__).read_text(encoding="utf-8"))
    modules = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not modules & {"babel.messages.extract", "babel.messages.frontend", "navigator.translation_tools"}


def test_core_has_no_qt() -> None:
    tree = ast.parse(Path(i18n.__file__).read_text(encoding="utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [n for n in names if n.startswith(("PySide", "PyQt", "shiboken"))]


# --- behaviour --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test setup compiles every .po, as the build does (to a temp dir: nothing in the checkout)."""
    out = tmp_path_factory.mktemp("mo")
    written = compile_catalogs(out_dir=out)
    assert {p.parent.parent.name for p in written} == set(LANGS)
    return out


def test_available_languages() -> None:
    languages = {lang.code: lang for lang in available_languages()}
    assert available_languages()[0].code == "en"
    assert {c: language.name for c, language in languages.items()} == {  # each in its own script
        "en": "English", "es": "Español", "ko": "한국어", "zh_Hans": "简体中文", "zh_Hant": "繁體中文",
        "hy": "Հայերեն", "vi": "Tiếng Việt", "tl": "Tagalog", "ru": "Русский", "ar": "العربية",
        "fa": "فارسی"}
    assert not any(languages[c].needs_review for c in ("en", "es", "ko"))
    assert all(languages[c].needs_review for c in ("zh_Hans", "zh_Hant", "hy", "tl", "vi", "ru", "ar", "fa"))
    assert {c for c, language in languages.items() if language.rtl} == {"ar", "fa"}


def test_english_is_listed_without_a_catalogue(tmp_path: Path) -> None:
    assert available_languages(tmp_path) == [i18n.Language("en", "English")]


def test_frozen_build_finds_languages_in_mo_headers(compiled: Path) -> None:
    languages = {lang.code: lang for lang in available_languages(compiled)}
    assert languages["ko"].name == "한국어" and not languages["ko"].needs_review
    assert languages["ar"].needs_review and languages["ar"].rtl
    translator = Translator(compiled, "es")
    assert translator.gettext("Magnet program") == "Programa magnet"


def test_switching_language_notifies_listeners_and_takes_effect_at_once(compiled: Path) -> None:
    translator = Translator(compiled)
    heard: list[str] = []
    unsubscribe = translator.add_listener(heard.append)
    assert translator.gettext("Magnet program") == "Magnet program"
    assert translator.set_language("es") == "es"
    assert translator.gettext("Magnet program") == "Programa magnet"
    translator.set_language("ko")
    assert translator.gettext("Magnet program") == "마그넷 프로그램"
    translator.set_language("ko")  # no change, no notification
    unsubscribe()
    translator.set_language("en")
    assert heard == ["es", "ko"]


def test_module_level_underscore_follows_the_default_translator() -> None:
    from navigator.i18n import _, ngettext, pgettext

    before = i18n.translator.language
    try:
        heard: list[str] = []
        unsubscribe = i18n.translator.add_listener(heard.append)
        i18n.set_language("es")
        assert _("Special day class") == "Clase especial diurna (SDC)"
        assert ngettext("{n} school", "{n} schools", 3).format(n=3) == "3 escuelas"
        assert pgettext("distance", "{distance} km") == "{distance} km"
        i18n.set_language("ko")
        assert _("Special day class") == "특수 학급(SDC)"
        assert heard == ["es", "ko"]
        unsubscribe()
    finally:
        i18n.set_language(before)


def test_a_failing_listener_does_not_stop_the_others(compiled: Path) -> None:
    translator = Translator(compiled)
    heard: list[str] = []

    def broken(code: str) -> None:
        raise RuntimeError("widget already deleted")

    translator.add_listener(broken)
    translator.add_listener(heard.append)
    translator.set_language("es")
    assert heard == ["es"]


def test_language_codes_are_resolved(compiled: Path) -> None:
    translator = Translator(compiled)
    assert [translator.resolve(c) for c in ("es-MX", "ko_KR", "zh_CN", "fil", "xx")] == [
        "es", "ko", "zh_Hans", "tl", "en"]


def test_translations_for_leaves_the_screen_language_alone(compiled: Path) -> None:
    translator = Translator(compiled, "en")
    korean = translator.translations_for("ko")
    assert korean.gettext("Special day class") == "특수 학급(SDC)"
    assert translator.language == "en"
    assert translator.gettext("Special day class") == "Special day class"


def test_missing_message_falls_back_to_english(compiled: Path) -> None:
    assert Translator(compiled, "ar").gettext("Not in any catalogue") == "Not in any catalogue"


def _copy_po(lang: str, directory: Path) -> Path:
    target = directory / lang / "LC_MESSAGES" / "navigator.po"
    target.parent.mkdir(parents=True)
    shutil.copy(_po(lang), target)
    return target


def test_missing_mo_is_compiled_in_memory(tmp_path: Path) -> None:
    po = _copy_po("es", tmp_path)
    translator = Translator(tmp_path, "es")
    assert translator.gettext("Special-education school") == "Escuela de educación especial"
    assert not po.with_suffix(".mo").exists()


def _write_mo(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    path.write_bytes(buffer.getvalue())


def test_mo_is_used_when_fresh_and_ignored_when_stale(tmp_path: Path) -> None:
    po = _copy_po("es", tmp_path)
    catalog = _read(po)
    catalog.get("Arts").string = "ARTES (desde el .mo)"
    mo = po.with_suffix(".mo")
    _write_mo(mo, catalog)
    stamp = po.stat().st_mtime
    os.utime(mo, (stamp + 10, stamp + 10))
    assert Translator(tmp_path, "es").gettext("Arts") == "ARTES (desde el .mo)"
    os.utime(mo, (stamp - 10, stamp - 10))  # the .po was edited after the last compile
    assert Translator(tmp_path, "es").gettext("Arts") == "Artes"


def test_broken_placeholder_shows_english_instead_of_crashing(tmp_path: Path) -> None:
    po = _copy_po("es", tmp_path)
    text = po.read_text(encoding="utf-8").replace('msgstr[1] "{n} escuelas"', 'msgstr[1] "{num} escuelas"')
    po.write_text(text, encoding="utf-8")
    translations = Translator(tmp_path).translations_for("es")
    assert translations.ngettext("{n} school", "{n} schools", 3).format(n=3) == "3 schools"
    assert translations.gettext("Arts") == "Artes"


# --- formatting -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "November 15, 2026"), ("es", "15 de noviembre de 2026"), ("ko", "2026년 11월 15일")])
def test_format_date(lang: str, expected: str) -> None:
    assert format_date(NOV_15, lang) == expected


def test_format_weekday_date() -> None:
    assert format_weekday_date(NOV_15, "en") == "Sunday, November 15, 2026"
    assert format_weekday_date(NOV_15, "es") == "domingo, 15 de noviembre de 2026"
    assert format_weekday_date(NOV_15, "ko") == "2026년 11월 15일 일요일"


@pytest.mark.parametrize(("lang", "one", "three"), [
    ("en", "1 school", "3 schools"), ("es", "1 escuela", "3 escuelas"), ("ko", "학교 1곳", "학교 3곳")])
def test_plural_counts(lang: str, one: str, three: str) -> None:
    assert format_school_count(1, lang) == one
    assert format_school_count(3, lang) == three
    assert format_count(3, "{n} school", "{n} schools", lang) == three


def test_counts_use_the_language_number_format() -> None:
    assert format_school_count(1234, "en") == "1,234 schools"


@pytest.mark.parametrize(("km", "lang", "unit", "expected"), [
    (1.2875, "en", "mi", "0.8 mi"),
    (1.2, "es", "km", "1.2 km"),
    (1.2, "en", "km", "1.2 km"),
    (1.2875, "ko", "mi", "0.8마일"),
    (24.6, "en", "km", "25 km"),  # no decimal from 10 up
    (16.0934, "en", "mi", "10 mi"),
    (0.01, "en", "mi", "0.1 mi"),  # never "0.0 mi"
])
def test_format_distance(km: float, lang: str, unit: str, expected: str) -> None:
    assert format_distance(km, lang, unit) == expected


def test_distance_unit_defaults() -> None:
    assert i18n.default_distance_unit("US") == "mi"
    assert i18n.default_distance_unit(None) == "mi"
    assert i18n.default_distance_unit("MX") == "km"
    with pytest.raises(ValueError):
        format_distance(1.0, "en", "furlong")  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "12 min walk"), ("es", "12 min a pie"), ("ko", "도보 12분")])
def test_format_walk_minutes(lang: str, expected: str) -> None:
    assert format_walk_minutes(11.6, lang) == expected


def test_cli_compile_to_an_output_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert translation_tools.main(["compile", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "ko" / "LC_MESSAGES" / "navigator.mo").is_file()
    assert str(tmp_path) in capsys.readouterr().out


@pytest.mark.parametrize(("text", "expected"), [
    ("“프로그램”은(는) 좋습니다", "“프로그램”은 좋습니다"),  # final consonant ㅁ
    ("“학교”은(는) 좋습니다", "“학교”는 좋습니다"),  # no final consonant
    ("마그넷이(가) 열립니다", "마그넷이 열립니다"),
    ("아이이(가) 옵니다", "아이가 옵니다"),  # {name}이(가) with the name 아이
    ("학교을(를) 고르세요", "학교를 고르세요"),
    ("교실을(를) 고르세요", "교실을 고르세요"),
    ("서울(으)로 갑니다", "서울로 갑니다"),  # ㄹ takes 로
    ("부산(으)로 갑니다", "부산으로 갑니다"),
    ("학교(으)로 갑니다", "학교로 갑니다"),
    ("B Line은(는) 빠릅니다", "B Line은 빠릅니다"),  # Latin: read as in English
    ("Valle Verde Choices은(는) 온라인입니다", "Valle Verde Choices는 온라인입니다"),
    ("3은(는) 홀수입니다", "3은 홀수입니다"),
    ("2은(는) 짝수입니다", "2는 짝수입니다"),
    ("…은(는) 모릅니다", "…은(는) 모릅니다"),  # unsure: left as written
])
def test_korean_particles_follow_the_last_syllable(text: str, expected: str) -> None:
    assert i18n.resolve_particles(text) == expected


def test_korean_messages_pick_particles_when_formatted() -> None:
    ko = i18n.translations_for("ko")
    template = ko.gettext("What does “{term}” mean?")
    assert "은(는)" in template  # the translator wrote both forms
    assert template.format(term="추첨") == "“추첨”은 무슨 뜻인가요?"
    assert template.format(term="마그넷 학교") == "“마그넷 학교”는 무슨 뜻인가요?"
    spanish = i18n.translations_for("es").gettext("What does “{term}” mean?")
    assert "(" not in spanish.format(term="lotería")
