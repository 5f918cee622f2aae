"""Deployment settings: good values read, bad ones named and replaced by safe defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from navigator.config import Config, load_config
from navigator.resources import demo_pack


@pytest.fixture(autouse=True)
def no_ambient_config(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NAVIGATOR_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def test_defaults_without_a_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert (config.kiosk, config.idle_timeout_s, config.pack, config.warnings)[:3] == (False, 180, None)


def test_good_values(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    path = tmp_path / "navigator.toml"
    path.write_text(f'kiosk = true\nidle_timeout_s = 90\nlanguage = "ko"\npack = "{demo_pack()}"\n'
                    'export_folder = "exports"\nprinter = "Front desk"\n')
    config = load_config(path)
    assert config.warnings == []
    assert (config.kiosk, config.idle_timeout_s, config.language, config.printer) == (
        True, 90, "ko", "Front desk")
    assert config.pack == demo_pack() and config.export_folder == tmp_path / "exports"
    assert config.source == path


def test_bad_values_fall_back_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "navigator.toml"
    path.write_text('kiosk = "yes"\nidle_timeout_s = 5\npack = "missing.sqlite"\ncolour = "blue"\n')
    config = load_config(path)
    assert (config.kiosk, config.idle_timeout_s, config.pack) == (False, 180, None)
    text = "\n".join(config.warnings)
    assert "kiosk = 'yes' is not true or false" in text
    assert "idle_timeout_s = 5 is not a whole number of seconds from 30 to 3600" in text
    assert "missing.sqlite does not exist" in text
    assert "unknown setting 'colour' ignored" in text


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "navigator.toml"
    path.write_text("kiosk = [unclosed\n")
    config = load_config(path)
    assert config.kiosk is False and "cannot be read" in config.warnings[0]
    missing = load_config(tmp_path / "nope.toml")
    assert isinstance(missing, Config) and "does not exist" in missing.warnings[0]


def test_environment_variable(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text("idle_timeout_s = 300\n")
    monkeypatch.setenv("NAVIGATOR_CONFIG", str(path))
    assert load_config().idle_timeout_s == 300
