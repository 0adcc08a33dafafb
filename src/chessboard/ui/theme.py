"""Colours, fonts, sizes and a cache of rendered text, shared by every scene.

Sizes are given for a 1280×720 window and scaled by :attr:`Theme.u`, so the same layout reads
well on a laptop and on a classroom projector at 1920×1080. The player's UI scale (projector
mode: 100 to 150%, :mod:`chessboard.ui.settings`) multiplies the text by its value and the
layout (``u``) by less (:data:`LAYOUT_SHARE`): at 150% in 1280×720 the layout has the room of
the smallest window it is made for (1024×600) while the text is half as large again, and no
text is drawn smaller than :data:`MIN_TEXT` design pixels of the window and the scale, whatever
a panel's own shrinking factor. Every scene follows, since all read their sizes here. Fonts
are the Noto Sans files that ship with pygame_gui (SIL Open Font License), so no system font is
needed.

The colours are module attributes that scenes read when they draw (``th.TEXT``), so
:func:`use_palette` switches every scene to the high-contrast palette at once.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from importlib import resources
from typing import Any

import pygame

from chessboard.paths import data_dir
from chessboard.ui.text import WHAT_IF_LABEL, WHAT_IF_NOTE  # noqa: F401 - the screens' words

ASSETS_DIR = data_dir("assets")
THEME_PATH = ASSETS_DIR / "ui" / "theme.json"

Colour = tuple[int, int, int]

# Chrome and board palette: light "paper" cards on a dark slate, high contrast for projectors.

BG = (27, 33, 44)
BG_PANEL = (37, 45, 59)
BG_PANEL_HI = (50, 61, 79)
LINE = (78, 92, 114)
TEXT = (241, 243, 246)
TEXT_DIM = (170, 182, 198)
TEXT_FAINT = (120, 132, 150)
ACCENT = (255, 196, 61)  # focus, selection, "what changed"
LEGAL = (90, 220, 140)  # legal targets
DANGER = (232, 72, 72)
WARN = (255, 150, 60)
GOOD = (110, 200, 120)
SEA = (36, 58, 82)
LAND_SCENERY = (64, 72, 84)
LAND_SCENERY_EDGE = (88, 98, 112)
LAND = (226, 216, 190)
LAND_EDGE = (120, 104, 80)
CARD = (250, 247, 240)
CARD_EDGE = (140, 132, 118)
CARD_TEXT = (28, 30, 34)
CARD_DIM = (105, 108, 116)
CARD_ROW = (238, 233, 222)

# Track lines on the end chart: one colour and one marker each (colour-blind safe).
TRACK_STYLES = [((255, 160, 70), "circle"), ((86, 180, 233), "square"),
                ((240, 228, 66), "triangle"), ((0, 168, 122), "diamond")]

PALETTE_NAMES = ("BG", "BG_PANEL", "BG_PANEL_HI", "LINE", "TEXT", "TEXT_DIM", "TEXT_FAINT",
                 "ACCENT", "LEGAL", "DANGER", "WARN", "GOOD", "SEA", "LAND_SCENERY",
                 "LAND_SCENERY_EDGE", "LAND", "LAND_EDGE", "CARD", "CARD_EDGE", "CARD_TEXT",
                 "CARD_DIM", "CARD_ROW")
STANDARD_PALETTE: dict[str, Colour] = {name: globals()[name] for name in PALETTE_NAMES}
# Black and white with the Okabe-Ito colours, which stay apart under deuteranopia: legal
# targets sky blue and danger vermilion instead of green and red, dim text still above 12:1.
HIGH_CONTRAST_PALETTE: dict[str, Colour] = {
    "BG": (0, 0, 0), "BG_PANEL": (12, 12, 12), "BG_PANEL_HI": (38, 38, 38),
    "LINE": (200, 200, 200), "TEXT": (255, 255, 255), "TEXT_DIM": (232, 232, 232),
    "TEXT_FAINT": (205, 205, 205), "ACCENT": (255, 221, 0), "LEGAL": (86, 180, 233),
    "DANGER": (255, 96, 40), "WARN": (230, 159, 0), "GOOD": (86, 180, 233),
    "SEA": (0, 30, 60), "LAND_SCENERY": (40, 40, 40), "LAND_SCENERY_EDGE": (150, 150, 150),
    "LAND": (255, 255, 255), "LAND_EDGE": (0, 0, 0), "CARD": (255, 255, 255),
    "CARD_EDGE": (0, 0, 0), "CARD_TEXT": (0, 0, 0), "CARD_DIM": (40, 40, 40),
    "CARD_ROW": (230, 230, 230),
}
# pygame_gui's colours by name in assets/ui/theme.json, for the high-contrast theme
_GUI_HIGH_CONTRAST = {
    "normal_bg": "#000000", "hovered_bg": "#ffdd00", "disabled_bg": "#000000",
    "selected_bg": "#ffdd00", "active_bg": "#ffdd00", "dark_bg": "#000000",
    "disabled_dark_bg": "#000000", "normal_text": "#ffffff", "hovered_text": "#000000",
    "disabled_text": "#b4b4b4", "selected_text": "#000000", "active_text": "#000000",
    "normal_border": "#ffffff", "hovered_border": "#ffdd00", "disabled_border": "#8c8c8c",
    "selected_border": "#ffdd00", "active_border": "#ffdd00", "link_text": "#56b4e9",
    "text_cursor": "#ffdd00", "filled_bar": "#ffdd00", "unfilled_bar": "#000000",
}
_GUI_PRIMARY = {"normal_bg": "#ffdd00", "normal_text": "#000000", "hovered_bg": "#ffffff",
                "hovered_text": "#000000", "normal_border": "#ffffff"}
MIN_TEXT = 12  # design pixels: the smallest text above 100% (18 px at 150% in 1280×720)
# The share of the UI scale the layout takes: 150% text on a 120% layout. Growing the layout
# as much as the text left a 853×480 design space at 150% in 1280×720, far below the
# 1024×600 window every scene is laid out for; text that measures itself wraps or is cut.
LAYOUT_SHARE = 0.4


def use_palette(*, high_contrast: bool) -> None:
    """Switch every scene's colours (they read this module's attributes when they draw)."""
    globals().update(HIGH_CONTRAST_PALETTE if high_contrast else STANDARD_PALETTE)


def hex_colour(text: str) -> Colour:
    text = text.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t),
            round(a[2] + (b[2] - a[2]) * t))


def ink_on(colour: Colour) -> Colour:
    """Black or white, whichever reads better on ``colour``."""
    r, g, b = colour
    return CARD_TEXT if 0.299 * r + 0.587 * g + 0.114 * b > 150 else (255, 255, 255)


def _font_file(name: str) -> str:
    return str(resources.files("pygame_gui.data").joinpath(name))


FONT_FILES = {
    (False, False): "NotoSans-Regular.ttf",
    (True, False): "NotoSans-Bold.ttf",
    (False, True): "NotoSans-Italic.ttf",
    (True, True): "NotoSans-BoldItalic.ttf",
}


class Theme:
    """Scale, fonts and text surfaces for one window size."""

    def __init__(self, size: tuple[int, int], *, factor: float = 1.0, scale: float = 1.0,
                 high_contrast: bool = False) -> None:
        self._fonts: dict[tuple[int, bool, bool], pygame.font.Font] = {}
        self._text: OrderedDict[tuple[Any, ...], pygame.Surface] = OrderedDict()
        self.factor = factor  # below 1: smaller than the window's scale (many panels)
        self.scale = scale  # the player's UI scale (1.0 to 1.5)
        self.high_contrast = high_contrast
        self.resize(size)

    def resize(self, size: tuple[int, int]) -> None:
        self.size = size
        window = max(0.75, min(size[0] / 1280, size[1] / 720))
        layout = 1 + (self.scale - 1) * LAYOUT_SHARE
        self.u = window * layout * self.factor
        self.text_u = self.u * self.scale / layout  # text grows with the whole UI scale
        # Above 100% the player asked for larger text: a panel's factor (many countries) must
        # not shrink it below the floor. At 100% the layouts stay exactly as designed.
        self.min_text = round(MIN_TEXT * window * self.scale) if self.scale > 1 else 1
        self._text.clear()

    def set_factor(self, factor: float) -> None:
        if factor != self.factor:
            self.factor = factor
            self.resize(self.size)

    def set_scale(self, scale: float) -> None:
        if scale != self.scale:
            self.scale = scale
            self.resize(self.size)

    def set_contrast(self, *, high_contrast: bool) -> None:
        """The palette of every scene and this theme's pygame_gui colours."""
        use_palette(high_contrast=high_contrast)
        if high_contrast != self.high_contrast:
            self.high_contrast = high_contrast
            self._text.clear()  # cached text was rendered in the other palette's colours

    def px(self, n: float) -> int:
        return max(1, round(n * self.u))

    def text_px(self, size: float) -> int:
        """The pixel size a text of ``size`` design pixels is rendered at."""
        return max(1, round(size * self.text_u), self.min_text)

    def font(self, size: float, *, bold: bool = False, italic: bool = False) -> pygame.font.Font:
        """A font of ``size`` design pixels (scaled)."""
        key = (self.text_px(size), bold, italic)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(_font_file(FONT_FILES[bold, italic]), key[0])
            self._fonts[key] = font
        return font

    def text(self, text: str, size: float, colour: Colour | None = None, *,
             bold: bool = False, italic: bool = False) -> pygame.Surface:
        """Rendered text, cached: the board redraws the same labels over and over."""
        colour = colour or TEXT  # the palette's, at the time of drawing
        key = (text, size, colour, bold, italic)
        surf = self._text.get(key)
        if surf is not None:
            self._text.move_to_end(key)
            return surf
        surf = self.font(size, bold=bold, italic=italic).render(text, True, colour)
        self._text[key] = surf
        if len(self._text) > 3000:
            self._text.popitem(last=False)
        return surf

    def wrap(self, text: str, size: float, width: int, *, bold: bool = False,
             italic: bool = False) -> list[str]:
        """Greedy word wrap to ``width`` pixels; a word wider than a line is broken up."""
        font = self.font(size, bold=bold, italic=italic)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = []
            for word in paragraph.split():
                if len(word) > 1 and font.size(word)[0] > width:
                    words += break_word(font, word, width)
                else:
                    words.append(word)
            line = ""
            for word in words:
                trial = f"{line} {word}" if line else word
                if font.size(trial)[0] <= width or not line:
                    line = trial
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        return lines

    def fit(self, text: str, size: float, width: int, *, bold: bool = False) -> str:
        """The text, cut with an ellipsis if it is wider than ``width`` pixels."""
        font = self.font(size, bold=bold)
        if font.size(text)[0] <= width:
            return text
        return text[:fitting(font, text, width, "…")].rstrip() + "…"

    def shrink(self, text: str, size: float, width: int, *, bold: bool = False,
               smallest: float = 12) -> float:
        """The largest size up to ``size`` (not below ``smallest``) that fits ``width``."""
        while size > smallest and self.font(size, bold=bold).size(text)[0] > width:
            size -= 2
        return max(size, smallest)

    def line_height(self, size: float) -> int:
        return self.font(size).get_linesize()

    # pygame_gui ---------------------------------------------------------------------------

    def gui_theme(self) -> dict[str, Any]:
        """The theme JSON of assets/ui with every font size scaled to this window."""
        data = json.loads(THEME_PATH.read_text(encoding="utf-8"))
        _scale_fonts(data, self.u, self.text_u)
        if self.high_contrast:
            _high_contrast_colours(data)
        return data


def _advances(font: pygame.font.Font, text: str) -> list[int]:
    """Each glyph's advance in pixels, from one call for the whole text."""
    return [glyph[4] if glyph else font.size(char)[0]
            for glyph, char in zip(font.metrics(text), text, strict=True)]


def _fitting_end(font: pygame.font.Font, text: str, start: int, advances: list[int],
                 width: int, suffix: str = "") -> int:
    """The largest end with ``text[start:end] + suffix`` no wider than ``width`` pixels.

    The advances bound the answer; a binary search over that short range settles kerning.
    Trying one cut after another (the old way) froze the window for minutes on a
    10,000-character word: this costs a few measures of a line's length per line.
    """
    room = width - (font.size(suffix)[0] if suffix else 0)
    total, end = 0, start
    while end < len(text) and total + advances[end] <= room:
        total += advances[end]
        end += 1
    lo, hi = start, min(len(text), end + 1)  # one more, in case kerning tightens it
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[start:mid] + suffix)[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def break_word(font: pygame.font.Font, word: str, width: int) -> list[str]:
    """A word wider than ``width`` in pieces that fit (at least one character each)."""
    advances = _advances(font, word)
    pieces, start = [], 0
    while start < len(word):
        end = max(start + 1, _fitting_end(font, word, start, advances, width))
        pieces.append(word[start:end])
        start = end
    return pieces


def fitting(font: pygame.font.Font, text: str, width: int, suffix: str = "") -> int:
    """The most characters of ``text`` that, followed by ``suffix``, fit ``width`` pixels."""
    return _fitting_end(font, text, 0, _advances(font, text), width, suffix)


def _scale_fonts(node: Any, u: float, text_u: float) -> None:
    """Fonts (and list rows, which hold one line) by the text's scale, the rest by ``u``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "font" and isinstance(value, dict) and "size" in value:
                value["size"] = str(max(8, round(float(value["size"]) * text_u)))
            elif key == "misc" and isinstance(value, dict):
                for name in ("list_item_height", "border_width", "shape_corner_radius",
                             "text_horiz_alignment_padding"):
                    if name in value:
                        scale = text_u if name == "list_item_height" else u
                        value[name] = str(max(1, round(float(value[name]) * scale)))
            else:
                _scale_fonts(value, u, text_u)


def _high_contrast_colours(node: Any, *, primary: bool = False) -> None:
    """Every pygame_gui colour of the theme in black, white and yellow (by its role's name);
    the primary buttons (Start, New game...) stay apart: yellow with black text."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "colours" and isinstance(value, dict):
                colours = {**_GUI_HIGH_CONTRAST, **_GUI_PRIMARY} if primary else \
                    _GUI_HIGH_CONTRAST
                for name in value:
                    if name in colours and value[name] != "#00000000":
                        value[name] = colours[name]
            else:
                _high_contrast_colours(value, primary=primary or "primary" in key)


def draw_panel(surface: pygame.Surface, rect: pygame.Rect, fill: Colour,
               edge: Colour | None = None, *, radius: int = 8, width: int = 1,
               shadow: int = 0) -> None:
    if shadow:
        shade = pygame.Rect(rect).move(shadow, shadow)
        pygame.draw.rect(surface, (12, 15, 20), shade, border_radius=radius)
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if edge is not None:
        pygame.draw.rect(surface, edge, rect, width, border_radius=radius)


def blit_centered(surface: pygame.Surface, image: pygame.Surface, center: tuple[int, int]) -> None:
    surface.blit(image, image.get_rect(center=center))
