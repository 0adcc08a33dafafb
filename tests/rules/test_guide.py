"""The examples of the designers' guide validate, so the tutorial never teaches a broken card."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from chessboard.rules.loader import DEFAULT_RULES_DIR, load_rules
from chessboard.rules.quotes import DEFAULT_PAPER

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "designers-guide.md"


def block_after(text: str, marker: str) -> str:
    """The first ```yaml block after ``marker``."""
    found = re.search(re.escape(marker) + r".*?```yaml\n(.*?)```", text, re.DOTALL)
    assert found, marker
    return found.group(1)


def test_the_guides_card_event_and_faction_validate(tmp_path: Path) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    rules = Path(shutil.copytree(DEFAULT_RULES_DIR, tmp_path / "my-rules"))
    with (rules / "cards" / "china.yaml").open("a", encoding="utf-8") as out:
        out.write("\n" + block_after(text, "Add to `cards/china.yaml`"))
    with (rules / "cards" / "events.yaml").open("a", encoding="utf-8") as out:
        out.write("\n" + block_after(text, "(`self` and `own` are errors there)"))
    mod = tmp_path / "usa"
    (mod / "cards").mkdir(parents=True)
    (mod / "game.yaml").write_text(block_after(text, "`usa/game.yaml`"), encoding="utf-8")
    (mod / "cards" / "usa.yaml").write_text(block_after(text, "`usa/cards/usa.yaml`"),
                                           encoding="utf-8")
    paper = DEFAULT_PAPER.read_text(encoding="utf-8") if DEFAULT_PAPER.is_file() else None
    loaded = load_rules(rules, [mod], paper=paper)
    assert "gas_pipeline" in {c.id for c in loaded.all_cards()}
    assert "pipeline_explosion" in {e.id for e in loaded.events.events}
    assert "usa" in loaded.decks
    if paper is None:
        pytest.skip("quotes not checked: the paper is not beside the clone")
