"""Deployment settings: kiosk mode and the idle reset, set by the clinic."""

from __future__ import annotations

import pytest

from osteoscreen.settings import (
    IDLE_MAX,
    IDLE_MIN,
    Settings,
    SettingsError,
    load_settings,
)


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
    assert kiosk.warn_after == 90
    assert Settings(kiosk=True, idle_seconds=6, idle_warning_seconds=0).warn_after == 6


RANGE = f"a number of seconds from {IDLE_MIN:g} to {IDLE_MAX:g}"


@pytest.mark.parametrize("value", ["abc", "nan", "inf", "-inf", "-5", "0", "1e9", "", " "])
def test_a_bad_idle_time_is_an_error_naming_the_setting_and_its_range(tmp_path, value):
    with pytest.raises(SettingsError) as error:
        load_settings(env={"OSTEOSCREEN_IDLE_SECONDS": value}, file=tmp_path / "x")
    (line,) = error.value.lines
    assert line.startswith("OSTEOSCREEN_IDLE_SECONDS: ")
    assert RANGE in line


@pytest.mark.parametrize("value", ["abc", "nan", "inf", "-1", "200"])
def test_a_bad_warning_time_is_an_error_naming_the_setting_and_its_range(tmp_path, value):
    with pytest.raises(SettingsError) as error:
        load_settings(
            env={"OSTEOSCREEN_IDLE_SECONDS": "120", "OSTEOSCREEN_IDLE_WARNING_SECONDS": value},
            file=tmp_path / "x",
        )
    (line,) = error.value.lines
    assert line.startswith("OSTEOSCREEN_IDLE_WARNING_SECONDS: ")
    assert "from 0 to 120" in line


def test_a_bad_kiosk_switch_is_an_error_not_a_quiet_self_check(tmp_path):
    with pytest.raises(SettingsError) as error:
        load_settings(env={"OSTEOSCREEN_KIOSK": "kiosk please"}, file=tmp_path / "x")
    assert error.value.lines[0].startswith("OSTEOSCREEN_KIOSK: ")
    assert "1, true, yes, on" in error.value.lines[0]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("kiosk = tru\n", "osteoscreen.toml"),
        ("idle_seconds = nan\n", "idle_seconds"),
        ("idle_seconds = inf\n", "idle_seconds"),
        ("idle_seconds = '90'\n", "idle_seconds"),
        ("idle_seconds = true\n", "idle_seconds"),
        ("kiosk = 1\n", "kiosk"),
        ("idle_warning_seconds = -3\n", "idle_warning_seconds"),
        ("idle_second = 90\n", "idle_second"),
    ],
)
def test_a_bad_settings_file_is_an_error_naming_the_setting(tmp_path, text, name):
    file = tmp_path / "osteoscreen.toml"
    file.write_text(text)
    with pytest.raises(SettingsError) as error:
        load_settings(env={}, file=file)
    assert name in error.value.lines[0]


def test_a_settings_file_that_is_not_text_is_an_error(tmp_path):
    file = tmp_path / "osteoscreen.toml"
    file.write_bytes(b"\xff\xfekiosk = true\n")
    with pytest.raises(SettingsError) as error:
        load_settings(env={}, file=file)
    assert "osteoscreen.toml" in error.value.lines[0]


def test_a_kiosk_never_runs_with_the_wipe_off(tmp_path):
    """No value switches the idle reset off: every kiosk wipes within the longest idle time."""
    for value in ("nan", "inf", "1e400", "-1"):
        with pytest.raises(SettingsError):
            load_settings(
                env={"OSTEOSCREEN_KIOSK": "1", "OSTEOSCREEN_IDLE_SECONDS": value},
                file=tmp_path / "x",
            )
    settings = load_settings(env={"OSTEOSCREEN_KIOSK": "1"}, file=tmp_path / "x")
    assert 0 < settings.idle_seconds <= IDLE_MAX


# ---------------------------------------------------------------- languages

BUNDLED = ["en", "es", "zh-Hans"]


def test_every_bundled_language_is_offered_and_english_is_the_clinics_by_default(tmp_path):
    settings = load_settings(env={}, file=tmp_path / "x", bundled=BUNDLED)
    assert settings.languages == ()
    assert settings.offered(BUNDLED) == BUNDLED
    assert settings.clinic_language == "en"


def test_the_bundled_languages_are_english_and_the_translation_files():
    from osteoscreen.settings import bundled_languages

    codes = bundled_languages()
    assert codes[0] == "en"
    assert {"es", "zh-Hans"} <= set(codes)


def test_a_clinic_limits_and_orders_the_languages_in_the_file(tmp_path):
    file = tmp_path / "osteoscreen.toml"
    file.write_text('languages = ["es", "EN"]\nclinic_language = "es"\n')
    settings = load_settings(env={}, file=file, bundled=BUNDLED)
    assert settings.offered(BUNDLED) == ["es", "en"]
    assert settings.clinic_language == "es"


def test_languages_in_the_environment_are_a_comma_separated_list(tmp_path):
    settings = load_settings(
        env={"OSTEOSCREEN_LANGUAGES": "zh-hans, es", "OSTEOSCREEN_CLINIC_LANGUAGE": "zh-Hans"},
        file=tmp_path / "x",
        bundled=BUNDLED,
    )
    assert settings.languages == ("zh-Hans", "es")
    assert settings.clinic_language == "zh-Hans"


def test_without_english_the_clinics_language_is_the_first_offered(tmp_path):
    settings = load_settings(
        env={"OSTEOSCREEN_LANGUAGES": "es"}, file=tmp_path / "x", bundled=BUNDLED
    )
    assert settings.clinic_language == "es"


@pytest.mark.parametrize(
    ("env", "name", "bad"),
    [
        ({"OSTEOSCREEN_LANGUAGES": "en,fr"}, "OSTEOSCREEN_LANGUAGES", "'fr'"),
        ({"OSTEOSCREEN_LANGUAGES": "zh"}, "OSTEOSCREEN_LANGUAGES", "'zh'"),
        ({"OSTEOSCREEN_LANGUAGES": " , "}, "OSTEOSCREEN_LANGUAGES", "no language"),
        ({"OSTEOSCREEN_CLINIC_LANGUAGE": "fr"}, "OSTEOSCREEN_CLINIC_LANGUAGE", "'fr'"),
        (
            {"OSTEOSCREEN_LANGUAGES": "en,es", "OSTEOSCREEN_CLINIC_LANGUAGE": "zh-Hans"},
            "OSTEOSCREEN_CLINIC_LANGUAGE",
            "'zh-Hans'",
        ),
    ],
)
def test_a_bad_language_setting_names_the_setting_and_the_allowed_codes(tmp_path, env, name, bad):
    with pytest.raises(SettingsError) as error:
        load_settings(env=env, file=tmp_path / "x", bundled=BUNDLED)
    (line,) = error.value.lines
    assert line.startswith(f"{name}: ")
    assert bad in line
    allowed = line.split("allowed: ", 1)[1]
    assert "en" in allowed
    if name == "OSTEOSCREEN_LANGUAGES":
        assert "es, zh-Hans" in allowed


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('languages = "es"\n', "languages"),
        ("languages = []\n", "languages"),
        ('languages = ["es", 3]\n', "languages"),
        ('languages = ["klingon"]\n', "languages"),
        ("clinic_language = 1\n", "clinic_language"),
        ('clinic_language = "zh-CN"\n', "clinic_language"),
    ],
)
def test_a_bad_language_in_the_settings_file_names_it(tmp_path, text, name):
    file = tmp_path / "osteoscreen.toml"
    file.write_text(text)
    with pytest.raises(SettingsError) as error:
        load_settings(env={}, file=file, bundled=BUNDLED)
    assert f"osteoscreen.toml: {name}: " in error.value.lines[0]
    assert "allowed: " in error.value.lines[0]
