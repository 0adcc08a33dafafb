"""The window's game controller and scene stack, without drawing anything."""

from __future__ import annotations

import sys
import time

import pytest

from chessboard.engine.actions import PASS
from chessboard.seats import Seat
from chessboard.ui.boardread import BoardReader
from chessboard.ui.diff import diff_states
from chessboard.ui.session import GameSession

pytestmark = pytest.mark.ui


def test_the_controller_does_not_import_pygame() -> None:
    import subprocess

    code = "import sys, chessboard.ui.session, chessboard.ui.diff; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_undo_goes_back_to_the_start_of_the_turn(tiny_engine) -> None:
    session = GameSession.new(tiny_engine, [Seat("russia", True), Seat("china", True)],
                              scenario="tiny", seed=2, rounds=None)
    session.take_over()
    start = session.state
    played = session.apply(session.legal()[-1])
    assert session.can_undo and session.actor == played.faction
    assert session.undo()
    assert session.state is start and not session.turn_done
    session.apply(PASS)
    session.end_turn()
    assert not session.can_undo  # control passed


def test_undo_stops_where_hidden_information_came_out(tiny_engine) -> None:
    session = GameSession.new(tiny_engine, [Seat("russia", True), Seat("china", True)],
                              scenario="tiny", seed=2, rounds=None)
    rounds_seen = session.state.round
    while session.state.round == rounds_seen:  # pass until the round ends (news, new cards)
        session.take_over()
        played = session.apply(PASS)
        if not played.round_over:
            assert session.can_undo
            session.end_turn()
    assert played.round_over and not session.can_undo
    assert not session.undo()


def test_hands_are_hidden_between_two_humans(tiny_engine) -> None:
    session = GameSession.new(tiny_engine, [Seat("russia", True, name="Ann"),
                                            Seat("china", True, name="Ben")],
                              scenario="tiny", seed=2, rounds=None)
    assert session.needs_handover() and session.hand() == ()
    session.take_over()
    first = session.current
    assert session.hand() and not session.needs_handover()
    session.apply(PASS)
    session.end_turn()
    assert session.current != first
    assert session.hand() == () and session.needs_handover()
    assert session.label("russia") == "Ann (Russia)"


def test_a_single_human_sees_their_hand_during_bot_turns(tiny_engine) -> None:
    session = GameSession.new(tiny_engine, [Seat("russia", True), Seat("china", False)],
                              scenario="tiny", seed=2, rounds=None)
    assert session.viewer == "russia" and not session.needs_handover()
    assert session.hand()


def test_bots_choose_in_a_worker_thread(tiny_engine) -> None:
    session = GameSession.new(tiny_engine, [Seat("russia", False), Seat("china", False)],
                              scenario="tiny", seed=2, rounds=None)
    assert session.bot_to_move()
    job = session.start_bot()
    deadline = time.time() + 10
    played = None
    while played is None and time.time() < deadline:
        played = session.finish_bot()
    assert played is not None and played.by_bot and played.faction == job.faction
    assert session.job is None


def test_diff_names_what_changed(tiny_engine) -> None:
    state = tiny_engine.new_game(scenario="tiny", seed=1)
    action = next(a for a in tiny_engine.legal_actions(state) if a.id.startswith("place"))
    after = tiny_engine.preview(state, action).state
    changes = diff_states(BoardReader(tiny_engine), state, after)
    t = tiny_engine._tables
    c, s = t.country_index[action.country], t.sphere_index[action.sphere]
    assert (c, s) in changes.cells
    assert any(t.country_names[c] in line for line in changes.lines)


def test_scene_stack_pairs_pause_and_resume() -> None:
    from chessboard.ui.scene import Scene, SceneStack

    calls: list[str] = []

    class Probe(Scene):
        def __init__(self, name: str, consume: bool, opaque: bool = True) -> None:
            self.name, self.consume, self.opaque = name, consume, opaque

        def enter(self) -> None:
            calls.append(f"enter {self.name}")

        def exit(self) -> None:
            calls.append(f"exit {self.name}")

        def pause(self) -> None:
            calls.append(f"pause {self.name}")

        def resume(self) -> None:
            calls.append(f"resume {self.name}")

        def process_event(self, event):
            calls.append(f"event {self.name}")
            return None if self.consume else event

    stack = SceneStack()
    stack.push(Probe("a", consume=True))
    stack.push(Probe("b", consume=False, opaque=False))
    assert stack.process_event("e") is None  # the overlay b passes it down, a takes it
    stack.replace(Probe("c", consume=False))
    assert stack.process_event("f") == "f"  # c covers a: unconsumed, back to the window
    stack.pop()
    assert calls == ["enter a", "pause a", "enter b", "event b", "event a", "exit b", "enter c",
                     "event c", "exit c", "resume a"]
    assert SceneStack().process_event("e") == "e"


def test_a_failing_bot_passes_instead_of_ending_the_game(tiny_engine, capsys) -> None:
    session = GameSession.new(tiny_engine, [Seat("russia", False), Seat("china", False)],
                              scenario="tiny", seed=2, rounds=None)

    class Broken:
        name = "broken"

        def choose(self, engine, view, legal):
            raise RuntimeError("out of ideas")

    session.bots[session.current] = Broken()
    session.start_bot()
    played = None
    while played is None:
        played = session.finish_bot()
    assert played.action == PASS
    assert "out of ideas" in session.bot_error
