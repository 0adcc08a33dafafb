"""The Dask executor gives the local executor's results for the same seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from chessboard.cli import main
from chessboard.rules.loader import Rules, load_rules
from chessboard.seats import Seat
from chessboard.sim.executors import ExecutorError, Task, executor
from chessboard.sim.simulate import rules_spec

FACTIONS = ("russia", "china", "eu", "kazakhstan")


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def tasks(n: int) -> list[Task]:
    seats = tuple(Seat(f, human=False) for f in FACTIONS)
    return [Task(i, 40 + i, seats, None) for i in range(n)]


def test_dask_local_cluster_gives_the_local_results(rules: Rules) -> None:
    pytest.importorskip("dask.distributed")
    specs = (rules_spec(rules),)
    local = [rec.to_json() for _, rec in executor("local", workers=1, scheduler=None)(
        specs, tasks(4))]
    dask = [rec.to_json() for _, rec in executor("dask", workers=2, scheduler=None)(
        specs, tasks(4))]
    assert [r["seed"] for r in dask] == [40, 41, 42, 43]  # in task order
    assert dask == local


def test_simulate_on_dask_prints_what_local_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("dask.distributed")
    common = ["simulate", "--games", "3", "--seed", "9", "--no-progress"]
    assert main([*common, "--json", str(tmp_path / "l.json")]) == 0
    local = capsys.readouterr().out
    assert main([*common, "--executor", "dask", "--workers", "2",
                 "--json", str(tmp_path / "d.json")]) == 0
    assert capsys.readouterr().out == local
    assert (tmp_path / "l.json").read_text() == (tmp_path / "d.json").read_text()


def test_executor_option_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--games", "1", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--scheduler needs --executor dask" in capsys.readouterr().err
    with pytest.raises(ExecutorError):
        executor("local", workers=1, scheduler="tcp://127.0.0.1:1")


def test_unreachable_scheduler_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("dask.distributed")
    status = main(["simulate", "--games", "1", "--no-progress", "--executor", "dask",
                   "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert status == 2 and "cannot start or reach the Dask scheduler" in err
