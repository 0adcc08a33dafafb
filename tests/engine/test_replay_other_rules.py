"""A save made under other rules loads by replaying its actions under the rules loaded now,
up to the first one that is no longer legal ("replayed 37 of 40 actions; action 38 ...")."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from chessboard.cli import main
from chessboard.engine.game import Engine
from chessboard.engine.saves import (
    RulesChangedError,
    SaveError,
    SeatRecord,
    make_save,
    restore,
    restore_by_replaying,
    write_save,
)
from chessboard.engine.state import GameState
from chessboard.rules.loader import load_rules


def _played(engine: Engine, seed: int, steps: int) -> GameState:
    state = engine.new_game(scenario="tiny", seed=seed)
    chooser = random.Random(seed)
    for _ in range(steps):
        state = engine.apply(state, chooser.choice(engine.legal_actions(state))).state
    return state


def _save(engine: Engine, state: GameState):
    seats = [SeatRecord(engine._tables.faction_ids[f], human=False) for f in state.seats]
    return make_save(engine, state, seats)


def _first_card_play(save) -> int:
    return next(i for i, text in enumerate(save.actions) if text.startswith("card:"))


def test_a_rules_edit_keeps_the_game_up_to_the_first_action_no_longer_legal(
        tiny_rules: Path) -> None:
    before = Engine(load_rules(tiny_rules))
    state = _played(before, seed=4, steps=30)
    save = _save(before, state)
    first_card = _first_card_play(save)
    card = save.actions[first_card].split()[0].removeprefix("card:")
    # the designer renames that card: its play is no longer legal under the edited rules
    for path in (tiny_rules / "cards").glob("*.yaml"):
        text = path.read_text()
        if f"id: {card}\n" in text:
            path.write_text(text.replace(f"id: {card}\n", f"id: {card}_v2\n"))
    after = Engine(load_rules(tiny_rules))
    with pytest.raises(RulesChangedError, match="made with other rules"):
        restore(after, save)
    replayed = restore_by_replaying(after, save)
    assert replayed.applied == first_card and replayed.total == 30
    assert not replayed.complete
    assert replayed.message().startswith(
        f"replayed {first_card} of 30 actions; action {first_card + 1} is no longer legal: "
        f"{save.actions[first_card]}: ")
    # the game kept is the one the old rules had reached at that point
    assert replayed.state.actions == restore(before, save, upto=first_card).actions


def test_an_edit_that_changes_no_action_replays_them_all(tiny_rules: Path) -> None:
    before = Engine(load_rules(tiny_rules))
    state = _played(before, seed=2, steps=12)
    save = _save(before, state)
    game = tiny_rules / "game.yaml"
    game.write_text(game.read_text().replace("Russia, China, the EU", "Russia, China and the EU"))
    after = Engine(load_rules(tiny_rules))
    assert after.rules.digest != before.rules.digest
    replayed = restore_by_replaying(after, save)
    assert replayed.complete and replayed.message() == "replayed 12 of 12 actions"


def test_a_set_up_the_new_rules_lack_is_a_clear_refusal(tiny_rules: Path) -> None:
    before = Engine(load_rules(tiny_rules))
    save = _save(before, _played(before, seed=1, steps=3))
    save.scenario = "gone"
    with pytest.raises(SaveError, match="set-up is not valid for these rules"):
        restore_by_replaying(before, save)


def test_replay_command_replays_a_save_of_older_rules(
        tiny_rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = Engine(load_rules(tiny_rules))
    save = _save(before, _played(before, seed=4, steps=30))
    path = tmp_path / "old.json"
    write_save(path, save)
    assert main(["replay", str(path), "--rules", str(tiny_rules)]) == 0
    capsys.readouterr()
    first_card = _first_card_play(save)
    card = save.actions[first_card].split()[0].removeprefix("card:")
    for deck in (tiny_rules / "cards").glob("*.yaml"):
        deck.write_text(deck.read_text().replace(f"id: {card}\n", f"id: {card}_v2\n"))
    assert main(["replay", str(path), "--rules", str(tiny_rules)]) == 1
    out, err = capsys.readouterr()
    assert "made with other rules" in err
    assert f"replayed {first_card} of 30 actions; action {first_card + 1} is no longer " \
        "legal" in out
