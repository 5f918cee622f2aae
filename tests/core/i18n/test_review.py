"""Drafts said honestly: each catalogue's completeness and review state, and the draft note.

A catalogue no person who speaks the language has checked carries ``X-Navigator-Review: needed``;
a reviewer's sign-off replaces it with one line (``X-Navigator-Review: Jane Doe, 2026-12-01``).
``navigator translations status`` prints how far each catalogue is; the printed list and Welcome
say a draft is a draft, in its own language.
"""

from __future__ import annotations

from demo import DEMO_LIST, PLAN_DAY

from navigator import translation_tools
from navigator.cli import main
from navigator.exports.document import build_document
from navigator.i18n import DRAFT_NOTE, draft_note, needs_review, translations_for
from navigator.shortlist import load_list
from navigator.translation_tools import catalogue_status, catalogues_status

HEADER = """msgid ""
msgstr ""
"Project-Id-Version: Navigator 0.1.0\\n"
"Language: {lang}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);\\n"
"X-Navigator-Language-Name: Test\\n"
{review}
"""

BODY = """
msgid "One school"
msgstr "Una escuela"

msgid "Start"
msgstr ""

#, fuzzy
msgid "Back"
msgstr "Atrás"

msgid "{n} school"
msgid_plural "{n} schools"
msgstr[0] "{n} escuela"
msgstr[1] "{n} escuelas"
"""


def write_catalogue(root, lang: str, review: str, body: str = BODY):
    po = root / lang / "LC_MESSAGES" / "navigator.po"
    po.parent.mkdir(parents=True)
    line = f'"X-Navigator-Review: {review}\\n"' if review else ""
    po.write_text(HEADER.format(lang=lang, review=line) + body, encoding="utf-8")
    return po


def test_a_catalogue_counts_translated_fuzzy_and_plural_forms(tmp_path) -> None:
    status = catalogue_status(write_catalogue(tmp_path, "xx", "needed"))
    # The plural message has two forms where the header says three: not translated, and said so.
    assert (status.translated, status.total, status.fuzzy) == (1, 4, 1)
    assert not status.plurals_ok
    assert status.review == "needed" and not status.reviewed and not status.complete


def test_a_reviewers_sign_off_is_one_header_line(tmp_path) -> None:
    done = 'msgid "Start"\nmsgstr "Empezar"\n'
    status = catalogue_status(write_catalogue(tmp_path, "xx", "Jane Doe, 2026-12-01", done))
    assert status.reviewed and status.review == "Jane Doe, 2026-12-01"
    assert status.complete and status.plurals_ok and status.translated == status.total == 1


def test_translations_status_prints_each_catalogue_and_strict_fails_when_incomplete(
        tmp_path, monkeypatch, capsys) -> None:
    write_catalogue(tmp_path, "xx", "needed")
    write_catalogue(tmp_path, "yy", "Jane Doe, 2026-12-01", 'msgid "Start"\nmsgstr "Empezar"\n')
    monkeypatch.setattr(translation_tools, "translations_dir", lambda: tmp_path)
    assert main(["translations", "status"]) == 0
    out = capsys.readouterr().out.splitlines()
    xx = next(line for line in out if line.startswith("xx"))
    assert "1/4" in xx and " 1 " in xx and "WRONG" in xx and "needed" in xx
    yy = next(line for line in out if line.startswith("yy"))
    assert "1/1" in yy and "ok" in yy and "signed off: Jane Doe, 2026-12-01" in yy
    assert main(["translations", "status", "--strict"]) == 1
    (tmp_path / "xx").rename(tmp_path / "zz-removed")
    (tmp_path / "zz-removed" / "LC_MESSAGES" / "navigator.po").unlink()
    assert main(["translations", "status", "--strict"]) == 0


def test_the_shipped_catalogues_say_which_are_drafts() -> None:
    statuses = {s.lang: s for s in catalogues_status()}
    assert statuses["es"].reviewed and statuses["ko"].reviewed
    for lang, status in statuses.items():  # the command and the app read the same line
        assert status.reviewed == (not needs_review(lang)), lang
        assert status.plurals_ok, lang


def test_the_draft_note_is_in_the_drafts_own_language() -> None:
    assert draft_note("es") == "" and draft_note("en") == ""
    for lang in ("hy", "zh_Hant", "vi", "ar", "fa", "ru", "tl", "zh_Hans"):
        note = draft_note(lang)
        assert note and note != DRAFT_NOTE, f"{lang}: the draft note is not translated"
        assert note == translations_for(lang).gettext(DRAFT_NOTE)
    assert "հայերեն" in draft_note("hy") and "العربية" in draft_note("ar")


def test_the_printed_list_says_once_that_a_draft_is_a_draft(pack) -> None:
    family = load_list(DEMO_LIST)
    for lang, expected in (("hy", draft_note("hy")), ("es", "")):
        doc = build_document(pack, family, lang, PLAN_DAY)
        cover = doc.groups[0].blocks
        found = [b for g in doc.groups for b in g.blocks if b.text == expected]
        if expected:
            assert len(found) == 1 and found[0] in cover and found[0].kind == "info"
        else:
            assert not any(draft_note("hy") == b.text for b in cover)
