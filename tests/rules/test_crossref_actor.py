"""`self` and `own` name the acting faction; news, once-rules and set-ups have none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chessboard.rules.loader import DEFAULT_RULES_DIR, RulesError, load_rules


def _broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    text = (rules / file).read_text()
    assert old in text
    (rules / file).write_text(text.replace(old, new, 1))
    return rules


def test_self_in_a_news_event_is_an_error(tmp_path: Path) -> None:
    rules = _broken(tmp_path, "cards/events.yaml", "  - id: trade_war\n",
                    "  - id: trade_war\n    when: {opinion: {power: self, country: kazakhstan,"
                    " min: 0}}\n")
    with pytest.raises(RulesError) as caught:
        load_rules(rules)
    [problem] = caught.value.diagnostics
    assert problem.file.endswith("cards/events.yaml")
    assert "'self' cannot be used here: news has no acting faction" in problem.message
    text = (rules / "cards/events.yaml").read_text().splitlines()
    assert "power: self" in text[problem.line - 1]


def test_own_in_a_once_rule_is_an_error(tmp_path: Path) -> None:
    rules = _broken(tmp_path, "phases.yaml", "\nscoring:\n",
                    "\nscoring:\n  - id: misplaced_own\n    name: Misplaced\n"
                    "    effects:\n      - agency: {country: own, amount: 1}\n")
    with pytest.raises(RulesError) as caught:
        load_rules(rules)
    assert any("'own' cannot be used here" in d.message and "for_each: faction" in d.message
               for d in caught.value.diagnostics)


def test_power_self_in_a_state_card_is_an_error(tmp_path: Path) -> None:
    text = (DEFAULT_RULES_DIR / "cards/state.yaml").read_text()
    marker = "    effects:\n"
    assert marker in text
    rules = _broken(tmp_path, "cards/state.yaml", marker,
                    marker + "      - opinion: {power: self, country: own, amount: 1}\n")
    with pytest.raises(RulesError) as caught:
        load_rules(rules)
    assert any("'self' is not an outside power" in d.message for d in caught.value.diagnostics)


def test_own_in_a_power_action_is_an_error(tmp_path: Path) -> None:
    rules = _broken(tmp_path, "actions.yaml",
                    "      - influence: {sphere: cultural, amount: 1}\n",
                    "      - influence: {sphere: cultural, country: own, amount: 1}\n")
    with pytest.raises(RulesError) as caught:
        load_rules(rules)
    assert any("'own' is a state's own country" in d.message for d in caught.value.diagnostics)


def test_own_country_actions_explain_themselves() -> None:
    from chessboard.engine.actions import Action
    from chessboard.engine.game import Engine

    engine = Engine(load_rules())
    state = engine.new_game(seed=1)
    while engine.current_faction(state) != "kazakhstan":
        state = engine.apply(state, Action.parse("pass")).state
    reason = engine.why_illegal(state, Action.parse("act:leave_csto uzbekistan"))
    assert reason == "'Leave the CSTO' acts only in Kazakhstan's own country"
