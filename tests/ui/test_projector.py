"""Projector mode at 1280×720 in the largest UI scale: every screen's text is at least 18 px
high, and its widgets stay in the window without covering each other."""

from __future__ import annotations

import importlib.util

import pygame
import pytest
from pygame_gui.core import UIContainer

from chessboard.ui import theme as th
from chessboard.ui.app import App, Options
from chessboard.ui.board import BoardScene
from chessboard.ui.overlays import Overlay
from chessboard.ui.settings import SCALES
from chessboard.ui.theme import Theme
from chessboard.ui.tour import SCREENS, tour

pytestmark = pytest.mark.ui

SMALLEST_PX = 18  # the floor for a classroom projector at 1280×720


def widget_problems(scene: object, size: tuple[int, int]) -> list[str]:
    """Visible top-level pygame_gui widgets outside the window or over one another."""
    manager = getattr(scene, "manager", None)
    if manager is None:
        return []
    window = pygame.Rect((0, 0), size)
    # a text box's scroll bar or a list's own container are parts of it, drawn over it
    shown = [e for e in manager.get_root_container().elements
             if e.visible and getattr(e, "parent_element", None) is None
             and type(e) is not UIContainer]
    problems = [f"{type(e).__name__} {getattr(e, 'text', '')!r} at {e.rect} is outside the "
                "window" for e in shown if not window.contains(e.rect)]
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            if a.rect.colliderect(b.rect):
                problems.append(f"{type(a).__name__} {getattr(a, 'text', '')!r} {a.rect} "
                                f"overlaps {type(b).__name__} {getattr(b, 'text', '')!r} "
                                f"{b.rect}")
    return problems


def scene_picture(scene: object, size: tuple[int, int]) -> pygame.Surface:
    """What the scene paints itself (widgets aside)."""
    picture = pygame.Surface(size)
    if isinstance(scene, Overlay):
        picture.fill(th.BG_PANEL)
        scene.draw_box(picture, scene.box())
    else:
        scene.draw_background(picture)
    return picture


def text_under_widgets(scene: object) -> list[str]:
    """Text the scene paints where a visible widget sits: its picture is painted twice, the
    second time with every text blank, and the two must not differ under a widget."""
    manager = getattr(scene, "manager", None)
    if manager is None or isinstance(scene, BoardScene):
        return []
    size = pygame.display.get_surface().get_size()
    with_text = scene_picture(scene, size)
    original = Theme.text

    def blank(theme: Theme, text: str, *args: object, **kwargs: object) -> pygame.Surface:
        return pygame.Surface(original(theme, text, *args, **kwargs).get_size(),
                              pygame.SRCALPHA)

    Theme.text = blank  # type: ignore[method-assign]
    try:
        without = scene_picture(scene, size)
    finally:
        Theme.text = original  # type: ignore[method-assign]
    problems = []
    for element in manager.get_root_container().elements:
        if not element.visible or getattr(element, "parent_element", None) is not None \
                or type(element) is UIContainer:
            continue
        area = element.rect.clip(with_text.get_rect())
        if any(with_text.get_at((x, y)) != without.get_at((x, y))
               for x in range(area.left, area.right, 2) for y in range(area.top, area.bottom, 2)):
            problems.append(f"text is painted under {type(element).__name__} "
                            f"{getattr(element, 'text', '')!r} at {element.rect}")
    return problems


def board_problems(app: App) -> list[str]:
    """On the board: the side bar's choices, picks and cards clear of its buttons and inside
    it; the country panels whole on the map and apart."""
    board = app.board()
    if board is None or app.stack.top is not board:
        return []
    view = board.view
    problems = []
    for spot in view.spots:
        if spot.kind in ("choice", "card", "pick"):
            if not view.side.contains(spot.rect):
                problems.append(f"{spot.kind} {spot.rect} leaves the side bar {view.side}")
            if spot.rect.colliderect(view.buttons_rect):
                problems.append(f"{spot.kind} {spot.rect} under the buttons {view.buttons_rect}")
    panels = [g.rect for g in view.panels]
    for i, rect in enumerate(panels):
        if not view.map_rect.contains(rect):
            problems.append(f"panel {rect} leaves the map {view.map_rect}")
        if rect.collidelist(panels[i + 1:]) >= 0:
            problems.append(f"panel {rect} overlaps another")
    return problems


@pytest.mark.parametrize(("scale", "contrast"), [(max(SCALES), False), (max(SCALES), True),
                                                (min(SCALES), False)],
                         ids=["largest", "largest-high-contrast", "100%"])
def test_every_screen_at_the_largest_scale(rules, data_dir, pygame_session, scale: int,
                                           contrast: bool) -> None:
    """And at 100%: the layouts that make room for large text must not break the usual one."""
    size = (1280, 720)
    seen: dict[str, int] = {}
    small: list[str] = []
    overlaps: dict[str, list[str]] = {}

    def visit(name: str, drawn: list[tuple[int, str]], app: App) -> None:
        assert drawn, f"{name}: no text recorded"
        seen[name] = min(px for px, _text in drawn)
        if scale == max(SCALES):
            small.extend(f"{name}: {px} px {text!r}" for px, text in drawn if px < SMALLEST_PX)
        problems = (widget_problems(app.stack.top, size) + board_problems(app)
                    + text_under_widgets(app.stack.top))
        if problems:
            overlaps[name] = problems

    options = Options(size=size, scale=scale, high_contrast=contrast,
                      keep_settings=False, bot_pause=0.0, max_fps=0, handover_delay=0.0)
    visited = tour(rules, options, visit)  # the shipped rules: five countries, long names
    expected = set(SCREENS)
    if importlib.util.find_spec("aiohttp") is None:
        expected.discard("devices")
    assert set(seen) == expected
    assert visited.app.theme.scale == scale / 100
    assert not small, "text below 18 px:\n" + "\n".join(small[:20])
    assert not overlaps, "\n".join(f"{k}: {v}" for k, v in overlaps.items())


def test_the_widgets_fonts_are_large_enough_too() -> None:
    pygame.init()
    try:
        theme = Theme((1280, 720), scale=max(SCALES) / 100)
        sizes: list[int] = []

        def collect(node: object) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "font" and isinstance(value, dict) and "size" in value:
                        sizes.append(int(value["size"]))
                    else:
                        collect(value)

        collect(theme.gui_theme())
        assert sizes and min(sizes) >= SMALLEST_PX
    finally:
        pygame.quit()
