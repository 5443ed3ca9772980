"""`osteoscreen check` on translations, `i18n extract` and `i18n status`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from osteoscreen.cli import main
from osteoscreen.language_check import check_all, check_file, extract, status_lines
from osteoscreen.languages import read_catalog, sources
from osteoscreen.loader import default_rules_path, load_rules
from osteoscreen.problem import display_name

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "rules" / "broken_translations"
CASES = sorted(p for p in CORPUS.glob("*/*.po"))
VALID = ROOT / "tests" / "rules" / "valid.toml"


def test_the_corpus_covers_every_kind_of_broken_translation():
    kinds = {p.parent.name for p in CASES}
    assert {
        "missing",
        "empty",
        "stale",
        "fuzzy",
        "extra",
        "placeholder",
        "caregiver_your",
        "caregiver_your_chinese",
        "markup",
        "qr_too_long",
        "not_utf8",
        "not_po",
        # issue 20: the file itself, malformed PO, every text and header
        "unterminated_string",
        "unknown_escape",
        "duplicate_context",
        "plural_forms",
        "charset",
        "unknown_language",
        "english",
        "language_name_image",
        "language_name_html",
        "language_name_override",
        "language_name_long",
        "reviewed_on",
        "fixed_html",
        "directive",
        "material_icon",
        "latex",
        "heading",
        "table",
        "doubled_braces",
        "format_spec",
        "context_forged",
    } <= kinds


@pytest.mark.parametrize("path", CASES, ids=[p.parent.name for p in CASES])
def test_each_broken_translation_gets_its_exact_located_messages(path, monkeypatch):
    monkeypatch.chdir(ROOT)
    expected = (path.parent / "expect.txt").read_text(encoding="utf-8").splitlines()
    found = check_file(load_rules(VALID), path)
    assert found == [line.replace("{file}", display_name(path)) for line in expected]


def test_the_bundled_translations_are_complete_current_and_clean():
    path = default_rules_path()
    assert check_all(load_rules(path), path) == []


def test_check_exits_1_on_a_broken_translation_beside_the_rules(tmp_path, monkeypatch, capsys):
    rules = tmp_path / "rules.toml"
    text = VALID.read_text(encoding="utf-8").replace(
        'seeds = "../../seeds"', f'seeds = "{ROOT / "seeds"}"'
    )
    rules.write_text(text, encoding="utf-8")
    (tmp_path / "translations").mkdir()
    shutil.copy(CORPUS / "placeholder" / "es.po", tmp_path / "translations" / "es.po")
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(rules)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "translations/es.po:119: ui.step_label: placeholders {paso}, {steps} differ from the"
        " English's {step}, {steps}"
    ]


def test_extract_marks_a_changed_english_text_fuzzy_and_keeps_the_old_english(tmp_path):
    rules_path = tmp_path / "rules.toml"
    text = VALID.read_text(encoding="utf-8").replace(
        'seeds = "../../seeds"', f'seeds = "{ROOT / "seeds"}"'
    )
    rules_path.write_text(text, encoding="utf-8")
    (tmp_path / "translations").mkdir()
    po = tmp_path / "translations" / "es.po"
    shutil.copy(CORPUS / "missing" / "es.po", po)  # ui.start has no entry yet
    changed = text.replace('next = "Next"', 'next = "Go on"')
    assert changed != text
    rules_path.write_text(changed, encoding="utf-8")
    rules = load_rules(rules_path)
    lines = extract(rules, rules_path)
    assert lines[-1].endswith("es.po: written")
    cat = read_catalog(po)
    entry = next(m for m in cat if m.context == "ui.next")
    assert entry.id == "Go on"
    assert entry.fuzzy
    assert entry.string == "ES Next"  # the translation is kept, for review
    assert '#| msgid "Next"' in po.read_text(encoding="utf-8")  # beside the old English
    new = next(m for m in cat if m.context == "ui.start")
    assert new.id == sources(rules)["ui.start"]
    assert new.string == ""
    assert extract(rules, rules_path)[-1].endswith("es.po: up to date")  # idempotent
    status = status_lines(rules, rules_path)
    assert status[1].startswith(
        f"es: {len(sources(rules)) - 2} of {len(sources(rules))} translated, 1 stale, 1 missing"
    )


def test_status_prints_each_bundled_language_and_its_review(capsys):
    assert main(["i18n", "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["en", "es", "zh-Hans"]
    assert all("0 stale, 0 missing" in line for line in lines[1:])
    assert all(line.endswith("not reviewed yet") for line in lines[1:])


def test_the_template_is_current_with_the_rule_file():
    path = default_rules_path()
    pot = read_catalog(path.parent / "translations" / "osteoscreen.pot")
    assert {(m.context, m.id) for m in pot if m.id} == set(sources(load_rules(path)).items())
