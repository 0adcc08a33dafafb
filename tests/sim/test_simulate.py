"""``chessboard simulate``: same output whatever the workers, fidelity table, JSON and report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chessboard.cli import main
from chessboard.rules.loader import Rules, load_rules
from chessboard.seats import Seat
from chessboard.sim.fidelity import Check, fidelity_checks, format_fidelity
from chessboard.sim.simulate import run_simulation
from chessboard.sim.stats import wilson

FACTIONS = ("russia", "china", "eu", "kazakhstan")


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def seats(kind: str = "heuristic") -> list[Seat]:
    return [Seat(f, human=False, bot=kind) for f in FACTIONS]


def simulate(
    rules: Rules, capsys: pytest.CaptureFixture[str], **options: object,
) -> tuple[int, str]:
    args: dict[str, object] = {"games": 3, "seed": 5, "scenario": None, "workers": 1,
                               "json_path": None, "report_dir": None, "fidelity": False,
                               "progress": False}
    args.update(options)
    status = run_simulation(rules, seats(str(args.pop("kind", "heuristic"))), **args)  # type: ignore[arg-type]
    return status, capsys.readouterr().out


def test_wilson_interval() -> None:
    low, high = wilson(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)
    assert wilson(0, 10)[0] == 0.0 and wilson(0, 10)[1] == pytest.approx(0.2775, abs=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)


def test_output_is_the_same_with_one_and_two_workers(
    rules: Rules, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    status1, one = simulate(rules, capsys, workers=1, json_path=tmp_path / "1.json")
    status2, two = simulate(rules, capsys, workers=2, json_path=tmp_path / "2.json")
    assert status1 == status2 == 0
    assert one == two
    assert "Win rates over 3 games" in one and "95% CI" in one
    assert (tmp_path / "1.json").read_text() == (tmp_path / "2.json").read_text()


def test_fidelity_table_format_and_exit_status(
    rules: Rules, capsys: pytest.CaptureFixture[str],
) -> None:
    status, out = simulate(rules, capsys, games=2, kind="random", fidelity=True)
    table = out[out.index("Fidelity to the paper"):].splitlines()
    header = table[1].split()
    assert header[0] == "claim" and header[-1] == "pass"
    for column in ("measure", "expected", "observed"):
        assert column in table[1]
    rows = [line for line in table[3:] if line.endswith(("PASS", "FAIL"))]
    assert len(rows) >= 8
    failed = sum(1 for line in rows if line.endswith("FAIL"))
    assert f"{len(rows) - failed} of {len(rows)} checks pass" in out
    assert status == (1 if failed else 0)


def test_fidelity_checks_on_no_games_fail_rather_than_crash() -> None:
    checks = fidelity_checks([], fields=["round", "tension", "asymmetry"])
    assert checks and all(isinstance(c, Check) for c in checks)
    assert not all(c.passed for c in checks)
    assert "FAIL" in format_fidelity(checks)


def test_json_holds_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sim.json"
    status = main(["simulate", "--games", "2", "--seed", "3", "--seats", "all=bot:random",
                   "--no-progress", "--fidelity", "--json", str(out)])
    assert status in (0, 1)
    data = json.loads(out.read_text())
    assert {"arguments", "rules", "history_fields", "summary", "balance", "fidelity",
            "strength", "games"} <= set(data)
    assert data["arguments"]["games"] == 2
    assert [f["faction"] for f in data["summary"]["factions"]] == list(FACTIONS)
    assert len(data["games"]) == 2
    game = data["games"][0]
    for key in ("seed", "winner", "reason", "rounds", "vp", "ranking", "choices",
                "choices_by_faction", "tension_causes", "history", "start", "end"):
        assert key in game
    assert len(game["history"][0]) == len(data["history_fields"])
    assert sum(game["choices"].values()) == game["decisions"]
    assert {"claim", "measure", "expected", "observed", "passed"} <= set(data["fidelity"][0])
    assert capsys.readouterr().out.startswith("2 games of")


def test_report_writes_charts_and_index(
    rules: Rules, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    pytest.importorskip("matplotlib")
    simulate(rules, capsys, games=2, kind="random", report_dir=tmp_path / "rep", fidelity=True)
    for name in ("win_rates.png", "tracks.png", "sphere_control.png"):
        assert (tmp_path / "rep" / name).read_bytes().startswith(b"\x89PNG")
    index = (tmp_path / "rep" / "index.html").read_text()
    assert "win_rates.png" in index and "Fidelity" in index


def test_strength_comparison_pairs_games(
    rules: Rules, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    status, out = simulate(rules, capsys, games=2, kind="random", challenger="heuristic",
                           baselines=("random",), hero="china", json_path=tmp_path / "s.json")
    assert status == 0
    assert "Strength:" in out and "heuristic" in out
    data = json.loads((tmp_path / "s.json").read_text())
    (strength,) = data["strength"]
    assert strength["pairs"] == 2
    assert strength["better"] + strength["ties"] + strength["worse"] == 2
    assert all(g["hero"] == "china" and g["seats"]["china"] == "heuristic:normal"
               for g in data["games"])
    assert all(g["seats"]["china"] == "random:normal" for g in data["baseline_games"]["random"])


def test_bad_arguments_are_reported(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--games", "1", "--baseline", "random", "--no-progress"]) != 0
    assert "--challenger" in capsys.readouterr().err
