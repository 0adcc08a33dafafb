"""The instructor's screens in the window: pause, the held-key menu, the timer, the history."""

from __future__ import annotations

import pygame
import pytest

from chessboard.engine.actions import PASS
from chessboard.engine.state import unroll
from chessboard.seats import Seat
from chessboard.ui import theme as th
from chessboard.ui.board import BoardScene
from chessboard.ui.facilitator import InjectScene, InstructorGate, InstructorMenu, PauseScene
from chessboard.ui.handoff import PassScene
from chessboard.ui.history import HistoryScene
from chessboard.ui.setup import SetupScene

pytestmark = pytest.mark.ui

HOT_SEAT = [Seat("russia", True, name="Alice"), Seat("china", True, name="Bo")]
SOLO = [Seat("russia", True), Seat("china", False)]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def hot_seat(make_app, tiny, **options: object) -> tuple[object, BoardScene]:
    d = make_app(tiny, autoplay=True, seats=HOT_SEAT, seed=7, **options)
    assert isinstance(d.top, PassScene)
    d.key(pygame.K_RETURN)
    assert isinstance(d.top, BoardScene) and d.top.session.can_act()
    return d, d.top


def share_of(surface: pygame.Surface, colour: tuple[int, int, int]) -> float:
    w, h = surface.get_size()
    step = 8
    points = [(x, y) for x in range(0, w, step) for y in range(0, h, step)]
    return sum(1 for p in points if tuple(surface.get_at(p))[:3] == colour) / len(points)


def test_p_pauses_with_a_screen_that_hides_the_board(make_app, tiny) -> None:
    d, board = hot_seat(make_app, tiny)
    assert share_of(d.app.screen, th.BG) < 0.5  # the board is on screen
    d.key(pygame.K_p)
    pause = d.top
    assert isinstance(pause, PauseScene) and pause.opaque
    assert board.session.classroom.paused
    d.app.stack.needs_full = True
    d.frames(2)
    assert share_of(d.app.screen, th.BG) > 0.8  # nothing of the board or the hand
    d.click((40, 40))  # a click on the paused screen reaches nothing below
    assert d.top is pause
    d.key(pygame.K_p)
    assert d.top is board and not board.session.classroom.paused


def test_the_instructor_menu_needs_f2_held(make_app, tiny, monkeypatch) -> None:
    clock = FakeClock()
    monkeypatch.setattr(InstructorGate, "clock", staticmethod(clock))
    d, board = hot_seat(make_app, tiny)
    w, h = d.app.screen.get_size()
    for x in range(20, w, 90):  # stray clicks all over the board: never the menu
        for y in range(20, h, 90):
            d.post(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1, touch=False)
            d.post(pygame.MOUSEBUTTONUP, pos=(x, y), button=1, touch=False)
            d.frames(1)
            assert not isinstance(d.top, (InstructorGate, InstructorMenu))
            while not isinstance(d.top, BoardScene):  # a stray click may open Menu: close it
                d.key(pygame.K_ESCAPE)
    d.key(pygame.K_F2)  # a tap: down and up at once
    assert d.top is board and "hold F2" in board.message
    d.post(pygame.KEYDOWN, key=pygame.K_F2, mod=0, unicode="", scancode=0)
    d.frames(2)
    assert isinstance(d.top, InstructorGate)
    clock.now += 1.2
    d.frames(2)
    assert isinstance(d.top, InstructorMenu)
    for _ in range(3):  # the held key repeats, then is let go: the menu stays open
        d.post(pygame.KEYDOWN, key=pygame.K_F2, mod=0, unicode="", scancode=0)
        d.frames(1)
    d.post(pygame.KEYUP, key=pygame.K_F2, mod=0, unicode="", scancode=0)
    d.frames(2)
    assert isinstance(d.top, InstructorMenu)


def test_the_menu_ends_the_game_after_this_round(make_app, tiny) -> None:
    d, board = hot_seat(make_app, tiny)
    d.app.push(InstructorMenu(d.app, board))
    d.frames(2)
    menu = d.top
    button = next(b for b in menu.actions if b.text.startswith("End the game after round 1"))
    d.click(button.rect.center)
    session = board.session
    assert session.state.rounds == 1 and "round 1" in board.message
    assert not next(b for b in d.top.actions if b.text.startswith("End the game")).is_enabled
    assert any("ends the game after round 1" in line for line in unroll(session.state.log))
    d.key(pygame.K_ESCAPE)
    assert d.top is board


def test_the_timer_counts_down_on_the_board_and_passes(make_app, tiny) -> None:
    d = make_app(tiny, autoplay=True, seats=SOLO, seed=2, timer=30, timer_action="pass")
    board = d.app.stack.find(BoardScene)
    session = board.session
    clock = FakeClock()
    session.classroom.timer.clock = clock
    d.run_until(lambda: session.can_act() and d.top is board)
    d.frames(2)
    assert board.status_lines()[0][0].endswith("0:30 left")
    clock.now += 12
    d.frames(2)
    assert board.status_lines()[0][0].endswith("0:18 left")
    actions = len(unroll(session.state.actions))
    clock.now += 18
    d.frames(2)
    assert "Time is up" in board.message and "passes in" in board.message
    clock.now += 10
    d.frames(2)
    taken = unroll(session.state.actions)
    assert len(taken) > actions and taken[actions] == PASS  # then the bot may have moved on
    assert any(line.startswith("Russia passes") for line in unroll(session.state.log))


def test_history_steps_through_past_positions_read_only(make_app, tiny) -> None:
    d, board = hot_seat(make_app, tiny)
    session = board.session
    for _ in range(3):  # three moves, each player passing the device
        session.take_over()
        board._apply(PASS)
        board.end_turn()
        while not isinstance(d.top, BoardScene):
            d.top.show_hand() if isinstance(d.top, PassScene) else d.app.pop()
            d.frames(1)
    live = session.state
    d.key(pygame.K_h)
    history = d.top
    assert isinstance(history, HistoryScene)
    moves = history.timeline.moves
    assert history.move == moves and "move 3 of 3" in history.banner()
    d.key(pygame.K_HOME)
    assert history.move == 0 and history.timeline.state(0).actions is None
    d.key(pygame.K_RIGHT)
    assert history.move == 1 and "move 1 of 3" in history.banner()
    assert history.marks().message.startswith("History: round 1, move 1 of 3")
    d.key(pygame.K_END)
    assert history.move == moves
    d.click((300, 300))  # read-only: nothing changes in the game
    assert session.state is live
    d.key(pygame.K_ESCAPE)
    assert d.top is board


def test_history_never_shows_another_seats_hand(make_app, tiny) -> None:
    d, board = hot_seat(make_app, tiny)
    session = board.session
    viewer = session.viewer
    assert viewer is not None
    other = next(f for f in ("russia", "china") if f != viewer)
    d.key(pygame.K_h)
    history = d.top
    t = session.engine._tables
    for k in range(history.timeline.moves + 1):
        history.go(k)
        seen = history.seen(k)
        assert all(c == -1 for c in seen.hands[t.faction_index[other]])
        assert history.hand(k) == history.timeline.state(k).hands[t.faction_index[viewer]]
    d.key(pygame.K_ESCAPE)
    board.session.apply(PASS)
    board.end_turn()  # between two players: nobody's hand on the board, nor in the history
    assert isinstance(d.top, PassScene)
    history = HistoryScene(d.app, session)
    assert history.viewer is None and history.hand(0) == ()


def test_the_set_up_preset_sets_rounds_and_timer(make_app, tiny) -> None:
    d = make_app(tiny)
    d.app.push(SetupScene(d.app))
    d.frames(2)
    setup = d.top
    setup._menu_changed(setup.preset_menu, "45min")
    assert setup.rounds == 3 and setup.timer() == 45
    assert "team turns" in setup.estimate_text()
    setup.begin()
    board = d.app.stack.find(BoardScene)
    assert board is not None
    assert board.session.state.rounds == 3
    assert board.session.classroom.timer.seconds == 45


def test_the_menu_brings_in_a_news_event_now(make_app, tiny) -> None:
    d, board = hot_seat(make_app, tiny)
    session = board.session
    acting = session.current
    d.app.push(InstructorMenu(d.app, board))
    d.frames(2)
    button = next(b for b in d.top.actions if b.text.startswith("Bring in"))
    d.click(button.rect.center)
    scene = d.top
    assert isinstance(scene, InjectScene) and scene.choices
    scene.bring_in(-1)  # nothing chosen: it says so, and nothing happens
    assert d.top is scene and "Choose" in scene.note
    action, words = scene.choices[0]
    scene.bring_in(0)
    assert d.top is board
    assert unroll(session.state.actions)[-1] == action
    assert session.current == acting  # between two turns: nobody's turn is used
    assert any(line.startswith("Inject:") for line in unroll(session.state.log))
    assert words.split(": ", 1)[1] in board.message


def test_the_end_screen_opens_the_history_of_the_whole_game(make_app, tiny) -> None:
    from chessboard.ui.endscreen import EndScene

    d = make_app(tiny, autoplay=True, seats=[Seat("russia", False), Seat("china", False)],
                 seed=3, rounds=1)
    d.run_until(lambda: isinstance(d.top, EndScene))
    end = d.top
    d.key(pygame.K_h)
    history = d.top
    assert isinstance(history, HistoryScene)
    state = history.session.state
    assert history.timeline.moves == len(unroll(state.actions)) > 0
    assert history.timeline.state(history.timeline.moves).vp == state.vp
    d.key(pygame.K_HOME)
    assert history.move == 0
    d.key(pygame.K_ESCAPE)
    assert d.top is end
