"""Translation files are read as strictly as the rule file (issue 20): only a regular,
bounded file in a known language and charset, well-formed PO with each context once,
every text and header checked, and the app serving only what `check` accepts."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from streamlit.testing.v1 import AppTest

from osteoscreen.catalog import languages_table
from osteoscreen.cli import main
from osteoscreen.language_check import check_file, status_lines
from osteoscreen.languages import dump, load_language, read_catalog, sources
from osteoscreen.loader import default_rules_path, load_rules
from osteoscreen.markup import fill
from osteoscreen.model import word
from osteoscreen.settings import ENV

from driver import texts

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "tests" / "rules" / "valid.toml"
CORPUS = ROOT / "tests" / "rules" / "broken_translations"
PAGE = ROOT / "page.py"


def spanish(rules_path: Path = VALID, **changed: str) -> str:
    """A complete Spanish translation of a rule file, with some texts changed."""
    english = sources(load_rules(rules_path))
    cat = Catalog(locale="es", project="osteoscreen", fuzzy=False)
    for place, text in english.items():
        cat.add(text, changed.get(place, "ES " + text), context=place)
    return dump(cat)


def beside_valid_rules(tmp_path: Path) -> Path:
    rules = tmp_path / "rules.toml"
    text = VALID.read_text(encoding="utf-8").replace(
        'seeds = "../../seeds"', f'seeds = "{ROOT / "seeds"}"'
    )
    rules.write_text(text, encoding="utf-8")
    (tmp_path / "translations").mkdir()
    return rules


# --------------------------------------------------------------- 1. the file itself


def run_check(folder: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """`osteoscreen check` in its own process, with 1 GB of memory at most."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "osteoscreen", "check", "rules.toml"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
    )


def test_a_link_to_dev_zero_is_refused_in_bounded_memory(tmp_path):
    beside_valid_rules(tmp_path)
    (tmp_path / "translations" / "es.po").symlink_to("/dev/zero")
    done = run_check(tmp_path)
    assert (done.returncode, done.stderr) == (1, "translations/es.po: not a regular file\n")


def test_a_named_pipe_in_place_of_a_translation_does_not_hang_check(tmp_path):
    beside_valid_rules(tmp_path)
    os.mkfifo(tmp_path / "translations" / "es.po")
    done = run_check(tmp_path, timeout=30)
    assert (done.returncode, done.stderr) == (1, "translations/es.po: not a regular file\n")


def test_a_translation_larger_than_the_limit_is_refused(tmp_path):
    beside_valid_rules(tmp_path)
    (tmp_path / "translations" / "es.po").write_text("#" * 2_000_001, encoding="utf-8")
    done = run_check(tmp_path)
    assert done.returncode == 1
    assert done.stderr == "translations/es.po: larger than 2,000,000 bytes\n"


@pytest.mark.parametrize("kind", ["charset", "unknown_language", "english"])
def test_a_bad_charset_or_language_code_exits_1_not_3(tmp_path, monkeypatch, capsys, kind):
    rules = beside_valid_rules(tmp_path)
    source = next((CORPUS / kind).glob("*.po"))
    shutil.copy(source, tmp_path / "translations" / source.name)
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(rules)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(f"translations/{source.name}: "), err


def test_a_declared_charset_that_exists_is_read_in_it(tmp_path):
    rules = beside_valid_rules(tmp_path)
    text = spanish(**{"meta.title": "Cuestionario óseo"}).replace(
        "charset=utf-8", "charset=iso-8859-1"
    )
    path = tmp_path / "translations" / "es.po"
    path.write_bytes(text.encode("latin-1"))
    assert check_file(load_rules(rules), path) == []
    assert read_catalog(path).get("Minimal rules", context="meta.title").string == (
        "Cuestionario óseo"
    )


# --------------------------------------------------------------- 2. malformed PO


def test_an_unterminated_string_is_refused_not_cut(tmp_path):
    path = tmp_path / "es.po"
    path.write_text(
        spanish().replace('msgstr "ES Minimal rules"', 'msgstr "ES Minimal rules'),
        encoding="utf-8",
    )
    found = check_file(load_rules(VALID), path)
    assert len(found) == 1
    assert "unterminated string" in found[0]


def test_the_same_context_twice_is_refused_not_won_by_the_second(tmp_path):
    path = tmp_path / "es.po"
    path.write_text(
        spanish() + '\nmsgctxt "meta.title"\nmsgid "Minimal rules"\nmsgstr "Otro"\n',
        encoding="utf-8",
    )
    (found,) = check_file(load_rules(VALID), path)
    assert "msgctxt 'meta.title' appears twice (first on line 21)" in found


def test_a_well_formed_file_with_every_gettext_escape_passes(tmp_path):
    path = tmp_path / "es.po"
    path.write_text(spanish(**{"meta.title": 'Cuestionario "óseo"\tuno \\ dos'}), encoding="utf-8")
    assert check_file(load_rules(VALID), path) == []
    assert read_catalog(path).get("Minimal rules", context="meta.title").string == (
        'Cuestionario "óseo"\tuno \\ dos'
    )


# --------------------------------------------------------------- 3-5. texts and headers


def test_a_signed_file_shows_its_reviewer_in_status_and_on_the_staff_page(tmp_path):
    rules_path = beside_valid_rules(tmp_path)
    rules = load_rules(rules_path)
    text = spanish().replace(
        '"MIME-Version',
        '"X-Language-Name: Español (España)\\n"\n"X-Reviewed-By: Ana Ruiz, MD\\n"\n'
        '"X-Reviewed-On: 2026-11-30\\n"\n"MIME-Version',
        1,
    )
    path = tmp_path / "translations" / "es.po"
    path.write_text(text, encoding="utf-8")
    assert check_file(rules, path) == []
    assert status_lines(rules, rules_path)[1].endswith("reviewed by Ana Ruiz, MD on 2026-11-30")
    lang = load_language(rules, path)
    assert (lang.name, lang.reviewed_by, lang.reviewed_on) == (
        "Español (España)",
        "Ana Ruiz, MD",
        "2026-11-30",
    )
    row = languages_table(rules, [lang]).iloc[0].tolist()
    assert "Español (España) (es)" in row
    assert "Ana Ruiz, MD" in row
    assert "2026-11-30" in row


@pytest.mark.parametrize(
    "kind",
    ["language_name_image", "language_name_html", "language_name_override", "language_name_long"],
)
def test_a_bad_language_name_is_never_the_button_label(kind):
    rules = load_rules(VALID)
    lang = load_language(rules, CORPUS / kind / "es.po")
    assert lang.name == "Español"
    assert "header X-Language-Name" in lang.refused


@pytest.mark.parametrize(
    "kind",
    ["directive", "material_icon", "latex", "heading", "table", "doubled_braces", "format_spec"],
)
def test_a_text_that_check_refuses_is_not_in_the_apps_table(kind):
    rules = load_rules(VALID)
    lang = load_language(rules, CORPUS / kind / "es.po")
    assert lang.refused
    assert set(lang.refused).isdisjoint(lang.table)
    assert check_file(rules, CORPUS / kind / "es.po") != []


def test_the_fixed_texts_are_checked_like_the_rest():
    lang = load_language(load_rules(VALID), CORPUS / "fixed_html" / "es.po")
    assert lang.refused == ("fixed.wait_title",)


def test_placeholders_are_filled_by_name_only():
    assert fill("Paso {step} de {steps}", step=2, steps=6) == "Paso 2 de 6"
    for text in ("{step[0]}", "{step:>99999999}", "{step.__class__}", "{other}"):
        assert fill(text, step=2, steps=6) == text


# --------------------------------------------------------------- 4. the app


@pytest.fixture
def hostile_spanish(tmp_path, monkeypatch):
    """The bundled rules with a Spanish file whose step label and welcome text fail `check`."""
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_path().parent, rules)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    po = rules / "translations" / "es.po"
    text = po.read_text(encoding="utf-8")
    for old, new in (
        ('msgstr "Paso {step} de {steps}"', 'msgstr "Paso {step.__class__} de {steps}"'),
    ):
        assert old in text
        text = text.replace(old, new)
    cat = read_catalog(po)
    intro = next(m for m in cat if m.context == "ui.welcome_not")
    text = text.replace(f'msgstr "{intro.string}"', 'msgstr ":red-badge[ALTO RIESGO] \\\\Huge"')
    po.write_text(text, encoding="utf-8")
    for name in ("OSTEOSCREEN_RULES", *ENV.values()):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OSTEOSCREEN_RULES", str(rules / "osteoporosis.toml"))
    return rules / "osteoporosis.toml"


def test_the_app_shows_a_refused_text_in_english_and_names_it_on_the_staff_page(hostile_spanish):
    rules = load_rules(hostile_spanish)
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.query_params["lang"] = "es"
    at.run()
    shown = " ".join(texts(at))
    assert "red-badge" not in shown
    assert "ALTO RIESGO" not in shown
    assert word(rules.ui.welcome_not, "self") in shown
    at.button(key="who_self").click().run()
    assert not at.exception
    (progress,) = at.get("progress")
    assert progress.proto.text == f"Step 1 of {len(rules.sections)}"  # the English, filled in
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.query_params["lang"] = "es"
    at.run()
    at.button(key="about").click().run()
    table = at.dataframe[2].value
    row = table[table.iloc[:, 0] == "Español (es)"].iloc[0].tolist()
    assert set(row[-1].split(", ")) == {"ui.welcome_not", "ui.step_label"}
