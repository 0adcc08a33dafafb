"""The generated rules reference stays in step with the models."""

from __future__ import annotations

from pathlib import Path

from chessboard.rules import expressions as ex
from chessboard.rules.docs import reference_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules-reference.md"


def test_reference_is_up_to_date() -> None:
    assert DOC.read_text().rstrip("\n") == reference_markdown().rstrip("\n"), (
        "docs/rules-reference.md is stale: run `python3 main.py schema --markdown > "
        "docs/rules-reference.md`"
    )


def test_every_kind_is_documented() -> None:
    text = reference_markdown()
    for kind in (*ex.EFFECT_KINDS, *ex.CONDITION_KINDS, *ex.QUANTITY_KINDS):
        assert f"### `{kind}`" in text, kind


def test_the_reference_speaks_yaml_not_class_names() -> None:
    import re

    from chessboard.rules import models as m

    classes = {value.__name__ for module in (m, ex) for value in vars(module).values()
               if isinstance(value, type) and value.__module__ == module.__name__}
    assert {"TrackC", "InfluenceE", "StrategyCard"} <= classes
    text = reference_markdown()
    words = set(re.findall(r"\b[A-Z][a-z]*[A-Z]\w*\b", text))
    assert not words & classes, sorted(words & classes)
    assert "| `where` | [condition](#conditions) (optional) |" in text
    assert "| `effects` | list of [effect](#effects) |" in text
    assert "| `power` | `self` or `target` or power id | `self` |" in text


def test_the_reference_explains_control_dominance_defaults_and_bot_weights() -> None:
    text = reference_markdown()
    for heading in ("## How the board is scored", "## Defaults", "## Bot weights"):
        assert heading in text
    assert "**Control.**" in text and "**Dominance.**" in text
    for name in ("`vp`", "`projected`", "`sovereignty`", "`noise`"):
        assert f"- {name}" in text
