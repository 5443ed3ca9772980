"""Two app replicas behind deploy/nginx's real configuration, in the real browser.

A full visit through the proxy (TLS, websocket, downloads), the headers a
clinic's security review asks for, and a replica stopped mid-visit: the
sessions on the other replica go on untouched, and the dropped one starts
again calmly at the welcome page, with nobody's answers.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from osteoscreen.answers import parse_answers
from osteoscreen.engine import evaluate
from osteoscreen.loader import bundled_rules
from osteoscreen.model import word

from browser import (
    CHROMIUM_ARGS,
    CONNECTED,
    PHONE,
    RUN_TIMEOUT,
    App,
    answer,
    chosen,
    chromium_or_skip,
    start_server,
    to_summary,
    walk,
)
from contract import PERSONAS
from proxy import PUBLIC_NAME, Proxy, insecure, start_proxy

pytestmark = pytest.mark.browser
RULES = bundled_rules()


@dataclass
class Site:
    """What App needs of a server: its address (here the proxy's public name)."""

    url: str


@pytest.fixture(scope="module")
def browser(chromium: Any) -> Iterator[Any]:
    """A Chromium that resolves the proxy's public name to loopback (and nothing else)."""
    mapped = [*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {PUBLIC_NAME} 127.0.0.1"]
    own = chromium.browser_type.launch(executable_path=chromium_or_skip(), args=mapped)
    yield own
    own.close()


@pytest.fixture
def stack(chromium: Any) -> Iterator[Proxy]:
    """Two replicas and nginx in front of them, all on loopback."""
    replicas = [start_server(), start_server()]
    folder = Path(tempfile.mkdtemp(prefix="osteoscreen-nginx-"))
    try:
        proxy = start_proxy(folder, replicas)
    except BaseException:
        for r in replicas:
            r.stop()
        raise
    yield proxy
    proxy.stop()
    for r in replicas:
        r.stop()


def through(chromium: Any, proxy: Proxy) -> App:
    """A new browser (its own cookies: its own route) on the app through the proxy."""
    context = chromium.new_context(viewport=PHONE, accept_downloads=True, ignore_https_errors=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    app = App(page, Site(proxy.public_url), requests)  # type: ignore[arg-type]
    app.csp = problems  # type: ignore[attr-defined]
    return app.open()


def replica_of(proxy: Proxy, since: int) -> str:
    """Which replica served the browser opened after log line `since` (its page requests)."""
    lines = proxy.access_log()[since:]
    found = {m.group(1) for line in lines if (m := re.search(r"upstream=(\S+)", line))}
    found.discard("-")
    assert len(found) == 1, lines
    return found.pop()


def get(url: str, data: bytes | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=data)
    try:
        with urllib.request.urlopen(request, timeout=10, context=insecure()) as r:
            return r.status, r.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def download(app: App, label: str) -> tuple[bytes, str]:
    with app.page.expect_download() as info:
        app.page.get_by_role("button", name=label, exact=True).click()
    return info.value.path().read_bytes(), info.value.url


def test_a_visit_through_the_proxy_with_its_headers_and_downloads(browser, stack):
    status, headers = get(f"{stack.url}/")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Cache-Control"] == "no-store"
    assert "osteoscreen_route=" in headers["Set-Cookie"]
    assert "Server" not in headers or "nginx/" not in headers["Server"]
    assert get(f"{stack.url}/_stcore/metrics")[0] == 404
    assert get(f"{stack.url}/_stcore/upload_file/x")[0] == 404
    assert get(f"{stack.url}/", data=b"x" * 200_000)[0] == 413
    # Plain HTTP on the replica is not what the public reaches: only TLS here.
    assert stack.url.startswith("https://127.0.0.1:")

    answers = {k: v for k, v in PERSONAS["caregiver_anemia"].items() if k != "respondent"}
    app = through(browser, stack)
    try:
        walk(app, answers, who="caregiver")
        to_summary(app, "caregiver")
        expected = evaluate(RULES, parse_answers(RULES, {**answers, "respondent": "caregiver"}))
        pdf, pdf_url = download(app, word(RULES.ui.download_pdf, "caregiver"))
        assert pdf.startswith(b"%PDF")
        fhir, _ = download(app, word(RULES.ui.download_fhir, "caregiver"))
        assert json.loads(fhir)["resourceType"] == "Bundle"
        assert expected.summary[0].text.split()[0] in app.text()
        # The download came from the same replica (its /media), never cached.
        media = [u for u in app.requests if "/media/" in u]
        assert media, app.requests
        status, headers = get(media[-1].replace(stack.public_url, stack.url))
        assert status in (200, 404)  # made for this visit only; either way, never cached
        assert headers["Cache-Control"] == "no-store"
        assert app.own_origin_only() == []
        assert app.csp == []  # type: ignore[attr-defined]
        assert pdf_url.startswith(("blob:", stack.public_url, "data:"))
    finally:
        app.page.context.close()


def test_a_replica_stopped_mid_visit_leaves_the_other_sessions_untouched(browser, stack):
    # Open browsers until one is on each replica (each gets a random route).
    apps: dict[str, App] = {}
    opened: list[App] = []
    try:
        for _ in range(16):
            since = len(stack.access_log())
            app = through(browser, stack)
            opened.append(app)
            apps.setdefault(replica_of(stack, since), app)
            if len(apps) == 2:
                break
        assert len(apps) == 2, "sixteen browsers all landed on one replica"
        by_url = {r.url.removeprefix("http://"): r for r in stack.replicas}
        (doomed_at, doomed), (kept_at, kept) = apps.items()

        ui = RULES.ui
        for app in (doomed, kept):
            app.click(word(ui.who_self, "self"))
        answer(doomed, "sex", "female")
        answer(kept, "sex", "male")
        answer(kept, "family_history", "yes")
        kept_chosen = chosen(kept)

        by_url[doomed_at].stop()

        # The page reconnects through the proxy, which hashes it to the live replica:
        # a new session there. Its next touch starts again calmly at the welcome page.
        deadline = time.monotonic() + 30
        while "connect() failed" not in stack.error_log() and time.monotonic() < deadline:
            time.sleep(0.2)
        doomed.page.wait_for_selector(CONNECTED, timeout=RUN_TIMEOUT)
        male = word(RULES.question("sex").option("male").label, "self")  # type: ignore[union-attr]
        doomed.page.locator(".st-key-box_sex").get_by_text(male, exact=True).click()
        title = doomed.page.locator('[data-testid="stMain"] h1', has_text=RULES.meta.title)
        title.first.wait_for(timeout=RUN_TIMEOUT)
        doomed.settle()
        assert chosen(doomed) == 0
        page = doomed.text()
        assert word(ui.who_question, "self") in page
        assert "Traceback" not in page
        assert not doomed.page.locator('[data-testid="stException"]').count()
        # Pressing on gives a fresh first step: nobody's answers, not those on the live replica.
        doomed.click(word(ui.who_self, "self"))
        assert chosen(doomed) == 0

        # The other replica's visit goes on as if nothing happened.
        assert chosen(kept) == kept_chosen
        assert by_url[kept_at].process.poll() is None
        kept.click(word(ui.next, "self"))
        progress = kept.page.locator('[data-testid="stProgress"]').inner_text()
        assert word(ui.step_label, "self").format(step=2, steps=len(RULES.sections)) in progress
        assert kept.csp == []  # type: ignore[attr-defined]
        assert doomed.csp == []  # type: ignore[attr-defined]
    finally:
        for app in opened:
            app.page.context.close()
