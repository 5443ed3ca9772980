"""Privacy: no request leaves the app's origin; no answer reaches the server log or a file."""

from __future__ import annotations

import subprocess

import pytest

from browser import PHONE, TABLET, start_server, to_summary, walk
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


# ------------------------------------------------- rule texts load nothing from elsewhere

ELSEWHERE = "198.51.100.7"  # TEST-NET-2: no such host is ever reached
IMAGE = f"![a picture](http://{ELSEWHERE}/a.png)"
LINK = f"[a link](http://{ELSEWHERE}/page)"
HTML = f'<img src="http://{ELSEWHERE}/b.png" alt="raw">'


@pytest.fixture(scope="module")
def hostile_server(chromium, tmp_path_factory):
    """The app with rule texts that hold a Markdown image, a link and raw HTML."""
    text = (ROOT / "rules" / "osteoporosis.toml").read_text(encoding="utf-8")
    replacements = {
        'seeds = "../seeds"': f'seeds = "{(ROOT / "seeds").as_posix()}"',
        'welcome_time = "It takes about 5 minutes."': (
            f'welcome_time = "It takes about 5 minutes. {IMAGE} {LINK}"'
        ),
        'why = "Bones slowly get thinner with age. Osteoporosis and broken bones become more'
        ' common after 50."': (f"why = 'Bones slowly get thinner with age. {HTML} {IMAGE}'"),
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path_factory.mktemp("hostile") / "rules.toml"
    path.write_text(text, encoding="utf-8")
    server = start_server(rules=str(path))
    yield server
    server.stop()


def loads_from_elsewhere(app) -> list[str]:
    found = app.page.evaluate(
        """(host) => Array.from(document.querySelectorAll('img[src], a[href], iframe[src]'))
             .map((e) => e.getAttribute('src') || e.getAttribute('href'))
             .filter((u) => u.includes(host))""",
        ELSEWHERE,
    )
    return [*found, *[u for u in app.requests if ELSEWHERE in u]]


def test_a_rule_text_cannot_make_the_page_load_or_link_elsewhere(hostile_server, new_app):
    app = new_app(hostile_server, PHONE)
    assert loads_from_elsewhere(app) == []
    if "The questionnaire cannot start" in app.text():
        return  # `osteoscreen check` refused the file: nothing of it reaches a person
    shown = app.text().replace("\u2060", "")  # the invisible joiners that stop autolinks
    assert IMAGE in shown  # shown as text
    assert LINK in shown
    app.click("Me")
    assert loads_from_elsewhere(app) == []
    assert HTML in app.text().replace("\u2060", "")
    assert app.own_origin_only() == []


def test_the_page_may_load_from_its_own_origin_only(self_server):
    """The browser itself enforces it: a Content-Security-Policy on every response."""
    import urllib.request

    with urllib.request.urlopen(self_server.url, timeout=10) as r:
        policy = r.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    for name in ("default-src", "img-src", "connect-src", "font-src", "frame-src"):
        sources = directives[name].split()
        assert [s for s in sources if s not in ("'self'", "data:", "blob:")] == [], name
