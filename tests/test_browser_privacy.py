"""Privacy: no request leaves the app's origin; no answer reaches the server log or a file."""

from __future__ import annotations

import subprocess

import pytest

from browser import PHONE, TABLET, to_summary, walk
from conftest import ROOT
from contract import PERSONAS

pytestmark = pytest.mark.browser

# Answers whose words would stand out in a log or a file.
ANSWERS = PERSONAS["ms_on_steroids"]
TELLTALES = [
    "yes_before_45",
    "Yes, before age 45",
    "uses_walking_aid_or_wheelchair",
    "Uses a cane, walker or wheelchair",
    "repeated_courses",
    "Several short courses",
    "Menopause before age 45",
    "Trouble walking or moving around",
]


def files_under(folder) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def worktree() -> set[str]:
    out = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return {line for line in out.splitlines() if "test-output/" not in line}


@pytest.mark.parametrize("setting", ["self", "kiosk"])
def test_a_walkthrough_talks_only_to_the_apps_own_origin(
    self_server, kiosk_server, new_app, setting
):
    server = self_server if setting == "self" else kiosk_server
    app = new_app(server, PHONE if setting == "self" else TABLET)
    walk(app, ANSWERS)
    to_summary(app)
    assert len(app.requests) > 5
    assert app.own_origin_only() == []


def test_no_answer_reaches_the_server_output_or_any_file(self_server, new_app):
    before = worktree()
    app = new_app(self_server, PHONE)
    walk(app, ANSWERS)
    to_summary(app)
    log = self_server.output()
    assert [t for t in TELLTALES if t in log] == []
    written = files_under(self_server.home)
    assert [
        (path, t) for path, data in written.items() for t in TELLTALES if t.encode() in data
    ] == []
    assert worktree() == before
    assert "Traceback" not in log
