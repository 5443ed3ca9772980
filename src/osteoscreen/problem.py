"""Problems found in a rule file or an answers file, reported all at once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


def display_name(path: Path) -> str:
    """A path as a person would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Problem:
    """One thing wrong, at a place named by ids (e.g. `flags[falls].when.value`)."""

    place: str
    message: str
    kind: str = ""  # what problems of this sort have in common, for "and N more like this"

    def render(self, prefix: str = "") -> str:
        head = f"{prefix}: " if prefix else ""
        where = f"{self.place}: " if self.place else ""
        return f"{head}{where}{self.message}"


class RulesError(Exception):
    """A rule file could not be loaded; `lines` holds one message per problem."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


class AnswersError(Exception):
    """An answers file is not valid; `problems` name the questions at fault."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.render() for p in self.problems))
