"""Seat specifications: who plays each faction (``russia=human,china=bot:mcts,eu=bot``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chessboard.engine.game import Engine

# The one list of each closed vocabulary of seats: --seats, saves, the set-up screen and the
# bot factory (chessboard.ai.registry) all read these; the bots key their budgets by them.
BOT_KINDS = ("random", "heuristic", "mcts")
# How hard a bot plays: the heuristic bot's noise, the search bot's budget.
STRENGTHS = ("easy", "normal", "hard")
# A style rather than a strength: the heuristic bot plays with the faction's
# `bot_styles.aggressive` weights (rules/game.yaml), which ignore the risk of escalation.
STYLES = ("aggressive",)
LEVELS = (*STRENGTHS, *STYLES)
DEFAULT_BOT = "heuristic"
DEFAULT_LEVEL = "normal"


class SeatSpecError(ValueError):
    """A seat specification that cannot be read; the message quotes the offending part."""


@dataclass(frozen=True, slots=True)
class Seat:
    faction: str
    human: bool
    bot: str = DEFAULT_BOT  # kind of bot when not human
    level: str = "normal"
    name: str = ""

    def label(self, faction_name: str) -> str:
        if self.name:
            return self.name
        return faction_name if self.human else f"{faction_name} (bot)"


def fill_seats(engine: Engine, seats: list[Seat] | tuple[Seat, ...]) -> tuple[Seat, ...]:
    """The seats asked for, plus a default bot for each seat the engine adds (the factions
    always in play: :meth:`~chessboard.engine.game.Engine.seating` decides which)."""
    given = {s.faction: s for s in seats}
    added = engine.seating([s.faction for s in seats])[len(seats):]
    return (*seats, *(given.get(f) or Seat(f, human=False) for f in added))


def parse_seat(faction: str, text: str) -> Seat:
    """``human``, ``bot``, ``bot:mcts``, ``bot:mcts:hard`` or ``bot:hard``."""
    parts = text.strip().lower().split(":")
    if parts == ["human"]:
        return Seat(faction, human=True)
    if parts[0] != "bot":
        raise SeatSpecError(f"seat {faction}={text!r}: expected 'human' or 'bot[:kind][:level]'")
    kind, level = DEFAULT_BOT, "normal"
    for part in parts[1:]:
        if part in BOT_KINDS:
            kind = part
        elif part in LEVELS:
            level = part
        else:
            raise SeatSpecError(
                f"seat {faction}={text!r}: unknown bot {part!r} "
                f"(kinds: {', '.join(BOT_KINDS)}; levels: {', '.join(LEVELS)})"
            )
    return Seat(faction, human=False, bot=kind, level=level)


def parse_seats(spec: str, *, factions: list[str], defaults: list[str]) -> list[Seat]:
    """Read a ``--seats`` value. ``all=X`` applies X to every default seat of the scenario.

    Factions named explicitly are added to the defaults; ``faction=none`` removes one. The
    scenario's other seats are bots (see :func:`defaulted_seats`) unless the value is empty:
    then every seat is human, the hot-seat table of a plain ``play``.
    """
    seats: dict[str, Seat] = {}
    everyone: str | None = None
    removed: set[str] = set()
    for item in filter(None, (part.strip() for part in spec.split(","))):
        if "=" not in item:
            raise SeatSpecError(f"seat {item!r}: expected faction=human or faction=bot")
        faction, _, value = item.partition("=")
        faction = faction.strip().lower()
        if faction == "all":
            everyone = value
            continue
        if faction not in factions:
            raise SeatSpecError(
                f"seat {item!r}: unknown faction {faction!r} (factions: {', '.join(factions)})"
            )
        if value.strip().lower() == "none":
            removed.add(faction)
            continue
        seats[faction] = parse_seat(faction, value)
    order = [f for f in defaults if f not in removed]
    order += [f for f in seats if f not in order]
    out = []
    for faction in order:
        if faction in seats:
            out.append(seats[faction])
        elif everyone is not None:
            out.append(parse_seat(faction, everyone))
        else:
            # A seat the command did not mention is not a player waiting at the table
            out.append(Seat(faction, human=not spec.strip()))
    return out


def defaulted_seats(spec: str, *, defaults: list[str]) -> list[str]:
    """The scenario's seats that a non-empty ``--seats`` value leaves to the default bot."""
    named: set[str] = set()
    for item in filter(None, (part.strip() for part in spec.split(","))):
        faction = item.partition("=")[0].strip().lower()
        if faction == "all":
            return []
        named.add(faction)
    return [f for f in defaults if f not in named] if spec.strip() else []
