"""Hot seat: the pass-the-device screen between two human players."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from chessboard.ui import theme as th
from chessboard.ui.scene import GuiScene
from chessboard.ui.theme import hex_colour
from chessboard.ui.widgets import chip

if TYPE_CHECKING:
    from chessboard.ui.app import App
    from chessboard.ui.session import GameSession

READY = " is ready: show the hand"  # the pass screen's button, after the player's name
CONFIRM_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class PassScene(GuiScene):
    """Hot seat: hides the board until the next player is at the device.

    Keys pressed for the board must never show the next hand: a fast double Enter after
    "End turn" would otherwise go straight through. The screen arms only after a short delay
    (the button is greyed meanwhile), and then takes a confirm key on its release, and only
    when that key was also pressed after arming: a key held or queued from before never counts.
    """

    def __init__(self, app: App, session: GameSession, on_ready: Callable[[], None]) -> None:
        super().__init__(app)
        self.session = session
        self.on_ready = on_ready
        faction = session.current or ""
        self.faction = faction
        self.label = session.label(faction)
        # the delay runs from the screen's first frame: keys queued while it was being built
        # (which can take a while on a busy machine) arrive before that and never count
        self.opened: float | None = None
        self.delay = app.options.handover_delay
        self.pressed: set[int] = set()  # confirm keys pressed since the screen armed
        self.held = {key for key in CONFIRM_KEYS if _is_down(key)}  # down before it armed

    @property
    def armed(self) -> bool:
        return self.opened is not None and time.monotonic() - self.opened >= self.delay

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        w, h = self.app.screen.get_size()
        self.ready = UIButton(pygame.Rect(w // 2 - px(190), int(h * 0.66), px(380), px(56)),
                              f"{self.short_name()}{READY}", manager,
                              object_id=pygame_gui.core.ObjectID(class_id="@primary"))
        if not self.armed:
            self.ready.disable()

    def update(self, dt: float) -> None:
        if self.opened is None:
            self.opened = time.monotonic()
        if not self.ready.is_enabled and self.armed:
            self.ready.enable()
            self.invalidate()
        super().update(dt)

    def busy(self) -> bool:
        return not self.armed  # keep frames coming so the button arms on time

    def short_name(self) -> str:
        name = self.session.seat(self.faction).name
        if not name:
            name = self.app.engine.rules.faction(self.faction).name
        # cut to what the button holds beside its words (a count of letters overflowed it)
        room = self.theme.px(380 - 28) - self.theme.font(17, bold=True).size(READY)[0]
        return self.theme.fit(name, 17, room, bold=True)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.ready:
            if self.armed:
                self.show_hand()
            return None
        if event.type == pygame.KEYDOWN and event.key in CONFIRM_KEYS:
            if self.armed and event.key not in self.held:
                self.pressed.add(event.key)
            else:
                self.held.add(event.key)  # from before, or too soon: wait for its release
            return None
        if event.type == pygame.KEYUP and event.key in CONFIRM_KEYS:
            self.held.discard(event.key)
            if event.key in self.pressed:
                self.show_hand()
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.open("menu", self.session)
            return None
        return None  # the board below must not react while its hand is hidden

    def show_hand(self) -> None:
        self.app.pop()
        self.on_ready()

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(th.BG)
        px = self.theme.px
        w, h = surface.get_size()
        faction = next(f for f in self.app.rules.game.factions if f.id == self.faction)
        colour = hex_colour(faction.colour)
        band = pygame.Rect(0, int(h * 0.22), w, px(8))
        pygame.draw.rect(surface, colour, band)
        line1 = self.theme.text("Pass the device to", 26, th.TEXT_DIM)
        surface.blit(line1, line1.get_rect(midbottom=(w // 2, int(h * 0.36))))
        # smaller for a long name, so it never runs off the screen; and low enough that the
        # badge and the hint under it stay above the button, which keeps its place
        size = self.theme.shrink(self.label, 52, w - px(80), bold=True, smallest=30)
        hint_text = (f"Round {self.session.state.round}, action "
                     f"{self.session.state.action_round}. The board stays hidden so no one "
                     "else sees this hand.")
        hint_lines = self.theme.wrap(hint_text, 16, w - px(80))
        below = px(10) + px(40) + px(22) + len(hint_lines) * self.theme.line_height(16)
        room = int(h * 0.66) - px(12) - int(h * 0.37) - below
        while size > 24 and self.theme.font(size, bold=True).get_height() > room:
            size -= 2
        label = self.theme.fit(self.label, size, w - px(80), bold=True)
        name = self.theme.text(label, size, th.TEXT, bold=True)
        surface.blit(name, name.get_rect(midtop=(w // 2, int(h * 0.37))))
        badge = pygame.Rect(0, 0, px(64), px(40))
        badge.midtop = (w // 2, int(h * 0.37) + name.get_height() + px(10))
        chip(self.theme, surface, badge, colour, faction.letter, size=22)
        y = badge.bottom + px(22)
        for line in hint_lines:
            hint = self.theme.text(line, 16, th.TEXT_DIM)
            surface.blit(hint, hint.get_rect(midtop=(w // 2, y)))
            y += self.theme.line_height(16)


def _is_down(key: int) -> bool:
    """Whether the keyboard holds ``key`` down now (False when SDL cannot tell)."""
    try:
        return bool(pygame.key.get_pressed()[key])
    except (pygame.error, IndexError):
        return False
