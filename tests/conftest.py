"""Shared fixtures: the real, bundled rule file and small helpers around it."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from osteoscreen.answers import parse_answers
from osteoscreen.cli import main
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


def in_process(stdin: str | bytes, *args: str) -> tuple[int, str, str]:
    """The command line in this process, reading `stdin`: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    data = stdin.encode("utf-8", "surrogatepass") if isinstance(stdin, str) else stdin
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        with contextlib.redirect_stderr(err):
            code = main([*(args or ("evaluate",)), "-"], out=out)
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


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
