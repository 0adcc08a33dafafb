"""What an action changed on the board, for highlights and hover previews.

A display-level comparison of two states the engine produced (before and after, or before and
``engine.preview``): it reads numbers and asks the engine's tables who controls a sphere; it
decides nothing about the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chessboard.engine.context import Tables
    from chessboard.engine.state import GameState


@dataclass(slots=True)
class Changes:
    cells: set[tuple[int, int]] = field(default_factory=set)  # (country, sphere)
    powers: set[tuple[int, int, int]] = field(default_factory=set)  # (country, sphere, power)
    countries: set[int] = field(default_factory=set)  # opinion, stance, membership, agency
    tracks: set[int] = field(default_factory=set)
    factions: set[int] = field(default_factory=set)  # VP or IP
    lines: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.cells or self.countries or self.tracks or self.factions)


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


def diff_states(t: Tables, before: GameState, after: GameState) -> Changes:
    out = Changes()
    S, P = t.S, t.P
    for c in range(t.C):
        name = t.country_names[c]
        for s in range(S):
            changed = False
            for p in range(P):
                i = (c * S + s) * P + p
                if before.inf[i] != after.inf[i]:
                    changed = True
                    out.powers.add((c, s, p))
                    out.lines.append(f"{t.power_names[p]} {t.sphere_ids[s]} influence in "
                                     f"{name}: {before.inf[i]} to {after.inf[i]}")
            if changed:
                out.cells.add((c, s))
                was, now = t.controller(before, c, s), t.controller(after, c, s)
                if was != now:
                    who = t.power_names[now] if now >= 0 else "nobody"
                    out.lines.append(f"{name} {t.sphere_ids[s]}: now controlled by {who}")
        for p in range(P):
            i = c * P + p
            if before.opinion[i] != after.opinion[i]:
                out.countries.add(c)
                out.lines.append(f"{name}: public opinion of {t.power_names[p]} "
                                 f"{_signed(before.opinion[i])} to {_signed(after.opinion[i])}")
            if before.stance[i] != after.stance[i]:
                out.countries.add(c)
                out.lines.append(f"{name}: official stance towards {t.power_names[p]} "
                                 f"{_signed(before.stance[i])} to {_signed(after.stance[i])}")
        if before.agency[c] != after.agency[c]:
            out.countries.add(c)
            out.lines.append(f"{name}: agency {before.agency[c]} to {after.agency[c]}")
        for o, org in enumerate(t.org_names):
            was, now = before.members[o] >> c & 1, after.members[o] >> c & 1
            if was != now:
                out.countries.add(c)
                out.lines.append(f"{name} {'joins' if now else 'leaves'} the {org}")
    for k, name in enumerate(t.track_names):
        if before.tracks[k] != after.tracks[k]:
            out.tracks.add(k)
            out.lines.append(f"{name}: {before.tracks[k]} to {after.tracks[k]}")
    for f in after.seats:
        name = t.faction_names[f]
        if before.vp[f] != after.vp[f]:
            out.factions.add(f)
            out.lines.append(f"{name}: {before.vp[f]} to {after.vp[f]} VP")
        if before.ip[f] != after.ip[f]:
            out.factions.add(f)
            out.lines.append(f"{name}: {before.ip[f]} to {after.ip[f]} IP")
    return out
