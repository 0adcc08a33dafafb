"""Perft-style counts: legal actions from fixed positions, kept as data in ``perft.json``.

Any change to the rules or to move generation changes some count, so an unintended change
shows up here. The fixture rules are frozen, so their counts should never move unless the engine
does; the shipped rules' counts move whenever the rules are tuned. After an intended change,
regenerate the file and review the diff::

    CHESSBOARD_UPDATE_PERFT=1 .venv/bin/python -m pytest tests/engine/test_perft.py
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from chessboard.engine.game import Engine
from chessboard.engine.state import GameState

PERFT_FILE = Path(__file__).with_name("perft.json")
UPDATE = os.environ.get("CHESSBOARD_UPDATE_PERFT") == "1"

TINY_POSITIONS = [(scenario, seed, moves)
                  for scenario in ("tiny", "tiny_west", "tiny_states")
                  for seed in (1, 2, 3)
                  for moves in (0, 7)]
SHIPPED_POSITIONS = [(scenario, 1, moves)
                     for scenario in ("baseline_2020", "russia_looks_west", "chinese_base")
                     for moves in (0, 5)]


def position(engine: Engine, scenario: str, seed: int, moves: int) -> GameState:
    """A new game, then ``moves`` actions chosen by a fixed rule: always the middle one."""
    st = engine.new_game(scenario=scenario, seed=seed)
    for _ in range(moves):
        legal = engine.legal_actions(st)
        st = engine.apply(st, legal[len(legal) // 2]).state
    assert not st.over
    return st


def perft(engine: Engine, st: GameState, depth: int) -> int:
    """Number of action sequences of exactly ``depth`` actions (a finished game has none)."""
    legal = engine.legal_actions(st)
    if depth == 1:
        return len(legal)
    return sum(perft(engine, engine.apply_unchecked(st, a).state, depth - 1) for a in legal)


def fingerprint(st: GameState) -> str:
    """Identifies the position itself (not its log), to tell a moved position from new moves."""
    data = st.to_json()
    data.pop("log")
    data.pop("vp_sources")  # bookkeeping of where VP came from, like the log: not the position
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def measure(
    engine: Engine, positions: list[tuple[str, int, int]], *, depth: int
) -> dict[str, Any]:
    out = {}
    for scenario, seed, moves in positions:
        st = position(engine, scenario, seed, moves)
        entry: dict[str, Any] = {"position": fingerprint(st)}
        for d in range(1, depth + 1):
            entry[f"depth{d}"] = perft(engine, st, d)
        out[f"{scenario} seed={seed} after={moves}"] = entry
    return out


def compare(section: str, measured: dict[str, Any]) -> None:
    stored = json.loads(PERFT_FILE.read_text()) if PERFT_FILE.exists() else {}
    if UPDATE:
        stored[section] = measured
        PERFT_FILE.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n")
        return
    expected = stored.get(section)
    assert expected is not None, f"no {section!r} counts in {PERFT_FILE.name}; " \
        "run with CHESSBOARD_UPDATE_PERFT=1"
    differ = {key: (expected.get(key), value) for key, value in measured.items()
              if expected.get(key) != value}
    assert not differ, (
        f"perft counts changed ({section}): expected vs measured\n"
        + "\n".join(f"  {k}: {e} -> {m}" for k, (e, m) in sorted(differ.items()))
        + "\nif the change is intended, rerun with CHESSBOARD_UPDATE_PERFT=1 and review the diff")
    assert set(expected) == set(measured)


def test_perft_on_the_fixture_rules(tiny_engine: Engine) -> None:
    compare("tiny_rules", measure(tiny_engine, TINY_POSITIONS, depth=3))


def test_perft_on_the_shipped_rules(engine: Engine) -> None:
    compare("shipped_rules", measure(engine, SHIPPED_POSITIONS, depth=2))


def test_perft_counts_are_plausible() -> None:
    """Guards the data file itself: a broken regeneration would not go unnoticed."""
    if UPDATE:
        pytest.skip("regenerating")
    stored = json.loads(PERFT_FILE.read_text())
    assert len(stored["tiny_rules"]) == len(TINY_POSITIONS)
    for entry in (*stored["tiny_rules"].values(), *stored["shipped_rules"].values()):
        assert entry["depth1"] >= 1  # pass is always legal in a live game
        assert all(isinstance(v, int) and v >= 0 for k, v in entry.items() if k != "position")
