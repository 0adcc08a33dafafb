"""A seed plus the list of actions replays a game exactly, whatever the global RNG does."""

from __future__ import annotations

import json
import random

import pytest
from engine_helpers import action_texts, random_game

from chessboard.engine.actions import Action
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState, unroll


def replay(engine: Engine, scenario: str, seed: int, actions: list[str]) -> GameState:
    st = engine.new_game(scenario=scenario, seed=seed)
    for i, text in enumerate(actions):
        # Disturb the global RNG between steps: the engine must never draw from it.
        random.seed(i * 31 + 7)
        random.random()
        st = engine.apply(st, Action.parse(text)).state
    return st


@pytest.mark.parametrize(("scenario", "seed"), [("tiny", 1), ("tiny_west", 2), ("tiny_states", 3)])
def test_replay_from_the_action_list_is_identical(
    tiny_engine: Engine, scenario: str, seed: int
) -> None:
    original = random_game(tiny_engine, seed, scenario=scenario)
    actions = action_texts(original)
    assert actions, "the game had no actions to replay"
    random.seed(12345)
    again = replay(tiny_engine, scenario, seed, actions)
    assert json.dumps(again.to_json(), sort_keys=True) == json.dumps(
        original.to_json(), sort_keys=True)
    assert unroll(again.log) == unroll(original.log)


def test_replay_on_the_shipped_rules(engine: Engine) -> None:
    original = random_game(engine, 5)
    again = replay(engine, original.scenario, 5, action_texts(original))
    assert again == original


def test_replay_from_a_json_save_midway(tiny_engine: Engine) -> None:
    original = random_game(tiny_engine, 9, scenario="tiny")
    actions = action_texts(original)
    st = tiny_engine.new_game(scenario="tiny", seed=9)
    for text in actions[: len(actions) // 2]:
        st = tiny_engine.apply(st, Action.parse(text)).state
    st = GameState.from_json(json.loads(json.dumps(st.to_json())))
    for text in actions[len(actions) // 2:]:
        st = tiny_engine.apply(st, Action.parse(text)).state
    assert st == original


def test_same_seed_and_choices_give_identical_games(tiny_engine: Engine) -> None:
    a = random_game(tiny_engine, 4, scenario="tiny", choice_seed=99)
    random.seed(0)
    b = random_game(tiny_engine, 4, scenario="tiny", choice_seed=99)
    assert a == b and a.to_json() == b.to_json()


def test_different_seeds_give_different_games(tiny_engine: Engine) -> None:
    starts = {json.dumps(tiny_engine.new_game(scenario="tiny", seed=s).to_json())
              for s in range(1, 6)}
    assert len(starts) == 5
    # Same choices (same chooser seed), different game seeds: the games still differ.
    a = random_game(tiny_engine, 1, scenario="tiny", choice_seed=42)
    b = random_game(tiny_engine, 2, scenario="tiny", choice_seed=42)
    assert a != b


def test_a_logless_engine_plays_the_same_game(tiny_engine: Engine) -> None:
    quiet = Engine(tiny_engine.rules, log=False)
    original = random_game(tiny_engine, 6, scenario="tiny_states")
    st = quiet.new_game(scenario="tiny_states", seed=6)
    for text in action_texts(original):
        st = quiet.apply(st, Action.parse(text)).state
    assert st.to_json() | {"log": []} == original.to_json() | {"log": []}
