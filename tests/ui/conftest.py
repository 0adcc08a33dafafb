"""UI tests drive the real scenes with synthetic events in an invisible window."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saves and the autosave go to a temporary folder, never the user's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("CHESSBOARD_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def pygame_session() -> Iterator[None]:
    import pygame

    yield
    pygame.quit()


class Driver:
    """An App with helpers to post events and run frames, as a player would act."""

    def __init__(self, app: object) -> None:
        self.app = app

    def frames(self, n: int = 2) -> None:
        import pygame

        for _ in range(n):
            self.app.frame(pygame.event.get())

    def post(self, event_type: int, **attrs: object) -> None:
        import pygame

        pygame.event.post(pygame.event.Event(event_type, **attrs))

    def move(self, pos: tuple[int, int]) -> None:
        import pygame

        self.post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
        self.frames(1)

    def click(self, pos: tuple[int, int], button: int = 1) -> None:
        import pygame

        self.move(pos)
        self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=False)
        self.post(pygame.MOUSEBUTTONUP, pos=pos, button=button, touch=False)
        self.frames(3)  # pygame_gui answers a click with an event handled next frame

    def key(self, key: int, mod: int = 0) -> None:
        import pygame

        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
        self.post(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)
        self.frames(3)

    @property
    def top(self) -> object:
        return self.app.stack.top

    def button(self, text: str) -> object:
        """The top screen's pygame_gui button with this label."""
        for sprite in self.app.stack.top.manager.get_sprite_group().sprites():
            if getattr(sprite, "text", None) == text:
                return sprite
        raise AssertionError(f"no button {text!r}")

    def run_until(self, predicate: object, limit: int = 3000) -> None:
        for _ in range(limit):
            if predicate():
                return
            self.frames(1)
        raise AssertionError("the condition never came true")


@pytest.fixture
def make_app(data_dir: Path, pygame_session: None) -> Iterator[object]:
    """Build an App for some rules at 1280×720 with instant bots."""
    from chessboard.ui.app import App, Options

    def build(rules: object, **options: object) -> Driver:
        # the pass screen arms at once unless a test asks for the real delay
        opts = Options(**{"size": (1280, 720), "bot_pause": 0.0, "max_fps": 0,
                          "handover_delay": 0.0, **options})
        app = App(rules, opts)
        app.start()
        driver = Driver(app)
        driver.frames(2)
        return driver

    yield build
