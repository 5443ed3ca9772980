"""Rebuild the broken translation corpus from `valid.toml`.

Each `broken_translations/<kind>/<code>.po` is a complete translation of
valid.toml with one defect, and names the exact messages `osteoscreen check`
must print (`# expect:` lines, `{file}` for its path, `{line}` for the line of
the faulty entry). Run after changing valid.toml:
`python3 tests/rules/make_broken_translations.py`.
"""

from __future__ import annotations

import re
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


# Defects in the file's own text, past what Babel checks (issue 20): kind, code,
# an edit of the complete Spanish file's text, the text on the faulty line (for
# {line}), expected messages.
Raw = Callable[[str], str]
ESC = "\x1b"
RAW: list[tuple[str, str, Raw, str, list[str]]] = [
    (
        "unterminated_string",
        "es",
        lambda t: t.replace('msgstr "ES Minimal rules"', 'msgstr "ES Minimal rules'),
        'msgstr "ES Minimal rules',
        ['{file}:{line}: unterminated string (a closing " is missing)'],
    ),
    (
        "unknown_escape",
        "es",
        lambda t: t.replace('msgstr "ES Minimal rules"', 'msgstr "ES Minimal \\q rules"'),
        "Minimal \\q",
        ["{file}:{line}: unknown escape '\\\\q'; gettext knows \\n, \\t, \\\" and \\\\"],
    ),
    (
        "duplicate_context",
        "es",
        lambda t: t + '\nmsgctxt "meta.title"\nmsgid "Minimal rules"\nmsgstr "Otro"\n',
        'msgstr "Otro"',
        [
            "{file}:{line-2}: msgctxt 'meta.title' appears twice (first on line 21);"
            " keep one translation"
        ],
    ),
    (
        "plural_forms",
        "es",
        lambda t: re.sub(
            r'"Plural-Forms: .*', lambda _: '"Plural-Forms: nplurals=2; plural=(n ==;\\n"', t
        ),
        "",
        [
            "{file}: the Plural-Forms header 'nplurals=2; plural=(n ==;' is not valid:"
            " its plural expression does not parse (unexpected end of plural form)"
        ],
    ),
    (
        "charset",
        "es",
        lambda t: t.replace("charset=utf-8", "charset=bogus-9"),
        "",
        ["{file}: declares charset 'bogus-9', which does not exist; write charset=UTF-8"],
    ),
    (
        "unknown_language",
        "xx-zz",
        lambda t: t,
        "",
        [
            "{file}: 'xx-zz' is not a known language code"
            " (name the file after one, such as es.po or zh-Hans.po)"
        ],
    ),
    (
        "english",
        "en",
        lambda t: t,
        "",
        [
            "{file}: 'en' is the rule file's own language; change the English in the"
            " rule file, not in a translation"
        ],
    ),
    (
        "language_name_image",
        "es",
        lambda t: _header(t, "X-Language-Name: ![x](http://example.org/a.png)"),
        '"X-Language-Name:',
        [
            "{file}:{line}: header X-Language-Name: an image is not allowed:"
            " '![x](http://example.org/a.png)'; " + PLAIN
        ],
    ),
    (
        "language_name_html",
        "es",
        lambda t: _header(t, "X-Language-Name: <img src=x onerror=alert(1)>"),
        '"X-Language-Name:',
        [
            "{file}:{line}: header X-Language-Name: raw HTML is not allowed:"
            " '<img src=x onerror=alert(1)>'; " + PLAIN
        ],
    ),
    (
        "language_name_override",
        "es",
        lambda t: _header(t, "X-Language-Name: Espa\u202eñol"),
        '"X-Language-Name:',
        [
            "{file}:{line}: header X-Language-Name: a control character is not allowed:"
            " '\\u202e'; " + PLAIN
        ],
    ),
    (
        "language_name_long",
        "es",
        lambda t: _header(t, "X-Language-Name: " + "E" * 50_000),
        '"X-Language-Name:',
        ["{file}:{line}: header X-Language-Name: is 50,000 characters long; at most 40"],
    ),
    (
        "reviewed_on",
        "es",
        lambda t: _header(t, 'X-Reviewed-By: Ana Ruiz\\n"\n"X-Reviewed-On: yesterday'),
        '"X-Reviewed-On:',
        ["{file}:{line}: header X-Reviewed-On: 'yesterday' is not a date (YYYY-MM-DD)"],
    ),
    (
        "fixed_html",
        "es",
        lambda t: t.replace(
            'msgstr "ES Please wait a moment"', 'msgstr "<img src=x onerror=alert(1)>"'
        ),
        "<img src=x",
        [
            "{file}:{line-1}: fixed.wait_title: raw HTML is not allowed:"
            " '<img src=x onerror=alert(1)>'; " + PLAIN
        ],
    ),
    (
        "directive",
        "es",
        lambda t: t.replace('msgstr "ES Minimal rules"', 'msgstr ":red-badge[ALTO RIESGO]"'),
        ":red-badge",
        [
            "{file}:{line-1}: meta.title: a Streamlit directive is not allowed:"
            " ':red-badge[ALTO RIESGO]'; " + PLAIN
        ],
    ),
    (
        "material_icon",
        "es",
        lambda t: t.replace('msgstr "ES Minimal rules"', 'msgstr ":material/warning: Hola"'),
        ":material/",
        [
            "{file}:{line-1}: meta.title: a Streamlit directive is not allowed:"
            " ':material/warning:'; " + PLAIN
        ],
    ),
    (
        "latex",
        "es",
        lambda t: t.replace('msgstr "ES Minimal rules"', 'msgstr "\\\\Huge Hola"'),
        "Huge Hola",
        ["{file}:{line-1}: meta.title: LaTeX is not allowed: '\\\\Huge'; " + PLAIN],
    ),
    (
        "heading",
        "es",
        lambda t: t.replace('msgstr "ES Minimal rules"', 'msgstr "Hola\\n# ALTO RIESGO"'),
        "# ALTO RIESGO",
        ["{file}:{line-1}: meta.title: a heading is not allowed: '# ALTO RIESGO'; " + PLAIN],
    ),
    (
        "table",
        "es",
        lambda t: t.replace('msgstr "ES Minimal rules"', 'msgstr "| a | b |\\n|---|---|"'),
        "| a | b |",
        ["{file}:{line-1}: meta.title: a table is not allowed: '| a | b |'; " + PLAIN],
    ),
    (
        "doubled_braces",
        "es",
        lambda t: t.replace(
            'msgstr "ES Step {step} of {steps}"', 'msgstr "Paso {{step}} de {steps}"'
        ),
        "Paso {{step}}",
        ["{file}:{line-1}: ui.step_label: a doubled brace is not allowed: '{{'; " + PLAIN],
    ),
    (
        "format_spec",
        "es",
        lambda t: t.replace(
            'msgstr "ES Step {step} of {steps}"', 'msgstr "Paso {step:>99999999} de {steps}"'
        ),
        "Paso {step:>",
        [
            "{file}:{line-1}: ui.step_label: placeholders {step:>99999999}, {steps} differ from"
            " the English's {step}, {steps}"
        ],
    ),
    (
        "context_forged",
        "es",
        lambda t: (
            t + f'\nmsgctxt "ui.x\\n{ESC}[31mes.po:1: all good\u202e"\nmsgid "x"\nmsgstr "y"\n'
        ),
        'msgid "x"',
        [
            "{file}:{line}: 'ui.x\\n\\x1b[31mes.po:1: all good\\u202e': not a text of the"
            " rule file; remove it"
        ],
    ),
]


def _header(text: str, field: str) -> str:
    """The file with one more header field, before MIME-Version."""
    return text.replace('"MIME-Version', f'"{field}\\n"\n"MIME-Version', 1)


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
    complete = _complete(english)
    for kind, code, edit_text, needle, expected in RAW:
        folder = OUT / kind
        folder.mkdir(parents=True)
        path = folder / f"{code}.po"
        text = edit_text(complete)
        assert text != complete or kind in {"unknown_language", "english"}, kind
        path.write_text(text, encoding="utf-8")
        line = next((i for i, x in enumerate(text.splitlines(), 1) if needle and needle in x), 0)
        found = [m.replace(display_name(path), "{file}") for m in check_file(rules, path)]
        wanted = [
            m.replace("{line}", str(line))
            .replace("{line-1}", str(line - 1))
            .replace("{line-2}", str(line - 2))
            for m in expected
        ]
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


def _complete(english: dict[str, str]) -> str:
    cat = Catalog(locale="es", project="osteoscreen", fuzzy=False)
    for where, text in english.items():
        cat.add(text, spanish(text), context=where)
    return dump(cat)


def _line_of(text: str, place: str) -> int:
    """The line Babel reports for an entry: that of its msgid, below its msgctxt."""
    if not place:
        return 0
    return text.splitlines().index(f'msgctxt "{place}"') + 2


if __name__ == "__main__":
    build()
