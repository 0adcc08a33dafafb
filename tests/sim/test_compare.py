"""``simulate --compare``: the paired tests, and A/B runs on the fixture rules."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from chessboard.cli import main
from chessboard.rules.loader import load_rules
from chessboard.sim.paired import (
    binomial_two_sided,
    compare_values,
    incomplete_beta,
    mcnemar,
    paired_t,
    t_quantile,
    t_two_sided,
)

TINY_RULES_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "tiny_rules"
GAMES = "10"

# ---- the statistics, against published values -------------------------------------------


def test_student_t_matches_the_tables() -> None:
    # two-sided 5% critical values of Student's t (any statistics textbook's table)
    for df, critical in ((1, 12.706), (4, 2.776), (10, 2.228), (30, 2.042), (120, 1.980)):
        assert t_quantile(0.975, df) == pytest.approx(critical, abs=1e-3)
        assert t_two_sided(critical, df) == pytest.approx(0.05, abs=1e-4)
    assert t_two_sided(0.0, 7) == pytest.approx(1.0)
    assert incomplete_beta(2, 3, 0.4) == pytest.approx(0.5248, abs=1e-4)  # I_0.4(2, 3)


def test_mcnemar_exact_p_and_interval() -> None:
    # 2 of 12 discordant pairs one way: p = 2 * (1 + 12 + 66) / 4096
    assert binomial_two_sided(2, 12) == pytest.approx(0.0385742, abs=1e-6)
    assert binomial_two_sided(10, 12) == binomial_two_sided(2, 12)
    assert binomial_two_sided(0, 0) == 1.0
    a = [True] * 12 + [False] * 8
    b = [False] * 10 + [True] * 2 + [False] * 8  # A won 10 games B lost; B won none A lost
    r = mcnemar("russia", a, b)
    assert r.discordant == (10, 0)
    assert r.diff == pytest.approx(-0.5)
    assert r.p == pytest.approx(2 / 2 ** 10)
    assert r.low < r.diff < r.high < 0  # the whole interval says B wins less
    same = mcnemar("russia", a, a)
    assert same.p == 1.0 and same.diff == 0.0 and same.low < 0 < same.high


def test_paired_t_on_a_worked_example() -> None:
    # differences 1, 0, 2, 0, 2: mean 1, sd 1, t = 2.236 with 4 degrees of freedom
    r = paired_t("rounds", [1, 2, 3, 4, 5], [2, 2, 5, 4, 7])
    assert r.diff == 1.0 and r.pairs == 5
    assert r.p == pytest.approx(0.0890, abs=1e-4)
    half = 2.776445 / math.sqrt(5)
    assert (r.low, r.high) == pytest.approx((1 - half, 1 + half), abs=1e-5)
    constant = paired_t("rounds", [1, 2, 3], [3, 4, 5])
    assert constant.p == 0.0 and constant.low == constant.high == 2.0
    assert paired_t("rounds", [1, 2], [1, 2]).p == 1.0


def test_values_missing_on_either_side_are_left_out_of_the_pairs() -> None:
    r = compare_values("share", [0.5, None, 0.25, 0.75], [0.5, 0.1, None, 0.25])
    assert r.test == "paired t" and r.pairs == 2
    assert compare_values("yes", [True, None, False], [True, True, None]).test == "mcnemar"
    # counts that are 0 or 1 in every game are numbers all the same
    assert compare_values("hedges", [1, 0, 0], [0, 0, 1]).test == "paired t"


# ---- A/B runs on the fixture rules ------------------------------------------------------


def _compare(capsys: pytest.CaptureFixture[str], a: Path, b: Path, out: Path,
             *extra: str) -> tuple[int, str, dict]:
    status = main(["simulate", "--compare", str(a), str(b), "--games", GAMES, "--seed", "3",
                   "--no-progress", "--json", str(out), *extra])
    text = capsys.readouterr().out
    return status, text, json.loads(out.read_text())


def _by_measure(results: list[dict]) -> dict[str, dict]:
    return {r["measure"]: r for r in results}


def test_richer_russia_shows_as_a_significant_difference(
    tiny_rules: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    game = tiny_rules / "game.yaml"
    text = game.read_text()
    assert "    base_income: 5\n" in text  # Russia's
    game.write_text(text.replace("    base_income: 5\n", "    base_income: 15\n", 1))
    status, out, data = _compare(capsys, TINY_RULES_DIR, tiny_rules, tmp_path / "c.json")
    assert status == 0
    russia = _by_measure(data["comparison"]["game"])["russia VP"]
    assert russia["test"] == "paired t" and russia["pairs"] == int(GAMES)
    assert russia["diff"] > 0 and russia["low"] > 0 and russia["significant"]
    assert re.search(r"^russia VP .* \*$", out, re.MULTILINE)
    # both sides are in the JSON, told apart by their hashes
    assert data["a"]["rules"]["hash"] == load_rules(TINY_RULES_DIR).digest
    assert data["b"]["rules"]["hash"] == load_rules(tiny_rules).digest
    assert data["a"]["rules"]["hash"] != data["b"]["rules"]["hash"]
    assert [g["seed"] for g in data["a"]["games"]] == [g["seed"] for g in data["b"]["games"]]
    assert {w["measure"] for w in data["comparison"]["wins"]} == set(data["a"]["games"][0]["vp"])
    assert data["comparison"]["fidelity"], "the fidelity measures are compared too"


def test_the_same_rules_on_both_sides_show_no_difference(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    status, out, data = _compare(capsys, TINY_RULES_DIR, TINY_RULES_DIR, tmp_path / "c.json")
    assert status == 0
    results = [r for part in data["comparison"].values() for r in part]
    assert results and not any(r["significant"] for r in results)
    assert all(r["diff"] in (0, 0.0, None) for r in results)
    assert "no significant difference" in out


def test_a_mod_on_one_side_only_is_recorded_on_that_side(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    mod = tmp_path / "bigger_hands"
    mod.mkdir()
    (mod / "game.yaml").write_text("settings: {hand_size: 3}\n")
    status, out, data = _compare(capsys, TINY_RULES_DIR, TINY_RULES_DIR, tmp_path / "c.json",
                                 "--mod-b", str(mod))
    assert status == 0
    assert data["a"]["rules"]["mods"] == []
    assert [m["name"] for m in data["b"]["rules"]["mods"]] == ["bigger_hands"]
    assert "B: " in out and "+ mod bigger_hands" in out


@pytest.mark.parametrize("problem", ["missing", "broken"])
def test_a_bad_rules_folder_is_a_clear_error(
    problem: str, tiny_rules: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    if problem == "missing":
        b = tmp_path / "nowhere"
    else:
        b = tiny_rules
        (b / "game.yaml").write_text((b / "game.yaml").read_text().replace(
            "    base_income: 5\n", "    base_income: lots\n", 1))
    status = main(["simulate", "--compare", str(TINY_RULES_DIR), str(b), "--games", "1",
                   "--no-progress"])
    err = capsys.readouterr().err
    assert status != 0
    assert "rules B" in err and "Traceback" not in err
    assert ("is not a folder" in err) if problem == "missing" else ("base_income" in err)


def test_compare_refuses_flags_it_cannot_honour(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["simulate", "--compare", str(TINY_RULES_DIR), str(TINY_RULES_DIR),
                   "--games", "1", "--fidelity"])
    assert status == 2 and "--fidelity cannot be combined" in capsys.readouterr().err
    status = main(["simulate", "--games", "1", "--mod-b", str(TINY_RULES_DIR)])
    assert status == 2 and "--mod-b need --compare" in capsys.readouterr().err


def test_plain_simulate_json_carries_the_rules_hash_and_mods(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    mod = tmp_path / "named"
    mod.mkdir()
    (mod / "game.yaml").write_text("settings: {hand_size: 3}\n")
    out = tmp_path / "s.json"
    status = main(["simulate", "--rules", str(TINY_RULES_DIR), "--mod", str(mod), "--games", "1",
                   "--no-progress", "--json", str(out)])
    capsys.readouterr()
    assert status == 0
    rules = json.loads(out.read_text())["rules"]
    modded = load_rules(TINY_RULES_DIR, [mod])
    assert rules["hash"] == modded.digest != load_rules(TINY_RULES_DIR).digest
    assert rules["mods"] == [{"name": "named", "directory": str(mod),
                              "hash": modded.mods[0].digest}]


def test_compare_report_draws_the_differences_and_an_index(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    pytest.importorskip("matplotlib")
    report = tmp_path / "ab"
    status = main(["simulate", "--compare", str(TINY_RULES_DIR), str(TINY_RULES_DIR), "--games",
                   "2", "--no-progress", "--report", str(report)])
    capsys.readouterr()
    assert status == 0
    names = {"compare_wins.png", "compare_game.png", "compare_fidelity.png", "index.html"}
    assert {p.name for p in report.iterdir()} == names
    index = (report / "index.html").read_text()
    for image in names - {"index.html"}:
        assert f"src='{image}'" in index
    assert "russia VP" in index and "hash" in index
