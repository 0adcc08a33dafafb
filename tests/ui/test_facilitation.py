"""The instructor's controls without a window: timer, end after this round, history, presets."""

from __future__ import annotations

import sys

import pytest

from chessboard.engine.actions import PASS
from chessboard.engine.saves import replay_matches
from chessboard.engine.state import unroll
from chessboard.presets import PRESETS, estimate, preset
from chessboard.seats import Seat
from chessboard.ui.facilitation import (
    GRACE_SECONDS,
    Classroom,
    TurnTimer,
    parse_seat_timers,
)
from chessboard.ui.session import GameSession
from chessboard.ui.timeline import Timeline

pytestmark = pytest.mark.ui


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def solo(tiny_engine, seed: int = 2) -> GameSession:
    """Russia human, China a bot, Russia to act first or soon."""
    return GameSession.new(tiny_engine, [Seat("russia", True), Seat("china", False)],
                           scenario="tiny", seed=seed, rounds=None)


def to_human_turn(session: GameSession) -> None:
    while not session.can_act():
        assert session.bot_to_move()
        session.start_bot()
        session.job.thread.join()
        session.finish_bot()


def timed(tiny_engine, timer: int, *, seed: int = 2, human_turn: bool = True,
          timer_action: str = "warn") -> tuple[GameSession, FakeClock, TurnTimer]:
    """A :func:`solo` session with a turn timer on a fake clock, at the human's turn."""
    session = solo(tiny_engine, seed=seed)
    clock = FakeClock()
    session.classroom = Classroom(timer=timer, timer_action=timer_action, clock=clock)
    if human_turn:
        to_human_turn(session)
    return session, clock, session.classroom.timer


def test_the_modules_do_not_import_pygame() -> None:
    import subprocess

    code = ("import sys, chessboard.ui.facilitation, chessboard.ui.timeline, chessboard.presets;"
            " print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_timer_counts_down_warns_and_then_passes(tiny_engine) -> None:
    session, clock, timer = timed(tiny_engine, 30, timer_action="pass")
    turn = (session.state.round, session.state.action_round, session.state.turn)
    assert timer.poll(session) is None and session.classroom.seconds_left(session) == 30
    clock.now += 12.2
    assert timer.poll(session) is None and session.classroom.seconds_left(session) == 18
    clock.now += 18
    assert timer.poll(session) == "warn"
    assert session.classroom.seconds_left(session) == 0
    clock.now += GRACE_SECONDS - 1
    assert timer.poll(session) is None  # the grace after the warning
    clock.now += 1
    assert timer.poll(session) == "pass"
    played = session.timed_pass()
    assert played.action == PASS and str(unroll(session.state.actions)[-1]) == "pass"
    assert (session.state.round, session.state.action_round, session.state.turn) != turn
    assert not session.turn_done  # the turn ended too: control passed


def test_a_seat_may_have_its_own_turn_length(tiny_engine) -> None:
    session = GameSession.new(tiny_engine, [Seat("russia", True), Seat("china", True)],
                              scenario="tiny", seed=2, rounds=None)
    clock = FakeClock()
    session.classroom = Classroom(timer=30, timer_action="pass", clock=clock,
                                  seat_timers={"china": 90})
    timer = session.classroom.timer
    lengths = {}
    for _turn in range(2):  # one turn of each seat
        if session.needs_handover():
            session.take_over()  # the next team at the device
        seat = session.current
        timer.poll(session)
        lengths[seat] = timer.left(session)
        clock.now += 31
        assert (timer.poll(session) == "warn") == (seat == "russia")
        assert timer.grace_left() == (30 if seat == "russia" else 90) + GRACE_SECONDS - 31
        session.apply(PASS)
        session.end_turn()
    assert lengths == {"russia": 30, "china": 90}
    assert "30 s per team turn, china 90 s" in timer.describe()


@pytest.mark.parametrize(("text", "says"), [("kazakstan=90", "not a faction"),
                                            ("china", "not FACTION=SECONDS"),
                                            ("china=5", "10 to 3600 seconds"),
                                            ("china=90,china=60", "given twice")])
def test_bad_seat_timers_say_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_seat_timers(text, ["russia", "china"])
    assert parse_seat_timers("china=90, russia=45", ["russia", "china"]) == \
        {"china": 90, "russia": 45}


def test_warn_only_never_passes(tiny_engine) -> None:
    session, clock, _ = timed(tiny_engine, 10)
    session.classroom.timer.poll(session)
    clock.now += 10
    assert session.classroom.timer.poll(session) == "warn"
    clock.now += 1000
    assert session.classroom.timer.poll(session) is None


def test_bots_are_never_timed_and_a_new_turn_starts_afresh(tiny_engine) -> None:
    session, clock, timer = timed(tiny_engine, 30, seed=5, human_turn=False)
    if session.can_act():  # make it the bot's turn
        session.apply(PASS)
        session.end_turn()
    assert session.bot_to_move()
    timer.poll(session)
    clock.now += 500
    assert timer.poll(session) is None and timer.left(session) is None
    to_human_turn(session)
    timer.poll(session)
    assert timer.left(session) == 30  # the bot's time never counted


def test_undo_does_not_give_the_time_back(tiny_engine) -> None:
    session, clock, timer = timed(tiny_engine, 60)
    timer.poll(session)
    clock.now += 20
    timer.poll(session)
    session.apply(session.legal()[-1])
    clock.now += 15  # acted: the clock stands while the team looks at its move
    assert timer.poll(session) is None and timer.left(session) is None
    assert session.undo()
    timer.poll(session)
    assert timer.left(session) == 40  # the same turn: 20 s used, not a fresh minute


def test_hold_and_pause_stop_the_clock(tiny_engine) -> None:
    session, clock, timer = timed(tiny_engine, 60)
    timer.poll(session)
    clock.now += 5
    timer.poll(session)
    timer.hold()  # something covered the board
    clock.now += 300
    timer.poll(session)
    assert timer.left(session) == 55
    session.classroom.paused = True
    assert session.classroom.seconds_left(session) is None  # no countdown while paused


def test_switching_the_timer_on_uses_a_default(tiny_engine) -> None:
    timer = TurnTimer()
    assert not timer.enabled and timer.describe() == "no turn timer"
    timer.switch(True)
    assert timer.enabled and timer.seconds == 90
    with pytest.raises(ValueError, match="timer action"):
        TurnTimer(30, action="explode")


def test_end_after_this_round_through_the_session_saves_and_replays(tiny_engine, tmp_path
                                                                     ) -> None:
    session = GameSession.new(tiny_engine, [Seat("russia", True), Seat("china", True)],
                              scenario="tiny", seed=2, rounds=None)
    session.take_over()
    session.apply(PASS)  # a move that can still be taken back
    note = session.end_after_round()
    assert "round 1" in note and session.ends_early and session.state.rounds == 1
    assert "Cannot" in session.end_after_round()  # once is enough
    assert session.undo()  # the move goes, the decision stays
    assert session.state.rounds == 1
    assert [str(a) for a in unroll(session.state.actions)] == ["end:1"]
    while not session.state.over:
        session.take_over()
        session.apply(PASS)
        session.end_turn()
    assert session.state.round == 1 and session.state.end_reason == "rounds"
    save = session.to_save()
    assert save.rounds == 4  # the set-up's, so the replay starts from it
    state, same = replay_matches(tiny_engine, save)
    assert same and state.over and state.round == 1
    path = tmp_path / "ended.json"
    session.save(path)
    loaded = GameSession.load(tiny_engine, path)
    assert loaded.setup_rounds == 4 and loaded.state.rounds == 1 and loaded.state.over


def test_the_timeline_replays_every_position(tiny_engine) -> None:
    session = GameSession.new(tiny_engine, [Seat("russia", False), Seat("china", False)],
                              scenario="tiny", seed=4, rounds=2)
    while not session.state.over:
        session.start_bot()
        session.job.thread.join()
        session.finish_bot()
    line = Timeline.of(session)
    assert line.moves == len(unroll(session.state.actions)) > 0
    assert line.state(line.moves).vp == session.state.vp
    assert line.state(0).round == 1 and line.state(0).actions is None
    starts = line.round_starts
    assert starts[0] == 0 and len(starts) == 2
    assert line.next_round(0) == starts[1] and line.previous_round(starts[1]) == 0
    assert line.previous_round(starts[1] + 1) == starts[1]
    assert line.next_round(starts[1]) == line.moves
    assert line.clamp(-5) == 0 and line.clamp(10_000) == line.moves


def test_the_estimate_says_what_it_assumes() -> None:
    from chessboard.presets import SECONDS_PER_TEAM_DECISION, basis_text

    assert f"{SECONDS_PER_TEAM_DECISION} s a team turn" in basis_text()


def test_presets_set_the_rounds_and_the_estimate_counts_decisions() -> None:
    assert [p.id for p in PRESETS] == ["45min", "60min", "90min"]
    assert [preset(p).rounds for p in ("45min", "60min", "90min")] == [3, 4, 6]
    with pytest.raises(ValueError, match="known: 45min"):
        preset("2h")
    full = estimate(rounds=8, action_rounds=4, humans=4, bots=0)
    assert full.decisions == 128 == full.team_decisions  # as simulate counts them
    assert full.most_minutes is None
    timed = estimate(rounds=8, action_rounds=4, humans=4, bots=0, timer=20, grace=10)
    assert timed.minutes < full.minutes < timed.most_minutes + 30
    assert timed.most_minutes == round(8 * (16 * 30 + 120) / 60)  # every turn to the end
    # four teams: the guide's three plans, each leaving at least 9 minutes of the lesson for
    # the introduction and the debrief
    for p, expected in zip(PRESETS, (36, 48, 72), strict=True):
        guess = estimate(rounds=p.rounds, action_rounds=4, humans=4, bots=0, timer=p.timer)
        assert guess.minutes == expected and guess.minutes <= p.lesson_minutes - 9, p
    assert "team turns" in full.text()
