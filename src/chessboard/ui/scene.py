"""The scene stack: title, set-up, board and the overlays on top of it.

Each scene handles events (returning those it did not consume, which then go to the scene
below), advances its own animations in :meth:`Scene.update`, and draws in :meth:`Scene.draw`,
which never changes the game. Drawing returns the rectangles it changed so the window pushes only
those to the screen: an idle board costs nothing and a moving pointer only its tooltip.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from chessboard.ui import theme as th

if TYPE_CHECKING:
    from chessboard.ui.app import App

Rects = list[pygame.Rect]


class Scene:
    """One screen. ``opaque`` scenes hide everything below; overlays dim it."""

    opaque = True

    def __init__(self, app: App) -> None:
        self.app = app
        self.theme = app.theme

    # life cycle: enter/exit once, pause/resume in pairs while something covers the scene
    def enter(self) -> None:
        pass

    def exit(self) -> None:
        pass

    def pause(self) -> None:
        pass

    def resume(self) -> None:
        pass

    def resize(self, size: tuple[int, int]) -> None:
        pass

    def process_event(self, event: pygame.event.Event) -> pygame.event.Event | None:
        return event

    def update(self, dt: float) -> None:
        pass

    def busy(self) -> bool:
        """True while the scene animates or waits on a worker: the loop then runs at full rate."""
        return False

    def draw(self, surface: pygame.Surface, full: bool) -> Rects:
        """Bring ``surface`` up to date; with ``full`` its content is unknown. Return changes."""
        return [surface.get_rect()] if full else []


class SceneStack:
    def __init__(self) -> None:
        self.scenes: list[Scene] = []
        self.needs_full = True

    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> None:
        if self.scenes:
            self.scenes[-1].pause()
        self.scenes.append(scene)
        scene.enter()
        self.needs_full = True

    def pop(self) -> Scene | None:
        if not self.scenes:
            return None
        scene = self.scenes.pop()
        scene.exit()
        if self.scenes:
            self.scenes[-1].resume()
        self.needs_full = True
        return scene

    def replace(self, scene: Scene) -> None:
        """Swap the top scene; the one below is not resumed and paused in between."""
        if self.scenes:
            self.scenes.pop().exit()
        self.scenes.append(scene)
        scene.enter()
        self.needs_full = True

    def clear(self) -> None:
        while self.scenes:
            self.scenes.pop().exit()
        self.needs_full = True

    def find(self, kind: type[Scene]) -> Scene | None:
        return next((s for s in reversed(self.scenes) if isinstance(s, kind)), None)

    def process_event(self, event: pygame.event.Event) -> pygame.event.Event | None:
        """Offer the event from the top down; an opaque scene hides it from those below.

        Returns the event nobody consumed (the window may still act on it).
        """
        for scene in reversed(self.scenes):
            out = scene.process_event(event)
            if out is None:
                return None
            event = out
            if scene.opaque:
                break
        return event

    def resize(self, size: tuple[int, int]) -> None:
        for scene in self.scenes:
            scene.resize(size)
        self.needs_full = True

    def draw(self, surface: pygame.Surface) -> Rects:
        """Draw the visible scenes; overlays redraw what lies below only on a full redraw."""
        if not self.scenes:
            return []
        full = self.needs_full
        self.needs_full = False
        if not full:
            return self.scenes[-1].draw(surface, False)
        first = max((i for i, s in enumerate(self.scenes) if s.opaque), default=0)
        for scene in self.scenes[first:]:
            scene.draw(surface, True)
        return [surface.get_rect()]


class GuiScene(Scene):
    """A scene with its own pygame_gui manager, rebuilt at every window size.

    Subclasses create their widgets in :meth:`build` and paint their own background in
    :meth:`draw_background`, which is kept in a surface. A widget that changes its picture
    (hover, a menu opening) shows up in the sprite signature, and only its rectangles are
    repainted; keys and clicks, which may change a widget in place, repaint the whole scene.
    """

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.manager: pygame_gui.UIManager | None = None
        self._signature: list[tuple[int, tuple[int, int, int, int]]] = []
        self._dirty = True  # everything, background included
        self._changed: list[pygame.Rect] = []  # widgets whose picture changed
        self._background: pygame.Surface | None = None

    def enter(self) -> None:
        self.rebuild()

    def exit(self) -> None:
        if self.manager is not None:
            self.manager.clear_and_reset()
            self.manager = None

    def resize(self, size: tuple[int, int]) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        if self.manager is not None:
            self.manager.clear_and_reset()
        self.manager = make_manager(self.app)
        self.build(self.manager)
        self._dirty = True

    def build(self, manager: pygame_gui.UIManager) -> None:
        pass

    def invalidate(self) -> None:
        self._dirty = True

    def process_event(self, event: pygame.event.Event) -> pygame.event.Event | None:
        assert self.manager is not None
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL,
                          pygame.KEYDOWN, pygame.TEXTINPUT):
            self._dirty = True
        if self.manager.process_events(event):
            return None
        return self.handle(event)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        """Events the widgets did not take (including their own UI_* events)."""
        return event

    def update(self, dt: float) -> None:
        assert self.manager is not None
        self.manager.update(dt)
        signature = [(id(image), tuple(rect)) for image, rect, *_ in
                     self.manager.get_sprite_group().visible]
        if signature != self._signature:
            self._changed += [pygame.Rect(r) for _i, r in set(signature) ^ set(self._signature)]
            self._signature = signature

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(th.BG)

    def draw(self, surface: pygame.Surface, full: bool) -> Rects:
        assert self.manager is not None
        if full or self._dirty or self._background is None \
                or self._background.get_size() != surface.get_size():
            self._dirty = False
            self._changed = []
            self._background = pygame.Surface(surface.get_size())
            self.draw_background(self._background)
            surface.blit(self._background, (0, 0))
            self.manager.draw_ui(surface)
            return [surface.get_rect()]
        if not self._changed:
            return []
        rects, self._changed = self._changed, []
        for rect in rects:
            surface.blit(self._background, rect, rect)
        self.manager.draw_ui(surface)
        return rects


def make_manager(app: App) -> pygame_gui.UIManager:
    manager = pygame_gui.UIManager(app.screen.get_size(), app.theme.gui_theme(),
                                   enable_live_theme_updates=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        manager.preload_fonts([
            {"name": "noto_sans", "point_size": app.theme.text_px(size), "style": style}
            for size in (15, 17, 21) for style in ("regular", "bold")
        ])
    return manager
