"""Text size and contrast (projector mode), from the in-game menu; the same as the keys
Ctrl+= / Ctrl+- / Ctrl+0 and Ctrl+H, which work on every screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from chessboard.ui import theme as th
from chessboard.ui.overlays import Overlay
from chessboard.ui.settings import DEFAULT_SCALE, SCALES

if TYPE_CHECKING:
    from pygame_gui.elements import UIButton

    from chessboard.ui.app import App


class DisplayScene(Overlay):
    """Larger or smaller text and the high-contrast colours; kept for the next time."""

    box_size = (480, 420)

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.actions: dict[UIButton, Callable[[], None]] = {}

    def build(self, manager: pygame_gui.UIManager) -> None:
        shown = self.app.shown_settings
        contrast = "on" if shown.high_contrast else "off"
        entries = [("Larger text (Ctrl+=)", lambda: self.step(1), shown.scale < max(SCALES)),
                   ("Smaller text (Ctrl+-)", lambda: self.step(-1), shown.scale > min(SCALES)),
                   (f"Text at {DEFAULT_SCALE}% (Ctrl+0)",
                    lambda: self.app.change_settings(replace(shown, scale=DEFAULT_SCALE)),
                    shown.scale != DEFAULT_SCALE),
                   (f"High contrast: {contrast} (Ctrl+H)",
                    lambda: self.app.change_settings(
                        replace(shown, high_contrast=not shown.high_contrast)), True),
                   ("Close", self.app.pop, True)]
        self.actions = self.menu_buttons(manager, self.box(), entries)

    def step(self, steps: int) -> None:
        self.app.change_settings(self.app.shown_settings.step_scale(steps))

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            self.actions[event.ui_element]()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
        return None

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        shown = self.app.shown_settings
        colours = "high contrast" if shown.high_contrast else "standard colours"
        self.draw_menu_box(surface, box, "Text size and contrast", th.TEXT, "",
                           f"Now {shown.scale}%, {colours}. Kept for the next time.")
