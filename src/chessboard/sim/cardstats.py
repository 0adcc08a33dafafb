"""Per-card and per-action statistics of a simulation: drawn, held, offered, played, and winning.

:class:`CardTally` rides along one game in the runner and keeps only counters (a few set and
tuple operations per decision, so the bots' throughput barely moves); :func:`card_statistics`
adds the tallies of many games up into one line per strategy card, action and event of the
rules, every one of them listed even when it never came up.

Definitions (all counted at decisions, the moments a seat chooses an action):

- *drawn*: copies that entered a hand (the opening deal included);
- *held*: decisions of a faction at which the card was in that faction's hand;
- *offered*: decisions at which the card (or action) was among the legal choices;
- *played* / *chosen*: times it was chosen;
- *win when played*: share of (game, faction) pairs where the faction played the card at least
  once and won that game; *win when held, not played*: the same over pairs where the faction
  held it at a decision and never played it in that game.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chessboard.engine.actions import Action
    from chessboard.engine.game import Engine
    from chessboard.engine.state import GameState
    from chessboard.rules.loader import Rules
    from chessboard.sim.runner import GameRecord


class CardTally:
    """Counters of one game; :meth:`decision` before each choice, :meth:`finish` at the end."""

    __slots__ = ("card_ids", "drawn", "engine", "expected", "held", "offered", "seats")

    def __init__(self, engine: Engine, start: GameState) -> None:
        self.engine = engine
        self.card_ids = engine.card_ids  # the order of the record's entries: the rules'
        self.seats = engine.seated(start)
        # what each hand should hold if nothing was drawn since we last looked at it
        self.expected = {f: engine.hand(start, f) for f in self.seats}
        self.drawn: Counter[str | None] = Counter()
        for hand in self.expected.values():
            self.drawn.update(hand)
        self.held: dict[str, Counter[str | None]] = {f: Counter() for f in self.seats}
        self.offered: Counter[tuple[str, str]] = Counter()

    def _look(self, st: GameState) -> None:
        expected = self.expected
        for f in self.seats:
            hand = self.engine.hand(st, f)
            if hand != expected[f]:
                self.drawn.update(Counter(hand) - Counter(expected[f]))
            expected[f] = hand

    def decision(self, st: GameState, faction: str, legal: Sequence[Action],
                 action: Action) -> None:
        """Count what the deciding faction holds and is offered, and what it chose."""
        self._look(st)
        hand = self.expected[faction]
        if hand:
            self.held[faction].update(set(hand))
        self.offered.update({(a.kind, a.id) for a in legal})
        if action.kind == "card":
            # the card leaves the hand when played: it was not drawn when it is gone next time
            rest = list(hand)
            if action.id in rest:
                rest.remove(action.id)
            self.expected[faction] = tuple(rest)

    def finish(self, st: GameState) -> dict[str, Any]:
        """The tallies as plain data for the game's record."""
        self._look(st)
        return {
            "offered": {f"{kind}:{ident}" if kind != "pass" else "pass": n
                        for (kind, ident), n in sorted(self.offered.items())},
            "held": {f: {c: held[c] for c in self.card_ids if held[c]}
                     for f, held in self.held.items()},
            "drawn": {c: self.drawn[c] for c in self.card_ids if self.drawn[c]},
        }


# the statistics of many games -------------------------------------------------------------


@dataclass(slots=True)
class CardLine:
    id: str
    name: str
    deck: str
    drawn: int
    held: int  # decisions at which a holder had it in hand
    offered: int
    played: int
    played_games: int  # (game, faction) pairs where it was played
    played_wins: int
    win_played: float | None  # None: never played
    held_games: int  # (game, faction) pairs where it was held and never played
    held_wins: int
    win_held: float | None


@dataclass(slots=True)
class ActionLine:
    id: str  # "place", or "pass"
    name: str
    offered: int
    chosen: int
    rate: float | None  # chosen / offered


@dataclass(slots=True)
class EventLine:
    id: str
    name: str
    era: str
    drawn: int
    games: int  # games it was revealed in
    share: float
    escalation_when_drawn: float | None


@dataclass(slots=True)
class CardStats:
    cards: list[CardLine]
    actions: list[ActionLine]
    events: list[EventLine]
    never_chosen: list[str]  # "act:..."/"card:..." keys the seated factions could use

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _rate(wins: int, n: int) -> float | None:
    return wins / n if n else None


def card_statistics(records: list[GameRecord], rules: Rules, *,
                    available: Sequence[str] = ()) -> CardStats:
    """Every card, action and event of ``rules`` over ``records``.

    ``available``: the choice keys the seated factions could use (``_all_keys`` of simulate);
    those never chosen are listed in ``never_chosen``.
    """
    offered: Counter[str] = Counter()
    chosen: Counter[str] = Counter()
    drawn: Counter[str] = Counter()
    held: Counter[str] = Counter()
    events: Counter[str] = Counter()
    event_games: Counter[str] = Counter()
    event_escalations: Counter[str] = Counter()
    played_pairs: Counter[str] = Counter()
    played_wins: Counter[str] = Counter()
    held_pairs: Counter[str] = Counter()
    held_wins: Counter[str] = Counter()
    for r in records:
        offered.update(r.offered)
        chosen.update(r.choices)
        drawn.update(r.drawn)
        events.update(r.events)
        escalated = r.reason != "rounds"
        for event in set(r.events):
            event_games[event] += 1
            event_escalations[event] += escalated
        for faction, hand in r.held.items():
            held.update(hand)
            mine = r.choices_by_faction.get(faction, {})
            won = r.winner == faction
            for card in hand:
                if mine.get(f"card:{card}", 0) == 0:
                    held_pairs[card] += 1
                    held_wins[card] += won
        for faction, mine in r.choices_by_faction.items():
            won = r.winner == faction
            for key in mine:
                if key.startswith("card:"):
                    played_pairs[key[5:]] += 1
                    played_wins[key[5:]] += won
    cards = []
    for deck_id, deck in rules.decks.items():
        for card in deck.cards:
            key = f"card:{card.id}"
            cards.append(CardLine(
                id=card.id, name=card.name, deck=deck_id, drawn=drawn[card.id],
                held=held[card.id], offered=offered[key], played=chosen[key],
                played_games=played_pairs[card.id], played_wins=played_wins[card.id],
                win_played=_rate(played_wins[card.id], played_pairs[card.id]),
                held_games=held_pairs[card.id], held_wins=held_wins[card.id],
                win_held=_rate(held_wins[card.id], held_pairs[card.id]),
            ))
    actions = [ActionLine(a.id, a.name, offered[f"act:{a.id}"], chosen[f"act:{a.id}"],
                          _rate(chosen[f"act:{a.id}"], offered[f"act:{a.id}"]))
               for a in rules.actions.actions]
    actions.append(ActionLine("pass", "Pass", offered["pass"], chosen["pass"],
                              _rate(chosen["pass"], offered["pass"])))
    n = len(records)
    event_lines = [EventLine(e.id, e.name, e.era, events[e.id], event_games[e.id],
                             event_games[e.id] / n if n else 0.0,
                             _rate(event_escalations[e.id], event_games[e.id]))
                   for e in rules.events.events]
    never = [k for k in available if k != "pass" and chosen[k] == 0]
    return CardStats(cards=cards, actions=actions, events=event_lines, never_chosen=never)


def display_names(rules: Rules) -> dict[str, str]:
    """Choice key -> the name a designer reads ("card:bri_railway" -> "BRI railway")."""
    names = {f"act:{a.id}": a.name for a in rules.actions.actions}
    names.update({f"card:{c.id}": c.name for c in rules.all_cards()})
    names["pass"] = "Pass"
    return names


def _opt(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def format_never_chosen(stats: CardStats, names: dict[str, str]) -> str:
    if not stats.never_chosen:
        return "Never chosen: none (every action and card of the seated factions was chosen)"
    offered = {f"card:{c.id}": c.offered for c in stats.cards}
    offered.update({f"act:{a.id}": a.offered for a in stats.actions})
    # never legal and legal-but-shunned call for different fixes (a condition vs a cost)
    items = ", ".join(f"{names.get(k, k)} ({k}{', never legal' if not offered.get(k) else ''})"
                      for k in stats.never_chosen)
    return f"Never chosen ({len(stats.never_chosen)}): {items}"


def format_card_statistics(stats: CardStats) -> str:
    # imported here: sim.stats imports the runner, which imports this module
    from chessboard.sim.stats import format_table
    card_rows = [[c.name, c.deck, str(c.drawn), str(c.held), str(c.offered), str(c.played),
                  _opt(c.played / c.offered if c.offered else None),
                  f"{_opt(c.win_played)} ({c.played_games})",
                  f"{_opt(c.win_held)} ({c.held_games})"] for c in stats.cards]
    action_rows = [[a.name, a.id, str(a.offered), str(a.chosen), _opt(a.rate)]
                   for a in stats.actions]
    parts = [
        "Strategy cards: drawn (copies into a hand), held and offered (decisions), played; "
        "win rate of its holder when played vs when held and not played (games)",
        format_table(["card", "deck", "drawn", "held", "offered", "played", "played/offered",
                      "win if played", "win if held, not played"], card_rows,
                     align="llrrrrrrr"),
        "",
        "Actions: offered (decisions where legal) and chosen",
        format_table(["action", "id", "offered", "chosen", "chosen/offered"], action_rows,
                     align="llrrr"),
    ]
    if stats.events:
        event_rows = [[e.name, e.era, str(e.drawn), _opt(e.share),
                       _opt(e.escalation_when_drawn)] for e in stats.events]
        parts += ["", "Events: times drawn, share of games, escalation rate in those games",
                  format_table(["event", "era", "drawn", "games", "escalation"], event_rows,
                               align="llrrr")]
    return "\n".join(parts)


def write_card_charts(stats: CardStats, save: Any, plt: Any) -> list[str]:
    """Charts labelled with names (``save(fig, file)`` writes one); return the file names."""
    files: list[str] = []
    if stats.cards:
        cards = sorted(stats.cards, key=lambda c: (c.deck, c.name))
        height = max(3.0, 0.28 * len(cards) + 1)
        fig, axes = plt.subplots(1, 2, figsize=(13, height), sharey=True)
        y = list(range(len(cards)))
        names = [f"{c.name} ({c.deck})" for c in cards]
        axes[0].barh([v + 0.2 for v in y], [c.offered for c in cards], height=0.4,
                     label="offered (decisions)", color="#bbbbbb")
        axes[0].barh([v - 0.2 for v in y], [c.played for c in cards], height=0.4,
                     label="played", color="#0072B2")
        axes[0].set_yticks(y, names)
        axes[0].invert_yaxis()
        axes[0].set_title("Strategy cards: offered and played")
        axes[0].legend()
        axes[1].barh([v - 0.2 for v in y], [100 * (c.win_played or 0) for c in cards],
                     height=0.4, label="won when played", color="#009E73")
        axes[1].barh([v + 0.2 for v in y], [100 * (c.win_held or 0) for c in cards],
                     height=0.4, label="won when held, not played", color="#E69F00")
        axes[1].set_xlabel("holder's win rate (%)")
        axes[1].set_title("Playing a card and winning")
        axes[1].legend()
        save(fig, "cards.png")
        files.append("cards.png")
    if stats.actions:
        actions = stats.actions
        fig, ax = plt.subplots(figsize=(8, max(3.0, 0.3 * len(actions) + 1)))
        y = list(range(len(actions)))
        ax.barh([v + 0.2 for v in y], [a.offered for a in actions], height=0.4,
                label="offered (decisions)", color="#bbbbbb")
        ax.barh([v - 0.2 for v in y], [a.chosen for a in actions], height=0.4,
                label="chosen", color="#D55E00")
        ax.set_yticks(y, [a.name for a in actions])
        ax.invert_yaxis()
        ax.set_title("Actions: offered and chosen")
        ax.legend()
        save(fig, "actions.png")
        files.append("actions.png")
    return files
