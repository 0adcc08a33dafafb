"""The game explained in words, from the loaded rules: the window's How to play and the
printable rules summary (:mod:`chessboard.report.handouts`) say the same, and both follow the
rules (a mod, a test's tiny rules) instead of restating numbers and names in code.

Sentences come out as HTML-escaped text; ``<b>`` marks the words to stress, which both the
window's text box and a browser show in bold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chessboard.engine.game import Engine
from chessboard.report.page import esc

if TYPE_CHECKING:
    from chessboard.rules.loader import Rules
    from chessboard.rules.models import Faction

# What each step of a round (``settings.round_structure``) does, in a sentence; a step with no
# entry is shown by its id.
STEP_TEXT = {
    "news": "News: an event from the shared deck (the era follows the round).",
    "income": "Income: each faction gains its base income in influence points (IP), plus or "
              "minus the income rules.",
    "draw": "Draw: hands of strategy cards are filled up.",
    "actions": "Actions: in initiative order (fewest VP first), each seat takes one action per "
               "action round: place or counter influence, a faction action, a strategy card, "
               "or pass.",
    "reactions": "Reactions: the board answers.",
    "auto_government": "Governments: the states no seat plays follow their automatic rules.",
    "scoring": "Scoring: victory points (VP) for control, dominance and objectives.",
}
# The same steps in a word or two, for a one-line outline of the round
STEP_SHORT = {"news": "news", "income": "income", "draw": "cards", "reactions": "reactions",
              "scoring": "scoring"}


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and its paragraphs (escaped text, ``<b>`` for stress)."""

    title: str
    paragraphs: list[str]


def and_words(words: list[str]) -> str:
    """``a, b and c``."""
    return " and ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else \
        "".join(words)


def _plain(text: str) -> str:
    """A YAML text folded onto one line, escaped."""
    return esc(" ".join(text.split()))


def powers(rules: Rules) -> list[Faction]:
    return [f for f in rules.game.factions if f.kind == "power"]


def states(rules: Rules) -> list[Faction]:
    return [f for f in rules.game.factions if f.kind == "state"]


def round_steps(rules: Rules) -> list[str]:
    """One sentence per step of a round, in the order the rules play them."""
    reactions = list(dict.fromkeys(r.name for r in rules.phases.reactions))
    steps = []
    for step in rules.game.settings.round_structure:
        if step == "reactions" and reactions:
            # named from the rules: a mod's reactions are the ones it plays
            steps.append(esc(f"Reactions: the board answers ({', '.join(reactions)})."))
        else:
            steps.append(esc(STEP_TEXT.get(step, step)))
    return steps


def seats_note(rules: Rules) -> str:
    """Who is always in play and how many seats a game takes: "Russia and China are always in
    play; 2 to 8 seats."."""
    settings = rules.game.settings
    names = {f.id: f.name for f in rules.game.factions}
    always = [names.get(f, f) for f in settings.always_in_play]
    seats = f"{settings.min_seats} to {settings.max_seats} seats."
    if not always:
        return seats[:1].upper() + seats[1:]
    verb = "are" if len(always) > 1 else "is"
    return f"{and_words(always)} {verb} always in play; {seats}"


def round_numbers(rules: Rules) -> str:
    settings = rules.game.settings
    return (f"Each round has {settings.action_rounds} action rounds; hands hold "
            f"{settings.hand_size} cards. A card's cost and an action's cost can change with "
            "organisations and tracks: the game shows why.")


def round_outline(rules: Rules) -> str:
    """The round in one line: "Each round: news, income, cards, 4 action rounds ..."."""
    settings = rules.game.settings
    parts = []
    for step in settings.round_structure:
        if step == "actions":
            parts.append(f"{settings.action_rounds} action rounds in initiative order "
                         "(fewest VP first)")
        elif step in STEP_SHORT:
            parts.append(STEP_SHORT[step])
    return f"Each round: {and_words(parts)}."


def dominance(rules: Rules) -> str:
    """How many spheres dominate a country, in words: "3 of 4 spheres"."""
    return f"{Engine(rules).spheres_to_dominate} of {len(rules.game.spheres)} spheres"


def board_text(rules: Rules) -> str:
    """The board's numbers and what control and dominance mean."""
    settings = rules.game.settings
    spheres = ", ".join(s.name for s in rules.game.spheres)
    return (f"Each country has {len(rules.game.spheres)} spheres ({esc(spheres)}). Each outside "
            f"power has influence 0–{settings.max_influence} in every country-sphere. A power "
            "<b>controls</b> a sphere when its influence reaches the sphere's resilience and "
            "beats every other power's by at least the resilience; it <b>dominates</b> a "
            f"country when it controls {dominance(rules)}. Public opinion and the government's "
            f"official stance run from −{settings.opinion_range} to +{settings.opinion_range} "
            "and can diverge.")


def track_lines(rules: Rules) -> list[str]:
    return [f"<b>{esc(t.name)}</b> ({t.min}–{t.max}"
            + (f", warning from {t.danger}" if t.danger is not None else "")
            + f"): {_plain(t.description)}" for t in rules.game.tracks]


def rule_lines(rules_: list) -> list[str]:
    """Phase rules as "<b>name</b>: text"; rules sharing a name (the two halves of one
    mechanism) share a line."""
    texts: dict[str, list[str]] = {}
    for rule in rules_:
        texts.setdefault(rule.name, []).append(_plain(rule.text))
    return [f"<b>{esc(name)}</b>: {' '.join(parts)}" for name, parts in texts.items()]


def end_lines(rules: Rules) -> list[str]:
    """How the game ends: the last round, then each condition that ends it at once."""
    return ["After the scenario's last round, most VP wins.",
            *(f"<b>{esc(e.name)}</b>: {_plain(e.text)}" for e in rules.phases.end_conditions)]


def tiebreak_text(rules: Rules) -> str:
    names = {f.id: f.name for f in rules.game.factions}
    return ("Ties are broken in this order: "
            f"{esc(', '.join(names.get(f, f) for f in rules.phases.tiebreak))}.")


def aim(rules: Rules) -> str:
    """Who plays, for what, and how it ends."""
    spheres = and_words([s.name.lower() for s in rules.game.spheres])
    who = and_words([f.name for f in powers(rules)])
    others = states(rules)
    if others:
        who += f" (the outside powers) and {and_words([f.name for f in others])} (the states)"
    ends = "".join(f" The game ends at once on <b>{esc(e.name)}</b>: {_plain(e.text)}"
                   for e in rules.phases.end_conditions)
    return (f"{esc(who)} compete for influence in the {len(rules.game.spheres)} spheres of every "
            f"country: <b>{esc(spheres)}</b>. Victory points (VP) are scored every round (below). "
            f"After the last round the most VP wins.{ends}")


def basics(rules: Rules) -> list[Section]:
    """The first part of How to play: the aim, a round and the tracks."""
    eras = " · ".join(f"<b>{esc(e.name)}</b> from round {e.from_round}"
                      for e in rules.game.eras)
    steps = [f"{k}. {step}" for k, step in enumerate(round_steps(rules), 1)]
    round_ = [*steps, round_numbers(rules), f"The years: {eras}."]
    if any(e.what_if for e in rules.events.events):
        round_.append("News marked <b>what if</b> are trends the paper projects, not events it "
                      "reports.")
    return [Section("The aim", [aim(rules)]), Section("A round", round_),
            Section("The tracks", track_lines(rules))]


def reference(rules: Rules) -> list[Section]:
    """The last part of How to play: every scoring rule and every reaction of the board."""
    return [Section("Scoring (every round)", rule_lines(rules.phases.scoring)),
            Section("How the board answers (reactions)", rule_lines(rules.phases.reactions))]
