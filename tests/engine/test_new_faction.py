"""A faction added in YAML alone plays a real game: it acts (not only passes) and scores.

The rules name no list of powers where "every power" is meant (``factions: [powers]``,
``dominated_by``, scoring ``for_each: faction`` with ``actor: [powers]``), so a new power needs
only its faction entry and its deck.
"""

from __future__ import annotations

from pathlib import Path

from chessboard.ai import make_bot
from chessboard.engine.actions import PASS
from chessboard.engine.game import Engine
from chessboard.rules.loader import load_rules

USA_FACTION = """
  - id: usa
    name: United States
    kind: power
    letter: US
    colour: "#3B3B98"
    deck: usa
    base_income: 5
    description: A distant power offering investment and security ties.
    objectives: [Economic presence, Political partners]
    bot_weights: {economic: 3, political: 2, cultural: 1, military: 1}
"""

USA_DECK = """deck: usa
cards:
  - id: development_finance
    name: Development finance
    text: +2 US economic influence in a country.
    cost: 3
    sphere: economic
    target: country
    copies: 3
    effects:
      - influence: {sphere: economic, amount: 2}
    source:
      section: key_takeaways
      quote: "provide them with an alternative to China (and its Belt and Road Initiative (BRI)"
  - id: embassy_programme
    name: Embassy programme
    text: +1 US political and +1 cultural influence in a country.
    cost: 2
    sphere: political
    target: country
    copies: 3
    effects:
      - influence: {sphere: political, amount: 1}
      - influence: {sphere: cultural, amount: 1}
    source:
      section: key_takeaways
      quote: "provide them with an alternative to China (and its Belt and Road Initiative (BRI)"
"""


def add_usa(rules_dir: Path) -> None:
    game = rules_dir / "game.yaml"
    text = game.read_text()
    head, sep, tail = text.partition("\nfactions:\n")
    assert sep, "game.yaml has a factions table"
    game.write_text(head + sep + USA_FACTION.lstrip("\n") + tail)
    (rules_dir / "cards" / "usa.yaml").write_text(USA_DECK)


def test_a_power_added_in_yaml_alone_acts_and_scores(tiny_rules: Path) -> None:
    add_usa(tiny_rules)
    rules = load_rules(tiny_rules)
    engine = Engine(rules, log=False)
    t = engine._tables
    usa = t.faction_index["usa"]
    seats = ["russia", "china", "eu", "kazakhstan", "usa"]
    state = engine.new_game(scenario="tiny", seats=seats, seed=3)
    bots = {f: make_bot("heuristic", seed=i) for i, f in enumerate(seats)}
    acted = passed = 0
    kinds: set[str] = set()
    while not state.over:
        faction = engine.current_faction(state)
        assert faction is not None
        action = bots[faction].choose(engine, engine.view(state, faction),
                                      engine.legal_actions(state))
        if faction == "usa":
            if action == PASS:
                passed += 1
            else:
                acted += 1
                kinds.add(action.kind)
        state = engine.apply(state, action).state
    # it plays its cards and the shared "counter" action (factions: [powers]), not only passes
    assert acted > passed, (acted, passed)
    assert len(kinds) >= 2, kinds
    # and the generic scoring (sphere control, dominance: for every power) counts it
    assert state.vp[usa] > 0
    result = engine.result(state)
    assert result is not None and "usa" in result.vp

