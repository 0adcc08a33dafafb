"""The game's random numbers: SplitMix64, whose whole state is one integer kept in the state.

One integer copies for free and round-trips through JSON, so a seed plus the action list replays
a game exactly whatever else in the process uses :mod:`random`.
"""

from __future__ import annotations

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def seed_state(seed: int) -> int:
    """Spread a user's seed (any int) over the 64-bit state."""
    return (seed * GOLDEN + 0x632BE59BD9B4E019) & MASK


def next_u64(state: int) -> tuple[int, int]:
    """Advance the state; return ``(new_state, 64 random bits)``."""
    state = (state + GOLDEN) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def below(state: int, n: int) -> tuple[int, int]:
    """A number in ``range(n)``; the tiny modulo bias of 64 bits is irrelevant for n < 1000."""
    state, value = next_u64(state)
    return state, value % n


def shuffled(state: int, items: list[int] | tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
    """Fisher-Yates shuffle of a copy of ``items``.

    The draws are :func:`below`'s, written out here: every new game shuffles every deck.
    """
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        state = (state + GOLDEN) & MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        j = (z ^ (z >> 31)) % (i + 1)
        out[i], out[j] = out[j], out[i]
    return state, tuple(out)
