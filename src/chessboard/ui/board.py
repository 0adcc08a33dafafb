"""The board scene: reading the game, choosing actions and targets, bots, undo and hand-over.

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

from chessboard.engine.actions import PASS, Action
from chessboard.engine.game import IllegalActionError
from chessboard.engine.state import Cons, unroll
from chessboard.ui import theme as th
from chessboard.ui.boardview import SPHERE_SHORT, BoardView, Marks, Spot
from chessboard.ui.diff import diff_states
from chessboard.ui.keys import HISTORY_KEY, INSTRUCTOR_KEY, LOG_KEY, PAUSE_KEY
from chessboard.ui.scene import Rects, Scene, make_manager
from chessboard.ui.storage import new_save_path
from chessboard.ui.widgets import TipLine, place_tooltip, render_tooltip

if TYPE_CHECKING:
    from chessboard.ui.app import App
    from chessboard.ui.session import Choice, GameSession, Played

BOARD_KINDS = ("cell", "power", "country", "opinion", "stance", "org", "head", "agency")


class BoardScene(Scene):
    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.engine = session.engine
        self.t = session.t
        self.view = BoardView(app.theme, session.engine, app.board_map)
        self.layer: pygame.Surface | None = None
        self.manager: pygame_gui.UIManager | None = None
        self.dirty = True  # the layer must be repainted
        self.dirty_log = False
        self.overlay_rects: list[pygame.Rect] = []
        self.overlay_dirty = True
        self.selected = -1
        self.pending: Action | None = None
        self.message = ""
        self.message_style = "info"
        self.hover_key: tuple[object, ...] | None = None
        self.hover_spot: Spot | None = None
        self.focus: Action | None = None  # keyboard-chosen target: its preview is shown
        self.tip_cache: dict[tuple[object, ...], pygame.Surface] = {}
        self.paused = False
        self.bot_wait = 0.0
        # the last move stays in view a moment before the end screen (none for a loaded end)
        self.end_wait = 0.0 if session.state.over else max(0.0, 3 * app.options.bot_pause)
        self.end_shown = False
        self.end_seen = False
        self.spin = 0.0
        self._choices: tuple[object, list[Choice]] | None = None
        self._signature: list[tuple[int, tuple[int, int, int, int]]] = []
        self.ui_changed: list[pygame.Rect] = []  # widgets whose picture changed
        self.pointer: tuple[int, int] | None = None
        self._rehover = False
        self.clock_shown: int | None = None  # the turn timer's seconds on the board now

    # life cycle ---------------------------------------------------------------------------

    def enter(self) -> None:
        self.resize(self.app.screen.get_size())
        if self.session.needs_handover():
            return
        if not self.session.state.over and self.session.is_human(self.session.current):
            self.message = self._with_notice(
                f"{self.session.label(self.session.current or '')} to act.")

    def exit(self) -> None:
        if self.manager is not None:
            self.manager.clear_and_reset()
            self.manager = None

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
        if self.manager is not None:
            self.manager.clear_and_reset()
        self.manager = make_manager(self.app)
        self._build_buttons(self.manager)
        self.invalidate()

    def _build_buttons(self, manager: pygame_gui.UIManager) -> None:
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
        self.dirty = True
        self.overlay_dirty = True
        self._choices = None
        self.tip_cache.clear()
        self._sync_buttons()
        self._rehover = True  # what the pointer rests on may mean something else now

    # reading the session ------------------------------------------------------------------

    def choices(self) -> list[Choice]:
        key = (self.session.state, self.session.viewer, self.session.turn_done)
        if self._choices is None or self._choices[0] != key:
            self._choices = (key, self.session.choices())
        return self._choices[1]

    def selected_choice(self) -> Choice | None:
        choices = self.choices()
        return choices[self.selected] if 0 <= self.selected < len(choices) else None

    def marks(self) -> Marks:
        s = self.session
        choice = self.selected_choice()
        labels = {s.t.faction_ids[f]: s.label(s.t.faction_ids[f]) for f in s.state.seats}
        return Marks(
            choices=self.choices(), selected=self.selected,
            legal=choice.actions if choice else [], pending=self.pending,
            changed=s.last.changes if s.last else None, message=self.message,
            message_style=self.message_style, status=self.status_lines(),
            hand=s.hand(), hand_active=s.can_act(), acting=s.actor, labels=labels,
            thinking=s.job is not None,
            warning=" ".join(filter(None, (s.save_problem, self.app.rules_problem))))

    def status_lines(self) -> list[tuple[str, str]]:
        s = self.session
        state = s.state
        if state.over:
            return [("The game is over", "title")]
        actor = s.actor or ""
        label = s.label(actor) if actor else ""
        f = self.t.faction_index.get(actor, -1)
        if s.job is not None:
            return [(f"{label} is thinking…", "title")]
        if s.turn_done:
            lines = [(f"{label} has acted", "title")]
            if s.can_undo:
                lines.append(("Enter or End turn hands over; Ctrl+Z or Undo takes the move "
                              "back.", "dim"))
            else:
                lines.append(("New information was revealed, so this move cannot be undone. "
                              "Enter or End turn hands over.", "dim"))
            return lines
        if s.can_act():
            lines = [(f"{label} to act · {state.ip[f]} IP{self.clock_text()}", "title")]
            choice = self.selected_choice()
            if choice is None:
                lines.append(("Choose an action or a card, then its target. Numbers are base "
                              "costs in IP.", "dim"))
            else:
                lines.append((f"{choice.name}: {choice.text}", "accent"))
            return lines
        if s.is_human(s.current):
            return [(f"Waiting for {s.label(s.current or '')}{self.clock_text()}", "title")]
        if s.last is not None and s.last.by_bot:
            return [(f"{s.label(s.current or '')} is next", "title")]
        return [(f"{label} to act", "title")]

    def clock_text(self) -> str:
        """The turn timer's countdown, after the status title (empty without a timer)."""
        left = self.session.time_left()
        if left is None:
            return ""
        if left == 0:
            return " · TIME IS UP"
        return f" · {left // 60}:{left % 60:02d} left"

    def _target_hint(self, choice: Choice) -> str:
        if not choice.enabled:
            return "no legal target now."
        return {
            "none": "no target needed: press Enter or Confirm.",
            "country": "click a country (its panel or the map) lit in green.",
            "country_sphere": "click a sphere row lit in green.",
            "country_sphere_power": "click a power's number lit in green.",
            "country_power": "click a power's opinion in a country.",
            "power": "choose a power below.",
        }.get(choice.target, "choose a target.")

    def name_line(self, line: str) -> str:
        """Log lines name factions; show the player's name with them (never "you")."""
        for seat in self.session.seats:
            if not seat.name:
                continue
            faction = self.t.faction_names[self.t.faction_index[seat.faction]]
            if line.startswith(faction + " ") and seat.name != faction:
                return f"{seat.name} ({faction}){line[len(faction):]}"
        return line

    def log_entries(self, log: Cons = None, *,
                    fresh_from: int | None = None) -> tuple[list[tuple[str, str]], int]:
        """The log (the game's, or ``log`` of a past position) styled for the log view, and
        where its lines written by the last move begin."""
        lines = unroll(self.session.state.log if log is None else log)
        entries = []
        names = self.t.faction_names
        for line in lines:
            if line.startswith("Round "):
                style = "round"
            elif any(line.startswith(n + " ") and (" uses " in line or " plays " in line
                                                   or line.endswith(" passes"))
                     for n in names):
                style = "turn"
            else:
                style = "normal"
            entries.append((self.name_line(line), style))
        if fresh_from is not None:
            return entries, fresh_from
        last = self.session.last
        fresh = len(entries) - len(last.log) if last is not None else len(entries)
        return entries, fresh

    def describe(self, action: Action) -> str:
        return self.session.describe(action)

    def plain(self, reason: str, action: Action) -> str:
        """An engine reason with the action's text code ("act:counter kazakhstan political
        @eu") said in words, as the player chose it."""
        return self.session.plain(reason, action)

    # events -------------------------------------------------------------------------------

    def process_event(self, event: pygame.event.Event) -> pygame.event.Event | None:
        assert self.manager is not None
        consumed = self.manager.process_events(event)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self._button(event.ui_element)
            return None
        if consumed:
            return None
        if event.type == pygame.MOUSEMOTION:
            if self.view.log.handle(event):
                self.dirty_log = True
            self._hover(event.pos)
            return None
        if event.type == pygame.MOUSEWHEEL:
            if self.view.log.handle(event):
                self.dirty_log = True
            return None
        if event.type == pygame.MOUSEBUTTONDOWN:
            if event.button == 1:
                if self.view.log.handle(event):
                    self.dirty_log = True
                    return None
                self.click(event.pos)
            elif event.button == 3:
                self.cancel()
            return None
        if event.type == pygame.MOUSEBUTTONUP:
            self.view.log.handle(event)
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

    def say(self, text: str, style: str = "info") -> None:
        self.message, self.message_style = text, style
        self.dirty = True
        self.overlay_dirty = True

    # choosing -----------------------------------------------------------------------------

    def select(self, index: int) -> None:
        choices = self.choices()
        if not 0 <= index < len(choices) or not self.session.can_act():
            return
        choice = choices[index]
        if index == self.selected:
            self.cancel()
            return
        if not choice.enabled:
            self.say(f"{choice.name} cannot be played now: {self._why_choice(choice)}", "error")
            return
        self.selected = index
        self.pending = None
        self.focus = None
        if choice.target == "none":
            self.pending = choice.actions[0]
            self.focus = self.pending
            self.say(f"{self.describe(self.pending)}: press Enter or Confirm.", "info")
        else:
            self.say(f"{choice.name}: {self._target_hint(choice)}", "info")
        self.invalidate()

    def _why_choice(self, choice: Choice) -> str:
        """The engine's reason, asked for the first target the choice could have."""
        for action in self._all_targets(choice):
            reason = self.session.why_illegal(action)
            if reason:
                # said after the choice's name already: "X cannot be played now: <reason>"
                return self.plain(reason, action).removeprefix(
                    f"{choice.name} is not possible now: ")
        return "it has no legal target now"

    def _all_targets(self, choice: Choice) -> list[Action]:
        return self.session.all_targets(choice)

    def choose_pass(self) -> None:
        if not self.session.can_act():
            return
        index = next(i for i, c in enumerate(self.choices()) if c.kind == "pass")
        self.selected = index
        self.pending = PASS
        self.confirm()

    def cancel(self) -> None:
        if self.selected < 0 and self.pending is None:
            return
        self.selected = -1
        self.pending = None
        self.focus = None
        self.say("", "info")
        self.invalidate()

    def target_for(self, spot: Spot) -> Action | None:
        """The action the selected choice would take on the spot (legal or not)."""
        choice = self.selected_choice()
        if choice is None:
            return None
        t = self.t
        kind = choice.target
        if kind == "power":
            return Action(choice.kind, choice.id, power=t.power_ids[spot.p]) \
                if spot.kind == "pick" else None
        if spot.kind not in BOARD_KINDS or spot.c < 0:
            return None
        cid = t.country_ids[spot.c]
        if kind == "country":
            return Action(choice.kind, choice.id, cid)
        if kind == "none":
            return None
        if kind == "country_power":
            if spot.p < 0:
                return None
            return Action(choice.kind, choice.id, cid, power=t.power_ids[spot.p])
        if spot.s < 0:
            return None
        sid = t.sphere_ids[spot.s]
        if kind == "country_sphere":
            return Action(choice.kind, choice.id, cid, sid)
        if spot.p >= 0:
            return Action(choice.kind, choice.id, cid, sid, t.power_ids[spot.p])
        here = [a for a in choice.actions if a.country == cid and a.sphere == sid]
        if here:
            return here[0]
        own = t.faction_power[t.faction_index[self.session.current or ""]]
        rival = next(p for p in range(t.P) if p != own)
        return Action(choice.kind, choice.id, cid, sid, t.power_ids[rival])

    def click(self, pos: tuple[int, int]) -> None:
        spot = self.view.spot_at(pos)
        if spot is None:
            return
        if spot.kind == "choice":
            self.select(spot.i)
            return
        if spot.kind == "card":
            if spot.i >= 0:
                self.select(spot.i)
            return
        choice = self.selected_choice()
        if spot.kind not in BOARD_KINDS and spot.kind != "pick":
            return
        if choice is None:
            if self.session.can_act() and spot.kind in BOARD_KINDS:
                self.say("Choose an action or a card first (on the right), then its target.",
                         "info")
            return
        action = self.target_for(spot)
        if action is None:
            self.say(f"{choice.name}: {self._target_hint(choice)}", "info")
            return
        self.pick(action)

    def pick(self, action: Action) -> None:
        """Choose a target: legal ones wait for confirmation, others explain why not."""
        choice = self.selected_choice()
        if choice is None:
            return
        if action in choice.actions:
            self.pending = action
            self.focus = None
            ending = self.session.ending(action)
            note = f" It may END THE GAME: {ending}" if ending else ""
            price = self.session.price(action)
            cost = f" ({price.cost} IP)" if price is not None else ""
            self.say(f"{self.describe(action)}{cost}.{note} Press Enter or Confirm.",
                     "error" if ending else "info")
            self.invalidate()
            return
        reason = self.session.why_illegal(action) or "that target is not offered now"
        self.say(f"Not allowed: {self.plain(reason, action)}", "error")

    def cycle(self, step: int) -> None:
        """Tab: the next legal target of the selected choice becomes the chosen one."""
        if not self.session.can_act():
            return
        choice = self.selected_choice()
        if choice is None:
            enabled = [i for i, c in enumerate(self.choices()) if c.enabled and c.kind != "pass"]
            if enabled:
                self.select(enabled[0])
            return
        targets = choice.actions
        if not targets:
            return
        index = targets.index(self.pending) + step if self.pending in targets else 0
        self.pick(targets[index % len(targets)])
        self.focus = self.pending

    def enter_key(self) -> None:
        if self.session.state.over:
            self.app.open("end", self.session)
        elif self.pending is not None and self.session.can_act():
            self.confirm()
        elif self.session.turn_done:
            self.end_turn()

    def confirm(self) -> None:
        action = self.pending
        if action is None or not self.session.can_act():
            return
        ending = self.session.ending(action)
        if ending:
            self.app.open("confirm", "This move may end the game",
                          f"{self.describe(action)}: {ending}", "Play it anyway",
                          lambda: self._apply(action), no="Choose another move")
            return
        self._apply(action)

    def _apply(self, action: Action) -> None:
        try:
            played = self.session.apply(action)
        except IllegalActionError as err:
            self.say(f"Not allowed: {self.plain(str(err), action)}", "error")
            return
        self.selected = -1
        self.pending = None
        self.focus = None
        self.after_played(played)

    def after_played(self, played: Played) -> None:
        first = played.log[0] if played.log else self.describe(played.action)
        if played.by_bot and self.session.bot_error:
            self.say(self.session.bot_error, "error")
        else:
            self.say(self.name_line(first), "bot" if played.by_bot else "done")
        self.invalidate()
        if played.round_over and not self.session.state.over:
            happened = [self.name_line(line) for line in played.log[1:]]
            self.app.open("round_summary", self.session, happened)

    def undo(self) -> None:
        if self.session.undo():
            self.selected = -1
            self.pending = None
            self.say("Move taken back.", "info")
            self.invalidate()
        elif self.session.state.over:
            self.say("The game is over: its moves can no longer be taken back.", "error")
        elif self.session.turn_done:
            self.say("This move revealed new information and cannot be undone.", "error")

    def end_turn(self) -> None:
        self.session.end_turn()
        self.say("", "info")
        self.invalidate()
        self._hand_over()

    def _hand_over(self) -> None:
        """Cover the board at once when the next human must be called: keys already queued
        (a fast double Enter) then reach the pass screen, which ignores them, not the board."""
        if self.session.needs_handover() and not self.session.state.over:
            self.app.open("pass", self.session, self.taken_over)

    def taken_over(self) -> None:
        self.session.take_over()
        self.say(self._with_notice(f"{self.session.label(self.session.current or '')} to act."),
                 "info")
        self.invalidate()

    def _with_notice(self, text: str) -> str:
        """The session's one-time notice (a kept autosave) after the first message."""
        notice, self.session.notice = self.session.notice, ""
        return f"{text} {notice}" if notice else text

    # hover and tooltips -------------------------------------------------------------------

    def _hover(self, pos: tuple[int, int]) -> None:
        self.pointer = pos
        spot = self.view.spot_at(pos)
        key: tuple[object, ...] | None = None
        if spot is not None:
            action = self.target_for(spot)
            key = ("target", action) if action is not None else (
                spot.kind, spot.c, spot.s, spot.p, spot.i)
        if key != self.hover_key:
            self.hover_key = key
            self.hover_spot = spot
            self.overlay_dirty = True

    def tooltip(self, key: tuple[object, ...], spot: Spot) -> pygame.Surface | None:
        cached = self.tip_cache.get(key)
        if cached is not None:
            return cached
        lines = self.tip_lines(key, spot)
        if not lines:
            return None
        surface = render_tooltip(self.theme, lines, self.theme.px(380))
        self.tip_cache[key] = surface
        return surface

    def tip_lines(self, key: tuple[object, ...], spot: Spot) -> list[TipLine]:
        if key[0] == "target":
            action = key[1]
            assert isinstance(action, Action)
            return self.target_tip(action)
        return info_tip(self, spot)

    def target_tip(self, action: Action) -> list[TipLine]:
        s = self.session
        lines = [TipLine(self.describe(action), "title")]
        choice = self.selected_choice()
        legal = choice is not None and action in choice.actions
        if not legal:
            reason = s.why_illegal(action) or "this target is not offered now"
            lines.append(TipLine(f"Not allowed: {self.plain(reason, action)}", "bad"))
            return lines
        price = s.price(action)
        if price is not None:
            lines.append(TipLine(f"Cost: {price.cost} IP", "good"))
            lines += [TipLine(r, "dim") for r in price.reasons]
        ending = s.ending(action)
        if ending:
            lines.append(TipLine(f"MAY END THE GAME: {ending}", "bad"))
        preview = s.preview(action)
        # a chance effect changes nothing in the preview: its outcomes are listed as chances
        lines += [TipLine(line, "dim") for line in preview.log if line[:1].isdigit()
                  and "%: " in line]
        changes = diff_states(self.t, s.view(), preview.state)
        ip_line = f"{self.t.faction_names[self.t.faction_index[s.current or '']]}:"
        shown = [line for line in changes.lines if not (line.startswith(ip_line)
                                                        and line.endswith(" IP"))]
        if shown:
            lines.append(TipLine("What changes", "head"))
            lines += [TipLine(line) for line in shown[:10]]
            if len(shown) > 10:
                lines.append(TipLine(f"… and {len(shown) - 10} more", "dim"))
        lines.append(TipLine("Click to choose, then Enter to confirm.", "dim"))
        return lines

    # update and draw ----------------------------------------------------------------------

    def busy(self) -> bool:
        s = self.session
        return (s.job is not None or self.bot_wait > 0 or s.bot_to_move()
                or (s.state.over and not self.end_shown))

    def update(self, dt: float) -> None:
        assert self.manager is not None
        self.manager.update(dt)
        signature = [(id(image), tuple(rect)) for image, rect, *_ in
                     self.manager.get_sprite_group().visible]
        if signature != self._signature:
            before, after = set(self._signature), set(signature)
            self.ui_changed += [pygame.Rect(r) for _i, r in before ^ after]
            self._signature = signature
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
            played = s.timed_pass()
            self.selected, self.pending, self.focus = -1, None, None
            self.after_played(played)
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
            self.view.draw_all(self.layer, self.session.view(), self.marks())
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
            rects += self.ui_changed
        self.ui_changed = []
        self.overlay_dirty = False
        return [surface.get_rect()] if full else rects

    def draw_overlays(self, surface: pygame.Surface) -> list[pygame.Rect]:
        """Hover outline, the preview's changed cells, the tooltip and the bot spinner."""
        px = self.theme.px
        drawn: list[pygame.Rect] = []
        if self.session.job is not None and self.view.spinner_rect is not None:
            rect = self.view.spinner_rect
            self.view.spinner(surface, rect, self.spin)
            drawn.append(rect.copy())
        key, spot = self.hover_key, self.hover_spot
        if self.focus is not None and (key is None or key[0] != "target"):
            focus_spot = self.spot_for(self.focus)
            if focus_spot is not None:
                key, spot = ("target", self.focus), focus_spot
        if key is None or spot is None:
            return drawn
        if key[0] == "target":
            action = key[1]
            choice = self.selected_choice()
            legal = choice is not None and action in choice.actions
            # a move that would end the game is outlined in red, like an illegal one
            fatal = legal and isinstance(action, Action) and bool(self.session.ending(action))
            colour = th.LEGAL if legal and not fatal else th.DANGER
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
            if legal and isinstance(action, Action):
                changes = diff_states(self.t, self.session.view(),
                                      self.session.preview(action).state)
                for rect in self.view.cell_rects(changes):
                    box = rect.inflate(px(4), px(4))
                    pygame.draw.rect(surface, th.ACCENT, box, px(2), border_radius=px(5))
                    drawn.append(box)
        elif spot.kind in ("choice", "card", "pick", "seat", "track", "news", "org", "cell",
                           "power", "opinion", "stance", "head", "agency", "round"):
            outline = spot.rect.inflate(px(4), px(4))
            pygame.draw.rect(surface, (200, 210, 225), outline, px(2), border_radius=px(6))
            drawn.append(outline)
        tip = self.tooltip(key, spot)
        if tip is not None:
            where = self._place_tip(tip.get_rect(), spot, surface.get_rect())
            surface.blit(tip, where)
            drawn.append(where)
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
        t = self.t
        if action.kind == "pass" or not action.country:
            if action.power:
                return next((s for s in self.view.spots if s.kind == "pick"
                             and t.power_ids[s.p] == action.power), None)
            return None
        c = t.country_index[action.country]
        g = self.view.panels[c]
        if action.sphere:
            s = t.sphere_index[action.sphere]
            if action.power:
                p = t.power_index[action.power]
                return Spot(g.cells[s][p].copy(), "power", c=c, s=s, p=p)
            return Spot(g.rows[s].copy(), "cell", c=c, s=s)
        return Spot(g.rect.copy(), "country", c=c)


def info_tip(scene: BoardScene, spot: Spot) -> list[TipLine]:
    """What a thing on the board means, for hovering without an action chosen."""
    t = scene.t
    rules = scene.engine.rules
    view = scene.session.view()
    kind = spot.kind
    if kind in ("cell", "power") and spot.c >= 0:
        c, s = spot.c, spot.s
        name = f"{t.country_names[c]} · {t.sphere_ids[s]}"
        owner = t.controller(view, c, s)
        need = t.resilience[c][s]
        values = " · ".join(f"{t.power_names[p]} {view.inf[(c * t.S + s) * t.P + p]}"
                            for p in range(t.P))
        lines = [TipLine(name, "title"), TipLine(f"Influence: {values}")]
        lines.append(TipLine(f"Controlled by {t.power_names[owner]}" if owner >= 0
                             else "Nobody controls this sphere", "good" if owner >= 0 else "body"))
        lines.append(TipLine(f"Resilience {need}: control needs at least {need} influence and a "
                             f"lead of {need} over every rival.", "dim"))
        return lines
    if kind in ("opinion", "stance"):
        c, p = spot.c, spot.p
        value = (view.opinion if kind == "opinion" else view.stance)[c * t.P + p]
        what = "Public opinion of" if kind == "opinion" else "Official stance towards"
        return [TipLine(f"{t.country_names[c]}: {what} {t.power_names[p]}", "title"),
                TipLine(f"{value:+d} on a scale of −{t.opinion_range} to +{t.opinion_range}."),
                TipLine("The public and the government can disagree: governments welcome "
                        "China's money while their publics distrust it.", "dim")]
    if kind == "org":
        org = rules.organisations.organisations[spot.i]
        member = view.members[spot.i] >> spot.c & 1
        return [TipLine(f"{org.name} ({org.short})", "title"),
                TipLine(f"{t.country_names[spot.c]} is {'a member' if member else 'not a member'}",
                        "good" if member else "body"),
                TipLine(org.description, "dim")]
    if kind in ("head", "country", "agency") and spot.c >= 0:
        country = rules.countries.countries[spot.c]
        dom = t.dominator(view, spot.c)
        lines = [TipLine(f"{country.name} · capital {country.capital}", "title"),
                 TipLine(country.description)]
        lines.append(TipLine(f"Agency {view.agency[spot.c]}: how assertive its government is.",
                             "dim"))
        if dom >= 0:
            lines.append(TipLine(f"Dominated by {t.power_names[dom]} (controls at least "
                                 f"{t.dominance} of {t.S} spheres)", "warn"))
        f = t.country_faction[spot.c]
        if f >= 0 and f in view.seats:
            lines.append(TipLine(f"Played by {scene.session.label(t.faction_ids[f])}", "good"))
        return lines
    if kind == "track":
        track = rules.game.tracks[spot.i]
        lines = [TipLine(f"{track.name}: {view.tracks[spot.i]} of {track.max}", "title"),
                 TipLine(track.description)]
        if track.danger is not None:
            lines.append(TipLine(f"Danger zone from {track.danger}: at {track.max} the game "
                                 "ends at once.", "bad"))
        if track.source:
            lines.append(TipLine(f"“{track.source.quote}”", "quote"))
        return lines
    if kind == "seat":
        faction = rules.game.factions[spot.i]
        lines = [TipLine(scene.session.label(faction.id), "title"), TipLine(faction.description),
                 TipLine(f"{view.vp[spot.i]} VP · {view.ip[spot.i]} IP · "
                         f"{len(view.hands[spot.i])} cards in hand", "good"),
                 TipLine("Objectives", "head")]
        lines += [TipLine(f"• {o}") for o in faction.objectives]
        return lines
    if kind == "news":
        event = rules.events.events[view.event]
        return [TipLine(f"News: {event.name}", "title"),
                *([TipLine(th.WHAT_IF_NOTE, "warn")] if event.what_if else []),
                TipLine(event.text), TipLine(f"“{event.source.quote}”", "quote"),
                TipLine(_section(scene, event.source.section), "dim")]
    if kind == "choice":
        choice = scene.choices()[spot.i]
        lines = [TipLine(f"{choice.name} · {choice.cost} IP", "title"), TipLine(choice.text)]
        if not choice.enabled:
            lines.append(TipLine(f"Not now: {scene._why_choice(choice)}", "bad"))
        if choice.quote:
            lines.append(TipLine(f"“{choice.quote}”", "quote"))
            lines.append(TipLine(_section(scene, choice.section), "dim"))
        return lines
    if kind == "card":
        card = next(c for c in rules.all_cards() if c.id == t.card_ids[spot.p])
        lines = [TipLine(f"{card.name} · {card.cost} IP · "
                         f"{SPHERE_SHORT.get(card.sphere, card.sphere)}", "title"),
                 TipLine(card.text), TipLine(f"“{card.source.quote}”", "quote"),
                 TipLine(_section(scene, card.source.section), "dim")]
        return lines
    if kind == "pick":
        return [TipLine(t.power_names[spot.p], "title")]
    if kind == "round":
        return [TipLine(f"Round {view.round} of {view.rounds}", "title"),
                TipLine("Each round: news, income, cards, four action rounds in initiative "
                        "order (fewest VP first), reactions and scoring.", "dim")]
    return []


def _section(scene: BoardScene, section_id: str) -> str:
    for section in scene.engine.rules.sources.sections:
        if section.id == section_id:
            return f"— the paper, section “{section.title}”"
    return "— the paper"
