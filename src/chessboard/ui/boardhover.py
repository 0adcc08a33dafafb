"""What the board scene draws over its painted layer each frame: the hovered thing's outline,
a target's outline and the cells its preview would change, the tooltip and the bot spinner.

They are drawn on the screen, never on the layer, so the next frame erases them by copying the
layer back: a moving pointer costs only the few rectangles it touches. What to show comes from
the presenter (legal or not, the preview, the tooltip's lines); where, from the painter's
layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from chessboard.engine.actions import Action
from chessboard.ui import theme as th
from chessboard.ui.boardmodel import BOARD_KINDS, OUTLINED_KINDS
from chessboard.ui.widgets import place_tooltip, render_tooltip

if TYPE_CHECKING:
    from chessboard.ui.boardlayout import Spot
    from chessboard.ui.boardpresenter import BoardPresenter
    from chessboard.ui.boardview import BoardView
    from chessboard.ui.scene import Rects
    from chessboard.ui.theme import Theme

HOVER_EDGE = (200, 210, 225)  # the outline of a hovered thing that is not a target
TIP_WIDTH = 380  # design pixels


class HoverLayer:
    """The overlays of one board scene, with its rendered tooltips (cleared on any change)."""

    def __init__(self, theme: Theme, view: BoardView, presenter: BoardPresenter) -> None:
        self.theme = theme
        self.view = view
        self.presenter = presenter
        self.tip_cache: dict[tuple[object, ...], pygame.Surface] = {}
        self.layer: pygame.Surface | None = None

    def draw(self, surface: pygame.Surface, layer: pygame.Surface,
             key: tuple[object, ...] | None, spot: Spot | None,
             spin: float | None) -> list[pygame.Rect]:
        """Draw over the screen what the pointer (``key`` on ``spot``), the keyboard's focus
        and a thinking bot (``spin``, the spinner's phase) show; ``layer`` is the board
        without them. Returns the rectangles drawn, which the next frame erases."""
        self.layer = layer
        drawn: list[pygame.Rect] = []
        if spin is not None and self.view.spinner_rect is not None:
            rect = self.view.spinner_rect
            self.view.spinner(surface, rect, spin)
            drawn.append(rect.copy())
        focus = self.presenter.focus
        if focus is not None and (key is None or key[0] != "target"):
            focus_spot = self.spot_for(focus)
            if focus_spot is not None:
                key, spot = ("target", focus), focus_spot
        if key is None or spot is None:
            return drawn
        if key[0] == "target":
            action = key[1]
            assert isinstance(action, Action)
            drawn += self._target_outline(surface, action, spot)
        elif spot.kind in OUTLINED_KINDS:
            px = self.theme.px
            outline = spot.rect.inflate(px(4), px(4))
            pygame.draw.rect(surface, HOVER_EDGE, outline, px(2), border_radius=px(6))
            drawn.append(outline)
        tip = self.tooltip(key, spot)
        if tip is not None:
            where = self._place_tip(tip.get_rect(), spot, surface.get_rect())
            surface.blit(tip, where)
            drawn.append(where)
        return drawn

    def _target_outline(self, surface: pygame.Surface, action: Action,
                        spot: Spot) -> list[pygame.Rect]:
        """A target's outline (green, red when illegal or fatal) and what it would change."""
        px = self.theme.px
        drawn = []
        choice = self.presenter.selected_choice()
        legal = self.presenter.is_legal(action)
        preview = self.presenter.preview(action) if legal else None
        # a move that would end the game is outlined in red, like an illegal one
        colour = th.LEGAL if preview is not None and not preview.ending else th.DANGER
        outline = spot.rect.inflate(px(6), px(6))
        if choice is not None and choice.target == "country" and spot.c >= 0:
            # the target is the whole country, wherever on its panel the pointer rests
            outline = self.view.panels[spot.c].rect.inflate(px(8), px(8))
            drawn += self._map_outline(surface, spot.c, colour)  # the country on the map
        elif choice is not None and choice.target == "country_sphere" and spot.s >= 0 \
                and spot.c >= 0:  # the target is the sphere's whole row
            outline = self.view.panels[spot.c].rows[spot.s].inflate(px(6), px(6))
        pygame.draw.rect(surface, colour, outline, px(3), border_radius=px(7))
        drawn.append(outline)
        if preview is not None:
            for rect in self.view.cell_rects(preview.changes):
                box = rect.inflate(px(4), px(4))
                pygame.draw.rect(surface, th.ACCENT, box, px(2), border_radius=px(5))
                drawn.append(box)
        return drawn

    def _map_outline(self, surface: pygame.Surface, c: int, colour: th.Colour) -> Rects:
        """A country's outline on the map, passing under the panels, the news and the banner."""
        assert self.layer is not None
        px = self.theme.px
        clip = surface.get_clip()
        surface.set_clip(self.view.map_rect)
        rects = []
        for pts in self.view.country_polys(c):  # a dark halo sets it apart from the other
            rects.append(pygame.draw.lines(surface, (20, 24, 30), True, pts, px(8)).inflate(
                px(8), px(8)))  # legal countries' thin outlines
            pygame.draw.lines(surface, colour, True, pts, px(4))
        surface.set_clip(clip)
        if rects:
            area = rects[0].unionall(rects[1:])
            for cover in self.view.covers():
                part = cover.clip(area)
                if part.w and part.h:
                    surface.blit(self.layer, part, part)
        return rects

    def _place_tip(self, tip: pygame.Rect, spot: Spot, screen: pygame.Rect) -> pygame.Rect:
        """Beside what it describes: a country panel's tip goes beside the whole panel, so the
        row, its rivals' numbers and the previewed changes stay in view; never over the banner
        that names the move."""
        px = self.theme.px
        bounds = screen.inflate(-px(8), -px(8))
        anchor = spot.rect
        if spot.kind in BOARD_KINDS and 0 <= spot.c < len(self.view.panels):
            anchor = self.view.panels[spot.c].rect.inflate(px(4), px(4))
            if anchor.centerx > self.view.map_rect.centerx:
                # a right-hand panel's tip goes over the map, not over the side bar
                left = tip.copy()
                left.top, left.right = anchor.top, anchor.left - px(10)
                if left.left >= bounds.left:
                    where = left.clamp(bounds)
                    return self._below_banner(where, bounds)
        where = place_tooltip(tip, anchor, bounds, gap=px(10))
        return self._below_banner(where, bounds)

    def _below_banner(self, where: pygame.Rect, bounds: pygame.Rect) -> pygame.Rect:
        px = self.theme.px
        banner = self.view.banner_drawn
        if banner is not None and where.colliderect(banner):
            below = where.copy()
            below.top = banner.bottom + px(8)
            if below.bottom <= bounds.bottom:
                where = below
        return where

    def spot_for(self, action: Action) -> Spot | None:
        """Where a target is drawn, for keyboard focus."""
        place = self.presenter.place_of(action)
        return self.view.spot_of(place) if place is not None else None

    def tooltip(self, key: tuple[object, ...], spot: Spot) -> pygame.Surface | None:
        cached = self.tip_cache.get(key)
        if cached is not None:
            return cached
        lines = self.presenter.tip_lines(key, spot)
        if not lines:
            return None
        surface = render_tooltip(self.theme, lines, self.theme.px(TIP_WIDTH))
        self.tip_cache[key] = surface
        return surface
