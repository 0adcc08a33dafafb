"""play --watch without a window: the watcher thread notices edits, and the reload keeps the
game (pygame-free parts of chessboard.ui.hotreload)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from chessboard.engine.game import Engine
from chessboard.rules.loader import load_rules
from chessboard.seats import Seat
from chessboard.ui.hotreload import RulesWatcher, reload_rules, replay_session
from chessboard.ui.session import GameSession


def test_the_watcher_notices_an_edit(tiny_rules: Path) -> None:
    pytest.importorskip("watchfiles")
    watcher = RulesWatcher(tiny_rules)
    watcher.start()
    try:
        time.sleep(0.5)  # the watch is set up
        assert not watcher.changed()
        game = tiny_rules / "game.yaml"
        game.write_text(game.read_text() + "\n")
        deadline = time.monotonic() + 10
        while not watcher.changed():
            assert time.monotonic() < deadline, "no change noticed in 10 s"
            time.sleep(0.05)
        assert not watcher.changed()  # once per batch
    finally:
        watcher.stop()


def test_broken_rules_are_reported_not_raised(tiny_rules: Path) -> None:
    actions = tiny_rules / "actions.yaml"
    actions.write_text(actions.read_text().replace("influence: {amount: 1}",
                                                   "influense: {amount: 1}", 1))
    result = reload_rules(tiny_rules)
    assert result.rules is None
    assert result.problems.startswith("The edited rules have problems")
    assert "actions.yaml" in result.problems and "influense" in result.report


def test_the_game_is_replayed_under_the_new_rules(tiny_rules: Path, tmp_path: Path) -> None:
    engine = Engine(load_rules(tiny_rules))
    seats = [Seat("russia", True), Seat("china", False), Seat("eu", False)]
    session = GameSession.new(engine, seats, scenario="tiny", seed=2, rounds=None,
                              autosave=tmp_path / "auto.json")
    for _ in range(6):
        if session.bot_to_move():
            session.start_bot().thread.join()
            session.finish_bot()
        else:
            session.apply(engine.legal_actions(session.state)[0])
            session.end_turn()
    session.debug_edit("track tension 6")
    played = len(session.to_save().actions)
    # the edit: EU income +3, which changes the game but leaves every action legal
    game = tiny_rules / "game.yaml"
    game.write_text(game.read_text().replace("base_income: 4", "base_income: 7", 1))
    new_engine = Engine(load_rules(tiny_rules))
    new, note = replay_session(session, new_engine)
    assert note == f"Rules reloaded: replayed {played} of {played} actions."
    assert new.engine is new_engine and new.seats == session.seats
    assert new.debug_edits == session.debug_edits
    assert new.state.tracks == session.state.tracks  # the console's edit replayed too
    eu = engine._tables.faction_index["eu"]
    assert new.state.ip[eu] == session.state.ip[eu] + 3  # under the new rules' income
    assert (tmp_path / "auto.json").is_file()
