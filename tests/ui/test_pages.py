"""How to play and About describe the rules loaded; screens open each other by name."""

from __future__ import annotations

import pygame
import pytest

from chessboard.report.page import esc
from chessboard.ui.pages import TextPage
from chessboard.ui.scenes import SCENES
from chessboard.ui.title import TitleScene

pytestmark = pytest.mark.ui


def open_page(d, label: str) -> TextPage:
    for sprite in d.top.manager.get_sprite_group().sprites():
        if getattr(sprite, "text", None) == label:
            d.click(sprite.rect.center)
            break
    page = d.top
    assert isinstance(page, TextPage) and page.title == label
    return page


@pytest.mark.parametrize("which", ["tiny", "rules"])
def test_how_to_play_follows_the_rules_loaded(make_app, which: str,
                                              request: pytest.FixtureRequest) -> None:
    rules = request.getfixturevalue(which)
    d = make_app(rules)
    html = open_page(d, "How to play").html
    settings = rules.game.settings
    assert f"{settings.action_rounds} action rounds" in html
    assert f"hands hold {settings.hand_size} cards" in html
    for other in {3, 4} - {settings.action_rounds}:  # the tiny rules play 3, the shipped 4
        assert f"{other} action rounds" not in html
    powers = [f for f in rules.game.factions if f.kind == "power"]
    assert all(f"<b>{esc(f.letter)}</b>" in html and esc(f.name) in html for f in powers)
    assert ", ".join(o.short for o in rules.organisations.organisations) in html
    for rule in rules.phases.scoring:
        assert esc(rule.name) in html
    d.key(pygame.K_ESCAPE)
    assert isinstance(d.top, TitleScene)
    about = open_page(d, "About").html
    assert esc(rules.sources.title) in about and esc(rules.game.name) in about


def test_screens_open_by_name(make_app, tiny) -> None:
    d = make_app(tiny)
    app = d.app
    assert app.top_is("title") and app.find("board") is None and app.board() is None
    page = app.open("help")
    assert isinstance(page, TextPage) and app.stack.top is page
    app.replace("about")
    assert isinstance(app.stack.top, TextPage) and app.stack.top.title == "About"
    app.pop()
    assert app.top_is("title") and app.find("title") is app.stack.top
    with pytest.raises(KeyError, match="no screen is called 'nope'"):
        app.open("nope")
    with pytest.raises(TypeError, match="built by a function"):
        app.find("help")
    assert {"title", "load", "help", "menu", "confirm", "pass", "log", "board"} <= set(SCENES)
