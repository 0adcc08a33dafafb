"""Saves: round trip, replay, and clear refusals of corrupt, foreign or mismatched files."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from chessboard.engine.game import Engine
from chessboard.engine.saves import (
    SaveError,
    SeatRecord,
    make_save,
    read_save,
    replay_matches,
    restore,
    state_digest,
    write_save,
)
from chessboard.rules.loader import load_rules


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_rules())


def _played(engine: Engine, seed: int, steps: int | None = None):
    state = engine.new_game(seed=seed)
    chooser = random.Random(seed)
    count = 0
    while not state.over and (steps is None or count < steps):
        state = engine.apply(state, chooser.choice(engine.legal_actions(state))).state
        count += 1
    return state


def _seats(engine: Engine, state) -> list[SeatRecord]:
    return [SeatRecord(engine.t.faction_ids[f], human=False) for f in state.seats]


def test_save_and_restore_mid_game(engine: Engine, tmp_path: Path) -> None:
    state = _played(engine, seed=5, steps=37)
    path = tmp_path / "game.json"
    write_save(path, make_save(engine, state, _seats(engine, state), extra={"note": "x"}))
    save = read_save(path)
    assert save.seed == 5 and len(save.actions) == 37 and save.extra == {"note": "x"}
    restored = restore(engine, save)
    assert restored == state
    assert state_digest(restored) == save.state_digest


def test_replay_of_a_finished_game_matches(engine: Engine, tmp_path: Path) -> None:
    state = _played(engine, seed=11)
    path = tmp_path / "done.json"
    write_save(path, make_save(engine, state, _seats(engine, state)))
    replayed, same = replay_matches(engine, read_save(path))
    assert same and replayed.over and replayed.winner == state.winner


def test_tampered_action_list_is_reported(engine: Engine, tmp_path: Path) -> None:
    state = _played(engine, seed=3, steps=10)
    data = make_save(engine, state, _seats(engine, state)).to_json()
    data["actions"][4] = "card:no_such_card kazakhstan"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="action 5 of the save cannot be replayed"):
        restore(engine, read_save(path))


def test_state_digest_mismatch_is_detected(engine: Engine, tmp_path: Path) -> None:
    state = _played(engine, seed=4, steps=12)
    save = make_save(engine, state, _seats(engine, state))
    save.state_digest = "0" * 64
    _, same = replay_matches(engine, save)
    assert not same


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", "not valid JSON"),
        ('{"format": "something-else"}', "not a Chessboard save"),
        ('{"format": "chessboard-save", "version": 99}', "format version 99"),
        ('{"format": "chessboard-save", "version": 1, "rules": {}}', "damaged"),
        ("[1, 2, 3]", "not a Chessboard save"),
    ],
)
def test_corrupt_or_foreign_files_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content)
    with pytest.raises(SaveError, match=message):
        read_save(path)


def test_binary_and_missing_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x80\x81\xff\x00" * 10)
    with pytest.raises(SaveError, match="not a text file"):
        read_save(path)
    with pytest.raises(SaveError, match="cannot open"):
        read_save(tmp_path / "missing.json")


def test_save_from_other_rules_is_refused(engine: Engine, tmp_path: Path) -> None:
    state = _played(engine, seed=2, steps=5)
    save = make_save(engine, state, _seats(engine, state))
    save.rules_digest = "f" * 64
    with pytest.raises(SaveError, match="made with other rules"):
        restore(engine, save)


def test_write_is_atomic_and_leaves_no_temp_files(engine: Engine, tmp_path: Path) -> None:
    state = _played(engine, seed=1, steps=3)
    path = tmp_path / "sub" / "auto.json"
    for _ in range(3):
        write_save(path, make_save(engine, state, _seats(engine, state)))
    assert [p.name for p in path.parent.iterdir()] == ["auto.json"]
