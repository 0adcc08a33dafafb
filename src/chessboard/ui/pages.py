"""Text pages: How to play and About, a heading over a scrolling text box."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox

from chessboard.ui import theme as th
from chessboard.ui.scene import GuiScene

if TYPE_CHECKING:
    from chessboard.ui.app import App

HOW_TO_PLAY = """\
<font color='#ffc43d'><b>The aim</b></font><br>
Russia, China, the EU and the five Central Asian states compete for influence in four spheres \
of every country: <b>political, economic, military and cultural</b>. Victory points (VP) come \
from controlling spheres, from each faction's own objectives and, for Russia and China, from a \
partnership bonus while tension stays low. After the last round the most VP wins, but if \
<b>tension reaches 10</b> the game ends at once in open rivalry and Russia and China both lose.<br>
<br>
<font color='#ffc43d'><b>A round</b></font><br>
News (the game starts in 2020; the news of the late years, 2026-27, are marked \
<b>what if</b>), income in influence points (IP), new cards, then four action rounds in \
initiative order (fewest VP first), then public reactions and scoring. Governments hold \
their official line whatever their public thinks until the late years (round 7 on): only then \
do they drift towards public opinion.<br>
<br>
<font color='#ffc43d'><b>The paper's dynamics</b></font><br>
<b>Asymmetry</b> grows each round while China controls more economic spheres than Russia, up to \
the junior-partner mark (7); beyond it only choices and news move it. As junior partner Russia \
loses income and VP each round and decides: <b>accept the new status quo</b> (tension -2, but \
China gains political ground at Russia's expense) or <b>hedge West</b> (asymmetry -1 and IP, \
but tension +1 and the EU gains). China's political moves where Russia's political influence \
leads cost more, and countering it raises tension: Beijing is careful not to cross Russia's \
political boundaries. <b>Tension</b> rises with China's own military moves (arms sales, its \
Tajik facility, security for the Belt and Road), with Russia blocking BRI projects, and where \
China's military presence reaches Russia's. The EU scores for close relationships with the \
states and as an alternative to the BRI, not for agreements as such; the states score for \
sovereignty, prosperity and their own agency, which fades unless they keep asserting it.<br>
<br>
<font color='#ffc43d'><b>Reading the board</b></font><br>
Each country panel has a row per sphere. The columns <b>R</b>, <b>C</b> and <b>E</b> are \
Russia's, China's and the EU's influence; a filled cell marks the power that controls the \
sphere (also named in the <b>ctrl</b> column). <b>need</b> is the resilience: a power controls \
a sphere when its influence is at least that and beats every rival by at least that much. \
<b>public</b> is public opinion of each power, <b>govt</b> the government's official stance; \
the tags below are memberships (SCO, EAEU, CSTO, BRI, EPCA), dark when the country is a member. \
A country hatched in a power's colour is dominated by it (3 of 4 spheres).<br>
<br>
<font color='#ffc43d'><b>Taking a turn</b></font><br>
Pick an action or a card on the right. Legal targets light up in green; hover one to see its \
cost and exactly what it will change. Click to choose it, then press <b>Enter</b> or \
<b>Confirm</b>. A chance is shown as one (<b>50%: ...</b>) and its roll goes into the log. \
Clicking something that is not allowed tells you why and changes nothing. \
After acting, <b>End turn</b> hands over; until then <b>Undo</b> (Ctrl+Z) takes the move back, \
unless it revealed new information (a card drawn, the next news).<br>
<br>
<font color='#ffc43d'><b>Hot seat</b></font><br>
Between two human players a screen asks to pass the device, so nobody sees another's hand.<br>
<br>
<font color='#ffc43d'><b>Keys</b></font><br>
<b>Enter</b> confirm or end turn · <b>Tab</b> next legal target · <b>Esc</b> cancel, or the \
menu · <b>Y</b> play a move after its warning that it may end the game (the last move of a \
round warns too when the reactions that follow would end it) · \
<b>Ctrl+Z</b> undo · <b>Ctrl+S</b> save · <b>F11</b> full screen · mouse wheel scrolls \
the log · <b>L</b> full log · <b>H</b> history · <b>P</b> pause · <b>F2</b> (held) \
instructor menu.<br>
<br>
<font color='#ffc43d'><b>On a projector</b></font><br>
<b>Ctrl+=</b> larger text · <b>Ctrl+-</b> smaller · <b>Ctrl+0</b> back to 100% (five steps, \
100 to 150%; at 150% no text is under 18 pixels in a 1280×720 window) · <b>Ctrl+H</b> high \
contrast, in black, white and colours that stay apart with colour blindness. Both are kept \
for the next time (also in the menu: <b>Text size and contrast</b>; on the command line: \
<b>play --scale 150 --high-contrast</b>)."""

ABOUT = """\
<font color='#ffc43d'><b>The Central Asian Chessboard</b></font><br>
A strategy game of competition and cooperation between Russia, China, the European Union and \
the five Central Asian states, for classrooms and curious players.<br>
<br>
<b>Source.</b> Every rule and card traces back to the paper <i>Strategic Alert: Sino-Russian \
relations in Central Asia</i>: its key takeaways, its sections on politics, economics, the \
military and culture, and its boxes on the SCO, the EAEU, the BRI, the CSTO and Greater \
Eurasia. Hover a card in the game to read the sentence it comes from.<br>
<br>
<b>Map.</b> Country outlines and capitals from <b>Natural Earth</b> (naturalearthdata.com), \
public domain, projected for this game.<br>
<br>
<b>Made with</b> pygame-ce and pygame_gui; text set in Noto Sans (SIL Open Font License). \
Power colours follow the Okabe–Ito palette, and every power also has a letter, so no \
information rests on colour alone."""


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
