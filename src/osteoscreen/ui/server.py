"""The web server around the page: what osteoscreen adds to Streamlit's own.

`app.py` serves the questionnaire page (`page.py`) with Streamlit's `App`
and these guards, so `python3 -m streamlit run app.py` stays the only command:

- **No host but our own.** Streamlit looks up the machine's external address
  (an HTTP request to checkip.amazonaws.com) and its local one (a UDP socket
  "connected" to 8.8.8.8) to print "External URL" and to widen its WebSocket
  origin check. Both lookups are replaced, at import and so before the server
  starts, by ones that find nothing: the server opens no connection to any
  host; a foreign origin is simply refused.
- **Nothing loads from elsewhere.** Every response carries a
  Content-Security-Policy that lets the page load and connect only to its own
  origin, so no text (a rule text with an image, say) can make the browser
  fetch from another host.
- **Downloads are never cached.** `/media/...` responses carry
  `Cache-Control: no-store`.
- **No Streamlit error box.** An exception the page itself did not catch is
  logged by its class name only and never shown (the page draws its own calm
  error screen).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.middleware import Middleware
from streamlit import net_util

log = logging.getLogger("osteoscreen")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Only the page's own origin: Streamlit's scripts and styles are inline or
# same-origin, its charts build code at run time ('unsafe-eval'), the QR code
# and the icons are data: URLs, and the WebSocket is same-origin ('self').
CSP = (
    "default-src 'self'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; "
    "font-src 'self' data:; "
    "connect-src 'self'; "
    "media-src 'self' data: blob:; "
    "frame-src 'self'; "
    "worker-src 'self' blob:; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'self'"
)


def _no_address() -> str | None:
    """The machine's address is never looked up: Streamlit then finds none."""
    return None


def close_to_other_hosts() -> None:
    """Replace Streamlit's address lookups (see the module's first point)."""
    net_util.get_external_ip = _no_address
    net_util.get_internal_ip = _no_address


class Guard:
    """ASGI middleware: the Content-Security-Policy everywhere, no-store on /media."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        media = str(scope.get("path", "")).startswith("/media/")

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                drop = {b"content-security-policy"} | ({b"cache-control"} if media else set())
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in drop]
                headers.append((b"content-security-policy", CSP.encode()))
                if media:
                    headers += [(b"cache-control", b"no-store"), (b"pragma", b"no-cache")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_guarded)


MIDDLEWARE = [Middleware(Guard)]


def on_script_error(error: Exception) -> bool:
    """Never show Streamlit's error box (its "Ask Google" links lead out of a kiosk)."""
    log.error("uncaught page error: %s", error.__class__.__name__)
    return True


close_to_other_hosts()
