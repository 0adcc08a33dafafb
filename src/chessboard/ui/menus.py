"""Title, text pages, the in-game menu, confirmations, loading and the pass-the-device screen."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UISelectionList, UITextBox

from chessboard.ui import theme as th
from chessboard.ui.mapdata import Transform
from chessboard.ui.scene import GuiScene, Rects

if TYPE_CHECKING:
    from chessboard.ui.app import App
    from chessboard.ui.session import GameSession

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
instructor menu."""

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


class TitleScene(GuiScene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.error = ""
        self.notice = ""  # an autosave that could not be offered: where it was kept and why
        self.buttons: dict[UIButton, Callable[[], None]] = {}
        self._backdrop: pygame.Surface | None = None

    def resume(self) -> None:
        self.rebuild()  # the autosave may have appeared or gone

    def build(self, manager: pygame_gui.UIManager) -> None:
        from chessboard.ui.storage import resumable_autosave, set_aside_unreadable_autosave

        px = self.theme.px
        h = self.app.screen.get_height()
        self._backdrop = None
        entries: list[tuple[str, Callable[[], None]]] = []
        # not offering a damaged or newer-version autosave is not enough: the next game would
        # overwrite it. It is moved among the saves, and the title says so.
        self.notice = set_aside_unreadable_autosave() or self.notice
        autosave = resumable_autosave()
        if autosave is not None:
            when = autosave.saved_at.replace("T", " ")[:16]
            entries.append((f"Resume autosave  ·  round {autosave.extra.get('round', '?')}",
                            self.resume_autosave))
            self.autosave_note = f"autosave from {when}"
        else:
            self.autosave_note = ""
        entries += [("New game", self.new_game), ("Load game", self.load_game),
                    ("How to play", self.how_to_play), ("About", self.about),
                    ("Quit", lambda: self.app.quit(0))]
        bw, bh, gap = px(360), px(50), px(12)
        x = px(90)
        y = int(h * 0.40)
        self.buttons = {}
        for k, (label, action) in enumerate(entries):
            cls = "@menu_primary" if k == 0 else "@menu_button"
            button = UIButton(pygame.Rect(x, y, bw, bh), label, manager,
                              object_id=pygame_gui.core.ObjectID(class_id=cls))
            self.buttons[button] = action
            y += bh + gap

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            self.buttons[event.ui_element]()
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_n:
            self.new_game()
            return None
        return event

    def new_game(self) -> None:
        from chessboard.ui.setup import SetupScene

        self.app.push(SetupScene(self.app))

    def load_game(self) -> None:
        self.app.push(LoadScene(self.app))

    def how_to_play(self) -> None:
        self.app.push(TextPage(self.app, "How to play", HOW_TO_PLAY))

    def about(self) -> None:
        self.app.push(TextPage(self.app, "About", ABOUT))

    def resume_autosave(self) -> None:
        from chessboard.ui.storage import autosave_path

        def refused(reason: str) -> None:
            self.error = f"The autosave cannot be resumed: {reason}"
            self.invalidate()

        self.app.open_saved(autosave_path(), refused)

    def draw_background(self, surface: pygame.Surface) -> None:
        if self._backdrop is None or self._backdrop.get_size() != surface.get_size():
            self._backdrop = title_background(self.app, surface.get_size())
        surface.blit(self._backdrop, (0, 0))
        px = self.theme.px
        x = px(90)
        h = surface.get_height()
        title = self.theme.text("The Central Asian Chessboard", 50, th.TEXT, bold=True)
        surface.blit(title, (x, int(h * 0.13)))
        sub = self.theme.text("Russia, China, the EU and the Central Asian states: influence, "
                              "rivalry and partnership", 19, th.TEXT_DIM)
        surface.blit(sub, (x + px(2), int(h * 0.13) + title.get_height() + px(4)))
        y = int(h * 0.13) + title.get_height() + sub.get_height() + px(14)
        pygame.draw.line(surface, th.ACCENT, (x + px(2), y), (x + px(220), y), px(3))
        if self.autosave_note:
            note = self.theme.text(self.autosave_note, 13, th.TEXT_DIM)
            surface.blit(note, (x + px(370), int(h * 0.40) + px(16)))
        top = int(h * 0.40) + px(62)
        # in boxes beside the buttons, where a long reason has room
        for text, fill, edge, ink in ((self.error, (58, 26, 30), th.DANGER, (255, 170, 160)),
                                      (self.notice, (58, 44, 22), th.WARN, (255, 214, 160))):
            if not text:
                continue
            bx = x + px(360 + 30)
            width = surface.get_width() - bx - px(40)
            lh = self.theme.line_height(15)
            lines = self.theme.wrap(text, 15, width - px(28), bold=True)
            room = max(1, (surface.get_height() - px(40) - top - px(24)) // lh)
            if len(lines) > room:
                lines = lines[:room]
                lines[-1] = self.theme.fit(lines[-1] + " …", 15, width - px(28), bold=True)
            box = pygame.Rect(bx, top, width, len(lines) * lh + px(24))
            th.draw_panel(surface, box, fill, edge, radius=px(8))
            y = box.y + px(12)
            for line in lines:
                surface.blit(self.theme.text(line, 15, ink, bold=True), (box.x + px(14), y))
                y += lh
            top = box.bottom + px(12)
        foot = self.theme.text("F11 full screen · map: Natural Earth · rules from the paper "
                               "'Strategic Alert: Sino-Russian relations in Central Asia'", 12,
                               th.TEXT_FAINT)
        surface.blit(foot, (x, surface.get_height() - px(24)))


def title_background(app: App, size: tuple[int, int]) -> pygame.Surface:
    """The map, large and dark, as a backdrop for the title and set-up screens."""
    w, h = size
    surf = pygame.Surface(size)
    surf.fill(th.BG)
    fit = app.board_map.fit(w * 1.0, h * 1.2)
    tr = Transform(fit.scale, fit.offset_x + w * 0.22, fit.offset_y - h * 0.06)
    for country in app.board_map.playable:  # neighbours stay dark: the five states stand out
        for ring in country.polygons:
            pts = tr.apply_ring(ring)
            if len(pts) < 3:
                continue
            pygame.draw.polygon(surf, (58, 66, 54), pts)
            pygame.draw.aalines(surf, (92, 104, 92), True, pts)
        if country.capital_xy and country.playable:
            pygame.draw.circle(surf, (140, 120, 60), tr.apply(country.capital_xy),
                               app.theme.px(4))
    shade = pygame.Surface(size, pygame.SRCALPHA)
    for x in range(0, w, 4):
        alpha = max(0, min(220, int(240 - 260 * x / w)))
        pygame.draw.rect(shade, (20, 25, 34, alpha), (x, 0, 4, h))
    surf.blit(shade, (0, 0))
    return surf


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


class Overlay(GuiScene):
    """A modal box over a dimmed copy of the scene below."""

    opaque = False
    box_size = (560, 300)

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self._snapshot: pygame.Surface | None = None

    def box(self) -> pygame.Rect:
        px = self.theme.px
        w, h = self.app.screen.get_size()
        rect = pygame.Rect(0, 0, min(w - px(40), px(self.box_size[0])),
                           min(h - px(40), px(self.box_size[1])))
        rect.center = (w // 2, h // 2)
        return rect

    def draw(self, surface: pygame.Surface, full: bool) -> Rects:
        if full or self._snapshot is None or self._snapshot.get_size() != surface.get_size():
            shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            shade.fill((10, 12, 18, 170))
            surface.blit(shade, (0, 0))
            self._snapshot = surface.copy()
            full = True
        elif not (self._dirty or self._changed):
            return []
        self._dirty = False
        self._changed = []
        box = self.box()
        surface.blit(self._snapshot, box, box)
        th.draw_panel(surface, box, th.BG_PANEL, th.ACCENT, radius=self.theme.px(12),
                      width=self.theme.px(2))
        self.draw_box(surface, box)
        assert self.manager is not None
        self.manager.draw_ui(surface)
        return [surface.get_rect()] if full else [box]

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        pass

    def menu_buttons(self, manager: pygame_gui.UIManager, box: pygame.Rect,
                     entries: list[tuple[str, Callable[[], None], bool]], *,
                     primary_first: bool = False) -> dict[UIButton, Callable[[], None]]:
        """A menu's column of buttons under its title: (label, action, enabled) each; the
        button each action belongs to."""
        px = self.theme.px
        bh, gap = px(46), px(10)
        y = box.y + px(70)
        actions: dict[UIButton, Callable[[], None]] = {}
        for k, (label, action, enabled) in enumerate(entries):
            kind = "@menu_primary" if primary_first and k == 0 else "@menu_button"
            button = UIButton(pygame.Rect(box.x + px(40), y, box.w - px(80), bh), label, manager,
                              object_id=pygame_gui.core.ObjectID(class_id=kind))
            if not enabled:
                button.disable()
            actions[button] = action
            y += bh + gap
        return actions

    def draw_menu_box(self, surface: pygame.Surface, box: pygame.Rect, title: str,
                      colour: th.Colour, note: str, default_note: str) -> None:
        """A menu's title at the top of the box and its note (or a standing hint) at the
        bottom, the note in the accent colour."""
        px = self.theme.px
        surface.blit(self.theme.text(title, 26, colour, bold=True),
                     (box.x + px(40), box.y + px(18)))
        lines = self.theme.wrap(note or default_note, 13, box.w - px(60))
        y = box.bottom - px(14) - len(lines) * self.theme.line_height(13)
        for line in lines:
            surface.blit(self.theme.text(line, 13, th.ACCENT if note else th.TEXT_DIM),
                         (box.x + px(30), y))
            y += self.theme.line_height(13)

    def process_event(self, event: pygame.event.Event) -> pygame.event.Event | None:
        super().process_event(event)
        return None  # modal: nothing reaches the scenes below


class ConfirmScene(Overlay):
    """Ask before something that cannot be taken back (a game-ending move, quitting)."""

    box_size = (620, 300)

    def __init__(self, app: App, title: str, text: str, yes: str, on_yes: Callable[[], None],
                 *, no: str = "Cancel", danger: bool = True) -> None:
        super().__init__(app)
        self.title, self.text, self.yes_label, self.no_label = title, text, yes, no
        self.on_yes = on_yes
        self.danger = danger

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        box = self.box()
        bw = (box.w - px(60)) // 2
        y = box.bottom - px(70)
        cls = "@danger" if self.danger else "@primary"
        self.yes = UIButton(pygame.Rect(box.x + px(20), y, bw, px(48)), self.yes_label, manager,
                            object_id=pygame_gui.core.ObjectID(class_id=cls))
        self.no = UIButton(pygame.Rect(box.right - px(20) - bw, y, bw, px(48)), self.no_label,
                           manager)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.yes:
                self.confirm()
            elif event.ui_element is self.no:
                self.app.pop()
        elif event.type == pygame.KEYDOWN:
            # Enter must never take the dangerous way: the board's own Enter (or a held key)
            # would otherwise play a game-ending move straight through this question
            yes_keys = (pygame.K_y,) if self.danger else (pygame.K_RETURN, pygame.K_KP_ENTER)
            if event.key in yes_keys:
                self.confirm()
            elif event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
                self.app.pop()
        return None

    def confirm(self) -> None:
        self.app.pop()
        self.on_yes()

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        px = self.theme.px
        colour = th.DANGER if self.danger else th.ACCENT
        title = self.theme.text(self.title, 22, colour, bold=True)
        surface.blit(title, (box.x + px(24), box.y + px(20)))
        y = box.y + px(24) + title.get_height() + px(8)
        for line in self.theme.wrap(self.text, 16, box.w - px(48)):
            surface.blit(self.theme.text(line, 16, th.TEXT), (box.x + px(24), y))
            y += self.theme.line_height(16)
        if self.danger:
            keys = self.theme.text(f"Y: {self.yes_label.lower()}  ·  Enter or Esc: "
                                   f"{self.no_label.lower()}", 13, th.TEXT_DIM)
            surface.blit(keys, keys.get_rect(bottomleft=(box.x + px(24),
                                                         box.bottom - px(80))))


class MenuScene(Overlay):
    """Esc on the board: resume, save, load, help, title, quit."""

    box_size = (440, 466)  # six buttons and the note under them

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.note = ""

    def build(self, manager: pygame_gui.UIManager) -> None:
        box = self.box()
        entries = [("Resume", self.close), ("Save game", self.save),
                   ("Load game", self.load), ("How to play", self.help),
                   ("Quit to title", self.title), ("Quit the game", self.quit)]
        self.actions = self.menu_buttons(manager, box, [(*e, True) for e in entries],
                                         primary_first=True)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            self.actions[event.ui_element]()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_s and \
                event.mod & pygame.KMOD_CTRL:
            self.save()
        return None

    def close(self) -> None:
        self.app.pop()

    def save(self) -> None:
        from chessboard.ui.storage import new_save_path

        _ok, self.note = self.session.save_copy(new_save_path(self.session.state.round))
        self.invalidate()

    def load(self) -> None:
        self.app.push(LoadScene(self.app))

    def help(self) -> None:
        self.app.push(TextPage(self.app, "How to play", HOW_TO_PLAY))

    def title(self) -> None:
        self.app.to_title()

    def quit(self) -> None:
        self.app.quit(0)

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        self.draw_menu_box(surface, box, "Menu", th.TEXT, self.note,
                           "The game is autosaved after every action.")


class LoadScene(GuiScene):
    """Pick a save from the user data folder."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.error = ""

    def build(self, manager: pygame_gui.UIManager) -> None:
        from chessboard.ui.storage import list_saves, saves_dir

        px = self.theme.px
        w, h = self.app.screen.get_size()
        width = min(w - px(120), px(1000))
        x = (w - width) // 2
        self.entries = list_saves()
        self.folder = saves_dir()
        # a long list of players is cut with an ellipsis rather than at the list's edge
        items = [(self.theme.fit(e.describe(), 17, width - px(60)), str(k))
                 for k, e in enumerate(self.entries)]
        self.list = UISelectionList(pygame.Rect(x, px(110), width, h - px(230)), items, manager)
        y = h - px(90)
        self.open = UIButton(pygame.Rect(x, y, px(200), px(48)), "Load", manager,
                             object_id=pygame_gui.core.ObjectID(class_id="@primary"))
        self.back = UIButton(pygame.Rect(x + width - px(180), y, px(180), px(48)), "Back",
                             manager)
        if not self.entries:
            self.open.disable()

    def selected(self) -> int:
        chosen = self.list.get_single_selection(include_object_id=True)
        if chosen is None:
            return 0 if len(self.entries) == 1 else -1
        return int(chosen[1])

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.pop()
            elif event.ui_element is self.open:
                self.load(self.selected())
        elif event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self.load(self.selected())
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.load(self.selected())
        return event

    def load(self, index: int) -> None:

        if not 0 <= index < len(self.entries):
            self.error = "Choose a saved game first."
            self.invalidate()
            return
        entry = self.entries[index]
        if entry.save is None:
            self.error = f"This file cannot be loaded. {entry.describe()}"
            self.invalidate()
            return
        def refused(reason: str) -> None:
            self.error = reason
            self.invalidate()

        self.app.open_saved(entry.path, refused)

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(th.BG)
        px = self.theme.px
        w = surface.get_width()
        width = min(w - px(120), px(1000))
        x = (w - width) // 2
        surface.blit(self.theme.text("Load a saved game", 34, th.TEXT, bold=True), (x, px(30)))
        note = f"Saves are kept in {self.folder}" if self.entries else \
            f"No saved games yet in {self.folder}. Save from the menu (Esc) during a game."
        surface.blit(self.theme.text(note, 13, th.TEXT_DIM), (x, px(80)))
        if self.error:
            lines = self.theme.wrap(self.error, 15, width - px(420), bold=True)
            y = surface.get_height() - px(88)
            for line in lines[:3]:
                surface.blit(self.theme.text(line, 15, (255, 140, 130), bold=True),
                             (x + px(220), y))
                y += self.theme.line_height(15)


READY = " is ready: show the hand"  # the pass screen's button, after the player's name
CONFIRM_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class PassScene(GuiScene):
    """Hot seat: hides the board until the next player is at the device.

    Keys pressed for the board must never show the next hand: a fast double Enter after
    "End turn" would otherwise go straight through. The screen arms only after a short delay
    (the button is greyed meanwhile), and then takes a confirm key on its release, and only
    when that key was also pressed after arming: a key held or queued from before never counts.
    """

    def __init__(self, app: App, session: GameSession, on_ready: Callable[[], None]) -> None:
        super().__init__(app)
        self.session = session
        self.on_ready = on_ready
        faction = session.current or ""
        self.faction = faction
        self.label = session.label(faction)
        # the delay runs from the screen's first frame: keys queued while it was being built
        # (which can take a while on a busy machine) arrive before that and never count
        self.opened: float | None = None
        self.delay = app.options.handover_delay
        self.pressed: set[int] = set()  # confirm keys pressed since the screen armed
        self.held = {key for key in CONFIRM_KEYS if _is_down(key)}  # down before it armed

    @property
    def armed(self) -> bool:
        return self.opened is not None and time.monotonic() - self.opened >= self.delay

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        w, h = self.app.screen.get_size()
        self.ready = UIButton(pygame.Rect(w // 2 - px(190), int(h * 0.66), px(380), px(56)),
                              f"{self.short_name()}{READY}", manager,
                              object_id=pygame_gui.core.ObjectID(class_id="@primary"))
        if not self.armed:
            self.ready.disable()

    def update(self, dt: float) -> None:
        if self.opened is None:
            self.opened = time.monotonic()
        if not self.ready.is_enabled and self.armed:
            self.ready.enable()
            self.invalidate()
        super().update(dt)

    def busy(self) -> bool:
        return not self.armed  # keep frames coming so the button arms on time

    def short_name(self) -> str:
        name = self.session.seat(self.faction).name
        if not name:
            name = self.app.engine.t.faction_names[self.app.engine.t.faction_index[self.faction]]
        # cut to what the button holds beside its words (a count of letters overflowed it)
        room = self.theme.px(380 - 28) - self.theme.font(17, bold=True).size(READY)[0]
        return self.theme.fit(name, 17, room, bold=True)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.ready:
            if self.armed:
                self.show_hand()
            return None
        if event.type == pygame.KEYDOWN and event.key in CONFIRM_KEYS:
            if self.armed and event.key not in self.held:
                self.pressed.add(event.key)
            else:
                self.held.add(event.key)  # from before, or too soon: wait for its release
            return None
        if event.type == pygame.KEYUP and event.key in CONFIRM_KEYS:
            self.held.discard(event.key)
            if event.key in self.pressed:
                self.show_hand()
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.push(MenuScene(self.app, self.session))
            return None
        return None  # the board below must not react while its hand is hidden

    def show_hand(self) -> None:
        self.app.pop()
        self.on_ready()

    def draw_background(self, surface: pygame.Surface) -> None:
        from chessboard.ui.theme import hex_colour

        surface.fill(th.BG)
        px = self.theme.px
        w, h = surface.get_size()
        faction = next(f for f in self.app.rules.game.factions if f.id == self.faction)
        colour = hex_colour(faction.colour)
        band = pygame.Rect(0, int(h * 0.22), w, px(8))
        pygame.draw.rect(surface, colour, band)
        line1 = self.theme.text("Pass the device to", 26, th.TEXT_DIM)
        surface.blit(line1, line1.get_rect(midbottom=(w // 2, int(h * 0.36))))
        # smaller for a long name, so it never runs off the screen
        size = self.theme.shrink(self.label, 52, w - px(80), bold=True, smallest=30)
        label = self.theme.fit(self.label, size, w - px(80), bold=True)
        name = self.theme.text(label, size, th.TEXT, bold=True)
        surface.blit(name, name.get_rect(midtop=(w // 2, int(h * 0.37))))
        badge = pygame.Rect(0, 0, px(64), px(40))
        badge.midtop = (w // 2, int(h * 0.37) + name.get_height() + px(10))
        from chessboard.ui.widgets import chip

        chip(self.theme, surface, badge, colour, faction.letter, size=22)
        hint = self.theme.text(f"Round {self.session.state.round}, action "
                               f"{self.session.state.action_round}. The board stays hidden so "
                               "no one else sees this hand.", 16, th.TEXT_DIM)
        surface.blit(hint, hint.get_rect(midtop=(w // 2, badge.bottom + px(22))))


def _is_down(key: int) -> bool:
    """Whether the keyboard holds ``key`` down now (False when SDL cannot tell)."""
    try:
        return bool(pygame.key.get_pressed()[key])
    except (pygame.error, IndexError):
        return False


class LogScene(Overlay):
    """The whole game log in a large scrolling box (L on the board)."""

    box_size = (1100, 640)

    def __init__(self, app: App, entries: list[tuple[str, str]], fresh: int) -> None:
        super().__init__(app)
        from chessboard.ui.widgets import LogView

        self.log = LogView(app.theme, size=15)
        self.entries, self.fresh = entries, fresh

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        box = self.box()
        self.log.set_rect(pygame.Rect(box.x + px(20), box.y + px(60), box.w - px(40),
                                      box.h - px(80)))
        self.log.set_entries([], 0)
        self.log.set_entries(self.entries, self.fresh)
        self.close = UIButton(pygame.Rect(box.right - px(140), box.y + px(12), px(120), px(40)),
                              "Close", manager)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.close) or (
                event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_l,
                                                               pygame.K_RETURN)):
            self.app.pop()
        elif self.log.handle(event):
            self.invalidate()
        return None

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        px = self.theme.px
        surface.blit(self.theme.text("Game log", 24, th.TEXT, bold=True),
                     (box.x + px(20), box.y + px(14)))
        surface.blit(self.theme.text("mouse wheel or the bar to scroll", 13, th.TEXT_DIM),
                     (box.x + px(160), box.y + px(24)))
        self.log.draw(surface)
