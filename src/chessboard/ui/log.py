"""The whole game log in a large box over the board."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from chessboard.ui import theme as th
from chessboard.ui.overlays import Overlay
from chessboard.ui.widgets import LogView

if TYPE_CHECKING:
    from chessboard.ui.app import App

class LogScene(Overlay):
    """The whole game log in a large scrolling box (L on the board)."""

    box_size = (1100, 640)

    def __init__(self, app: App, entries: list[tuple[str, str]], fresh: int) -> None:
        super().__init__(app)
        self.log = LogView(app.theme, size=15)
        self.entries, self.fresh = entries, fresh

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        box = self.box()
        self.log.set_rect(pygame.Rect(box.x + px(20), box.y + px(60), box.w - px(40),
                                      box.h - px(80)))
        self.log.set_entries([], 0)
        self.log.set_entries(self.entries, self.fresh)
        self.close = UIButton(pygame.Rect(box.right - px(140), box.y + px(12), px(120), px(40)),
                              "Close", manager)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.close) or (
                event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_l,
                                                               pygame.K_RETURN)):
            self.app.pop()
        elif self.log.handle(event):
            self.invalidate()
        return None

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        px = self.theme.px
        title = self.theme.text("Game log", 24, th.TEXT, bold=True)
        surface.blit(title, (box.x + px(20), box.y + px(14)))
        # after the title as wide as it is drawn, cut before the Close button
        x = box.x + px(20) + title.get_width() + px(16)
        hint = self.theme.fit("mouse wheel or the bar to scroll", 13,
                              self.close.rect.left - px(12) - x)
        surface.blit(self.theme.text(hint, 13, th.TEXT_DIM),
                     (x, box.y + px(14) + title.get_height() - self.theme.line_height(13) - px(4)))
        self.log.draw(surface)
