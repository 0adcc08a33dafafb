"""Small self-drawn widgets: tooltips, the game log and chips (colour plus letter)."""

from __future__ import annotations

import pygame

from chessboard.ui import theme as th
from chessboard.ui.text import TipLine
from chessboard.ui.theme import Colour, Theme

_TIP_STYLES: dict[str, tuple[float, Colour, bool, bool]] = {
    "title": (17, th.TEXT, True, False),
    "head": (14, th.ACCENT, True, False),
    "body": (14, th.TEXT, False, False),
    "dim": (13, th.TEXT_DIM, False, False),
    "quote": (14, (226, 214, 178), False, True),
    "good": (14, th.LEGAL, True, False),
    "bad": (14, (255, 130, 120), True, False),
    "warn": (14, th.WARN, True, False),
}


def render_tooltip(theme: Theme, lines: list[TipLine], max_width: int) -> pygame.Surface:
    """A framed box of wrapped lines; built once per hovered thing and cached by the caller."""
    pad = theme.px(10)
    inner = max_width - 2 * pad
    rows: list[pygame.Surface] = []
    gaps: list[int] = []
    for line in lines:
        size, colour, bold, italic = _TIP_STYLES[line.style]
        wrapped = theme.wrap(line.text, size, inner, bold=bold, italic=italic)
        gap = theme.px(6) if line.style in ("head", "title") and rows else 0
        for k, text in enumerate(wrapped):
            rows.append(theme.text(text, size, colour, bold=bold, italic=italic))
            gaps.append(gap if k == 0 else 0)
    width = max((r.get_width() for r in rows), default=0) + 2 * pad
    height = sum(r.get_height() for r in rows) + sum(gaps) + 2 * pad
    surf = pygame.Surface((width, height), pygame.SRCALPHA)
    th.draw_panel(surf, surf.get_rect(), (20, 25, 34), th.ACCENT, radius=theme.px(8),
                  width=max(1, theme.px(1.5)))
    y = pad
    for row, gap in zip(rows, gaps, strict=True):
        y += gap
        surf.blit(row, (pad, y))
        y += row.get_height()
    return surf


def place_tooltip(tip: pygame.Rect, anchor: pygame.Rect, bounds: pygame.Rect,
                  gap: int = 8) -> pygame.Rect:
    """Beside the anchor (right, else left, else below), kept inside ``bounds``."""
    rect = tip.copy()
    rect.top = anchor.top
    if anchor.right + gap + rect.w <= bounds.right:
        rect.left = anchor.right + gap
    elif anchor.left - gap - rect.w >= bounds.left:
        rect.right = anchor.left - gap
    else:
        rect.centerx = anchor.centerx
        rect.top = anchor.bottom + gap
        if rect.bottom > bounds.bottom:
            rect.bottom = anchor.top - gap
    return rect.clamp(bounds)


def chip(theme: Theme, surface: pygame.Surface, rect: pygame.Rect, colour: Colour, letter: str,
         *, size: float = 13, outline: bool = False) -> None:
    """A power's mark: its colour and its letter, so colour alone never carries meaning."""
    radius = max(2, rect.h // 3)
    if outline:
        pygame.draw.rect(surface, colour, rect, max(1, theme.px(2)), border_radius=radius)
        text = theme.text(letter, size, colour, bold=True)
    else:
        pygame.draw.rect(surface, colour, rect, border_radius=radius)
        text = theme.text(letter, size, th.ink_on(colour), bold=True)
    surface.blit(text, text.get_rect(center=rect.center))


BOLD_STYLES = ("round", "turn")  # log lines drawn in bold
INDENT = "   "  # before the continuation lines of a wrapped log entry


class LogView:
    """The game log: wrapped lines, newest at the bottom, scrolled with the wheel or the bar.

    Written here rather than with pygame_gui's text box, which lays out its whole text again
    on every append (about 50 ms per hundred lines): the log grows after every action.
    """

    def __init__(self, theme: Theme, *, size: float = 13) -> None:
        self.theme = theme
        self.size = size
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.entries: list[tuple[str, str]] = []  # (text, style)
        self.rows: list[tuple[str, str]] = []  # wrapped
        self.starts: list[int] = []  # first row of each entry
        self.scroll = 0  # rows hidden below the bottom
        self.highlight_from = 0  # entries from here on came from the last action
        self._width = 0
        self._drag: int | None = None

    def set_rect(self, rect: pygame.Rect) -> None:
        if rect.w != self.rect.w:
            self.rect = rect.copy()
            self._rewrap()
        self.rect = rect.copy()

    def set_entries(self, entries: list[tuple[str, str]], highlight_from: int) -> bool:
        """Replace the lines; cheap when lines were only appended. True if anything changed."""
        if entries == self.entries and highlight_from == self.highlight_from:
            return False
        appended = (len(entries) >= len(self.entries)
                    and entries[:len(self.entries)] == self.entries)
        old = len(self.entries)
        self.entries = entries
        self.highlight_from = highlight_from
        if appended and self._width == self._text_width():
            for text, style in entries[old:]:
                self.starts.append(len(self.rows))
                self.rows.extend(self._wrap(text, style))
        else:
            self._rewrap()
        self.scroll = 0
        return True

    def _text_width(self) -> int:
        return self.rect.w - self.theme.px(22)

    def _wrap(self, text: str, style: str) -> list[tuple[str, str]]:
        # measured in the font the line is drawn in (turns and rounds are bold); continuation
        # lines are indented, so they get the indent's width less
        bold = style in BOLD_STYLES
        first, *rest = self.theme.wrap(text, self.size, self._width, bold=bold)
        out = [(first, style)]
        if rest:
            indent = self.theme.font(self.size, bold=bold).size(INDENT)[0]
            tail = self.theme.wrap(" ".join(rest), self.size, self._width - indent, bold=bold)
            out += [(INDENT + line, style) for line in tail]
        return out

    def _rewrap(self) -> None:
        self._width = self._text_width()
        self.rows = []
        self.starts = []
        for text, style in self.entries:
            self.starts.append(len(self.rows))
            self.rows.extend(self._wrap(text, style))

    @property
    def row_height(self) -> int:
        return self.theme.line_height(self.size)

    def visible_rows(self) -> int:
        return max(1, (self.rect.h - self.theme.px(8)) // self.row_height)

    def max_scroll(self) -> int:
        return max(0, len(self.rows) - self.visible_rows())

    def scroll_by(self, rows: int) -> bool:
        new = min(self.max_scroll(), max(0, self.scroll + rows))
        changed = new != self.scroll
        self.scroll = new
        return changed

    def _bar(self) -> tuple[pygame.Rect, pygame.Rect] | None:
        total = len(self.rows)
        shown = self.visible_rows()
        if total <= shown:
            return None
        track = pygame.Rect(self.rect.right - self.theme.px(10), self.rect.top + 4,
                            self.theme.px(7), self.rect.h - 8)
        height = max(self.theme.px(24), track.h * shown // total)
        first = total - shown - self.scroll
        top = track.top + (track.h - height) * first // max(1, total - shown)
        return track, pygame.Rect(track.left, top, track.w, height)

    def handle(self, event: pygame.event.Event) -> bool:
        """Wheel and scrollbar drag; True when the view changed."""
        if event.type == pygame.MOUSEWHEEL:
            if self.rect.collidepoint(pygame.mouse.get_pos()):
                return self.scroll_by(event.y * 3)
            return False
        bar = self._bar()
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and bar:
            track, knob = bar
            if track.inflate(self.theme.px(8), 0).collidepoint(event.pos):
                self._drag = event.pos[1]
                return self._drag_to(event.pos[1], track, knob)
        if event.type == pygame.MOUSEMOTION and self._drag is not None and bar:
            return self._drag_to(event.pos[1], *bar)
        if event.type == pygame.MOUSEBUTTONUP and self._drag is not None:
            self._drag = None
            return False
        return False

    def _drag_to(self, y: int, track: pygame.Rect, knob: pygame.Rect) -> bool:
        span = max(1, track.h - knob.h)
        frac = min(1.0, max(0.0, (y - track.top - knob.h / 2) / span))
        first = round(frac * self.max_scroll())
        new = self.max_scroll() - first
        changed = new != self.scroll
        self.scroll = new
        return changed

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        th.draw_panel(surface, self.rect, (22, 27, 36), th.LINE, radius=theme.px(6))
        clip = surface.get_clip()
        inner = self.rect.inflate(-theme.px(6), -theme.px(6))
        surface.set_clip(inner)
        height = self.row_height
        shown = self.visible_rows()
        end = len(self.rows) - self.scroll
        start = max(0, end - shown)
        y = inner.bottom - (end - start) * height - theme.px(2)
        fresh_rows = (self.starts[self.highlight_from] if self.highlight_from < len(self.starts)
                      else len(self.rows))
        for index in range(start, end):
            text, style = self.rows[index]
            colour = {"round": th.ACCENT, "turn": th.TEXT, "dim": th.TEXT_FAINT}.get(
                style, th.TEXT_DIM)
            if index >= fresh_rows and style != "round":
                colour = th.TEXT
            surface.blit(theme.text(text, self.size, colour, bold=style in BOLD_STYLES),
                         (inner.left + theme.px(4), y))
            y += height
        surface.set_clip(clip)
        bar = self._bar()
        if bar:
            track, knob = bar
            pygame.draw.rect(surface, (40, 48, 62), track, border_radius=track.w // 2)
            pygame.draw.rect(surface, (120, 134, 156), knob, border_radius=track.w // 2)
