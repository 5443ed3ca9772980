"""Deployment settings: kiosk mode and the idle reset, set by the clinic."""

from __future__ import annotations

from osteoscreen.settings import Settings, load_settings


def test_defaults_are_self_check_with_a_two_minute_idle_reset(tmp_path):
    settings = load_settings(env={}, file=tmp_path / "none.toml")
    assert settings == Settings(kiosk=False, idle_seconds=120.0, idle_warning_seconds=30.0)


def test_kiosk_is_switched_on_by_the_environment(tmp_path):
    assert load_settings(env={"OSTEOSCREEN_KIOSK": "1"}, file=tmp_path / "x").kiosk
    assert load_settings(env={"OSTEOSCREEN_KIOSK": "true"}, file=tmp_path / "x").kiosk
    assert not load_settings(env={"OSTEOSCREEN_KIOSK": "0"}, file=tmp_path / "x").kiosk


def test_kiosk_and_idle_time_can_be_set_in_the_settings_file(tmp_path):
    file = tmp_path / "osteoscreen.toml"
    file.write_text("kiosk = true\nidle_seconds = 90\nidle_warning_seconds = 20\n")
    assert load_settings(env={}, file=file) == Settings(True, 90.0, 20.0)


def test_the_environment_wins_over_the_file(tmp_path):
    file = tmp_path / "osteoscreen.toml"
    file.write_text("kiosk = true\nidle_seconds = 90\n")
    settings = load_settings(
        env={"OSTEOSCREEN_KIOSK": "0", "OSTEOSCREEN_IDLE_SECONDS": "6"}, file=file
    )
    assert not settings.kiosk
    assert settings.idle_seconds == 6.0
    assert settings.idle_warning_seconds == 3.0  # half of a short idle time


def test_the_kiosk_warns_before_it_resets():
    kiosk = Settings(kiosk=True, idle_seconds=120, idle_warning_seconds=30)
    assert kiosk.idle_phase(10) == "active"
    assert kiosk.idle_phase(89.9) == "active"
    assert kiosk.idle_phase(90) == "warn"
    assert kiosk.idle_phase(119) == "warn"
    assert kiosk.idle_phase(120) == "reset"


def test_self_check_never_resets_on_its_own():
    assert Settings(kiosk=False).idle_phase(10_000) == "active"


def test_the_idle_check_runs_often_enough_to_show_the_warning():
    assert Settings(kiosk=True, idle_seconds=6, idle_warning_seconds=3).check_every == 1.0
    assert Settings(kiosk=True).check_every == 5.0
