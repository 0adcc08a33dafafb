"""The board screen's presenter: the player's selection and what the board says about it.

:class:`BoardPresenter` holds the selection (an action or card, a target waiting for
confirmation, the keyboard's focus, the banner message) and answers the scene's questions:
which action a click on a place means, what a target costs and would change, what a tooltip
says (:mod:`chessboard.ui.boardtips`), and the :class:`~chessboard.ui.boardmodel.BoardModel`
to paint. It never imports pygame, so the board's behaviour is tested headless, like
:mod:`chessboard.ui.session`, which it drives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from chessboard.engine.actions import PASS, Action
from chessboard.engine.game import IllegalActionError
from chessboard.engine.state import Cons, unroll
from chessboard.ui import boardtips
from chessboard.ui.boardmodel import (
    BOARD_KINDS,
    BoardModel,
    Marks,
    Place,
    PlaceLike,
    Preview,
    build_model,
)
from chessboard.ui.boardread import BoardReader
from chessboard.ui.diff import diff_states

if TYPE_CHECKING:
    from chessboard.engine.state import GameState
    from chessboard.ui.session import Choice, GameSession, Played
    from chessboard.ui.text import TipLine


def _nothing() -> None:
    pass


class BoardPresenter:
    """The player's selection on the board and everything the board says about it.

    The scene wires :attr:`on_change` (the board must be repainted and re-hovered) and
    :attr:`on_message` (only the banner changed); the presenter calls them, never draws.
    """

    def __init__(self, session: GameSession) -> None:
        self.session = session
        self.reader = BoardReader(session.engine)
        self.legend = self.reader.legend
        self.selected = -1
        self.pending: Action | None = None
        self.focus: Action | None = None  # keyboard-chosen target: its preview is shown
        self.message = ""
        self.message_style = "info"
        self.on_change: Callable[[], None] = _nothing
        self.on_message: Callable[[], None] = _nothing
        self._choices: tuple[object, list[Choice]] | None = None
        self._previews: dict[Action, Preview] = {}
        self._previews_of: GameState | None = None

    # reading the session ------------------------------------------------------------------

    def forget(self) -> None:
        """The game or the selection changed: cached answers are stale."""
        self._choices = None
        self._previews.clear()

    def choices(self) -> list[Choice]:
        s = self.session
        key = (s.state, s.viewer, s.turn_done)
        if self._choices is None or self._choices[0] != key:
            self._choices = (key, s.choices())
        return self._choices[1]

    def selected_choice(self) -> Choice | None:
        choices = self.choices()
        return choices[self.selected] if 0 <= self.selected < len(choices) else None

    def marks(self, *, rules_problem: str = "") -> Marks:
        s = self.session
        choice = self.selected_choice()
        labels = {f: s.label(f) for f in s.engine.seated(s.state)}
        return Marks(
            choices=self.choices(), selected=self.selected,
            legal=choice.actions if choice else [], pending=self.pending,
            changed=s.last.changes if s.last else None, message=self.message,
            message_style=self.message_style, status=self.status_lines(),
            hand=s.hand(),
            hand_active=s.can_act(), acting=s.actor, labels=labels,
            thinking=s.job is not None,
            warning=" ".join(filter(None, (s.save_problem, rules_problem))))

    def model(self, *, rules_problem: str = "") -> BoardModel:
        return build_model(self.reader, self.session.view(),
                           self.marks(rules_problem=rules_problem))

    def status_lines(self) -> list[tuple[str, str]]:
        s = self.session
        state = s.state
        if state.over:
            return [("The game is over", "title")]
        actor = s.actor or ""
        label = s.label(actor) if actor else ""
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
            ip = s.engine.ip(state, actor)
            lines = [(f"{label} to act · {ip} IP{self.clock_text()}", "title")]
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

    @staticmethod
    def target_hint(choice: Choice) -> str:
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
        lg = self.legend
        for seat in self.session.seats:
            if not seat.name:
                continue
            faction = lg.faction_names[self.reader.faction_index[seat.faction]]
            if line.startswith(faction + " ") and seat.name != faction:
                return f"{seat.name} ({faction}){line[len(faction):]}"
        return line

    def log_entries(self, log: Cons = None, *,
                    fresh_from: int | None = None) -> tuple[list[tuple[str, str]], int]:
        """The log (the game's, or ``log`` of a past position) styled for the log view, and
        where its lines written by the last move begin."""
        lines = unroll(self.session.state.log if log is None else log)
        entries = []
        names = self.legend.faction_names
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
        """An engine reason with the action's text code said in words."""
        return self.session.plain(reason, action)

    # choosing -----------------------------------------------------------------------------

    def say(self, text: str, style: str = "info") -> None:
        self.message, self.message_style = text, style
        self.on_message()

    def _clear(self) -> None:
        self.selected = -1
        self.pending = None
        self.focus = None

    def select(self, index: int) -> None:
        """Choose an action or card (again: drop it); one without a target waits for Enter."""
        choices = self.choices()
        if not 0 <= index < len(choices) or not self.session.can_act():
            return
        choice = choices[index]
        if index == self.selected:
            self.cancel()
            return
        if not choice.enabled:
            self.say(f"{choice.name} cannot be played now: {self.why_choice(choice)}", "error")
            return
        self.selected = index
        self.pending = None
        self.focus = None
        if choice.target == "none":
            self.pending = choice.actions[0]
            self.focus = self.pending
            self.say(f"{self.describe(self.pending)}: press Enter or Confirm.", "info")
        else:
            self.say(f"{choice.name}: {self.target_hint(choice)}", "info")
        self.on_change()

    def why_choice(self, choice: Choice) -> str:
        """The engine's reason, asked for the first target the choice could have."""
        for action in self.session.all_targets(choice):
            reason = self.session.why_illegal(action)
            if reason:
                # said after the choice's name already: "X cannot be played now: <reason>"
                return self.plain(reason, action).removeprefix(
                    f"{choice.name} is not possible now: ")
        return "it has no legal target now"

    def choose_pass(self) -> bool:
        """Select Pass as the pending action; False when the seat cannot act."""
        if not self.session.can_act():
            return False
        self.selected = next(i for i, c in enumerate(self.choices()) if c.kind == "pass")
        self.pending = PASS
        return True

    def cancel(self) -> None:
        if self.selected < 0 and self.pending is None:
            return
        self._clear()
        self.say("", "info")
        self.on_change()

    def target_for(self, place: PlaceLike) -> Action | None:
        """The action the selected choice would take on the place (legal or not)."""
        choice = self.selected_choice()
        if choice is None:
            return None
        lg = self.legend
        kind = choice.target
        if kind == "power":
            return Action(choice.kind, choice.id, power=lg.power_ids[place.p]) \
                if place.kind == "pick" else None
        if place.kind not in BOARD_KINDS or place.c < 0:
            return None
        cid = lg.country_ids[place.c]
        if kind == "country":
            return Action(choice.kind, choice.id, cid)
        if kind == "none":
            return None
        if kind == "country_power":
            if place.p < 0:
                return None
            return Action(choice.kind, choice.id, cid, power=lg.power_ids[place.p])
        if place.s < 0:
            return None
        sid = lg.sphere_ids[place.s]
        if kind == "country_sphere":
            return Action(choice.kind, choice.id, cid, sid)
        if place.p >= 0:
            return Action(choice.kind, choice.id, cid, sid, lg.power_ids[place.p])
        here = [a for a in choice.actions if a.country == cid and a.sphere == sid]
        if here:
            return here[0]
        # a row of a sphere without a legal target: name a rival, so the reason is about it
        own = self.reader.faction_power(self.session.current or "")
        rival = next(p for p in range(lg.P) if p != own)
        return Action(choice.kind, choice.id, cid, sid, lg.power_ids[rival])

    def place_of(self, action: Action) -> Place | None:
        """Where a target is on the board, for the keyboard's focus."""
        r = self.reader
        if action.kind == "pass" or not action.country:
            if action.power:
                return Place("pick", p=r.power_index[action.power])
            return None
        c = r.country_index[action.country]
        if action.sphere:
            s = r.sphere_index[action.sphere]
            if action.power:
                return Place("power", c=c, s=s, p=r.power_index[action.power])
            return Place("cell", c=c, s=s)
        return Place("country", c=c)

    def click(self, place: PlaceLike) -> None:
        """A click on a place: a choice or a card selects it, a target is picked."""
        if place.kind == "choice":
            self.select(place.i)
            return
        if place.kind == "card":
            if place.i >= 0:
                self.select(place.i)
            return
        if place.kind not in BOARD_KINDS and place.kind != "pick":
            return
        choice = self.selected_choice()
        if choice is None:
            if self.session.can_act() and place.kind in BOARD_KINDS:
                self.say("Choose an action or a card first (on the right), then its target.",
                         "info")
            return
        action = self.target_for(place)
        if action is None:
            self.say(f"{choice.name}: {self.target_hint(choice)}", "info")
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
            self.on_change()
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

    def ready(self) -> Action | None:
        """The pending action, when the seat may play it now."""
        return self.pending if self.pending is not None and self.session.can_act() else None

    def apply(self, action: Action) -> Played | None:
        """Play the action; a refusal is said in the banner (None)."""
        try:
            played = self.session.apply(action)
        except IllegalActionError as err:
            self.say(f"Not allowed: {self.plain(str(err), action)}", "error")
            return None
        self._clear()
        return played

    def played(self, played: Played) -> list[str]:
        """Say what was just played; returns the round's happenings when it ended a round
        (and not the game), for the round summary."""
        first = played.log[0] if played.log else self.describe(played.action)
        if played.by_bot and self.session.bot_error:
            self.say(self.session.bot_error, "error")
        else:
            self.say(self.name_line(first), "bot" if played.by_bot else "done")
        self.on_change()
        if played.round_over and not self.session.state.over:
            return [self.name_line(line) for line in played.log[1:]]
        return []

    def undo(self) -> None:
        s = self.session
        if s.undo():
            self.selected = -1
            self.pending = None
            self.say("Move taken back.", "info")
            self.on_change()
        elif s.state.over:
            self.say("The game is over: its moves can no longer be taken back.", "error")
        elif s.turn_done:
            self.say("This move revealed new information and cannot be undone.", "error")

    def end_turn(self) -> None:
        self.session.end_turn()
        self.say("", "info")
        self.on_change()

    def timed_pass(self) -> Played:
        """The turn timer ran out: the seat passes (the selection goes)."""
        played = self.session.timed_pass()
        self._clear()
        return played

    def taken_over(self) -> None:
        self.session.take_over()
        self.say(self.with_notice(f"{self.session.label(self.session.current or '')} to act."),
                 "info")
        self.on_change()

    def with_notice(self, text: str) -> str:
        """The session's one-time notice (a kept autosave) after the first message."""
        notice, self.session.notice = self.session.notice, ""
        return f"{text} {notice}" if notice else text

    # hover, previews and tooltips ---------------------------------------------------------

    def hover_key(self, place: PlaceLike | None) -> tuple[object, ...] | None:
        """What the pointer means on a place: a target of the selected choice, or the place
        itself (the tooltip's cache key)."""
        if place is None:
            return None
        action = self.target_for(place)
        if action is not None:
            return ("target", action)
        return (place.kind, place.c, place.s, place.p, place.i)

    def is_legal(self, action: Action) -> bool:
        choice = self.selected_choice()
        return choice is not None and action in choice.actions

    def preview(self, action: Action) -> Preview:
        """What a legal target costs and would change (asked once per state and target)."""
        s = self.session
        view = s.view()
        if self._previews_of is not view:
            self._previews.clear()
            self._previews_of = view
        cached = self._previews.get(action)
        if cached is None:
            outcome = s.preview(action)
            # a chance effect changes nothing in the preview: its outcomes are listed
            chances = [line for line in outcome.log if line[:1].isdigit() and "%: " in line]
            cached = Preview(s.price(action), s.ending(action), chances,
                             diff_states(self.reader, view, outcome.state))
            self._previews[action] = cached
        return cached

    def tip_lines(self, key: tuple[object, ...], place: PlaceLike) -> list[TipLine]:
        """The tooltip for what the pointer means (a :meth:`hover_key`) on a place."""
        return boardtips.tip_lines(self, key, place)

    def target_tip(self, action: Action) -> list[TipLine]:
        return boardtips.target_tip(self, action)

    def info_tip(self, place: PlaceLike) -> list[TipLine]:
        return boardtips.info_tip(self, place)

    def section(self, section_id: str) -> str:
        return boardtips.section(self, section_id)
