"""Modal boxes over the scene below: the base Overlay, confirmations and the in-game menu."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from chessboard.ui import theme as th
from chessboard.ui.scene import GuiScene, Rects
from chessboard.ui.storage import new_save_path

if TYPE_CHECKING:
    from chessboard.ui.app import App
    from chessboard.ui.session import GameSession

class Overlay(GuiScene):
    """A modal box over a dimmed copy of the scene below."""

    opaque = False
    box_size = (560, 300)

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self._snapshot: pygame.Surface | None = None

    def box(self) -> pygame.Rect:
        px = self.theme.px
        w, h = self.app.screen.get_size()
        rect = pygame.Rect(0, 0, min(w - px(40), px(self.box_size[0])),
                           min(h - px(40), px(self.box_size[1])))
        rect.center = (w // 2, h // 2)
        return rect

    def draw(self, surface: pygame.Surface, full: bool) -> Rects:
        if full or self._snapshot is None or self._snapshot.get_size() != surface.get_size():
            shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            shade.fill((10, 12, 18, 170))
            surface.blit(shade, (0, 0))
            self._snapshot = surface.copy()
            full = True
        elif not (self._dirty or self._changed):
            return []
        self._dirty = False
        self._changed = []
        box = self.box()
        surface.blit(self._snapshot, box, box)
        th.draw_panel(surface, box, th.BG_PANEL, th.ACCENT, radius=self.theme.px(12),
                      width=self.theme.px(2))
        self.draw_box(surface, box)
        assert self.manager is not None
        self.manager.draw_ui(surface)
        return [surface.get_rect()] if full else [box]

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        pass

    def menu_buttons(self, manager: pygame_gui.UIManager, box: pygame.Rect,
                     entries: list[tuple[str, Callable[[], None], bool]], *,
                     primary_first: bool = False) -> dict[UIButton, Callable[[], None]]:
        """A menu's column of buttons under its title: (label, action, enabled) each; the
        button each action belongs to."""
        px = self.theme.px
        bh, gap = px(46), px(10)
        y = box.y + px(70)
        actions: dict[UIButton, Callable[[], None]] = {}
        for k, (label, action, enabled) in enumerate(entries):
            kind = "@menu_primary" if primary_first and k == 0 else "@menu_button"
            button = UIButton(pygame.Rect(box.x + px(40), y, box.w - px(80), bh), label, manager,
                              object_id=pygame_gui.core.ObjectID(class_id=kind))
            if not enabled:
                button.disable()
            actions[button] = action
            y += bh + gap
        return actions

    def draw_menu_box(self, surface: pygame.Surface, box: pygame.Rect, title: str,
                      colour: th.Colour, note: str, default_note: str) -> None:
        """A menu's title at the top of the box and its note (or a standing hint) at the
        bottom, the note in the accent colour."""
        px = self.theme.px
        surface.blit(self.theme.text(title, 26, colour, bold=True),
                     (box.x + px(40), box.y + px(18)))
        lines = self.theme.wrap(note or default_note, 13, box.w - px(60))
        y = box.bottom - px(14) - len(lines) * self.theme.line_height(13)
        for line in lines:
            surface.blit(self.theme.text(line, 13, th.ACCENT if note else th.TEXT_DIM),
                         (box.x + px(30), y))
            y += self.theme.line_height(13)

    def process_event(self, event: pygame.event.Event) -> pygame.event.Event | None:
        super().process_event(event)
        return None  # modal: nothing reaches the scenes below


class ConfirmScene(Overlay):
    """Ask before something that cannot be taken back (a game-ending move, quitting)."""

    box_size = (620, 300)

    def __init__(self, app: App, title: str, text: str, yes: str, on_yes: Callable[[], None],
                 *, no: str = "Cancel", danger: bool = True) -> None:
        super().__init__(app)
        self.title, self.text, self.yes_label, self.no_label = title, text, yes, no
        self.on_yes = on_yes
        self.danger = danger

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        box = self.box()
        bw = (box.w - px(60)) // 2
        y = box.bottom - px(70)
        cls = "@danger" if self.danger else "@primary"
        self.yes = UIButton(pygame.Rect(box.x + px(20), y, bw, px(48)), self.yes_label, manager,
                            object_id=pygame_gui.core.ObjectID(class_id=cls))
        self.no = UIButton(pygame.Rect(box.right - px(20) - bw, y, bw, px(48)), self.no_label,
                           manager)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.yes:
                self.confirm()
            elif event.ui_element is self.no:
                self.app.pop()
        elif event.type == pygame.KEYDOWN:
            # Enter must never take the dangerous way: the board's own Enter (or a held key)
            # would otherwise play a game-ending move straight through this question
            yes_keys = (pygame.K_y,) if self.danger else (pygame.K_RETURN, pygame.K_KP_ENTER)
            if event.key in yes_keys:
                self.confirm()
            elif event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
                self.app.pop()
        return None

    def confirm(self) -> None:
        self.app.pop()
        self.on_yes()

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        px = self.theme.px
        colour = th.DANGER if self.danger else th.ACCENT
        title = self.theme.text(self.title, 22, colour, bold=True)
        surface.blit(title, (box.x + px(24), box.y + px(20)))
        y = box.y + px(24) + title.get_height() + px(8)
        for line in self.theme.wrap(self.text, 16, box.w - px(48)):
            surface.blit(self.theme.text(line, 16, th.TEXT), (box.x + px(24), y))
            y += self.theme.line_height(16)
        if self.danger:
            keys = self.theme.text(f"Y: {self.yes_label.lower()}  ·  Enter or Esc: "
                                   f"{self.no_label.lower()}", 13, th.TEXT_DIM)
            surface.blit(keys, keys.get_rect(bottomleft=(box.x + px(24),
                                                         box.bottom - px(80))))


class MenuScene(Overlay):
    """Esc on the board: resume, save, load, help, title, quit."""

    box_size = (440, 522)  # seven buttons and the note under them

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.note = ""

    def build(self, manager: pygame_gui.UIManager) -> None:
        box = self.box()
        entries = [("Resume", self.close), ("Save game", self.save),
                   ("Load game", self.load), ("How to play", self.help),
                   ("Text size and contrast", self.display),
                   ("Quit to title", self.title), ("Quit the game", self.quit)]
        self.actions = self.menu_buttons(manager, box, [(*e, True) for e in entries],
                                         primary_first=True)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            self.actions[event.ui_element]()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_s and \
                event.mod & pygame.KMOD_CTRL:
            self.save()
        return None

    def close(self) -> None:
        self.app.pop()

    def save(self) -> None:
        _ok, self.note = self.session.save_copy(new_save_path(self.session.state.round))
        self.invalidate()

    def load(self) -> None:
        self.app.open("load")

    def help(self) -> None:
        self.app.open("help")

    def display(self) -> None:
        self.app.open("display")

    def title(self) -> None:
        self.app.to_title()

    def quit(self) -> None:
        self.app.quit(0)

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        self.draw_menu_box(surface, box, "Menu", th.TEXT, self.note,
                           "The game is autosaved after every action.")
