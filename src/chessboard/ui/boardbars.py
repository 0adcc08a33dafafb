"""The board's bars: the top bar (round and tracks), the side bar (players, status, choices,
hand, log), the news card and the message banner, painted from a
:class:`~chessboard.ui.boardmodel.BoardModel` into the places :mod:`chessboard.ui.boardlayout`
gives them. Nothing here asks the game anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from chessboard.ui import theme as th
from chessboard.ui.boardlayout import BoardLayout, Spot
from chessboard.ui.text import WHAT_IF_LABEL
from chessboard.ui.theme import Colour, Theme
from chessboard.ui.widgets import chip

if TYPE_CHECKING:
    from chessboard.ui.boardmodel import (
        BoardModel,
        ChoiceButton,
        HandCard,
        NewsModel,
        PowerPick,
        TrackModel,
    )

SPHERE_COLOURS = {"political": (150, 120, 210), "economic": (70, 170, 110),
                  "military": (200, 90, 70), "cultural": (60, 160, 190)}


class BarsPainter(BoardLayout):
    """Text helpers, and the bars around the map."""

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
            head = max(px(26), px(8) + self.theme.font(12, bold=True).get_height())
            self.log.set_rect(pygame.Rect(x, y + head, w, bottom - y - head))
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
                ink = self._card_face(layer, r, card)
                name = theme.fit(card.name, 14, r.w - px(20), bold=True)
                self.text(layer, name, (r.x + px(12), r.centery), 14, ink, bold=True,
                          anchor="midleft")
                self.spots.append(Spot(r, "card", i=card.choice, p=card.card))
        rows = (len(model.hand) + 1) // 2
        return area.y + rows * (tile_h + gap)

    def _card_face(self, layer: pygame.Surface, r: pygame.Rect, card: HandCard) -> Colour:
        """A card's paper, edge and sphere stripe (a full card or a name tile); its ink."""
        px = self.theme.px
        fill = th.CARD if card.lit else (200, 196, 188)
        th.draw_panel(layer, r, fill, th.ACCENT if card.selected else th.CARD_EDGE,
                      radius=px(6), width=px(3) if card.selected else 1)
        stripe = pygame.Rect(r.x, r.y, px(6), r.h)
        pygame.draw.rect(layer, SPHERE_COLOURS.get(card.sphere, th.TEXT_DIM), stripe,
                         border_top_left_radius=px(6), border_bottom_left_radius=px(6))
        return th.CARD_TEXT if card.lit else th.CARD_DIM

    def _card(self, layer: pygame.Surface, r: pygame.Rect, card: HandCard,
              lines: list[str]) -> None:
        theme = self.theme
        px = theme.px
        ink = self._card_face(layer, r, card)
        self.text(layer, card.name, (r.x + px(14), r.y + px(4)), 14, ink, bold=True)
        self.text(layer, card.price, (r.right - px(8), r.y + px(5)), 12, th.CARD_DIM, bold=True,
                  anchor="topright")
        ty = r.y + px(25)
        for line in lines:
            self.text(layer, line, (r.x + px(14), ty), 12, ink)
            ty += theme.line_height(12)
        self.spots.append(Spot(r, "card", i=card.choice, p=card.card))
