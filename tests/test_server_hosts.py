"""No host but our own: the server looks up no name and opens no connection to another host.

The app is started as the README says (`python3 -m streamlit run app.py`, no
address given, so Streamlit prints its URLs), and a WebSocket with a foreign
Origin is opened: that is what made Streamlit look up checkip.amazonaws.com
and "connect" a socket to 8.8.8.8. The proof is Python's own audit hooks
(PEP 578): a `sitecustomize` loaded into the server process records every
name lookup and every connect or sendto that is not to loopback, before the
call is made. Every Python socket call raises these events, whatever library
makes it. The second test runs the same thing in a network namespace with
nothing but loopback (`unshare -rn`), where nothing could leave anyway.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from browser import free_port
from conftest import ROOT

AUDIT = textwrap.dedent(
    """
    import ipaddress, os, sys

    LOG = os.environ["NET_AUDIT_LOG"]

    def _local(host):
        if host is None:
            return True
        if isinstance(host, bytes):
            host = host.decode(errors="replace")
        host = str(host).strip("[]").split("%")[0]
        if host in ("", "localhost", "0.0.0.0", "::"):
            return True
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return False
        return ip.is_loopback or ip.is_unspecified

    def _hook(event, args):
        if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex"):
            host = args[0]
        elif event in ("socket.connect", "socket.sendto"):
            address = args[1]
            if not isinstance(address, tuple):
                return  # a Unix socket
            host = address[0]
        elif event == "socket.gethostbyaddr":
            host = args[0]
        else:
            return
        if not _local(host):
            with open(LOG, "a", encoding="utf-8") as log:
                log.write(f"{event} {host!r}\\n")

    sys.addaudithook(_hook)
    """
)

# Run inside the namespace (or not): start the app, open a WebSocket with a
# foreign Origin and one with the page's own, stop the app; print what it saw.
PROBE = textwrap.dedent(
    """
    import json, os, socket, subprocess, sys, time, urllib.request

    port = int(sys.argv[1])
    env = dict(os.environ)
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
        cwd=sys.argv[2], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)

        def upgrade(origin):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(
                    (
                        "GET /_stcore/stream HTTP/1.1\\r\\n"
                        f"Host: 127.0.0.1:{port}\\r\\n"
                        "Upgrade: websocket\\r\\nConnection: Upgrade\\r\\n"
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\n"
                        "Sec-WebSocket-Version: 13\\r\\n"
                        "Sec-WebSocket-Protocol: streamlit\\r\\n"
                        f"Origin: {origin}\\r\\n\\r\\n"
                    ).encode()
                )
                return s.recv(200).split(b"\\r\\n")[0].decode()

        foreign = upgrade("http://attacker.example")
        own = upgrade(f"http://127.0.0.1:{port}")
        time.sleep(1.5)  # Streamlit's own lookups used up to two 1 s timeouts
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode(errors="replace")
    print(json.dumps({"foreign": foreign, "own": own, "output": output}))
    """
)


def probe(tmp_path: Path, prefix: list[str]) -> tuple[dict[str, str], list[str]]:
    (tmp_path / "audit").mkdir()
    (tmp_path / "audit" / "sitecustomize.py").write_text(AUDIT)
    (tmp_path / "probe.py").write_text(PROBE)
    (tmp_path / "home").mkdir()
    log = tmp_path / "net.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("OSTEOSCREEN_")},
        "HOME": str(tmp_path / "home"),
        "PYTHONPATH": os.pathsep.join(
            [str(tmp_path / "audit"), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
        ),
        "NET_AUDIT_LOG": str(log),
    }
    port = str(free_port())
    out = subprocess.run(
        [*prefix, sys.executable, str(tmp_path / "probe.py"), port, str(ROOT)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    attempts = log.read_text().splitlines() if log.exists() else []
    return seen, attempts


def check(seen: dict[str, str], attempts: list[str]) -> None:
    assert "HTTP/1.1 101" in seen["own"], seen  # the page's own origin is served
    assert "HTTP/1.1 101" not in seen["foreign"], seen  # a foreign origin is refused
    assert attempts == []  # and nothing was looked up or contacted to decide it
    assert "External URL" not in seen["output"]
    assert "Network URL" not in seen["output"]


def test_the_server_contacts_no_other_host(tmp_path):
    check(*probe(tmp_path, []))


def test_the_server_works_with_no_network_but_loopback(tmp_path):
    unshare = shutil.which("unshare")
    works = unshare and subprocess.run(
        [unshare, "-rn", "ip", "link", "set", "lo", "up"], capture_output=True, check=False
    )
    if not works or works.returncode != 0:
        pytest.skip("cannot make a network namespace here (needs `unshare -rn` and `ip`)")
    prefix = ["unshare", "-rn", "sh", "-c", 'ip link set lo up && exec "$@"', "probe"]
    check(*probe(tmp_path, prefix))
