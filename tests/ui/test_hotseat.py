"""Playing as a hot-seat group does: fast keys, an ended game, the set-up screen's edges."""

from __future__ import annotations

import time

import pygame
import pytest

from chessboard.engine.actions import Action
from chessboard.seats import Seat
from chessboard.ui.board import BoardScene
from chessboard.ui.endscreen import EndScene
from chessboard.ui.handoff import PassScene
from chessboard.ui.setup import NAME_LIMIT, SetupScene
from chessboard.ui.title import TitleScene

pytestmark = pytest.mark.ui

HOT_SEAT = [Seat("russia", True, name="Alice"), Seat("china", True, name="Bo")]


def keys(d, *events: tuple[int, int]) -> None:
    """Post key events (type, key) to arrive in ONE frame, as a fast player's do."""
    for kind, key in events:
        d.post(kind, key=key, mod=0, unicode="", scancode=0)
    d.frames(1)


def press(key: int) -> list[tuple[int, int]]:
    return [(pygame.KEYDOWN, key), (pygame.KEYUP, key)]


def arm(passing: PassScene) -> None:
    """Let the arming delay pass (as if the device were being handed over)."""
    passing.opened = time.monotonic() - passing.delay - 0.01


def hot_seat_board(make_app, tiny) -> tuple[object, BoardScene]:
    d = make_app(tiny, seats=HOT_SEAT, seed=7, handover_delay=30.0)
    passing = d.top
    assert isinstance(passing, PassScene)
    arm(passing)
    d.key(pygame.K_RETURN)
    board = d.top
    assert isinstance(board, BoardScene) and board.session.can_act()
    return d, board


def hand_is_hidden(d, board: BoardScene) -> bool:
    return isinstance(d.top, PassScene) and board.session.viewer is None and \
        board.marks().hand == ()


def test_a_fast_double_enter_never_shows_the_next_hand(make_app, tiny) -> None:
    d, board = hot_seat_board(make_app, tiny)
    first = board.session.current
    board.choose_pass()
    assert board.session.turn_done
    # Enter ends the turn; a second Enter in the same frame must not take the pass screen
    keys(d, *press(pygame.K_RETURN), *press(pygame.K_RETURN))
    assert board.session.current != first
    assert hand_is_hidden(d, board)
    passing = d.top
    # nor more presses in the next frames, before the screen arms (Space and keypad too)
    for key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_RETURN):
        d.key(key)
        assert d.top is passing and hand_is_hidden(d, board)
    # nor a click on its (greyed) button
    d.click(passing.ready.rect.center)
    assert d.top is passing and not passing.ready.is_enabled
    # a key pressed before it armed and released after does not count either
    keys(d, (pygame.KEYDOWN, pygame.K_RETURN))
    arm(passing)
    d.frames(2)
    assert passing.ready.is_enabled  # armed: the button says so
    keys(d, (pygame.KEYDOWN, pygame.K_RETURN))  # the held key repeating
    keys(d, (pygame.KEYUP, pygame.K_RETURN))
    assert d.top is passing and hand_is_hidden(d, board)
    # a fresh press after arming shows the next player's hand
    d.key(pygame.K_RETURN)
    assert d.top is board and board.session.viewer == board.session.current != first
    assert board.session.can_act()


def test_the_pass_screen_button_works_once_armed(make_app, tiny) -> None:
    d, board = hot_seat_board(make_app, tiny)
    board.choose_pass()
    d.key(pygame.K_RETURN)
    passing = d.top
    assert isinstance(passing, PassScene)
    arm(passing)
    d.frames(2)
    d.click(passing.ready.rect.center)
    assert d.top is board and board.session.can_act()


def end_the_game(d, board: BoardScene) -> None:
    """China places military influence with tension at 9: open rivalry ends the game."""
    session = board.session
    state = session.state.copy()
    state.tracks[session.engine._tables.track_index["tension"]] = 9
    session.state = state
    if session.current != "china":
        board.choose_pass()
        d.key(pygame.K_RETURN)
        arm(d.top)
        d.key(pygame.K_RETURN)
    assert session.current == "china"
    board.invalidate()
    d.frames(1)
    index = next(i for i, c in enumerate(board.choices()) if c.id == "place")
    board.select(index)
    action = next(a for a in board.selected_choice().actions if a.sphere == "military")
    board.pick(action)
    board._apply(action)
    assert session.state.over


def test_undo_after_the_end_screen_does_not_reopen_the_game(make_app, tiny) -> None:
    d, board = hot_seat_board(make_app, tiny)
    end_the_game(d, board)
    d.run_until(lambda: isinstance(d.top, EndScene))
    end = d.top
    d.click(end.board.rect.center)  # "See the board"
    assert d.top is board
    over = board.session.state
    assert not board.undo_button.is_enabled
    d.key(pygame.K_z, pygame.KMOD_CTRL)
    d.click(board.undo_button.rect.center)
    assert board.session.state is over and over.over
    assert "game is over" in board.message
    assert not board.session.can_act()


def open_setup(make_app, tiny) -> tuple[object, SetupScene]:
    d = make_app(tiny)
    assert isinstance(d.top, TitleScene)
    d.top.new_game()
    d.frames(2)
    setup = d.top
    assert isinstance(setup, SetupScene)
    return d, setup


def test_esc_with_a_drop_down_open_closes_only_the_drop_down(make_app, tiny) -> None:
    d, setup = open_setup(make_app, tiny)
    d.click(setup.widgets[0][3].rect.center)
    d.post(pygame.TEXTINPUT, text="Nina")
    d.frames(2)
    for menu in (setup.rounds_menu, setup.widgets[1][0], setup.scenario_menu):
        d.click(menu.rect.center)
        assert menu.current_state is menu.menu_states["expanded"]
        d.key(pygame.K_ESCAPE)
        assert d.top is setup, "Esc left the set-up"
        assert menu.current_state is menu.menu_states["closed"]
        assert setup.widgets[0][3].get_text() == "Nina"
    d.click(setup.rounds_menu.rect.center)
    d.click(setup.rounds_menu.current_state.options_selection_list.rect.move(0, 40).midtop)
    d.frames(2)
    rounds = setup.rounds
    assert rounds != setup.scenario.rounds  # a changed choice, to see it kept
    d.key(pygame.K_ESCAPE)  # nothing open: Esc goes back, as before...
    assert isinstance(d.top, TitleScene)
    d.top.new_game()  # ...and coming back finds what was typed
    d.frames(2)
    again = d.top
    assert again is not setup and again.widgets[0][3].get_text() == "Nina"
    assert again.rounds == rounds and again.seats()[0].name == "Nina"


def test_every_drop_down_list_stays_on_a_1280x720_screen(make_app, tiny) -> None:
    d, setup = open_setup(make_app, tiny)
    screen = d.app.screen.get_rect()
    for menu in setup.menus():
        if not menu.visible:
            continue
        d.click(menu.rect.center)
        assert menu.current_state is menu.menu_states["expanded"]
        shown = menu.current_state.options_selection_list
        assert screen.contains(shown.rect), (menu.selected_option, shown.rect)
        d.key(pygame.K_ESCAPE)


def test_a_name_at_the_limit_says_so(make_app, tiny) -> None:
    d, setup = open_setup(make_app, tiny)
    entry = setup.widgets[0][3]
    d.click(entry.rect.center)
    d.post(pygame.TEXTINPUT, text="A" * NAME_LIMIT)
    d.frames(2)
    assert entry.get_text() == "A" * NAME_LIMIT and not setup.hint
    d.post(pygame.TEXTINPUT, text="B")
    d.frames(2)
    assert entry.get_text() == "A" * NAME_LIMIT  # the field stops...
    assert str(NAME_LIMIT) in setup.hint  # ...and says why


def test_an_illegal_target_is_said_in_words_and_whole(make_app, tiny) -> None:
    d, board = hot_seat_board(make_app, tiny)
    r = board.presenter.reader
    own = r.legend.power_ids[r.faction_power(board.session.current)]
    index = next(i for i, c in enumerate(board.choices()) if c.id == "counter")
    board.select(index)
    action = board.selected_choice().actions[0]
    target = Action("act", "counter", action.country, action.sphere, own)
    board.pick(target)
    message = board.message
    assert message.startswith("Not allowed:") and board.message_style == "error"
    assert str(target) not in message and "act:" not in message and "@" not in message
    assert r.legend.country_names[r.country_index[action.country]] in message
    # the banner shows every word of it
    board.invalidate()
    d.frames(1)
    _size, lines = board.view._banner_lines(message, board.view.banner_rect.w - 30)
    assert " ".join(lines).split() == message.split()


def test_the_banner_shows_the_kept_autosave_name_whole(make_app, tiny, data_dir) -> None:
    d, board = hot_seat_board(make_app, tiny)
    board.choose_pass()  # autosaved
    d.key(pygame.K_ESCAPE)
    d.top.title()
    d.top.new_game()
    d.frames(2)
    d.top.begin()
    d.frames(2)
    passing = d.top
    assert isinstance(passing, PassScene)
    arm(passing)
    d.key(pygame.K_RETURN)
    board2 = d.app.stack.find(BoardScene)
    kept = next((data_dir / "saves").glob("autosave_*.json")).name
    assert kept in board2.message
    _size, lines = board2.view._banner_lines(board2.message, board2.view.banner_rect.w - 30)
    assert "".join(lines).replace(" ", "") == board2.message.replace(" ", "")
    assert len(lines) <= 6
