"""What a team device sees and may do, answered from the window's game session.

Runs only on the thread that owns the session (see :mod:`chessboard.net.bridge`), so it reads
and changes the session exactly as the window does. Every message it builds comes from the
engine's view for the device's seat, never from the full state: another seat's hand, the decks,
the seed and the action history are not in that view's fields it reads, and never sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chessboard.engine.actions import Action
from chessboard.engine.game import IllegalActionError
from chessboard.engine.state import unroll
from chessboard.ui.diff import diff_states

if TYPE_CHECKING:
    from chessboard.ui.session import Choice, GameSession, Played

LOG_LINES = 14  # the recent log a device shows (the board has the full log)
MAX_ACTION_TEXT = 120  # "card:some_card kazakhstan economic @china" is far shorter


class DeviceError(ValueError):
    """A request the device may not make now; the message is shown on its page."""


@dataclass(slots=True)
class Answer:
    """A reply to one device request, and the action it played (for the window's banner)."""

    reply: dict[str, Any]
    played: Played | None = None


class Desk:
    """Answers the requests of devices, each bound to one seat, against one game session."""

    def __init__(self, session: GameSession) -> None:
        self.session = session
        self.engine = session.engine
        self.colours = {f.id: f.colour for f in self.engine.rules.game.factions}
        self.cards = {c.id: c for c in self.engine.rules.all_cards()}
        self.sections = {x.id: x.title for x in self.engine.rules.sources.sections}

    @property
    def timer(self) -> int | None:
        """Seconds the seat to act has left on the instructor's turn timer (None: untimed)."""
        return self.session.time_left()

    # what a device sees ---------------------------------------------------------------------

    def snapshot(self, seat: str) -> dict[str, Any]:
        """The page of one seat: its hand, IP and VP, the turn, and its choices on its turn."""
        s, engine = self.session, self.engine
        view = engine.view(s.state, seat)
        current = s.current
        acted = self._acted(seat)
        yours = s.can_act_remotely(seat)
        result = self.engine.result(s.state)
        hand = []
        for card_id in engine.hand(view, seat):
            if card_id is None:  # a view hides other hands; ours is never hidden
                continue
            card = self.cards[card_id]
            hand.append({"id": card.id, "name": card.name, "text": card.text,
                         "cost": card.cost, "sphere": card.sphere, "target": str(card.target),
                         "quote": card.source.quote,
                         "section": self.sections.get(card.source.section, "")})
        return {
            "type": "state",
            "seat": seat,
            "name": s.label(seat),
            "colour": self.colours.get(seat, "#888888"),
            "round": view.round, "rounds": view.rounds,
            "action_round": view.action_round,
            "action_rounds": engine.rules.game.settings.action_rounds,
            "over": view.over,
            "result": (f"{s.label(result.winner)} wins: {result.reason_text}"
                       if result and result.winner else
                       (result.reason_text if result else None)),
            "ip": engine.ip(view, seat), "vp": engine.vp(view, seat),
            "seats": [{"id": g, "name": s.label(g), "vp": vp, "colour": self.colours.get(g, "")}
                      for g, vp in engine.scores(view).items()],
            "hand": hand,
            "current": s.label(current) if current else None,
            "your_turn": yours,
            "acted": acted,
            "can_undo": acted and s.can_undo,
            "choices": [self._choice(c) for c in s.choices(seat)] if yours else [],
            "last": list(s.last.log) if s.last is not None else [],
            "log": unroll(view.log)[-LOG_LINES:],
            "timer": self.timer if current == seat else None,  # the countdown is the actor's
        }

    def _acted(self, seat: str) -> bool:
        """The seat has played this turn and not yet handed over (undo may still apply)."""
        s = self.session
        return (s.turn_done and s.last is not None and s.last.faction == seat
                and not s.last.by_bot)

    def _choice(self, choice: Choice) -> dict[str, Any]:
        s = self.session
        out: dict[str, Any] = {
            "key": f"{choice.kind}:{choice.id}", "kind": choice.kind, "id": choice.id,
            "name": choice.name, "text": choice.text, "cost": choice.cost,
            "target": choice.target, "sphere": choice.sphere, "quote": choice.quote,
            "section": self.sections.get(choice.section, ""), "enabled": choice.enabled,
            "why": None,
            "targets": [],
        }
        if not choice.enabled:
            out["why"] = self._why_choice(choice)
        for action in choice.actions:
            price = self.engine.price(s.state, action)
            out["targets"].append({"action": str(action), "label": s.describe(action),
                                   "cost": price.cost if price else 0})
        return out

    def _why_choice(self, choice: Choice) -> str:
        """The engine's reason, asked of the first target the choice could have (as the window)."""
        for action in self.session.all_targets(choice):
            reason = self.engine.why_illegal(self.session.state, action)
            if reason:
                return reason.removeprefix(f"{choice.name} is not possible now: ")
        return "it has no legal target now"

    # what a device asks ---------------------------------------------------------------------

    def handle(self, seat: str, message: dict[str, Any]) -> Answer:
        """One request from a device bound to ``seat``; raises DeviceError with the reason."""
        kind = message.get("type")
        if kind == "join":
            # from now on this seat's hand lives on its device, never on the projector
            self.session.remote.add(seat)
            return Answer(self.snapshot(seat))
        if kind == "state":
            return Answer(self.snapshot(seat))
        if kind == "targets":
            return Answer(self._targets(seat, message.get("choice")))
        if kind == "preview":
            return Answer(self._preview(seat, self._action(message)))
        if kind == "confirm":
            return self._confirm(seat, self._action(message))
        if kind == "undo":
            return self._undo(seat)
        if kind == "end_turn":
            return self._end_turn(seat)
        raise DeviceError(f"unknown request {str(kind)[:40]!r}")

    def _my_turn(self, seat: str) -> None:
        s = self.session
        if s.state.over:
            raise DeviceError("the game is over")
        if s.classroom.paused:
            raise DeviceError("the instructor has paused the game")
        if self._acted(seat):
            raise DeviceError("you have already acted this turn: undo or end the turn")
        if s.current != seat:
            who = s.label(s.current) if s.current else "nobody"
            raise DeviceError(f"it is not your turn ({who} is to act)")
        if not s.can_act_remotely(seat):
            raise DeviceError("you have already acted this turn: undo or end the turn")

    @staticmethod
    def _action(message: dict[str, Any]) -> Action:
        text = message.get("action")
        if not isinstance(text, str) or not 0 < len(text) <= MAX_ACTION_TEXT:
            raise DeviceError("the request names no action")
        try:
            return Action.parse(text)
        except ValueError as err:
            raise DeviceError(str(err)) from None

    def _choice_for(self, seat: str, key: object) -> Choice:
        if not isinstance(key, str) or len(key) > MAX_ACTION_TEXT:
            raise DeviceError("the request names no action or card")
        self._my_turn(seat)
        found = next((c for c in self.session.choices(seat) if f"{c.kind}:{c.id}" == key), None)
        if found is None:
            raise DeviceError(f"{key!r} is not among your actions and cards now")
        return found

    def _targets(self, seat: str, key: object) -> dict[str, Any]:
        """Every target of a choice: the legal ones with their cost, the others with why not."""
        s = self.session
        choice = self._choice_for(seat, key)
        targets = []
        for action in s.all_targets(choice):
            legal = action in choice.actions
            entry: dict[str, Any] = {"action": str(action), "label": s.describe(action),
                                     "legal": legal}
            if legal:
                price = self.engine.price(s.state, action)
                entry["cost"] = price.cost if price else 0
            else:
                entry["why"] = (self.engine.why_illegal(s.state, action)
                                or "this target is not offered now")
            targets.append(entry)
        return {"type": "targets", "choice": key, "targets": targets}

    def _preview(self, seat: str, action: Action) -> dict[str, Any]:
        """What a choice changes, priced and previewed on the seat's view (as the hover does)."""
        s = self.session
        self._my_turn(seat)
        reason = self.engine.why_illegal(s.state, action)
        if reason is not None:
            raise DeviceError(f"Not allowed: {reason}")
        view = self.engine.view(s.state, seat)
        price = self.engine.price(view, action)
        ending = self.engine.ending(view, action)
        changes = diff_states(self.session.reader, view, self.engine.preview(view, action).state)
        return {"type": "preview", "action": str(action), "label": s.describe(action),
                "cost": price.cost if price else 0,
                "reasons": list(price.reasons) if price else [],
                "changes": changes.lines[:20], "ending": ending}

    def _confirm(self, seat: str, action: Action) -> Answer:
        s = self.session
        self._my_turn(seat)
        try:
            played = s.apply(action)
        except IllegalActionError as err:
            raise DeviceError(f"Not allowed: {err}") from None
        return Answer({"type": "done", "what": "confirm", "log": list(played.log)}, played)

    def _undo(self, seat: str) -> Answer:
        s = self.session
        if not self._acted(seat):
            raise DeviceError("there is no move of yours to take back")
        if not s.undo():
            raise DeviceError("this move revealed new information and cannot be undone")
        return Answer({"type": "done", "what": "undo"})

    def _end_turn(self, seat: str) -> Answer:
        if not self._acted(seat):
            raise DeviceError("you have not acted this turn")
        self.session.end_turn()
        return Answer({"type": "done", "what": "end_turn"})
