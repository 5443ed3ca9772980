"""Harness for the real-browser tests: the real app, served locally, in headless Chromium.

A pytest plugin (see `pytest_plugins` in conftest.py). It starts one
`streamlit run app.py` per setting on a free loopback port, drives Debian's
Chromium with Playwright, and waits for each script run to finish instead of
sleeping. On a machine without Chromium the browser tests are skipped with one
line saying how to install it, except under CI, where that fails the run.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}
RUN_TIMEOUT = 20_000  # ms
# As in Streamlit's own e2e helpers (wait_for_app_run): after a run ends, the
# front end still applies its last messages for a moment before new widgets
# take input. This is that moment, not a guess at how long the app takes.
SETTLE = 100  # ms
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'

# What identifies a screen: its headings and its progress label. A navigation
# click is done when this has changed. (The script-state attribute alone cannot
# tell: a fast run finishes before the page ever shows "running".)
SIGNATURE = """
() => Array.from(document.querySelectorAll(
  '[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stProgress"]'
)).map((e) => e.innerText).join('|')
"""


def chromium_or_skip() -> str:
    """The browser's path; skip (or fail under CI) when it is missing."""
    path = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path:
        return path
    message = "Chromium not found: install it with `apt-get install chromium` (.ci/run does this)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running app: its address, its own empty home folder, and its console output."""

    url: str
    home: Path
    log: Path
    process: subprocess.Popen[bytes]
    env: dict[str, str] = field(default_factory=dict)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Ask a server process to stop; kill it if it has not within 10 seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def start_server(port: int | None = None, **settings: str) -> Server:
    """Start `streamlit run app.py` with these OSTEOSCREEN_* settings and wait until healthy."""
    port = port or free_port()
    home = Path(tempfile.mkdtemp(prefix="osteoscreen-home-"))
    (home / "tmp").mkdir()
    log = Path(tempfile.mkdtemp(prefix="osteoscreen-log-")) / "server.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("OSTEOSCREEN_")},
        "HOME": str(home),
        "TMPDIR": str(home / "tmp"),
        **{f"OSTEOSCREEN_{k.upper()}": v for k, v in settings.items()},
    }
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", home, log, process, env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app server stopped:\n{server.output()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"the app server did not become healthy:\n{server.output()}")


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    path = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _server(**settings: str) -> Iterator[Server]:
    server = start_server(**settings)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def self_server(chromium: Any) -> Iterator[Server]:
    """Self-check and caregiver (the default settings)."""
    yield from _server()


@pytest.fixture(scope="session")
def kiosk_server(chromium: Any) -> Iterator[Server]:
    """Kiosk mode with the idle reset far away, for walkthroughs."""
    yield from _server(kiosk="1", idle_seconds="900")


@pytest.fixture(scope="session")
def idle_server(chromium: Any) -> Iterator[Server]:
    """Kiosk mode with a short idle reset, to watch it happen."""
    yield from _server(kiosk="1", idle_seconds="8", idle_warning_seconds="4")


@pytest.fixture(scope="session")
def broken_server(chromium: Any) -> Iterator[Server]:
    """The app pointed at a broken rule file."""
    yield from _server(rules=str(ROOT / "tests/rules/broken/unknown_question.toml"))


@dataclass
class App:
    """A page on one server, with the helpers the tests use."""

    page: Any
    server: Server
    requests: list[str]
    screens: list[tuple[str, bytes]] = field(default_factory=list)

    def open(self, path: str = "") -> App:
        self.page.goto(self.server.url + path)
        self.page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=RUN_TIMEOUT)
        self.settle()
        return self

    def settle(self) -> None:
        """Wait until the app is connected and idle, and has applied its last messages."""
        self.page.wait_for_selector(CONNECTED, timeout=RUN_TIMEOUT)
        self.page.wait_for_selector(IDLE, timeout=RUN_TIMEOUT)
        self.page.wait_for_timeout(SETTLE)

    def still(self) -> None:
        """Wait for every running animation and transition (fades, expanders) to end."""
        self.page.evaluate(
            "() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))"
        )

    def signature(self) -> str:
        return str(self.page.evaluate(SIGNATURE))

    def navigate(self, action: Callable[[], Any]) -> None:
        """Do something that changes the screen, and wait for the new screen."""
        before = self.signature()
        action()
        self.page.wait_for_function(
            f"() => ({SIGNATURE})() !== {json.dumps(before)}", timeout=RUN_TIMEOUT
        )
        self.settle()

    def click(self, name: str) -> None:
        """Press a button that leads to another screen."""
        button = self.page.get_by_role("button", name=name, exact=True).first
        self.navigate(button.click)

    def pick(self, control: Any, *, tap: Any = None) -> None:
        """Tap an answer (by its label, or the control itself) and wait until it is chosen."""
        (tap or control).click()
        expect(control).to_be_checked(timeout=RUN_TIMEOUT)
        self.settle()

    def shot(self, name: str) -> None:
        """Remember this screen; it is saved to test-output/ if the test fails."""
        self.screens.append((name, self.page.screenshot(full_page=True)))

    def text(self) -> str:
        return str(self.page.locator('[data-testid="stMain"]').inner_text())

    def own_origin_only(self) -> list[str]:
        return [
            u
            for u in self.requests
            if not u.startswith(self.server.url)
            and not u.startswith("data:")
            and not u.startswith("blob:")
        ]


# Keeps every WebSocket the page opens, so a test can cut the page's connection:
# Playwright's offline mode stops new requests but leaves an open socket open.
KEEP_SOCKETS = """
(() => {
  const Original = window.WebSocket;
  window.openSockets = [];
  window.WebSocket = class extends Original {
    constructor(...args) { super(...args); window.openSockets.push(this); }
  };
})();
"""


def cut_connection(app: App) -> None:
    """Take the page offline and close its open WebSocket (so it cannot reconnect)."""
    app.page.context.set_offline(True)
    app.page.evaluate("() => window.openSockets.forEach((s) => s.close())")


def visible_text(app: App) -> str:
    """Everything a person can see on the page right now (hidden parts give no text)."""
    return str(app.page.evaluate("() => document.body.innerText"))


def label_of(control: Any) -> Any:
    """The visible label around a radio or checkbox input: what a person taps."""
    return control.locator("xpath=ancestor::label[1]")


def _new_app(
    chromium: Any,
    server: Server,
    viewport: dict[str, int],
    before: str | None = None,
    locale: str | None = None,
) -> App:
    options: dict[str, Any] = {"locale": locale} if locale else {}
    context = chromium.new_context(viewport=viewport, accept_downloads=True, **options)
    if before:
        context.add_init_script(before)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    return App(page, server, requests)


@pytest.fixture
def new_app(chromium: Any, request: pytest.FixtureRequest) -> Iterator[Callable[..., App]]:
    """Open the app on a server at a viewport size; screenshots are kept on failure."""
    opened: list[App] = []

    def make(
        server: Server,
        viewport: dict[str, int] = PHONE,
        before: str | None = None,
        *,
        path: str = "",
        locale: str | None = None,
    ) -> App:
        """`before` is a script run in the page before the app's own (Playwright's init
        script); `path` follows the server's address (`?lang=es`); `locale` is the
        browser's language (its `Accept-Language` and `navigator.language`)."""
        app = _new_app(chromium, server, viewport, before, locale).open(path)
        opened.append(app)
        return app

    yield make
    failed = getattr(request.node, "rep_call", None)
    for i, app in enumerate(opened):
        if failed is not None and failed.failed:
            _save_failure(request.node.name, i, app)
        app.page.context.close()


def _save_failure(test: str, i: int, app: App) -> None:
    folder = OUTPUT / test
    folder.mkdir(parents=True, exist_ok=True)
    for name, png in app.screens:
        (folder / f"{i}-{name}.png").write_bytes(png)
    for label, size in (("phone", PHONE), ("tablet", TABLET)):
        try:
            app.page.set_viewport_size(size)
            app.page.screenshot(path=str(folder / f"{i}-last-{label}.png"), full_page=True)
        except Exception:
            continue


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)


# ------------------------------------------------------------------ walking


def answer(app: App, qid: str, value: Any, who: str = "self", rules: Any = None) -> None:
    """Answer one question on screen, the way a person would, by its visible labels
    (those of `rules`: the bundled English ones, or a translation's)."""
    from osteoscreen.loader import bundled_rules
    from osteoscreen.model import word
    from osteoscreen.ui.questions import age_ranges

    rules = rules or bundled_rules()
    q = rules.question(qid)
    box = app.page.locator(f".st-key-box_{qid}")
    if q.measure is not None:
        measure(app, qid, value, who, rules)
        return
    if q.kind == "integer":
        assert q.min is not None
        assert q.max is not None
        low, high = next(r for r in age_ranges(q.min, q.max) if r[0] <= value <= r[1])
        label = str(low) if low == high else f"{low}–{high}"
        app.pick(box.get_by_role("radio", name=label, exact=True))
        app.pick(box.get_by_role("radio", name=str(value), exact=True))
        return
    values = value if isinstance(value, list) else [value]
    for v in values:
        option = q.option(v)
        assert option is not None, (qid, v)
        role = "checkbox" if q.kind == "multi_choice" else "radio"
        target = box.get_by_role(role, name=word(option.label, who), exact=True)  # type: ignore[arg-type]
        app.pick(target, tap=label_of(target))


def measure(app: App, qid: str, value: Any, who: str = "self", rules: Any = None) -> None:
    """A weight or height: `"unknown"`, a number in kg or cm, or `("lb", 110)`,
    `("ft_in", (5, 6))`: typed or tapped in that unit, as a person would."""
    from osteoscreen.loader import bundled_rules
    from osteoscreen.model import word

    ui = (rules or bundled_rules()).ui
    box = app.page.locator(f".st-key-box_{qid}")
    if value == "unknown":
        target = box.get_by_role("checkbox", name=word(ui.unknown_number, who), exact=True)
        app.pick(target, tap=label_of(target))
        return
    unit, number = value if isinstance(value, tuple) else (None, value)
    unit = unit or ("kg" if qid == "weight" else "cm")
    names = {"kg": ui.unit_kg, "lb": ui.unit_lb, "cm": ui.unit_cm, "ft_in": ui.unit_ft_in}
    target = box.get_by_role("radio", name=word(names[unit], who), exact=True)
    if not target.is_checked():
        app.pick(target, tap=label_of(target))
    if unit == "ft_in":
        feet, inches = number
        for group, pick in ((ui.feet_label, feet), (ui.inches_label, inches)):
            pills = box.get_by_role("radiogroup", name=word(group, who), exact=True)
            app.pick(pills.get_by_role("radio", name=str(pick), exact=True))
        return
    field = box.get_by_role("spinbutton")
    field.fill(str(number))
    field.press("Enter")
    expect(field).to_have_value(str(number), timeout=RUN_TIMEOUT)
    app.page.wait_for_timeout(SETTLE)
    app.settle()


def walk(
    app: App,
    answers: dict[str, Any],
    *,
    who: str = "self",
    rules: Any = None,
    each: Callable[[str], Any] | None = None,
) -> None:
    """From the welcome screen to the results, answering what the answers hold, by the
    labels of `rules` (default: the bundled English); `each(screen)` runs on every screen."""
    from osteoscreen.engine import visible_questions
    from osteoscreen.loader import bundled_rules
    from osteoscreen.model import word

    rules = rules or bundled_rules()
    ui = rules.ui
    app.shot("welcome")
    if each:
        each("welcome")
    app.click(word(ui.who_caregiver if who == "caregiver" else ui.who_self, "self"))
    given: dict[str, Any] = {}
    for i, section in enumerate(rules.sections):
        for q in [q for q in rules.questions_in_order() if q.section == section.id]:
            if q.id in answers and q.id in [v.id for v in visible_questions(rules, given)]:
                answer(app, q.id, answers[q.id], who, rules)
                given[q.id] = answers[q.id]
        app.shot(f"step-{i + 1}")
        if each:
            each(f"step-{i + 1}")
        last = i == len(rules.sections) - 1
        app.click(word(ui.see_results if last else ui.next, who))  # type: ignore[arg-type]
    app.shot("results")
    if each:
        each("results")


def to_summary(app: App, who: str = "self", rules: Any = None) -> None:
    from osteoscreen.loader import bundled_rules
    from osteoscreen.model import word

    app.click(word((rules or bundled_rules()).ui.to_summary, who))  # type: ignore[arg-type]
    app.shot("summary")


def expand_sources(app: App) -> None:
    """Open every "Sources" expander on the results screen."""
    for summary in app.page.locator('[data-testid="stExpander"] summary').all():
        summary.click()
    app.still()


def axe_violations(app: App) -> list[str]:
    """axe-core's violations on the current screen, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    app.still()
    results = Axe().run(app.page)
    found = []
    for v in results.response["violations"]:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        found.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return found


# ------------------------------------------------------------------ keyboard

# Describes the focused element: its role, its visible name, and whether the
# focus can be seen (an outline or ring on it, or on the row that holds it).
FOCUSED = """
() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const label = e.closest('label');
  const role = e.getAttribute('role') || (e.type === 'radio' ? 'radio'
    : e.type === 'checkbox' ? 'checkbox' : e.tagName.toLowerCase());
  const name = (e.getAttribute('aria-label') || (label ? label.innerText : e.innerText) || '').trim();
  const shown = [e, label, e.closest('[data-testid="stRadioOption"]'), e.closest('summary')]
    .filter(Boolean).some((x) => {
      const s = getComputedStyle(x);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    });
  return { role, name, visible: shown, checked: e.checked === true || e.getAttribute('aria-checked') === 'true' };
}
"""


def focused(app: App) -> dict[str, Any] | None:
    value: dict[str, Any] | None = app.page.evaluate(FOCUSED)
    return value


def tab_to(
    app: App, role: str, name: str, limit: int = 80, *, partial: bool = False
) -> list[dict[str, Any]]:
    """Press Tab until a control with this role and name has the focus; returns every stop.

    `partial` matches a name that contains `name` (an expander's text holds its icon's name).
    """
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        app.page.keyboard.press("Tab")
        now = focused(app)
        if now is not None:
            stops.append(now)
            found = name in now["name"] if partial else now["name"] == name
            if now["role"] == role and found:
                return stops
    raise AssertionError(f"Tab never reached {role} {name!r}; stops: {[s['name'] for s in stops]}")


# Every control a finger can touch, with its size: buttons (also the age picker
# and the expander headers) and the rows of radio and checkbox answers (their
# inputs are hidden; the row is what is tapped).
TARGETS = """
() => Array.from(document.querySelectorAll(
  '[data-testid="stMain"] button, [data-testid="stMain"] summary, [data-testid="stMain"] a[href],'
  + '[data-testid="stRadioOption"], [data-testid="stCheckbox"] label'
)).filter((e) => e.offsetParent !== null).map((e) => {
  const r = e.getBoundingClientRect();
  return { name: (e.innerText || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 40),
           width: Math.round(r.width), height: Math.round(r.height) };
})
"""


def small_targets(app: App, minimum: int = 44) -> list[dict[str, Any]]:
    targets: list[dict[str, Any]] = app.page.evaluate(TARGETS)
    assert targets, "no touch targets found"
    return [t for t in targets if t["width"] < minimum or t["height"] < minimum]


def chosen(app: App) -> int:
    """How many answers are on screen: radios, age and feet/inch buttons, checkboxes, and
    numbers typed in (a weight or height). The unit radios (kg or pounds) are no answer."""
    count: int = app.page.evaluate(
        """() => {
          const picked = Array.from(document.querySelectorAll('input:checked, [aria-checked="true"]'))
            .filter((e) => !e.closest('[class*="_unit"]')).length;
          const typed = Array.from(document.querySelectorAll('[data-testid="stNumberInputField"]'))
            .filter((e) => e.value !== '').length;
          return picked + typed;
        }"""
    )
    return count
