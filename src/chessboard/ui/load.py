"""Loading a saved game."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UISelectionList

from chessboard.ui import theme as th
from chessboard.ui.scene import GuiScene
from chessboard.ui.storage import list_saves, saves_dir

if TYPE_CHECKING:
    from chessboard.ui.app import App

class LoadScene(GuiScene):
    """Pick a save from the user data folder."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.error = ""

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        w, h = self.app.screen.get_size()
        width = min(w - px(120), px(1000))
        x = (w - width) // 2
        self.entries = list_saves()
        self.folder = saves_dir()
        # a long list of players is cut with an ellipsis rather than at the list's edge
        items = [(self.theme.fit(e.describe(), 17, width - px(60)), str(k))
                 for k, e in enumerate(self.entries)]
        top = self.list_top()
        self.list = UISelectionList(pygame.Rect(x, top, width, h - px(120) - top), items,
                                    manager)
        y = h - px(90)
        self.open = UIButton(pygame.Rect(x, y, px(200), px(48)), "Load", manager,
                             object_id=pygame_gui.core.ObjectID(class_id="@primary"))
        self.back = UIButton(pygame.Rect(x + width - px(180), y, px(180), px(48)), "Back",
                             manager)
        if not self.entries:
            self.open.disable()

    def list_top(self) -> int:
        """Under the title and the line saying where saves are, as large as they are drawn."""
        px = self.theme.px
        title = self.theme.font(34, bold=True).get_height()
        return max(px(110), px(30) + title + px(4) + self.theme.line_height(13) + px(10))

    def selected(self) -> int:
        chosen = self.list.get_single_selection(include_object_id=True)
        if chosen is None:
            return 0 if len(self.entries) == 1 else -1
        return int(chosen[1])

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.pop()
            elif event.ui_element is self.open:
                self.load(self.selected())
        elif event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self.load(self.selected())
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.load(self.selected())
        return event

    def load(self, index: int) -> None:

        if not 0 <= index < len(self.entries):
            self.error = "Choose a saved game first."
            self.invalidate()
            return
        entry = self.entries[index]
        if entry.save is None:
            self.error = f"This file cannot be loaded. {entry.describe()}"
            self.invalidate()
            return
        def refused(reason: str) -> None:
            self.error = reason
            self.invalidate()

        self.app.open_saved(entry.path, refused)

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(th.BG)
        px = self.theme.px
        w = surface.get_width()
        width = min(w - px(120), px(1000))
        x = (w - width) // 2
        title = self.theme.text("Load a saved game", 34, th.TEXT, bold=True)
        surface.blit(title, (x, px(30)))
        note = f"Saves are kept in {self.folder}" if self.entries else \
            f"No saved games yet in {self.folder}. Save from the menu (Esc) during a game."
        note = self.theme.fit(note, 13, width)
        surface.blit(self.theme.text(note, 13, th.TEXT_DIM),
                     (x, max(px(80), px(30) + title.get_height() + px(2))))
        if self.error:
            lines = self.theme.wrap(self.error, 15, width - px(420), bold=True)
            y = surface.get_height() - px(88)
            for line in lines[:3]:
                surface.blit(self.theme.text(line, 15, (255, 140, 130), bold=True),
                             (x + px(220), y))
                y += self.theme.line_height(15)
