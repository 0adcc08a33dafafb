"""The 2020 start and the real dates, as the shipped rules implement them.

The game starts in 2020: what the paper reports as done by then is in the starting position,
never replayed as news; late-era news are labelled what-ifs; the EU signs partnership
agreements only on real dates; Turkmenistan's permanent neutrality keeps it out of blocs; the
labour-migration bonus reaches the biggest senders of migrants outside the EAEU.
"""

from __future__ import annotations

import pytest
from engine_helpers import act, check, faction, get_inf, pc_index, refresh, turn_of

from chessboard.engine.context import Ctx
from chessboard.engine.game import Engine
from chessboard.engine.phases import STEPS
from chessboard.engine.state import GameState

SEATS = ["russia", "china", "eu", "kazakhstan", "uzbekistan", "kyrgyzstan", "tajikistan",
          "turkmenistan"]


def give(st: GameState, f: int, card: int) -> None:
    """Make ``card`` the only card in faction ``f``'s hand."""
    st.hands[f] = (card,)
    refresh(st)


def all_seats(engine: Engine, seed: int = 1) -> GameState:
    st = engine.new_game(scenario="baseline_2020", seats=SEATS, seed=seed).copy()
    st.event_piles = [()] * len(st.event_piles)  # no news: the tests set up their own years
    return st


# the 2020 start --------------------------------------------------------------------------------


def test_late_news_and_only_late_news_are_what_ifs(engine: Engine) -> None:
    events = engine.rules.events.events
    wrong = [e.id for e in events if e.what_if != (e.era == "late")]
    assert not wrong, f"what_if must mark exactly the late-era news: {wrong}"
    assert sum(e.what_if for e in events) >= 10


@pytest.mark.parametrize("era", ["early", "middle", "late"])
def test_every_era_keeps_a_full_deck(engine: Engine, era: str) -> None:
    # three rounds an era draw from its pile: a dozen cards keep games from repeating
    assert sum(e.era == era for e in engine.rules.events.events) >= 12


def test_the_2020_start_holds_what_happened_before(engine: Engine) -> None:
    t, st = engine._tables, engine.new_game(scenario="baseline_2020", seed=1)
    # only Kazakhstan had an enhanced partnership agreement with the EU in 2020
    partners = [c for c in t.country_ids
                if check(t, st, {"member": {"org": "eu_partnership", "country": c}})]
    assert partners == ["kazakhstan"]
    # China's facility in Tajikistan, reported in 2019, is on the board from the start
    assert get_inf(t, st, "tajikistan", "military", "china") >= 1
    # Uzbekistan left the CSTO in 2012; Turkmenistan is in no bloc
    assert not check(t, st, {"member": {"org": "csto", "country": "uzbekistan"}})
    for org in ("sco", "csto", "eaeu"):
        assert not check(t, st, {"member": {"org": org, "country": "turkmenistan"}})


def test_a_what_if_is_logged_as_one(engine: Engine) -> None:
    late = next(i for i, e in enumerate(engine.rules.events.events) if e.what_if)
    early = next(i for i, e in enumerate(engine.rules.events.events) if not e.what_if)
    logs = []
    for index in (late, early):
        st = engine.new_game(scenario="baseline_2020", seed=1).copy()
        st.event_piles = [(index,)] + [()] * (len(st.event_piles) - 1)
        cx = Ctx(engine._tables, st, log=[])
        STEPS["news"](engine._compiled, cx)
        assert cx.log is not None
        logs.append(cx.log[0])
    assert logs[0].startswith("News (what if): ")
    assert logs[1].startswith("News: ")


# real dates for the EU's agreements ------------------------------------------------------------


@pytest.mark.parametrize(("country", "first_round"), [
    ("kyrgyzstan", 4), ("uzbekistan", 4), ("tajikistan", 7), ("turkmenistan", 7)])
def test_a_state_signs_with_the_eu_only_from_its_real_date(
        engine: Engine, country: str, first_round: int) -> None:
    sign = act(f"act:sign_eu_partnership {country}")
    st = turn_of(engine, all_seats(engine), country).copy()
    st.ip[faction(engine._tables, country)] = 5
    for year in range(1, 9):
        st.round = year
        refresh(st)  # the engine caches what it derives from a state
        legal = sign in engine.legal_actions(st)
        assert legal == (year >= first_round), (country, year)
        if not legal:
            reason = engine.why_illegal(st, sign)
            assert reason is not None and f"round {first_round}" in reason


def test_the_eu_card_follows_the_same_dates(engine: Engine) -> None:
    t = engine._tables
    card = t.card_ids.index("partnership_agreement")
    st = turn_of(engine, all_seats(engine), "eu").copy()
    eu = faction(t, "eu")
    st.ip[eu] = 10
    give(st, eu, card)
    for country in ("kyrgyzstan", "uzbekistan", "tajikistan", "turkmenistan"):
        st.stance[pc_index(t, country, "eu")] = 2
    play = {c: act(f"card:partnership_agreement {c}")
            for c in ("kyrgyzstan", "uzbekistan", "tajikistan", "turkmenistan")}
    for year, expected in ((1, set()), (4, {"kyrgyzstan", "uzbekistan"}),
                           (7, {"kyrgyzstan", "uzbekistan", "tajikistan", "turkmenistan"})):
        st.round = year
        refresh(st)  # the engine caches what it derives from a state
        legal = set(engine.legal_actions(st))
        assert {c for c, a in play.items() if a in legal} == expected, year


def test_the_eu_agreement_is_a_political_tie_not_an_economic_stake(engine: Engine) -> None:
    """The agreement card adds the EU's political influence; its economy comes from connectivity."""
    t = engine._tables
    st = turn_of(engine, all_seats(engine), "eu").copy()
    eu = faction(t, "eu")
    st.ip[eu] = 10
    give(st, eu, t.card_ids.index("partnership_agreement"))
    st.stance[pc_index(t, "kyrgyzstan", "eu")] = 2
    st.round = 4
    refresh(st)
    out = engine.apply(st, act("card:partnership_agreement kyrgyzstan")).state
    assert check(t, out, {"member": {"org": "eu_partnership", "country": "kyrgyzstan"}})
    assert get_inf(t, out, "kyrgyzstan", "political", "eu") == \
        get_inf(t, st, "kyrgyzstan", "political", "eu") + 1
    assert get_inf(t, out, "kyrgyzstan", "economic", "eu") == \
        get_inf(t, st, "kyrgyzstan", "economic", "eu")


# Turkmenistan's permanent neutrality ---------------------------------------------------------


@pytest.mark.parametrize("action", ["act:join_csto", "act:join_eaeu", "card:join_sco"])
def test_neutral_turkmenistan_joins_no_bloc(engine: Engine, action: str) -> None:
    t = engine._tables
    st = turn_of(engine, all_seats(engine), "turkmenistan").copy()
    tm = faction(t, "turkmenistan")
    st.ip[tm] = 10
    if action.startswith("card:"):
        card = t.card_ids.index(action.partition(":")[2])
        give(st, tm, card)
    join = act(f"{action} turkmenistan")
    assert join not in engine.legal_actions(st)
    reason = engine.why_illegal(st, join)
    assert reason is not None and "neutral" in reason


def test_uzbekistan_may_still_join_the_csto(engine: Engine) -> None:
    st = turn_of(engine, all_seats(engine), "uzbekistan").copy()
    st.ip[faction(engine._tables, "uzbekistan")] = 10
    assert act("act:join_csto uzbekistan") in engine.legal_actions(st)


def test_russia_cannot_bring_turkmenistan_into_the_eaeu(engine: Engine) -> None:
    t = engine._tables
    card = t.card_ids.index("eaeu_enlargement")
    st = turn_of(engine, all_seats(engine), "russia").copy()
    russia = faction(t, "russia")
    st.ip[russia] = 10
    give(st, russia, card)
    for country in ("turkmenistan", "uzbekistan"):
        st.stance[pc_index(t, country, "russia")] = 3
    legal = engine.legal_actions(st)
    assert act("card:eaeu_enlargement uzbekistan") in legal
    assert act("card:eaeu_enlargement turkmenistan") not in legal


# labour migration ------------------------------------------------------------------------------


@pytest.mark.parametrize(("country", "bonus"), [
    ("kyrgyzstan", True), ("tajikistan", True), ("uzbekistan", True), ("turkmenistan", False)])
def test_labour_migration_reaches_the_biggest_senders(
        engine: Engine, country: str, bonus: bool) -> None:
    t = engine._tables
    card = t.card_ids.index("labour_migration")
    st = turn_of(engine, all_seats(engine), "russia").copy()
    russia = faction(t, "russia")
    st.ip[russia] = 10
    give(st, russia, card)
    i = pc_index(t, country, "russia")
    st.opinion[i], st.stance[i] = 0, 0
    out = engine.apply(st, act(f"card:labour_migration {country}")).state
    assert (out.opinion[i], out.stance[i]) == ((1, 1) if bonus else (0, 0))
