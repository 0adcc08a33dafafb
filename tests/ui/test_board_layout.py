"""The board lays out any number of country panels (3 to 10 here) without cutting any off,
from the smallest window (1024×600) to 1920×1080; a country the map data has no shape for
gets a placeholder on the map."""

from __future__ import annotations

from pathlib import Path

import pytest

from chessboard.engine.game import Engine
from chessboard.rules.loader import load_rules

# countries of the region the map data has shapes for, then one it has none for
EXTRA = [("afghanistan", "Afghanistan"), ("iran", "Iran"), ("pakistan", "Pakistan"),
         ("mongolia", "Mongolia"), ("uzbekistan", "Uzbekistan"),
         ("turkmenistan", "Turkmenistan"), ("atlantis", "Atlantis")]


def with_countries(rules_dir: Path, count: int) -> Path:
    """The fixture rules (3 countries) with ``count - 3`` more, in YAML alone."""
    path = rules_dir / "countries.yaml"
    text = path.read_text().rstrip("\n") + "\n"
    for cid, name in EXTRA[:count - 3]:
        text += (f"  - id: {cid}\n    name: {name}\n    capital: Somewhere\n"
                 "    resilience: {political: 2, economic: 2, military: 2, cultural: 2}\n"
                 "    powers:\n"
                 "      russia: {political: 1, economic: 1, military: 1, cultural: 1}\n"
                 "    members: [sco]\n    agency: 1\n    description: Added.\n")
    path.write_text(text)
    game = rules_dir / "game.yaml"  # room for them in the research environment's encoding
    game.write_text(game.read_text().replace("settings:\n", "settings:\n  encoding: "
                                             "{countries: 16}\n", 1))
    return rules_dir


@pytest.mark.parametrize("scale", [1.0, 1.5], ids=["100%", "150%"])
@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
@pytest.mark.parametrize("count", [3, 5, 6, 8, 10])
def test_every_panel_is_whole_on_the_map(tiny_rules: Path, pygame_session: None,
                                         size: tuple[int, int], count: int,
                                         scale: float) -> None:
    import pygame

    from chessboard.ui.boardread import Legend
    from chessboard.ui.boardview import BoardView
    from chessboard.ui.mapdata import load_map
    from chessboard.ui.theme import Theme

    pygame.init()
    engine = Engine(load_rules(with_countries(tiny_rules, count)))
    assert count == engine._tables.C
    view = BoardView(Theme(size, scale=scale), Legend.of(engine.rules), load_map())
    view.layout(size)
    rects = [g.rect for g in view.panels]
    assert len(rects) == count
    for i, rect in enumerate(rects):
        assert view.map_rect.contains(rect), (i, rect, view.map_rect)
        assert rect.collidelist(rects[i + 1:]) < 0, "panels overlap"
        assert not rect.colliderect(view.news_rect)
        # every row of numbers is inside its panel
        assert all(rect.contains(row) for row in view.panels[i].rows)
    # as large as they fit: the usual five at full size wherever they fit before
    if count <= 5 and scale == 1.0:
        assert view.pt.factor == 1.0
    # a country the map has no shape for stands on the map as a placeholder, off the panels
    shapeless = [c for c, cid in enumerate(engine._tables.country_ids) if cid == "atlantis"]
    assert view.shapeless == shapeless
    for c in shapeless:
        spot = view.placeholder_rect(c)
        assert view.map_rect.contains(spot) and spot.collidelist(rects) < 0
