"""Deployment settings chosen by the clinic, never by the patient.

Read from environment variables first, then from `.streamlit/osteoscreen.toml`
(beside Streamlit's own config), then the defaults:

| setting | variable | file key | default |
|---|---|---|---|
| kiosk mode | `OSTEOSCREEN_KIOSK=1` | `kiosk = true` | off |
| idle reset after (seconds) | `OSTEOSCREEN_IDLE_SECONDS` | `idle_seconds` | 120 |
| warning before it (s) | `OSTEOSCREEN_IDLE_WARNING_SECONDS` | `idle_warning_seconds` | 30 |
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

SETTINGS_FILE = Path(".streamlit") / "osteoscreen.toml"
TRUE = {"1", "true", "yes", "on"}

IdlePhase = Literal["active", "warn", "reset"]


@dataclass(frozen=True)
class Settings:
    kiosk: bool = False
    idle_seconds: float = 120.0
    idle_warning_seconds: float = 30.0

    def idle_phase(self, idle_for: float) -> IdlePhase:
        """What the kiosk should do after this many seconds without a touch."""
        if not self.kiosk:
            return "active"
        if idle_for >= self.idle_seconds:
            return "reset"
        if idle_for >= self.idle_seconds - self.idle_warning_seconds:
            return "warn"
        return "active"

    @property
    def check_every(self) -> float:
        """How often the page should check for idleness, in seconds."""
        return max(1.0, min(5.0, self.idle_warning_seconds / 3))


def load_settings(env: Mapping[str, str] | None = None, file: Path | None = None) -> Settings:
    """Settings from the environment and the settings file (environment wins)."""
    env = os.environ if env is None else env
    data: dict[str, Any] = {}
    path = SETTINGS_FILE if file is None else file
    if path.is_file():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    kiosk = env.get("OSTEOSCREEN_KIOSK")
    idle = env.get("OSTEOSCREEN_IDLE_SECONDS")
    warn = env.get("OSTEOSCREEN_IDLE_WARNING_SECONDS")
    idle_seconds = float(idle) if idle else float(data.get("idle_seconds", 120))
    default_warn = min(30.0, idle_seconds / 2)
    warning = float(warn) if warn else float(data.get("idle_warning_seconds", default_warn))
    return Settings(
        kiosk=kiosk.strip().lower() in TRUE if kiosk else bool(data.get("kiosk", False)),
        idle_seconds=max(idle_seconds, 1.0),
        idle_warning_seconds=max(min(warning, idle_seconds), 0.0),
    )
