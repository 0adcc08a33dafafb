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
    _legacy_digest,
    leftover_temp_files,
    make_save,
    read_save,
    replay_matches,
    restore,
    state_digest,
    write_save,
)
from chessboard.engine.state import unroll
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
    return [SeatRecord(engine._tables.faction_ids[f], human=False) for f in state.seats]


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
        ('{"format": "chessboard-save", "version": 99}', "newer version of the game"),
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


def _session_game(engine: Engine, tmp_path: Path, *, seed: int, steps: int | None):
    """A game played through the window's session class (headless), autosaving as it goes."""
    from chessboard.seats import Seat
    from chessboard.ui.session import GameSession

    seats = [Seat("russia", True, name="Ana"), Seat("china", False, "random"),
             Seat("eu", False, "heuristic", "easy"), Seat("kazakhstan", True)]
    autosave = tmp_path / "autosave.json"
    session = GameSession.new(engine, seats, scenario=None, seed=seed, rounds=3,
                              autosave=autosave)
    chooser = random.Random(seed)
    count = 0
    while not session.state.over and (steps is None or count < steps):
        if session.bot_to_move():
            session.start_bot().thread.join()
            session.finish_bot()
        else:
            session.take_over()
            session.apply(chooser.choice(engine.legal_actions(session.state)))
            session.end_turn()
        count += 1
    return session, autosave


@pytest.mark.parametrize(("seed", "steps"), [(3, 25), (4, None)])
def test_replay_command_accepts_saves_of_the_window_session(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str], seed: int,
    steps: int | None,
) -> None:
    """The session's engine logs, the replay's need not: the digest must not depend on it."""
    from chessboard.cli import main

    session, autosave = _session_game(engine, tmp_path, seed=seed, steps=steps)
    assert engine.logging and autosave.is_file()
    manual = tmp_path / "manual.json"
    session.save(manual)
    for path in (autosave, manual):
        assert main(["replay", str(path)]) == 0, capsys.readouterr()
        assert "end state matches the save" in capsys.readouterr().out
        _, same = replay_matches(Engine(engine.rules, log=False), read_save(path))
        assert same


def test_digest_ignores_the_log_but_not_the_game(engine: Engine) -> None:
    state = _played(engine, seed=6, steps=20)
    quiet = Engine(engine.rules, log=False)
    replayed = quiet.new_game(seed=6)
    for action in unroll(state.actions):
        replayed = quiet.apply(replayed, action).state
    assert replayed.log != state.log
    assert state_digest(replayed) == state_digest(state)
    changed = state.copy()
    changed.vp = [v + 1 for v in changed.vp]
    assert state_digest(changed) != state_digest(state)


def test_saves_with_the_old_digest_still_replay(engine: Engine) -> None:
    """Saves written before the digest left out the log: checked when the replay logs."""
    state = _played(engine, seed=8, steps=15)
    save = make_save(engine, state, _seats(engine, state))
    save.state_digest = _legacy_digest(state)
    assert replay_matches(engine, save)[1]
    save.state_digest = _legacy_digest(_played(engine, seed=8, steps=14))
    assert not replay_matches(engine, save)[1]


def test_write_fsyncs_before_the_rename(engine: Engine, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from chessboard.engine import saves

    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(saves.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(saves.os, "replace",
                        lambda a, b: (events.append("replace"), real_replace(a, b)))
    state = _played(engine, seed=1, steps=2)
    write_save(tmp_path / "a.json", make_save(engine, state, _seats(engine, state)))
    assert events[:2] == ["fsync", "replace"]


def test_temp_files_are_named_for_clean_up(engine: Engine, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A write cut short leaves ``.NAME.*.tmp``, which leftover_temp_files finds (and only it)."""
    from chessboard.engine import saves

    path = tmp_path / "autosave.json"
    state = _played(engine, seed=1, steps=2)

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # as kill -9 between write and rename, minus the clean-up

    monkeypatch.setattr(saves.os, "replace", crash)
    monkeypatch.setattr(saves.Path, "unlink", lambda self, missing_ok=False: None)
    with pytest.raises(KeyboardInterrupt):
        write_save(path, make_save(engine, state, _seats(engine, state)))
    monkeypatch.undo()
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(".autosave.json.") and left[0].endswith(".tmp")
    legacy = tmp_path / "autosave.jsonab12cd.tmp"
    legacy.write_text("{")
    (tmp_path / "other.json.tmp").write_text("{")
    (tmp_path / ".other.json.x.tmp").write_text("{")
    (tmp_path / "autosave.json").write_text("{}")
    found = [p.name for p in leftover_temp_files(path)]
    assert sorted(found) == sorted([left[0], legacy.name])


def test_seat_vocabulary_is_the_bot_registry_s(engine: Engine) -> None:
    """Saves accept exactly the kinds the registry makes (one vocabulary, not two)."""
    from chessboard.ai.registry import MAKERS, make_bot
    from chessboard.engine.saves import parse_save
    from chessboard.seats import BOT_KINDS, LEVELS

    assert tuple(MAKERS) == BOT_KINDS
    state = _played(engine, seed=2, steps=1)
    data = make_save(engine, state, _seats(engine, state)).to_json()
    for kind in BOT_KINDS:
        for level in LEVELS:
            data["seats"][1].update(bot=kind, level=level)
            record = parse_save(data).seats[1]
            assert make_bot(record.bot, level=record.level) is not None


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_a_failed_write_keeps_the_previous_save_and_no_temp_file(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str,
) -> None:
    """A full disk (ENOSPC) at any point of the write: the old save stays whole, the error
    reaches the caller (the window warns and keeps playing), nothing is left behind."""
    import errno
    import io
    import os

    from chessboard.engine import saves

    path = tmp_path / "autosave.json"
    state = _played(engine, seed=9, steps=4)
    write_save(path, make_save(engine, state, _seats(engine, state)))
    before = path.read_bytes()

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def half_written(data: object, out: io.TextIOBase, **kwargs: object) -> None:
        out.write('{"format": "chessboard-save", "vers')
        full()

    if where == "write":
        monkeypatch.setattr(saves.json, "dump", half_written)
    else:
        monkeypatch.setattr(saves.os, where, full)
    later = _played(engine, seed=9, steps=8)
    with pytest.raises(OSError) as info:
        write_save(path, make_save(engine, later, _seats(engine, later)))
    monkeypatch.undo()
    assert info.value.errno == errno.ENOSPC
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["autosave.json"]
    assert len(read_save(path).actions) == 4
