"""Designer's debug edits: documented state edits that the engine checks, for trying a card
at once (``play --designer``'s console).

An edit is one line of text, parsed into a :class:`DebugEdit` and applied by
:func:`apply_edit`, which validates every id and range against the rules and returns a new
state (the old one is never touched), with a ``[debug]`` line in the log::

    event ID                              the next news is this event
    card FACTION CARD                     a copy of a card of the faction's deck into its hand
    track ID VALUE                        set a track (within its min..max)
    influence POWER COUNTRY SPHERE VALUE  set influence (0..max_influence)
    ip FACTION AMOUNT                     give IP (negative takes; the result stays 0..ip_max)

Saves record each edit with the number of actions before it (``SaveGame.debug``), so a game
touched by the console replays exactly and is marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from chessboard.engine.game import Engine
from chessboard.engine.state import GameState, push

MAX_EDIT_CHARS = 200
# the words of each edit after its kind, for parsing and the console's help
EDIT_FORMS: dict[str, tuple[str, ...]] = {
    "event": ("ID",),
    "card": ("FACTION", "CARD"),
    "track": ("ID", "VALUE"),
    "influence": ("POWER", "COUNTRY", "SPHERE", "VALUE"),
    "ip": ("FACTION", "AMOUNT"),
}
_NUMBERS = ("VALUE", "AMOUNT")


class DebugError(ValueError):
    """An edit that does not parse or that the rules do not allow; the message says why."""


@dataclass(frozen=True, slots=True)
class DebugEdit:
    kind: str
    words: tuple[str, ...]  # ids, in the order of EDIT_FORMS[kind]
    number: int = 0  # the VALUE or AMOUNT, when the kind has one

    def __str__(self) -> str:
        tail = (str(self.number),) if EDIT_FORMS[self.kind][-1] in _NUMBERS else ()
        return " ".join((self.kind, *self.words, *tail))

    @classmethod
    def parse(cls, text: str) -> DebugEdit:
        if len(text) > MAX_EDIT_CHARS:
            raise DebugError(f"a debug edit is at most {MAX_EDIT_CHARS} characters")
        words = text.split()
        if not words:
            raise DebugError("empty edit; " + usage())
        kind, args = words[0].lower(), words[1:]
        form = EDIT_FORMS.get(kind)
        if form is None:
            raise DebugError(f"unknown edit {words[0]!r}; " + usage())
        if len(args) != len(form):
            raise DebugError(f"{kind} takes {' '.join(form)}")
        if form[-1] in _NUMBERS:
            try:
                number = int(args[-1])
            except ValueError:
                raise DebugError(f"{form[-1]} must be a whole number, not {args[-1]!r}") \
                    from None
            return cls(kind, tuple(args[:-1]), number)
        return cls(kind, tuple(args))


def usage() -> str:
    return "edits: " + "; ".join(" ".join((k, *form)) for k, form in EDIT_FORMS.items())


def apply_edit(engine: Engine, st: GameState, edit: DebugEdit | str) -> GameState:
    """The state after a debug edit; raise :class:`DebugError` when the rules forbid it."""
    if isinstance(edit, str):
        edit = DebugEdit.parse(edit)
    if st.hidden:
        raise DebugError("a seat's view cannot be edited, only the game itself")
    if st.over:
        raise DebugError("the game is over")
    new = st.copy()
    _EDITS[edit.kind](engine, new, edit)
    new.ctrl = None  # influence may have changed: control is recomputed
    if engine.logging:
        new.log = push(new.log, f"[debug] {edit}")
    return new


def _index(table: dict[str, int], ident: str, what: str) -> int:
    if ident not in table:
        known = ", ".join(sorted(table))
        raise DebugError(f"unknown {what} {ident!r} (known: {known})")
    return table[ident]


def _in_range(value: int, low: int, high: int, what: str) -> None:
    if not low <= value <= high:
        raise DebugError(f"{what} must be {low} to {high}, not {value}")


def _event(engine: Engine, st: GameState, edit: DebugEdit) -> None:
    t = engine._tables
    event = _index({e: i for i, e in enumerate(t.event_ids)}, edit.words[0], "event")
    # the next news is drawn in this round when its news step is still to come, else the next
    names = engine.step_names
    news_step = names.index("news") if "news" in names else 0
    next_round = st.round if st.step <= news_step else st.round + 1
    era = max((i for i, start in enumerate(t.era_from) if next_round >= start), default=0)
    piles = [tuple(card for card in pile if card != event) for pile in st.event_piles]
    piles[era] = (*piles[era], event)  # the top of a pile is its last card
    st.event_piles = piles


def _card(engine: Engine, st: GameState, edit: DebugEdit) -> None:
    t = engine._tables
    faction = _index(t.faction_index, edit.words[0], "faction")
    if faction not in st.seats:
        raise DebugError(f"{edit.words[0]} has no seat in this game")
    card = _index(t.card_index, edit.words[1], "card")
    deck = t.faction_deck[faction]
    if card not in t.deck_cards[deck]:
        raise DebugError(f"{edit.words[1]} is not in {t.faction_ids[faction]}'s deck "
                         f"({t.deck_ids[deck]})")
    # take a copy from the draw pile or the discards, so the deck's copies stay as many
    for piles in (st.decks, st.discards):
        if card in piles[deck]:
            pile = list(piles[deck])
            pile.remove(card)
            piles[deck] = tuple(pile)
            break
    else:
        raise DebugError(f"every copy of {edit.words[1]} is already in a hand")
    st.hands[faction] = (*st.hands[faction], card)


def _track(engine: Engine, st: GameState, edit: DebugEdit) -> None:
    t = engine._tables
    k = _index(t.track_index, edit.words[0], "track")
    _in_range(edit.number, t.track_min[k], t.track_max[k], t.track_names[k])
    st.tracks[k] = edit.number


def _influence(engine: Engine, st: GameState, edit: DebugEdit) -> None:
    t = engine._tables
    p = _index(t.power_index, edit.words[0], "power")
    c = _index(t.country_index, edit.words[1], "country")
    s = _index(t.sphere_index, edit.words[2], "sphere")
    _in_range(edit.number, 0, t.max_influence, "influence")
    st.inf[(c * t.S + s) * t.P + p] = edit.number


def _ip(engine: Engine, st: GameState, edit: DebugEdit) -> None:
    t = engine._tables
    f = _index(t.faction_index, edit.words[0], "faction")
    _in_range(st.ip[f] + edit.number, 0, t.settings.ip_max, f"{t.faction_names[f]}'s IP")
    st.ip[f] += edit.number


_EDITS = {"event": _event, "card": _card, "track": _track, "influence": _influence,
          "ip": _ip}
