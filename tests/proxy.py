"""Harness for the deployment tests: deploy/nginx's real configuration, on loopback.

`render()` turns deploy/nginx/osteoscreen.conf into a configuration that runs
as an ordinary process: the replicas' lines point at the test's app servers,
`listen` at a free loopback port, the certificate at one made for the test, and
every path nginx writes (pid, logs, temp folders) into a temp folder. Each
substitution must match, so a change to the shipped file that the test no
longer understands fails here instead of testing something else.
"""

from __future__ import annotations

import re
import shutil
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser import ROOT, Server, free_port, stop_process

DEPLOY = ROOT / "deploy"
NGINX_CONF = DEPLOY / "nginx" / "osteoscreen.conf"
SNIPPETS = DEPLOY / "nginx" / "snippets"
# The name the test's browser uses for the proxy (mapped to 127.0.0.1 in Chromium
# only): not a loopback name, so Streamlit's Origin check is the real one.
PUBLIC_NAME = "osteoscreen.test"


def nginx_or_skip() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not path:
        pytest.skip("nginx not found: install it with `apt-get install nginx` (.ci/run does this)")
    return path


def make_cert(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    if not shutil.which("openssl"):
        pytest.skip("openssl not found: install it with `apt-get install openssl`")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", f"subjectAltName=IP:127.0.0.1,DNS:{PUBLIC_NAME}"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _sub(pattern: str, replacement: str, text: str, count: int = 1) -> str:
    new, n = re.subn(pattern, replacement, text, flags=re.MULTILINE | re.DOTALL)
    assert n == count, f"deploy/nginx/osteoscreen.conf: expected {count} of {pattern!r}, found {n}"
    return new


def render(folder: Path, replicas: list[str], port: int, cert: Path, key: Path) -> Path:
    """The shipped configuration, pointed at these replicas and this port; returns nginx.conf."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    servers = "".join(f"    server {r} max_fails=1 fail_timeout=10s;\n" for r in replicas)
    replica = r"    server 127\.0\.0\.1:850\d [^\n]*\n"
    text = _sub(rf"^{replica}(?:{replica})*", servers, text)
    text = _sub(r"^# --- redirect: begin.*?# --- redirect: end\n", "", text)
    text = _sub(r"^    listen 443 ssl;[^\n]*$", f"    listen 127.0.0.1:{port} ssl;", text)
    text = _sub(r"^    listen \[::\]:443 ssl;[^\n]*\n", "", text)
    text = _sub(r"ssl_certificate     \S+;", f"ssl_certificate     {cert};", text)
    text = _sub(r"ssl_certificate_key \S+;", f"ssl_certificate_key {key};", text)
    text = _sub(
        r"access_log \S+ osteoscreen;", f"access_log {folder}/access.log osteoscreen;", text
    )
    text = _sub(r"error_log \S+ emerg;", f"error_log {folder}/server-error.log emerg;", text)
    (folder / "osteoscreen.conf").write_text(text, encoding="utf-8")
    shutil.copytree(SNIPPETS, folder / "snippets", dirs_exist_ok=True)
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / temp).mkdir(exist_ok=True)
        (folder / temp).chmod(0o777)
    main = f"""
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/osteoscreen.conf;
}}
"""
    conf = folder / "nginx.conf"
    conf.write_text(main, encoding="utf-8")
    return conf


def insecure() -> ssl.SSLContext:
    """For the test's own self-signed certificate on loopback."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


@dataclass
class Proxy:
    url: str  # https://127.0.0.1:<port>
    folder: Path
    process: subprocess.Popen[bytes]
    replicas: list[Server]

    @property
    def public_url(self) -> str:
        """The same proxy by a public-looking name (for a browser that maps it)."""
        return self.url.replace("127.0.0.1", PUBLIC_NAME)

    def access_log(self) -> list[str]:
        path = self.folder / "access.log"
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []

    def error_log(self) -> str:
        """Both error logs: nginx's own (start-up) and the server's (its requests)."""
        found = ""
        for name in ("error.log", "server-error.log"):
            path = self.folder / name
            found += path.read_text(encoding="utf-8") if path.exists() else ""
        return found

    def stop(self) -> None:
        stop_process(self.process)


def start_proxy(folder: Path, replicas: list[Server]) -> Proxy:
    """nginx in the foreground with the shipped configuration, healthy through TLS."""
    nginx = nginx_or_skip()
    cert, key = make_cert(folder)
    port = free_port()
    addresses = [r.url.removeprefix("http://") for r in replicas]
    conf = render(folder, addresses, port, cert, key)
    test = subprocess.run(
        [nginx, "-t", "-q", "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen(
        [
            nginx,
            "-p",
            str(folder),
            "-e",
            str(folder / "error.log"),
            "-c",
            str(conf),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    proxy = Proxy(f"https://127.0.0.1:{port}", folder, process, replicas)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(
                f"{proxy.url}/_stcore/health", timeout=2, context=insecure()
            ) as r:
                if r.status == 200:
                    # nginx logs a request just after answering it: wait for the line, so
                    # a test that counts log lines from here never sees it arrive late.
                    while not proxy.access_log() and time.monotonic() < deadline:
                        time.sleep(0.05)
                    return proxy
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    proxy.stop()
    raise RuntimeError(f"nginx did not come up:\n{proxy.error_log()}")
