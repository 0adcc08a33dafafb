"""``chessboard sweep``: overrides on the parsed YAML, same seeds per variant, clear errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chessboard.cli import main
from chessboard.rules.loader import Rules, load_rules
from chessboard.sim.executors import RulesSpec, build_rules
from chessboard.sim.simulate import rules_spec
from chessboard.sim.sweep import SweepError, read_spec


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_grid_and_list_become_variants_after_the_base(rules: Rules, tmp_path: Path) -> None:
    spec = read_spec(write(tmp_path, """\
games: 3
grid:
  factions.russia.base_income: [5, 7]
  actions.place.cost.base: [1, 3]
variants:
  - name: cheap counters
    set: {actions.counter.cost.base: 1, cards.silk_road_railway.cost: 1}
"""), rules)
    assert spec.games == 3
    names = [v.name for v in spec.variants]
    assert names[0] == "base" and names[1] == "cheap counters" and len(names) == 6
    assert "factions.russia.base_income: 7, actions.place.cost.base: 3" in names


def test_overrides_change_the_parsed_rules_only(rules: Rules, tmp_path: Path) -> None:
    shipped = next(f for f in rules.game.factions if f.id == "russia").base_income
    wanted = shipped + 3  # a value the shipped rules do not have, whatever they are tuned to
    spec = read_spec(write(tmp_path, f"grid: {{factions.russia.base_income: [{wanted}]}}\n"),
                     rules)
    before = (rules.directory / "game.yaml").read_text()
    variant = build_rules(rules_spec(rules, spec.variants[1].overrides))
    russia = next(f for f in variant.game.factions if f.id == "russia")
    assert russia.base_income == wanted
    assert next(f for f in rules.game.factions if f.id == "russia").base_income == shipped
    assert (rules.directory / "game.yaml").read_text() == before  # no file was written


@pytest.mark.parametrize(("text", "line", "wanted"), [
    ("grid: {factions.rusia.base_income: [5]}\n", 1, "did you mean 'russia'?"),
    ("grid: {factions.russia.base_incme: [5]}\n", 1, "did you mean 'base_income'?"),
    ("games: 2\ngird: {}\n", 2, "did you mean 'grid'?"),
    ("variants:\n  - set: {actons.place.cost.base: 1}\n", 2, "did you mean"),
    ("grid: {factions.russia.base_income: 5}\n", 1, "expected a list of values"),
    ("variants:\n  - name: broken\n    set: {factions.russia.base_income: -50}\n", 2,
     "must be at least 0"),
])
def test_bad_specs_name_file_line_and_a_hint(rules: Rules, tmp_path: Path, text: str,
                                             line: int, wanted: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SweepError) as err:
        read_spec(path, rules)
    report = str(err.value)
    assert f"{path}:{line}:" in report
    assert wanted in report


def test_sweep_command_table_chart_and_same_seeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "games: 2\nseed: 4\nseats: all=bot:random\n"
                           "grid: {factions.russia.base_income: [6, 20]}\n")
    out_dir = tmp_path / "out"
    status = main(["sweep", str(path), "--no-progress", "--out", str(out_dir)])
    out = capsys.readouterr().out
    assert status == 0
    assert "3 variants x 2 games" in out and "seeds 4..5" in out
    assert len(re.findall(r"^\*\s+\d+\s", out, re.M)) == 1  # one variant marked closest
    data = json.loads((out_dir / "sweep.json").read_text())
    assert data["variants"][0]["name"] == "base"
    assert (out_dir / "sweep.png").stat().st_size > 1000
    # The base variant is the plain simulation of the same seeds.
    assert main(["simulate", "--games", "2", "--seed", "4", "--seats", "all=bot:random",
                 "--no-progress", "--json", str(tmp_path / "plain.json")]) == 0
    capsys.readouterr()
    base = data["variants"][0]["summary"]
    assert base == json.loads((tmp_path / "plain.json").read_text())["summary"]
    rich = data["variants"][2]["summary"]
    assert rich["factions"] != base["factions"]  # 20 IP a round changes Russia's games


def test_bad_spec_exits_1_with_the_report(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["sweep", str(write(tmp_path, "grid: {nope.x.y: [1]}\n")), "--no-progress"])
    err = capsys.readouterr().err
    assert status == 1 and "unknown table 'nope'" in err and "Traceback" not in err
    assert main(["sweep", str(tmp_path / "missing.yaml")]) == 2


def test_a_worker_with_other_rules_refuses(rules: Rules) -> None:
    spec = RulesSpec(str(rules.directory), digest="0" * 64)
    with pytest.raises(Exception, match="differ"):
        build_rules(spec)
