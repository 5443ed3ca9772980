"""`osteoscreen check` for translations, and `osteoscreen i18n extract` / `status`.

A translation file is checked like the rule file itself, each problem located
as `rules/translations/es.po:123: questions[age].text.self: ...`:

- every English text has a translation (missing), made from the English as it
  is now (stale: the `msgid` differs, or the entry is marked fuzzy), and no
  entry names a place the rule file does not have (extra);
- a translation uses the same placeholders as its English (`{step}`);
- every text passes `osteoscreen.textcheck` (placeholders, plain text, a
  caregiver text never says "your"), and so do the header's own texts;
- and the translated rule set passes the same text and principle checks as the
  English one (no markup or links, the worst-case QR summary still fits).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import unescape

from osteoscreen import markup, principles, textcheck
from osteoscreen.languages import (
    LanguageError,
    Status,
    dump,
    folder_of,
    language_files,
    load_language,
    locale_of,
    read_catalog,
    read_translation,
    sources,
    status,
    template,
)
from osteoscreen.limits import printable
from osteoscreen.model import Rules
from osteoscreen.problem import display_name
from osteoscreen.report import font_problems
from osteoscreen.translation import translated

MAX_PER_KIND = 5


def check_file(rules: Rules, path: Path) -> list[str]:
    """Every problem of one translation file, as located one-line messages."""
    name = display_name(path)
    try:
        cat, po = read_translation(path)
    except LanguageError as error:
        return [_relocate(line, path, name) for line in error.problems]
    english = sources(rules)
    found: list[tuple[str, str]] = []  # (kind, message)

    def say(kind: str, message: Message | None, place: str, text: str) -> None:
        line = f":{message.lineno}" if message is not None and message.lineno else ""
        found.append((kind, f"{name}{line}: {_shown(place)}: {text}"))

    seen: Counter[str] = Counter()
    by_place: dict[str, Message] = {}
    for message in cat:
        if not message.id:
            continue  # the header
        place = message.context or ""
        seen[place] += 1
        if seen[place] == 2:
            say("duplicate", message, place, "appears twice; keep one translation")
        by_place.setdefault(place, message)
    state = status(rules, cat)
    for place in state.missing:
        say("missing", by_place.get(place), place, "missing: no translation yet")
    for place in state.stale:
        say(
            "stale",
            by_place.get(place),
            place,
            "stale: the English changed since it was translated; review it, then remove"
            " the fuzzy mark (`osteoscreen i18n extract` shows the old English)",
        )
    for place in state.extra:
        say("extra", by_place.get(place), place, "not a text of the rule file; remove it")
    language = locale_of(path.stem).language
    table: dict[str, str] = {}
    for place, message in by_place.items():
        text = message.string if isinstance(message.string, str) else ""
        if place not in english or not text:
            continue
        table[place] = text
        for kind, problem in textcheck.text_problems(language, place, english[place], text):
            say(kind, message, place, problem)
    lines = po.text.splitlines()
    for header, (kind, problem) in textcheck.header_problems(po.headers):
        number = next(
            (i for i, line in enumerate(lines, 1) if line.startswith(f'"{header}:')), None
        )
        found.append((kind, f"{name}{f':{number}' if number else ''}: header {header}: {problem}"))
    if not found:
        found += _as_rules(rules, table, by_place, name)
    return _capped(found)


def _as_rules(
    rules: Rules, table: dict[str, str], by_place: dict[str, Message], name: str
) -> list[tuple[str, str]]:
    """The text and principle checks of the rule file, run on the translated rules."""
    try:
        rules_there = translated(rules, {p: t for p, t in table.items() if "." in p})
    except ValueError as error:
        return [("invalid", f"{name}: the translated rules are not valid: {error}")]
    out: list[tuple[str, str]] = []
    code = Path(name).stem
    found = markup.check(rules_there) + principles.check(rules_there)
    for problem in found + font_problems(rules_there, code):
        message = by_place.get(problem.place)
        line = f":{message.lineno}" if message is not None and message.lineno else ""
        out.append((problem.kind or problem.message, f"{name}{line}: {problem.render()}"))
    return out


def _shown(place: str) -> str:
    """A place as echoed: as written when it looks like one, else quoted and printable
    (a context with a line break, an ANSI escape or a direction override forges nothing)."""
    if re.fullmatch(r"[\w.\[\]-]{1,100}", place, re.ASCII):
        return place
    return printable(place, 60)


def _capped(found: list[tuple[str, str]]) -> list[str]:
    lines: list[str] = []
    count: Counter[str] = Counter()
    for kind, line in found:
        count[kind] += 1
        if count[kind] <= MAX_PER_KIND:
            lines.append(line)
    for kind, n in count.items():
        if n > MAX_PER_KIND:
            lines.append(f"... and {n - MAX_PER_KIND} more {kind} problems like these")
    return lines


def _relocate(line: str, path: Path, name: str) -> str:
    return line.replace(str(path), name, 1)


def check_all(rules: Rules, rules_path: Path) -> list[str]:
    """The problems of every translation beside a rule file, and of its template."""
    problems: list[str] = []
    pot = folder_of(rules_path) / "osteoscreen.pot"
    if language_files(rules_path) and pot.is_file():
        try:
            current = {(m.context, m.id) for m in read_catalog(pot) if m.id}
        except LanguageError as error:
            return error.problems
        wanted = {(place, text) for place, text in sources(rules).items()}
        if current != wanted:
            problems.append(
                f"{display_name(pot)}: out of date with the rule file;"
                " run `osteoscreen i18n extract`"
            )
    for path in language_files(rules_path):
        problems += check_file(rules, path)
    return problems


def extract(rules: Rules, rules_path: Path) -> list[str]:
    """Write the template afresh and bring every translation up to it; what changed.

    A translation whose English changed keeps its text, marked fuzzy with the
    old English beside it (`#| msgid`), so a translator sees what to review;
    a new text gets an empty entry; a removed one is dropped."""
    folder = folder_of(rules_path)
    folder.mkdir(exist_ok=True)
    pot = template(rules)
    lines = [_write(folder / "osteoscreen.pot", pot)]
    english = sources(rules)
    for path in language_files(rules_path):
        old = read_catalog(path)
        by_place = {m.context: m for m in old if m.id and m.context}
        kept = _previous(path.read_text(encoding="utf-8"))
        new = Catalog(locale=old.locale, project=old.project, version=rules.meta.version)
        new.mime_headers = old.mime_headers
        for place, source in english.items():
            was = by_place.get(place)
            string = was.string if was is not None and isinstance(was.string, str) else ""
            flags: set[str] = set(was.flags) if was is not None else set()
            previous: list[str] = [kept[place]] if place in kept and "fuzzy" in flags else []
            if was is not None and was.id != source and string:
                flags.add("fuzzy")
                previous = [str(was.id)]
            new.add(source, string, context=place, flags=flags, previous_id=previous)
        lines.append(_write(path, new))
    return lines


_STRING = r'"((?:[^"\\]|\\.)*)"'
_PREVIOUS = re.compile(rf"^#\| msgid {_STRING}\n(?:#.*\n)*msgctxt {_STRING}", re.M)


def _previous(po: str) -> dict[str, str]:
    """The old English (`#| msgid`) of each fuzzy entry, by place (Babel drops it on
    reading an entry that has a context)."""
    return {unescape(f'"{place}"'): unescape(f'"{old}"') for old, place in _PREVIOUS.findall(po)}


def _write(path: Path, cat: Catalog) -> str:
    text = dump(cat)
    before = path.read_text(encoding="utf-8") if path.is_file() else None
    if before is not None and _body(before) == _body(text):
        return f"{display_name(path)}: up to date"
    path.write_text(text, encoding="utf-8")
    return f"{display_name(path)}: written"


def _body(po: str) -> str:
    """A PO file without its dates, which change on every write."""
    return re.sub(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', "", po, flags=re.M)


def status_lines(rules: Rules, rules_path: Path) -> list[str]:
    """Per language: how many texts are translated, stale and missing, and the review."""
    total = len(sources(rules))
    lines = [f"en: {total} texts (the rule file itself)"]
    for path in language_files(rules_path):
        try:
            language = load_language(rules, path)
        except LanguageError as error:
            lines += error.problems
            continue
        state = language.status or Status(0)
        reviewer, when = language.reviewed_by, language.reviewed_on
        review = f"reviewed by {reviewer}" if reviewer else "not reviewed yet"
        review += f" on {when}" if reviewer and when else ""
        lines.append(
            f"{path.stem}: {state.translated} of {total} translated, {len(state.stale)} stale,"
            f" {len(state.missing)} missing, {len(state.extra)} extra; {review}"
        )
    return lines
