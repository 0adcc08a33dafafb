"""Designer mode in the window: the debug console (` key) and hot reload (play --watch)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chessboard.rules.loader import load_rules
from chessboard.seats import Seat

SEATS = [Seat("russia", True), Seat("china", False), Seat("eu", False)]


def _type(d, text: str) -> None:
    import pygame

    for char in text:
        d.post(pygame.TEXTINPUT, text=char)
    d.frames(2)
    d.key(pygame.K_RETURN)


def test_the_console_edits_through_the_engine_and_marks_the_save(make_app, tiny) -> None:
    import pygame

    from chessboard.engine.saves import read_save
    from chessboard.ui.board import BoardScene
    from chessboard.ui.console import ConsoleScene
    from chessboard.ui.storage import autosave_path

    d = make_app(tiny, autoplay=True, seats=SEATS, seed=3, designer=True)
    d.run_until(lambda: isinstance(d.top, BoardScene) and d.top.session.can_act())
    board = d.top
    before = len(board.session.to_save().actions)
    d.key(pygame.K_BACKQUOTE)
    assert isinstance(d.top, ConsoleScene)
    _type(d, "track tension 9")
    t = board.session.engine._tables
    assert board.session.state.tracks[t.track_index["tension"]] == 9
    _type(d, "track tension 99")  # refused by the engine's range check, the game unchanged
    assert board.session.state.tracks[t.track_index["tension"]] == 9
    assert "0 to 10" in d.top.lines[-1][0]
    d.key(pygame.K_BACKQUOTE)
    assert d.top is board
    save = read_save(autosave_path())
    assert save.touched and save.debug == [(before, "track tension 9")]


def test_no_console_in_a_normal_game(make_app, tiny) -> None:
    import pygame

    from chessboard.ui.board import BoardScene

    d = make_app(tiny, autoplay=True, seats=SEATS, seed=3)
    d.run_until(lambda: isinstance(d.top, BoardScene) and d.top.session.can_act())
    d.key(pygame.K_BACKQUOTE)
    assert isinstance(d.top, BoardScene)


@pytest.mark.parametrize("valid", [True, False])
def test_a_rules_edit_reloads_and_keeps_the_game(make_app, tiny_rules: Path,
                                                 valid: bool) -> None:
    from chessboard.ui.board import BoardScene
    from chessboard.ui.hotreload import RulesWatcher

    d = make_app(load_rules(tiny_rules), autoplay=True, seats=SEATS, seed=3, designer=True)
    d.run_until(lambda: isinstance(d.top, BoardScene) and d.top.session.can_act())
    old = d.top.session
    played = len(old.to_save().actions)
    assert played > 0
    game = tiny_rules / "game.yaml"
    if valid:
        game.write_text(game.read_text().replace("Russia, China, the EU", "Russia, the EU"))
    else:
        game.write_text(game.read_text().replace("hand_size: 2", "hand_size: many"))
    d.app.watcher = RulesWatcher(tiny_rules)  # not started: the test says when files change
    d.app.watcher.mark_changed()
    d.frames(3)
    board = d.top
    assert isinstance(board, BoardScene)
    if valid:
        assert board.session is not old and board.session.engine is d.app.engine
        assert d.app.rules.digest != old.engine.rules.digest
        assert len(board.session.to_save().actions) == played
        assert f"replayed {played} of {played} actions" in board.message
        assert d.app.rules_problem == ""
    else:
        assert board.session is old  # the game goes on under the old rules
        assert "game.yaml:10" in d.app.rules_problem and "whole number" in d.app.rules_problem
        assert board.marks().warning.startswith("The edited rules have problems")
        game.write_text(game.read_text().replace("hand_size: many", "hand_size: 2"))
        d.app.watcher.mark_changed()
        d.frames(3)
        assert d.app.rules_problem == ""  # valid again: the warning goes


def test_the_load_list_offers_to_load_a_save_of_older_rules_by_replaying(
        make_app, tiny_rules: Path, data_dir: Path) -> None:
    import random

    import pygame

    from chessboard.engine.game import Engine
    from chessboard.engine.saves import SeatRecord, make_save, write_save
    from chessboard.ui.board import BoardScene
    from chessboard.ui.load import LoadScene
    from chessboard.ui.overlays import ConfirmScene

    old = Engine(load_rules(tiny_rules))
    state = old.new_game(scenario="tiny", seats=["russia", "china", "eu"], seed=5)
    chooser = random.Random(5)
    for _ in range(8):
        state = old.apply(state, chooser.choice(old.legal_actions(state))).state
    seats = [SeatRecord("russia", True), SeatRecord("china", False), SeatRecord("eu", False)]
    write_save(data_dir / "saves" / "old.json", make_save(old, state, seats))
    game = tiny_rules / "game.yaml"  # the designer edits the rules after saving
    game.write_text(game.read_text().replace("base_income: 4", "base_income: 5", 1))
    d = make_app(load_rules(tiny_rules))
    d.top.load_game()
    d.frames(2)
    assert isinstance(d.top, LoadScene)
    d.top.load(0)
    d.frames(2)
    offer = d.top
    assert isinstance(offer, ConfirmScene) and "made with other rules" in offer.text
    d.key(pygame.K_RETURN)
    board = d.app.stack.find(BoardScene)
    assert board is not None
    assert len(board.session.to_save().actions) == 8
    # said when a human is next to act (bots may move first)
    assert "Loaded by replaying: replayed 8 of 8 actions" in \
        f"{board.message} {board.session.notice}"


def test_the_load_list_says_a_save_was_touched(tiny_engine, tmp_path: Path) -> None:
    from chessboard.engine.debug import apply_edit
    from chessboard.engine.saves import SeatRecord, make_save
    from chessboard.ui.storage import SaveEntry

    st = tiny_engine.new_game(scenario="tiny", seed=1)
    seats = [SeatRecord(tiny_engine._tables.faction_ids[f], human=False) for f in st.seats]
    plain = make_save(tiny_engine, st, seats)
    touched = make_save(tiny_engine, apply_edit(tiny_engine, st, "ip eu 1"), seats,
                        debug=[(0, "ip eu 1")])
    assert "debug edits" not in SaveEntry(tmp_path / "a.json", plain).describe()
    assert SaveEntry(tmp_path / "b.json", touched).describe().endswith(" · debug edits")


@pytest.mark.parametrize("which", ["tiny", "rules"])
def test_the_console_examples_work_under_the_rules_loaded(which: str,
                                                          request: pytest.FixtureRequest) -> None:
    """The examples use the loaded rules' own ids, so each one applies as written."""
    from chessboard.engine.debug import apply_edit
    from chessboard.engine.game import Engine
    from chessboard.ui.console import examples

    rules = request.getfixturevalue(which)
    engine = Engine(rules)
    st = engine.new_game(seed=1)
    line = examples(rules)
    assert line.startswith("e.g. ")
    edits = line.removeprefix("e.g. ").split(" · ")
    assert [e.split()[0] for e in edits] == ["event", "card", "track", "ip"]
    for edit in edits:
        st = apply_edit(engine, st, edit)  # raises DebugError on an id the rules lack
