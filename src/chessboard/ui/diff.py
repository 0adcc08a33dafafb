"""What an action changed on the board, for highlights and hover previews.

A display-level comparison of two states the engine produced (before and after, or before and
``engine.preview``): it reads numbers and asks the engine who controls a sphere, through the
board's reader; it decides nothing about the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chessboard.engine.state import GameState
    from chessboard.ui.boardread import BoardReader


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


def diff_states(reader: BoardReader, before: GameState, after: GameState) -> Changes:
    out = Changes()
    lg = reader.legend
    influence, opinion, stance, member = (reader.influence, reader.opinion, reader.stance,
                                          reader.member)
    for c, name in enumerate(lg.country_names):
        for s, sphere in enumerate(lg.sphere_ids):
            changed = False
            for p, power in enumerate(lg.power_names):
                was, now = influence(before, c, s, p), influence(after, c, s, p)
                if was != now:
                    changed = True
                    out.powers.add((c, s, p))
                    out.lines.append(f"{power} {sphere} influence in {name}: {was} to {now}")
            if changed:
                out.cells.add((c, s))
                was, now = reader.controller(before, c, s), reader.controller(after, c, s)
                if was != now:
                    who = lg.power_names[now] if now >= 0 else "nobody"
                    out.lines.append(f"{name} {sphere}: now controlled by {who}")
        for p, power in enumerate(lg.power_names):
            was, now = opinion(before, c, p), opinion(after, c, p)
            if was != now:
                out.countries.add(c)
                out.lines.append(f"{name}: public opinion of {power} "
                                 f"{_signed(was)} to {_signed(now)}")
            was, now = stance(before, c, p), stance(after, c, p)
            if was != now:
                out.countries.add(c)
                out.lines.append(f"{name}: official stance towards {power} "
                                 f"{_signed(was)} to {_signed(now)}")
        was, now = reader.agency(before, c), reader.agency(after, c)
        if was != now:
            out.countries.add(c)
            out.lines.append(f"{name}: agency {was} to {now}")
        for o, org in enumerate(lg.org_names):
            joined = member(after, o, c)
            if member(before, o, c) != joined:
                out.countries.add(c)
                out.lines.append(f"{name} {'joins' if joined else 'leaves'} the {org}")
    for k, name in enumerate(lg.track_names):
        was, now = reader.track(before, k), reader.track(after, k)
        if was != now:
            out.tracks.add(k)
            out.lines.append(f"{name}: {was} to {now}")
    for f in reader.seated(after):
        name = lg.faction_names[f]
        was, now = reader.vp(before, f), reader.vp(after, f)
        if was != now:
            out.factions.add(f)
            out.lines.append(f"{name}: {was} to {now} VP")
        was, now = reader.ip(before, f), reader.ip(after, f)
        if was != now:
            out.factions.add(f)
            out.lines.append(f"{name}: {was} to {now} IP")
    return out
