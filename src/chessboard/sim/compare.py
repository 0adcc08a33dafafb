"""``chessboard simulate --compare A B``: the same seeds and seats under two sets of rules.

Game ``i`` is played with seed ``seed + i`` under A and under B, so every measure is compared
pair by pair (:mod:`chessboard.sim.paired`): each faction's wins, game length, escalation, mean
VP and every fidelity measure (:func:`chessboard.sim.fidelity.per_game_measures`). A designer
reads one table: what changed, by how much (with a 95% interval) and whether it could be
chance (p). The exit status is 0 whatever the results.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chessboard.engine.game import Engine, SetupError
from chessboard.rules.loader import Rules
from chessboard.seats import Seat, fill_seats
from chessboard.sim.cardstats import card_statistics
from chessboard.sim.fidelity import per_game_measures
from chessboard.sim.paired import PairedResult, compare_values
from chessboard.sim.runner import GameRecord
from chessboard.sim.simulate import Task, _all_keys, _execute, rules_identity
from chessboard.sim.stats import Summary, format_table, summarise

# the per-game measures of a side: {measure name: value per game, None where it does not apply}
Measures = Callable[[list[GameRecord], list[str], int], dict[str, list[float | None]]]


def fidelity_measures(records: list[GameRecord], fields: list[str],
                      danger: int) -> dict[str, list[float | None]]:
    return per_game_measures(records, fields=fields, danger=danger)


@dataclass(slots=True)
class Comparison:
    wins: list[PairedResult]  # one per faction
    game: list[PairedResult]  # length, escalation, VP per faction
    fidelity: list[PairedResult]

    def to_json(self) -> dict[str, Any]:
        return {"wins": [r.to_json() for r in self.wins],
                "game": [r.to_json() for r in self.game],
                "fidelity": [r.to_json() for r in self.fidelity]}


def _danger(rules: Rules, engine: Engine) -> int:
    tension = rules.track("tension") if "tension" in engine.track_ids else None
    return tension.danger if tension is not None and tension.danger else 8


def compare_records(a: list[GameRecord], b: list[GameRecord], *, fields_a: list[str],
                    fields_b: list[str], danger_a: int = 8, danger_b: int = 8,
                    measures: Measures = fidelity_measures) -> Comparison:
    """Pair game ``i`` of A with game ``i`` of B (same seed) and test every measure."""
    for x, y in zip(a, b, strict=True):
        if x.seed != y.seed:
            raise ValueError(f"game {x.index}: seeds differ ({x.seed} vs {y.seed})")
    factions = [f for f in a[0].vp if f in b[0].vp] if a and b else []
    wins = [compare_values(f, [r.winner == f for r in a], [r.winner == f for r in b])
            for f in factions]
    game = [
        compare_values("rounds played", [r.rounds for r in a], [r.rounds for r in b]),
        compare_values("decisions", [r.decisions for r in a], [r.decisions for r in b]),
        compare_values("game ends early (escalation or another end condition)",
                       [r.reason != "rounds" for r in a],
                       [r.reason != "rounds" for r in b]),
        *(compare_values(f"{f} VP", [r.vp[f] for r in a], [r.vp[f] for r in b])
          for f in factions),
    ]
    fa = measures(a, fields_a, danger_a)
    fb = measures(b, fields_b, danger_b)
    fidelity = [compare_values(name, fa[name], fb[name]) for name in fa if name in fb]
    return Comparison(wins=wins, game=game, fidelity=fidelity)


def _value(r: PairedResult, x: float) -> str:
    if math.isnan(x):  # no pairs
        return "-"
    return f"{100 * x:.1f}%" if r.test == "mcnemar" else f"{x:.2f}"


def _diff(r: PairedResult, x: float) -> str:
    if not math.isfinite(x):
        return "-"
    return f"{100 * x:+.1f} pp" if r.test == "mcnemar" else f"{x:+.2f}"


def _rows(results: list[PairedResult]) -> list[list[str]]:
    rows = []
    for r in results:
        detail = f"{r.discordant[0]}/{r.discordant[1]}" if r.discordant is not None else ""
        rows.append([r.measure, str(r.pairs), _value(r, r.mean_a), _value(r, r.mean_b),
                     _diff(r, r.diff), f"{_diff(r, r.low)} .. {_diff(r, r.high)}",
                     f"{'<0.001' if r.p < 0.001 else f'{r.p:.3f}'}"
                     f"{' *' if r.significant else '  '}", detail])
    return rows


HEADERS = ["measure", "pairs", "A", "B", "B - A", "95% CI of B - A", "p", "A only/B only"]


def format_comparison(c: Comparison) -> str:
    align = "lrrrrrrr"
    parts = [
        "Win rates (McNemar's exact test on the paired win/lose outcomes; 'A only/B only': "
        "games the faction won under one side only)",
        format_table(["faction", *HEADERS[1:]], _rows(c.wins), align=align),
        "",
        "Game (yes/no measures: McNemar; numbers: paired t-test, t interval of the mean "
        "difference)",
        format_table(HEADERS, _rows(c.game), align=align),
    ]
    if c.fidelity:
        parts += ["", "Fidelity measures, game by game",
                  format_table(HEADERS, _rows(c.fidelity), align=align)]
    significant = [r.measure for r in (*c.wins, *c.game, *c.fidelity) if r.significant]
    parts += ["", "* p < 0.05 (two-sided; not corrected for the number of measures): "
              + (", ".join(significant) if significant else "no significant difference")]
    return "\n".join(parts)


def write_compare_report(directory: Path, comparison: Comparison, *, title: str,
                         header: str) -> list[Path]:
    """``--report DIR``: each section's differences B - A with their 95% intervals (one chart
    per section, measures by name, significant ones in colour) and an index.html."""
    import html

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    images: list[tuple[str, str]] = []
    sections = (("wins", "Win rates: B - A (percentage points)", comparison.wins),
                ("game", "Game: B - A (yes/no in points, numbers as they are)", comparison.game),
                ("fidelity", "Fidelity measures: B - A (yes/no in points, numbers as they are)",
                 comparison.fidelity))
    for name, heading, results in sections:
        if not results:
            continue
        fig, ax = plt.subplots(figsize=(9, max(2.5, 0.4 * len(results) + 1)))
        for y, r in enumerate(results):
            factor = 100.0 if r.test == "mcnemar" else 1.0
            low = r.low * factor if math.isfinite(r.low) else r.diff * factor
            high = r.high * factor if math.isfinite(r.high) else r.diff * factor
            centre = r.diff * factor if math.isfinite(r.diff) else 0.0
            colour = "#D55E00" if r.significant else "#555555"
            ax.plot([low, high], [y, y], color=colour, linewidth=2)
            ax.plot([centre], [y], "o", color=colour)
        ax.axvline(0, color="black", linewidth=1)
        ax.set_yticks(range(len(results)), [r.measure for r in results])
        ax.invert_yaxis()
        ax.set_title(f"{heading}; 95% intervals, significant in orange")
        path = directory / f"compare_{name}.png"
        fig.savefig(path, dpi=100, bbox_inches="tight")
        plt.close(fig)
        written.append(path)
        images.append((path.name, heading))
    parts = ["<!doctype html><html><head><meta charset='utf-8'>",
             f"<title>{html.escape(title)}</title>",
             "<style>body{font-family:sans-serif;margin:2em;max-width:1200px}"
             "pre{background:#f4f4f4;padding:1em;overflow-x:auto}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>", f"<pre>{html.escape(header)}</pre>",
             *(f"<h2>{html.escape(h)}</h2><img src='{n}' alt='{html.escape(h)}'>"
               for n, h in images),
             "<h2>Tables</h2>", f"<pre>{html.escape(format_comparison(comparison))}</pre>",
             "</body></html>"]
    index = directory / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    written.append(index)
    return written


def _describe(label: str, rules: Rules) -> str:
    mods = "".join(f" + mod {m.name} ({m.digest[:12]})" for m in rules.mods)
    return (f"{label}: {rules.directory} ({rules.name} {rules.version}, hash "
            f"{rules.digest[:12]}){mods}")


def run_compare(rules_a: Rules, rules_b: Rules, seats: list[Seat], *, games: int, seed: int,
                scenario: str | None, workers: int, json_path: Path | None,
                progress: bool, report_dir: Path | None = None) -> int:
    """Play the same games under A and B, print the paired comparison; return 0."""
    engine_a, engine_b = Engine(rules_a, log=False), Engine(rules_b, log=False)
    seat_tuple = fill_seats(engine_a, seats)
    factions = [s.faction for s in seat_tuple]
    for label, engine in (("A", engine_a), ("B", engine_b)):
        try:
            engine.new_game(scenario=scenario, seats=factions, seed=seed)
        except SetupError as err:
            raise SetupError(f"rules {label} ({engine.rules.directory}): {err}") from None
    tasks = [Task(i, seed + i, seat_tuple, scenario) for i in range(games)]
    sides: dict[str, list[GameRecord]] = {}
    for label, rules in (("A", rules_a), ("B", rules_b)):
        sides[label] = [rec for _, rec in _execute(rules, tasks, workers=workers,
                                                   progress=progress)]
    fields_a, fields_b = engine_a.history_fields(), engine_b.history_fields()
    comparison = compare_records(sides["A"], sides["B"], fields_a=fields_a, fields_b=fields_b,
                                 danger_a=_danger(rules_a, engine_a),
                                 danger_b=_danger(rules_b, engine_b))
    summaries: dict[str, Summary] = {
        "A": summarise(sides["A"], all_keys=_all_keys(engine_a, factions)),
        "B": summarise(sides["B"], all_keys=_all_keys(engine_b, factions)),
    }
    seats_text = ", ".join(f"{s.faction}={'human->heuristic' if s.human else s.bot + ':' + s.level}"
                           for s in seat_tuple)
    first_a, first_b = rules_a.scenarios.scenarios[0].id, rules_b.scenarios.scenarios[0].id
    played = scenario or (first_a if first_a == first_b else f"{first_a} (A) / {first_b} (B)")
    header = [
        f"A/B comparison: {games} games of {played} under each rules, seeds {seed}.."
        f"{seed + games - 1} on both; seats {seats_text}",
        _describe("A", rules_a),
        _describe("B", rules_b),
    ]
    print("\n".join([*header, "", format_comparison(comparison)]))
    if report_dir is not None:
        write_compare_report(report_dir, comparison, title=f"Chessboard A/B: {games} games",
                             header="\n".join(header))
    if json_path is not None:
        data = {
            "arguments": {"games": games, "seed": seed, "scenario": scenario,
                          "seats": [f"{s.faction}={s.bot}:{s.level}" for s in seat_tuple]},
            "comparison": comparison.to_json(),
            **{label.lower(): {"rules": rules_identity(rules),
                               "history_fields": engine.history_fields(),
                               "summary": summaries[label].to_json(),
                               "cards": card_statistics(
                                   sides[label], rules,
                                   available=_all_keys(engine, factions)).to_json(),
                               "games": [r.to_json() for r in sides[label]]}
               for label, rules, engine in (("A", rules_a, engine_a), ("B", rules_b, engine_b))},
        }
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0
