"""Two app replicas behind deploy/nginx's real configuration, in the real browser.

A full visit through the proxy (TLS, websocket, downloads), the headers a
clinic's security review asks for, and a replica stopped mid-visit: the
sessions on the other replica go on untouched, and the dropped one starts
again calmly at the welcome page, with nobody's answers.
"""

from __future__ import annotations

import json
import re
import socket
import ssl
import tempfile
import threading
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
    ROOT,
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
        host, port = doomed_at.split(":")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # until the stopped replica refuses connections
            try:
                socket.create_connection((host, int(port)), timeout=1).close()
            except OSError:
                break
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


# ------------------------------------------------------------- limits per client (issue 20)
CONF = (ROOT / "deploy" / "nginx" / "osteoscreen.conf").read_text(encoding="utf-8")
CONNECTIONS = int(re.search(r"limit_conn osteoscreen_conn (\d+);", CONF).group(1))  # type: ignore[union-attr]
BURST = int(re.search(r"burst=(\d+) nodelay", CONF).group(1))  # type: ignore[union-attr]
SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


def tls_from(source: str, proxy: Proxy) -> ssl.SSLSocket:
    """A TLS connection to the proxy from another loopback address (another client)."""
    port = int(proxy.url.rsplit(":", 1)[1])
    raw = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0))
    return insecure().wrap_socket(raw, server_hostname=PUBLIC_NAME)


def status_of(conn: ssl.SSLSocket) -> tuple[int, str]:
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = conn.recv(4096)
        if not chunk:
            break
        head += chunk
    text = head.decode("latin-1")
    return int(text.split(" ", 2)[1]), text


def held_request(source: str, proxy: Proxy) -> ssl.SSLSocket:
    """A request whose body never finishes: nginx holds it (and counts it) until the
    body times out, as it holds a websocket."""
    conn = tls_from(source, proxy)
    conn.sendall(
        f"POST / HTTP/1.1\r\nHost: {PUBLIC_NAME}\r\nContent-Length: 60000\r\n\r\nx".encode()
    )
    return conn


def websocket(source: str, proxy: Proxy) -> tuple[int, str]:
    conn = tls_from(source, proxy)
    port = proxy.url.rsplit(":", 1)[1]
    conn.sendall(
        (
            f"GET /_stcore/stream HTTP/1.1\r\nHost: {PUBLIC_NAME}:{port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: streamlit\r\n"
            f"Origin: https://{PUBLIC_NAME}:{port}\r\n\r\n"
        ).encode()
    )
    found = status_of(conn)
    conn.close()
    return found


def test_one_client_past_the_connection_limit_is_refused_while_a_visitor_goes_on(browser, stack):
    held = [held_request("127.0.0.2", stack) for _ in range(CONNECTIONS)]
    try:
        time.sleep(0.5)  # nginx has read each request's header: each one counts
        status, head = websocket("127.0.0.2", stack)
        assert status == 429, head
        for name in SECURITY:
            assert name.lower() in head.lower(), head
        assert "cache-control: no-store" in head.lower(), head
        # Another client (the browser, from 127.0.0.1) is not held up by the first.
        opened = time.monotonic()
        app = through(browser, stack)
        screens = [time.monotonic() - opened]  # the welcome screen, then each step's change
        try:
            click = app.click
            forward = {word(RULES.ui.next, "caregiver"), word(RULES.ui.see_results, "caregiver")}

            def timed(label: str, *args: Any, **kwargs: Any) -> Any:
                started = time.monotonic()
                done = click(label, *args, **kwargs)
                if label in forward:
                    screens.append(time.monotonic() - started)
                return done

            app.click = timed  # type: ignore[method-assign]
            answers = {k: v for k, v in PERSONAS["caregiver_anemia"].items() if k != "respondent"}
            walk(app, answers, who="caregiver")
            assert word(RULES.ui.results_title, "caregiver") in app.text()
            assert len(screens) == len(RULES.sections) + 1
            # Each step's change within 2 s; the first load (TLS, the page's files) 5 s.
            shown = [round(t, 2) for t in screens]
            assert screens[0] < 5, shown
            assert max(screens[1:]) < 2, shown
        finally:
            app.page.context.close()
    finally:
        for conn in held:
            conn.close()
    # Once the held requests are gone, the first client may connect again.
    time.sleep(0.5)
    assert websocket("127.0.0.2", stack)[0] == 101


def test_a_burst_of_requests_past_the_limit_gets_429_with_the_headers(stack):
    codes: list[int] = []
    heads: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        conn = tls_from("127.0.0.3", stack)
        try:
            for _ in range(40):
                conn.sendall(
                    f"GET /_stcore/health HTTP/1.1\r\nHost: {PUBLIC_NAME}\r\n\r\n".encode()
                )
                status, head = status_of(conn)
                with lock:
                    codes.append(status)
                    if status == 429:
                        heads.append(head)
                if "connection: close" in head.lower():
                    break
        finally:
            conn.close()

    threads = [threading.Thread(target=client) for _ in range((BURST + 200) // 40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert codes.count(200) >= BURST
    assert 429 in codes, sorted(set(codes))
    for name in SECURITY:
        assert name.lower() in heads[0].lower(), heads[0]
    # A client at its own pace (the browser's address) is not limited by the first.
    assert get(f"{stack.url}/_stcore/health")[0] == 200


def test_the_security_headers_are_on_error_answers_too(stack):
    for path in ("/_stcore/metrics", "/_stcore/upload_file/x"):
        status, headers = get(f"{stack.url}{path}")
        assert status == 404, path
        for name in SECURITY:
            assert headers[name], (path, name)
        assert headers["Cache-Control"] == "no-store", path
    status, headers = get(f"{stack.url}/", data=b"x" * 200_000)
    assert status == 413
    for name in SECURITY:
        assert headers[name], ("413", name)


def test_the_error_log_keeps_no_client_address(stack):
    get(f"{stack.url}/_stcore/metrics")
    get(f"{stack.url}/", data=b"x" * 200_000)  # 413: nginx logs this as an error
    conn = held_request("127.0.0.4", stack)
    conn.close()
    time.sleep(0.5)
    assert "client:" not in stack.error_log()
    assert not any("127.0.0." in line.split("upstream=")[0] for line in stack.access_log())
