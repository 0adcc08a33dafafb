"""Every rule that cites the paper quotes it word for word, and the card content is complete.

The quotes are collected generically: every :class:`SourceRef` anywhere in the loaded rules
(cards, events, actions, factions, tracks, organisations, phase rules, end conditions,
scenarios, countries) is checked against the paper after the normalisation of
:mod:`chessboard.rules.quotes`. The paper lives outside the repository; without it the quote
checks are skipped, the content checks still run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chessboard.rules.crossref import walk
from chessboard.rules.loader import DEFAULT_RULES_DIR, Rules, load_rules
from chessboard.rules.models import SourceRef
from chessboard.rules.quotes import DEFAULT_PAPER, missing_quotes, normalise

REPO_ROOT = DEFAULT_RULES_DIR.parent
PAPER = REPO_ROOT.parent / "shared" / "source" / "strategic-alert-sino-russian-central-asia.txt"

# Tables of :class:`Rules` that hold models (everything but the directory and the digest).
TABLES = ("game", "sources", "countries", "organisations", "actions", "phases", "scenarios",
          "events", "decks")
# Basic actions every power has; every other action is a faction special and must cite the paper.
BASIC_ACTION_TAGS = {"place", "counter"}
MIN_EVENTS = 40
MIN_DISTINCT_CARDS = 8
CARD_DECKS = ("russia", "china", "eu", "state")


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


@pytest.fixture(scope="module")
def paper() -> str:
    if not PAPER.is_file():
        pytest.skip(f"the source paper is not available at {PAPER}")
    return PAPER.read_text(encoding="utf-8")


def source_refs(rules: Rules) -> Iterator[tuple[str, SourceRef]]:
    """Every source reference in the rules, with a readable location."""
    for table in TABLES:
        for path, value in walk(getattr(rules, table), (table,)):
            if isinstance(value, SourceRef):
                yield ".".join(str(part) for part in path), value


def unquoted(paper: str, refs: list[tuple[str, SourceRef]]) -> list[str]:
    """Locations and quotes of the references whose quote is not in the paper."""
    missing = set(missing_quotes(paper, [ref.quote for _, ref in refs]))
    return [f"{where}: {ref.quote!r}" for where, ref in refs if ref.quote in missing]


# ---- quotes --------------------------------------------------------------------------------


def test_paper_path_matches_the_quotes_module() -> None:
    assert PAPER.resolve() == DEFAULT_PAPER.resolve()


def test_rules_cite_the_paper(rules: Rules) -> None:
    refs = list(source_refs(rules))
    # cards, events, actions, factions, tracks, organisations, phases, scenarios, countries
    assert len(refs) > 100, f"only {len(refs)} source references found: is the walk broken?"
    kinds = {where.split(".")[0] for where, _ in refs}
    assert {"game", "countries", "organisations", "actions", "phases", "scenarios", "events",
            "decks"} <= kinds


def test_every_quote_is_in_the_paper(rules: Rules, paper: str) -> None:
    bad = unquoted(paper, list(source_refs(rules)))
    assert not bad, (
        f"{len(bad)} quote(s) not found word for word in the paper (after joining words broken "
        "at line ends and collapsing white space):\n  " + "\n  ".join(bad)
    )


def test_a_tampered_quote_is_caught(rules: Rules, paper: str) -> None:
    refs = list(source_refs(rules))
    found = set(missing_quotes(paper, [ref.quote for _, ref in refs]))
    where, good = next((w, r) for w, r in refs if r.quote not in found)
    tampered = good.model_copy(update={"quote": good.quote.replace(" ", "  ", 1) + " (sic)"})
    invented = SourceRef(section="conclusion", quote="Russia and China sign a formal alliance")
    bad = unquoted(paper, [(where, good), (where, tampered), ("invented", invented)])
    assert len(bad) == 2
    assert "(sic)" in bad[0] and "formal alliance" in bad[1]


def test_normalisation_joins_broken_words_only() -> None:
    text = "the Sino-\nRussian axis and the inter-\n  national   order\u201d"
    assert normalise(text) == 'the SinoRussian axis and the international order"'


# ---- content -------------------------------------------------------------------------------


def test_enough_events_in_every_era(rules: Rules) -> None:
    events = rules.events.events
    assert len(events) >= MIN_EVENTS
    eras = {era.id for era in rules.game.eras}
    used = {event.era for event in events}
    assert eras <= used, f"eras without events: {sorted(eras - used)}"


@pytest.mark.parametrize("deck", CARD_DECKS)
def test_every_deck_has_enough_distinct_cards(rules: Rules, deck: str) -> None:
    assert deck in rules.decks, f"no strategy deck {deck!r}"
    ids = {card.id for card in rules.decks[deck].cards}
    assert len(ids) >= MIN_DISTINCT_CARDS, f"{deck}: only {len(ids)} distinct cards"


def test_every_card_and_special_action_has_a_source(rules: Rules) -> None:
    unsourced = [f"event {e.id}" for e in rules.events.events if e.source is None]
    unsourced += [f"card {c.id}" for c in rules.all_cards() if c.source is None]
    unsourced += [
        f"action {a.id}" for a in rules.actions.actions
        if not BASIC_ACTION_TAGS & set(a.tags) and a.source is None
    ]
    assert not unsourced, "no source: " + ", ".join(unsourced)


def test_every_card_says_what_it_does(rules: Rules) -> None:
    blank = [c.id for c in [*rules.all_cards(), *rules.events.events] if len(c.text) < 15]
    assert not blank, f"cards without rules text: {blank}"

