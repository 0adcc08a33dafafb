"""Helpers shared by the engine tests: addressing the flat state lists and running expressions.

Kept out of ``conftest.py`` because they are plain functions, imported by name.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter

from chessboard.engine.actions import PASS, Action
from chessboard.engine.conditions import compile_condition
from chessboard.engine.context import Ctx, Tables
from chessboard.engine.effects import compile_effect
from chessboard.engine.game import Engine
from chessboard.engine.quantities import compile_amount
from chessboard.engine.state import FIELDS, GameState, unroll
from chessboard.rules import expressions as ex

EFFECT = TypeAdapter(ex.Effect)
CONDITION = TypeAdapter(ex.Condition)
AMOUNT = TypeAdapter(ex.Amount)


def refresh(st: GameState) -> None:
    """Forget anything the engine derived from ``st`` and cached on it, after a direct edit.

    Tests edit state lists in place to set up positions; a copy starts with no caches, so
    taking every field from one keeps ``st`` the same object with nothing stale on it.
    """
    clean = st.copy()
    for name, _, _ in FIELDS:
        setattr(st, name, getattr(clean, name))


def action_texts(st: GameState) -> list[str]:
    """The actions taken so far, as text."""
    return [str(a) for a in unroll(st.actions)]


def inf_index(t: Tables, country: str, sphere: str, power: str) -> int:
    """Where ``state.inf`` keeps a power's influence in a country-sphere."""
    c, s, p = t.country_index[country], t.sphere_index[sphere], t.power_index[power]
    return (c * t.S + s) * t.P + p


def get_inf(t: Tables, st: GameState, country: str, sphere: str, power: str) -> int:
    return st.inf[inf_index(t, country, sphere, power)]


def set_inf(t: Tables, st: GameState, country: str, sphere: str, power: str, value: int) -> None:
    st.inf[inf_index(t, country, sphere, power)] = value
    refresh(st)


def pc_index(t: Tables, country: str, power: str) -> int:
    """Where ``state.opinion`` and ``state.stance`` keep a country's view of a power."""
    return t.country_index[country] * t.P + t.power_index[power]


def track(t: Tables, st: GameState, track_id: str) -> int:
    return st.tracks[t.track_index[track_id]]


def set_track(t: Tables, st: GameState, track_id: str, value: int) -> None:
    st.tracks[t.track_index[track_id]] = value


def faction(t: Tables, faction_id: str) -> int:
    return t.faction_index[faction_id]


def bind(
    t: Tables,
    st: GameState,
    *,
    actor: str | None = None,
    country: str | None = None,
    sphere: str | None = None,
    power: str | None = None,
) -> Ctx:
    """A context with a log, bound like an action or phase rule would bind it."""
    cx = Ctx(t, st, t.faction_index[actor] if actor else -1, log=[])
    cx.c = t.country_index[country] if country else -1
    cx.s = t.sphere_index[sphere] if sphere else -1
    cx.p = t.power_index[power] if power else -1
    return cx


def run_effect(t: Tables, st: GameState, yaml: dict[str, Any], **binding: str) -> list[str]:
    """Compile one effect written as YAML data, run it on ``st`` in place, return the log."""
    refresh(st)
    cx = bind(t, st, **binding)
    compile_effect(EFFECT.validate_python(yaml), t)(cx)
    assert cx.log is not None
    return cx.log


def check(t: Tables, st: GameState, yaml: dict[str, Any], **binding: str) -> bool:
    refresh(st)
    return compile_condition(CONDITION.validate_python(yaml), t)(bind(t, st, **binding))


def amount(t: Tables, st: GameState, yaml: Any, **binding: str) -> int:
    refresh(st)
    return compile_amount(AMOUNT.validate_python(yaml), t)(bind(t, st, **binding))


def pass_until(engine: Engine, st: GameState, stop: Callable[[GameState], bool]) -> GameState:
    """Apply ``pass`` until ``stop`` holds (or the game ends)."""
    for _ in range(1000):
        if st.over or stop(st):
            return st
        st = engine.apply(st, PASS).state
    raise AssertionError("pass_until never stopped")


def turn_of(engine: Engine, st: GameState, faction_id: str) -> GameState:
    """Pass until ``faction_id`` is to act."""
    return pass_until(engine, st, lambda s: engine.current_faction(s) == faction_id)


def random_game(
    engine: Engine,
    seed: int,
    *,
    scenario: str | None = None,
    choice_seed: int | None = None,
    seats: list[str] | None = None,
) -> GameState:
    """A whole game of uniformly random legal choices (the choices seeded apart from the game)."""
    st = engine.new_game(scenario=scenario, seed=seed, seats=seats)
    chooser = random.Random(seed if choice_seed is None else choice_seed)
    while not st.over:
        st = engine.apply(st, chooser.choice(engine.legal_actions(st))).state
    return st


def act(text: str) -> Action:
    return Action.parse(text)
