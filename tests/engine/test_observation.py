"""The observation vector: layout, declared bounds, and nothing a seat may not see."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from test_encoding import NEW_CARD

from chessboard.engine.game import Engine
from chessboard.engine.observation import (
    observation_layout,
    observe,
    seat_snapshot,
)
from chessboard.engine.state import GameState
from chessboard.rules.loader import Rules, load_rules


def seat_ids(engine: Engine, st: GameState) -> list[str]:
    return [engine.rules.game.factions[f].id for f in st.seats]


def test_layout_is_contiguous_named_and_bounded(tiny: Rules, rules: Rules) -> None:
    for r in (tiny, rules):
        layout = observation_layout(r)
        offset = 0
        for field in layout.fields:
            assert field.offset == offset, field.name
            assert len(field.low) == len(field.high) == len(field.labels) == field.size
            assert all(lo <= hi for lo, hi in zip(field.low, field.high, strict=True))
            used = [label for label in field.labels if label]
            assert len(used) == len(set(used)), f"{field.name} repeats a label"
            offset += field.size
        assert offset == layout.size == len(layout.low) == len(layout.high)
        assert len({f.name for f in layout.fields}) == len(layout.fields)
    with pytest.raises(KeyError, match="no observation field"):
        observation_layout(tiny).field("seed")
    assert "influence" in observation_layout(tiny).describe()


def test_layout_keeps_its_offsets_when_content_is_appended(tiny: Rules, tiny_rules: Path) -> None:
    with (tiny_rules / "cards" / "china.yaml").open("a") as f:
        f.write(NEW_CARD)
    before, after = observation_layout(tiny), observation_layout(load_rules(tiny_rules))
    assert [(f.name, f.offset, f.size) for f in before.fields] == \
        [(f.name, f.offset, f.size) for f in after.fields]
    hand_before, hand_after = before.field("hand").labels, after.field("hand").labels
    changed = [i for i, (a, b) in enumerate(zip(hand_before, hand_after, strict=True)) if a != b]
    assert [hand_after[i] for i in changed] == ["zz_new_corridor"]
    assert hand_before[changed[0]] == ""  # it took a free slot; no old card moved


def _play_and_check(engine: Engine, seed: int) -> int:
    layout = observation_layout(engine.rules)
    rnd = random.Random(seed)
    st = engine.new_game(seed=seed)
    checked = 0
    while True:
        for fid in seat_ids(engine, st):
            vector = observe(engine, engine.view(st, fid), fid)
            assert len(vector) == layout.size
            for i, value in enumerate(vector):
                if not layout.low[i] <= value <= layout.high[i]:
                    field = next(f for f in layout.fields
                                 if f.offset <= i < f.offset + f.size)
                    pytest.fail(f"{field.name}[{field.labels[i - field.offset]}] = {value} is "
                                f"outside {layout.low[i]}..{layout.high[i]}")
            checked += 1
        if st.over:
            return checked
        st = engine.apply(st, rnd.choice(engine.legal_actions(st))).state


@pytest.mark.parametrize("which", ["tiny", "rules"])
def test_values_stay_within_the_declared_bounds_over_random_games(
    which: str, request: pytest.FixtureRequest
) -> None:
    engine = Engine(request.getfixturevalue(which), log=False)
    assert sum(_play_and_check(engine, seed) for seed in range(2)) > 100


@pytest.mark.soak
def test_soak_observation_bounds(rules: Rules, tiny: Rules) -> None:
    games = int(os.environ.get("CHESSBOARD_SOAK_GAMES", "300"))
    engines = [Engine(tiny, log=False), Engine(rules, log=False)]
    for seed in range(games // 4 or 1):  # the full per-step check is dearer than conformance
        _play_and_check(engines[seed % 2], 20_000 + seed)


def test_the_vector_reads_what_the_seat_sees(engine: Engine) -> None:
    st = engine.new_game(seed=3)
    fid = engine.current_faction(st)
    assert fid is not None
    layout = observation_layout(engine.rules)
    vector = observe(engine, engine.view(st, fid), fid)
    f = [x.id for x in engine.rules.game.factions].index(fid)
    assert vector[layout.field("me").offset + f] == 1
    assert vector[layout.field("acting").offset + f] == 1
    assert vector[layout.field("ip").offset + f] == st.ip[f]
    assert vector[layout.field("round").offset] == st.round == 1
    hand = layout.field("hand")
    assert sum(vector[hand.offset:hand.offset + hand.size]) == len(st.hands[f]) > 0
    influence = layout.field("influence")
    kz = influence.labels.index("kazakhstan/economic/china")
    snap = seat_snapshot(engine, engine.view(st, fid), fid)
    assert vector[influence.offset + kz] == snap.influence["kazakhstan", "economic", "china"]
    news = layout.field("news")
    assert sum(vector[news.offset:news.offset + news.size]) == 1


def test_hidden_information_never_reaches_the_vector(engine: Engine) -> None:
    """Two games that differ only in what the seat cannot see look the same to it."""
    st = engine.new_game(seed=5)
    for fid in seat_ids(engine, st):
        view = engine.view(st, fid)
        worlds = [engine.determinize(view, fid, seed) for seed in (1, 2)]
        assert worlds[0].hands != worlds[1].hands or worlds[0].decks != worlds[1].decks
        seen = [observe(engine, engine.view(w, fid), fid) for w in worlds]
        assert seen[0] == seen[1] == observe(engine, view, fid)
    # Nor do the seed or the history of actions (a view may carry neither).
    fid = seat_ids(engine, st)[0]
    view = engine.view(st, fid)
    blank = view.copy()
    blank.seed, blank.actions = 999, None
    assert observe(engine, blank, fid) == observe(engine, view, fid)


def test_the_own_hand_is_seen(engine: Engine) -> None:
    st = engine.new_game(seed=5)
    fid, f = seat_ids(engine, st)[0], st.seats[0]
    fewer = st.copy()
    fewer.hands[f] = st.hands[f][:-1]
    layout = observation_layout(engine.rules)
    hand = layout.field("hand")
    full = observe(engine, engine.view(st, fid), fid)
    less = observe(engine, engine.view(fewer, fid), fid)
    assert sum(full[hand.offset:hand.offset + hand.size]) == \
        sum(less[hand.offset:hand.offset + hand.size]) + 1


def test_a_full_state_or_another_seats_view_is_refused(engine: Engine) -> None:
    st = engine.new_game(seed=1)
    first, second = seat_ids(engine, st)[:2]
    with pytest.raises(ValueError, match="not the full game state"):
        observe(engine, st, first)
    with pytest.raises(ValueError, match="its hand is hidden in it"):
        observe(engine, engine.view(st, first), second)
    with pytest.raises(ValueError, match="unknown faction"):
        observe(engine, engine.view(st, first), "atlantis")
