"""Stable action ids: round trips, masks, and ids that survive content added to the rules."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from chessboard.engine.actions import PASS, Action
from chessboard.engine.encoding import (
    ActionEncoding,
    action_from_id,
    action_id,
    deck_order,
    encoding_for,
    legal_action_ids,
    legal_mask,
    possible_actions,
)
from chessboard.engine.game import Engine
from chessboard.rules.loader import Rules, load_rules

NEW_CARD = """
  - id: zz_new_corridor
    name: A new corridor
    text: +1 Chinese economic influence in a country.
    cost: 2
    sphere: economic
    target: country
    effects:
      - influence: {sphere: economic, amount: 1}
    source:
      section: bri
      quote: "acceleration of the economic integration"
"""

NEW_ACTION = """
  - id: aa_new_summit
    name: Summit
    text: A summit in a country; +1 political influence.
    factions: [powers]
    target: country
    cost: {base: 1}
    effects:
      - influence: {sphere: political, amount: 1}
"""

# A deck no faction draws from, whose id sorts before every other deck.
NEW_DECK = """deck: aaa_unused
cards:
  - id: aaa_first
    name: First in the alphabet
    text: +1 influence.
    cost: 1
    sphere: political
    target: country
    effects:
      - influence: {sphere: political, amount: 1}
    source:
      section: bri
      quote: "acceleration of the economic integration"
"""


def every_candidate(engine: Engine) -> set[Action]:
    """Every action any faction could ever be offered under these rules."""
    return set(possible_actions(engine))


def test_pass_is_zero_and_ids_fit_the_declared_room(tiny: Rules, rules: Rules) -> None:
    for r in (tiny, rules):
        enc = ActionEncoding(r)
        assert enc.action_id(PASS) == 0
        limits = r.game.settings.encoding
        assert enc.size == ((1 + limits.actions + limits.decks * limits.cards_per_deck)
                            * (limits.countries + 1) * (limits.spheres + 1) * (limits.powers + 1))


@pytest.mark.parametrize("which", ["tiny", "rules"])
def test_every_candidate_round_trips(which: str, request: pytest.FixtureRequest) -> None:
    r: Rules = request.getfixturevalue(which)
    engine = Engine(r)
    enc = encoding_for(r)
    seen: set[int] = set()
    for action in every_candidate(engine):
        ident = enc.action_id(action)
        assert 0 <= ident < enc.size
        assert enc.action_from_id(ident) == action
        seen.add(ident)
    assert len(seen) == len(every_candidate(engine))  # no two actions share an id
    assert seen <= set(enc.well_formed_ids())


def test_possible_actions_cover_every_legal_action(tiny_engine: Engine) -> None:
    possible = possible_actions(tiny_engine)
    assert possible == sorted(set(possible)) and PASS in possible
    rnd = random.Random(11)
    st = tiny_engine.new_game(seed=11)
    offered: set[Action] = set()
    while not st.over:
        legal = tiny_engine.legal_actions(st)
        offered.update(legal)
        st = tiny_engine.apply(st, rnd.choice(legal)).state
    assert offered <= set(possible)
    assert len(offered) > 20


def test_well_formed_ids_are_exactly_those_that_decode(tiny: Rules) -> None:
    enc = ActionEncoding(tiny)
    well_formed = set(enc.well_formed_ids())
    for ident in range(enc.size):
        try:
            action = enc.action_from_id(ident)
        except ValueError:
            assert ident not in well_formed
        else:
            assert ident in well_formed
            assert enc.action_id(action) == ident


def test_factors_follow_declaration_order_not_the_alphabet(
    tiny: Rules, tiny_engine: Engine
) -> None:
    enc = ActionEncoding(tiny)
    for i, adef in enumerate(tiny.actions.actions):
        some = next(a for a in every_candidate(tiny_engine) if a.kind == "act" and a.id == adef.id)
        assert enc.factors(enc.action_id(some))[0] == 1 + i
    first_country = tiny.countries.countries[0].id
    place = next(a for a in every_candidate(tiny_engine)
                 if a.country == first_country and a.sphere and not a.power)
    assert enc.factors(enc.action_id(place))[1] == 1
    # decks come in the order the factions name them, whatever their ids sort like
    assert deck_order(tiny)[:3] == ["russia", "china", "eu"]
    russia_first = tiny.decks["russia"].cards[0].id
    china_first = tiny.decks["china"].cards[0].id
    assert enc.card_slots[russia_first] == 0
    assert enc.card_slots[china_first] == tiny.game.settings.encoding.cards_per_deck


def test_appending_content_keeps_every_old_id(tiny: Rules, tiny_rules: Path) -> None:
    old_engine = Engine(tiny)
    old = ActionEncoding(tiny)
    old_ids = {a: old.action_id(a) for a in every_candidate(old_engine)}
    with (tiny_rules / "cards" / "china.yaml").open("a") as f:
        f.write(NEW_CARD)
    with (tiny_rules / "actions.yaml").open("a") as f:
        f.write(NEW_ACTION)
    (tiny_rules / "cards" / "aaa_unused.yaml").write_text(NEW_DECK)
    bigger = load_rules(tiny_rules)
    new_engine = Engine(bigger)
    new = ActionEncoding(bigger)
    assert new.size == old.size
    for action, ident in old_ids.items():
        assert new.action_id(action) == ident, str(action)
        assert new.action_from_id(ident) == action
    added = every_candidate(new_engine) - set(old_ids)
    assert {a.id for a in added} == {"zz_new_corridor", "aa_new_summit"}
    assert not {new.action_id(a) for a in added} & set(old_ids.values())
    assert "aaa_first" in new.card_slots
    # Alphabetical ranks, by contrast, shift when content is added.
    old_sorted, new_sorted = sorted(old_ids), sorted(every_candidate(new_engine))
    assert any(old_sorted.index(a) != new_sorted.index(a) for a in old_ids)


def test_content_beyond_the_room_is_refused_with_a_message(tiny_rules: Path) -> None:
    game = tiny_rules / "game.yaml"
    text = game.read_text()
    game.write_text(text.replace("  round_structure:", "  encoding: {actions: 2}\n"
                                 "  round_structure:", 1))
    from chessboard.rules.loader import RulesError

    with pytest.raises(RulesError) as caught:
        load_rules(tiny_rules)
    messages = [d.message for d in caught.value.diagnostics]
    assert any("settings.encoding.actions leaves room for 2" in m for m in messages), messages


@pytest.mark.parametrize(("bad", "message"), [
    (Action("card", "no_such_card", "kazakhstan"), "not an action of these rules"),
    (Action("act", "place", "atlantis", "military"), "unknown target 'atlantis'"),
    (Action("act", "place", "kazakhstan"), "not have the targets"),  # place takes a sphere
])
def test_unknown_or_misshapen_actions_are_refused(tiny: Rules, bad: Action, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ActionEncoding(tiny).action_id(bad)


@pytest.mark.parametrize("ident", [-1, 10**9])
def test_ids_out_of_range_are_refused(tiny: Rules, ident: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        ActionEncoding(tiny).action_from_id(ident)


def test_free_slots_and_misshapen_ids_are_refused(tiny: Rules) -> None:
    enc = ActionEncoding(tiny)
    with pytest.raises(ValueError, match="free slot"):
        enc.action_from_id(enc.size - 1)  # the last slot of the last deck block is empty
    with pytest.raises(ValueError, match="pass takes no target"):
        enc.action_from_id(1)  # pass with a power


@pytest.mark.parametrize("which", ["tiny", "rules"])
def test_mask_matches_the_legal_list_over_random_games(
    which: str, request: pytest.FixtureRequest
) -> None:
    r: Rules = request.getfixturevalue(which)
    engine = Engine(r, log=False)
    for seed in range(3):
        rnd = random.Random(seed)
        st = engine.new_game(seed=seed)
        while not st.over:
            legal = engine.legal_actions(st)
            ids = legal_action_ids(engine, st)
            assert [action_from_id(engine, i) for i in ids] == legal
            assert [action_id(engine, a) for a in legal] == ids
            mask = legal_mask(engine, st)
            assert len(mask) == encoding_for(r).size
            assert [i for i, bit in enumerate(mask) if bit] == sorted(ids)
            st = engine.apply(st, rnd.choice(legal)).state
        assert not any(legal_mask(engine, st))
