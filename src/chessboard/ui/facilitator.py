"""The instructor's screens: the pause screen, and the instructor menu behind a held key.

P on the board pauses: an opaque screen hides the board and every hand, and the turn timer
stops. F2 held for :data:`HOLD_SECONDS` opens the instructor menu (pause, end after this round,
the timer, an inject or a news event brought in now, the history); a tap of the key or any
click does nothing, so a team cannot open it by accident. Whatever changes the game goes
through the engine's facilitator actions, recorded in the action list like every move.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UISelectionList

from chessboard.ui import theme as th
from chessboard.ui.keys import INSTRUCTOR_KEY, PAUSE_KEY
from chessboard.ui.overlays import Overlay
from chessboard.ui.scene import GuiScene

if TYPE_CHECKING:
    from chessboard.ui.app import App
    from chessboard.ui.board import BoardScene
    from chessboard.ui.session import GameSession

HOLD_SECONDS = 1.0


class PauseScene(GuiScene):
    """The whole window, board and hands hidden; the timer stands still meanwhile."""

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session

    def enter(self) -> None:
        self.session.classroom.paused = True
        super().enter()

    def exit(self) -> None:
        self.session.classroom.paused = False
        super().exit()

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        w, h = self.app.screen.get_size()
        self.resume_button = UIButton(pygame.Rect(w // 2 - px(150), int(h * 0.62), px(300),
                                                  px(56)), "Resume the game", manager,
                                      object_id=pygame_gui.core.ObjectID(class_id="@primary"))

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        clicked = (event.type == pygame_gui.UI_BUTTON_PRESSED
                   and event.ui_element is self.resume_button)
        if clicked or (event.type == pygame.KEYDOWN and event.key == PAUSE_KEY):
            self.app.pop()
        return None  # nothing reaches the hidden board

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(th.BG)
        theme = self.theme
        px = theme.px
        w, h = surface.get_size()
        title = theme.text("Paused", 64, th.TEXT, bold=True)
        st = self.session.state
        lines = [f"Round {st.round} of {st.rounds}. The instructor has paused the game.",
                 "The board and the hands are hidden, and the turn timer stands still.",
                 "P or the button resumes."]
        # the words end above the button, which keeps its place; large text moves them up
        block = title.get_height() + px(16) + len(lines) * theme.line_height(20)
        top = min(int(h * 0.32), self.resume_button.rect.top - px(16) - block)
        pygame.draw.rect(surface, th.ACCENT,
                         pygame.Rect(0, max(0, min(int(h * 0.26), top - px(24))), w, px(8)))
        surface.blit(title, title.get_rect(midtop=(w // 2, top)))
        y = top + title.get_height() + px(16)
        for line in lines:
            text = theme.text(line, 20, th.TEXT_DIM)
            surface.blit(text, text.get_rect(midtop=(w // 2, y)))
            y += theme.line_height(20)


class InstructorGate(Overlay):
    """Shown while F2 is held: the menu opens once it has been held long enough."""

    box_size = (520, 170)
    clock: Callable[[], float] = staticmethod(time.monotonic)

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        self.opened = self.clock()
        self.shown = 0.0

    def busy(self) -> bool:
        return True  # the bar fills in real time

    def held(self) -> float:
        return self.clock() - self.opened

    def update(self, dt: float) -> None:
        super().update(dt)
        held = self.held()
        if held >= HOLD_SECONDS:
            self.app.stack.replace(InstructorMenu(self.app, self.board))
        elif int(held * 20) != int(self.shown * 20):
            self.shown = held
            self.invalidate()

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame.KEYUP and event.key == INSTRUCTOR_KEY:
            self.app.pop()  # let go too soon: a tap never opens the menu
            self.board.say(f"Instructor menu: hold F2 for {HOLD_SECONDS:g} s.", "info")
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
        return None

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        px = self.theme.px
        title = self.theme.text("Instructor menu", 22, th.ACCENT, bold=True)
        surface.blit(title, (box.x + px(24), box.y + px(20)))
        note = self.theme.text("Keep holding F2…", 16, th.TEXT)
        surface.blit(note, (box.x + px(24), box.y + px(60)))
        bar = pygame.Rect(box.x + px(24), box.y + px(104), box.w - px(48), px(16))
        pygame.draw.rect(surface, th.BG_PANEL_HI, bar, border_radius=px(8))
        done = bar.copy()
        done.w = int(bar.w * min(1.0, self.held() / HOLD_SECONDS))
        if done.w > 0:
            pygame.draw.rect(surface, th.ACCENT, done, border_radius=px(8))


class InstructorMenu(Overlay):
    """Pause, end after this round, the turn timer and the history, for the instructor."""

    box_size = (560, 530)  # seven buttons and the note

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        self.session = board.session
        self.note = ""

    def build(self, manager: pygame_gui.UIManager) -> None:
        box = self.box()
        s = self.session
        timer = s.classroom.timer
        over = s.state.over
        entries: list[tuple[str, Callable[[], None], bool]] = [
            ("Pause the game (P)", self.pause, True),
            (f"End the game after round {s.state.round}", self.end_after_round,
             not over and not s.ends_early and s.state.round < s.state.rounds),
            (f"Turn timer: switch off ({timer.limit} s)" if timer.enabled else
             f"Turn timer: switch on ({timer.limit} s)", self.toggle_timer, not over),
            ("At zero: warn, then pass automatically" if timer.action == "pass" else
             "At zero: warn only", self.toggle_timer_action, not over),
            ("Bring in an inject or news now…", self.injects,
             not over and bool(s.facilitator_choices())),
            ("History (H)", self.history, True),
            ("Close", self.close, True),
        ]
        self.actions = self.menu_buttons(manager, box, entries)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            self.actions[event.ui_element]()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            # not F2: the key that opened the menu is still held, and its repeats would close it
            self.close()
        return None

    def close(self) -> None:
        self.app.pop()

    def pause(self) -> None:
        self.app.stack.replace(PauseScene(self.app, self.session))

    def end_after_round(self) -> None:
        note = self.session.end_after_round()
        self.board.say(note, "done" if not note.startswith("Cannot") else "error")
        self.board.invalidate()
        self.note = note
        self.rebuild()

    def toggle_timer(self) -> None:
        timer = self.session.classroom.timer
        timer.switch(not timer.enabled)
        self.note = f"Turn timer: {timer.describe()}."
        self.board.invalidate()
        self.rebuild()

    def toggle_timer_action(self) -> None:
        timer = self.session.classroom.timer
        timer.action = "warn" if timer.action == "pass" else "pass"
        self.note = f"Turn timer: {timer.describe()}."
        self.rebuild()

    def injects(self) -> None:
        self.app.stack.replace(InjectScene(self.app, self.board))

    def history(self) -> None:
        self.app.replace("history", self.session)

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        self.draw_menu_box(surface, box, "Instructor menu", th.ACCENT, self.note,
                           "Only the instructor: F2 held opens this menu. Esc closes it.")


class InjectScene(Overlay):
    """The instructor picks an inject, or a news event not yet seen, to bring in now."""

    box_size = (760, 600)

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        self.session = board.session
        self.choices = self.session.facilitator_choices()
        self.note = ""

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        box = self.box()
        width = box.w - px(48)
        items = [(self.theme.fit(words, 17, width - px(40)), str(k))
                 for k, (_action, words) in enumerate(self.choices)]
        # under the title and two lines of note, as large as they are drawn: the list and the
        # buttons keep their places whatever the note says
        top = box.y + max(px(96), self.hint_top() + 2 * self.theme.line_height(14) + px(8))
        self.list = UISelectionList(pygame.Rect(box.x + px(24), top, width,
                                                box.bottom - px(94) - top), items, manager)
        y = box.bottom - px(74)
        self.bring = UIButton(pygame.Rect(box.x + px(24), y, px(260), px(50)), "Bring it in now",
                              manager, object_id=pygame_gui.core.ObjectID(class_id="@primary"))
        self.back = UIButton(pygame.Rect(box.right - px(184), y, px(160), px(50)), "Back",
                             manager)

    def hint_top(self) -> int:
        """The note's first line, under the title (from the box's top)."""
        px = self.theme.px
        return max(px(54), px(18) + self.theme.font(24, bold=True).get_height() + px(2))

    def selected(self) -> int:
        chosen = self.list.get_single_selection(include_object_id=True)
        return -1 if chosen is None else int(chosen[1])

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.bring:
                self.bring_in(self.selected())
            elif event.ui_element is self.back:
                self.app.pop()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
        return None

    def bring_in(self, index: int) -> None:
        """Through the engine, recorded in the action list; the board says what happened."""
        if not 0 <= index < len(self.choices):
            self.note = "Choose an inject or a news event in the list first."
            self.invalidate()
            return
        action, words = self.choices[index]
        done, text = self.session.facilitate(action)
        self.app.pop()
        self.board.say(text or words if done else f"{words}: not now ({text}).",
                       "done" if done else "error")
        self.board.invalidate()

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        px = self.theme.px
        title = self.theme.text("Bring in an inject or a news event", 24, th.ACCENT, bold=True)
        surface.blit(title, (box.x + px(24), box.y + px(18)))
        hint = self.note or ("It comes into play now, between two turns, like the year's news: "
                             "logged, saved and in the debrief.")
        for k, line in enumerate(self.theme.wrap(hint, 14, box.w - px(48))[:2]):
            surface.blit(self.theme.text(line, 14, th.WARN if self.note else th.TEXT_DIM),
                         (box.x + px(24), box.y + self.hint_top()
                          + k * self.theme.line_height(14)))
