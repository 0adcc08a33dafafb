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
from chessboard.ui import theme as th
from chessboard.ui.boardmodel import BOARD_KINDS, OUTLINED_KINDS, Place
from chessboard.ui.boardpresenter import BoardPresenter
from chessboard.ui.boardview import BoardView, Spot
from chessboard.ui.keys import HISTORY_KEY, INSTRUCTOR_KEY, LOG_KEY, PAUSE_KEY
from chessboard.ui.scene import GuiScene, Rects
from chessboard.ui.storage import new_save_path
from chessboard.ui.widgets import TipLine, place_tooltip, render_tooltip

if TYPE_CHECKING:
    from chessboard.engine.state import Cons
    from chessboard.ui.app import App
    from chessboard.ui.boardmodel import Marks
    from chessboard.ui.session import Choice, GameSession, Played

HOVER_EDGE = (200, 210, 225)  # the outline of a hovered thing that is not a target


class BoardScene(GuiScene):
    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.presenter = BoardPresenter(session)
        self.presenter.on_change = self.invalidate
        self.presenter.on_message = self._message_changed
        self.view = BoardView(app.theme, self.presenter.legend, app.board_map)
        self.layer: pygame.Surface | None = None
        self.dirty = True  # the layer must be repainted
        self.dirty_log = False
        self.overlay_rects: list[pygame.Rect] = []
        self.overlay_dirty = True
        self.hover_key: tuple[object, ...] | None = None
        self.hover_spot: Spot | None = None
        self.tip_cache: dict[tuple[object, ...], pygame.Surface] = {}
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
        self.tip_cache.clear()
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
        self.tip_cache.clear()
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

    def tooltip(self, key: tuple[object, ...], spot: Spot) -> pygame.Surface | None:
        cached = self.tip_cache.get(key)
        if cached is not None:
            return cached
        lines = self.presenter.tip_lines(key, spot)
        if not lines:
            return None
        surface = render_tooltip(self.theme, lines, self.theme.px(380))
        self.tip_cache[key] = surface
        return surface

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
        drawn: list[pygame.Rect] = []
        if self.session.job is not None and self.view.spinner_rect is not None:
            rect = self.view.spinner_rect
            self.view.spinner(surface, rect, self.spin)
            drawn.append(rect.copy())
        key, spot = self.hover_key, self.hover_spot
        focus = self.presenter.focus
        if focus is not None and (key is None or key[0] != "target"):
            focus_spot = self.spot_for(focus)
            if focus_spot is not None:
                key, spot = ("target", focus), focus_spot
        if key is None or spot is None:
            return drawn
        if key[0] == "target":
            action = key[1]
            assert isinstance(action, Action)
            drawn += self._target_outline(surface, action, spot)
        elif spot.kind in OUTLINED_KINDS:
            px = self.theme.px
            outline = spot.rect.inflate(px(4), px(4))
            pygame.draw.rect(surface, HOVER_EDGE, outline, px(2), border_radius=px(6))
            drawn.append(outline)
        tip = self.tooltip(key, spot)
        if tip is not None:
            where = self._place_tip(tip.get_rect(), spot, surface.get_rect())
            surface.blit(tip, where)
            drawn.append(where)
        return drawn

    def _target_outline(self, surface: pygame.Surface, action: Action,
                        spot: Spot) -> list[pygame.Rect]:
        """A target's outline (green, red when illegal or fatal) and what it would change."""
        px = self.theme.px
        drawn = []
        choice = self.selected_choice()
        legal = self.presenter.is_legal(action)
        preview = self.presenter.preview(action) if legal else None
        # a move that would end the game is outlined in red, like an illegal one
        colour = th.LEGAL if preview is not None and not preview.ending else th.DANGER
        outline = spot.rect.inflate(px(6), px(6))
        if choice is not None and choice.target == "country" and spot.c >= 0:
            # the target is the whole country, wherever on its panel the pointer rests
            outline = self.view.panels[spot.c].rect.inflate(px(8), px(8))
            drawn += self._map_outline(surface, spot.c, colour)  # the country on the map
        elif choice is not None and choice.target == "country_sphere" and spot.s >= 0 \
                and spot.c >= 0:  # the target is the sphere's whole row
            outline = self.view.panels[spot.c].rows[spot.s].inflate(px(6), px(6))
        pygame.draw.rect(surface, colour, outline, px(3), border_radius=px(7))
        drawn.append(outline)
        if preview is not None:
            for rect in self.view.cell_rects(preview.changes):
                box = rect.inflate(px(4), px(4))
                pygame.draw.rect(surface, th.ACCENT, box, px(2), border_radius=px(5))
                drawn.append(box)
        return drawn

    def _map_outline(self, surface: pygame.Surface, c: int, colour: th.Colour) -> Rects:
        """A country's outline on the map, passing under the panels, the news and the banner."""
        assert self.layer is not None
        px = self.theme.px
        clip = surface.get_clip()
        surface.set_clip(self.view.map_rect)
        rects = []
        for pts in self.view.country_polys(c):  # a dark halo sets it apart from the other
            rects.append(pygame.draw.lines(surface, (20, 24, 30), True, pts, px(8)).inflate(
                px(8), px(8)))  # legal countries' thin outlines
            pygame.draw.lines(surface, colour, True, pts, px(4))
        surface.set_clip(clip)
        if rects:
            area = rects[0].unionall(rects[1:])
            for cover in self.view.covers():
                part = cover.clip(area)
                if part.w and part.h:
                    surface.blit(self.layer, part, part)
        return rects

    def _place_tip(self, tip: pygame.Rect, spot: Spot, screen: pygame.Rect) -> pygame.Rect:
        """Beside what it describes: a country panel's tip goes beside the whole panel, so the
        row, its rivals' numbers and the previewed changes stay in view; never over the banner
        that names the move."""
        px = self.theme.px
        bounds = screen.inflate(-px(8), -px(8))
        anchor = spot.rect
        if spot.kind in BOARD_KINDS and 0 <= spot.c < len(self.view.panels):
            anchor = self.view.panels[spot.c].rect.inflate(px(4), px(4))
            if anchor.centerx > self.view.map_rect.centerx:
                # a right-hand panel's tip goes over the map, not over the side bar
                left = tip.copy()
                left.top, left.right = anchor.top, anchor.left - px(10)
                if left.left >= bounds.left:
                    where = left.clamp(bounds)
                    return self._below_banner(where, bounds)
        where = place_tooltip(tip, anchor, bounds, gap=px(10))
        return self._below_banner(where, bounds)

    def _below_banner(self, where: pygame.Rect, bounds: pygame.Rect) -> pygame.Rect:
        px = self.theme.px
        banner = self.view.banner_drawn
        if banner is not None and where.colliderect(banner):
            below = where.copy()
            below.top = banner.bottom + px(8)
            if below.bottom <= bounds.bottom:
                where = below
        return where

    def spot_for(self, action: Action) -> Spot | None:
        """Where a target is drawn, for keyboard focus."""
        place = self.presenter.place_of(action)
        return self.view.spot_of(place) if place is not None else None


def info_tip(scene: BoardScene, spot: Spot | Place) -> list[TipLine]:
    """What a thing on the board means, for hovering without an action chosen."""
    return scene.presenter.info_tip(spot)
