"""Shared fixtures: the real, bundled rule file and small helpers around it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from osteoscreen.answers import parse_answers
from osteoscreen.engine import evaluate
from osteoscreen.loader import bundled_rules
from osteoscreen.model import Rules
from osteoscreen.result import Result

ROOT = Path(__file__).resolve().parent.parent


def osteoscreen(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line (`python -m osteoscreen ...`) from the project folder."""
    return subprocess.run(
        [sys.executable, "-m", "osteoscreen", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture(scope="session")
def rules() -> Rules:
    return bundled_rules()


@pytest.fixture(scope="session")
def run(rules: Rules):  # type: ignore[no-untyped-def]
    """Validate and evaluate an answers dict against the real rules."""

    def _run(answers: dict[str, Any]) -> Result:
        return evaluate(rules, parse_answers(rules, answers))

    return _run


pytest_plugins = ["browser"]
