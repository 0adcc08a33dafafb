"""Text pages: How to play and About, a heading over a scrolling text box."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox

from chessboard.report import guide
from chessboard.report.guide import Section
from chessboard.report.page import esc
from chessboard.ui import theme as th
from chessboard.ui.scene import GuiScene

if TYPE_CHECKING:
    from chessboard.rules.loader import Rules
    from chessboard.ui.app import App

HEADING = ("<font color='#{:02x}{:02x}{:02x}'>".format(*th.ACCENT)  # as on the other screens
           + "<b>{}</b></font>")

# The window's own part of How to play: how to read the screen and work it. What the game is
# about comes from the rules (chessboard.report.guide), so it always describes the rules loaded.
READING_THE_BOARD = (
    "Each country panel has a row per sphere. The columns {letters} are {names} influence; a "
    "filled cell marks the power that controls the sphere (also named in the <b>ctrl</b> "
    "column). <b>need</b> is the resilience: a power controls a sphere when its influence is "
    "at least that and beats every rival by at least that much. <b>public</b> is public opinion "
    "of each power, <b>govt</b> the government's official stance; the tags below are "
    "memberships ({organisations}), dark when the country is a member. A country hatched in a "
    "power's colour is dominated by it ({dominance}).")
TAKING_A_TURN = (
    "Pick an action or a card on the right. Legal targets light up in green; hover one to see "
    "its cost and exactly what it will change. Click to choose it, then press <b>Enter</b> or "
    "<b>Confirm</b>. A chance is shown as one (<b>50%: ...</b>) and its roll goes into the log. "
    "Clicking something that is not allowed tells you why and changes nothing. After acting, "
    "<b>End turn</b> hands over; until then <b>Undo</b> (Ctrl+Z) takes the move back, unless "
    "it revealed new information (a card drawn, the next news).")
HOT_SEAT = ("Between two human players a screen asks to pass the device, so nobody sees "
            "another's hand.")
KEYS = (
    "<b>Enter</b> confirm or end turn · <b>Tab</b> next legal target · <b>Esc</b> cancel, or "
    "the menu · <b>Y</b> play a move after its warning that it may end the game (the last move "
    "of a round warns too when the reactions that follow would end it) · <b>Ctrl+Z</b> undo · "
    "<b>Ctrl+S</b> save · <b>F11</b> full screen · mouse wheel scrolls the log · <b>L</b> full "
    "log · <b>H</b> history · <b>P</b> pause · <b>F2</b> (held) instructor menu.")
PROJECTOR = (
    "<b>Ctrl+=</b> larger text · <b>Ctrl+-</b> smaller · <b>Ctrl+0</b> back to 100% (five "
    "steps, 100 to 150%; at 150% no text is under 18 pixels in a 1280×720 window) · "
    "<b>Ctrl+H</b> high contrast, in black, white and colours that stay apart with colour "
    "blindness. Both are kept for the next time (also in the menu: <b>Text size and "
    "contrast</b>; on the command line: <b>play --scale 150 --high-contrast</b>). At a large "
    "scale a country's public opinion, official stance and memberships are in its tooltip.")


def page_html(sections: list[Section]) -> str:
    """Sections as the text box's HTML: an accent heading, then a line per paragraph."""
    return "<br><br>".join(
        "<br>".join([HEADING.format(esc(s.title)), *s.paragraphs]) for s in sections)


def how_to_play(rules: Rules) -> str:
    """How to play for the rules loaded: the game from the rules, then the window's keys."""
    power_list = guide.powers(rules)
    reading = READING_THE_BOARD.format(
        letters=guide.and_words([f"<b>{esc(f.letter)}</b>" for f in power_list]),
        names=guide.and_words([f"{esc(f.name)}'s" for f in power_list]),
        organisations=esc(", ".join(o.short for o in rules.organisations.organisations)),
        dominance=esc(guide.dominance(rules)))
    # how to work the screen comes before the long lists of rules, which are for reference
    sections = [*guide.basics(rules), Section("Reading the board", [reading]),
                Section("Taking a turn", [TAKING_A_TURN]), Section("Hot seat", [HOT_SEAT]),
                Section("Keys", [KEYS]), Section("On a projector", [PROJECTOR]),
                *guide.reference(rules)]
    return page_html(sections)


def about(rules: Rules) -> str:
    """The game and the paper its rules come from (both from the rules), and the credits."""
    sources = rules.sources
    return "<br><br>".join([
        "<br>".join([HEADING.format(esc(rules.game.name)),
                     esc(" ".join(rules.game.description.split()))]),
        f"<b>Source.</b> Every rule and card traces back to one of the {len(sources.sections)} "
        f"sections of the paper <i>{esc(sources.title)}</i>. Hover a card in the game to read "
        "the sentence it comes from.",
        "<b>Map.</b> Country outlines and capitals from <b>Natural Earth</b> "
        "(naturalearthdata.com), public domain, projected for this game.",
        "<b>Made with</b> pygame-ce and pygame_gui; text set in Noto Sans (SIL Open Font "
        "License). Power colours follow the Okabe–Ito palette, and every power also has a "
        "letter, so no information rests on colour alone."])


class TextPage(GuiScene):
    """How to play, About: a heading and a scrolling text box."""

    def __init__(self, app: App, title: str, html: str) -> None:
        super().__init__(app)
        self.title = title
        self.html = html.replace("\n", "")  # line breaks are the <br> tags

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        w, h = self.app.screen.get_size()
        width = min(w - px(120), px(980))
        x = (w - width) // 2
        self.box = UITextBox(self.html, pygame.Rect(x, px(100), width, h - px(200)), manager)
        self.back = UIButton(pygame.Rect(x, h - px(80), px(180), px(46)), "Back", manager,
                             object_id=pygame_gui.core.ObjectID(class_id="@menu_button"))

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back) or (
                event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN,
                                                               pygame.K_KP_ENTER)):
            self.app.pop()
            return None
        return event

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(th.BG)
        px = self.theme.px
        w = surface.get_width()
        width = min(w - px(120), px(980))
        title = self.theme.text(self.title, 34, th.TEXT, bold=True)
        surface.blit(title, ((w - width) // 2, px(36)))
