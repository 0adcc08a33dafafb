"""The title screen: resume, new game, load, help, about, quit."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from chessboard.ui import theme as th
from chessboard.ui.mapdata import Transform
from chessboard.ui.scene import GuiScene
from chessboard.ui.storage import autosave_path, resumable_autosave, set_aside_unreadable_autosave

if TYPE_CHECKING:
    from chessboard.ui.app import App

class TitleScene(GuiScene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.error = ""
        self.notice = ""  # an autosave that could not be offered: where it was kept and why
        self.buttons: dict[UIButton, Callable[[], None]] = {}
        self._backdrop: pygame.Surface | None = None

    def resume(self) -> None:
        self.rebuild()  # the autosave may have appeared or gone

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        h = self.app.screen.get_height()
        self._backdrop = None
        entries: list[tuple[str, Callable[[], None]]] = []
        # not offering a damaged or newer-version autosave is not enough: the next game would
        # overwrite it. It is moved among the saves, and the title says so.
        self.notice = set_aside_unreadable_autosave() or self.notice
        autosave = resumable_autosave()
        if autosave is not None:
            when = autosave.saved_at.replace("T", " ")[:16]
            entries.append((f"Resume autosave  ·  round {autosave.extra.get('round', '?')}",
                            self.resume_autosave))
            self.autosave_note = f"autosave from {when}"
        else:
            self.autosave_note = ""
        entries += [("New game", self.new_game), ("Load game", self.load_game),
                    ("How to play", self.how_to_play), ("About", self.about),
                    ("Quit", lambda: self.app.quit(0))]
        bw, bh, gap = px(360), px(50), px(12)
        x = px(90)
        y = int(h * 0.40)
        self.buttons = {}
        for k, (label, action) in enumerate(entries):
            cls = "@menu_primary" if k == 0 else "@menu_button"
            button = UIButton(pygame.Rect(x, y, bw, bh), label, manager,
                              object_id=pygame_gui.core.ObjectID(class_id=cls))
            self.buttons[button] = action
            y += bh + gap

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            self.buttons[event.ui_element]()
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_n:
            self.new_game()
            return None
        return event

    def new_game(self) -> None:
        self.app.open("setup")

    def load_game(self) -> None:
        self.app.open("load")

    def how_to_play(self) -> None:
        self.app.open("help")

    def about(self) -> None:
        self.app.open("about")

    def resume_autosave(self) -> None:
        def refused(reason: str) -> None:
            self.error = f"The autosave cannot be resumed: {reason}"
            self.invalidate()

        self.app.open_saved(autosave_path(), refused)

    def draw_background(self, surface: pygame.Surface) -> None:
        if self._backdrop is None or self._backdrop.get_size() != surface.get_size():
            self._backdrop = title_background(self.app, surface.get_size())
        surface.blit(self._backdrop, (0, 0))
        px = self.theme.px
        x = px(90)
        h = surface.get_height()
        game = self.app.rules.game  # a mod or other rules bring their own name
        title = self.theme.text(game.name, 50, th.TEXT, bold=True)
        surface.blit(title, (x, int(h * 0.13)))
        y = int(h * 0.13) + title.get_height() + px(14)
        if game.tagline:
            sub = self.theme.text(game.tagline, 19, th.TEXT_DIM)
            surface.blit(sub, (x + px(2), int(h * 0.13) + title.get_height() + px(4)))
            y += sub.get_height()
        pygame.draw.line(surface, th.ACCENT, (x + px(2), y), (x + px(220), y), px(3))
        if self.autosave_note:
            note = self.theme.text(self.autosave_note, 13, th.TEXT_DIM)
            surface.blit(note, (x + px(370), int(h * 0.40) + px(16)))
        top = int(h * 0.40) + px(62)
        # in boxes beside the buttons, where a long reason has room
        for text, fill, edge, ink in ((self.error, (58, 26, 30), th.DANGER, (255, 170, 160)),
                                      (self.notice, (58, 44, 22), th.WARN, (255, 214, 160))):
            if not text:
                continue
            bx = x + px(360 + 30)
            width = surface.get_width() - bx - px(40)
            lh = self.theme.line_height(15)
            lines = self.theme.wrap(text, 15, width - px(28), bold=True)
            room = max(1, (surface.get_height() - px(40) - top - px(24)) // lh)
            if len(lines) > room:
                lines = lines[:room]
                lines[-1] = self.theme.fit(lines[-1] + " …", 15, width - px(28), bold=True)
            box = pygame.Rect(bx, top, width, len(lines) * lh + px(24))
            th.draw_panel(surface, box, fill, edge, radius=px(8))
            y = box.y + px(12)
            for line in lines:
                surface.blit(self.theme.text(line, 15, ink, bold=True), (box.x + px(14), y))
                y += lh
            top = box.bottom + px(12)
        foot = self.theme.text("F11 full screen · map: Natural Earth · rules from the paper "
                               f"'{self.app.rules.sources.title}'", 12, th.TEXT_FAINT)
        surface.blit(foot, (x, surface.get_height() - px(24)))


def title_background(app: App, size: tuple[int, int]) -> pygame.Surface:
    """The map, large and dark, as a backdrop for the title and set-up screens."""
    w, h = size
    surf = pygame.Surface(size)
    surf.fill(th.BG)
    fit = app.board_map.fit(w * 1.0, h * 1.2)
    tr = Transform(fit.scale, fit.offset_x + w * 0.22, fit.offset_y - h * 0.06)
    for country in app.board_map.playable:  # neighbours stay dark: the five states stand out
        for ring in country.polygons:
            pts = tr.apply_ring(ring)
            if len(pts) < 3:
                continue
            pygame.draw.polygon(surf, (58, 66, 54), pts)
            pygame.draw.aalines(surf, (92, 104, 92), True, pts)
        if country.capital_xy and country.playable:
            pygame.draw.circle(surf, (140, 120, 60), tr.apply(country.capital_xy),
                               app.theme.px(4))
    shade = pygame.Surface(size, pygame.SRCALPHA)
    for x in range(0, w, 4):
        alpha = max(0, min(220, int(240 - 260 * x / w)))
        pygame.draw.rect(shade, (20, 25, 34, alpha), (x, 0, 4, h))
    surf.blit(shade, (0, 0))
    return surf
