"""The window played as a player would: real scenes, synthetic clicks and keys, dummy video."""

from __future__ import annotations

import json

import pygame
import pytest

from chessboard.engine.actions import Action
from chessboard.seats import Seat
from chessboard.ui.board import BoardScene
from chessboard.ui.boardview import Spot
from chessboard.ui.endscreen import EndScene, RoundSummary
from chessboard.ui.handoff import PassScene
from chessboard.ui.load import LoadScene
from chessboard.ui.overlays import ConfirmScene, MenuScene
from chessboard.ui.setup import SetupScene
from chessboard.ui.text import what_if_note
from chessboard.ui.title import TitleScene

pytestmark = pytest.mark.ui

HOT_SEAT = [Seat("russia", True, name="Alice"), Seat("china", True, name="Bo")]


def button_labelled(scene: object, text: str) -> pygame.Rect:
    """The screen rect of the pygame_gui button with this label in a scene."""
    for sprite in scene.manager.get_sprite_group().sprites():
        if getattr(sprite, "text", None) == text:
            return sprite.rect
    raise AssertionError(f"no button {text!r}")


def start_hot_seat(make_app, rules) -> tuple[object, BoardScene]:
    """A two-human game: the pass screen comes first, then the first player's board."""
    d = make_app(rules, autoplay=True, seats=HOT_SEAT, seed=7)
    assert isinstance(d.top, PassScene)
    d.key(pygame.K_RETURN)
    board = d.top
    assert isinstance(board, BoardScene)
    assert board.session.can_act()
    return d, board


def choose(d, board: BoardScene, choice_id: str) -> None:
    index = next(i for i, c in enumerate(board.choices()) if c.id == choice_id)
    spot = next(s for s in board.view.spots if s.kind == "choice" and s.i == index)
    d.click(spot.rect.center)
    assert board.selected == index


def own_power(board: BoardScene) -> str:
    """The power id of the seat to act."""
    reader = board.presenter.reader
    return reader.legend.power_ids[reader.faction_power(board.session.current)]


def power_spot(board: BoardScene, action: Action, power: str):
    r = board.presenter.reader
    c, s, p = (r.country_index[action.country], r.sphere_index[action.sphere],
               r.power_index[power])
    return next(x for x in board.view.spots if x.kind == "power" and (x.c, x.s, x.p) == (c, s, p))


def test_title_new_game_starts_the_board(make_app, tiny) -> None:
    d = make_app(tiny)
    assert isinstance(d.top, TitleScene)
    d.click(button_labelled(d.top, "New game").center)
    setup = d.top
    assert isinstance(setup, SetupScene)
    # the defaults are the scenario's seats
    assert [s.faction for s in setup.seats()] == ["russia", "china", "eu", "kazakhstan"]
    # typing a name: keys never reach the title screen below (its N opens a new set-up)
    d.click(setup.widgets[0][3].rect.center)
    d.post(pygame.TEXTINPUT, text="Nina")
    d.key(pygame.K_n)
    assert d.top is setup and len(d.app.stack.scenes) == 2
    assert setup.seats()[0].name == "Nina"
    d.click(button_labelled(setup, "Start the game").center)
    assert isinstance(d.top, PassScene)  # four humans: the first one is called to the device
    d.key(pygame.K_RETURN)
    assert isinstance(d.top, BoardScene)
    assert [d.top.presenter.legend.faction_ids[f] for f in d.top.session.state.seats] == \
        ["russia", "china", "eu", "kazakhstan"]


def quiet_point(board: BoardScene) -> tuple[int, int]:
    """A place where the pointer hovers nothing."""
    for x in range(board.view.side.x + 4, board.view.side.right, 7):
        if board.view.spot_at((x, board.view.side.y + 4)) is None:
            return x, board.view.side.y + 4
    raise AssertionError("no quiet point")


def test_place_influence_by_clicking_a_sphere_then_undo(make_app, tiny) -> None:
    d, board = start_hot_seat(make_app, tiny)
    power = own_power(board)
    legal = [a for a in board.session.legal() if a.id == "place"]
    spot = power_spot(board, legal[0], power)
    d.move(quiet_point(board))
    before_text = spot.text
    before_pixels = pygame.image.tobytes(d.app.screen.subsurface(spot.rect), "RGB")
    state_before = board.session.state
    choose(d, board, "place")
    action = board.selected_choice().actions[0]
    assert action == legal[0]
    d.click(spot.rect.center)
    assert board.pending == action
    d.key(pygame.K_RETURN)
    after = power_spot(board, action, power)
    assert int(after.text) == int(before_text) + 1  # the new number is what is drawn there
    assert pygame.image.tobytes(d.app.screen.subsurface(after.rect), "RGB") != before_pixels
    assert board.session.turn_done and board.session.can_undo
    d.key(pygame.K_z, pygame.KMOD_CTRL)
    assert board.session.state is state_before
    undone = power_spot(board, action, power)
    assert undone.text == before_text
    d.move(quiet_point(board))
    assert pygame.image.tobytes(d.app.screen.subsurface(undone.rect), "RGB") == before_pixels


def test_an_illegal_click_explains_and_changes_nothing(make_app, tiny) -> None:
    d, board = start_hot_seat(make_app, tiny)
    choose(d, board, "counter")
    choice = board.selected_choice()
    own = own_power(board)
    # countering one's own influence is never offered
    target = Action("act", "counter", choice.actions[0].country, choice.actions[0].sphere, own)
    assert target not in choice.actions
    state = board.session.state
    d.click(power_spot(board, target, own).rect.center)
    reason = board.session.engine.why_illegal(state, target)
    assert reason and board.session.plain(reason, target) in board.message
    assert str(target) not in board.message  # no "act:counter ..." code: words
    assert board.message_style == "error"
    assert board.session.state is state and board.pending is None
    assert not board.session.turn_done


def test_pass_screen_between_humans_hides_the_hand(make_app, tiny) -> None:
    d, board = start_hot_seat(make_app, tiny)
    first = board.session.current
    assert board.marks().hand  # the acting player's own cards are shown
    d.click(button_labelled(board, "Pass").center)
    assert board.session.turn_done
    d.click(button_labelled(board, "End turn  »").center)
    passing = d.top
    assert isinstance(passing, PassScene) and passing.opaque
    second = board.session.current
    assert second != first
    assert board.session.viewer is None and board.marks().hand == ()
    assert "Bo" in passing.label or "Alice" in passing.label
    d.key(pygame.K_RETURN)
    assert d.top is board and board.session.viewer == second
    entries, _ = board.log_entries()
    text = " ".join(line for line, _style in entries)
    assert "Alice (Russia)" in text or "Bo (China)" in text
    assert " you " not in f" {text.lower()} "


def test_save_from_the_menu_and_load_it_back(make_app, tiny, data_dir) -> None:
    d, board = start_hot_seat(make_app, tiny)
    choose(d, board, "place")
    d.key(pygame.K_TAB)  # the first legal target
    d.key(pygame.K_RETURN)
    actions_done = board.session.state.to_json()["actions"]
    assert len(actions_done) == 1
    d.key(pygame.K_ESCAPE)
    menu = d.top
    assert isinstance(menu, MenuScene)
    d.click(button_labelled(menu, "Save game").center)
    saves = list((data_dir / "saves").glob("*.json"))
    assert len(saves) == 1
    assert json.loads(saves[0].read_text())["actions"] == actions_done
    assert (data_dir / "autosave.json").is_file()  # written after the action
    d.click(button_labelled(menu, "Load game").center)
    loader = d.top
    assert isinstance(loader, LoadScene)
    d.key(pygame.K_RETURN)  # the only save is taken
    loaded = d.top
    assert isinstance(loaded, (BoardScene, PassScene))
    board2 = d.app.stack.find(BoardScene)
    assert board2 is not board
    assert board2.session.state.to_json() == board.session.state.to_json()


def test_title_offers_to_resume_the_autosave(make_app, tiny) -> None:
    d, board = start_hot_seat(make_app, tiny)
    d.click(button_labelled(board, "Pass").center)
    d.key(pygame.K_ESCAPE)
    d.click(button_labelled(d.top, "Quit to title").center)
    assert isinstance(d.top, TitleScene)
    d.click(button_labelled(d.top, "Resume autosave  ·  round 1").center)
    resumed = d.app.stack.find(BoardScene)
    assert resumed is not None and resumed is not board
    assert resumed.session.state.to_json()["actions"] == ["pass"]


def test_a_move_ending_the_game_asks_first(make_app, tiny) -> None:
    d, board = start_hot_seat(make_app, tiny)
    session = board.session
    # put tension one step from open rivalry, so China's military move would end the game
    state = session.state.copy()
    state.tracks[session.engine._tables.track_index["tension"]] = 9
    session.state = state
    if session.current != "china":
        d.click(button_labelled(board, "Pass").center)
        d.click(button_labelled(board, "End turn  »").center)
        d.key(pygame.K_RETURN)
    assert session.current == "china"
    board.invalidate()
    d.frames(1)
    choose(d, board, "place")
    action = next(a for a in board.selected_choice().actions if a.sphere == "military")
    d.click(power_spot(board, action, "china").rect.center)
    assert session.ending(action)
    d.key(pygame.K_RETURN)
    confirm = d.top
    assert isinstance(confirm, ConfirmScene)
    assert session.ending(action) in confirm.text
    assert not session.state.over  # nothing happens before the player agrees
    # Enter (pressed twice, or held) never plays the fatal move: it goes back to the board
    d.key(pygame.K_RETURN)
    assert d.top is board and not session.state.over and board.pending == action
    d.key(pygame.K_RETURN)
    assert isinstance(d.top, ConfirmScene)
    d.key(pygame.K_y)  # the explicit answer (or a click on the red button)
    assert session.state.over
    d.run_until(lambda: isinstance(d.top, EndScene))


def test_bots_play_a_whole_game_to_the_end_screen(make_app, tiny, tmp_path) -> None:
    shots = tmp_path / "shots"
    d = make_app(tiny, autoplay=True, seats=[Seat("russia", False), Seat("china", False)],
                 seed=3, rounds=2, quit_at_end=True, screenshot_dir=shots)
    board = d.app.stack.find(BoardScene)
    seen_summary = []

    def finished() -> bool:
        if isinstance(d.top, RoundSummary):
            seen_summary.append(True)
        return not d.app.running

    d.run_until(finished, limit=5000)
    assert d.app.exit_code == 0 and seen_summary
    assert board.session.state.over
    assert isinstance(d.top, EndScene)
    assert sorted(p.name for p in shots.iterdir()) == ["end.png", "round-01.png", "round-02.png"]


def test_the_window_can_be_resized(make_app, tiny) -> None:
    d, board = start_hot_seat(make_app, tiny)
    pygame.display.set_mode((1920, 1080), pygame.RESIZABLE)
    d.post(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080)
    d.frames(2)
    assert board.view.size == (1920, 1080)
    assert board.view.panels[0].rect.w > 300  # scaled up for the projector
    assert all(d.app.screen.get_rect().contains(g.rect) for g in board.view.panels)


def test_a_power_target_is_chosen_from_the_power_buttons(make_app, tiny) -> None:
    d = make_app(tiny, autoplay=True, seats=[Seat("kazakhstan", True), Seat("russia", False),
                                               Seat("china", False)], seed=4)
    board = d.app.stack.find(BoardScene)
    d.run_until(lambda: board.session.can_act())
    assert board.session.current == "kazakhstan"
    choice = next(c for c in board.choices() if c.target == "power" and c.enabled)
    choose(d, board, choice.id)
    picks = [s for s in board.view.spots if s.kind == "pick"]
    power_ids = board.presenter.legend.power_ids
    assert len(picks) == len(power_ids)
    legal = choice.actions[0]
    pick = next(s for s in picks if power_ids[s.p] == legal.power)
    d.click(pick.rect.center)
    assert board.pending == legal
    d.click(button_labelled(board, "Confirm").center)
    assert board.session.turn_done
    assert str(legal) in board.session.state.to_json()["actions"]


def test_a_bad_save_on_the_command_line_opens_the_title_with_the_reason(make_app, tiny,
                                                                          tmp_path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{not json")
    d = make_app(tiny, load=bad)
    assert isinstance(d.top, TitleScene)
    assert "not valid JSON" in d.top.error


def test_a_game_on_the_command_line_starts_without_the_title(make_app, tiny) -> None:
    # `play --seats ... --seed 5` describes a game: it opens at once, as the README promises
    d = make_app(tiny, seats=HOT_SEAT, seed=5)
    assert isinstance(d.top, PassScene)
    assert d.app.stack.find(BoardScene).session.state.seed == 5
    # plain `play` (the scenario's seats, all human) opens the title screen
    defaults = [Seat(f, True) for f in tiny.scenarios.scenarios[0].seats]
    assert isinstance(make_app(tiny, seats=defaults).top, TitleScene)


def test_a_new_game_keeps_the_unfinished_autosave(make_app, tiny, data_dir) -> None:
    d, board = start_hot_seat(make_app, tiny)
    d.click(button_labelled(board, "Pass").center)  # autosaved after this action
    unfinished = (data_dir / "autosave.json").read_text()
    d.key(pygame.K_ESCAPE)
    d.click(button_labelled(d.top, "Quit to title").center)
    d.click(button_labelled(d.top, "New game").center)
    d.click(button_labelled(d.top, "Start the game").center)
    kept = list((data_dir / "saves").glob("autosave_*.json"))
    assert len(kept) == 1 and kept[0].read_text() == unfinished
    d.key(pygame.K_RETURN)  # the pass screen
    assert kept[0].name in d.app.stack.find(BoardScene).message


def test_the_country_outline_on_the_map_passes_under_the_panels(make_app, tiny) -> None:
    d, board = start_hot_seat(make_app, tiny)
    choice = next(c for c in board.choices() if c.target == "country" and c.enabled)
    choose(d, board, choice.id)
    c = board.presenter.reader.country_index[choice.actions[0].country]
    view = board.view
    inside = next((x, y) for x in range(view.map_rect.x, view.map_rect.right, 5)
                  for y in range(view.map_rect.y, view.map_rect.bottom, 5)
                  if view.country_at((x, y)) == c and view.spot_at((x, y)).kind == "country"
                  and not any(g.rect.collidepoint((x, y)) for g in view.panels))
    d.move(inside)
    assert board.hover_key is not None and board.hover_key[0] == "target"
    for g in view.panels:  # every panel looks as the board drew it, outline or not
        if g is view.panels[c]:
            continue
        assert pygame.image.tobytes(d.app.screen.subsurface(g.rect), "RGB") == \
            pygame.image.tobytes(board.layer.subsurface(g.rect), "RGB")


def test_log_lines_fit_their_box_in_bold_too(make_app, tiny) -> None:
    from chessboard.ui.widgets import LogView

    d = make_app(tiny)
    log = LogView(d.app.theme)
    log.set_rect(pygame.Rect(0, 0, 300, 200))
    long = "Somebody with a long name (European Union) plays A card with a long name on X"
    log.set_entries([(long, "turn"), (long, "normal")], 0)
    for text, style in log.rows:
        font = d.app.theme.font(log.size, bold=style == "turn")
        assert font.size(text)[0] <= 300 - d.app.theme.px(22)


def test_the_end_screen_charts_a_game_ended_before_any_scoring(make_app, tiny) -> None:
    from chessboard.ui.endscreen import history_columns

    _d, board = start_hot_seat(make_app, tiny)
    session = board.session
    state = session.state.copy()
    state.over = True
    session.state = state
    assert not state.history  # ended in the first round: no round was recorded
    columns = history_columns(session, final=True)
    assert columns["round"] == [state.round]
    assert columns["tension"] == [state.tracks[session.engine._tables.track_index["tension"]]]


def test_names_typed_in_the_set_up_survive_a_resize(make_app, tiny) -> None:
    d = make_app(tiny)
    d.click(button_labelled(d.top, "New game").center)
    setup = d.top
    d.click(setup.widgets[0][3].rect.center)
    d.post(pygame.TEXTINPUT, text="Nina")
    d.frames(2)
    pygame.display.set_mode((1920, 1080), pygame.RESIZABLE)
    d.post(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080)
    d.frames(2)
    assert d.top is setup and setup.widgets[0][3].get_text() == "Nina"


def test_a_what_if_news_is_labelled_in_its_tooltip(make_app, rules) -> None:
    _d, board = start_hot_seat(make_app, rules)
    events = rules.events.events
    for index in (next(i for i, e in enumerate(events) if e.what_if),
                  next(i for i, e in enumerate(events) if not e.what_if)):
        state = board.session.state.copy()
        state.event = index
        board.session.state = state
        tip = [line.text for line in board.info_tip(Spot(board.view.news_rect.copy(), "news"))]
        assert (what_if_note(rules) in tip) == events[index].what_if  # dated by the rules
        assert events[index].text in tip
