"""A tour of every screen of the window, as a player would reach them (projector mode's checks).

:func:`tour` drives the real scenes with the events a player sends, through: title, set-up,
how to play, the pass-the-device screen, the board, the board with a choice and a target
selected, a tooltip, the log, the in-game menu, text size and contrast, the instructor menu,
pause, inject, the designer console, the team devices' codes, the round summary, the history
viewer, load and the end screen. At each it calls ``visit(name, recorded, app)`` after a full
redraw, with the pixel size and text of everything drawn through :meth:`Theme.text` meanwhile:
the tests check the sizes and layouts there, and ``tools/projector_shots.py`` saves pictures.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pygame

from chessboard.rules.loader import Rules
from chessboard.seats import Seat
from chessboard.ui.app import App, Options
from chessboard.ui.theme import Theme

if TYPE_CHECKING:
    from chessboard.ui.board import BoardScene

TEAMS = [Seat("russia", True, name="Team A"), Seat("china", True, name="Team B"),
         Seat("eu", False), Seat("kazakhstan", True, name="Team D")]
SCREENS = ("title", "set-up", "how-to-play", "pass-the-device", "board", "board-choice",
           "tooltip", "log", "menu", "display", "instructor-menu", "pause", "inject", "console",
           "devices", "round-summary", "history", "load", "end")
Visit = Callable[[str, "list[tuple[int, str]]", App], None]


class TextSizes:
    """The pixel sizes of the text drawn through :meth:`Theme.text`, while recording."""

    def __init__(self) -> None:
        self.sizes: list[tuple[int, str]] = []
        self._original = Theme.text

    @contextmanager
    def recording(self) -> Iterator[None]:
        original = self._original
        sizes = self.sizes

        def text(theme: Theme, text: str, size: float, *args: object,
                 **kwargs: object) -> pygame.Surface:
            if text.strip():
                sizes.append((theme.text_px(size), text))
            return original(theme, text, size, *args, **kwargs)  # type: ignore[arg-type]

        Theme.text = text  # type: ignore[method-assign]
        try:
            yield
        finally:
            Theme.text = original  # type: ignore[method-assign]


class Tour:
    """An App with helpers to act as a player would, and to visit what the window shows."""

    def __init__(self, rules: Rules, options: Options, visit: Visit) -> None:
        self.app = App(rules, options)
        self.app.start()
        self.visit = visit
        self.frames(3)

    def frames(self, n: int = 2) -> None:
        for _ in range(n):
            self.app.frame(pygame.event.get())

    def post(self, kind: int, **attrs: object) -> None:
        pygame.event.post(pygame.event.Event(kind, **attrs))

    def key(self, key: int, mod: int = 0) -> None:
        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
        self.post(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)
        self.frames(3)

    def move(self, pos: tuple[int, int]) -> None:
        self.post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
        self.frames(3)

    @property
    def top(self) -> object:
        return self.app.stack.top

    def shot(self, name: str) -> None:
        """Redraw everything while recording the text sizes, and visit the screen."""
        recorder = TextSizes()
        with recorder.recording():
            self.app.stack.needs_full = True
            for scene in self.app.stack.scenes:  # cached layers are drawn again, so measured
                for attr in ("dirty", "overlay_dirty", "_dirty"):
                    if hasattr(scene, attr):
                        setattr(scene, attr, True)
            self.frames(2)
        self.visit(name, recorder.sizes, self.app)

    def until(self, predicate: Callable[[], bool], limit: int = 4000,
              seconds: float = 120.0) -> None:
        """Run frames until ``predicate`` holds; fail once both ``limit`` frames and ``seconds``
        have passed.

        Bots think in the background while frames run as fast as they can, so on a loaded
        machine a frame count alone ran out before a bot had moved; the wall-clock allowance
        keeps the tour patient there, and a tour that is truly stuck still ends.
        """
        deadline = time.monotonic() + seconds
        frames = 0
        while frames < limit or time.monotonic() < deadline:
            if predicate():
                return
            self.frames(1)
            frames += 1
        raise RuntimeError("the tour never reached the expected screen; the window shows "
                           f"{[type(x).__name__ for x in self.app.stack.scenes]}")


def tour(rules: Rules, options: Options, visit: Visit, *, only: set[str] | None = None) -> Tour:
    """Visit every screen (or those named in ``only``) of a game of three teams and a bot."""
    s = Tour(rules, options, visit)
    app = s.app

    def want(name: str) -> bool:
        return only is None or name in only

    def current_board() -> BoardScene:
        board = app.board()
        assert board is not None
        return board

    if want("title"):
        s.shot("title")
    if want("set-up"):
        setup: Any = app.open("setup")
        setup.rows[2].mode = "Bot"  # a bot's row too: its kind and level take room
        setup.rebuild()
        s.shot("set-up")
        app.pop()
    if want("how-to-play"):
        app.open("help")
        s.shot("how-to-play")
        app.pop()
    # a game of three teams and a bot, started as from the set-up
    app.open_game(app.new_session(TEAMS, scenario=None, seed=11, rounds=3))
    s.until(lambda: app.top_is("pass"))  # three teams: the first is called
    s.frames(3)  # the pass screen takes a key once it has been shown
    if want("pass-the-device"):
        s.shot("pass-the-device")
    s.key(pygame.K_RETURN)
    s.until(lambda: app.top_is("board"))
    board = current_board()
    if want("board"):
        s.shot("board")
    if want("board-choice") or want("tooltip"):
        choices = board.choices()
        index = next(i for i, c in enumerate(choices) if c.enabled and c.target != "none")
        board.select(index)
        s.key(pygame.K_TAB)  # the first legal target, previewed
        s.shot("board-choice")
        choice = board.selected_choice()
        spot = next((sp for sp in board.view.spots if choice is not None
                     and board.target_for(sp) in choice.actions), None)
        if want("tooltip") and spot is not None:
            s.move(spot.rect.center)
            s.shot("tooltip")
        s.move((2, app.screen.get_height() - 2))
        board.cancel()
    for name, scene, args in (("log", "log", board.log_entries()),
                              ("menu", "menu", (board.session,)),
                              ("display", "display", ()),
                              ("instructor-menu", "instructor_menu", (board,)),
                              ("pause", "pause", (board.session,)),
                              ("inject", "inject", (board,)),
                              ("console", "console", (board,))):
        if want(name):
            app.open(scene, *args)
            s.shot(name)
            app.pop()
    if want("devices") and all(importlib.util.find_spec(m) for m in ("aiohttp", "segno")):
        app.options.bind = "127.0.0.1"
        app.serve_devices(board.session, board)
        s.frames(3)
        s.shot("devices")
        while s.top is not board:
            app.pop()
        app.stop_devices()
    if want("round-summary"):  # every team passes to the end of the round
        def summary_shown() -> bool:
            top = app.board()
            if app.top_is("pass"):
                s.key(pygame.K_RETURN)
            elif top is s.top and top is not None and top.session.can_act():
                top.choose_pass()
            elif top is s.top and top is not None and top.session.turn_done:
                top.end_turn()
            return app.top_is("round_summary")

        s.until(summary_shown)
        s.shot("round-summary")
        s.key(pygame.K_RETURN)
        s.until(lambda: app.top_is("board") or app.top_is("pass"))
        if app.top_is("pass"):
            s.frames(3)
            s.key(pygame.K_RETURN)
        s.until(lambda: app.top_is("board"))
        board = current_board()
    if want("history"):
        app.open("history", board.session)
        s.key(pygame.K_LEFT)
        s.shot("history")
        app.pop()
    if want("load"):
        board.quick_save()
        s.frames(2)
        app.open("load")
        s.shot("load")
        app.pop()
    if want("end"):  # a one-round game of bots, played to its end
        bots = [Seat(seat.faction, False) for seat in TEAMS]
        app.open_game(app.new_session(bots, scenario=None, seed=5, rounds=1))
        s.until(lambda: app.top_is("end"))
        s.key(pygame.K_d)  # the debrief saved: where it went is said on the screen
        s.shot("end")
    return s
