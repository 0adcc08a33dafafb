"""One game as the window plays it: seats, bots, undo, the hot-seat viewer and autosaves.

This is the UI's controller and holds no rules: every question about the game goes to the
engine (legal actions, prices, previews, why an action is illegal). It never imports pygame,
so its flow (undo limits, whose hand is shown, bot turns in a worker thread) is tested headless.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from chessboard.ai import bot_seed, make_bot
from chessboard.engine.actions import PASS, Action
from chessboard.engine.game import Engine, Outcome, Price
from chessboard.engine.saves import (
    SaveError,
    SaveGame,
    SeatRecord,
    make_save,
    restore,
    restore_by_replaying,
    write_save,
)
from chessboard.engine.state import unroll
from chessboard.seats import Seat
from chessboard.ui.boardread import BoardReader
from chessboard.ui.diff import Changes, diff_states
from chessboard.ui.facilitation import Classroom
from chessboard.ui.storage import read_checked, why_not_written

if TYPE_CHECKING:
    from chessboard.ai.base import Bot
    from chessboard.engine.state import GameState


@dataclass(slots=True)
class BotJob:
    """A bot choosing in a worker thread; the window keeps drawing meanwhile."""

    faction: str
    thread: threading.Thread
    result: Action | None = None
    error: BaseException | None = None


@dataclass(slots=True)
class Played:
    """The last action applied, for the banner and the "what changed" highlight."""

    faction: str
    action: Action
    log: tuple[str, ...]
    changes: Changes
    round_over: bool
    by_bot: bool


@dataclass(slots=True)
class Choice:
    """An action or card the acting seat may pick, with the legal targets it has now."""

    kind: str  # "act", "card" or "pass"
    id: str
    name: str
    text: str
    cost: int
    target: str  # a TargetKind value
    sphere: str = ""
    quote: str = ""
    section: str = ""
    actions: list[Action] = field(default_factory=list)

    @property
    def enabled(self) -> bool:
        return bool(self.actions)


class GameSession:
    """The state of the game plus everything the window needs between two actions."""

    def __init__(self, engine: Engine, state: GameState, seats: list[Seat], *,
                 autosave: Path | None = None, setup_rounds: int | None = None) -> None:
        self.engine = engine
        self.reader = BoardReader(engine)  # the board's questions, also for diff_states
        self.state = state
        # the rounds the game was set up with: "end after this round" lowers the state's
        # rounds, and saves and the history replay from the set-up
        self.setup_rounds = setup_rounds or state.rounds
        by_faction = {s.faction: s for s in seats}
        # The engine may add seats (Russia and China are always in play): bots take them.
        self.seats = [by_faction.get(f) or Seat(f, False) for f in engine.seated(state)]
        self.bots: dict[str, Bot] = {}
        for index, seat in enumerate(self.seats):
            if not seat.human:
                self.bots[seat.faction] = make_bot(seat.bot, level=seat.level,
                                                   seed=bot_seed(state.seed, index))
        self.autosave_path = autosave
        self.undo_stack: list[GameState] = []
        self.turn_done = False  # a human acted and has not yet ended the turn
        self.viewer: str | None = None  # whose hand the window shows
        self.last: Played | None = None
        self.job: BotJob | None = None
        self.bot_error = ""  # why the last bot move was replaced by a pass
        self.notice = ""  # said once on the board when the game opens
        # seats played from a team device (chessboard.net): their hands never show in the window
        self.remote: set[str] = set()
        self.save_problem = ""  # why the last autosave failed: the board keeps showing it
        self.classroom = Classroom()  # the instructor's pause and turn timer (none by default)
        # the designer console's edits, with the number of actions before each (saved)
        self.debug_edits: list[tuple[int, str]] = []
        # keyed on the state object itself (kept alive here, so its id is never reused)
        self._legal_cache: tuple[GameState, str | None, bool, list[Action]] | None = None
        self._view_cache: tuple[GameState, str, GameState] | None = None
        if self.human_count() == 1:
            self.viewer = next(s.faction for s in self.seats if s.human)

    # set-up -------------------------------------------------------------------------------

    @classmethod
    def new(cls, engine: Engine, seats: list[Seat], *, scenario: str | None, seed: int,
            rounds: int | None, autosave: Path | None = None) -> GameSession:
        state = engine.new_game(scenario=scenario, seats=[s.faction for s in seats],
                                seed=seed, rounds=rounds)
        return cls(engine, state, seats, autosave=autosave)

    @classmethod
    def load(cls, engine: Engine, path: Path, *, autosave: Path | None = None,
             replay: bool = False) -> GameSession:
        """Replay a save; raises SaveError with a message for the player.

        ``replay``: a save made under other rules (RulesChangedError without it) is replayed
        under these rules up to its first action that is no longer legal; the board says how
        far it got.
        """
        save = read_checked(path)  # never a traceback, whatever the file holds
        note = ""
        if replay:
            replayed = restore_by_replaying(engine, save)
            state, note = replayed.state, f"Loaded by replaying: {replayed.message()}."
        else:
            state = restore(engine, save)
        seats = [Seat(r.faction, r.human, r.bot, r.level, r.name) for r in save.seats]
        try:
            session = cls(engine, state, seats, autosave=autosave, setup_rounds=save.rounds)
        except (ValueError, KeyError, TypeError) as err:
            # a seat the save describes but no bot can take (a hand-edited "bot": "xx")
            raise SaveError(f"{path.name} has a seat this game cannot play: {err}") from None
        session.notice = note
        session.debug_edits = list(save.debug)
        return session

    def to_save(self) -> SaveGame:
        records = [SeatRecord(s.faction, s.human, s.bot, s.level, s.name) for s in self.seats]
        return make_save(self.engine, self.state, records, extra={
            "round": self.state.round, "rounds": self.state.rounds, "over": self.state.over,
            "seats": [self.label(s.faction) for s in self.seats],
        }, rounds=self.setup_rounds, debug=self.debug_edits)

    def save(self, path: Path) -> None:
        write_save(path, self.to_save())

    def save_copy(self, path: Path) -> tuple[bool, str]:
        """Ctrl+S or the menu: save, and say how it went in a player's words."""
        try:
            self.save(path)
        except OSError as err:
            return False, (f"Could not save in {path.parent} ({why_not_written(err)}). "
                           "Nothing is lost: the game goes on.")
        return True, f"Saved as {path.name}"

    def autosave(self) -> None:
        """After every action, so a crash never loses more than the last one.

        A failed write (full or read-only disk) must not end the game: the reason is kept for
        the board to show, and the next action tries again.
        """
        if self.autosave_path is None or self.human_count() == 0:
            return
        try:
            self.save(self.autosave_path)
        except OSError as err:
            self.save_problem = (f"Not autosaved: cannot write {self.autosave_path.name} in "
                                 f"{self.autosave_path.parent} ({why_not_written(err)}). "
                                 "The game goes on and tries again after every move.")
        else:
            self.save_problem = ""

    # seats --------------------------------------------------------------------------------

    def seat(self, faction: str) -> Seat:
        return next(s for s in self.seats if s.faction == faction)

    def label(self, faction: str) -> str:
        """The player's name for the log and the screens (never "you")."""
        seat = next((s for s in self.seats if s.faction == faction), None)
        name = self.engine.rules.faction(faction).name
        if seat is None:
            return name
        if seat.name and seat.name != name:
            return f"{seat.name} ({name})"
        return name if seat.human else f"{name} (bot)"

    def human_count(self) -> int:
        return sum(1 for s in self.seats if s.human)

    def is_human(self, faction: str | None) -> bool:
        return faction is not None and self.seat(faction).human

    @property
    def current(self) -> str | None:
        return self.engine.current_faction(self.state)

    @property
    def actor(self) -> str | None:
        """The seat whose turn the window shows: the human who acted until they end the turn."""
        if self.turn_done and self.last is not None:
            return self.last.faction
        return self.current

    def needs_handover(self) -> bool:
        """True when the next human must be called to the device before seeing a hand."""
        current = self.current
        return (not self.turn_done and self.is_human(current) and self.viewer != current
                and self.human_count() > 1 and current not in self.remote)

    def take_over(self) -> None:
        """The next human is at the device (the pass screen was dismissed)."""
        if self.is_human(self.current) and self.current not in self.remote:
            self.viewer = self.current

    # what the window shows ----------------------------------------------------------------

    def view(self) -> GameState:
        """The board through the viewing seat's eyes (other hands hidden)."""
        who = self.viewer or self.actor or self.engine.seated(self.state)[0]
        cached = self._view_cache
        if cached is not None and cached[0] is self.state and cached[1] == who:
            return cached[2]
        view = self.engine.view(self.state, who)
        self._view_cache = (self.state, who, view)
        return view

    def hand(self) -> tuple[int, ...]:
        """Cards the viewer holds (empty when nobody's hand may be shown)."""
        if self.viewer is None:
            return ()
        return self.hand_numbers(self.state, self.viewer)

    def hand_numbers(self, st: GameState, faction: str) -> tuple[int, ...]:
        """A faction's cards numbered by their place in ``engine.card_ids``, as the board's
        panels take them (hidden cards left out)."""
        ids = self.engine.card_ids
        return tuple(ids.index(c) for c in self.engine.hand(st, faction) if c is not None)

    def can_act(self) -> bool:
        """A human may choose an action now (their turn, not yet taken)."""
        return (not self.state.over and not self.turn_done and self.is_human(self.current)
                and self.viewer == self.current)

    def legal(self) -> list[Action]:
        cached = self._legal_cache
        if (cached is not None and cached[0] is self.state and cached[1] == self.viewer
                and cached[2] == self.turn_done):
            return cached[3]
        legal = self.engine.legal_actions(self.view()) if self.can_act() else []
        self._legal_cache = (self.state, self.viewer, self.turn_done, legal)
        return legal

    def choices(self, seat: str | None = None) -> list[Choice]:
        """The acting seat's actions and cards, each with its legal targets (maybe none).

        ``seat`` asks for a seat played from a team device (the window's viewer is elsewhere).
        """
        if seat is None:
            if not self.can_act():
                return []
            legal = self.legal()
        else:
            if not self.can_act_remotely(seat):
                return []
            legal = self.engine.legal_actions(self.engine.view(self.state, seat))
        engine = self.engine
        rules = engine.rules
        faction = self.current
        assert faction is not None
        # the targets of each choice: legal_actions grouped (engine.targets filters the same
        # list, one choice at a time)
        by_key: dict[tuple[str, str], list[Action]] = {}
        for action in legal:
            by_key.setdefault((action.kind, action.id), []).append(action)
        out: list[Choice] = []
        for action_def in rules.actions.actions:
            if faction not in engine.factions_in(action_def.factions):
                continue
            src = action_def.source
            out.append(Choice("act", action_def.id, action_def.name, action_def.text,
                              action_def.cost.base, str(action_def.target),
                              quote=src.quote if src else "", section=src.section if src else "",
                              actions=by_key.get(("act", action_def.id), [])))
        seen: set[str] = set()
        for card_id in engine.hand(self.state, faction):
            if card_id is None or card_id in seen:
                continue
            seen.add(card_id)
            card = rules.card(card_id)
            out.append(Choice("card", card.id, card.name, card.text, card.cost,
                              str(card.target), sphere=card.sphere, quote=card.source.quote,
                              section=card.source.section,
                              actions=by_key.get(("card", card.id), [])))
        out.append(Choice("pass", "pass", "Pass", "Do nothing this action round.", 0, "none",
                          actions=[PASS]))
        return out

    def can_act_remotely(self, seat: str) -> bool:
        """A seat played from a device may choose an action now (its turn, not yet taken)."""
        return (not self.state.over and not self.turn_done and self.current == seat
                and self.is_human(seat))

    def all_targets(self, choice: Choice) -> list[Action]:
        """Every target the choice could name, legal now or not (to say why not): the engine's
        own enumeration (:meth:`~chessboard.engine.game.Engine.candidates`)."""
        return self.engine.candidates(self.state, choice.kind, choice.id)

    def price(self, action: Action) -> Price | None:
        return self.engine.price(self.view(), action)

    def preview(self, action: Action) -> Outcome:
        return self.engine.preview(self.view(), action)

    def ending(self, action: Action) -> str | None:
        return self.engine.ending(self.view(), action)

    def why_illegal(self, action: Action) -> str | None:
        if not self.can_act():
            return "it is not a human seat's turn to act"
        return self.engine.why_illegal(self.state, action)

    def describe(self, action: Action) -> str:
        """An action in the player's words: "Counter: Kazakhstan, political, EU"."""
        engine, rules = self.engine, self.engine.rules
        if action == PASS:
            return "Pass"
        if action.is_facilitator:
            return self._facilitator_words(action)
        if action.kind == "card" and action.id in engine.card_ids:
            name = rules.card(action.id).name
        elif action.kind == "act" and any(a.id == action.id for a in rules.actions.actions):
            name = rules.action(action.id).name
        else:
            name = action.id or action.kind
        parts = []
        if action.country:  # an id the rules lack is shown as it is (a save of other rules)
            parts.append(rules.country(action.country).name
                         if action.country in engine.country_ids else action.country)
        if action.sphere:
            parts.append(action.sphere)
        if action.power:
            parts.append(rules.faction(action.power).name
                         if action.power in engine.power_ids else action.power)
        return f"{name}: {', '.join(parts)}" if parts else name

    def _facilitator_words(self, action: Action) -> str:
        rules = self.engine.rules
        if action.kind == "inject" and any(i.id == action.id for i in rules.injects.injects):
            return f"Inject: {rules.inject(action.id).name}"
        if action.kind == "news" and any(e.id == action.id for e in rules.events.events):
            event = rules.event(action.id)
            return f"News{' (what if)' if event.what_if else ''}: {event.name}"
        if action.kind == "end":
            return f"End the game after round {action.id}"
        return str(action)

    def plain(self, text: str, action: Action) -> str:
        """``text`` (an engine message) with the action's code replaced by its words."""
        code = str(action)
        words = self.describe(action)
        text = text.replace(repr(code), f"“{words}”").replace(code, f"“{words}”")
        return text.removeprefix(f"“{words}”: ")  # IllegalActionError puts it first

    # acting -------------------------------------------------------------------------------

    def apply(self, action: Action) -> Played:
        """Apply a human's action; raises IllegalActionError (a ValueError) with the reason."""
        faction = self.current
        assert faction is not None
        before = self.state
        outcome = self.engine.apply(before, action)
        self.undo_stack.append(before)
        if outcome.revealed:
            self.undo_stack.clear()  # hidden information came out: no taking it back
        self.turn_done = True
        return self._record(faction, action, before, outcome, by_bot=False)

    def _record(self, faction: str, action: Action, before: GameState, outcome: Outcome, *,
                by_bot: bool) -> Played:
        self.state = outcome.state
        self.last = Played(faction, action, outcome.log,
                           diff_states(self.reader, before, outcome.state),
                           outcome.state.round != before.round or outcome.state.over, by_bot)
        self.autosave()
        return self.last

    def debug_edit(self, text: str) -> str:
        """The designer console: an edit the engine checks (chessboard.engine.debug), kept in
        the save. Raises DebugError (a ValueError) with the reason; returns the log line."""
        from chessboard.engine.debug import DebugEdit, DebugError, apply_edit

        if self.job is not None:
            raise DebugError("a bot is thinking: edit when it has moved")
        edit = DebugEdit.parse(text)
        self.state = apply_edit(self.engine, self.state, edit)
        self.debug_edits.append((len(unroll(self.state.actions)), str(edit)))
        self.undo_stack.clear()  # an undo would silently take the edit back
        self.last = None
        self.autosave()
        return f"[debug] {edit}"

    @property
    def can_undo(self) -> bool:
        # a finished game stays finished: "See the board" then Undo must not reopen it
        return bool(self.undo_stack) and self.turn_done and not self.state.over

    def undo(self) -> bool:
        """Back to the start of the current seat's turn, if nothing hidden was revealed since."""
        if not self.can_undo:
            return False
        self.state = self.undo_stack[0]
        self.undo_stack.clear()
        self.turn_done = False
        self.last = None
        self.autosave()
        return True

    def end_turn(self) -> None:
        """Control passes: undo is gone, and with several humans the hand is hidden."""
        self.undo_stack.clear()
        self.turn_done = False
        if self.human_count() > 1:
            self.viewer = None
        elif self.human_count() == 1:
            self.viewer = next(s.faction for s in self.seats if s.human)

    def time_left(self) -> int | None:
        """Whole seconds the seat to act has left on the turn timer (None: nobody is timed),
        for the board's countdown and the team devices' page."""
        return self.classroom.seconds_left(self)

    def timed_pass(self) -> Played:
        """The turn timer ran out: the seat passes through the engine's normal pass action and
        the turn ends, as if the team had chosen Pass and End turn."""
        played = self.apply(PASS)
        self.end_turn()
        return played

    # the facilitator ----------------------------------------------------------------------

    @property
    def ends_early(self) -> bool:
        """The facilitator has ended the game before its planned last round."""
        return self.state.rounds < self.setup_rounds

    def end_after_round(self) -> str:
        """The instructor's "end after this round": recorded in the action list through the
        engine (so saves and replays end there too); returns what to tell the room."""
        round_ = self.state.round
        done, reason = self.facilitate(Action("end", str(round_)))
        if not done:
            return f"Cannot end the game after this round: {reason}."
        return f"The game ends after this round's scoring (round {round_})."

    def facilitator_choices(self) -> list[tuple[Action, str]]:
        """The injects and news events the instructor may bring in now, in words."""
        return [(a, self.describe(a)) for a in self.engine.facilitator_actions(self.state)]

    def facilitate(self, action: Action) -> tuple[bool, str]:
        """The instructor's action through the engine (an inject, a news event, the end after
        a round); returns whether it was taken and its log lines, or why not."""
        st = self.state
        reason = self.engine.why_not_facilitate(st, action)
        if reason is not None:
            return False, reason
        outcome = self.engine.facilitate(st, action)
        if outcome.revealed:
            self.undo_stack.clear()  # a card came out: no taking the move before it back
        else:
            # a move taken back afterwards must not take the instructor's action with it: the
            # state undo returns to gets it too (the list then has it before the move replayed)
            try:
                self.undo_stack = [self.engine.facilitate(s, action).state
                                   for s in self.undo_stack]
            except ValueError:  # IllegalActionError: that state cannot take it; nor undo then
                self.undo_stack.clear()
        self.state = outcome.state
        self.autosave()
        return True, " ".join(outcome.log)

    # bots ---------------------------------------------------------------------------------

    def bot_to_move(self) -> bool:
        return not self.state.over and not self.turn_done and not self.is_human(self.current)

    def start_bot(self) -> BotJob:
        """Let the current bot choose in a worker thread (bots may think for seconds)."""
        faction = self.current
        assert faction is not None and self.job is None
        bot = self.bots[faction]
        view = self.engine.view(self.state, faction)
        legal = self.engine.legal_actions(self.state)

        def work() -> None:
            try:
                job.result = bot.choose(self.engine, view, legal)
            except BaseException as err:  # reported on the main thread
                job.error = err

        job = BotJob(faction, threading.Thread(target=work, name=f"bot-{faction}", daemon=True))
        self.job = job
        job.thread.start()
        return job

    def finish_bot(self) -> Played | None:
        """Apply the bot's choice once its thread is done; None while it still thinks."""
        job = self.job
        if job is None or job.thread.is_alive():
            return None
        self.job = None
        action = job.result
        self.bot_error = ""
        if job.error is not None or action is None or action not in self.engine.legal_actions(
                self.state):
            # a broken bot must not end a class's game: it passes, and the window says why
            if job.error is not None:
                traceback.print_exception(job.error)
                what = repr(job.error)
            else:
                what = f"an illegal choice, “{self.describe(action)}”"
            self.bot_error = f"{self.label(job.faction)} failed ({what}) and passes"
            action = PASS
        before = self.state
        outcome = self.engine.apply(before, action)
        return self._record(job.faction, action, before, outcome, by_bot=True)
