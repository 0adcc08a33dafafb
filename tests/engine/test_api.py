"""The engine's public read API (engine/queries.py, docs/engine-api.md): ids in, plain values
out, and the same answers as the rules' own definitions and the engine's own steps."""

from __future__ import annotations

import dataclasses

import pytest

from chessboard.engine.actions import PASS
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState
from chessboard.rules.loader import Rules, UnknownIdError
from random_games import positions


@pytest.fixture(scope="module")
def quiet(engine: Engine) -> Engine:
    return Engine(engine.rules, log=False)


@pytest.fixture(scope="module")
def states(quiet: Engine) -> list[GameState]:
    return positions(quiet, 2, seed=5)


def choices_of(engine: Engine, st: GameState) -> list[tuple[str, str]]:
    """Every (kind, id) a seat could pick: each action of the rules, each card it holds."""
    hand = {c for c in engine.hand(st, engine.current_faction(st) or "") if c}
    return [("act", a.id) for a in engine.rules.actions.actions] + \
        [("card", c) for c in sorted(hand)] + [("pass", "pass")]


def test_targets_partition_the_legal_actions(quiet: Engine, states: list[GameState]) -> None:
    for st in states[::5]:
        legal = quiet.legal_actions(st)
        joined = []
        for kind, choice in choices_of(quiet, st):
            found = quiet.targets(st, kind, choice)
            assert all(a.kind == kind for a in found if a != PASS)
            # the legal actions of the choice, in the generator's order
            assert found == [a for a in legal if (a.kind, a.id) == (kind, choice)] or \
                kind == "pass"
            joined += found
        assert sorted(joined) == legal


def test_candidates_are_every_target_legal_or_not(quiet: Engine,
                                                  states: list[GameState]) -> None:
    checked = 0
    for st in states[::9]:
        for kind, choice in choices_of(quiet, st):
            if kind == "pass":
                continue
            legal = quiet.targets(st, kind, choice)
            every = quiet.candidates(st, kind, choice)
            assert set(legal) <= set(every)
            for action in every:
                reason = quiet.why_illegal(st, action)
                assert (reason is None) == (action in legal), (action, reason)
                checked += 1
    assert checked > 100
    st = states[0]
    assert quiet.candidates(st, "act", "no_such_action") == []


def test_a_card_of_another_deck_has_no_candidates(quiet: Engine) -> None:
    st = quiet.new_game(seed=3)
    me = quiet.current_faction(st)
    deck = quiet.rules.faction(me or "").deck
    other = next(c.id for d, cards in quiet.rules.decks.items() if d != deck
                 for c in cards.cards)
    assert quiet.candidates(st, "card", other) == []
    assert quiet.targets(st, "card", other) == []


def test_influence_and_opinion_start_as_the_yaml_says(rules: Rules) -> None:
    # the first decision comes after round 1's news: quiet news keep the YAML's board
    quiet_news = rules.events.model_copy(update={"events": [
        e.model_copy(update={"effects": []}) for e in rules.events.events]})
    engine = Engine(dataclasses.replace(rules, events=quiet_news))
    st = engine.new_game(seed=1)
    for country in rules.countries.countries:
        for power, start in country.powers.items():
            for sphere in engine.sphere_ids:
                assert engine.influence(st, country.id, sphere, power) == \
                    getattr(start, sphere, 0)
            assert engine.opinion(st, country.id, power) == start.opinion
            assert engine.stance(st, country.id, power) == start.stance
        assert engine.agency(st, country.id) == country.agency
        for org in engine.organisation_ids:
            assert engine.is_member(st, org, country.id) == (org in country.members)
            assert (country.id in engine.members(st, org)) == (org in country.members)


def test_control_follows_the_rules_definition(quiet: Engine, states: list[GameState]) -> None:
    """A power controls when its influence reaches the resilience and beats every rival's by
    at least the resilience; it dominates with all spheres but at most one."""
    rules = quiet.rules
    for st in states[::11]:
        counts = quiet.control_counts(st)
        total = 0
        for country in quiet.country_ids:
            for sphere in quiet.sphere_ids:
                r = rules.country(country).resilience[sphere]
                inf = {p: quiet.influence(st, country, sphere, p) for p in quiet.power_ids}
                best = max(inf, key=lambda p: inf[p])
                second = max((v for p, v in inf.items() if p != best), default=0)
                expected = best if inf[best] >= r and inf[best] - second >= r else None
                assert quiet.controller(st, country, sphere) == expected
                total += expected is not None
            held = {p: sum(quiet.controller(st, country, s) == p for s in quiet.sphere_ids)
                    for p in quiet.power_ids}
            leader = max(held, key=lambda p: held[p])
            need = quiet.spheres_to_dominate
            assert need == max(1, len(quiet.sphere_ids) - 1)  # all spheres but one
            dominant = leader if held[leader] >= need else None
            assert quiet.dominated_by(st, country) == dominant
        assert sum(n for row in counts.values() for n in row.values()) == total


def test_scores_tracks_and_seats_by_id(quiet: Engine, states: list[GameState]) -> None:
    st = states[-1]
    seated = quiet.seated(st)
    assert set(seated) <= set(quiet.faction_ids)
    assert quiet.scores(st) == {f: quiet.vp(st, f) for f in seated}
    assert sorted(quiet.turn_order(st)) == sorted(seated)
    assert list(quiet.tracks(st)) == list(quiet.track_ids)
    for track in quiet.track_ids:
        model = quiet.rules.track(track)
        assert model.min <= quiet.track(st, track) <= model.max
    for f in seated:
        assert sum(quiet.vp_sources(st)[f].values()) == quiet.vp(st, f)
        assert 0 <= quiet.ip(st, f) <= quiet.rules.game.settings.ip_max
        assert len(quiet.hand(st, f)) <= quiet.rules.game.settings.hand_size
    view = quiet.view(st, seated[0])
    assert all(c is None for c in quiet.hand(view, seated[1]))
    assert all(c is not None for c in quiet.hand(view, seated[0]))


def test_scoring_preview_is_what_the_scoring_phase_gives(quiet: Engine,
                                                         states: list[GameState]) -> None:
    """Compared with the engine's own scoring step run on a copy of the state."""
    scoring = quiet.steps[quiet.step_names.index("scoring")]
    from chessboard.engine.context import Ctx

    for st in states[::13]:
        preview = quiet.scoring_preview(st)
        before = quiet.scores(st)
        ran = st.copy()
        scoring(quiet._compiled, Ctx(quiet._tables, ran))
        gained = {f: quiet.vp(ran, f) - before[f] for f in before}
        assert {f: sum(by_rule.values()) for f, by_rule in preview.items()} == gained
        assert quiet.projected_vp(st) == gained
        assert quiet.scores(st) == before  # the state itself is untouched
        names = {r.name for r in quiet.rules.phases.scoring}
        assert all(set(by_rule) <= names for by_rule in preview.values())


def test_projected_income_is_base_income_capped(rules: Rules) -> None:
    """Without income rules, exactly each seat's base income up to the cap."""
    phases = rules.phases.model_copy(update={"income": []})
    plain = Engine(dataclasses.replace(rules, phases=phases), log=False)
    st = plain.new_game(seed=2)
    cap = rules.game.settings.ip_max
    for f, gain in plain.projected_income(st).items():
        assert gain == min(cap, plain.ip(st, f) + rules.faction(f).base_income) - \
            plain.ip(st, f)
    full = st.copy()
    full.ip = [cap] * len(full.ip)
    assert set(plain.projected_income(full).values()) == {0}
    assert plain.ip(st, plain.seated(st)[0]) != cap  # the first case was not the capped one


def test_seating_adds_the_factions_always_in_play(engine: Engine, rules: Rules) -> None:
    always = rules.game.settings.always_in_play
    assert always, "the shipped rules seat Russia and China in every game"
    assert engine.seating(["kazakhstan"]) == ["kazakhstan", *always]
    assert engine.seating([always[-1], "eu"]) == [always[-1], "eu", *always[:-1]]
    default = rules.scenarios.scenarios[0]
    assert engine.seating(None) == [*default.seats,
                                    *(f for f in always if f not in default.seats)]
    st = engine.new_game(seats=["eu", "kazakhstan"], seed=1)
    assert list(engine.seated(st)) == engine.seating(["eu", "kazakhstan"])


def test_unknown_ids_say_what_exists(engine: Engine, rules: Rules) -> None:
    st = engine.new_game(seed=1)
    with pytest.raises(KeyError, match="there is no country 'atlantis' in these rules "
                                       r"\(known: kazakhstan, "):
        engine.influence(st, "atlantis", "military", "russia")
    with pytest.raises(UnknownIdError, match="no power 'kazakhstan'"):
        engine.opinion(st, "kazakhstan", "kazakhstan")
    for lookup, kind in [(rules.card, "strategy card"), (rules.action, "action"),
                         (rules.country, "country"), (rules.faction, "faction"),
                         (rules.organisation, "organisation"), (rules.track, "track"),
                         (rules.sphere, "sphere"), (rules.event, "news event"),
                         (rules.scenario, "scenario")]:
        with pytest.raises(KeyError) as err:
            lookup("nope")
        assert str(err.value).startswith(f"there is no {kind} 'nope' in these rules")


def test_rules_lookups_find_every_item(rules: Rules) -> None:
    for card in rules.all_cards():
        assert rules.card(card.id) is card
    for country in rules.countries.countries:
        assert rules.country(country.id) is country
    for faction in rules.game.factions:
        assert rules.faction(faction.id) is faction
    for org in rules.organisations.organisations:
        assert rules.organisation(org.id) is org


def test_power_and_country_of_a_faction(engine: Engine, rules: Rules) -> None:
    for faction in rules.game.factions:
        is_power = faction.kind == "power"
        assert engine.power_of(faction.id) == (faction.id if is_power else None)
        assert engine.country_of(faction.id) == faction.country
