"""The board scene: events to the presenter, the painter's picture to the screen, bot pacing.

What the board shows and says is decided by :class:`~chessboard.ui.boardmodel.BoardPresenter`
(pygame-free, tested headless) and drawn by :class:`~chessboard.ui.boardview.BoardView`; this
scene maps clicks and keys to the presenter, opens the other screens, paces the bots and the
turn timer, and keeps the drawing cheap.

Drawing is layered for speed: the board (map, panels, bars) is painted into ``layer`` only when
the game or the selection changes; hover highlights, previews and tooltips are drawn on the
screen over it and erased next frame by copying the layer back, so a moving pointer costs only
the few rectangles it touches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from chessboard.engine.actions import Action
from chessboard.ui.boardhover import HoverLayer
from chessboard.ui.boardpresenter import BoardPresenter
from chessboard.ui.boardview import BoardView, Spot
from chessboard.ui.keys import HISTORY_KEY, INSTRUCTOR_KEY, LOG_KEY, PAUSE_KEY
from chessboard.ui.scene import GuiScene, Rects
from chessboard.ui.storage import new_save_path

if TYPE_CHECKING:
    from chessboard.engine.state import Cons
    from chessboard.ui.app import App
    from chessboard.ui.boardmodel import Marks
    from chessboard.ui.session import Choice, GameSession, Played
    from chessboard.ui.text import TipLine

class BoardScene(GuiScene):
    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.presenter = BoardPresenter(session)
        self.presenter.on_change = self.invalidate
        self.presenter.on_message = self._message_changed
        self.view = BoardView(app.theme, self.presenter.legend, app.board_map)
        self.hover = HoverLayer(app.theme, self.view, self.presenter)
        self.layer: pygame.Surface | None = None
        self.dirty = True  # the layer must be repainted
        self.dirty_log = False
        self.overlay_rects: list[pygame.Rect] = []
        self.overlay_dirty = True
        self.hover_key: tuple[object, ...] | None = None
        self.hover_spot: Spot | None = None
        self.paused = False
        self.bot_wait = 0.0
        # the last move stays in view a moment before the end screen (none for a loaded end)
        self.end_wait = 0.0 if session.state.over else max(0.0, 3 * app.options.bot_pause)
        self.end_shown = False
        self.end_seen = False
        self.spin = 0.0
        self.pointer: tuple[int, int] | None = None
        self._rehover = False
        self.clock_shown: int | None = None  # the turn timer's seconds on the board now

    # the presenter's selection, read and set by the instructor's and designer's screens --

    @property
    def selected(self) -> int:
        return self.presenter.selected

    @selected.setter
    def selected(self, index: int) -> None:
        self.presenter.selected = index

    @property
    def pending(self) -> Action | None:
        return self.presenter.pending

    @pending.setter
    def pending(self, action: Action | None) -> None:
        self.presenter.pending = action

    @property
    def message(self) -> str:
        return self.presenter.message

    @property
    def message_style(self) -> str:
        return self.presenter.message_style

    # life cycle ---------------------------------------------------------------------------

    def enter(self) -> None:
        self.resize(self.app.screen.get_size())
        if self.session.needs_handover():
            return
        s = self.session
        if not s.state.over and s.is_human(s.current):
            self.presenter.message = self.presenter.with_notice(f"{s.label(s.current or '')} "
                                                                "to act.")

    def pause(self) -> None:
        self.paused = True
        self.session.classroom.timer.hold()  # covered: the teams cannot act, time stands
        self.hover_key = self.hover_spot = None  # no tooltip under a menu or another screen

    def resume(self) -> None:
        self.paused = False
        self.invalidate()

    def resize(self, size: tuple[int, int]) -> None:
        self.view.layout(size)
        self.layer = pygame.Surface(size)
        self.hover.tip_cache.clear()
        self.rebuild()
        self.invalidate()

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        r = self.view.buttons_rect
        gap = px(8)
        w1 = (r.w - 2 * gap) * 28 // 100
        self.undo_button = UIButton(pygame.Rect(r.x, r.y, w1, r.h), "Undo", manager,
                                    tool_tip_text="Take back this turn's move (Ctrl+Z)")
        self.pass_button = UIButton(pygame.Rect(r.x + w1 + gap, r.y, w1, r.h), "Pass", manager,
                                    tool_tip_text="Take no action this action round")
        self.confirm_button = UIButton(pygame.Rect(r.x + 2 * (w1 + gap), r.y,
                                                   r.w - 2 * (w1 + gap), r.h), "Confirm",
                                       manager,
                                       object_id=pygame_gui.core.ObjectID(class_id="@primary"))
        self.menu_button = UIButton(self.view.menu_rect, "Menu", manager,
                                    tool_tip_text="Save, load, help, quit (Esc)")
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        s = self.session
        if self.manager is None:
            return
        self._enable(self.undo_button, s.can_undo)
        self._enable(self.pass_button, s.can_act())
        if s.state.over:
            self.confirm_button.set_text("Results")
            self._enable(self.confirm_button, True)
        elif s.turn_done:
            self.confirm_button.set_text("End turn  »")
            self._enable(self.confirm_button, True)
        else:
            self.confirm_button.set_text("Confirm")
            self._enable(self.confirm_button, self.pending is not None)

    @staticmethod
    def _enable(button: UIButton, on: bool) -> None:
        if on and not button.is_enabled:
            button.enable()
        elif not on and button.is_enabled:
            button.disable()

    def invalidate(self) -> None:
        """The game or the selection changed: repaint, and ask again what the pointer means."""
        self.dirty = True
        self.overlay_dirty = True
        self.presenter.forget()
        self.hover.tip_cache.clear()
        self._sync_buttons()
        self._rehover = True  # what the pointer rests on may mean something else now

    def _message_changed(self) -> None:
        self.dirty = True
        self.overlay_dirty = True

    # what the presenter answers (the tests and the other screens ask the scene) -----------

    def choices(self) -> list[Choice]:
        return self.presenter.choices()

    def selected_choice(self) -> Choice | None:
        return self.presenter.selected_choice()

    def marks(self) -> Marks:
        return self.presenter.marks(rules_problem=self.app.rules_problem)

    def status_lines(self) -> list[tuple[str, str]]:
        return self.presenter.status_lines()

    def log_entries(self, log: Cons = None, *,
                    fresh_from: int | None = None) -> tuple[list[tuple[str, str]], int]:
        return self.presenter.log_entries(log, fresh_from=fresh_from)

    def target_for(self, spot: Spot) -> Action | None:
        return self.presenter.target_for(spot)

    def info_tip(self, spot: Spot) -> list[TipLine]:
        return self.presenter.info_tip(spot)

    def say(self, text: str, style: str = "info") -> None:
        self.presenter.say(text, style)

    def select(self, index: int) -> None:
        self.presenter.select(index)

    def pick(self, action: Action) -> None:
        self.presenter.pick(action)

    def cancel(self) -> None:
        self.presenter.cancel()

    def cycle(self, step: int) -> None:
        self.presenter.cycle(step)

    def undo(self) -> None:
        self.presenter.undo()

    # events -------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self._button(event.ui_element)
            return None
        log = self.view.log
        if event.type == pygame.MOUSEMOTION:
            if log.handle(event):
                self.dirty_log = True
            self._hover(event.pos)
            return None
        if event.type == pygame.MOUSEWHEEL:
            if log.handle(event):
                self.dirty_log = True
            return None
        if event.type == pygame.MOUSEBUTTONDOWN:
            if event.button == 1:
                if log.handle(event):
                    self.dirty_log = True
                    return None
                self.click(event.pos)
            elif event.button == 3:
                self.cancel()
            return None
        if event.type == pygame.MOUSEBUTTONUP:
            log.handle(event)
            return None
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        return event

    def _button(self, element: object) -> None:
        if element is self.undo_button:
            self.undo()
        elif element is self.pass_button:
            self.choose_pass()
        elif element is self.confirm_button:
            self.enter_key()
        elif element is self.menu_button:
            self.open_menu()

    def _key(self, event: pygame.event.Event) -> pygame.event.Event | None:
        ctrl = event.mod & pygame.KMOD_CTRL
        if event.key == pygame.K_z and ctrl:
            self.undo()
        elif event.key == pygame.K_s and ctrl:
            self.quick_save()
        elif event.key == pygame.K_ESCAPE:
            if self.selected >= 0 or self.pending is not None:
                self.cancel()
            else:
                self.open_menu()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.enter_key()
        elif event.key == pygame.K_TAB:
            self.cycle(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif event.key == LOG_KEY:
            self.app.open("log", *self.log_entries())
        elif self._facilitator_key(event.key):
            pass
        else:
            return event
        return None

    def _facilitator_key(self, key: int) -> bool:
        """P pauses, H opens the history, F2 (held) the instructor menu."""
        if key == PAUSE_KEY:
            self.app.open("pause", self.session)
        elif key == HISTORY_KEY:
            self.app.open("history", self.session)
        elif key == INSTRUCTOR_KEY:
            self.app.open("instructor", self)
        else:
            return False
        return True

    def open_menu(self) -> None:
        self.app.open("menu", self.session)

    def quick_save(self) -> None:
        ok, note = self.session.save_copy(new_save_path(self.session.state.round))
        self.say(note, "done" if ok else "error")

    def click(self, pos: tuple[int, int]) -> None:
        spot = self.view.spot_at(pos)
        if spot is not None:
            self.presenter.click(spot)

    # playing ------------------------------------------------------------------------------

    def choose_pass(self) -> None:
        if self.presenter.choose_pass():
            self.confirm()

    def enter_key(self) -> None:
        if self.session.state.over:
            self.app.open("end", self.session)
        elif self.presenter.ready() is not None:
            self.confirm()
        elif self.session.turn_done:
            self.end_turn()

    def confirm(self) -> None:
        action = self.presenter.ready()
        if action is None:
            return
        ending = self.session.ending(action)
        if ending:
            self.app.open("confirm", "This move may end the game",
                          f"{self.presenter.describe(action)}: {ending}", "Play it anyway",
                          lambda: self._apply(action), no="Choose another move")
            return
        self._apply(action)

    def _apply(self, action: Action) -> None:
        played = self.presenter.apply(action)
        if played is not None:
            self.after_played(played)

    def after_played(self, played: Played) -> None:
        happened = self.presenter.played(played)
        if happened:
            self.app.open("round_summary", self.session, happened)

    def end_turn(self) -> None:
        self.presenter.end_turn()
        self._hand_over()

    def _hand_over(self) -> None:
        """Cover the board at once when the next human must be called: keys already queued
        (a fast double Enter) then reach the pass screen, which ignores them, not the board."""
        if self.session.needs_handover() and not self.session.state.over:
            self.app.open("pass", self.session, self.taken_over)

    def taken_over(self) -> None:
        self.presenter.taken_over()

    # hover and tooltips -------------------------------------------------------------------

    def _hover(self, pos: tuple[int, int]) -> None:
        self.pointer = pos
        spot = self.view.spot_at(pos)
        key = self.presenter.hover_key(spot)
        if key != self.hover_key:
            self.hover_key = key
            self.hover_spot = spot
            self.overlay_dirty = True

    # update and draw ----------------------------------------------------------------------

    def busy(self) -> bool:
        s = self.session
        return (s.job is not None or self.bot_wait > 0 or s.bot_to_move()
                or (s.state.over and not self.end_shown))

    def update(self, dt: float) -> None:
        super().update(dt)  # the widgets, and which of them changed their picture
        if self._changed:
            self.overlay_dirty = True
        if self.paused:
            return
        s = self.session
        self._tick_timer()
        if s.state.over:
            if not self.end_seen:
                self.end_seen = True
                self.app.screenshot(f"round-{s.state.round:02d}.png")
                return
            if not self.end_shown and s.job is None:
                self.end_wait -= dt
                if self.end_wait <= 0:
                    self.end_shown = True
                    self.app.open("end", s)
            return
        if s.job is not None:
            played = s.finish_bot()
            if played is None:
                self.spin += dt
                self.overlay_dirty = True
                return
            self.bot_wait = self.app.options.bot_pause
            self.after_played(played)
            return
        if self.bot_wait > 0:
            self.bot_wait -= dt
            return
        if s.bot_to_move():
            s.start_bot()
            self.invalidate()
            return
        self._hand_over()

    def _tick_timer(self) -> None:
        """Run the turn timer: warn at zero, pass for the seat when the grace is over."""
        s = self.session
        timer = s.classroom.timer
        event = timer.poll(s)
        label = s.label(s.current) if s.current else ""
        if event == "warn":
            then = (f"{label} passes in {timer.grace_left()} s unless they act."
                    if timer.action == "pass" else "Please choose a move now.")
            self.say(f"Time is up for {label}. {then}", "error")
        elif event == "pass":
            self.after_played(self.presenter.timed_pass())
            self.say(f"Time is up: {label} passes.", "error")
        left = s.time_left()
        if left != self.clock_shown:
            self.clock_shown = left
            self.dirty = True  # the countdown in the status line

    def draw(self, surface: pygame.Surface, full: bool) -> Rects:
        assert self.layer is not None and self.manager is not None
        rects: Rects = []
        if self.dirty:
            self.view.log.set_entries(*self.log_entries())
            self.view.draw_all(self.layer, self.presenter.model(
                rules_problem=self.app.rules_problem))
            self.dirty = False
            self.dirty_log = False
            full = True
        if self._rehover and not self.paused:
            self._rehover = False
            self.hover_key = None
            if self.pointer is not None:
                self._hover(self.pointer)
        elif self.dirty_log:
            self.view.draw_log(self.layer)
            self.dirty_log = False
            surface.blit(self.layer, self.view.log.rect, self.view.log.rect)
            rects.append(self.view.log.rect.copy())
            self.overlay_dirty = True
        if full:
            surface.blit(self.layer, (0, 0))
            self.overlay_rects = []
            self.overlay_dirty = True
        if not self.overlay_dirty and not rects:
            return []
        for rect in self.overlay_rects:
            surface.blit(self.layer, rect, rect)
        rects += self.overlay_rects
        self.manager.draw_ui(surface)
        self.overlay_rects = self.draw_overlays(surface)
        rects += self.overlay_rects
        if not full:
            rects += self._changed
        self._changed = []
        self.overlay_dirty = False
        return [surface.get_rect()] if full else rects

    def draw_overlays(self, surface: pygame.Surface) -> list[pygame.Rect]:
        """Hover outline, the preview's changed cells, the tooltip and the bot spinner."""
        assert self.layer is not None
        spin = self.spin if self.session.job is not None else None
        return self.hover.draw(surface, self.layer, self.hover_key, self.hover_spot, spin)

