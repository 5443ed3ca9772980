"""The languages a rule set speaks: English (the rule file) and one PO file per translation.

Translations live beside the rule file, in `translations/<code>.po`, with the
template `translations/osteoscreen.pot` that `osteoscreen i18n extract` writes.
Each entry's context (`msgctxt`) is the place of a text (see
`osteoscreen.translation`), its `msgid` the English it was translated from, its
`msgstr` the translation. So when the English changes, the entry's `msgid` no
longer matches it and the translation is *stale* until a translator reviews
it; `extract` then marks it fuzzy and keeps the old English beside it (`#|`).

Gettext PO through Babel: every translation tool (Poedit, Weblate, Crowdin,
OmegaT, Lokalise) reads and writes it, and Babel also knows each language's
own name and writing direction (CLDR), so adding a language needs no code.
The PO header also says who reviewed the file and when
(`X-Reviewed-By`, `X-Reviewed-On`; the name may be empty).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from osteoscreen import pofile, textcheck
from osteoscreen.model import Rules
from osteoscreen.translation import texts, translated

SOURCE = "en"
FOLDER = "translations"
TEMPLATE = "osteoscreen.pot"
MAX_FILE_BYTES = pofile.MAX_FILE_BYTES

# Texts the app shows when it cannot take words from the rule file (the rule
# file or a setting is broken, or the tablet lost its server). Their English
# lives here; their translations in the same PO files, at `fixed.<name>`.
FIXED: dict[str, str] = {
    "rules_broken_title": "The questionnaire cannot start",
    "rules_broken_body": (
        "This message is for clinic staff. The rule file has problems, so the questionnaire "
        "is switched off until they are fixed. Run `osteoscreen check` to see the same list."
    ),
    "settings_broken_body": (
        "This message is for clinic staff. A setting of this installation is wrong, so the "
        'questionnaire is switched off until it is fixed (see the README, "The app and its '
        'three settings").'
    ),
    "page_error_title": "Sorry, something went wrong on this page",
    "page_error_body": (
        "Please press the button below to start again, or ask a member of staff for help."
    ),
    "page_error_button": "Start again",
    "wait_title": "Please wait a moment",
    "wait_text": (
        "The tablet lost its link to the questions. It will try again on its own. "
        "If this screen stays, please ask a member of staff."
    ),
    "reset_title": "Starting again",
    "reset_text": "The answers on this tablet have been cleared for the next person.",
}


@dataclass(frozen=True)
class Status:
    translated: int
    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Language:
    """One language the app offers: its code, its own name, direction, and review."""

    code: str
    name: str
    direction: str  # "ltr" or "rtl"
    reviewed_by: str = ""
    reviewed_on: str = ""
    table: dict[str, str] = field(default_factory=dict)  # place -> current translation
    status: Status | None = None  # None for English, the source
    refused: tuple[str, ...] = ()  # places whose text failed its checks: shown in English


def locale_of(code: str) -> Locale:
    return Locale.parse(code.replace("-", "_"))


def describe(code: str) -> tuple[str, str]:
    """A language's name in itself ("Español", "中文") and its direction ("ltr"/"rtl")."""
    loc = locale_of(code)
    name = loc.language_name or code
    rtl = loc.character_order == "right-to-left"
    return name[:1].upper() + name[1:], "rtl" if rtl else "ltr"


def folder_of(rules_path: Path) -> Path:
    return rules_path.parent / FOLDER


def sources(rules: Rules) -> dict[str, str]:
    """Every English text to translate, by place: the rule file's, then the fixed ones."""
    found = dict(texts(rules))
    found.update({f"fixed.{name}": text for name, text in FIXED.items()})
    return found


def template(rules: Rules) -> Catalog:
    """The PO template: every English text with its place, empty translations."""
    cat = Catalog(project="osteoscreen", version=rules.meta.version, fuzzy=False)
    for place, english in sources(rules).items():
        cat.add(english, "", context=place)
    return cat


def dump(cat: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, cat, width=0, omit_header=False, include_previous=True)
    return out.getvalue().decode("utf-8")


class LanguageError(ValueError):
    """A translation file that cannot be read: located messages."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_catalog(path: Path) -> Catalog:
    """A PO file, or LanguageError with a located message."""
    return read_translation(path)[0]


def read_translation(path: Path) -> tuple[Catalog, pofile.PoFile]:
    """A PO file read strictly (see `osteoscreen.pofile`) and its header fields, every one
    (Babel keeps only those it knows), or LanguageError with a located message."""
    try:
        po = pofile.read(path, str(path))
    except pofile.PoError as e:
        raise LanguageError([str(e)]) from None
    code = path.stem
    try:
        cat = read_po(io.StringIO(po.text), locale=code.replace("-", "_"), abort_invalid=True)
    except PoFileError as e:
        raise LanguageError([f"{path}: not a PO file: {e}"]) from None
    except (UnknownLocaleError, ValueError) as e:
        raise LanguageError([f"{path}: {code!r} is not a known language code ({e})"]) from None
    return cat, po


def _header(headers: dict[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value.strip()
    return ""


def status(rules: Rules, cat: Catalog) -> Status:
    """How many texts are translated, and which places are stale, missing or extra."""
    english = sources(rules)
    done = 0
    stale: list[str] = []
    missing: list[str] = []
    for place, source in english.items():
        message = _message(cat, place)
        if message is None or not _string(message):
            missing.append(place)
        elif message.fuzzy or message.id != source:
            stale.append(place)
        else:
            done += 1
    extra = [m.context for m in cat if m.id and m.context and m.context not in english]
    return Status(done, stale, missing, [e for e in extra if e])


def _message(cat: Catalog, place: str) -> Message | None:
    for message in cat._messages.values():  # Babel keys by (id, context): find by context
        if message.context == place:
            return message
    return None


def _string(message: Message) -> str:
    return message.string if isinstance(message.string, str) else ""


def load_language(rules: Rules, path: Path) -> Language:
    """A translation, with only its current (not stale) texts in `table`."""
    cat, po = read_translation(path)
    english = sources(rules)
    language = locale_of(path.stem).language
    table: dict[str, str] = {}
    refused: list[str] = []
    for message in cat:
        place = message.context
        current = place in english and message.id == english[place] and not message.fuzzy
        if current and place and _string(message):
            if textcheck.text_problems(language, place, english[place], _string(message)):
                refused.append(place)  # shown in English, and named on the staff page
            else:
                table[place] = _string(message)
    headers = dict(po.headers)
    for header, _ in textcheck.header_problems(headers):
        headers.pop(header, None)
        refused.append(f"header {header}")
    name, direction = describe(path.stem)
    return Language(
        code=path.stem,
        name=_header(headers, "X-Language-Name") or name,
        direction=direction,
        reviewed_by=_header(headers, "X-Reviewed-By"),
        reviewed_on=_header(headers, "X-Reviewed-On"),
        table=table,
        status=status(rules, cat),
        refused=tuple(dict.fromkeys(refused)),
    )


def english(rules: Rules) -> Language:
    name, direction = describe(SOURCE)
    return Language(code=SOURCE, name=name, direction=direction)


def language_files(rules_path: Path) -> list[Path]:
    return sorted(folder_of(rules_path).glob("*.po"))


def in_language(rules: Rules, language: Language) -> Rules:
    """The rules with their texts in this language (the English ones for English)."""
    if language.code == SOURCE:
        return rules
    return rules.memo(f"language:{language.code}", lambda: translated(rules, language.table))  # type: ignore[no-any-return]


def bundled(rules: Rules, rules_path: Path) -> dict[str, Language]:
    """English (the rule file), then every translation beside it, by code.

    A translation file that cannot be read raises LanguageError; `osteoscreen
    check` reports it, and the app shows its staff page."""
    found = {SOURCE: english(rules)}
    for path in language_files(rules_path):
        found[path.stem] = load_language(rules, path)
    return found


def fixed_text(name: str, language: Language | None = None) -> str:
    """One of the texts the app shows without the rule file, in a language when it has it."""
    if language is not None and language.table.get(f"fixed.{name}"):
        return language.table[f"fixed.{name}"]
    return FIXED[name]


def fixed_language(code: str, rules_path: Path) -> Language | None:
    """A language's fixed texts only, read without the rule file (which may be broken)."""
    path = folder_of(rules_path) / f"{code}.po"
    if code == SOURCE or not path.is_file():
        return None
    try:
        cat = read_catalog(path)
    except LanguageError:
        return None
    table = {}
    for message in cat:
        name = (message.context or "").removeprefix("fixed.")
        if name in FIXED and message.id == FIXED[name] and not message.fuzzy and _string(message):
            place, text = f"fixed.{name}", _string(message)
            if not textcheck.text_problems(locale_of(code).language, place, FIXED[name], text):
                table[place] = text
    name, direction = describe(code)
    return Language(code=code, name=name, direction=direction, table=table)


def negotiate(offered: list[str], wanted: list[str]) -> str | None:
    """The first of the wanted codes (a URL's `?lang=`, then the browser's preferred
    languages, best first) that is offered; `zh-CN` finds `zh-Hans`, `es-MX` finds `es`."""
    for want in wanted:
        want = want.strip()
        if not want:
            continue
        for code in offered:
            if want.lower() == code.lower():
                return code
        try:
            wanted_locale = locale_of(want)
        except (UnknownLocaleError, ValueError, TypeError):
            continue
        for code in offered:
            have = locale_of(code)
            if have.language != wanted_locale.language:
                continue
            have_script = have.script or _likely_script(have)
            want_script = wanted_locale.script or _likely_script(wanted_locale)
            if have_script == want_script:
                return code
    return None


def _likely_script(loc: Locale) -> str | None:
    """The script a language is written in when its code does not say (zh-CN: Hans)."""
    from babel.core import get_global

    likely = dict(get_global("likely_subtags"))
    key = f"{loc.language}_{loc.territory}" if loc.territory else loc.language
    full = likely.get(key) or likely.get(loc.language) or ""
    parts = full.split("_")
    return parts[1] if len(parts) > 2 else None


def accepted(header: str) -> list[str]:
    """The languages of an Accept-Language header, best first."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")[:20]):
        code, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        if code and code != "*" and weight > 0:
            ranked.append((-weight, i, code))
    return [code for _, _, code in sorted(ranked)]
