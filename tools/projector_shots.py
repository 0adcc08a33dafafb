"""Screenshots of every screen of the window, for checking projector mode by eye.

    .venv/bin/python tools/projector_shots.py --out /tmp/shots --scale 200 [--size 1280x720]
        [--high-contrast] [--only board,log]

Drives the real scenes with the same events a player would send (the dummy video driver, so
no display is needed; the pictures are the window's own surface) through: title, set-up, how
to play, load, the board with a choice selected, a tooltip, the round summary, the pass-the-
device screen, the log, the in-game menu, the instructor menu, pause, inject, the history
viewer, the end screen, the team devices' codes and the designer console. One PNG each, named
like ``03-how-to-play.png``; the saves and settings go to a temporary data folder, never the
user's. It also prints, per screen, the smallest text size drawn through the theme.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from chessboard.paths import data_dir as game_data  # noqa: E402
from chessboard.rules.loader import load_rules  # noqa: E402
from chessboard.seats import Seat  # noqa: E402
from chessboard.ui.app import App, Options  # noqa: E402
from chessboard.ui.settings import parse_scale  # noqa: E402
from chessboard.ui.theme import Theme  # noqa: E402

HOT_SEAT = [Seat("russia", True, name="Team A"), Seat("china", True, name="Team B"),
            Seat("eu", False), Seat("kazakhstan", True, name="Team D")]


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


class Shooter:
    """An App with helpers to act as a player would and to save what the window shows."""

    def __init__(self, out: Path, options: Options) -> None:
        self.out = out
        self.rules = load_rules(game_data("rules"))
        self.options = options
        self.app = App(self.rules, options)
        self.app.start()
        self.frames(3)
        self.count = 0
        self.smallest: dict[str, tuple[int, str]] = {}

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

    def shot(self, name: str, prepare: Callable[[], None] | None = None) -> Path:
        """Redraw everything while recording the text sizes, and save the window."""
        recorder = TextSizes()
        with recorder.recording():
            if prepare is not None:
                prepare()
            self.app.stack.needs_full = True
            for scene in self.app.stack.scenes:  # cached layers are drawn again, so measured
                for attr in ("dirty", "overlay_dirty", "_dirty"):
                    if hasattr(scene, attr):
                        setattr(scene, attr, True)
            self.frames(2)
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}.png"
        pygame.image.save(self.app.screen, str(path))
        if recorder.sizes:
            self.smallest[name] = min(recorder.sizes)
        return path

    def until(self, predicate: Callable[[], bool], limit: int = 4000) -> None:
        for _ in range(limit):
            if predicate():
                return
            self.frames(1)
        raise SystemExit("projector_shots: the window never reached the expected screen; "
                         f"it shows {[type(x).__name__ for x in self.app.stack.scenes]}")


def take_all(out: Path, options: Options, only: set[str] | None) -> Shooter:
    from chessboard.ui.board import BoardScene
    from chessboard.ui.endscreen import EndScene, RoundSummary
    from chessboard.ui.facilitator import InjectScene, InstructorMenu, PauseScene
    from chessboard.ui.handoff import PassScene
    from chessboard.ui.history import HistoryScene
    from chessboard.ui.load import LoadScene
    from chessboard.ui.log import LogScene
    from chessboard.ui.overlays import MenuScene

    s = Shooter(out, options)
    app = s.app

    def want(name: str) -> bool:
        return only is None or name in only

    if want("title"):
        s.shot("title")
    if want("set-up"):
        from chessboard.ui.setup import SetupScene

        app.push(SetupScene(app))
        s.shot("set-up")
        app.pop()
    if want("how-to-play"):
        title = s.top
        title.how_to_play()  # type: ignore[attr-defined]
        s.shot("how-to-play")
        app.pop()
    # a game of three teams and a bot, started as from the set-up
    session = app.new_session(HOT_SEAT, scenario=None, seed=11, rounds=3)
    app.open_game(session)
    s.until(lambda: isinstance(s.top, PassScene))  # three teams: the first is called
    s.frames(3)  # the pass screen takes a key once it has been shown
    if want("pass-the-device"):
        s.shot("pass-the-device")
    s.key(pygame.K_RETURN)
    s.until(lambda: isinstance(s.top, BoardScene))
    board = s.top
    assert isinstance(board, BoardScene), type(board)
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
    if want("log"):
        app.push(LogScene(app, *board.log_entries()))
        s.shot("log")
        app.pop()
    if want("menu"):
        app.push(MenuScene(app, board.session))
        s.shot("menu")
        app.pop()
    if want("instructor-menu"):
        app.push(InstructorMenu(app, board))
        s.shot("instructor-menu")
        app.pop()
    if want("pause"):
        app.push(PauseScene(app, board.session))
        s.shot("pause")
        app.pop()
    if want("inject"):
        app.push(InjectScene(app, board))
        s.shot("inject")
        app.pop()
    if want("console"):
        from chessboard.ui.console import ConsoleScene

        app.push(ConsoleScene(app, board))
        s.shot("console")
        app.pop()
    if want("devices") and _has("aiohttp", "segno"):
        app.options.bind = "127.0.0.1"
        app.serve_devices(board.session, board)
        s.frames(3)
        s.shot("devices")
        while s.top is not board:
            app.pop()
        app.stop_devices()
    if want("round-summary"):
        happened = [text for text, _style in board.log_entries()[0][-6:]]
        app.push(RoundSummary(app, board.session, happened))
        s.shot("round-summary")
        app.pop()
    if want("history"):
        app.push(HistoryScene(app, board.session))
        s.key(pygame.K_LEFT)
        s.shot("history")
        app.pop()
    if want("load"):
        board.quick_save()
        s.frames(2)
        app.push(LoadScene(app))
        s.shot("load")
        app.pop()
    if want("end"):  # a one-round game of bots, played to its end
        bots = [Seat(seat.faction, False) for seat in HOT_SEAT]
        app.open_game(app.new_session(bots, scenario=None, seed=5, rounds=1))
        s.until(lambda: isinstance(s.top, EndScene))
        s.shot("end")
    return s


def _has(*modules: str) -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in modules)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--scale", default="200", help="UI scale in percent (default 200)")
    parser.add_argument("--size", default="1280x720", help="window size (default 1280x720)")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--only", help="comma-separated screen names")
    args = parser.parse_args(argv)
    try:
        scale = parse_scale(args.scale)
        w, _, h = args.size.partition("x")
        size = (int(w), int(h))
    except ValueError as err:
        parser.error(str(err))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        os.environ["CHESSBOARD_DATA_DIR"] = data
        options = Options(size=size, scale=scale, high_contrast=args.high_contrast,
                          keep_settings=False, bot_pause=0.0, max_fps=0, handover_delay=0.0)
        only = set(args.only.split(",")) if args.only else None
        shooter = take_all(args.out, options, only)
        for name, (px, text) in shooter.smallest.items():
            print(f"{name:16} smallest text {px:3d} px  {text[:50]!r}")
        print(f"{shooter.count} screenshots in {args.out}")
        pygame.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
