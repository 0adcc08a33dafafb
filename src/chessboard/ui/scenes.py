"""Every screen by name: the one place that knows which class shows which screen.

Screens open one another through the App (``app.open("load")``, ``app.open("confirm", ...)``)
rather than by importing each other's classes, so the UI modules import each other in one
direction only: this registry imports the screens, the App imports this registry, and a screen
imports the App only for its type (``tests/ui/test_ui_imports.py`` keeps it so).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from chessboard.ui.board import BoardScene
from chessboard.ui.console import ConsoleScene
from chessboard.ui.devices import DevicesScene
from chessboard.ui.display import DisplayScene
from chessboard.ui.endscreen import EndScene, RoundSummary
from chessboard.ui.facilitator import InjectScene, InstructorGate, InstructorMenu, PauseScene
from chessboard.ui.handoff import PassScene
from chessboard.ui.history import HistoryScene
from chessboard.ui.load import LoadScene
from chessboard.ui.log import LogScene
from chessboard.ui.overlays import ConfirmScene, MenuScene
from chessboard.ui.pages import TextPage, about, how_to_play
from chessboard.ui.scene import Scene
from chessboard.ui.setup import SetupScene
from chessboard.ui.title import TitleScene

if TYPE_CHECKING:
    from chessboard.ui.app import App


def _how_to_play(app: App) -> Scene:
    return TextPage(app, "How to play", how_to_play(app.rules))  # the rules loaded now


def _about(app: App) -> Scene:
    return TextPage(app, "About", about(app.rules))


# name -> what builds the screen from the App and the screen's own arguments
SCENES: dict[str, Callable[..., Scene]] = {
    "title": TitleScene,
    "setup": SetupScene,
    "load": LoadScene,
    "help": _how_to_play,
    "about": _about,
    "board": BoardScene,
    "menu": MenuScene,
    "confirm": ConfirmScene,
    "pass": PassScene,
    "log": LogScene,
    "round_summary": RoundSummary,
    "end": EndScene,
    "history": HistoryScene,
    "pause": PauseScene,
    "instructor": InstructorGate,
    "instructor_menu": InstructorMenu,
    "inject": InjectScene,
    "console": ConsoleScene,
    "devices": DevicesScene,
    "display": DisplayScene,
}


def make_scene(app: App, name: str, *args: object, **kwargs: object) -> Scene:
    """Build the screen called ``name``; a name no screen has is a programming error."""
    try:
        factory = SCENES[name]
    except KeyError:
        raise KeyError(f"no screen is called {name!r}; known: {', '.join(sorted(SCENES))}") \
            from None
    return factory(app, *args, **kwargs)


def scene_kind(name: str) -> type[Scene]:
    """The class of the screen called ``name`` (to find it on the stack)."""
    factory = SCENES[name]
    if not isinstance(factory, type):
        raise TypeError(f"the screen {name!r} is built by a function: it has no class of its own")
    return factory
