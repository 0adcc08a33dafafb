"""The board's painter: the map with its countries and the country panels over it.

:class:`BoardView` paints a layer surface from a :class:`~chessboard.ui.boardmodel.BoardModel`,
which the presenter has already decided (the numbers, the highlights, the labels): it asks the
game nothing. The geometry comes from :class:`~chessboard.ui.boardlayout.BoardLayout` (every
length from the theme, so the board scales), the bars from
:class:`~chessboard.ui.boardbars.BarsPainter`. Every clickable or hoverable thing it paints is
recorded as a :class:`~chessboard.ui.boardlayout.Spot`, which the scene uses for hit-testing
and hands to the presenter (a spot is a place plus its rectangle).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from chessboard.ui import theme as th
from chessboard.ui.boardbars import SPHERE_COLOURS, BarsPainter
from chessboard.ui.boardlayout import PanelGeom, Spot
from chessboard.ui.mapdata import BoardMap, Transform
from chessboard.ui.theme import Colour, Theme, mix
from chessboard.ui.widgets import chip

if TYPE_CHECKING:
    from chessboard.ui.boardmodel import BoardModel, CountryPanel, RowModel
    from chessboard.ui.boardread import Legend

__all__ = ["BoardView", "Spot"]


class BoardView(BarsPainter):
    def __init__(self, theme: Theme, legend: Legend, board_map: BoardMap) -> None:
        super().__init__(theme, legend, board_map)
        self.static_map: pygame.Surface | None = None
        self.spinner_rect: pygame.Rect | None = None  # where "thinking" spins, when a bot does

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        self.static_map = self._render_static_map()

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
