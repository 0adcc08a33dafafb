"""Projector mode at 1280×720 in the largest UI scale: every screen's text is at least 18 px
high, and its widgets stay in the window without covering each other."""

from __future__ import annotations

import importlib.util

import pygame
import pytest
from pygame_gui.core import UIContainer

from chessboard.ui.app import App, Options
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


@pytest.mark.parametrize("contrast", [False, True], ids=["standard", "high-contrast"])
def test_every_screen_at_the_largest_scale(tiny, data_dir, pygame_session,
                                           contrast: bool) -> None:
    size = (1280, 720)
    seen: dict[str, int] = {}
    small: list[str] = []
    overlaps: dict[str, list[str]] = {}

    def visit(name: str, drawn: list[tuple[int, str]], app: App) -> None:
        assert drawn, f"{name}: no text recorded"
        seen[name] = min(px for px, _text in drawn)
        small.extend(f"{name}: {px} px {text!r}" for px, text in drawn if px < SMALLEST_PX)
        problems = widget_problems(app.stack.top, size)
        if problems:
            overlaps[name] = problems

    options = Options(size=size, scale=max(SCALES), high_contrast=contrast,
                      keep_settings=False, bot_pause=0.0, max_fps=0, handover_delay=0.0)
    visited = tour(tiny, options, visit)
    expected = set(SCREENS)
    if importlib.util.find_spec("aiohttp") is None:
        expected.discard("devices")
    assert set(seen) == expected
    assert visited.app.theme.scale == max(SCALES) / 100
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
