"""The visit's downloads: made on demand, and kept nowhere once the visit is over.

A download button with a callable makes its file only when pressed, and
Streamlit keeps that file in its in-memory media store at `/media/<id>`
until some later script runs (by anyone) have passed. Here every file made for
a session is remembered and deleted from that store when the visit ends:
Start over, Finish, the idle reset (see `state.wipe`), and the session's end
(its session-scoped registry is released when the browser disconnects).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit import runtime
from streamlit.runtime.memory_media_file_storage import (
    MemoryMediaFileStorage,
    _calculate_file_id,
)


class Made:
    """The ids of the files made for one session (the download runs on another thread)."""

    def __init__(self) -> None:
        self._ids: set[str] = set()
        self._lock = threading.Lock()

    def add(self, file_id: str) -> None:
        with self._lock:
            self._ids.add(file_id)

    def take(self) -> set[str]:
        with self._lock:
            ids, self._ids = self._ids, set()
        return ids


def _release(made: Made) -> None:
    delete(made.take())


@st.cache_resource(scope="session", on_release=_release, show_spinner=False)
def _made() -> Made:
    return Made()


def delete(file_ids: set[str]) -> None:
    """Remove these files from Streamlit's media store: their URLs answer 404 from now on."""
    if not file_ids or not runtime.exists():
        return
    storage = getattr(runtime.get_instance().media_file_mgr, "_storage", None)
    if isinstance(storage, MemoryMediaFileStorage):
        for file_id in file_ids:
            storage.delete_file(file_id)


def forget() -> None:
    """Delete every file made for this session so far."""
    delete(_made().take())


def button(
    label: str,
    *,
    data: Callable[[], bytes | str],
    file_name: str,
    mime: str,
    key: str,
    **kwargs: Any,
) -> None:
    """`st.download_button` whose file is made when pressed and deleted when the visit ends."""
    made = _made()

    def make() -> bytes:
        content = data()
        raw = content.encode("utf-8") if isinstance(content, str) else content
        made.add(_calculate_file_id(raw, mime, file_name))
        return raw

    st.download_button(
        label, data=make, file_name=file_name, mime=mime, key=key, on_click="ignore", **kwargs
    )
