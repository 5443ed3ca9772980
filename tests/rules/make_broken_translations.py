"""Rebuild the broken translation corpus from `valid.toml`.

Each `broken_translations/<kind>/<code>.po` is a complete translation of
valid.toml with one defect, and names the exact messages `osteoscreen check`
must print (`# expect:` lines, `{file}` for its path, `{line}` for the line of
the faulty entry). Run after changing valid.toml:
`python3 tests/rules/make_broken_translations.py`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog

from osteoscreen.languages import dump, sources
from osteoscreen.loader import load_rules
from osteoscreen.problem import display_name

HERE = Path(__file__).resolve().parent
OUT = HERE / "broken_translations"
STALE = "stale: the English changed since it was translated; review it, then remove the fuzzy mark (`osteoscreen i18n extract` shows the old English)"
YOUR = 'a caregiver text speaks of the person cared for, never of "your" body, medicines or doctor'
PLAIN = "rule texts are plain text with at most **bold** and *italic*"


def spanish(english: str) -> str:
    """A stand-in translation that keeps placeholders and the QR budget."""
    return "ES " + english


Edit = Callable[[Catalog], None]


def _set(place: str, text: str) -> Edit:
    def edit(cat: Catalog) -> None:
        message = next(m for m in cat if m.context == place)
        message.string = text

    return edit


def _fuzzy(place: str) -> Edit:
    def edit(cat: Catalog) -> None:
        message = next(m for m in cat if m.context == place)
        message.flags.add("fuzzy")

    return edit


def _drop(place: str) -> Edit:
    def edit(cat: Catalog) -> None:
        message = next(m for m in cat if m.context == place)
        cat.delete(message.id, context=place)

    return edit


def _reword(place: str) -> Edit:
    """The entry was translated from an older English."""

    def edit(cat: Catalog) -> None:
        message = next(m for m in cat if m.context == place)
        string = message.string
        cat.delete(message.id, context=place)
        cat.add("An older English text.", string, context=place)

    return edit


def _both(first: Edit, second: Edit) -> Edit:
    def edit(cat: Catalog) -> None:
        first(cat)
        second(cat)

    return edit


def _add(place: str, english: str, text: str) -> Edit:
    def edit(cat: Catalog) -> None:
        cat.add(english, text, context=place)

    return edit


# kind, language code, edit, the faulty place (for {line}), expected messages
CASES: list[tuple[str, str, Edit, str, list[str]]] = [
    (
        "missing",
        "es",
        _drop("ui.start"),
        "",
        ["{file}: ui.start: missing: no translation yet"],
    ),
    (
        "empty",
        "es",
        _set("ui.next", ""),
        "ui.next",
        ["{file}:{line}: ui.next: missing: no translation yet"],
    ),
    (
        "stale",
        "es",
        _reword("ui.back"),
        "ui.back",
        ["{file}:{line}: ui.back: " + STALE],
    ),
    (
        "fuzzy",
        "es",
        _fuzzy("texts.notice"),
        "texts.notice",
        ["{file}:{line}: texts.notice: " + STALE],
    ),
    (
        "extra",
        "es",
        _add("questions[gone].text", "A question no longer asked?", "¿Una pregunta?"),
        "questions[gone].text",
        ["{file}:{line}: questions[gone].text: not a text of the rule file; remove it"],
    ),
    (
        "placeholder",
        "es",
        _set("ui.step_label", "Paso {paso} de {steps}"),
        "ui.step_label",
        [
            "{file}:{line}: ui.step_label: placeholders {paso}, {steps} differ from the"
            " English's {step}, {steps}"
        ],
    ),
    (
        "caregiver_your",
        "es",
        _set("ui.results_title.caregiver", "Tus resultados"),
        "ui.results_title.caregiver",
        ["{file}:{line}: ui.results_title.caregiver: says 'Tus': " + YOUR],
    ),
    (
        "caregiver_your_chinese",
        "zh-Hans",
        _set("ui.results_title.caregiver", "你的结果"),
        "ui.results_title.caregiver",
        ["{file}:{line}: ui.results_title.caregiver: says '你的': " + YOUR],
    ),
    (
        "markup",
        "es",
        _set("ui.privacy", "Vea ![logo](https://example.org/x.png) aquí."),
        "ui.privacy",
        [
            "{file}:{line}: ui.privacy: an image is not allowed:"
            " '![logo](https://example.org/x.png)'; " + PLAIN
        ],
    ),
    (
        "qr_too_long",
        "zh-Hans",
        _both(
            _set("doctor_items[review].text", "请医生检查您所有的药物和剂量。" * 80),
            _set("doctor_items[review].short", "请医生检查您所有的药物和剂量。" * 80),
        ),
        "doctor_items[review].short",
        [],  # filled in from the checker's QR message, which names the measured size
    ),
]


def build() -> None:
    from osteoscreen.language_check import check_file

    rules = load_rules(HERE / "valid.toml")
    english = sources(rules)
    shutil.rmtree(OUT, ignore_errors=True)
    for kind, code, edit, place, expected in CASES:
        cat = Catalog(locale=code.replace("-", "_"), project="osteoscreen", fuzzy=False)
        for where, text in english.items():
            cat.add(text, spanish(text) if code == "es" else "中 " + text, context=where)
        edit(cat)
        folder = OUT / kind
        folder.mkdir(parents=True)
        path = folder / f"{code}.po"
        text = dump(cat)
        path.write_text(text, encoding="utf-8")
        line = _line_of(text, place)
        found = [m.replace(display_name(path), "{file}") for m in check_file(rules, path)]
        wanted = [m.replace("{line}", str(line)) for m in expected] or found
        assert found == wanted, (kind, found, wanted)
        (folder / "expect.txt").write_text("".join(m + "\n" for m in wanted), encoding="utf-8")
    folder = OUT / "not_utf8"
    folder.mkdir()
    (folder / "es.po").write_bytes(b'msgid ""\nmsgstr "\xff"\n')
    (folder / "expect.txt").write_text("{file}: not UTF-8 text (byte 17)\n", encoding="utf-8")
    folder = OUT / "not_po"
    folder.mkdir()
    (folder / "es.po").write_text("This is a letter, not a PO file.\n", encoding="utf-8")
    bad = folder / "es.po"
    found = [m.replace(display_name(bad), "{file}") for m in check_file(rules, bad)]
    (folder / "expect.txt").write_text("".join(m + "\n" for m in found), encoding="utf-8")


def _line_of(text: str, place: str) -> int:
    """The line Babel reports for an entry: that of its msgid, below its msgctxt."""
    if not place:
        return 0
    return text.splitlines().index(f'msgctxt "{place}"') + 2


if __name__ == "__main__":
    build()
