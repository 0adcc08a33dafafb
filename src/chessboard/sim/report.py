"""``--report DIR``: PNG charts of a simulation and an index.html showing them with the tables."""

from __future__ import annotations

import html
import statistics
from pathlib import Path

from chessboard.sim.cardstats import CardStats, format_card_statistics, write_card_charts
from chessboard.sim.fidelity import Check, format_fidelity
from chessboard.sim.runner import GameRecord
from chessboard.sim.stats import Summary, format_summary

POWER_COLOURS = {"russia": "#0072B2", "china": "#D55E00", "eu": "#E69F00"}


def _per_round(records: list[GameRecord], column: int) -> tuple[list[int], list[float],
                                                                 list[float], list[float]]:
    """Mean and 10th/90th percentiles of a history column by round (games still running)."""
    rounds = sorted({h[0] for r in records for h in r.history})
    means, lows, highs = [], [], []
    for rnd in rounds:
        values = sorted(h[column] for r in records for h in r.history if h[0] == rnd)
        means.append(statistics.fmean(values))
        lows.append(values[int(0.1 * (len(values) - 1))])
        highs.append(values[int(0.9 * (len(values) - 1))])
    return rounds, means, lows, highs


def write_report(directory: Path, records: list[GameRecord], summary: Summary, *,
                 fields: list[str], checks: list[Check] | None, title: str,
                 strength_text: str = "", colours: dict[str, str] | None = None,
                 cards: CardStats | None = None) -> list[Path]:
    """Write the charts and index.html into ``directory``; return the files written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colours = {**POWER_COLOURS, **(colours or {})}
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(fig: object, name: str) -> None:
        path = directory / name
        fig.savefig(path, dpi=100, bbox_inches="tight")  # type: ignore[attr-defined]
        plt.close(fig)  # type: ignore[arg-type]
        written.append(path)

    # win rates with their 95% intervals
    fig, ax = plt.subplots(figsize=(7, 4))
    names = [f.faction for f in summary.factions]
    rates = [100 * f.rate for f in summary.factions]
    # max(0, ...): a Wilson bound of 0 or 1 can miss the rate by a rounding error, and
    # matplotlib refuses a negative error bar
    errors = [[max(0.0, 100 * (f.rate - f.low)) for f in summary.factions],
              [max(0.0, 100 * (f.high - f.rate)) for f in summary.factions]]
    ax.bar(names, rates, yerr=errors, capsize=6,
           color=[colours.get(n, "#999999") for n in names])
    if names:
        fair = 100 / len(names)
        ax.axhline(fair, color="black", linestyle="--", linewidth=1, label="fair share")
        ax.axhspan(fair - 8, fair + 8, color="grey", alpha=0.15, label="fair share ± 8 pp")
        ax.legend()
    ax.set_ylabel("win rate (%)")
    ax.set_title(f"Win rates over {summary.games} games (95% Wilson intervals)")
    save(fig, "win_rates.png")

    # tension and asymmetry over the rounds
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for ax, track in zip(axes, ("tension", "asymmetry"), strict=True):
        if track not in fields or not any(r.history for r in records):
            continue
        rounds, means, lows, highs = _per_round(records, fields.index(track))
        ax.plot(rounds, means, marker="o", color="black", label="mean")
        ax.fill_between(rounds, lows, highs, color="grey", alpha=0.3, label="10th-90th pct")
        ax.set_ylim(0, 10.5)
        ax.set_xlabel("round (end of)")
        ax.set_title(track.capitalize())
        ax.legend()
    save(fig, "tracks.png")

    # sphere control over the rounds, one panel per sphere
    spheres = [f.split("_", 2)[2] for f in fields if f.startswith("control_russia_")]
    powers = sorted({f.split("_")[1] for f in fields if f.startswith("control_")},
                    key=lambda p: list(POWER_COLOURS).index(p) if p in POWER_COLOURS else 9)
    fig, axes = plt.subplots(1, max(1, len(spheres)), figsize=(4 * max(1, len(spheres)), 3.6),
                             sharey=True)
    axes_list = list(axes) if len(spheres) > 1 else [axes]
    for ax, sphere in zip(axes_list, spheres, strict=False):
        for power in powers:
            column = f"control_{power}_{sphere}"
            if column not in fields or not any(r.history for r in records):
                continue
            rounds, means, _, _ = _per_round(records, fields.index(column))
            ax.plot(rounds, means, marker="o", label=power, color=colours.get(power))
        ax.set_title(f"{sphere.capitalize()} spheres controlled")
        ax.set_xlabel("round (end of)")
        ax.legend()
    save(fig, "sphere_control.png")

    card_charts = write_card_charts(cards, save, plt) if cards is not None else []

    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:1200px}"
        "pre{background:#f4f4f4;padding:1em;overflow-x:auto}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        "<h2>Summary</h2>",
        f"<pre>{html.escape(format_summary(summary))}</pre>",
        "<img src='win_rates.png' alt='win rates'>",
        "<h2>Tracks over the rounds</h2><img src='tracks.png' alt='tension and asymmetry'>",
        "<h2>Sphere control over the rounds</h2>",
        "<img src='sphere_control.png' alt='sphere control'>",
    ]
    if cards is not None:
        parts += ["<h2>Cards and actions</h2>",
                  *(f"<img src='{name}' alt='{name[:-4]}'>" for name in card_charts),
                  f"<pre>{html.escape(format_card_statistics(cards))}</pre>"]
    if checks is not None:
        parts += ["<h2>Fidelity</h2>", f"<pre>{html.escape(format_fidelity(checks))}</pre>"]
    if strength_text:
        parts += ["<h2>Strength</h2>", f"<pre>{html.escape(strength_text)}</pre>"]
    parts.append("</body></html>")
    index = directory / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    written.append(index)
    return written
