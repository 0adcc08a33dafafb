"""The debrief: what happened in a game, tied back to the paper, as one self-contained HTML file.

:func:`build_debrief` replays a save action by action and records what each action changed
(its own effects, then the automatic phases it led into: news, income, reactions, scoring);
:func:`debrief_html` lays that out for a class; :func:`write_debrief` writes the HTML with the
full log as text and CSV. Everything is read through the engine's public API and the rules'
models; nothing is parsed back out of log lines.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from chessboard.engine.actions import PASS, Action
from chessboard.engine.saves import SaveGame, check_rules
from chessboard.engine.state import GameState, unroll
from chessboard.report.charts import Series, line_chart
from chessboard.report.page import esc, page, table

if TYPE_CHECKING:
    from chessboard.engine.game import Engine
    from chessboard.rules.loader import Rules

DEBRIEF_FILE = "debrief.html"
LOG_TEXT_FILE = "log.txt"
LOG_CSV_FILE = "log.csv"
TURNING_POINTS = 8  # the largest swings shown: enough for a discussion, few enough to read


@dataclass(frozen=True, slots=True)
class Played:
    """A card that came into play: the round's news, a strategy card or an inject."""

    round: int
    kind: str  # "news", "card" or "inject"
    name: str
    by: str  # the faction's name, "the news deck", "the facilitator" or "the scenario"
    text: str
    section: str  # section id in sources.yaml
    quote: str
    what_if: bool = False


@dataclass(frozen=True, slots=True)
class TurningPoint:
    round: int
    what: str  # e.g. "Tension", "China VP"
    before: int
    after: int
    cause: str

    @property
    def swing(self) -> int:
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class LogRow:
    step: int  # 0: the set-up; then one per recorded action
    round: int
    actor: str
    action: str
    line: str


@dataclass
class Debrief:
    """Everything the report shows, as plain data (tests check it without reading HTML)."""

    title: str
    scenario: str
    scenario_text: str
    seed: int
    seats: list[tuple[str, str, str]]  # faction id, name, "human" or "bot:kind:level"
    rounds: int
    round_reached: int
    over: bool
    outcome: str
    tiebreak: str
    vp: dict[str, int]
    vp_by_source: dict[str, list[tuple[str, int]]]  # faction id -> (source name, VP) pairs
    labels: list[str]  # chart x axis: "start", then the rounds
    vp_series: list[Series]
    track_series: dict[str, list[int]]  # track name -> values over ``labels``
    track_ranges: dict[str, tuple[int, int]]
    turning_points: list[TurningPoint]
    played: list[Played]
    coverage: list[tuple[str, str, dict[str, int]]]  # section id, title, counts by kind
    questions: list[tuple[str, str, dict[str, list[str]]]]  # section id, title, questions
    log: list[str]
    log_rows: list[LogRow]
    sections: dict[str, str] = field(default_factory=dict)  # section id -> title


# -- the pieces the end screen uses too --------------------------------------------------------


def vp_by_source(engine: Engine, state: GameState) -> dict[str, list[tuple[str, int]]]:
    """Each seated faction's VP split by where they came from, largest first (zeros left out).

    A faction's entries add up to its VP.
    """
    return {faction: sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
            for faction, pairs in engine.vp_sources(state).items()}


def ranking(rules: Rules, vp: dict[str, int], losers: tuple[str, ...] = ()) -> list[str]:
    """Factions by VP, ties broken by the rules' tiebreak order (as the engine ranks them)."""
    order = {f: i for i, f in enumerate(rules.phases.tiebreak)}
    alive = [f for f in vp if f not in losers]
    return sorted(alive, key=lambda f: (-vp[f], order.get(f, 99), f))


def tiebreak_text(rules: Rules, vp: dict[str, int], losers: tuple[str, ...] = ()) -> str:
    """Why the leader leads, in a sentence: the VP margin, or the tiebreak that decided."""
    names = {f.id: f.name for f in rules.game.factions}
    ranked = ranking(rules, vp, losers)
    if not ranked:
        return "Every faction lost."
    top = ranked[0]
    if len(ranked) == 1:
        return f"{names[top]} is the only faction left standing."
    tied = [f for f in ranked if vp[f] == vp[top]]
    if len(tied) == 1:
        second = ranked[1]
        margin = vp[top] - vp[second]
        return (f"{names[top]} leads {names[second]} by {margin} VP ({vp[top]} to "
                f"{vp[second]}): no tiebreak was needed.")
    order = [names[f] for f in rules.phases.tiebreak if f in vp]
    return (f"{_join([names[f] for f in tied])} tie on {vp[top]} VP. Ties are broken by the "
            f"rules' tiebreak order ({', '.join(order)}), so {names[top]} ranks first.")


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe_action(rules: Rules, action: Action, who: str) -> str:
    """A recorded action as a sentence: "China plays BRI railway on Kazakhstan economic"."""
    if action == PASS:
        return f"{who} passes"
    if action.kind == "inject":
        return f"the facilitator brings in the inject {_inject_name(rules, action.id)!r}"
    if action.kind == "news":
        return f"the facilitator brings in the news {_event_name(rules, action.id)!r}"
    if action.kind == "end":
        return f"the facilitator ends the game after round {action.id}"
    if action.kind == "card":
        name = next((c.name for c in rules.all_cards() if c.id == action.id), action.id)
        verb = "plays"
    else:
        try:
            name = rules.action(action.id).name
        except KeyError:
            name = action.id
        verb = "uses"
    countries = {c.id: c.name for c in rules.countries.countries}
    powers = {f.id: f.name for f in rules.game.factions}
    target = [countries.get(action.country, action.country)] if action.country else []
    if action.sphere:
        target.append(action.sphere)
    if action.power:
        target.append(f"({powers.get(action.power, action.power)})")
    return f"{who} {verb} {name}" + (f" on {' '.join(target)}" if target else "")


def _inject_name(rules: Rules, inject_id: str) -> str:
    try:
        return rules.inject(inject_id).name
    except KeyError:
        return inject_id


def _event_name(rules: Rules, event_id: str) -> str:
    try:
        return rules.event(event_id).name
    except KeyError:
        return event_id


# -- building ----------------------------------------------------------------------------------


def _measures(engine: Engine, st: GameState) -> dict[str, int]:
    """The numbers a turning point can be about: every track and each seat's VP."""
    rules = engine.rules
    out = {rules.track(track).name: v for track, v in engine.tracks(st).items()}
    for faction, vp in engine.scores(st).items():
        out[f"{rules.faction(faction).name} VP"] = vp
    return out


def _source_gains(engine: Engine, before: GameState, after: GameState) -> dict[str, list[str]]:
    """Per faction, the VP sources that changed between two states ("Sphere control +3")."""
    old, new = engine.vp_sources(before), engine.vp_sources(after)
    out: dict[str, list[str]] = {}
    for faction, now in new.items():
        was = old.get(faction, {})
        for name in [*now, *(n for n in was if n not in now)]:
            delta = now.get(name, 0) - was.get(name, 0)
            if delta:
                sign = "+" if delta > 0 else ""
                out.setdefault(faction, []).append(f"{name} {sign}{delta}")
    return out


def build_debrief(engine: Engine, save: SaveGame) -> Debrief:
    """Replay ``save`` with ``engine`` (which must write a log) and gather the debrief.

    Raises :class:`chessboard.engine.saves.SaveError` when the save does not fit the rules.
    """
    from chessboard.engine.game import Engine, IllegalActionError, SetupError
    from chessboard.engine.saves import SaveError

    if not engine.logging:  # the report quotes the log: replay with one that writes it
        engine = Engine(engine.rules)
    rules = engine.rules
    check_rules(engine, save)
    try:
        st = engine.new_game(scenario=save.scenario, seats=[s.faction for s in save.seats],
                             seed=save.seed, rounds=save.rounds)
    except SetupError as err:
        raise SaveError(f"the save's set-up is not valid for these rules: {err}") from None
    start = st
    log_rows = [LogRow(0, 1, "", "set-up", line) for line in unroll(st.log)]
    played: list[Played] = []
    candidates: list[TurningPoint] = []
    seen_events = 0
    rounds_reached = {st.round}
    facilitator_news: set[str] = set()  # news ids the facilitator brought in
    ended_early: tuple[int, int] | None = None  # (last round, rounds planned) by the facilitator

    def note_news(state: GameState) -> None:
        nonlocal seen_events
        seen = engine.news_seen(state)
        for event_id in seen[seen_events:]:
            if event_id in facilitator_news:
                continue
            card = rules.event(event_id)
            scheduled = event_id != engine.news(state)
            played.append(Played(state.round, "inject" if scheduled else "news", card.name,
                                 "the scenario" if scheduled else "the news deck", card.text,
                                 card.source.section, card.source.quote, card.what_if))
        seen_events = len(seen)

    note_news(st)
    for number, text in enumerate(save.actions, start=1):
        try:
            action = Action.parse(text)
        except ValueError as err:
            raise SaveError(f"action {number} of the save cannot be replayed: {err}") from None
        actor_id = engine.current_faction(st) or ""
        who = rules.faction(actor_id).name if actor_id else "the facilitator"
        if action.is_facilitator:
            who = "the facilitator"
        sentence = describe_action(rules, action, who)
        before = st
        try:
            mid = before if action.is_facilitator else engine.preview(before, action).state
            outcome = engine.replay(before, action)
        except (ValueError, IllegalActionError) as err:
            raise SaveError(f"action {number} of the save cannot be replayed: {err}") from None
        st = outcome.state
        for line in outcome.log:
            log_rows.append(LogRow(number, before.round,
                                   "facilitator" if action.is_facilitator else actor_id,
                                   text, line))
        if action.is_facilitator:
            mid = st
            if action.kind == "end":  # no card: the game just got shorter
                ended_early = (int(action.id), st.rounds)
            elif action.kind == "news":
                facilitator_news.add(action.id)
                card = rules.event(action.id)
                played.append(Played(before.round, "inject", card.name, "the facilitator",
                                     card.text, card.source.section, card.source.quote,
                                     card.what_if))
            else:
                inject = rules.inject(action.id)
                played.append(Played(before.round, "inject", inject.name, "the facilitator",
                                     inject.text, inject.source.section, inject.source.quote))
        elif action.kind == "card":
            card = next(c for c in rules.all_cards() if c.id == action.id)
            played.append(Played(before.round, "card", card.name, who, card.text,
                                 card.source.section, card.source.quote))
        elif action.kind == "act":
            source = rules.action(action.id).source
            if source is not None:
                played.append(Played(before.round, "action", rules.action(action.id).name,
                                     who, rules.action(action.id).text, source.section,
                                     source.quote))
        # what the action did itself, then what the phases it led into did
        own_before, own_after = _measures(engine, before), _measures(engine, mid)
        for key, value in own_after.items():
            if value != own_before.get(key, value):
                candidates.append(TurningPoint(before.round, key, own_before[key], value,
                                               sentence[0].upper() + sentence[1:]))
        rest = _measures(engine, st)
        if rest != own_after:
            gains = _source_gains(engine, mid, st)
            if st.round != before.round:
                news_id = engine.news(st)
                news = f", with the news {rules.event(news_id).name!r}" if news_id else ""
                phase = (f"the end of round {before.round} (reactions, scoring) and the start "
                         f"of round {st.round}{news}")
            else:
                phase = f"round {before.round}'s phases (reactions, scoring)"
            for key, value in rest.items():
                if value == own_after.get(key, value):
                    continue
                why = phase
                faction = next((f for f in engine.seated(st)
                                if key == f"{rules.faction(f).name} VP"), None)
                if faction is not None and gains.get(faction):
                    why = f"{'; '.join(gains[faction])} ({phase})"
                candidates.append(TurningPoint(before.round, key, own_after[key], value,
                                               why[0].upper() + why[1:]))
        note_news(st)
        rounds_reached.add(st.round)
    # injects the scenario scheduled for the rounds the game reached
    scenario = rules.scenario(st.scenario)
    for planned in scenario.injects:
        if planned.inject is not None and planned.round in rounds_reached:
            inject = rules.inject(planned.inject)
            played.append(Played(planned.round, "inject", inject.name, "the scenario",
                                 inject.text, inject.source.section, inject.source.quote))
    played.sort(key=lambda p: p.round)
    # the tracks and the VP apart: scoring moves VP by more every round, and would crowd out
    # the moves that shifted tension or asymmetry
    def largest(points: list[TurningPoint]) -> list[TurningPoint]:
        return sorted(points, key=lambda c: (-abs(c.swing), c.round))[:TURNING_POINTS // 2]

    turning = largest([c for c in candidates if not c.what.endswith(" VP")]) + \
        largest([c for c in candidates if c.what.endswith(" VP")])
    debrief = _assemble(engine, save, start, st, played, turning, log_rows)
    if ended_early is not None:
        debrief.outcome += (f" The facilitator shortened the game to {ended_early[0]} rounds "
                            f"(of {save.rounds} planned).")
    return debrief


def _assemble(engine: Engine, save: SaveGame, start: GameState, st: GameState,
              played: list[Played], turning: list[TurningPoint],
              log_rows: list[LogRow]) -> Debrief:
    rules = engine.rules
    names = {f.id: f.name for f in rules.game.factions}
    colours = {f.id: f.colour for f in rules.game.factions}
    seated = list(engine.seated(st))
    result = engine.result(st)
    vp = engine.scores(st)
    losers = result.losers if result else ()
    if result is None:
        leader = ranking(rules, vp)[0]
        outcome = (f"The game is in progress (round {st.round} of {st.rounds}); "
                   f"{names[leader]} leads with {vp[leader]} VP.")
    elif result.winner is None:
        outcome = f"Nobody wins: {result.reason_text}"
    else:
        ended = "after the last round" if result.reason == "rounds" else \
            f"early: {result.reason_text}"
        outcome = (f"{names[result.winner]} wins with {vp[result.winner]} VP; the game ended "
                   f"{ended}.")
        if losers:
            outcome += f" {_join([names[f] for f in losers])} lost outright."
    # charts: the start, then one point per finished round (and the last, unfinished one)
    fields = engine.history_fields()
    records = [list(h) for h in st.history]
    labels = ["start"] + [str(r[0]) for r in records]
    current = list(engine.history_record(st))
    if st.over and (not records or records[-1][0] != st.round):
        records.append(current)
        labels.append(f"{st.round} (end)")
    start_record = list(engine.history_record(start))
    rows = [start_record, *records]
    vp_series = [Series(names[fid], [r[fields.index(f"vp_{fid}")] for r in rows], colours[fid])
                 for fid in seated]
    tracks = [rules.track(tid) for tid in engine.track_ids]
    track_series = {tr.name: [r[fields.index(tr.id)] for r in rows] for tr in tracks}
    track_ranges = {tr.name: (tr.min, tr.max) for tr in tracks}
    sections = {s.id: s.title for s in rules.sources.sections}
    counts: dict[str, dict[str, int]] = {s.id: {} for s in rules.sources.sections}
    for item in played:
        by_kind = counts.setdefault(item.section, {})
        by_kind[item.kind] = by_kind.get(item.kind, 0) + 1
    coverage = [(s.id, s.title, counts[s.id]) for s in rules.sources.sections]
    questions = []
    # the sections that came into play most first: the class discusses what it played most
    in_play = sorted((s for s in rules.sources.sections if counts[s.id]),
                     key=lambda s: -sum(counts[s.id].values()))
    for s in in_play:
        if s.debrief is not None:
            questions.append((s.id, s.title, {
                "What happened?": list(s.debrief.what_happened),
                "So what?": list(s.debrief.so_what),
                "Now what?": list(s.debrief.now_what),
            }))
    seat_kinds = {s.faction: s for s in save.seats}
    seats = []
    for fid in seated:
        record = seat_kinds.get(fid)
        kind = "human" if record is None or record.human else f"bot:{record.bot}:{record.level}"
        seats.append((fid, names[fid], kind))
    sc = rules.scenario(st.scenario)
    return Debrief(
        title=f"Debrief: {sc.name}", scenario=sc.name, scenario_text=" ".join(
            sc.description.split()), seed=st.seed, seats=seats, rounds=st.rounds,
        round_reached=st.round, over=st.over, outcome=outcome,
        tiebreak=tiebreak_text(rules, vp, losers), vp=vp,
        vp_by_source=vp_by_source(engine, st), labels=labels, vp_series=vp_series,
        track_series=track_series, track_ranges=track_ranges, turning_points=turning,
        played=played, coverage=coverage, questions=questions, log=unroll(st.log),
        log_rows=log_rows, sections=sections,
    )


# -- writing -----------------------------------------------------------------------------------

KIND_NAMES = {"news": "News", "card": "Strategy card", "inject": "Inject", "action": "Action"}


def debrief_html(d: Debrief, *, made: str = "") -> str:
    """The report as one HTML document (inline CSS and SVG: nothing to fetch)."""
    made = made or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        "<header>",
        f"<h1>{esc(d.title)}</h1>",
        f'<p class="meta">Seed {d.seed} · {d.rounds} rounds · seats: '
        + esc(", ".join(f"{name} ({kind})" for _, name, kind in d.seats))
        + f" · made {esc(made)}</p>",
        f'<p class="muted">{esc(d.scenario_text)}</p>',
        "</header>",
        '<nav class="toc">'
        + "".join(f'<a href="#{a}">{esc(n)}</a>' for a, n in (
            ("outcome", "Outcome"), ("tracks", "Round by round"), ("turning", "Turning points"),
            ("played", "Cards and injects"), ("coverage", "The paper"),
            ("questions", "Discussion")))
        + "</nav>",
        '<section id="outcome"><h2>Outcome</h2>',
        f'<p class="outcome"><strong>{esc(d.outcome)}</strong></p>',
        f'<p id="tiebreak">{esc(d.tiebreak)}</p>',
        "<h3>Victory points by source</h3>",
    ]
    # one row per source, one column per faction: a few factions fit any page, the sources
    # (one per scoring rule) would not
    totals: dict[str, int] = {}
    for pairs in d.vp_by_source.values():
        for name, value in pairs:
            totals[name] = totals.get(name, 0) + abs(value)
    sources = sorted(totals, key=lambda n: (-totals[n], n))
    by_faction = {fid: dict(d.vp_by_source.get(fid, [])) for fid, _, _ in d.seats}
    rows = [[esc(source), *(str(by_faction[fid].get(source, "")) or "·" for fid, _, _ in d.seats)]
            for source in sources]
    rows.append(["<strong>Total</strong>",
                 *(f"<strong>{d.vp[fid]}</strong>" for fid, _, _ in d.seats)])
    body.append(table(["Source", *(esc(name) for _, name, _ in d.seats)], rows,
                      numeric=range(1, len(d.seats) + 1)))
    body.append("</section>")
    body.append('<section id="tracks"><h2>Round by round</h2><div class="charts">')
    vp_chart = line_chart("Victory points", d.labels, d.vp_series, low=0, width=900,
                          height=340, chart_id="chart-vp")
    body.append(f'<figure class="wide">{vp_chart}<figcaption>Each faction has its own line '
                "style and marker.</figcaption></figure>")
    for k, (track, values) in enumerate(d.track_series.items()):
        low, high = d.track_ranges[track]
        chart = line_chart(track, d.labels, [Series(track, values, "#333333")], low=low,
                           high=high, width=360, height=220, chart_id=f"chart-track-{k}")
        body.append(f"<figure>{chart}</figure>")
    body.append("</div></section>")
    body.append('<section id="turning"><h2>Turning points</h2>'
                "<p class=\"muted\">The largest swings of VP and of the tracks, each with the "
                "move or the phase that caused it.</p>")
    if not d.turning_points:
        body.append("<p>Nothing moved yet.</p>")
    for heading, points in (
            ("The tracks", [tp for tp in d.turning_points if not tp.what.endswith(" VP")]),
            ("Victory points", [tp for tp in d.turning_points if tp.what.endswith(" VP")])):
        if points:
            body.append(f"<h3>{heading}</h3>")
            body.append(table(["Round", "What", "Change", "Cause"], [
                [str(tp.round), esc(tp.what),
                 f"{tp.before} → {tp.after} ({'+' if tp.swing > 0 else ''}{tp.swing})",
                 esc(tp.cause)] for tp in points], numeric=[0]))
    body.append("</section>")
    body.append('<section id="played"><h2>Cards and injects played</h2>')
    cards = [p for p in d.played if p.kind != "action"]  # actions count in the coverage only
    body.append(table(["Round", "Kind", "Card", "By", "From the paper"], [
        [str(p.round), f'<span class="kind">{KIND_NAMES.get(p.kind, p.kind)}</span>',
         f"<strong>{esc(p.name)}</strong>{' <em>(what if)</em>' if p.what_if else ''}"
         f"<br>{esc(p.text)}", esc(p.by),
         f"<blockquote>“{esc(p.quote)}”</blockquote>{esc(d.sections.get(p.section, p.section))}"]
        for p in cards], numeric=[0]) if cards else "<p>No card was played.</p>")
    body.append("</section>")
    body.append('<section id="coverage"><h2>The paper: which sections came into play</h2>')
    kinds = ["news", "card", "inject", "action"]
    body.append(table(["Section of the paper", *(KIND_NAMES[k] for k in kinds), "Total"], [
        [esc(title), *(str(c.get(k, "")) or "·" for k in kinds),
         f"<strong>{sum(c.values())}</strong>" if c else "not in play"]
        for _, title, c in d.coverage], numeric=range(1, len(kinds) + 2)))
    body.append("</section>")
    body.append('<section id="questions"><h2>Discussion questions</h2>'
                "<p class=\"muted\">For the sections of the paper that came into play: first "
                "what happened, then why it matters, then what to do next.</p>")
    if not d.questions:
        body.append("<p>No section of the paper came into play yet.</p>")
    for sid, title, groups in d.questions:
        times = sum(dict(next(c for i, _, c in d.coverage if i == sid)).values())
        body.append(f'<section class="question-set" id="q-{esc(sid)}"><h3>{esc(title)} '
                    f'<span class="muted">({times}× in play)</span></h3>')
        for heading, items in groups.items():
            if items:
                body.append(f"<p><strong>{esc(heading)}</strong></p><ul class=\"questions\">"
                            + "".join(f"<li>{esc(q)}</li>" for q in items) + "</ul>")
        body.append("</section>")
    body.append("</section>")
    body.append(f'<footer class="muted"><p>The full log is in {LOG_TEXT_FILE} and '
                f"{LOG_CSV_FILE} beside this file.</p></footer>")
    return page(d.title, body)


def log_csv(d: Debrief) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["step", "round", "actor", "action", "line"])
    for row in d.log_rows:
        writer.writerow([row.step, row.round, row.actor, row.action, row.line])
    return out.getvalue()


def write_debrief(engine: Engine, save: SaveGame, out_dir: Path) -> list[Path]:
    """Write debrief.html, log.txt and log.csv into ``out_dir``; return their paths.

    The file names are fixed: nothing of the save's content goes into a path.
    """
    d = build_debrief(engine, save)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {DEBRIEF_FILE: debrief_html(d), LOG_TEXT_FILE: "\n".join(d.log) + "\n",
             LOG_CSV_FILE: log_csv(d)}
    written = []
    for name, text in files.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

