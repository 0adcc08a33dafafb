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
