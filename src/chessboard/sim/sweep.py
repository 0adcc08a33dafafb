"""``chessboard sweep SPEC.yaml``: rule variants simulated on the same seeds, side by side.

A spec is YAML::

    games: 200            # per variant (--games overrides)
    seed: 0
    seats: all=bot        # as for simulate (optional)
    scenario: baseline_2020   # optional
    grid:                 # every combination of these values
      factions.russia.base_income: [5, 6, 7]
      actions.place.cost.base: [2, 3]
    variants:             # and/or a list of named sets of overrides
      - name: cheap counters
        set: {actions.counter.cost.base: 1}

An override names a table of the rules (``factions``, ``actions``, ``cards``, ``scoring``...:
a list in one of the rules files), an item of it by id, then fields (mapping keys, or list
positions), and the value to put there. Overrides change the parsed YAML data of the rules
(never a file, never code), and each variant is then validated like the rules themselves.
The unchanged rules always run first, as ``base``. Every variant plays the same seeds, so
differences between them are the rules', not the dice's.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chessboard.engine.game import Engine, SetupError
from chessboard.rules.diagnostics import Diagnostic, did_you_mean, format_report
from chessboard.rules.loader import DECKS_GLOB, TABLE_FILES, Rules, RulesError
from chessboard.rules.yamlio import LoadedYaml, RulesFileError, load_yaml_file
from chessboard.seats import Seat, fill_seats
from chessboard.sim.executors import Task, build_rules, preload
from chessboard.sim.fidelity import Check, fidelity_checks
from chessboard.sim.runner import GameRecord
from chessboard.sim.simulate import (
    FAIR_MARGIN,
    TOP_ACTION_SHARE,
    _all_keys,
    _execute,
    rules_spec,
)
from chessboard.sim.stats import Summary, format_table, pct, summarise

SPEC_KEYS = ("games", "seed", "seats", "scenario", "grid", "variants")
VARIANT_KEYS = ("name", "set")
MAX_VARIANTS = 200

Override = tuple[str, list[Any], Any]  # rules file, path inside its data, value


class SweepError(ValueError):
    """A bad spec or an invalid variant; ``diagnostics`` say where."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__(format_report(diagnostics))


@dataclass(slots=True)
class Variant:
    name: str
    overrides: list[Override]
    labels: list[str]  # "factions.russia.base_income: 6" per override, for the table
    where: tuple[Any, ...] = ()  # where the spec defines it


@dataclass(slots=True)
class Spec:
    games: int = 100
    seed: int = 0
    seats: str | None = None
    scenario: str | None = None
    variants: list[Variant] = field(default_factory=list)


@dataclass(slots=True)
class VariantResult:
    variant: Variant
    summary: Summary
    checks: list[Check]
    worst: float  # largest distance of a win rate from the fair share
    missed: float  # by how much the balance targets are missed, in points
    failed: int  # fidelity checks failed

    @property
    def rank_key(self) -> tuple[int, float, float]:
        return (self.failed, self.missed, self.worst)


# reading the spec ---------------------------------------------------------------------------


def rules_documents(directory: Path) -> dict[str, LoadedYaml]:
    """The rules files as parsed YAML (what overrides are resolved against)."""
    docs: dict[str, LoadedYaml] = {}
    names = [*TABLE_FILES, *(p.relative_to(directory).as_posix()
                              for p in sorted(directory.glob(DECKS_GLOB))
                              if p.name != "events.yaml")]
    for name in names:
        path = directory / name
        if path.is_file():
            docs[name] = load_yaml_file(path, display_name=name)
    return docs


def resolve(key: str, value: Any, docs: dict[str, LoadedYaml], spec: LoadedYaml,
            where: tuple[Any, ...]) -> Override:
    """Turn ``table.id.field...`` into a rules file and a path in its data; raise SweepError
    positioned at ``where`` in the spec when a part of it names nothing."""

    def fail(message: str, hint: str | None = None) -> SweepError:
        return SweepError([spec.diagnostic(where, message, hint=hint, at_key=True)])

    parts = key.split(".")
    if len(parts) < 2 or not all(parts):
        raise fail(f"override {key!r} is not TABLE.ID.FIELD (or TABLE.FIELD)",
                   "for example factions.russia.base_income")
    table = parts[0]
    holders = [(name, doc) for name, doc in docs.items()
               if isinstance(doc.data, dict) and table in doc.data]
    if not holders:
        tables = sorted({k for doc in docs.values() if isinstance(doc.data, dict)
                         for k in doc.data if isinstance(k, str)})
        raise fail(f"unknown table {table!r} in override {key!r}",
                   did_you_mean(table, tables) or f"tables: {', '.join(tables)}")
    rest = parts[1:]
    file, path, node = holders[0][0], [table], holders[0][1].data[table]
    if isinstance(node, list):
        ident = rest.pop(0)
        found = None
        ids: list[str] = []
        for name, doc in holders:
            items = doc.data[table]
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                if isinstance(item, dict) and "id" in item:
                    ids.append(str(item["id"]))
                    if str(item["id"]) == ident and found is None:
                        found = (name, [table, i], item)
        if found is None:
            raise fail(f"unknown {table} id {ident!r} in override {key!r}",
                       did_you_mean(ident, ids))
        file, path, node = found
    if not rest:
        raise fail(f"override {key!r} names a whole item; name a field of it",
                   f"fields: {', '.join(map(str, node))}" if isinstance(node, dict) else None)
    for depth, step in enumerate(rest):
        last = depth == len(rest) - 1
        if isinstance(node, dict):
            if step not in node:
                near = did_you_mean(step, [k for k in node if isinstance(k, str)], cutoff=0.75)
                if not last or near:
                    raise fail(f"unknown field {step!r} in override {key!r}",
                               near or f"fields here: {', '.join(map(str, node))}")
            path.append(step)
            node = node.get(step)
        elif isinstance(node, list):
            if step.isdigit() and int(step) < len(node):
                path.append(int(step))
                node = node[int(step)]
                continue
            ids = [str(item["id"]) for item in node if isinstance(item, dict) and "id" in item]
            if step not in ids:
                raise fail(f"{step!r} in override {key!r} is neither a position (0 to "
                           f"{len(node) - 1}) nor an id of that list", did_you_mean(step, ids))
            index = ids.index(step)
            path.append(index)
            node = node[index]
        else:
            raise fail(f"override {key!r} goes inside {'.'.join(parts[:depth + 2])}, "
                       "which is a single value")
    return file, path, value


def _label(value: Any) -> str:
    return json.dumps(value) if not isinstance(value, str) else value


def read_spec(path: Path, rules: Rules) -> Spec:
    """Parse and check a sweep spec against the rules; raise SweepError listing problems."""
    try:
        doc = load_yaml_file(path, display_name=str(path))
    except RulesFileError as err:
        raise SweepError(err.diagnostics) from None
    data = doc.data
    if not isinstance(data, dict):
        raise SweepError([doc.diagnostic((), "a sweep spec is a mapping with grid: and/or "
                                             "variants:")])
    problems: list[Diagnostic] = []
    for key in data:
        if key not in SPEC_KEYS:
            problems.append(doc.diagnostic((key,), f"unknown key {key!r}", at_key=True,
                                           hint=did_you_mean(key, SPEC_KEYS)
                                           or f"keys: {', '.join(SPEC_KEYS)}"))
    spec = Spec()
    for name, low in (("games", 1), ("seed", None)):
        if name in data:
            value = data[name]
            if not isinstance(value, int) or isinstance(value, bool) or (
                    low is not None and value < low):
                problems.append(doc.diagnostic((name,), f"{name} must be a whole number"
                                               + (f" of at least {low}" if low else "")))
            else:
                setattr(spec, name, value)
    for name in ("seats", "scenario"):
        if name in data:
            if not isinstance(data[name], str):
                problems.append(doc.diagnostic((name,), f"{name} must be text"))
            else:
                setattr(spec, name, data[name])
    docs = rules_documents(rules.directory)
    variants: list[Variant] = [Variant("base", [], [])]

    def overrides_of(mapping: Any, where: tuple[Any, ...]) -> list[tuple[str, Any, Override]]:
        out = []
        if not isinstance(mapping, dict) or not mapping:
            problems.append(doc.diagnostic(where, "expected a mapping of overrides, e.g. "
                                                  "{factions.russia.base_income: 6}"))
            return out
        for key, value in mapping.items():
            try:
                out.append((str(key), value, resolve(str(key), value, docs, doc,
                                                     (*where, key))))
            except SweepError as err:
                problems.extend(err.diagnostics)
        return out

    listed = data.get("variants", [])
    if not isinstance(listed, list):
        problems.append(doc.diagnostic(("variants",), "variants must be a list"))
        listed = []
    for i, item in enumerate(listed):
        where = ("variants", i)
        if not isinstance(item, dict):
            problems.append(doc.diagnostic(where, "a variant is a mapping with name: and set:"))
            continue
        for key in item:
            if key not in VARIANT_KEYS:
                problems.append(doc.diagnostic((*where, key), f"unknown key {key!r}",
                                               at_key=True, hint=did_you_mean(key, VARIANT_KEYS)))
        found = overrides_of(item.get("set"), (*where, "set"))
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            name = ", ".join(f"{k}: {_label(v)}" for k, v, _ in found) or f"variant {i + 1}"
        variants.append(Variant(name, [o for _, _, o in found],
                                [f"{k}: {_label(v)}" for k, v, _ in found], where))
    grid = data.get("grid")
    if grid is not None:
        axes: list[list[tuple[str, Any, Override]]] = []
        if not isinstance(grid, dict) or not grid:
            problems.append(doc.diagnostic(("grid",), "grid is a mapping of overrides to "
                                                      "lists of values"))
        else:
            for key, values in grid.items():
                if not isinstance(values, list) or not values:
                    problems.append(doc.diagnostic(("grid", key), f"{key}: expected a list of "
                                                                  "values, e.g. [5, 6, 7]"))
                    continue
                axis = []
                for value in values:
                    try:
                        axis.append((str(key), value,
                                     resolve(str(key), value, docs, doc, ("grid", key))))
                    except SweepError as err:
                        problems.extend(err.diagnostics)
                        break
                axes.append(axis)
            count = math.prod(len(a) for a in axes)
            if count > MAX_VARIANTS:
                problems.append(doc.diagnostic(("grid",), f"the grid has {count} combinations; "
                                                          f"at most {MAX_VARIANTS}"))
            elif axes and all(axes):
                for combo in itertools.product(*axes):
                    labels = [f"{k}: {_label(v)}" for k, v, _ in combo]
                    variants.append(Variant(", ".join(labels), [o for _, _, o in combo],
                                            labels, ("grid",)))
    if "grid" not in data and "variants" not in data:
        problems.append(doc.diagnostic((), "the spec has neither grid: nor variants:"))
    if problems:
        raise SweepError(problems)
    spec.variants = variants
    spec_rules_check(doc, spec, rules)
    return spec


def spec_rules_check(doc: LoadedYaml, spec: Spec, rules: Rules) -> None:
    """Validate every variant like the rules; raise SweepError naming the variant."""
    problems: list[Diagnostic] = []
    for i, variant in enumerate(spec.variants[1:], start=1):
        try:
            build_rules(rules_spec(rules, variant.overrides))
        except RulesError as err:
            head = doc.diagnostic(variant.where, f"variant {i} ({variant.name}) makes the "
                                                 "rules invalid:")
            problems.append(head)
            problems.extend(err.diagnostics)
    if problems:
        raise SweepError(problems)


# running ------------------------------------------------------------------------------------


def run_sweep(rules: Rules, spec: Spec, seats: list[Seat], *, workers: int, progress: bool,
              out_dir: Path | None, executor: str = "local",
              scheduler: str | None = None) -> int:
    """Simulate every variant on the same seeds; print the table; write chart and JSON."""
    engine = Engine(rules, log=False)
    seat_tuple = fill_seats(engine, seats)
    factions = [s.faction for s in seat_tuple]
    engine.new_game(scenario=spec.scenario, seats=factions, seed=spec.seed)  # SetupError early
    specs = tuple(rules_spec(rules, v.overrides) for v in spec.variants)
    preload(specs[0], rules)
    tasks = [Task(g, spec.seed + g, seat_tuple, spec.scenario, rules=v)
             for v in range(len(specs)) for g in range(spec.games)]
    by_variant: list[list[GameRecord]] = [[] for _ in specs]
    for task, (_, rec) in zip(tasks, _execute(rules, tasks, workers=workers, progress=progress,
                                              executor=executor, scheduler=scheduler,
                                              specs=specs), strict=True):
        by_variant[task.rules].append(rec)
    tension = rules.track("tension") if "tension" in engine.track_ids else None
    danger = tension.danger if tension is not None and tension.danger else 8
    fields = engine.history_fields()
    keys = _all_keys(engine, factions)
    results = []
    for variant, records in zip(spec.variants, by_variant, strict=True):
        summary = summarise(records, all_keys=keys)
        checks = fidelity_checks(records, fields=fields, danger=danger)
        fair = 1 / len(summary.factions) if summary.factions else 0.0
        worst = max((abs(f.rate - fair) for f in summary.factions), default=0.0)
        missed = max(0.0, worst - FAIR_MARGIN) + max(0.0, summary.top_share - TOP_ACTION_SHARE)
        results.append(VariantResult(variant, summary, checks, worst, missed,
                                     sum(1 for c in checks if not c.passed)))
    best = min(range(len(results)), key=lambda i: results[i].rank_key)
    text = format_sweep(results, best, games=spec.games, seed=spec.seed,
                        scenario=spec.scenario or rules.scenarios.scenarios[0].id)
    print(text)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "sweep.txt").write_text(text + "\n", encoding="utf-8")
        data = {"games": spec.games, "seed": spec.seed, "scenario": spec.scenario,
                "closest": best,
                "variants": [{"name": r.variant.name, "overrides": r.variant.labels,
                              "summary": r.summary.to_json(),
                              "fidelity": [c.to_json() for c in r.checks],
                              "largest_distance_from_fair": r.worst,
                              "targets_missed_by": r.missed, "fidelity_failed": r.failed}
                             for r in results]}
        (out_dir / "sweep.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
        chart = write_chart(out_dir / "sweep.png", results, best,
                            colours={f.id: f.colour for f in rules.game.factions})
        print(f"\nwrote {out_dir / 'sweep.txt'}, {out_dir / 'sweep.json'} and {chart}")
    return 0


def format_sweep(results: list[VariantResult], best: int, *, games: int, seed: int,
                 scenario: str) -> str:
    factions = [f.faction for f in results[0].summary.factions]
    headers = ["", "#", "variant", *factions, "worst (pp)", "top choice", "escalation",
               "rounds", "fidelity"]
    rows = []
    for i, r in enumerate(results):
        rates = {f.faction: f.rate for f in r.summary.factions}
        rows.append([
            "*" if i == best else "", str(i), r.variant.name,
            *(pct(rates.get(f, 0.0)) for f in factions),
            f"{100 * r.worst:.1f}", f"{r.summary.top_key} {pct(r.summary.top_share).strip()}",
            pct(r.summary.escalation_rate), f"{r.summary.mean_rounds:.2f}",
            f"{len(r.checks) - r.failed}/{len(r.checks)}",
        ])
    table = format_table(headers, rows, align="lrl" + "r" * len(factions) + "rlrrr")
    return "\n".join([
        f"Sweep: {len(results)} variants x {games} games of {scenario}, seeds {seed}.."
        f"{seed + games - 1} (the same for every variant)",
        "Win rates by faction; worst = largest distance from the fair share; fidelity = "
        "checks of the paper's dynamics passed",
        "",
        table,
        "",
        f"* closest to the balance targets (every win rate within {100 * FAIR_MARGIN:.0f} pp "
        f"of the fair share, no choice above {100 * TOP_ACTION_SHARE:.0f}%), fewest fidelity "
        f"failures first: #{best} {results[best].variant.name}",
    ])


def write_chart(path: Path, results: list[VariantResult], best: int, *,
                colours: dict[str, str]) -> Path:
    """Win rates per variant (grouped bars, fair-share band) and the distance to the target."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    factions = [f.faction for f in results[0].summary.factions]
    n = len(results)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(max(7.0, 1.1 * n + 3), 7),
                                      gridspec_kw={"height_ratios": [3, 2]}, sharex=True)
    width = 0.8 / max(1, len(factions))
    for j, faction in enumerate(factions):
        rates = [100 * next(f.rate for f in r.summary.factions if f.faction == faction)
                 for r in results]
        xs = [i - 0.4 + width * (j + 0.5) for i in range(n)]
        top.bar(xs, rates, width, label=faction, color=colours.get(faction))
    if factions:
        fair = 100 / len(factions)
        top.axhline(fair, color="black", linestyle="--", linewidth=1, label="fair share")
        top.axhspan(fair - 100 * FAIR_MARGIN, fair + 100 * FAIR_MARGIN, color="grey",
                    alpha=0.15, label=f"fair share ± {100 * FAIR_MARGIN:.0f} pp")
    top.set_ylabel("win rate (%)")
    top.set_title("Rule variants on the same seeds")
    top.legend(fontsize=8, ncol=3)
    worst = [100 * r.worst for r in results]
    bars = bottom.bar(range(n), worst, color=["#009E73" if i == best else "#999999"
                                              for i in range(n)])
    bottom.axhline(100 * FAIR_MARGIN, color="black", linestyle="--", linewidth=1,
                   label="balance target")
    for i, (bar, r) in enumerate(zip(bars, results, strict=True)):
        bottom.annotate(f"fidelity {len(r.checks) - r.failed}/{len(r.checks)}"
                        + (" *" if i == best else ""),
                        (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=8)
    bottom.set_ylabel("largest distance\nfrom fair share (pp)")
    bottom.legend(fontsize=8)
    bottom.set_xticks(range(n))
    bottom.set_xticklabels([f"#{i}{' *' if i == best else ''}" for i in range(n)])
    bottom.set_xlabel("variant (names in sweep.txt; * closest to the balance targets)")
    fig.savefig(path, dpi=100, bbox_inches="tight")
    plt.close(fig)
    return path


__all__ = ["SetupError", "SweepError", "read_spec", "run_sweep"]
