"""Summary statistics of many games: win rates with Wilson intervals, length, VP, usage."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from chessboard.sim.runner import GameRecord

Z95 = 1.959963984540054


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a binomial proportion (95% by default)."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(slots=True)
class FactionLine:
    faction: str
    games: int
    wins: int
    rate: float
    low: float
    high: float
    mean_vp: float
    sd_vp: float
    mean_position: float


@dataclass(slots=True)
class UsageLine:
    key: str  # "act:place", "card:greater_eurasia", "pass"
    count: int
    share: float


@dataclass(slots=True)
class Summary:
    games: int
    factions: list[FactionLine]
    no_winner: int
    mean_rounds: float
    mean_decisions: float
    escalations: int
    escalation_rate: float
    escalation_low: float
    escalation_high: float
    mean_margin: float  # winner's VP minus the runner-up's
    median_margin: float
    mean_spread: float  # highest minus lowest VP in a game
    usage: list[UsageLine]  # every action and card of the rules, most used first
    top_share: float
    top_key: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def summarise(records: list[GameRecord], *, all_keys: list[str]) -> Summary:
    """``all_keys``: every action and card the seated factions could use, so unused ones show."""
    n = len(records)
    factions: list[str] = []
    for r in records:
        for f in r.vp:
            if f not in factions:
                factions.append(f)
    lines = []
    for f in factions:
        played = [r for r in records if f in r.vp]
        wins = sum(1 for r in played if r.winner == f)
        low, high = wilson(wins, len(played))
        vps = [r.vp[f] for r in played]
        positions = [r.ranking.index(f) + 1 if f in r.ranking else len(r.vp) for r in played]
        lines.append(FactionLine(
            faction=f, games=len(played), wins=wins,
            rate=wins / len(played) if played else 0.0, low=low, high=high,
            mean_vp=statistics.fmean(vps) if vps else 0.0,
            sd_vp=statistics.pstdev(vps) if len(vps) > 1 else 0.0,
            mean_position=statistics.fmean(positions) if positions else 0.0,
        ))
    escalations = sum(1 for r in records if r.reason != "rounds")
    e_low, e_high = wilson(escalations, n)
    margins, spreads = [], []
    for r in records:
        vps = sorted(r.vp.values(), reverse=True)
        if r.ranking and len(r.ranking) > 1:
            margins.append(r.vp[r.ranking[0]] - r.vp[r.ranking[1]])
        spreads.append(vps[0] - vps[-1] if vps else 0)
    usage_counts: Counter[str] = Counter(dict.fromkeys(all_keys, 0))
    for r in records:
        usage_counts.update(r.choices)
    total = sum(usage_counts.values()) or 1
    usage = sorted((UsageLine(k, c, c / total) for k, c in usage_counts.items()),
                   key=lambda u: (-u.count, u.key))
    top = usage[0] if usage else UsageLine("", 0, 0.0)
    return Summary(
        games=n, factions=lines,
        no_winner=sum(1 for r in records if r.winner is None),
        mean_rounds=statistics.fmean(r.rounds for r in records) if records else 0.0,
        mean_decisions=statistics.fmean(r.decisions for r in records) if records else 0.0,
        escalations=escalations, escalation_rate=escalations / n if n else 0.0,
        escalation_low=e_low, escalation_high=e_high,
        mean_margin=statistics.fmean(margins) if margins else 0.0,
        median_margin=statistics.median(margins) if margins else 0.0,
        mean_spread=statistics.fmean(spreads) if spreads else 0.0,
        usage=usage, top_share=top.share, top_key=top.key,
    )


def pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def format_table(headers: list[str], rows: list[list[str]], *, align: str = "") -> str:
    """A plain text table; ``align`` gives l or r per column (default: first l, rest r)."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    align = align or "l" + "r" * (len(headers) - 1)

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if a == "l" else c.rjust(w)
                         for c, w, a in zip(cells, widths, align, strict=True)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    return "\n".join(out)


def format_summary(s: Summary, *, usage_lines: int = 6) -> str:
    fair = 1 / len(s.factions) if s.factions else 0.0
    rows = [[f.faction, str(f.games), str(f.wins), pct(f.rate),
             f"{pct(f.low)} - {pct(f.high)}", f"{100 * (f.rate - fair):+5.1f}",
             f"{f.mean_vp:6.1f}", f"{f.sd_vp:5.1f}", f"{f.mean_position:4.2f}"]
            for f in s.factions]
    parts = [
        f"Win rates over {s.games} games (95% Wilson interval; fair share {pct(fair).strip()})",
        format_table(["faction", "games", "wins", "win rate", "95% CI", "vs fair (pp)",
                      "mean VP", "sd VP", "mean place"], rows),
    ]
    if s.no_winner:
        parts.append(f"games nobody won: {s.no_winner}")
    parts += [
        "",
        f"Game length: {s.mean_rounds:.2f} rounds, {s.mean_decisions:.1f} decisions on average",
        f"Escalation (open rivalry): {s.escalations} games, {pct(s.escalation_rate).strip()} "
        f"(95% CI {pct(s.escalation_low).strip()} - {pct(s.escalation_high).strip()})",
        f"VP spread: winner's margin over the runner-up {s.mean_margin:.1f} on average "
        f"(median {s.median_margin:g}); first to last {s.mean_spread:.1f}",
        "",
    ]
    most = s.usage[:usage_lines]
    least = sorted(s.usage, key=lambda u: (u.count, u.key))[:usage_lines]
    rows = []
    for i in range(max(len(most), len(least))):
        m = most[i] if i < len(most) else None
        lst = least[i] if i < len(least) else None
        rows.append([
            m.key if m else "", str(m.count) if m else "", pct(m.share) if m else "",
            lst.key if lst else "", str(lst.count) if lst else "", pct(lst.share) if lst else "",
        ])
    parts.append("Most and least used actions and cards (share of all choices)")
    parts.append(format_table(["most used", "times", "share", "least used", "times", "share"],
                              rows, align="lrrlrr"))
    return "\n".join(parts)
