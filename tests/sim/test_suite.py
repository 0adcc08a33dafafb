"""``simulate --fidelity`` over every shipped configuration: the list, and checks that fail both
ways (built on hand-made records, so each check is seen to pass and to fail)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chessboard.engine.game import Engine
from chessboard.rules.loader import Rules
from chessboard.sim.runner import GameRecord, Snapshot
from chessboard.sim.suite import (
    AGGRESSIVE,
    Config,
    choice_checks,
    comparison_checks,
    configurations,
    dynamics_checks,
    first_round_at,
)

FIELDS = ["round", "tension", "asymmetry"]


def snap(*, china_mil: int = 0) -> Snapshot:
    spheres = ("political", "economic", "military", "cultural")
    influence = {p: dict.fromkeys(spheres, 0) for p in ("russia", "china", "eu")}
    influence["china"]["military"] = china_mil
    control = {p: dict.fromkeys(spheres, 0) for p in ("russia", "china", "eu")}
    control["russia"]["political"] = 2
    return Snapshot(tracks={}, agency=0, influence=influence, control=control, members={})


def record(seed: int = 0, *, asym: list[int], reason: str = "rounds", own: int = 3,
           other: int = 1, middle: list[int] | None = None, end: list[int] | None = None,
           eaeu: tuple[int, int] = (3, 3), tension: list[int] | None = None) -> GameRecord:
    tension = tension or [3] * len(asym)
    history = [[i + 1, tension[i], a] for i, a in enumerate(asym)]
    return GameRecord(
        index=seed, seed=seed, seats={}, winner="russia", reason=reason, rounds=len(asym),
        decisions=10, vp={"russia": 10, "china": 5}, ranking=["russia", "china"], losers=[],
        choices={}, choices_by_faction={}, tension_causes={}, history=history,
        start=snap(), end=snap(china_mil=own), extra={
            "china_military_own": own, "china_military_joint": 0, "china_military_other": other,
            "stance_gap_middle": middle if middle is not None else [2, 2, 2],
            "stance_gap_end": end if end is not None else [1, 2, 2],
            "eaeu_start": eaeu[0], "eaeu_end": eaeu[1]})


def by_claim(checks: list, start: str) -> bool:
    return next(c for c in checks if c.claim.startswith(start)).passed


GRADUAL = [4, 5, 6, 6, 7, 8, 8, 8]
SUDDEN = [7, 10, 10, 10, 10, 10, 10, 10]


def test_first_round_at_a_mark() -> None:
    assert first_round_at(record(asym=GRADUAL), 2, 7) == 5
    assert first_round_at(record(asym=[3] * 8), 2, 7) == 9  # never: after the last round


@pytest.mark.parametrize(("asym", "ok"), [(GRADUAL, True), (SUDDEN, False), ([3] * 8, False)])
def test_asymmetry_must_grow_neither_too_fast_nor_not_at_all(asym: list[int], ok: bool) -> None:
    checks = dynamics_checks("x", [record(i, asym=asym) for i in range(10)], fields=FIELDS,
                             start_asymmetry=3)
    assert by_claim(checks, "Asymmetry grows gradually: the junior") is ok


def test_the_stance_lag_fails_when_governments_turn_at_once_or_never() -> None:
    def check(middle: list[int], end: list[int]) -> bool:
        games = [record(i, asym=GRADUAL, middle=middle, end=end) for i in range(10)]
        return by_claim(dynamics_checks("x", games, fields=FIELDS, start_asymmetry=3),
                        "Official stance lags")
    assert check([2, 1, 1], [0, 0, 1])
    assert not check([0, 1, 1], [0, 0, 0])  # public opinion already won in the middle years
    assert not check([2, 1, 1], [2, 1, 1])  # and never bites later


@pytest.mark.parametrize(("escalations", "ok"), [(0, False), (1, True), (3, False)])
def test_escalation_must_be_possible_but_rare(escalations: int, ok: bool) -> None:
    games = [record(i, asym=GRADUAL, reason="escalation" if i < escalations else "rounds")
             for i in range(20)]
    checks = dynamics_checks("x", games, fields=FIELDS, start_asymmetry=3)
    assert by_claim(checks, "Escalation is possible but rare") is ok


def test_chinas_military_rise_must_be_its_own_doing() -> None:
    def check(own: int, other: int) -> bool:
        games = [record(i, asym=GRADUAL, own=own, other=other) for i in range(10)]
        return by_claim(dynamics_checks("x", games, fields=FIELDS, start_asymmetry=3),
                        "China's military rise")
    assert check(3, 1)
    assert not check(1, 3)


def test_the_aggressive_style_must_escalate_three_times_as_often() -> None:
    base = [record(i, asym=GRADUAL, reason="escalation" if i < 1 else "rounds")
            for i in range(20)]
    more = [replace(r, reason="escalation" if r.seed < 3 else "rounds") for r in base]
    less = [replace(r, reason="escalation" if r.seed < 2 else "rounds") for r in base]
    for games, ok in ((more, True), (less, False)):
        checks = comparison_checks({"baseline": base, AGGRESSIVE: games}, fields=FIELDS,
                                   baseline="baseline")
        assert checks[0].passed is ok


def test_a_scenario_must_move_its_measures_against_the_baseline() -> None:
    base = [record(i, asym=GRADUAL, own=2) for i in range(10)]
    higher = [record(i, asym=GRADUAL, own=4, tension=[5] * 8) for i in range(10)]
    lower = [record(i, asym=GRADUAL, own=1, tension=[5] * 8) for i in range(10)]
    for games, ok in ((higher, True), (lower, False)):
        checks = comparison_checks({"baseline": base, "chinese_base": games}, fields=FIELDS,
                                   baseline="baseline")
        assert checks[0].passed is ok


def test_the_shipped_configurations(rules: Rules, engine: Engine) -> None:
    configs = configurations(rules, engine)
    names = [c.name for c in configs]
    assert names[0] == "baseline" and configs[0].baseline
    assert "all seats" in names and AGGRESSIVE in names
    assert {s.id for s in rules.scenarios.scenarios} <= {c.scenario for c in configs}
    every = next(c for c in configs if c.name == "all seats")
    assert len(every.seats) == 8
    aggressive = next(c for c in configs if c.name == AGGRESSIVE)
    assert {s.faction for s in aggressive.seats if s.level == AGGRESSIVE} == {"russia", "china"}
    assert not aggressive.checked


def test_every_faction_over_the_action_limit_is_named() -> None:
    def dominance(by_faction: dict[str, dict[str, int]]) -> tuple[bool, str]:
        games = [replace(record(i, asym=GRADUAL), choices_by_faction=by_faction)
                 for i in range(3)]
        check = next(c for c in choice_checks(Config("x", "s", ()), games,
                                              factions=["russia", "china", "eu"])
                     if c.claim.startswith("No single action"))
        return check.passed, check.observed
    ok, observed = dominance({"russia": {"act:place": 6, "act:counter": 4},
                              "china": {"act:bilateral_deal": 5, "pass": 5},
                              "eu": {"act:place_eu": 3, "act:dialogue": 7}})
    assert not ok
    # all three are over 30%, the worst first; passes are not an action
    assert observed == ("eu act:dialogue 70.0%, russia act:place 60.0%, "
                        "china act:bilateral_deal 50.0%")
    ok, observed = dominance({"russia": {"act:place": 3, "act:counter": 3, "act:a": 2,
                                         "act:b": 2},
                              "china": {"act:bilateral_deal": 2, "act:c": 2, "act:d": 2,
                                        "act:e": 2, "act:f": 2}})
    assert ok and observed == "russia act:place 30.0%"  # within the limit: the worst is shown
