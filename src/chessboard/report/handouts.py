"""Printable handouts generated from the rules, so they never drift from them.

``rules-summary.html`` is a one-page summary of the rules for the whole class;
``faction-sheets.html`` holds one sheet per faction, to print double-sided: objectives, income,
actions and scoring on the front, its strategy cards with the quotes they come from on the
back. Both are self-contained HTML with print CSS (print to PDF from any browser).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from chessboard.engine.game import Engine
from chessboard.report.guide import (
    board_text,
    end_lines,
    round_numbers,
    round_steps,
    rule_lines,
    tiebreak_text,
)
from chessboard.report.page import esc, page, table

if TYPE_CHECKING:
    from chessboard.rules.loader import Rules
    from chessboard.rules.models import Faction, PhaseRule

SUMMARY_FILE = "rules-summary.html"
SHEETS_FILE = "faction-sheets.html"

# A4 / Letter, one page: small type in two columns for the summary
SUMMARY_STYLE = """
body.summary { font-size: 12.5px; line-height: 1.3; }
body.summary .columns { column-count: 2; column-gap: 22px; }
body.summary h2 { font-size: 15px; margin: 10px 0 4px; break-after: avoid; }
body.summary section { break-inside: avoid; }
body.summary table { font-size: 12px; }
body.summary td, body.summary th { padding: 2px 4px; }
body.summary ol, body.summary ul { margin: 2px 0 4px; padding-left: 18px; }
.sheet h1 { border-bottom: 4px solid var(--faction, #333); padding-bottom: 4px; }
.sheet .lead { font-size: 16px; }
.card { break-inside: avoid; page-break-inside: avoid; border: 1px solid var(--rule);
        border-left: 5px solid var(--faction, #333); padding: 4px 8px; margin: 4px 0; }
.card .cost { float: right; font-weight: 600; }
.cards { column-count: 2; column-gap: 14px; }
@media print {
  body.summary { font-size: 7.6pt; line-height: 1.22; }
  body.summary h1 { font-size: 14pt; }
  body.summary h2 { font-size: 9.5pt; margin: 5px 0 2px; }
  body.summary table { font-size: 7.4pt; margin: 2px 0 3px; }
  body.summary td, body.summary th { padding: 1px 3px; }
  body.summary p { margin: 3px 0; }
  body.sheets { font-size: 8.4pt; line-height: 1.25; }
  body.sheets h1 { font-size: 17pt; margin: 0 0 2px; }
  body.sheets h2 { font-size: 10.5pt; margin: 6px 0 3px; }
  body.sheets .lead { font-size: 9.5pt; margin: 3px 0; }
  body.sheets p, body.sheets ul { margin: 2px 0; }
  body.sheets table { font-size: 8pt; margin: 2px 0 4px; }
  body.sheets td, body.sheets th { padding: 1px 3px; }
  .cards { font-size: 7.6pt; line-height: 1.2; }
  .card { padding: 2px 6px; margin: 2px 0; }
  .card blockquote { margin: 1px 0; padding: 0 0 0 6px; }
  h2.back { break-before: page; page-break-before: always; }
}
"""

def _who(engine: Engine, ids: list[str]) -> str:
    """Who may take an action, in words: a group when it is a whole group, else the names."""
    named = engine.factions_in(ids)
    members = set(named)
    everyone = set(engine.faction_ids)
    powers = {f for f in everyone if engine.power_of(f) is not None}
    if members == everyone:
        return "everyone"
    if members == powers:
        return "the outside powers"
    if members == everyone - powers:
        return "the states"
    return ", ".join(engine.rules.faction(f).name for f in named)


def _uses(engine: Engine, faction: Faction, ids: list[str]) -> bool:
    return faction.id in engine.factions_in(ids)


def _concerns(engine: Engine, item: Any, faction: Faction) -> bool:
    """Whether a phase rule gives or takes something of this faction's: it names the faction
    as the one whose VP or IP change, or needs an acting faction it is one of."""
    from chessboard.rules import expressions as ex
    from chessboard.rules.crossref import walk

    for path, value in walk(item):
        if isinstance(value, ex.ActorC) and faction.id in engine.factions_in(value.actor):
            return True
        if isinstance(value, str) and path and path[-1] == "faction" and value == faction.id:
            return True
    return False


def _rule_rows(rules_: list[PhaseRule]) -> list[list[str]]:
    return [[f"<strong>{esc(r.name)}</strong>", esc(" ".join(r.text.split()))] for r in rules_]


def summary_html(rules: Rules) -> str:
    game = rules.game
    engine = Engine(rules)
    steps = "".join(f"<li>{step}</li>" for step in round_steps(rules))
    # factions wanting the same (the five states) share a row: the page has room for one
    groups: dict[str, list[Faction]] = {}
    for f in game.factions:
        groups.setdefault("; ".join(f.objectives) or f.description, []).append(f)
    factions = table(["Faction", "Income", "Wants"], [
        [f"<strong>{esc(', '.join(f.name for f in members))}</strong>",
         esc("/".join(sorted({str(f.base_income) for f in members}))) + " IP", esc(wants)]
        for wants, members in groups.items()], numeric=[1])
    tracks = table(["Track", "Range", "What it means"], [
        [esc(t.name), f"{t.min}–{t.max}", esc(t.description)
         + (f" <em>Warning from {t.danger}.</em>" if t.danger is not None else "")]
        for t in game.tracks])
    # names and costs only, grouped by who may take them: what each one does is on the
    # faction sheets, and a table row per action would not leave the page room
    by_who: dict[str, list[str]] = {}
    for a in rules.actions.actions:
        by_who.setdefault(_who(engine, a.factions), []).append(
            f"{esc(a.name)} ({a.cost.base} IP)")
    actions = "<ul>" + "".join(f"<li><strong>{esc(who)}</strong>: {', '.join(names)}</li>"
                               for who, names in by_who.items()) + "</ul>"
    ends = "".join(f"<li>{line}</li>" for line in end_lines(rules))
    body = [
        f"<h1>{esc(game.name)}: the rules on one page</h1>",
        f'<p class="meta">{esc(" ".join(game.description.split()))}</p>' if game.description
        else "",
        '<div class="columns">',
        f"<section><h2>The board</h2><p>{board_text(rules)}</p></section>",
        f"<section><h2>A round</h2><ol>{steps}</ol><p>{round_numbers(rules)}</p></section>",
        f"<section><h2>Factions</h2>{factions}</section>",
        f"<section><h2>Tracks</h2>{tracks}</section>",
        f"<section><h2>Actions</h2>{actions}<p class=\"muted\">What each one does: see your "
        "faction sheet.</p></section>",
        "<section><h2>Scoring (every round)</h2><ul>"
        + "".join(f"<li>{line}</li>" for line in rule_lines(rules.phases.scoring))
        + "</ul></section>",
        f"<section><h2>The end</h2><ul>{ends}</ul><p>{tiebreak_text(rules)}</p></section>",
        "</div>",
    ]
    return page(f"{game.name}: rules summary", [
        b for b in body if b]).replace("<body>", '<body class="summary">', 1).replace(
        "</style>", SUMMARY_STYLE + "</style>", 1)


def _sheet(rules: Rules, engine: Engine, faction: Faction) -> str:
    sections = {s.id: s.title for s in rules.sources.sections}
    countries = {c.id: c.name for c in rules.countries.countries}
    phases = rules.phases
    income = [r for r in phases.income if _concerns(engine, r, faction)]
    scoring = [r for r in phases.scoring if _concerns(engine, r, faction)]
    actions = [a for a in rules.actions.actions if _uses(engine, faction, a.factions)]
    deck = rules.decks.get(faction.deck)
    cards = deck.cards if deck is not None else []
    out = [f'<section class="sheet" id="sheet-{esc(faction.id)}" '
           f'style="--faction: {esc(faction.colour)}">',
           f"<h1>{esc(faction.name)}</h1>"]
    if faction.country:
        out.append(f'<p class="muted">You govern {esc(countries.get(faction.country, ""))}.</p>')
    out.append(f'<p class="lead">{esc(faction.description)}</p>')
    if faction.objectives:
        out.append("<h2>Objectives</h2><ul>"
                   + "".join(f"<li>{esc(o)}</li>" for o in faction.objectives) + "</ul>")
    out.append(f"<h2>Income</h2><p><strong>{faction.base_income} IP</strong> every round"
               + (", and:" if income else ".") + "</p>")
    if income:
        out.append(table(["Rule", "Effect"], _rule_rows(income)))
    out.append("<h2>Actions</h2>")
    out.append(table(["Action", "Cost", "Effect"], [
        [f"<strong>{esc(a.name)}</strong>", f"{a.cost.base} IP", esc(a.text)] for a in actions],
        numeric=[1]))
    if scoring:
        out.append("<h2>How you score</h2>")
        out.append(table(["Rule", "When"], _rule_rows(scoring)))
    # the cards start the back of the sheet: printed double-sided, one sheet of paper each
    out.append(f'<h2 class="back">{esc(faction.name)}: strategy cards ({esc(faction.deck)} '
               'deck)</h2><div class="cards">')
    for card in cards:
        copies = f" ×{card.copies}" if card.copies > 1 else ""
        out.append(
            f'<div class="card"><span class="cost">{card.cost} IP</span>'
            f"<strong>{esc(card.name)}</strong>{copies} "
            f'<span class="kind">{esc(card.sphere)}</span><br>{esc(card.text)}'
            f"<blockquote>“{esc(card.source.quote)}”</blockquote>"
            f'<span class="muted">{esc(sections.get(card.source.section, ""))}</span></div>')
    out.append("</div></section>")
    return "\n".join(out)


def sheets_html(rules: Rules, factions: list[Faction]) -> str:
    engine = Engine(rules)
    body = [_sheet(rules, engine, f) for f in factions]
    return page(f"{rules.game.name}: faction sheets", body).replace(
        "<body>", '<body class="sheets">', 1).replace("</style>", SUMMARY_STYLE + "</style>", 1)


def write_handouts(rules: Rules, out_dir: Path, *, scenario: str | None = None) -> list[Path]:
    """Write the rules summary and the faction sheets (every faction, or the scenario's
    seats and the factions always in play) into ``out_dir``; return their paths."""
    factions = list(rules.game.factions)
    if scenario is not None:
        seats = set(Engine(rules).seating(None, scenario))
        factions = [f for f in factions if f.id in seats]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in ((SUMMARY_FILE, summary_html(rules)),
                       (SHEETS_FILE, sheets_html(rules, factions))):
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
