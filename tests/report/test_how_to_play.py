"""How to play and the rules summary say what the loaded rules say, numbers and names included."""

from __future__ import annotations

from typing import Any

from chessboard.report import guide
from chessboard.report.page import esc
from chessboard.rules.loader import Rules, load_rules


def _text(sections: list[guide.Section]) -> str:
    return "\n".join(p for s in sections for p in [s.title, *s.paragraphs])


def test_the_guide_follows_the_tiny_rules(tiny: Rules) -> None:
    settings = tiny.game.settings
    text = _text(guide.basics(tiny) + guide.reference(tiny))
    assert f"{settings.action_rounds} action rounds" in text
    assert f"hands hold {settings.hand_size} cards" in text
    for faction in tiny.game.factions:
        assert esc(faction.name) in text
    for track in tiny.game.tracks:
        assert f"<b>{esc(track.name)}</b> ({track.min}–{track.max}" in text
    for era in tiny.game.eras:
        assert f"<b>{esc(era.name)}</b> from round {era.from_round}" in text
    for rule in [*tiny.phases.scoring, *tiny.phases.reactions]:
        assert f"<b>{esc(rule.name)}</b>: " in text
    for end in tiny.phases.end_conditions:
        assert esc(end.text) in text
    spheres = len(tiny.game.spheres)
    assert f"{spheres - 1} of {spheres} spheres" in guide.board_text(tiny)


def test_a_rules_change_changes_the_text(tiny: Rules) -> None:
    """Nothing is restated in code: other numbers and names in the rules, other words."""
    def edit(name: str, data: Any) -> None:
        if name == "game.yaml":
            data["settings"].update(action_rounds=6, hand_size=5, always_in_play=["eu"],
                                    min_seats=3)
            data["tracks"][0]["name"] = "Friction"
            data["spheres"][0]["name"] = "Diplomatic"

    edited = load_rules(tiny.directory, edit=edit)
    text = _text(guide.basics(edited))
    assert "6 action rounds" in text and "hands hold 5 cards" in text
    assert f"{tiny.game.settings.action_rounds} action rounds" not in text
    assert "<b>Friction</b>" in text and "<b>Tension</b>" not in text
    assert "<b>diplomatic, economic" in text and "political" not in text
    assert "(Diplomatic, Economic" in guide.board_text(edited)
    assert guide.round_outline(edited).startswith(
        "Each round: news, income, cards, 6 action rounds in initiative order")
    assert guide.seats_note(edited) == "European Union is always in play; 3 to 8 seats."
    assert guide.seats_note(tiny) == "Russia and China are always in play; 2 to 8 seats."


def test_the_summary_and_how_to_play_share_their_sentences(tiny: Rules) -> None:
    from chessboard.report.handouts import summary_html

    html = summary_html(tiny)
    for sentence in [*guide.round_steps(tiny), guide.round_numbers(tiny),
                     guide.board_text(tiny), *guide.end_lines(tiny)]:
        assert sentence in html
    # the reactions step names the rules' own reactions
    reactions = next(s for s in guide.round_steps(tiny) if s.startswith("Reactions"))
    assert all(esc(r.name) in reactions for r in tiny.phases.reactions)


def test_rules_sharing_a_name_share_a_line(rules: Rules) -> None:
    lines = guide.rule_lines(rules.phases.reactions)
    names = [r.name for r in rules.phases.reactions]
    assert len(lines) == len(set(names)) < len(names)  # the shipped rules have a pair
