"""The mechanics of GAME.md, as the shipped ``rules/*.yaml`` implement them.

Positions are set up by editing a fresh copy of a new game's state (the lists are plain ints),
then the engine is driven: an action applied, a phase rule or step run, or a round played out.
"""

from __future__ import annotations

import pytest
from engine_helpers import (
    act,
    faction,
    get_inf,
    pass_until,
    pc_index,
    refresh,
    set_inf,
    set_track,
    track,
    turn_of,
)

from chessboard.engine.actions import PASS
from chessboard.engine.context import Ctx
from chessboard.engine.game import Engine
from chessboard.engine.phases import STEPS, run_rules
from chessboard.engine.state import GameState, unroll


def fresh(engine: Engine, *, scenario: str = "baseline_2020", seed: int = 1) -> GameState:
    """A new game's state with no news left (later rounds are quiet) and no influence."""
    st = engine.new_game(scenario=scenario, seed=seed).copy()
    st.event_piles = [()] * len(st.event_piles)
    return st


def blank_board(st: GameState) -> None:
    st.inf = [0] * len(st.inf)
    refresh(st)


def run_rule(engine: Engine, table: str, rule_id: str, st: GameState) -> list[str]:
    """Run one phase rule of the shipped rules on ``st``; return its log."""
    rule = next(r for r in getattr(engine._compiled, table) if r.id == rule_id)
    cx = Ctx(engine._tables, st, log=[])
    run_rules([rule], cx)
    assert cx.log is not None
    return cx.log


def run_step(engine: Engine, step: str, st: GameState) -> list[str]:
    cx = Ctx(engine._tables, st, log=[])
    STEPS[step](engine._compiled, cx)
    assert cx.log is not None
    return cx.log


def end_of_round(engine: Engine, st: GameState) -> tuple[GameState, list[str]]:
    """Pass until the next round starts; return the state and the log lines written."""
    start_round, start_log = st.round, len(unroll(st.log))
    st = pass_until(engine, st, lambda s: s.round > start_round)
    return st, unroll(st.log)[start_log:]


# control and domination -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("russia", "china", "eu", "controller"),
    [
        (3, 0, 0, "russia"),  # influence = resilience (3), lead = resilience
        (2, 0, 0, None),  # below the resilience
        (6, 3, 0, "russia"),  # lead of exactly 3
        (6, 4, 0, None),  # lead of 2 only
        (6, 0, 4, None),  # every rival counts, not only the first
        (1, 5, 2, "china"),
        (3, 3, 0, None),
    ],
)
def test_control_needs_the_resilience_and_a_lead_of_the_resilience(
    engine: Engine, russia: int, china: int, eu: int, controller: str | None
) -> None:
    t = engine._tables
    st = fresh(engine)
    assert t.resilience[t.country_index["kazakhstan"]][t.sphere_index["economic"]] == 3
    for power, value in (("russia", russia), ("china", china), ("eu", eu)):
        set_inf(t, st, "kazakhstan", "economic", power, value)
    got = t.controller(st, t.country_index["kazakhstan"], t.sphere_index["economic"])
    assert got == (t.power_index[controller] if controller else -1)


def test_domination_is_control_of_three_spheres_of_four(engine: Engine) -> None:
    t = engine._tables
    st = fresh(engine)
    blank_board(st)
    kg = t.country_index["kyrgyzstan"]  # resilience 2 everywhere
    for sphere in ("political", "economic"):
        set_inf(t, st, "kyrgyzstan", sphere, "china", 2)
    assert t.dominator(st, kg) == -1
    set_inf(t, st, "kyrgyzstan", "cultural", "china", 2)
    assert t.dominator(st, kg) == t.power_index["china"]
    # Scoring: 1 VP per controlled country-sphere, 2 VP per dominated country.
    china = faction(t, "china")
    vp = st.vp[china]
    run_rule(engine, "scoring", "sphere_control", st)
    assert st.vp[china] == vp + 3
    run_rule(engine, "scoring", "dominance", st)
    assert st.vp[china] == vp + 3 + 2
    # Losing one control loses the domination.
    set_inf(t, st, "kyrgyzstan", "cultural", "russia", 1)
    assert t.dominator(st, kg) == -1


# tension and the division of labour -----------------------------------------------------------


def test_chinese_military_placement_raises_tension_with_cause_military(engine: Engine) -> None:
    t = engine._tables
    st = turn_of(engine, fresh(engine), "china").copy()
    st.ip[faction(t, "china")] = 5
    set_track(t, st, "tension", 4)
    military = t.causes.index("military")
    causes = st.tension_causes[:]
    # Uzbekistan is outside the CSTO, so the move is not dearer there.
    action = act("act:place uzbekistan military")
    place_cost = engine.rules.action("place").cost.base
    assert engine.price(st, action).cost == place_cost
    inf = get_inf(t, st, "uzbekistan", "military", "china")
    out = engine.apply(st, action)
    assert track(t, out.state, "tension") == 5
    assert out.state.tension_causes[military] == causes[military] + 1
    assert get_inf(t, out.state, "uzbekistan", "military", "china") == inf + 1
    assert "China's military move breaks the division of labour" in out.log
    assert out.state.ip[faction(t, "china")] == 5 - place_cost


def test_russian_military_placement_does_not_raise_tension(engine: Engine) -> None:
    t = engine._tables
    st = turn_of(engine, fresh(engine), "russia").copy()
    st.ip[faction(t, "russia")] = 5
    out = engine.apply(st, act("act:place uzbekistan military"))
    assert track(t, out.state, "tension") == track(t, st, "tension")
    assert out.state.tension_causes == st.tension_causes


def test_division_of_labour_check_in_the_reactions(engine: Engine) -> None:
    t = engine._tables
    st = fresh(engine)
    blank_board(st)
    set_track(t, st, "tension", 2)
    set_inf(t, st, "tajikistan", "military", "china", 2)
    set_inf(t, st, "tajikistan", "military", "russia", 2)  # China reaches Russia: noticed
    set_inf(t, st, "kazakhstan", "military", "china", 3)
    set_inf(t, st, "kazakhstan", "military", "russia", 4)  # still behind: not noticed
    set_inf(t, st, "uzbekistan", "military", "china", 1)  # too little to notice
    military = t.causes.index("military")
    causes = st.tension_causes[military]
    log = run_rule(engine, "reactions", "division_of_labour", st)
    assert track(t, st, "tension") == 3
    assert st.tension_causes[military] == causes + 1
    assert log[0].endswith("China rivals Russia's military presence in Tajikistan")


# asymmetry and the junior partner -------------------------------------------------------------


@pytest.mark.parametrize(("controlled", "russian", "rise"),
                         [(0, 0, 0), (1, 0, 1), (2, 0, 1), (5, 0, 1), (2, 1, 1), (2, 2, 0)])
def test_asymmetry_grows_with_chinas_economic_lead(
    engine: Engine, controlled: int, russian: int, rise: int
) -> None:
    """+1 a round while China controls more economic spheres than Russia."""
    t = engine._tables
    st = fresh(engine)
    blank_board(st)
    set_track(t, st, "asymmetry", 5)
    for country in t.country_ids[:controlled]:
        set_inf(t, st, country, "economic", "china", 4)
    for country in t.country_ids[controlled:controlled + russian]:
        set_inf(t, st, country, "economic", "russia", 4)
    run_rule(engine, "reactions", "asymmetry_grows", st)
    assert track(t, st, "asymmetry") == 5 + rise


def test_junior_partner_costs_russia_income(engine: Engine) -> None:
    t = engine._tables
    base = fresh(engine)
    ip_by_asymmetry = {}
    for asymmetry in (6, 7):
        st = base.copy()
        set_track(t, st, "asymmetry", asymmetry)
        st.ip = [0] * len(st.ip)
        run_step(engine, "income", st)
        ip_by_asymmetry[asymmetry] = st.ip[:]
    russia = faction(t, "russia")
    assert ip_by_asymmetry[7][russia] == ip_by_asymmetry[6][russia] - 1
    others = [f for f in range(t.F) if f != russia]
    assert [ip_by_asymmetry[7][f] for f in others] == [ip_by_asymmetry[6][f] for f in others]


@pytest.mark.parametrize(("asymmetry", "pressure", "loss"),
                         [(6, 3, 0), (7, 3, 1), (7, 1, 1), (7, 0, 0), (8, 0, 0)])
def test_junior_partner_costs_a_vp_unless_russia_has_looked_west(
    engine: Engine, asymmetry: int, pressure: int, loss: int
) -> None:
    """The junior partner loses 1 VP a round, but not while Western pressure is 0."""
    t = engine._tables
    st = fresh(engine)
    set_track(t, st, "asymmetry", asymmetry)
    set_track(t, st, "western_pressure", pressure)
    russia = faction(t, "russia")
    vp = st.vp[russia]
    run_rule(engine, "scoring", "junior_partner_penalty", st)
    assert st.vp[russia] == vp - loss


@pytest.mark.parametrize(("asymmetry", "pressure", "chinese", "rise"),
                         [(7, 1, 2, 1), (7, 0, 3, 1), (7, 2, 2, 0), (8, 1, 2, 0), (6, 1, 2, 0),
                          (7, 1, 1, 0)])
def test_beijing_needs_moscow_less_once_the_west_lets_go(
    engine: Engine, asymmetry: int, pressure: int, chinese: int, rise: int
) -> None:
    """Beyond the junior-partner mark asymmetry grows to 8 only at Western pressure 0-1 and while
    China controls more economic spheres than Russia (one Russian economic sphere here)."""
    t = engine._tables
    st = fresh(engine)
    blank_board(st)
    set_track(t, st, "asymmetry", asymmetry)
    set_track(t, st, "western_pressure", pressure)
    set_inf(t, st, t.country_ids[0], "economic", "russia", 4)
    for country in t.country_ids[1:1 + chinese]:
        set_inf(t, st, country, "economic", "china", 4)
    run_rule(engine, "reactions", "beijing_needs_moscow_less", st)
    assert track(t, st, "asymmetry") == asymmetry + rise


def test_hedge_west_needs_the_junior_partner(engine: Engine) -> None:
    t = engine._tables
    st = turn_of(engine, fresh(engine), "russia").copy()
    russia, eu = faction(t, "russia"), faction(t, "eu")
    st.ip[russia] = 3
    hedge = act("act:hedge_west")
    set_track(t, st, "asymmetry", 6)
    assert hedge not in engine.legal_actions(st)
    reason = engine.why_illegal(st, hedge)
    assert reason is not None and reason.startswith("Hedge West is not possible now: ")
    assert "junior partner" in reason
    set_track(t, st, "asymmetry", 7)
    assert hedge in engine.legal_actions(st)
    assert engine.why_illegal(st, hedge) is None
    set_track(t, st, "western_pressure", 3)
    set_track(t, st, "tension", 4)
    eu_ip = st.ip[eu]
    out = engine.apply(st, hedge).state
    assert track(t, out, "western_pressure") == 2
    assert track(t, out, "asymmetry") == 6
    assert track(t, out, "tension") == 5
    assert out.tension_causes[t.causes.index("political")] == \
        st.tension_causes[t.causes.index("political")] + 1
    assert out.ip[russia] == 3 - 1 + 2
    assert out.ip[eu] == eu_ip + 1


# public opinion: protests and government drift ------------------------------------------------


def test_protests_where_economic_weight_meets_hostile_opinion(engine: Engine) -> None:
    t = engine._tables
    st = fresh(engine)
    blank_board(st)
    set_track(t, st, "stability", 5)
    weight, hostility = protest_thresholds(engine)
    set_inf(t, st, "kyrgyzstan", "economic", "china", weight)
    st.opinion[pc_index(t, "kyrgyzstan", "china")] = hostility
    set_inf(t, st, "tajikistan", "economic", "china", weight)
    st.opinion[pc_index(t, "tajikistan", "china")] = hostility + 1  # not hostile enough
    set_inf(t, st, "uzbekistan", "economic", "china", weight - 1)
    st.opinion[pc_index(t, "uzbekistan", "china")] = hostility  # not enough weight
    agency = st.agency[:]
    log = run_rule(engine, "reactions", "protests", st)
    assert get_inf(t, st, "kyrgyzstan", "economic", "china") == weight - 1
    assert get_inf(t, st, "tajikistan", "economic", "china") == weight
    assert get_inf(t, st, "uzbekistan", "economic", "china") == weight - 1
    assert track(t, st, "stability") == 4
    kg = t.country_index["kyrgyzstan"]
    assert st.agency == [a + (i == kg) for i, a in enumerate(agency)]
    assert log[0].endswith("Protests against China in Kyrgyzstan")


def test_protests_break_out_when_a_round_is_played(engine: Engine) -> None:
    t = engine._tables
    st = fresh(engine)
    weight, hostility = protest_thresholds(engine)
    set_inf(t, st, "kyrgyzstan", "economic", "china", weight + 1)
    st.opinion[pc_index(t, "kyrgyzstan", "china")] = hostility
    _, log = end_of_round(engine, st)
    assert any(line.endswith("Protests against China in Kyrgyzstan") for line in log)


@pytest.mark.parametrize(
    ("opinion", "stance", "after"),
    [(-1, 2, 1), (-2, 2, 1), (3, 1, 2), (1, 0, 0), (0, 1, 1), (2, 2, 2)],
)
def test_government_drifts_towards_public_opinion(
    engine: Engine, opinion: int, stance: int, after: int
) -> None:
    t = engine._tables
    st = fresh(engine)
    st.round = 7  # governments follow their public only in the late years
    st.opinion = [0] * len(st.opinion)
    st.stance = [0] * len(st.stance)
    i = pc_index(t, "tajikistan", "eu")
    st.opinion[i], st.stance[i] = opinion, stance
    run_rule(engine, "reactions", "drift_down", st)
    run_rule(engine, "reactions", "drift_up", st)
    assert st.stance[i] == after
    assert st.opinion[i] == opinion  # the public does not move
    assert [v for j, v in enumerate(st.stance) if j != i] == [0] * (len(st.stance) - 1)


# organisations change costs -------------------------------------------------------------------


def test_csto_makes_russian_military_placement_cheaper(engine: Engine) -> None:
    st = turn_of(engine, fresh(engine), "russia")
    in_csto = engine.price(st, act("act:place kazakhstan military"))
    outside = engine.price(st, act("act:place uzbekistan military"))
    assert in_csto is not None and outside is not None
    base = engine.rules.action("place").cost.base
    assert (in_csto.cost, in_csto.reasons) == (base - 1, ("-1: CSTO member",))
    assert (outside.cost, outside.reasons) == (base, ())
    # The charged cost is the price.
    russia = faction(engine._tables, "russia")
    out = engine.apply(st, act("act:place kazakhstan military")).state
    assert out.ip[russia] == st.ip[russia] - (base - 1)


def test_eaeu_makes_chinese_bilateral_deals_dearer(engine: Engine) -> None:
    st = turn_of(engine, fresh(engine), "china").copy()
    st.ip[faction(engine._tables, "china")] = 5
    in_eaeu = engine.price(st, act("act:bilateral_deal kazakhstan"))
    outside = engine.price(st, act("act:bilateral_deal uzbekistan"))
    assert in_eaeu is not None and outside is not None
    deal = engine.rules.action("bilateral_deal").cost.base
    assert (in_eaeu.cost, in_eaeu.reasons) == (deal + 1,
                                               ("+1: EAEU rules hinder bilateral deals",))
    assert (outside.cost, outside.reasons) == (deal, ())
    out = engine.apply(st, act("act:bilateral_deal kazakhstan")).state
    assert out.ip[faction(engine._tables, "china")] == 5 - deal - 1
    # The CSTO makes a Chinese military move dearer, on top of Russia's control there.
    csto = engine.price(st, act("act:place kazakhstan military"))
    assert csto is not None
    assert (csto.cost, csto.reasons) == (
        engine.rules.action("place").cost.base + 2,
        ("+1: a rival controls this sphere", "+1: CSTO member: Russia's preserve"))


# automatic governments ------------------------------------------------------------------------


def test_automatic_government_runs_only_for_unplayed_states(engine: Engine) -> None:
    t = engine._tables
    st = fresh(engine)  # the baseline seats Kazakhstan; Uzbekistan is unplayed
    blank_board(st)
    for country in ("kazakhstan", "uzbekistan"):
        for sphere in ("political", "economic", "military"):
            set_inf(t, st, country, sphere, "russia", 4)
        st.stance[pc_index(t, country, "russia")] = 1
    st.agency = [1] * t.C
    log = run_step(engine, "auto_government", st)
    assert get_inf(t, st, "uzbekistan", "political", "russia") == 3
    assert st.stance[pc_index(t, "uzbekistan", "russia")] == 0
    assert st.agency[t.country_index["uzbekistan"]] == 2
    assert get_inf(t, st, "kazakhstan", "political", "russia") == 4
    assert st.stance[pc_index(t, "kazakhstan", "russia")] == 1
    assert st.agency[t.country_index["kazakhstan"]] == 1
    assert any(line.endswith("Uzbekistan resists Russia's domination") for line in log)
    assert not any("Kazakhstan" in line for line in log)


def test_an_unplayed_csto_member_leaves_when_estranged(engine: Engine) -> None:
    t = engine._tables
    st = fresh(engine)
    csto = t.org_index["csto"]
    for country in ("kazakhstan", "kyrgyzstan"):
        st.stance[pc_index(t, country, "russia")] = -2
    run_rule(engine, "auto_government", "leave_csto_when_estranged", st)
    assert not st.members[csto] >> t.country_index["kyrgyzstan"] & 1
    st2 = fresh(engine)
    for country in ("kazakhstan", "kyrgyzstan"):
        st2.stance[pc_index(t, country, "russia")] = -2
    run_step(engine, "auto_government", st2)
    assert st2.members[csto] >> t.country_index["kazakhstan"] & 1  # played: stays
    assert not st2.members[csto] >> t.country_index["kyrgyzstan"] & 1


# agency ---------------------------------------------------------------------------------------


def test_regional_agency_rises_with_several_investors(engine: Engine) -> None:
    t = engine._tables
    st = fresh(engine)
    blank_board(st)
    st.agency = [2] * t.C
    set_inf(t, st, "turkmenistan", "economic", "china", 2)
    set_inf(t, st, "turkmenistan", "economic", "eu", 2)
    set_inf(t, st, "tajikistan", "economic", "china", 2)  # one investor only
    run_rule(engine, "reactions", "agency_rises", st)
    assert st.agency == [2 if c != "turkmenistan" else 3 for c in t.country_ids]
    # A dominated state does not gain agency.
    for sphere in ("political", "military", "cultural"):
        set_inf(t, st, "turkmenistan", sphere, "china", 8)
    run_rule(engine, "reactions", "agency_rises", st)
    assert st.agency[t.country_index["turkmenistan"]] == 3


# scoring: the partnership bonus ---------------------------------------------------------------


def test_partnership_bonus_while_tension_is_low(engine: Engine) -> None:
    t = engine._tables
    base = fresh(engine)
    gained = {}
    for tension in (3, 4):
        st = base.copy()
        set_track(t, st, "tension", tension)
        before = st.vp[:]
        run_step(engine, "scoring", st)
        gained[tension] = [a - b for a, b in zip(st.vp, before, strict=True)]
    diff = [a - b for a, b in zip(gained[3], gained[4], strict=True)]
    assert diff == [1 if fid in ("russia", "china") else 0 for fid in t.faction_ids]


# escalation -----------------------------------------------------------------------------------


def test_tension_ten_ends_the_game_and_russia_and_china_lose(engine: Engine) -> None:
    t = engine._tables
    st = turn_of(engine, fresh(engine), "china").copy()
    st.ip[faction(t, "china")] = 5
    set_track(t, st, "tension", 9)
    action = act("act:place uzbekistan military")
    warning = engine.ending(st, action)
    assert warning is not None and "Tension reached 10" in warning
    assert engine.ending(st, PASS) is None
    out = engine.apply(st, action).state
    assert out.over and out.end_reason == "escalation"
    assert track(t, out, "tension") == 10
    result = engine.result(out)
    assert result is not None
    assert result.losers == ("russia", "china")
    assert result.winner not in ("russia", "china") and result.winner is not None
    assert "russia" not in result.ranking and "china" not in result.ranking
    assert engine.legal_actions(out) == []
    assert out.round == st.round  # ended early, mid-round


def protest_thresholds(engine: Engine) -> tuple[int, int]:
    """The economic weight and the public hostility at which the rules' protests break out."""
    rule = next(r for r in engine.rules.phases.reactions if r.id == "protests")
    weight, hostility = rule.when.all  # type: ignore[union-attr]
    return weight.has_influence.min, hostility.opinion.max  # type: ignore[union-attr]
