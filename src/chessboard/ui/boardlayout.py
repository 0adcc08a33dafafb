"""The board's geometry: where the map, the country panels, the bars and the buttons go.

:class:`BoardLayout` places everything once per window size, every length from the theme
(``px``, so the board follows the window and the player's UI scale), and answers where things
are: the :class:`Spot` under the pointer (recorded by the painter as it paints), the rectangle
of a place, the screen boxes of what a move changes. It paints nothing (see
:mod:`chessboard.ui.boardview`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from chessboard.ui.mapdata import BoardMap, Transform
from chessboard.ui.theme import Theme, hex_colour
from chessboard.ui.widgets import LogView

if TYPE_CHECKING:
    from chessboard.ui.boardmodel import Place
    from chessboard.ui.boardread import Legend
    from chessboard.ui.diff import Changes

# The country panels stand in two columns over the map's edges (the Caspian, Russia, China and
# the south), so the middle of the map with the capitals stays visible; the news card heads
# the right-hand column. Countries not listed join the shorter column.
LEFT_COLUMN = ("kazakhstan", "uzbekistan", "turkmenistan")
RIGHT_COLUMN = ("kyrgyzstan", "tajikistan")


@dataclass(slots=True)
class Spot:
    """Something on screen the pointer can hover or click."""

    rect: pygame.Rect
    kind: str  # cell power country opinion stance org track seat news choice card pick head
    c: int = -1
    s: int = -1
    p: int = -1
    i: int = -1
    text: str = ""  # the number or label painted there (tests read it back)


@dataclass(slots=True)
class PanelGeom:
    rect: pygame.Rect
    header: pygame.Rect
    cols: list[int]  # x centre of each power column
    rows: list[pygame.Rect]  # per sphere
    cells: list[list[pygame.Rect]]  # [sphere][power]
    res: list[pygame.Rect]
    ctrl: list[pygame.Rect]
    opinion: list[pygame.Rect]
    stance: list[pygame.Rect]
    orgs: list[pygame.Rect]
    col_head: list[pygame.Rect]


class BoardLayout:
    def __init__(self, theme: Theme, legend: Legend, board_map: BoardMap) -> None:
        self.theme = theme
        self.lg = legend
        self.map = board_map
        self.power_colour = [hex_colour(c) for c in legend.power_colours]
        self.power_letter = list(legend.power_letters)
        self.faction_colour = [hex_colour(c) for c in legend.faction_colours]
        self.faction_letter = list(legend.faction_letters)
        self.country_index = {cid: c for c, cid in enumerate(legend.country_ids)}
        self.map_country = {c.id: c for c in board_map.countries}
        # the country panels' theme: smaller when many, at the player's UI scale
        self.pt = Theme(theme.size, scale=theme.scale)
        # countries of the rules that the map data has no shape for: a placeholder each
        self.shapeless = [c for c, cid in enumerate(legend.country_ids)
                          if cid not in self.map_country]
        self.spots: list[Spot] = []
        self.log = LogView(theme)
        self.size = (0, 0)
        self.banner_drawn: pygame.Rect | None = None  # the message banner, when one is shown
        self.plates: list[pygame.Rect] = []  # capitals' name plates, with a margin

    # layout -------------------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        theme = self.theme
        px = theme.px
        self.size = size
        self.pt.scale = theme.scale  # changed in the window (Ctrl+= / Ctrl+-)
        self.pt.resize(size)
        w, h = size
        self.top = pygame.Rect(0, 0, w, px(62))
        side_w = min(px(420), w // 3)
        self.side = pygame.Rect(w - side_w, self.top.bottom, side_w, h - self.top.bottom)
        self.map_rect = pygame.Rect(0, self.top.bottom, w - side_w, h - self.top.bottom)
        fit = self.map.fit(self.map_rect.w, self.map_rect.h, margin=px(4))
        self.transform = Transform(fit.scale, fit.offset_x + self.map_rect.x,
                                   fit.offset_y + self.map_rect.y)
        pad = px(10)
        self.buttons_rect = pygame.Rect(self.side.x + pad, self.side.bottom - px(50),
                                        self.side.w - 2 * pad, px(42))
        self._place_panels()
        # messages go between the two columns of panels, at the top of the map
        left = max((g.rect.right for g in self.panels if g.rect.centerx < self.map_rect.centerx),
                   default=self.map_rect.x)
        right = min([g.rect.left for g in self.panels if g.rect.centerx > self.map_rect.centerx]
                    + [self.news_rect.left])
        self.banner_rect = pygame.Rect(left + px(10), self.map_rect.y + px(8),
                                       max(px(200), right - left - px(20)), px(40))
        self.menu_rect = pygame.Rect(self.top.right - px(112), self.top.y + px(12), px(100),
                                     self.top.h - px(24))
        self._place_placeholders()

    def _place_panels(self) -> None:
        """Country panels in columns over the map's edges, as large as they fit.

        Two columns (left edge; right edge under the news) at full size when they fit; with
        more countries first smaller panels (down to 85%), then inner columns, and only then
        smaller still, so that no panel is ever cut off whatever the number of countries.
        """
        px = self.theme.px
        area = self.map_rect.inflate(-px(12), -px(12))
        self.news_rect = pygame.Rect(0, 0, px(232), px(122))
        arrangements = [(m, k) for m in (2, 3, 4) for k in (1.0, 0.92, 0.85)]
        arrangements += [(m, k) for k in (0.78, 0.72, 0.66, 0.6, 0.55, 0.5) for m in (2, 3, 4)]
        for columns, factor in arrangements:
            placed = self._arrange(area, columns, factor)
            if placed is not None:
                break
        else:  # nothing fits (a window far below the minimum size): the smallest, clipped
            placed = self._arrange(area, 4, 0.5, force=True)
            assert placed is not None
        self.panels = placed

    def _arrange(self, area: pygame.Rect, columns: int, factor: float, *,
                 force: bool = False) -> list[PanelGeom] | None:
        """Panels at ``factor`` of the board's scale in ``columns`` columns, or None when
        they do not fit in ``area``."""
        self.pt.set_factor(factor)
        px, ids = self.theme.px, self.lg.country_ids
        probe = self._panel_geom(0, 0).rect
        width, height = probe.w, probe.h
        gap_x, min_gap = px(8), px(4)
        # column x: left edge, right edge (under the news), then inner left, inner right
        right_w = max(width, self.news_rect.w)
        xs = [area.x, area.right - width, area.x + width + gap_x,
              area.right - right_w - gap_x - width][:columns]
        if not force and (columns - 1) * gap_x + width * columns + right_w - width > area.w:
            return None
        items: list[list[str]] = [[] for _ in range(columns)]
        items[1].append("news")
        heights = [0] * columns
        heights[1] = self.news_rect.h
        for cid in ids:
            col = 0 if cid in LEFT_COLUMN else 1 if cid in RIGHT_COLUMN else -1
            if col < 0:  # the lowest column, the outer ones first on a tie
                col = min(range(columns), key=lambda i: (heights[i] + len(items[i]) * min_gap,
                                                         i))
            items[col].append(cid)
            heights[col] += height
        if not force and any(h + (len(col) - 1) * min_gap > area.h
                             for h, col in zip(heights, items, strict=True)):
            return None
        geoms: dict[str, PanelGeom] = {}
        for x, column, total in zip(xs, items, heights, strict=True):
            if not column:
                continue
            gap = max(min_gap, (area.h - total) // (len(column) + 1))
            gap = min(gap, px(40))
            y = max(area.y, area.y + (area.h - total - gap * (len(column) - 1)) // 2)
            for item in column:
                if item == "news":
                    self.news_rect.topleft = (area.right - self.news_rect.w, y)
                    y += self.news_rect.h + gap
                else:
                    geoms[item] = self._panel_geom(x, y)
                    y += height + gap
        return [geoms[cid] for cid in ids]

    @property
    def compact(self) -> bool:
        """Projector mode (a UI scale above 100%): the panels keep the spheres' rows only;
        public opinion, official stance and memberships move to the country's tooltip, so
        the larger text has room and the map stays in view."""
        return self.theme.scale > 1

    def _panel_geom(self, x0: int, y0: int) -> PanelGeom:
        pt = self.pt
        px = pt.px
        t = self.lg
        width = px(232)
        rect = pygame.Rect(x0, y0, width, px(200))
        inner = rect.inflate(-px(12), 0)
        header = pygame.Rect(rect.x, rect.y, rect.w, px(26))
        label_w, res_w, ctrl_w = px(44), px(32), px(34)
        if self.compact:  # columns as wide as their heads and labels are drawn
            label_w = max(label_w, px(14) + max(pt.font(13, bold=True).size(short)[0]
                                                for short in ("Pol", "Eco", "Mil", "Cul")))
            res_w = max(res_w, pt.font(11).size("need")[0] + px(4))
            ctrl_w = max(ctrl_w, pt.font(11).size("ctrl")[0] + px(4))
        col_w = (inner.w - label_w - res_w - ctrl_w) // t.P
        col_x = [inner.x + label_w + col_w * p + col_w // 2 for p in range(t.P)]
        y = header.bottom + px(1)
        col_head = [pygame.Rect(0, 0, px(22), px(17)) for _ in range(t.P)]
        for p, r in enumerate(col_head):
            r.center = (col_x[p], y + px(10))
        y += px(20)
        row_h = px(22)
        rows, cells, res, ctrl = [], [], [], []
        for _s in range(t.S):
            row = pygame.Rect(inner.x - px(3), y, inner.w + px(6), row_h)
            rows.append(row)
            cells.append([pygame.Rect(col_x[p] - col_w // 2 + px(2), y + px(1), col_w - px(4),
                                      row_h - px(2)) for p in range(t.P)])
            res.append(pygame.Rect(inner.x + label_w + col_w * t.P, y, res_w, row_h))
            ctrl.append(pygame.Rect(inner.right - ctrl_w, y, ctrl_w, row_h))
            y += row_h
        y += px(2)
        if self.compact:
            rect.h = y + px(4) - rect.y
            return PanelGeom(rect, header, col_x, rows, cells, res, ctrl, [], [], [], col_head)
        opinion = [pygame.Rect(col_x[p] - col_w // 2, y, col_w, px(18)) for p in range(t.P)]
        y += px(18)
        stance = [pygame.Rect(col_x[p] - col_w // 2, y, col_w, px(18)) for p in range(t.P)]
        y += px(21)
        n = len(t.org_names)
        gap = px(3)
        org_w = (inner.w - gap * (n - 1)) // n
        orgs = [pygame.Rect(inner.x + k * (org_w + gap), y, org_w, px(18)) for k in range(n)]
        rect.h = orgs[-1].bottom + px(6) - rect.y
        return PanelGeom(rect, header, col_x, rows, cells, res, ctrl, opinion, stance, orgs,
                         col_head)

    def placeholder_rect(self, c: int) -> pygame.Rect:
        return self.placeholders[c]

    def _place_placeholders(self) -> None:
        """Where the countries the map data has no shape for stand: beside their panel when
        that spot is free, else the first free spot of the map, scanning from its middle."""
        px = self.theme.px
        taken = [g.rect for g in self.panels] + [self.news_rect, self.banner_rect]
        self.placeholders: dict[int, pygame.Rect] = {}
        for c in self.shapeless:
            rect = pygame.Rect(0, 0, px(150), px(56))
            panel = self.panels[c].rect
            candidates = []
            for side in ("right", "left"):
                spot = rect.copy()
                if side == "right":
                    spot.topleft = (panel.right + px(10), panel.y + px(8))
                else:
                    spot.topright = (panel.left - px(10), panel.y + px(8))
                candidates.append(spot)
            step = px(24)
            cx, cy = self.map_rect.center
            for dy in range(0, self.map_rect.h // 2, step):
                for dx in range(0, self.map_rect.w // 2, step):
                    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
                        candidates.append(rect.move(cx + sx * dx - rect.w // 2,
                                                    cy + sy * dy - rect.h // 2))
            free = next((spot for spot in candidates if self.map_rect.contains(spot)
                         and spot.collidelist(taken) < 0), candidates[0])
            self.placeholders[c] = free.clamp(self.map_rect)
            taken.append(free.inflate(px(8), px(8)))

    # where things are -------------------------------------------------------------------

    def country_polys(self, c: int) -> list[list[tuple[int, int]]]:
        country = self.map_country.get(self.lg.country_ids[c])
        if country is None:
            return []
        return [self.transform.apply_ring(ring) for ring in country.polygons]

    def covers(self) -> list[pygame.Rect]:
        """What stands above the map (panels with their shadows, the news, the banner)."""
        shadow = self.theme.px(3)
        out = [g.rect.inflate(shadow, shadow).move(shadow // 2, shadow // 2)
               for g in self.panels]
        out.append(self.news_rect.inflate(shadow, shadow).move(shadow // 2, shadow // 2))
        if self.banner_drawn is not None:
            out.append(self.banner_drawn)
        # the capitals' name plates (their rects include a margin: take the plate itself)
        out += [p.inflate(-self.theme.px(12), -self.theme.px(2)) for p in self.plates]
        out += [self.placeholder_rect(c) for c in self.shapeless]
        return out

    def country_at(self, pos: tuple[int, int]) -> int:
        if not self.map_rect.collidepoint(pos):
            return -1
        found = self.map.point_in_country(self.transform.invert(pos))
        if found is None or found not in self.country_index:
            return -1
        return self.country_index[found]

    def spot_at(self, pos: tuple[int, int]) -> Spot | None:
        """The most specific spot under the pointer (the last painted wins)."""
        best = None
        for spot in self.spots:
            if spot.rect.collidepoint(pos):
                best = spot
        if best is None:  # the map itself: a country's outline stands for its panel
            c = self.country_at(pos)
            if c >= 0:
                return Spot(self.panels[c].rect.copy(), "country", c=c)
        return best

    def spot_of(self, place: Place) -> Spot | None:
        """Where a place of a country panel or a power button is drawn (keyboard focus)."""
        if place.kind == "pick":
            return next((s for s in self.spots if s.kind == "pick" and s.p == place.p), None)
        g = self.panels[place.c]
        if place.kind == "power":
            return Spot(g.cells[place.s][place.p].copy(), "power", c=place.c, s=place.s,
                        p=place.p)
        if place.kind == "cell":
            return Spot(g.rows[place.s].copy(), "cell", c=place.c, s=place.s)
        return Spot(g.rect.copy(), "country", c=place.c)

    def cell_rects(self, changes: Changes) -> list[pygame.Rect]:
        """Screen boxes of everything a previewed action would change."""
        out = []
        for c, s, p in changes.powers:
            out.append(self.panels[c].cells[s][p])
        for c in changes.countries:
            g = self.panels[c]
            # compact panels show attitudes in the tooltip only: the header marks the change
            out.append(g.opinion[0].union(g.stance[-1]) if g.opinion else g.header)
        return out
