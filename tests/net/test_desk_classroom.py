"""The instructor's timer and pause as a team device sees them (no server needed)."""

from __future__ import annotations

import pytest

from chessboard.net.desk import Desk, DeviceError
from chessboard.seats import Seat
from chessboard.ui.facilitation import Classroom
from chessboard.ui.session import GameSession


class FakeClock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def remote_game(tiny_engine) -> tuple[GameSession, Desk, FakeClock, str]:
    session = GameSession.new(tiny_engine, [Seat("russia", True), Seat("china", True)],
                              scenario="tiny", seed=2, rounds=None)
    clock = FakeClock()
    session.classroom = Classroom(timer=45, timer_action="pass", clock=clock)
    desk = Desk(session)
    for seat in ("russia", "china"):
        desk.handle(seat, {"type": "join"})
    current = session.current
    assert current is not None
    return session, desk, clock, current


def test_the_device_page_shows_the_seat_to_act_its_time(tiny_engine) -> None:
    session, desk, clock, current = remote_game(tiny_engine)
    other = next(f for f in ("russia", "china") if f != current)
    session.classroom.timer.poll(session)  # a remote seat is timed: its team acts on its device
    clock.now += 15
    session.classroom.timer.poll(session)
    assert desk.snapshot(current)["timer"] == 30
    assert desk.snapshot(other)["timer"] is None  # only the acting seat counts down
    session.classroom.paused = True
    assert desk.snapshot(current)["timer"] is None


def test_a_paused_game_refuses_device_moves(tiny_engine) -> None:
    session, desk, _clock, current = remote_game(tiny_engine)
    session.classroom.paused = True
    with pytest.raises(DeviceError, match="paused"):
        desk.handle(current, {"type": "confirm", "action": "pass"})
    session.classroom.paused = False
    desk.handle(current, {"type": "confirm", "action": "pass"})
    assert session.turn_done


def test_a_device_cannot_take_the_facilitators_action(tiny_engine) -> None:
    session, desk, _clock, current = remote_game(tiny_engine)
    with pytest.raises(DeviceError, match="facilitator"):
        desk.handle(current, {"type": "confirm", "action": "end:1"})
    assert session.state.rounds == 4
