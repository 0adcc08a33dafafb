"""No silent gaps: quotes checked against the paper, one message per mistake, carets, words."""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_helpers import append

from chessboard.cli import main
from chessboard.rules.diagnostics import Diagnostic
from chessboard.rules.loader import RulesError, load_rules

PAPER = """\
Central Asia is a region where Russia and China cooper-
ate. Russia remains the security provider, while China is
the main economic partner.
"""
CARD = """\
  - id: probe
    name: Probe
    text: A test probe of the validator.
    cost: 1
    sphere: political
    target: country
    effects:
      - influence: {sphere: political, amount: 1}
    source: {section: greater_eurasia, quote: "QUOTE"}
"""


def problems(root: Path, **kwargs: str) -> list[Diagnostic]:
    with pytest.raises(RulesError) as info:
        load_rules(root, **kwargs)  # type: ignore[arg-type]
    return info.value.diagnostics


def only_probe_quotes(root: Path) -> str:
    """A paper holding just the quotes of the shipped rules, so only the probe can fail."""
    rules = load_rules(root)
    from chessboard.rules.crossref import walk
    from chessboard.rules.models import SourceRef

    quotes = [v.quote for table in (rules.game, rules.countries, rules.organisations,
                                    rules.actions, rules.phases, rules.scenarios, rules.events,
                                    rules.injects,
                                    *rules.decks.values())
              for _, v in walk(table) if isinstance(v, SourceRef)]
    return PAPER + "\n".join(quotes)


def test_an_invented_quote_is_refused_with_its_line(rules_copy: Path) -> None:
    paper = only_probe_quotes(rules_copy)
    start = append(rules_copy, "cards/russia.yaml",
                   CARD.replace("QUOTE", "Russia and China sign a formal alliance"))
    found = problems(rules_copy, paper=paper)
    assert [(d.line, d.path[-1], d.message) for d in found] == [
        (start + 8, "quote", "this quote is not in the paper word for word")]
    assert "first 3 words ('Russia and China') but not what follows: 'sign a formal" \
        in (found[0].hint or "")


def test_a_quote_across_a_broken_line_is_found(rules_copy: Path) -> None:
    paper = only_probe_quotes(rules_copy)
    append(rules_copy, "cards/russia.yaml",
           CARD.replace("QUOTE", "where Russia and China cooperate. Russia remains"))
    assert load_rules(rules_copy, paper=paper).name


def test_validate_paper_on_the_command_line(rules_copy: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(only_probe_quotes(rules_copy), encoding="utf-8")
    assert main(["validate", "--rules", str(rules_copy), "--paper", str(paper)]) == 0
    assert "every quote found in the paper" in capsys.readouterr().out
    append(rules_copy, "cards/russia.yaml", CARD.replace("QUOTE", "an invented sentence here"))
    assert main(["validate", "--rules", str(rules_copy), "--paper", str(paper)]) == 1
    assert "this quote is not in the paper word for word" in capsys.readouterr().out
    assert main(["validate", "--paper", str(tmp_path / "missing.txt")]) == 2
    assert "--paper" in capsys.readouterr().err


def test_every_message_shows_its_line_with_a_caret(rules_copy: Path) -> None:
    start = append(rules_copy, "cards/russia.yaml",
                   CARD.replace("QUOTE", "x" * 10).replace("sphere: political\n",
                                                             "sphere: politcal\n"))
    [diag] = problems(rules_copy)
    assert diag.source == "    sphere: politcal"
    assert diag.format_text().splitlines()[1:3] == [
        f" {start + 4} |     sphere: politcal",
        f" {' ' * len(str(start + 4))} |             ^",
    ]


@pytest.mark.parametrize(("old", "new"), [
    ("amount: 1", "amuont: 1"),  # unknown field + missing required field
    ("amount: 1", "amount: {of: {dominatd: self}}"),  # not a number + unknown quantity
    ("    effects:", "    efects:"),
])
def test_one_typo_gives_one_message(rules_copy: Path, old: str, new: str) -> None:
    append(rules_copy, "cards/russia.yaml", CARD.replace("QUOTE", "x" * 10).replace(old, new))
    found = problems(rules_copy)
    assert len(found) == 1, [d.format_text() for d in found]


def test_a_misspelt_resilience_sphere_is_one_message(rules_copy: Path) -> None:
    path = rules_copy / "countries.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("resilience: {political:", "resilience: {politcal:", 1),
                    encoding="utf-8")
    found = problems(rules_copy)
    assert [d.message for d in found] == ["unknown sphere 'politcal'"]


def test_id_rules_are_said_in_words(rules_copy: Path) -> None:
    append(rules_copy, "cards/russia.yaml", CARD.replace("QUOTE", "x" * 10).replace(
        "id: probe", "id: Probe-1"))
    [diag] = problems(rules_copy)
    assert diag.message == ("must be an id: lowercase letters, digits and _, starting with a "
                            "letter, at most 40 characters (got 'Probe-1')")
    assert "^" not in diag.message and "[a-z" not in diag.message


# ---- rules text and bot weights in step with what the rules do --------------------------


@pytest.mark.parametrize(("text", "message"), [
    ("+2 Russian economic influence in a country.",
     "the text says '+2 Russian economic', but the effects change economic influence by +1"),
    ("+1 Russian economic influence; tension +1.",
     "the text says 'tension +1', but no effect changes tension"),
    ("+1 economic influence; Russia +2 IP.",
     "the text says '+2 IP', but no effect changes IP"),
])
def test_numbers_in_the_text_must_match_the_effects(rules_copy: Path, text: str,
                                                    message: str) -> None:
    card = (CARD.replace("QUOTE", "x" * 10).replace("A test probe of the validator.", text)
            .replace("{sphere: political, amount: 1}", "{sphere: economic, amount: 1}"))
    start = append(rules_copy, "cards/russia.yaml", card)
    found = problems(rules_copy)
    assert [(d.line, d.path[-1], d.message) for d in found] == [(start + 2, "text", message)]


def test_matching_numbers_and_state_dependent_amounts_pass(rules_copy: Path) -> None:
    card = (CARD.replace("QUOTE", "x" * 10)
            .replace("A test probe of the validator.",
                     "+1 Russian political influence, then +2 political influence")
            .replace("amount: 1}", "amount: {of: {dominated: self}}}"))
    append(rules_copy, "cards/russia.yaml", card)
    assert load_rules(rules_copy).name


def test_a_misspelt_bot_weight_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "game.yaml"
    text = path.read_text(encoding="utf-8")
    assert "bot_weights: {military: 3" in text
    path.write_text(text.replace("bot_weights: {military: 3", "bot_weights: {militray: 3", 1),
                    encoding="utf-8")
    [diag] = problems(rules_copy)
    assert diag.message == "unknown bot weight 'militray': the bot would ignore it"
    assert diag.hint == "did you mean 'military'?"


def test_the_bot_weight_names_are_the_bots() -> None:
    import chessboard.ai.features as features
    from chessboard.rules.consistency import BOT_FEATURES

    assert set(features.DEFAULTS) <= set(BOT_FEATURES)
    doc = features.__doc__ or ""
    for name in BOT_FEATURES:
        assert f"``{name}``" in doc, name
    source = Path(features.__file__).read_text(encoding="utf-8")
    used = set(__import__("re").findall(r'w(?:\.get\(|\[)"(\w+)"', source))
    assert used <= set(BOT_FEATURES), used - set(BOT_FEATURES)


def test_own_country_yes_is_refused_with_a_hint(rules_copy: Path) -> None:
    start = append(rules_copy, "cards/russia.yaml", CARD.replace("QUOTE", "x" * 10).replace(
        "    target: country\n", "    target: country\n    own_country: yes\n"))
    [diag] = problems(rules_copy)
    assert (diag.line, diag.message) == (start + 6, "must be true or false (got 'yes')")
    assert diag.hint == "rules files are YAML 1.2, where only true and false are yes/no values"
