"""The command line with bad paths, too many workers, unnamed seats and Ctrl+C: a message (and
the usage for a bad flag value) before any work is done, never a traceback or lost results."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chessboard import cli
from chessboard.seats import defaulted_seats, parse_seats

TINY_RULES_DIR = Path(__file__).resolve().parent / "fixtures" / "tiny_rules"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


@pytest.fixture
def no_simulation(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Record run_simulation's arguments instead of running it."""
    calls: list[dict[str, object]] = []

    def fake(rules: object, seats: object, **kwargs: object) -> int:
        calls.append({"seats": seats, **kwargs})
        return 0

    import chessboard.sim.simulate as simulate

    monkeypatch.setattr(simulate, "run_simulation", fake)
    return calls


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostname"
    path.write_text("a file, not a folder\n")
    return path


def test_json_under_a_file_is_refused_before_the_simulation(
    capsys: pytest.CaptureFixture[str], a_file: Path, no_simulation: list[object],
) -> None:
    status, _, err = run(capsys, "simulate", "--games", "5", "--json", str(a_file / "out.json"))
    assert status == 2 and f"{a_file} is a file, not a folder" in err
    assert no_simulation == []


def test_json_that_is_a_folder_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          no_simulation: list[object]) -> None:
    status, _, err = run(capsys, "simulate", "--games", "5", "--json", str(tmp_path))
    assert status == 2 and "is a folder; give a file name" in err and no_simulation == []


def test_report_and_schema_out_under_a_file_are_refused(
    capsys: pytest.CaptureFixture[str], a_file: Path, no_simulation: list[object],
) -> None:
    status, _, err = run(capsys, "simulate", "--games", "5", "--report", str(a_file / "r"))
    assert status == 2 and "is a file, not a folder" in err and no_simulation == []
    status, _, err = run(capsys, "simulate", "--games", "5", "--report", str(a_file))
    assert status == 2 and "is a file, not a folder" in err
    status, _, err = run(capsys, "schema", "--out", str(a_file / "schemas"))
    assert status == 2 and "is a file, not a folder" in err
    status, _, err = run(capsys, "schema", "--out", str(a_file))
    assert status == 2 and "is a file, not a folder" in err


def test_json_into_a_missing_folder_creates_it(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "results.json"
    status, _, _ = run(capsys, "simulate", "--rules", str(TINY_RULES_DIR), "--games", "1",
                       "--no-progress", "--json", str(out))
    assert status == 0 and json.loads(out.read_text())["games"]


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev")
def test_replay_on_things_that_are_not_saves(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    for path, message in ((tmp_path, "is a folder"), (fifo, "not a regular file"),
                          (zero, "not a regular file"),
                          (tmp_path / "missing.json", "there is no such file")):
        status, _, err = run(capsys, "replay", str(path))
        assert status == 1 and message in err, err


def test_workers_are_capped_at_what_helps(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch,
                                          no_simulation: list[dict[str, object]]) -> None:
    monkeypatch.setattr(cli, "_cpus", lambda: 4)
    status, _, err = run(capsys, "simulate", "--games", "2", "--workers", "40")
    assert status == 0 and no_simulation[-1]["workers"] == 2
    assert "--workers 40 capped at 2 (2 games, 4 CPUs)" in err
    run(capsys, "simulate", "--games", "100", "--workers", "40")
    assert no_simulation[-1]["workers"] == 4
    status, _, err = run(capsys, "simulate", "--games", "100", "--workers", "3")
    assert no_simulation[-1]["workers"] == 3 and "capped" not in err
    # a strength test plays each game once per bot compared
    run(capsys, "simulate", "--games", "1", "--workers", "40", "--challenger", "mcts",
        "--baseline", "random,heuristic")
    assert no_simulation[-1]["workers"] == 3


def test_seats_not_named_become_bots_and_the_command_says_so(
    capsys: pytest.CaptureFixture[str], no_simulation: list[dict[str, object]],
) -> None:
    status, _, err = run(capsys, "simulate", "--games", "1", "--seats",
                         "russia=human,china=bot")
    seats = no_simulation[-1]["seats"]
    assert status == 0
    assert [(s.faction, s.human) for s in seats] == [  # type: ignore[attr-defined]
        ("russia", True), ("china", False), ("eu", False), ("kazakhstan", False)]
    assert "eu, kazakhstan: bot (heuristic), not named in --seats" in err
    status, _, err = run(capsys, "simulate", "--games", "1", "--seats", "all=bot:random")
    assert "not named" not in err


def test_parse_seats_keeps_an_empty_spec_all_human() -> None:
    """Plain ``play`` (no --seats) is the hot-seat table: every default seat human."""
    defaults = ["russia", "china", "eu"]
    factions = [*defaults, "kazakhstan"]
    assert all(s.human for s in parse_seats("", factions=factions, defaults=defaults))
    seats = parse_seats("china=human,kazakhstan=human", factions=factions, defaults=defaults)
    assert [(s.faction, s.human) for s in seats] == [
        ("russia", False), ("china", True), ("eu", False), ("kazakhstan", True)]
    assert defaulted_seats("china=human,kazakhstan=human", defaults=defaults) == ["russia", "eu"]
    assert defaulted_seats("", defaults=defaults) == []
    assert defaulted_seats("all=human,eu=bot", defaults=defaults) == []


@pytest.mark.parametrize(("args", "message"), [
    (("simulate", "--games", "0"), "--games must be at least 1"),
    (("simulate", "--games", "3", "--workers", "0"), "--workers must be at least 1"),
    (("simulate", "--games", "3", "--baseline", "random"), "--baseline needs --challenger"),
    (("simulate", "--games", "3", "--challenger", "chess"),
     "--challenger chess: unknown bot 'chess'"),
    (("play", "--headless", "--rounds", "0"), "--rounds must be 1 to 20"),
    (("play", "--headless", "--seed", "1" + "0" * 19), "--seed must be a whole number"),
    (("play", "--headless", "--seats", "russia=robot"), "expected 'human' or 'bot"),
])
def test_bad_flag_values_print_the_usage_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str,
) -> None:
    status, _, err = run(capsys, *args)
    assert status == 2
    assert err.startswith(f"usage: chessboard {args[0]}")
    error = err.splitlines()[-1]
    assert error.startswith(f"chessboard {args[0]}: error: ") and message in error


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a process group")
def test_ctrl_c_during_simulate_prints_no_worker_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "chessboard", "simulate", "--games", "400",
         "--workers", "2", "--rules", str(TINY_RULES_DIR), "--json", str(tmp_path / "r.json")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,
    )
    try:
        time.sleep(4)  # the pool is up and playing
        os.killpg(proc.pid, signal.SIGINT)  # as Ctrl+C: the whole foreground group
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "ForkPoolWorker" not in err, err
    assert "interrupted" in err
