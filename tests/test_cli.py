"""The command line: exit codes and messages for users' mistakes, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chessboard.cli import main
from chessboard.rules.loader import DEFAULT_RULES_DIR


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_validate_shipped_rules(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "validate")
    assert status == 0 and "valid" in out


def test_validate_broken_rules_lists_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    text = (rules / "actions.yaml").read_text().replace("      - influence: {amount: 1}",
                                                        "      - influense: {amount: 1}", 1)
    (rules / "actions.yaml").write_text(text)
    status, out, _ = run(capsys, "validate", "--rules", str(rules))
    assert status == 1
    assert "actions.yaml:" in out and "influense" in out and "did you mean" in out
    status, out, _ = run(capsys, "validate", "--rules", str(rules), "--format", "json")
    report = json.loads(out)
    assert status == 1 and report["valid"] is False
    assert report["problems"][0]["file"].endswith("actions.yaml")


def test_schema_lists_every_rules_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert status == 0 and "game_file" in schema["$defs"] and "deck_file" in schema["$defs"]
    status, out, _ = run(capsys, "schema", "--out", str(tmp_path))
    assert status == 0
    deck = json.loads((tmp_path / "deck.schema.json").read_text())
    assert "cards" in deck["properties"]


def test_headless_play_prints_a_log(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "play", "--headless", "--seats", "all=bot:random", "--seed",
                         "3", "--rounds", "2")
    assert status == 0 and "Round 2" in out and "Final VP" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("play", "--headless", "--seats", "russia=robot"), "expected 'human' or 'bot"),
        (("play", "--headless", "--seats", "narnia=bot"), "unknown faction 'narnia'"),
        (("play", "--headless", "--scenario", "atlantis"), "unknown scenario 'atlantis'"),
        (("play", "--headless", "--rounds", "99"), "--rounds must be 1 to 20"),
        (("simulate", "--games", "0"), "--games must be at least 1"),
        (("validate", "--rules", "/nonexistent/dir"), "rules directory not found"),
    ],
)
def test_user_mistakes_get_a_message(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    status, out, err = run(capsys, *args)
    assert status != 0
    assert message in out + err
    assert "Traceback" not in out + err


def test_replay_refuses_a_foreign_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}')
    status, _, err = run(capsys, "replay", str(path))
    assert status == 1 and "not a Chessboard save" in err


def test_bad_flag_exits_2_without_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chessboard", "play", "--no-such-flag"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-flag" in result.stderr
    assert "Traceback" not in result.stderr
