"""Deployment settings chosen by the clinic, never by the patient.

Read from environment variables first, then from `.streamlit/osteoscreen.toml`
(beside Streamlit's own config), then the defaults:

| setting | variable | file key | allowed | default |
|---|---|---|---|---|
| kiosk mode | `OSTEOSCREEN_KIOSK` | `kiosk` | 1/true/yes/on, 0/false/no/off | off |
| idle reset after (s) | `OSTEOSCREEN_IDLE_SECONDS` | `idle_seconds` | 5 to 3600 | 120 |
| warning (s) | `OSTEOSCREEN_IDLE_WARNING_SECONDS` | `idle_warning_seconds` | 0 to idle | 30 |
| languages | `OSTEOSCREEN_LANGUAGES` | `languages` | bundled language codes | all bundled |
| clinic's | `OSTEOSCREEN_CLINIC_LANGUAGE` | `clinic_language` | an offered code | `en` |

A value outside its range is an error (`SettingsError`, one line per setting,
naming it and its allowed range), never a quiet default: a kiosk must never
run with its idle reset switched off by a typo, `nan` or `inf`, and a clinic
never offers a language it did not mean to (or none at all).

`languages` is a TOML list in the file (`languages = ["en", "es"]`) and a
comma-separated list in the environment (`OSTEOSCREEN_LANGUAGES=en,es`), in
the order the welcome screen shows them. The bundled languages are English
(the rule file) and one per translation file beside it (`translations/*.po`);
codes are matched regardless of case (`zh-hans` is `zh-Hans`). When
`clinic_language` is not set it is English, or the first offered language
when English is not offered.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SETTINGS_FILE = Path(".streamlit") / "osteoscreen.toml"
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}
IDLE_MIN = 5.0
IDLE_MAX = 3600.0
DEFAULT_IDLE = 120.0
DEFAULT_WARNING = 30.0
SOURCE_LANGUAGE = "en"  # the rule file's own language
FILE_KEYS = ("kiosk", "idle_seconds", "idle_warning_seconds", "languages", "clinic_language")
ENV = {
    "kiosk": "OSTEOSCREEN_KIOSK",
    "idle_seconds": "OSTEOSCREEN_IDLE_SECONDS",
    "idle_warning_seconds": "OSTEOSCREEN_IDLE_WARNING_SECONDS",
    "languages": "OSTEOSCREEN_LANGUAGES",
    "clinic_language": "OSTEOSCREEN_CLINIC_LANGUAGE",
}


class SettingsError(Exception):
    """The clinic's settings are wrong; each line names a setting and what it allows."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Settings:
    kiosk: bool = False
    idle_seconds: float = DEFAULT_IDLE
    idle_warning_seconds: float = DEFAULT_WARNING
    languages: tuple[str, ...] = ()  # the codes offered, in order; empty: every bundled one
    clinic_language: str = SOURCE_LANGUAGE

    def offered(self, bundled: Sequence[str]) -> list[str]:
        """The codes the welcome screen offers, in order (every bundled one by default)."""
        return [c for c in self.languages if c in bundled] if self.languages else list(bundled)

    @property
    def warn_after(self) -> float:
        """Seconds without a touch after which the kiosk asks "Are you still there?"."""
        return self.idle_seconds - self.idle_warning_seconds


def _shown(value: object) -> str:
    """A value as the error line quotes it: short and printable."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _seconds(raw: object, where: str, low: float, high: float) -> float:
    allowed = f"allowed: a number of seconds from {low:g} to {high:g}"
    # The environment gives text; the settings file gives TOML numbers, never text.
    text_ok = where.startswith("OSTEOSCREEN_")
    if isinstance(raw, bool) or not isinstance(raw, (str if text_ok else float) | int | float):
        raise SettingsError([f"{where}: {_shown(raw)} is not a number; {allowed}"])
    try:
        value = float(raw.strip()) if isinstance(raw, str) else float(raw)
    except (ValueError, OverflowError):
        raise SettingsError([f"{where}: {_shown(raw)} is not a number; {allowed}"]) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise SettingsError([f"{where}: {_shown(raw)} is out of range; {allowed}"])
    return value


def _switch(raw: object, where: str) -> bool:
    if isinstance(raw, bool):
        return raw
    from_env = where.startswith("OSTEOSCREEN_")
    if from_env and isinstance(raw, str) and raw.strip().lower() in TRUE | FALSE:
        return raw.strip().lower() in TRUE
    allowed = (
        "allowed: 1, true, yes, on (kiosk) or 0, false, no, off (self-check)"
        if from_env
        else "allowed: true (kiosk) or false (self-check)"
    )
    raise SettingsError([f"{where}: {_shown(raw)} is not a switch; {allowed}"])


def bundled_languages(rules_path: Path | None = None) -> list[str]:
    """The codes of the languages beside a rule file (default: the app's), English first.

    Only the file names are read: a broken translation is reported by the app's
    staff page (and `osteoscreen check`), not here."""
    from osteoscreen.languages import language_files
    from osteoscreen.loader import default_rules_path

    path = default_rules_path() if rules_path is None else rules_path
    found = [p.stem for p in language_files(path)]
    return [SOURCE_LANGUAGE, *(c for c in found if c != SOURCE_LANGUAGE)]


def _code(raw: object, where: str, allowed: Sequence[str], what: str) -> str:
    """One language code out of `allowed` (matched regardless of case, as BCP 47 says)."""
    choices = f"allowed: {what}: {', '.join(allowed)}"
    if not isinstance(raw, str) or not raw.strip():
        raise SettingsError([f"{where}: {_shown(raw)} is not a language code; {choices}"])
    found = next((c for c in allowed if c.lower() == raw.strip().lower()), None)
    if found is None:
        raise SettingsError([f"{where}: {_shown(raw)} is not offered here; {choices}"])
    return found


def _codes(raw: object, where: str, bundled: Sequence[str]) -> tuple[str, ...]:
    from_env = where.startswith("OSTEOSCREEN_")
    example = "en,es" if from_env else '["en", "es"]'
    what = "a comma-separated list" if from_env else "a list"
    allowed = f"allowed: {what} of {', '.join(bundled)} (e.g. {example})"
    if from_env and isinstance(raw, str):
        items: list[object] = [part for part in raw.split(",") if part.strip()]
    elif not from_env and isinstance(raw, list):
        items = list(raw)
    else:
        raise SettingsError([f"{where}: {_shown(raw)} is not {what} of codes; {allowed}"])
    if not items:
        raise SettingsError([f"{where}: no language is offered; {allowed}"])
    codes: list[str] = []
    problems: list[str] = []
    for item in items:
        try:
            code = _code(item, where, bundled, "the bundled languages")
        except SettingsError:
            problems.append(f"{where}: {_shown(item)} is not a bundled language; {allowed}")
            continue
        if code not in codes:
            codes.append(code)
    if problems:
        raise SettingsError(problems)
    return tuple(codes)


def _read_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SettingsError([f"{path}: not UTF-8 text; expected a TOML settings file"]) from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError([f"{path}: not valid TOML ({error})"]) from None
    except OSError as error:
        raise SettingsError([f"{path}: cannot be read ({error.strerror})"]) from None
    unknown = [k for k in data if k not in FILE_KEYS]
    if unknown:
        raise SettingsError(
            [
                f"{path}: unknown setting {_shown(k)}; allowed: {', '.join(FILE_KEYS)}"
                for k in unknown
            ]
        )
    return data


def _pick(env: Mapping[str, str], data: dict[str, Any], name: str, path: Path) -> tuple[Any, str]:
    """The raw value of one setting and where it came from (the environment wins)."""
    variable = ENV[name]
    if variable in env:
        return env[variable], variable
    return data.get(name), f"{path}: {name}"


def load_settings(
    env: Mapping[str, str] | None = None,
    file: Path | None = None,
    bundled: Sequence[str] | None = None,
) -> Settings:
    """Settings from the environment and the settings file (environment wins).

    `bundled` are the codes of the languages there are (default: those beside
    the app's rule file, see `bundled_languages`). Raises SettingsError with
    one line per wrong setting.
    """
    env = os.environ if env is None else env
    path = SETTINGS_FILE if file is None else file
    data = _read_file(path)
    problems: list[str] = []

    kiosk, where = _pick(env, data, "kiosk", path)
    try:
        is_kiosk = False if kiosk is None else _switch(kiosk, where)
    except SettingsError as error:
        problems += error.lines
        is_kiosk = False

    idle, where = _pick(env, data, "idle_seconds", path)
    try:
        idle_seconds = DEFAULT_IDLE if idle is None else _seconds(idle, where, IDLE_MIN, IDLE_MAX)
    except SettingsError as error:
        problems += error.lines
        idle_seconds = DEFAULT_IDLE

    warn, where = _pick(env, data, "idle_warning_seconds", path)
    try:
        warning = (
            min(DEFAULT_WARNING, idle_seconds / 2)
            if warn is None
            else _seconds(warn, where, 0.0, idle_seconds)
        )
    except SettingsError as error:
        problems += error.lines
        warning = 0.0

    there = list(bundled) if bundled is not None else bundled_languages()
    raw_codes, where = _pick(env, data, "languages", path)
    try:
        codes = () if raw_codes is None else _codes(raw_codes, where, there)
    except SettingsError as error:
        problems += error.lines
        codes = ()
    offered = list(codes) or there

    clinic, where = _pick(env, data, "clinic_language", path)
    default = SOURCE_LANGUAGE if SOURCE_LANGUAGE in offered else offered[0]
    try:
        clinic_language = (
            default
            if clinic is None
            else _code(clinic, where, offered, "one of the offered languages")
        )
    except SettingsError as error:
        problems += error.lines
        clinic_language = default

    if problems:
        raise SettingsError(problems)
    return Settings(
        kiosk=is_kiosk,
        idle_seconds=idle_seconds,
        idle_warning_seconds=warning,
        languages=codes,
        clinic_language=clinic_language,
    )
