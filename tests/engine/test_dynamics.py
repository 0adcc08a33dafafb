"""The second design pass on the paper's dynamics (issue 7), on the shipped rules.

An ending at tension 10 is final the moment it happens, the board warns before the last move
of a round whose reactions would end the game, chances are previewed as chances and their roll
is logged, and the mechanics that replaced automatic drifts respond to the players' choices.
"""

from __future__ import annotations

from engine_helpers import (
    act,
    faction,
    get_inf,
    pass_until,
    pc_index,
    set_inf,
    set_track,
    track,
    turn_of,
)

from chessboard.ai.heuristic import HeuristicBot
from chessboard.engine.actions import PASS
from chessboard.engine.context import Ctx
from chessboard.engine.game import Engine
from chessboard.engine.phases import STEPS
from chessboard.engine.state import GameState


def fresh(engine: Engine, *, scenario: str = "baseline_2020", seed: int = 1) -> GameState:
    st = engine.new_game(scenario=scenario, seed=seed).copy()
    st.event_piles = [()] * len(st.event_piles)
    return st


def rival_military(engine: Engine, st: GameState) -> None:
    """China's military influence overtakes Russia's in Tajikistan: the check will fire."""
    set_inf(engine._tables, st, "tajikistan", "military", "china", 5)
    set_inf(engine._tables, st, "tajikistan", "military", "russia", 1)


# endings ----------------------------------------------------------------------------------------


def test_a_reaction_reaching_ten_ends_the_step_before_a_later_one_lowers_it(
    engine: Engine,
) -> None:
    t = engine._tables
    st = fresh(engine)
    rival_military(engine, st)
    set_track(t, st, "tension", 9)
    set_track(t, st, "western_pressure", 5)  # the common foe would bring tension back to 9
    cx = Ctx(t, st, log=[])
    STEPS["reactions"](engine._compiled, cx)
    assert track(t, st, "tension") == 10
    assert cx.log is not None and not any("common foe" in line.lower() for line in cx.log)


def test_the_game_ends_at_once_when_reactions_reach_ten(engine: Engine) -> None:
    t = engine._tables
    st = fresh(engine)
    rival_military(engine, st)
    set_track(t, st, "tension", 9)
    set_track(t, st, "western_pressure", 5)
    while not st.over:
        st = engine.apply(st, PASS).state
    assert st.end_reason == "escalation"
    assert track(t, st, "tension") == 10
    assert st.round == 1


def test_the_last_pass_of_a_round_warns_when_the_reactions_would_end_the_game(
    engine: Engine,
) -> None:
    t = engine._tables
    st = fresh(engine)
    rival_military(engine, st)
    set_track(t, st, "tension", 9)
    warnings = []
    while not st.over:
        warnings.append(engine.ending(st, PASS))
        st = engine.apply(st, PASS).state
    assert all(w is None for w in warnings[:-1])
    assert warnings[-1] is not None and warnings[-1].startswith("at the end of this round")
    assert "Tension reached 10" in warnings[-1]


def test_the_last_move_warns_when_the_next_news_may_end_the_game(engine: Engine) -> None:
    t = engine._tables
    st = fresh(engine)
    set_track(t, st, "tension", 9)
    set_track(t, st, "western_pressure", 0)
    while not engine._closes_action_phase(st):
        assert engine.ending(st, PASS) is None
        st = engine.apply(st, PASS).state
    warning = engine.ending(st, PASS)
    assert warning is not None and "the next news may end the game" in warning


# chances ----------------------------------------------------------------------------------------


def test_a_chance_is_previewed_as_a_chance_and_rolled_in_play(engine: Engine) -> None:
    t = engine._tables
    st = turn_of(engine, fresh(engine), "china").copy()
    china = faction(t, "china")
    st.ip[china] = 5
    st.hands[china] = (t.card_index["soft_power_campaign"],)
    action = act("card:soft_power_campaign kazakhstan")
    opinion = st.opinion[pc_index(t, "kazakhstan", "china")]
    view = engine.view(st, "china")
    preview = engine.preview(view, action)
    assert preview.state.opinion[pc_index(t, "kazakhstan", "china")] == opinion
    assert any(line.startswith("50%: Kazakhstan: public opinion of China +1")
               for line in preview.log)
    played = engine.apply(st, action)
    rolls = [line for line in played.log if line.startswith("Chance 50%: rolled ")]
    assert len(rolls) == 1
    happened = "it happens" in rolls[0]
    assert played.state.opinion[pc_index(t, "kazakhstan", "china")] == opinion + happened


# choices that drive the dynamics ------------------------------------------------------------


def test_accepting_the_status_quo_calms_and_costs_standing(engine: Engine) -> None:
    t = engine._tables
    st = turn_of(engine, fresh(engine), "russia").copy()
    russia = faction(t, "russia")
    accept = act("act:accept_status_quo kazakhstan")
    set_track(t, st, "asymmetry", 6)
    assert accept not in engine.legal_actions(st)
    set_track(t, st, "asymmetry", 7)
    set_track(t, st, "tension", 5)
    assert accept in engine.legal_actions(st)
    ip = st.ip[russia]
    out = engine.apply(st, accept).state
    assert track(t, out, "tension") == 3
    assert out.ip[russia] == ip + 2
    assert get_inf(t, out, "kazakhstan", "political", "russia") == \
        get_inf(t, st, "kazakhstan", "political", "russia") - 1
    assert get_inf(t, out, "kazakhstan", "political", "china") == \
        get_inf(t, st, "kazakhstan", "political", "china") + 1


def test_china_pays_to_cross_russias_political_sphere(engine: Engine) -> None:
    t = engine._tables
    st = turn_of(engine, fresh(engine), "china").copy()
    st.ip[faction(t, "china")] = 10
    political = act("act:counter kazakhstan political @russia")
    economic = act("act:counter kazakhstan cultural @russia")
    p_price, e_price = engine.price(st, political), engine.price(st, economic)
    assert p_price is not None and e_price is not None
    assert p_price.cost == e_price.cost + 2
    assert any("political sphere" in reason for reason in p_price.reasons)
    out = engine.apply(st, political).state
    assert track(t, out, "tension") == track(t, st, "tension") + 1
    assert out.tension_causes[t.causes.index("political")] == \
        st.tension_causes[t.causes.index("political")] + 1


def test_joint_exercises_give_both_powers_military_influence(engine: Engine) -> None:
    t = engine._tables
    st = turn_of(engine, fresh(engine), "russia").copy()
    st.ip[faction(t, "russia")] = 5
    out = engine.apply(st, act("act:sco_exercise kyrgyzstan")).state
    for power in ("russia", "china"):
        assert get_inf(t, out, "kyrgyzstan", "military", power) == \
            get_inf(t, st, "kyrgyzstan", "military", power) + 1


def test_asymmetry_stops_growing_by_itself_at_the_junior_partner_mark(engine: Engine) -> None:
    t = engine._tables
    rule = next(r for r in engine._compiled.reactions if r.id == "asymmetry_grows")
    for start, rise in ((3, 1), (6, 1), (7, 0)):
        st = fresh(engine)  # China controls every economic sphere at the 2020 start
        set_track(t, st, "asymmetry", start)
        cx = Ctx(t, st)
        if rule.when is None or rule.when(cx):
            rule.effects(cx)
        assert track(t, st, "asymmetry") == start + rise


def test_governments_hold_their_line_until_the_late_years(engine: Engine) -> None:
    t = engine._tables
    for round_, moves in ((6, False), (7, True)):
        st = fresh(engine)
        st.round = round_
        i = pc_index(t, "kyrgyzstan", "china")
        st.stance[i], st.opinion[i] = 2, -2
        STEPS["reactions"](engine._compiled, Ctx(t, st))
        assert (st.stance[i] < 2) is moves


def test_the_aggressive_style_plays_with_its_own_weights(engine: Engine) -> None:
    t = engine._tables
    china = faction(t, "china")
    normal = HeuristicBot(seed=1).evaluator(engine, china)
    aggressive = HeuristicBot(seed=1, level="aggressive").evaluator(engine, china)
    style = engine.rules.game.factions[china].bot_styles["aggressive"]
    assert normal.w["tension"] < 0
    assert aggressive.w["tension"] == style["tension"] > 0
    assert aggressive.w["danger"] == style["danger"]


# the fifth balance pass: Russia's instruments, the seated states' resistance ---------------------


def test_russia_holds_one_csto_exercise_a_round(engine: Engine) -> None:
    t = engine._tables
    st = turn_of(engine, fresh(engine), "russia").copy()
    st.ip[faction(t, "russia")] = 10
    kyrgyz, tajik = act("act:csto_exercise kyrgyzstan"), act("act:csto_exercise tajikistan")
    assert kyrgyz in engine.legal_actions(st) and tajik in engine.legal_actions(st)
    out = engine.apply(st, kyrgyz).state
    for sphere in ("military", "political"):
        assert get_inf(t, out, "kyrgyzstan", sphere, "russia") == \
            get_inf(t, st, "kyrgyzstan", sphere, "russia") + 1
    assert track(t, out, "stability") == track(t, st, "stability")
    out = turn_of(engine, out, "russia").copy()
    assert out.round == st.round
    out.ip[faction(t, "russia")] = 10
    assert tajik not in engine.legal_actions(out)
    # the next year's calendar opens again
    out = turn_of(engine, pass_until(engine, out, lambda s: s.round > st.round), "russia").copy()
    out.ip[faction(t, "russia")] = 10
    assert tajik in engine.legal_actions(out)


def test_china_offers_one_deal_and_one_belt_and_road_project_a_round(engine: Engine) -> None:
    t = engine._tables
    china = faction(t, "china")
    st = turn_of(engine, fresh(engine), "china").copy()
    st.ip[china] = 20
    deal_kz, deal_uz = act("act:bilateral_deal kazakhstan"), act("act:bilateral_deal uzbekistan")
    bri_kz, bri_uz = act("act:bri_project kazakhstan"), act("act:bri_project uzbekistan")
    legal = engine.legal_actions(st)
    assert {deal_kz, deal_uz, bri_kz, bri_uz} <= set(legal)
    stance = pc_index(t, "uzbekistan", "china")
    out = engine.apply(st, deal_uz).state
    assert get_inf(t, out, "uzbekistan", "economic", "china") == \
        get_inf(t, st, "uzbekistan", "economic", "china") + 2
    assert out.stance[stance] == st.stance[stance] + 1
    out = turn_of(engine, out, "china").copy()
    assert out.round == st.round
    out.ip[china] = 20
    legal = engine.legal_actions(out)
    assert deal_kz not in legal and bri_kz in legal  # the deal is spent, the project is not
    assert engine.why_illegal(out, deal_kz) is not None
    project = engine.apply(out, bri_kz).state
    kz = pc_index(t, "kazakhstan", "china")
    assert get_inf(t, project, "kazakhstan", "economic", "china") == \
        min(get_inf(t, out, "kazakhstan", "economic", "china") + 2, 8)
    assert project.stance[kz] == min(out.stance[kz] + 1, 3)
    assert project.ip[china] == out.ip[china] - 2  # 3 IP, 1 less in a BRI participant
    project = turn_of(engine, project, "china").copy()
    project.ip[china] = 20
    assert bri_uz not in engine.legal_actions(project)
    # the next year's calendar opens both again
    later = turn_of(engine, pass_until(engine, project, lambda s: s.round > st.round),
                    "china").copy()
    later.ip[china] = 20
    assert {deal_kz, bri_uz} <= set(engine.legal_actions(later))


def test_a_belt_and_road_project_links_the_weak_spots_of_the_network(engine: Engine) -> None:
    """The project is not the deal: it also connects the BRI states where China is thin."""
    t = engine._tables
    china = faction(t, "china")
    st = turn_of(engine, fresh(engine), "china").copy()
    st.ip[china] = 20
    economy = {"kazakhstan": 6, "uzbekistan": 5, "kyrgyzstan": 2, "tajikistan": 3,
               "turkmenistan": 4}
    for country, value in economy.items():
        set_inf(t, st, country, "economic", "china", value)
    uz = pc_index(t, "uzbekistan", "china")

    def economic(state: GameState) -> dict[str, int]:
        return {c: get_inf(t, state, c, "economic", "china") for c in economy}

    project = engine.apply(st, act("act:bri_project uzbekistan")).state
    assert economic(project) == {**economy, "uzbekistan": 7, "kyrgyzstan": 3, "tajikistan": 4}
    assert project.stance[uz] == min(st.stance[uz] + 1, 3)
    # the bilateral deal in the same country connects nothing
    deal = engine.apply(st, act("act:bilateral_deal uzbekistan")).state
    assert economic(deal) == {**economy, "uzbekistan": 7}
    # a project in a weak spot: +2 there lifts it above 3, so only the others are linked
    weak = engine.apply(st, act("act:bri_project kyrgyzstan")).state
    assert economic(weak) == {**economy, "kyrgyzstan": 4, "tajikistan": 4}


def test_a_seated_state_resists_domination_once_its_stance_has_fallen_to_zero(
    engine: Engine,
) -> None:
    t = engine._tables
    st = fresh(engine)  # the baseline seats Kazakhstan
    for sphere in ("political", "economic", "military"):
        set_inf(t, st, "kazakhstan", sphere, "russia", 6)
        set_inf(t, st, "kazakhstan", sphere, "china", 0)
        set_inf(t, st, "kazakhstan", sphere, "eu", 0)
    stance = pc_index(t, "kazakhstan", "russia")
    st.stance[stance] = 1
    held = st.copy()
    STEPS["reactions"](engine._compiled, Ctx(t, held, log=None))
    assert get_inf(t, held, "kazakhstan", "political", "russia") == 6
    st.stance[stance] = 0
    st.agency[t.country_index["kazakhstan"]] = 1  # under the mark where agency fades
    cx = Ctx(t, st, log=[])
    STEPS["reactions"](engine._compiled, cx)
    assert get_inf(t, st, "kazakhstan", "political", "russia") == 5
    assert st.stance[stance] == -1
    assert st.agency[t.country_index["kazakhstan"]] == 2
    assert cx.log is not None and any("Kazakhstan resists Russia" in line for line in cx.log)


# the seventh balance pass: escalation through the players' choices ---------------------------


def test_chinas_base_starts_at_the_baseline_tension_and_frays_the_division_of_labour(
    engine: Engine,
) -> None:
    """The base is no tension level set at the start ("diplomacy can, in the short-term,
    possibly prevent escalating tensions"): its military presence, level with Russia's in
    Tajikistan, raises tension in the reactions round after round."""
    t = engine._tables
    base, scenario = fresh(engine), fresh(engine, scenario="chinese_base")
    assert track(t, scenario, "tension") == track(t, base, "tension")
    start = next(c for c in engine.rules.countries.countries if c.id == "tajikistan")
    russian = start.powers["russia"].military  # as in 2020 (the first news may have moved it)
    assert get_inf(t, scenario, "tajikistan", "military", "china") >= russian
    for st in (base, scenario):
        set_inf(t, st, "tajikistan", "military", "russia", russian)
        set_track(t, st, "western_pressure", 3)  # no common foe
        STEPS["reactions"](engine._compiled, Ctx(t, st, log=None))
    assert track(t, scenario, "tension") == track(t, base, "tension") + 1


def test_chinese_money_comes_with_the_base(engine: Engine) -> None:
    """*China's base* seats Tajikistan with 2 IP more than the 2020 baseline would."""
    t = engine._tables
    seats = ["russia", "china", "eu", "tajikistan"]
    tajik = faction(t, "tajikistan")
    for seed in (1, 2):
        base = engine.new_game(scenario="baseline_2020", seats=seats, seed=seed)
        scenario = engine.new_game(scenario="chinese_base", seats=seats, seed=seed)
        assert scenario.ip[tajik] == base.ip[tajik] + 2


def test_moscow_backs_down_less_readily_than_beijing_near_the_brink(engine: Engine) -> None:
    """Moscow insists on being the sole security provider; Beijing "cannot afford to
    antagonise Moscow too much": both fear the brink, China more."""
    t = engine._tables
    russia = HeuristicBot(seed=1).evaluator(engine, faction(t, "russia"))
    china = HeuristicBot(seed=1).evaluator(engine, faction(t, "china"))
    assert china.w["danger"] < russia.w["danger"] < 0


# the ninth balance pass: joining the EAEU stays rare --------------------------------------------


def test_a_state_joins_the_eaeu_only_where_russias_trade_matches_chinas(engine: Engine) -> None:
    """Goodwill is not enough: no government walls off its main trade partner, so the
    enlargement effort brings a state in only where Russia's economic influence is at least
    China's (stance and public opinion of Russia 3 in both positions below)."""
    t = engine._tables
    russia = faction(t, "russia")
    st = turn_of(engine, fresh(engine), "russia").copy()
    st.ip[russia] = 10
    st.hands[russia] = (t.card_ids.index("eaeu_enlargement"),)
    st.stance[pc_index(t, "uzbekistan", "russia")] = 2  # the card's +1 makes it 3
    st.opinion[pc_index(t, "uzbekistan", "russia")] = 3
    set_inf(t, st, "uzbekistan", "economic", "china", 5)
    court = act("card:eaeu_enlargement uzbekistan")
    for russian, joins in ((3, False), (4, True)):  # after the card's +1: 4 < 5, 5 >= 5
        trial = st.copy()
        set_inf(t, trial, "uzbekistan", "economic", "russia", russian)
        out = engine.apply(trial, court).state
        assert get_inf(t, out, "uzbekistan", "economic", "russia") == russian + 1
        assert out.stance[pc_index(t, "uzbekistan", "russia")] == 3
        assert ("uzbekistan" in engine.members(out, "eaeu")) is joins, russian
