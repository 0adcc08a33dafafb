"""The board's painter: the map, the country panels, the tracks and the side bar.

:class:`BoardView` lays the window out once per size (every length from the theme's ``px``,
fonts and line heights, so the board scales) and paints a layer surface from a
:class:`~chessboard.ui.boardmodel.BoardModel`, which the presenter has already decided: the
numbers, the highlights, the labels. It asks the game nothing. Every clickable or hoverable
thing it paints is recorded as a :class:`Spot`, which the board scene uses for hit-testing and
hands to the presenter (a spot is a place plus its rectangle).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from chessboard.ui import theme as th
from chessboard.ui.mapdata import BoardMap, Transform
from chessboard.ui.text import WHAT_IF_LABEL
from chessboard.ui.theme import Colour, Theme, hex_colour, mix
from chessboard.ui.widgets import LogView, chip

if TYPE_CHECKING:
    from chessboard.ui.boardmodel import (
        BoardModel,
        ChoiceButton,
        CountryPanel,
        HandCard,
        NewsModel,
        Place,
        PowerPick,
        RowModel,
        TrackModel,
    )
    from chessboard.ui.boardread import Legend
    from chessboard.ui.diff import Changes

# The country panels stand in two columns over the map's edges (the Caspian, Russia, China and
# the south), so the middle of the map with the capitals stays visible; the news card heads
# the right-hand column. Countries not listed join the shorter column.
LEFT_COLUMN = ("kazakhstan", "uzbekistan", "turkmenistan")
RIGHT_COLUMN = ("kyrgyzstan", "tajikistan")
SPHERE_COLOURS = {"political": (150, 120, 210), "economic": (70, 170, 110),
                  "military": (200, 90, 70), "cultural": (60, 160, 190)}


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


class BoardView:
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
        self.static_map: pygame.Surface | None = None
        self.spinner_rect: pygame.Rect | None = None  # where "thinking" spins, when a bot does
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
        self.static_map = self._render_static_map()

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

    # the static map -----------------------------------------------------------------------

    def _render_static_map(self) -> pygame.Surface:
        theme = self.theme
        surf = pygame.Surface(self.map_rect.size)
        surf.fill(th.SEA)
        origin = self.map_rect.topleft
        tr = Transform(self.transform.scale, self.transform.offset_x - origin[0],
                       self.transform.offset_y - origin[1])
        # the rules say which countries are in play (a sixth state is scenery in the asset)
        in_play = {country.id for country in self.map.countries
                   if country.id in self.country_index}
        for country in self.map.countries:
            for ring in country.polygons:
                pts = tr.apply_ring(ring)
                if len(pts) < 3:
                    continue
                if country.id in in_play:
                    pygame.draw.polygon(surf, th.LAND, pts)
                else:
                    pygame.draw.polygon(surf, th.LAND_SCENERY, pts)
                    pygame.draw.aalines(surf, th.LAND_SCENERY_EDGE, True, pts)
        for country in self.map.countries:
            if country.id not in in_play:
                x, y = tr.apply(country.label)
                label = theme.text(country.name.upper(), 12, (128, 138, 152), italic=True)
                surf.blit(label, label.get_rect(center=(x, y)))
        return surf

    # helpers ------------------------------------------------------------------------------

    def text(self, surface: pygame.Surface, text: str, pos: tuple[int, int], size: float,
             colour: Colour | None = None, *, bold: bool = False, italic: bool = False,
             anchor: str = "topleft", theme: Theme | None = None) -> pygame.Rect:
        image = (theme or self.theme).text(text, size, colour, bold=bold, italic=italic)
        rect = image.get_rect(**{anchor: pos})
        surface.blit(image, rect)
        return rect

    def pt_text(self, surface: pygame.Surface, text: str, pos: tuple[int, int], size: float,
                colour: Colour | None = None, *, bold: bool = False, italic: bool = False,
                anchor: str = "topleft") -> pygame.Rect:
        """Text in a country panel, at the panels' scale."""
        return self.text(surface, text, pos, size, colour, bold=bold, italic=italic,
                         anchor=anchor, theme=self.pt)

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

    # painting -----------------------------------------------------------------------------

    def draw_all(self, layer: pygame.Surface, model: BoardModel) -> None:
        self.spots = []
        self.banner_drawn = None
        layer.fill(th.BG)
        self.draw_map(layer, model)
        self.draw_top(layer, model)
        self.draw_side(layer, model)

    def draw_map(self, layer: pygame.Surface, model: BoardModel) -> None:
        assert self.static_map is not None
        px = self.theme.px
        layer.blit(self.static_map, self.map_rect)
        count = len(model.panels)
        for c, panel in enumerate(model.panels):
            dom = panel.dominator
            polys = self.country_polys(c)
            for pts in polys:
                fill = th.LAND if dom < 0 else mix(th.LAND, self.power_colour[dom], 0.45)
                pygame.draw.polygon(layer, fill, pts)
                if dom >= 0:
                    self._hatch(layer, pts, mix(fill, self.power_colour[dom], 0.6))
            for pts in polys:
                pygame.draw.lines(layer, th.LAND_EDGE, True, pts, max(1, px(1.5)))
            if model.map_targets and panel.legal:
                for pts in polys:
                    pygame.draw.lines(layer, th.LEGAL, True, pts, px(3))
        plates = [self._leader(layer, c) for c in range(count)]
        self.plates = [p for p in plates if p is not None]
        for c in range(count):
            self._map_label(layer, c, self.plates)
        for c in self.shapeless:  # above the other countries' leader lines and names
            self._placeholder(layer, c, model.panels[c].dominator)
        for c, panel in enumerate(model.panels):
            self.draw_panel(layer, panel, c)
        self._news(layer, model.news)
        self._banner(layer, model)

    def _hatch(self, layer: pygame.Surface, pts: list[tuple[int, int]], colour: Colour) -> None:
        """Diagonal lines over a dominated country: the mark does not rely on colour alone."""
        box = pygame.Rect(pygame.draw.polygon(layer, colour, pts, 1))
        mask = pygame.Surface(box.size, pygame.SRCALPHA)
        local = [(x - box.x, y - box.y) for x, y in pts]
        pygame.draw.polygon(mask, (255, 255, 255, 255), local)
        lines = pygame.Surface(box.size, pygame.SRCALPHA)
        step = self.theme.px(9)
        for k in range(-box.h, box.w, step):
            pygame.draw.line(lines, (*colour, 255), (k, box.h), (k + box.h, 0), 2)
        lines.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        layer.blit(lines, box)

    def _map_label(self, layer: pygame.Surface, c: int, plates: list[pygame.Rect]) -> None:
        """The country's name on the map, where no panel or capital covers it."""
        country = self.map_country.get(self.lg.country_ids[c])
        if country is None:
            return
        label = self.theme.text(" ".join(country.name.upper()), 13, (96, 84, 62), bold=True)
        x, y = self.transform.apply(country.label)
        for dy in (0, -self.theme.px(16), self.theme.px(16)):
            box = label.get_rect(center=(x, y + dy))
            if not any(g.rect.colliderect(box) for g in self.panels) and \
                    box.collidelist(plates) < 0:
                layer.blit(label, box)
                return

    def _leader(self, layer: pygame.Surface, c: int) -> pygame.Rect | None:
        """The line from a panel to its capital, and the capital's name plate."""
        country = self.map_country.get(self.lg.country_ids[c])
        if country is None:
            return None
        px = self.theme.px
        point = self.transform.apply(country.capital_xy or country.label)
        rect = self.panels[c].rect
        if not rect.collidepoint(point):
            edge = (min(max(point[0], rect.left), rect.right), min(max(point[1], rect.top),
                                                                 rect.bottom))
            pygame.draw.line(layer, (20, 24, 30), edge, point, px(4))
            pygame.draw.line(layer, (250, 247, 240), edge, point, px(2))
        pygame.draw.circle(layer, (20, 24, 30), point, px(7))
        pygame.draw.circle(layer, (250, 247, 240), point, px(5))
        pygame.draw.circle(layer, (20, 24, 30), point, px(2))
        if country.capital_name:
            label = self.theme.text(country.capital_name, 12, (20, 24, 30), bold=True)
            box = label.get_rect(midleft=(point[0] + px(9), point[1]))
            if rect.colliderect(box):
                box.midright = (point[0] - px(9), point[1])
            plate = box.inflate(px(6), px(2))
            pygame.draw.rect(layer, (250, 247, 240), plate, border_radius=px(4))
            layer.blit(label, box)
            return plate.inflate(px(14), px(4))
        return None

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

    def _placeholder(self, layer: pygame.Surface, c: int, dom: int) -> None:
        """A clear stand-in for a country without a shape in the map data: a hatched tile
        with its name, so it is never silently missing from the board."""
        px = self.theme.px
        rect = self.placeholder_rect(c)
        fill = th.LAND if dom < 0 else mix(th.LAND, self.power_colour[dom], 0.45)
        pygame.draw.rect(layer, fill, rect, border_radius=px(6))
        pts = [rect.topleft, rect.topright, rect.bottomright, rect.bottomleft]
        self._hatch(layer, pts, mix(fill, (90, 80, 60), 0.35))
        pygame.draw.rect(layer, th.LAND_EDGE, rect, max(1, px(2)), border_radius=px(6))
        self.text(layer, self.lg.country_names[c].upper(), (rect.centerx, rect.y + px(8)), 13,
                  (60, 52, 40), bold=True, anchor="midtop")
        self.text(layer, "no shape in the map data", (rect.centerx, rect.bottom - px(8)), 11,
                  (60, 52, 40), italic=True, anchor="midbottom")
        self.spots.append(Spot(rect.copy(), "country", c=c))

    def draw_panel(self, layer: pygame.Surface, panel: CountryPanel, c: int) -> None:
        theme = self.pt  # the panels' own, maybe smaller, scale
        px = theme.px
        g = self.panels[c]
        write = self.pt_text
        th.draw_panel(layer, g.rect, th.CARD, th.LEGAL if panel.legal else th.CARD_EDGE,
                      radius=px(8), width=px(3) if panel.legal else 1, shadow=px(3))
        self.spots.append(Spot(g.rect.copy(), "country", c=c))
        # header: name, state seat, dominance
        head = g.header
        band = self.faction_colour[panel.faction] if panel.faction >= 0 else (90, 96, 108)
        pygame.draw.rect(layer, (44, 52, 66), head, border_top_left_radius=px(8),
                         border_top_right_radius=px(8))
        pygame.draw.rect(layer, band, (head.x, head.bottom - px(3), head.w, px(3)))
        name = write(layer, theme.fit(panel.name.upper(), 15, head.w - px(44), bold=True),
                     (head.x + px(10), head.centery), 15,
                     th.TEXT, bold=True, anchor="midleft")
        x = head.right - px(8)
        dom = panel.dominator
        self.spots.append(Spot(head.copy(), "head", c=c))
        if dom >= 0:
            # a dominated country says so in its header: the badge, and the word where it fits
            badge = pygame.Rect(0, 0, px(22), px(18))
            badge.midright = (x, head.centery)
            chip(theme, layer, badge, self.power_colour[dom], self.power_letter[dom], size=12)
            word = theme.text("dominated by", 11, th.ACCENT, bold=True)
            if badge.left - px(4) - word.get_width() > name.right + px(6):
                layer.blit(word, word.get_rect(midright=(badge.left - px(4), head.centery)))
            else:
                word = theme.text("dom.", 11, th.ACCENT, bold=True)
                layer.blit(word, word.get_rect(midright=(badge.left - px(3), head.centery)))
        elif theme.font(11).size(f"agency {panel.agency}")[0] < x - name.right - px(6):
            # the agency is in the header's tooltip when the badge or the name takes the room
            agency = write(layer, f"agency {panel.agency}", (x, head.centery), 11,
                           th.TEXT_DIM, anchor="midright")
            self.spots.append(Spot(agency.inflate(px(4), px(4)), "agency", c=c))
        # column heads
        for p, r in enumerate(g.col_head):
            chip(theme, layer, r, self.power_colour[p], self.power_letter[p], size=12)
        y_head = g.col_head[0].centery
        write(layer, "need", (g.res[0].centerx, y_head), 11, th.CARD_DIM, anchor="center")
        write(layer, "ctrl", (g.ctrl[0].centerx, y_head), 11, th.CARD_DIM, anchor="center")
        for s, row_model in enumerate(panel.rows):
            self._sphere_row(layer, g, row_model, c, s)
        # opinion and stance
        for label, values, rects, kind_name in (
                ("public", panel.opinion, g.opinion, "opinion"),
                ("govt", panel.stance, g.stance, "stance")):
            if not rects:  # compact panels: in the country's tooltip
                continue
            write(layer, label, (g.rows[0].x + px(6), rects[0].centery), 12, th.CARD_DIM,
                  anchor="midleft")
            for p, v in enumerate(values):
                colour = (30, 130, 70) if v > 0 else (190, 50, 40) if v < 0 else th.CARD_DIM
                text = f"+{v}" if v > 0 else ("−" + str(-v) if v < 0 else "0")
                write(layer, text, rects[p].center, 13, colour, bold=True, anchor="center")
                self.spots.append(Spot(rects[p].copy(), kind_name, c=c, p=p))
        if panel.attitudes_changed and g.opinion:
            box = g.opinion[0].union(g.stance[-1]).inflate(px(6), px(2))
            pygame.draw.rect(layer, th.ACCENT, box, px(2), border_radius=px(4))
        # memberships
        for o, rect in enumerate(g.orgs):
            name_o = self.lg.org_names[o]
            if panel.members[o]:
                pygame.draw.rect(layer, (44, 52, 66), rect, border_radius=px(4))
                write(layer, name_o, rect.center, 11, th.TEXT, bold=True, anchor="center")
            else:
                pygame.draw.rect(layer, (200, 194, 182), rect, 1, border_radius=px(4))
                write(layer, name_o, rect.center, 11, (170, 164, 152), anchor="center")
            self.spots.append(Spot(rect.copy(), "org", c=c, i=o))

    def _sphere_row(self, layer: pygame.Surface, g: PanelGeom, model: RowModel, c: int,
                    s: int) -> None:
        """A sphere's row: its stripe and name, the influence by power, need and control."""
        theme = self.pt
        px = theme.px
        write = self.pt_text
        row = g.rows[s]
        if s % 2 == 0:
            pygame.draw.rect(layer, th.CARD_ROW, row, border_radius=px(4))
        if model.legal:
            pygame.draw.rect(layer, mix(th.CARD, th.LEGAL, 0.25), row, border_radius=px(4))
            pygame.draw.rect(layer, (30, 150, 80), row, px(2), border_radius=px(4))
        if model.changed:
            pygame.draw.rect(layer, th.ACCENT, row, px(3), border_radius=px(4))
        if model.pending:
            pygame.draw.rect(layer, (20, 24, 30), row, px(3), border_radius=px(4))
        self.spots.append(Spot(row.copy(), "cell", c=c, s=s))
        stripe = pygame.Rect(row.x + px(2), row.y + px(4), px(4), row.h - px(8))
        pygame.draw.rect(layer, SPHERE_COLOURS.get(model.sphere, th.TEXT_DIM), stripe)
        write(layer, model.short, (row.x + px(10), row.centery), 13, th.CARD_TEXT, bold=True,
              anchor="midleft")
        owner = model.controller
        for p, cell_model in enumerate(model.cells):
            cell = g.cells[s][p]
            value = cell_model.value
            if owner == p:
                pygame.draw.rect(layer, self.power_colour[p], cell, border_radius=px(5))
                ink = th.ink_on(self.power_colour[p])
            else:
                ink = th.CARD_TEXT if value else (175, 170, 160)
            if cell_model.legal:
                pygame.draw.rect(layer, (30, 150, 80), cell, px(3), border_radius=px(5))
            if cell_model.pending:
                pygame.draw.rect(layer, (20, 24, 30), cell, px(3), border_radius=px(5))
            if cell_model.changed:
                pygame.draw.rect(layer, th.ACCENT, cell.inflate(px(2), px(2)), px(3),
                                 border_radius=px(5))
            write(layer, str(value), cell.center, 16, ink, bold=True, anchor="center")
            self.spots.append(Spot(cell.copy(), "power", c=c, s=s, p=p, text=str(value)))
        write(layer, str(model.need), g.res[s].center, 14, th.CARD_DIM, anchor="center")
        ctrl_rect = g.ctrl[s]
        if owner >= 0:
            badge = pygame.Rect(0, 0, px(24), px(18))
            badge.center = ctrl_rect.center
            chip(theme, layer, badge, self.power_colour[owner], self.power_letter[owner],
                 size=12)
        else:
            write(layer, "–", ctrl_rect.center, 14, th.CARD_DIM, anchor="center")

    def _banner(self, layer: pygame.Surface, model: BoardModel) -> None:
        """The message, and under it the warning that the game is not being saved."""
        theme = self.theme
        px = theme.px
        colours = {"error": ((120, 30, 30), (255, 140, 130)), "bot": ((30, 40, 56), th.ACCENT),
                   "done": ((28, 60, 40), th.LEGAL), "info": ((30, 40, 56), th.TEXT),
                   "warn": ((92, 58, 18), th.WARN)}
        y = self.banner_rect.y
        drawn = []
        for text, style in ((model.message, model.message_style), (model.warning, "warn")):
            if not text:
                continue
            fill, edge = colours.get(style, colours["info"])
            rect = self.banner_rect.copy()
            rect.y = y
            size, lines = self._banner_lines(text, rect.w - px(30))
            rect.h = px(14) + len(lines) * theme.line_height(size)
            th.draw_panel(layer, rect, fill, edge, radius=px(10), width=px(2), shadow=px(3))
            drawn.append(rect.inflate(px(3), px(3)).move(px(1), px(1)))
            ty = rect.y + px(7)
            for line in lines:
                self.text(layer, line, (rect.centerx, ty), size, th.TEXT, bold=True,
                          anchor="midtop")
                ty += theme.line_height(size)
            y = rect.bottom + px(6)
        self.banner_drawn = drawn[0].unionall(drawn[1:]) if drawn else None

    def _banner_lines(self, text: str, width: int) -> tuple[float, list[str]]:
        """Wrapped whole, in a smaller size when long; cut (with "…") only past six lines,
        which no message of the game reaches."""
        theme = self.theme
        for size in (15, 13):
            lines = theme.wrap(text, size, width, bold=True)
            if len(lines) <= 3:
                return size, lines
        if len(lines) > 6:
            lines = lines[:6]
            lines[-1] = theme.fit(lines[-1] + " …", 13, width, bold=True)
        return 13, lines

    # top bar ------------------------------------------------------------------------------

    def draw_top(self, layer: pygame.Surface, model: BoardModel) -> None:
        theme = self.theme
        px = theme.px
        top = self.top
        pygame.draw.rect(layer, (20, 25, 34), top)
        pygame.draw.line(layer, th.LINE, top.bottomleft, (top.right, top.bottom - 1))
        x = top.x + px(14)
        self.text(layer, model.title, (x, top.y + px(7)), 20, th.TEXT, bold=True)
        sub_rect = self.text(layer, model.subtitle, (x, top.y + px(36)), 12, th.TEXT_DIM)
        self.spots.append(Spot(pygame.Rect(x, top.y, max(sub_rect.w, px(150)), top.h), "round"))
        left = x + max(sub_rect.w, px(150)) + px(18)
        right = self.menu_rect.left - px(14)
        n = len(model.tracks)
        gap = px(14)
        width = (right - left - gap * (n - 1)) // n
        for k, track in enumerate(model.tracks):
            rect = pygame.Rect(left + k * (width + gap), top.y + px(6), width, top.h - px(12))
            self._track(layer, track, k, rect)
            self.spots.append(Spot(rect, "track", i=k))

    def _track(self, layer: pygame.Surface, track: TrackModel, k: int,
               rect: pygame.Rect) -> None:
        theme = self.theme
        px = theme.px
        value = track.value
        danger = track.danger
        in_danger = track.in_danger
        if in_danger:
            th.draw_panel(layer, rect.inflate(px(6), px(2)), (90, 24, 24), th.DANGER,
                          radius=px(6), width=px(2))
        elif track.changed:
            pygame.draw.rect(layer, th.ACCENT, rect.inflate(px(6), px(2)), px(2),
                             border_radius=px(6))
        label = f"{value}/{track.high}"
        if in_danger:
            label = f"DANGER {label}"
        value_rect = self.text(layer, label, (rect.right, rect.y + px(1)), 13,
                               (255, 150, 140) if in_danger else th.ACCENT, bold=True,
                               anchor="topright")
        # the name gives way to the value (its whole name is in the track's tooltip)
        name = theme.fit(track.name, 13, value_rect.left - px(6) - rect.x, bold=True)
        self.text(layer, name, (rect.x, rect.y + px(1)), 13, th.TEXT, bold=True)
        bar = pygame.Rect(rect.x, rect.y + px(24), rect.w, px(16))
        count = track.high - track.low + 1
        seg_w = bar.w / count
        colour = th.TRACK_STYLES[k % len(th.TRACK_STYLES)][0]
        for i in range(count):
            v = track.low + i
            seg = pygame.Rect(round(bar.x + i * seg_w) + 1, bar.y,
                              max(2, round(seg_w) - 2), bar.h)
            danger_zone = danger is not None and v >= danger
            if (v <= value and v > track.low) or (v == value == track.low):
                fill = th.DANGER if danger_zone else colour
                pygame.draw.rect(layer, fill, seg, border_radius=px(2))
            else:
                pygame.draw.rect(layer, (70, 28, 28) if danger_zone else (48, 56, 70), seg,
                                 border_radius=px(2))
            if danger_zone:
                # hatching plus a red edge: the danger zone reads without colour too
                pygame.draw.line(layer, (255, 120, 110), seg.bottomleft, seg.topright, 2)
                pygame.draw.rect(layer, th.DANGER, seg, 1, border_radius=px(2))
            if v == value:
                pygame.draw.rect(layer, th.TEXT, seg.inflate(px(2), px(4)), px(2),
                                 border_radius=px(3))

    # side bar -----------------------------------------------------------------------------

    def draw_side(self, layer: pygame.Surface, model: BoardModel) -> None:
        theme = self.theme
        px = theme.px
        side = self.side
        pygame.draw.rect(layer, th.BG_PANEL, side)
        pygame.draw.line(layer, th.LINE, side.topleft, side.bottomleft)
        pad = px(10)
        x, y, w = side.x + pad, side.y + pad, side.w - 2 * pad
        y = self._seats(layer, model, pygame.Rect(x, y, w, 0))
        # the log takes what the status, actions and hand leave; cards shrink to one line of
        # text before the log drops below a few lines
        bottom = self.buttons_rect.top - px(8)
        min_log = px(26) + 4 * self.log.row_height
        # (card text lines, status lines); -1: cards as tiles of their names, two a row, their
        # text in the tooltip (large text on a projector), and the log then only behind L
        budgets = [(2, 3), (1, 3), (1, 2), (1, 1), (1, 0), (-1, 1), (-1, 0)]
        for card_lines, status_lines in budgets:
            need = self._middle(layer, model, pygame.Rect(x, y + px(8), w, 0),
                                card_lines, status_lines, dry=True)
            if bottom - need >= min_log or (card_lines < 0 and need <= bottom):
                break
        y = self._middle(layer, model, pygame.Rect(x, y + px(8), w, 0), card_lines,
                         status_lines)
        if bottom - y >= min_log:
            self.text(layer, "GAME LOG", (x, y + px(8)), 12, th.TEXT_DIM, bold=True)
            self.text(layer, "L: full log", (x + w, y + px(8)), 12, th.TEXT_FAINT,
                      anchor="topright")
            self.log.set_rect(pygame.Rect(x, y + px(26), w, bottom - y - px(26)))
            self.draw_log(layer)
        else:  # no room for a readable log: it is one key away
            self.log.set_rect(pygame.Rect(x, bottom, w, 0))
            hint = self.theme.text("L: the game log", 12, th.TEXT_FAINT)
            if bottom - y >= hint.get_height() + px(4):
                layer.blit(hint, hint.get_rect(bottomright=(x + w, bottom)))

    def draw_log(self, layer: pygame.Surface) -> None:
        pygame.draw.rect(layer, th.BG_PANEL, self.log.rect)
        self.log.draw(layer)

    def _seats(self, layer: pygame.Surface, model: BoardModel, area: pygame.Rect) -> int:
        theme = self.theme
        px = theme.px
        y = area.y
        self.text(layer, "PLAYERS", (area.x, y), 12, th.TEXT_DIM, bold=True)
        self.text(layer, "VP", (area.right - px(62), y), 12, th.TEXT_DIM, bold=True,
                  anchor="midtop")
        self.text(layer, "IP", (area.right - px(18), y), 12, th.TEXT_DIM, bold=True,
                  anchor="midtop")
        y += px(20)
        row_h = px(25)
        for seat in model.seats:
            f = seat.faction
            row = pygame.Rect(area.x, y, area.w, row_h)
            if seat.acting:
                pygame.draw.rect(layer, th.BG_PANEL_HI, row, border_radius=px(5))
                pygame.draw.rect(layer, th.ACCENT, row, px(2), border_radius=px(5))
            elif seat.current:
                pygame.draw.rect(layer, th.BG_PANEL_HI, row, border_radius=px(5))
            badge = pygame.Rect(row.x + px(6), 0, px(30), px(19))
            badge.centery = row.centery
            chip(theme, layer, badge, self.faction_colour[f], self.faction_letter[f], size=12)
            if seat.current:
                tip = badge.right + px(10)
                pygame.draw.polygon(layer, th.ACCENT, [(tip, row.centery - px(6)),
                                                       (tip, row.centery + px(6)),
                                                       (tip + px(8), row.centery)])
                badge = badge.move(px(14), 0)
            name = theme.fit(seat.label, 14, area.right - px(100) - badge.right,
                             bold=seat.current)
            self.text(layer, name, (badge.right + px(8), row.centery), 14, th.TEXT,
                      bold=seat.current, anchor="midleft")
            self.text(layer, str(seat.vp), (area.right - px(62), row.centery), 15,
                      th.ACCENT if seat.changed else th.TEXT, bold=True, anchor="center")
            self.text(layer, str(seat.ip), (area.right - px(18), row.centery), 15,
                      th.ACCENT if seat.changed else th.TEXT_DIM, bold=True, anchor="center")
            self.spots.append(Spot(row, "seat", i=f))
            y += row_h + px(2)
        return y

    def _news(self, layer: pygame.Surface, news: NewsModel) -> None:
        theme = self.theme
        px = theme.px
        rect = self.news_rect
        th.draw_panel(layer, rect, (58, 52, 38), (170, 142, 80), radius=px(8), shadow=px(3))
        head = f"NEWS · ROUND {news.round}" + (f" · {WHAT_IF_LABEL}" if news.what_if else "")
        self.text(layer, head, (rect.x + px(10), rect.y + px(6)), 11,
                  th.WARN if news.what_if else (214, 190, 130), bold=True)
        if not news.name:
            self.text(layer, "No news this round", (rect.x + px(10), rect.y + px(24)), 14,
                      (255, 222, 150), bold=True)
            return
        y = rect.y + px(22)
        for line in theme.wrap(news.name, 14, rect.w - px(20), bold=True)[:2]:
            self.text(layer, line, (rect.x + px(10), y), 14, (255, 226, 160), bold=True)
            y += theme.line_height(14)
        room = max(1, (rect.bottom - px(6) - y) // theme.line_height(12))
        lines = theme.wrap(news.text, 12, rect.w - px(20))
        shown = lines[:room]
        if len(lines) > room:
            shown[-1] = shown[-1].rstrip(". ") + " …"
        for line in shown:
            self.text(layer, line, (rect.x + px(10), y), 12, (236, 228, 206))
            y += theme.line_height(12)
        self.spots.append(Spot(rect.copy(), "news"))

    def _middle(self, layer: pygame.Surface, model: BoardModel, area: pygame.Rect,
                card_lines: int, status_lines: int, *, dry: bool = False) -> int:
        """Status lines, the action buttons and the hand; returns the bottom edge.

        The status under its title gets at most ``status_lines`` lines (the rest is cut with
        an ellipsis), cards at most ``card_lines`` lines of text.
        """
        theme = self.theme
        px = theme.px
        y = area.y
        room = status_lines
        for text, style in model.status:
            size = 16 if style == "title" else 13
            colour = {"title": th.TEXT, "dim": th.TEXT_DIM, "warn": th.WARN,
                      "good": th.LEGAL, "accent": th.ACCENT}.get(style, th.TEXT)
            lines = theme.wrap(text, size, area.w, bold=style == "title")
            if style != "title":
                if len(lines) > room:
                    lines = lines[:room]
                    if lines:
                        lines[-1] = lines[-1].rstrip(". ") + " …"
                room -= len(lines)
            for line in lines:
                if not dry:
                    self.text(layer, line, (area.x, y), size, colour, bold=style == "title")
                y += theme.line_height(size)
        if not dry:
            self.spinner_rect = pygame.Rect(area.right - px(22), area.y, px(20), px(20)) \
                if model.thinking else None
        y += px(4)
        acts = model.choices
        if acts:
            cols = 2
            gap = px(6)
            bw = (area.w - gap) // cols
            bh = px(30)
            for k, button in enumerate(acts):
                r = pygame.Rect(area.x + (k % cols) * (bw + gap), y + (k // cols) * (bh + gap),
                                bw, bh)
                if not dry:
                    self._choice_button(layer, r, button)
                    self.spots.append(Spot(r, "choice", i=button.index))
            y += ((len(acts) + cols - 1) // cols) * (bh + gap)
        if model.picks is not None:
            y = self._power_picks(layer, model.picks, pygame.Rect(area.x, y, area.w, 0), dry)
        return self._hand(layer, model, pygame.Rect(area.x, y + px(2), area.w, 0), card_lines,
                          dry)

    def _choice_button(self, layer: pygame.Surface, r: pygame.Rect,
                       button: ChoiceButton) -> None:
        theme = self.theme
        px = theme.px
        if button.selected:
            th.draw_panel(layer, r, (110, 84, 24), th.ACCENT, radius=px(6), width=px(2))
        elif button.enabled:
            th.draw_panel(layer, r, (50, 64, 88), (91, 107, 134), radius=px(6))
        else:
            th.draw_panel(layer, r, (36, 42, 54), (54, 64, 79), radius=px(6))
        colour = th.TEXT if button.enabled else th.TEXT_FAINT
        cost = theme.text(f"{button.cost}", 13, th.ACCENT if button.enabled else th.TEXT_FAINT,
                          bold=True)
        name = theme.fit(button.name, 13, r.w - cost.get_width() - px(22), bold=True)
        self.text(layer, name, (r.x + px(8), r.centery), 13, colour, bold=True,
                  anchor="midleft")
        layer.blit(cost, cost.get_rect(midright=(r.right - px(8), r.centery)))

    def _power_picks(self, layer: pygame.Surface, picks: list[PowerPick], area: pygame.Rect,
                     dry: bool) -> int:
        """"Choose a power:" and a button per power; the words go on their own line when the
        buttons would not fit beside them (large text), and the buttons narrow to the row."""
        theme = self.theme
        px = theme.px
        gap = px(6)
        label_w = theme.font(13).size("Choose a power:")[0] + px(10)
        pick_w = px(88)
        y, x0 = area.y, area.x + max(px(112), label_w)
        if x0 + len(picks) * (pick_w + gap) - gap > area.right:
            y += theme.line_height(13) + px(2)
            x0 = area.x
            pick_w = min(pick_w, (area.w - gap * (len(picks) - 1)) // max(1, len(picks)))
        pick_h = max(px(28), theme.line_height(12) + px(4))
        if dry:
            return y + pick_h + px(6)
        self.text(layer, "Choose a power:", (area.x, area.y + px(4)), 13, th.TEXT_DIM)
        x = x0
        for pick in picks:
            p, ok = pick.power, pick.legal
            r = pygame.Rect(x, y, pick_w, pick_h)
            th.draw_panel(layer, r, (50, 64, 88) if ok else (36, 42, 54),
                          th.ACCENT if pick.chosen else (th.LEGAL if ok else (54, 64, 79)),
                          radius=px(6), width=px(2))
            badge = pygame.Rect(r.x + px(5), 0, px(22), px(18))
            badge.centery = r.centery
            chip(theme, layer, badge, self.power_colour[p], self.power_letter[p], size=12)
            name = theme.fit(pick.name, 12, r.right - px(4) - badge.right - px(5), bold=True)
            self.text(layer, name, (badge.right + px(5), r.centery),
                      12, th.TEXT if ok else th.TEXT_FAINT, bold=True, anchor="midleft")
            self.spots.append(Spot(r, "pick", p=p))
            x += r.w + gap
        return y + pick_h + px(6)

    def _hand(self, layer: pygame.Surface, model: BoardModel, area: pygame.Rect,
              max_lines: int, dry: bool) -> int:
        theme = self.theme
        px = theme.px
        y = area.y
        if not model.hand:
            return y
        if not dry:
            self.text(layer, model.hand_title, (area.x, y), 12, th.TEXT_DIM, bold=True)
        y += max(px(18), theme.line_height(12))
        if max_lines < 0:
            return self._hand_tiles(layer, model, pygame.Rect(area.x, y, area.w, 0), dry)
        for card in model.hand:
            lines = theme.wrap(card.text, 12, area.w - px(24))
            if len(lines) > max_lines:
                lines = lines[:max_lines]
                lines[-1] = lines[-1].rstrip(". ") + " …"
            h = px(26) + len(lines) * theme.line_height(12) + px(6)
            r = pygame.Rect(area.x, y, area.w, h)
            if dry:
                y = r.bottom + px(5)
                continue
            self._card(layer, r, card, lines)
            y = r.bottom + px(5)
        return y

    def _hand_tiles(self, layer: pygame.Surface, model: BoardModel, area: pygame.Rect,
                    dry: bool) -> int:
        """The hand as tiles of the cards' names, two a row (their text is in the tooltip)."""
        theme = self.theme
        px = theme.px
        gap = px(6)
        tile_w = (area.w - gap) // 2
        tile_h = max(px(30), theme.line_height(14) + px(6))
        for k, card in enumerate(model.hand):
            r = pygame.Rect(area.x + (k % 2) * (tile_w + gap),
                            area.y + (k // 2) * (tile_h + gap), tile_w, tile_h)
            if not dry:
                fill = th.CARD if card.lit else (200, 196, 188)
                th.draw_panel(layer, r, fill, th.ACCENT if card.selected else th.CARD_EDGE,
                              radius=px(6), width=px(3) if card.selected else 1)
                stripe = pygame.Rect(r.x, r.y, px(6), r.h)
                pygame.draw.rect(layer, SPHERE_COLOURS.get(card.sphere, th.TEXT_DIM), stripe,
                                 border_top_left_radius=px(6), border_bottom_left_radius=px(6))
                ink = th.CARD_TEXT if card.lit else th.CARD_DIM
                name = theme.fit(card.name, 14, r.w - px(20), bold=True)
                self.text(layer, name, (r.x + px(12), r.centery), 14, ink, bold=True,
                          anchor="midleft")
                self.spots.append(Spot(r, "card", i=card.choice, p=card.card))
        rows = (len(model.hand) + 1) // 2
        return area.y + rows * (tile_h + gap)

    def _card(self, layer: pygame.Surface, r: pygame.Rect, card: HandCard,
              lines: list[str]) -> None:
        theme = self.theme
        px = theme.px
        fill = th.CARD if card.lit else (200, 196, 188)
        th.draw_panel(layer, r, fill, th.ACCENT if card.selected else th.CARD_EDGE,
                      radius=px(6), width=px(3) if card.selected else 1)
        stripe = pygame.Rect(r.x, r.y, px(6), r.h)
        pygame.draw.rect(layer, SPHERE_COLOURS.get(card.sphere, th.TEXT_DIM), stripe,
                         border_top_left_radius=px(6), border_bottom_left_radius=px(6))
        ink = th.CARD_TEXT if card.lit else th.CARD_DIM
        self.text(layer, card.name, (r.x + px(14), r.y + px(4)), 14, ink, bold=True)
        self.text(layer, card.price, (r.right - px(8), r.y + px(5)), 12, th.CARD_DIM, bold=True,
                  anchor="topright")
        ty = r.y + px(25)
        for line in lines:
            self.text(layer, line, (r.x + px(14), ty), 12, ink)
            ty += theme.line_height(12)
        self.spots.append(Spot(r, "card", i=card.choice, p=card.card))

    # overlays -----------------------------------------------------------------------------

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

    def spinner(self, surface: pygame.Surface, rect: pygame.Rect, phase: float) -> None:
        pygame.draw.rect(surface, th.BG_PANEL, rect)
        cx, cy = rect.center
        radius = rect.w // 2 - 2
        for k in range(8):
            angle = phase * 2 * math.pi + k * math.pi / 4
            shade = mix(th.BG_PANEL, th.ACCENT, (k + 1) / 8)
            pygame.draw.circle(surface, shade, (cx + round(radius * 0.7 * math.cos(angle)),
                                                cy + round(radius * 0.7 * math.sin(angle))),
                               max(2, radius // 4))
