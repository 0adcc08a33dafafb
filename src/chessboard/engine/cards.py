"""Decks and hands: drawing reveals hidden information, reshuffling uses the state's RNG."""

from __future__ import annotations

from chessboard.engine import rng
from chessboard.engine.context import Ctx


def draw(cx: Ctx, faction: int, count: int) -> int:
    """Move up to ``count`` cards from the faction's deck to its hand; return how many moved."""
    t, st = cx.tables, cx.st
    deck = t.faction_deck[faction]
    pile = st.decks[deck]
    hand = st.hands[faction]
    drawn = 0
    for _ in range(count):
        if not pile:
            if not st.discards[deck]:
                break
            st.rng, pile = rng.shuffled(st.rng, st.discards[deck])
            st.discards[deck] = ()
        hand = (*hand, pile[-1])
        pile = pile[:-1]
        drawn += 1
    st.decks[deck] = pile
    st.hands[faction] = tuple(sorted(hand))
    if drawn:
        cx.drew = True
    return drawn


def discard(cx: Ctx, faction: int, card: int) -> None:
    st = cx.st
    hand = list(st.hands[faction])
    hand.remove(card)
    st.hands[faction] = tuple(hand)
    deck = cx.tables.faction_deck[faction]
    st.discards[deck] = (*st.discards[deck], card)
