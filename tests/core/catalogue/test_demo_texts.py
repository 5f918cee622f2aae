"""The demo pack speaks every language the app ships: the region's description, where each fact
comes from, how to apply to each school, the dates and the programmes' notes, in each language's
own script, as complete as the Spanish (the reference a fluent reader checked)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.i18n import available_languages
from navigator.resources import demo_pack, demo_sources

SHIPPED = [lang.code for lang in available_languages() if lang.code != "en"]
REFERENCE = "es"

# A letter of each language's own script: a text copied from the English would have none.
SCRIPTS = {
    "ko": r"[\uac00-\ud7a3]", "hy": r"[\u0531-\u0587]", "ru": r"[\u0400-\u04ff]",
    "ar": r"[\u0600-\u06ff]", "fa": r"[\u0600-\u06ff]", "zh_Hans": r"[\u4e00-\u9fff]",
    "zh_Hant": r"[\u4e00-\u9fff]", "vi": r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]",
    "es": r"[a-záéíóúñ]", "tl": r"\b(ang|ng|sa|mga)\b",
}
# Characters that only one of the two Chinese sets uses ("school", "learn", "for", "apply").
SIMPLIFIED_ONLY, TRADITIONAL_ONLY = "学请对这个为时", "學請對這個為時"


def _texts(lang: str) -> dict[tuple[str, str, str], str]:
    conn = sqlite3.connect(f"file:{demo_pack()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT entity, entity_id, field, value FROM translations WHERE lang=?",
                            (lang,)).fetchall()
    finally:
        conn.close()
    return {(entity, entity_id, field): value for entity, entity_id, field, value in rows}


def test_the_region_lists_every_language_the_app_ships() -> None:
    pack = open_pack(demo_pack())
    assert set(pack.region.languages) == {"en", *SHIPPED}


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_text_the_reference_has_is_translated(lang: str) -> None:
    missing = sorted(set(_texts(REFERENCE)) - set(_texts(lang)))
    assert not missing, f"{lang}: {len(missing)} demo texts not translated, e.g. {missing[:5]}"


@pytest.mark.parametrize("lang", SHIPPED)
def test_texts_are_written_in_the_language(lang: str) -> None:
    texts = _texts(lang)
    how_to_apply = {key: value for key, value in texts.items() if key[2] == "how_to_apply"}
    assert len(how_to_apply) == 12
    pattern = re.compile(SCRIPTS[lang], re.IGNORECASE)
    not_in_language = [key for key, value in how_to_apply.items() if not pattern.search(value)]
    assert not not_in_language, f"{lang}: {not_in_language}"


@pytest.mark.parametrize(("lang", "foreign"), [("zh_Hans", TRADITIONAL_ONLY), ("zh_Hant", SIMPLIFIED_ONLY)])
def test_chinese_texts_keep_to_their_character_set(lang: str, foreign: str) -> None:
    mixed = [key for key, value in _texts(lang).items() if set(value) & set(foreign)]
    assert not mixed, f"{lang}: characters of the other set in {mixed}"


def test_a_text_given_twice_keeps_the_first_and_says_where(tmp_path: Path) -> None:
    """A language's column and the texts sheet may both give a text: one clear line, no crash."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_sources().parent, folder)
    with (folder / "texts.csv").open("a", encoding="utf-8") as f:
        f.write("process,lottery-pu,name,es,Otra vez\n")  # processes.csv has name_es already
        f.write("source,overlay-4,name,es,Otra vez\n")  # an earlier row of texts.csv has it
    report = build_pack(folder / "region.toml", tmp_path / "pack.sqlite")
    lines = len((folder / "texts.csv").read_text(encoding="utf-8").splitlines())
    assert [str(p) for p in report.problems] == [
        f"texts.csv:{lines - 1}: a second es text for the name of process 'lottery-pu'; the first "
        "one is kept",
        f"texts.csv:{lines}: a second es text for the name of source 'overlay-4'; the first one is "
        "kept"]
    pack = open_pack(tmp_path / "pack.sqlite")
    assert pack.text("process", "lottery-pu", "name", "es") == _texts("es")[("process", "lottery-pu", "name")]
    assert pack.text("source", "overlay-4", "name", "es") == "Fechas de solicitud para 2027-28"
