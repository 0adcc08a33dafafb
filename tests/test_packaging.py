"""The game as an installed package: its data, its version, and the extras it asks for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import chessboard
from chessboard import cli, paths
from chessboard.rules.loader import DEFAULT_RULES_DIR

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_a_checkout_uses_its_own_folders() -> None:
    assert paths.data_dir("rules") == REPO_ROOT / "rules" == DEFAULT_RULES_DIR
    assert paths.data_dir("assets") == REPO_ROOT / "assets"


def test_an_installed_package_uses_its_packaged_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "_in_checkout", lambda name: None)
    packaged = Path(chessboard.__file__).parent / "_data" / "rules"
    assert paths.data_dir("rules") == packaged


def test_the_build_step_packs_every_data_folder() -> None:
    # setup.py copies these into the wheel; paths.data_dir reads the same names back.
    setup_text = (REPO_ROOT / "setup.py").read_text()
    assert 'DATA_FOLDERS = ("rules", "assets")' in setup_text
    manifest = (REPO_ROOT / "MANIFEST.in").read_text().split()
    assert {"rules", "assets"} <= set(manifest)


def test_version_from_the_command_line_and_python_m() -> None:
    done = subprocess.run([sys.executable, "-m", "chessboard", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.strip() == f"chessboard {chessboard.__version__}"


def test_play_without_the_window_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "_has_modules", lambda *names: False)
    status = cli.main(["play"])
    err = capsys.readouterr().err
    assert status == 2
    assert "pip install 'chessboard[play]'" in err


def test_report_without_matplotlib_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(cli, "_has_modules", lambda *names: "matplotlib" not in names)
    status = cli.main(["simulate", "--games", "1", "--report", str(tmp_path / "r")])
    assert status == 2
    assert "chessboard[sim]" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()
