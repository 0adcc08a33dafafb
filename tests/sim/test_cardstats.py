"""Per-card and per-action statistics: the tallies of a game, their sums over games, the output."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from chessboard.engine import cards as engine_cards
from chessboard.engine import engine_build
from chessboard.engine.game import Engine
from chessboard.rules.loader import Rules
from chessboard.seats import Seat
from chessboard.sim.cardstats import card_statistics, write_card_charts
from chessboard.sim.runner import GameRecord, Snapshot, play_and_record
from chessboard.sim.simulate import run_simulation

FACTIONS = ("russia", "china", "eu", "kazakhstan")


def seats(kind: str) -> list[Seat]:
    return [Seat(f, human=False, bot=kind) for f in FACTIONS]


@pytest.mark.skipif(engine_build().startswith("compiled"),
                    reason="patches the engine, which compiled code calls directly")
def test_drawn_counts_every_copy_the_engine_puts_into_a_hand(
    tiny: Rules, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An independent count: wrap the engine's one drawing function, leaving out the draws of
    # previews (the runner's dynamics tracker previews moves; random bots do not).
    seen: Counter[str] = Counter()
    real_draw = engine_cards.draw
    previewing = [0]

    def counting_draw(cx: Any, faction: int, count: int) -> int:
        before = Counter(cx.st.hands[faction])
        moved = real_draw(cx, faction, count)
        if not previewing[0]:
            for card, n in (Counter(cx.st.hands[faction]) - before).items():
                seen[cx.tables.card_ids[card]] += n
        return moved

    monkeypatch.setattr(engine_cards, "draw", counting_draw)
    engine = Engine(tiny, log=False)
    real_preview = engine.preview

    def preview(*args: Any, **kwargs: Any) -> Any:
        previewing[0] += 1
        try:
            return real_preview(*args, **kwargs)
        finally:
            previewing[0] -= 1

    monkeypatch.setattr(engine, "preview", preview)
    drawn: Counter[str] = Counter()
    for seed in range(3):
        rec = play_and_record(engine, seats("random"), index=seed, seed=seed, scenario=None)
        drawn.update(rec.drawn)
    assert sum(seen.values()) > 0
    assert drawn == seen


def test_tallies_agree_with_each_other_over_games(tiny: Rules) -> None:
    engine = Engine(tiny, log=False)
    records = [play_and_record(engine, seats("heuristic"), index=i, seed=i, scenario=None)
               for i in range(3)]
    stats = card_statistics(records, tiny)
    assert [c.id for c in stats.cards] == [c.id for d in tiny.decks.values() for c in d.cards]
    assert [a.id for a in stats.actions] == [a.id for a in tiny.actions.actions] + ["pass"]
    assert [e.id for e in stats.events] == [e.id for e in tiny.events.events]
    decisions = sum(r.decisions for r in records)
    assert sum(c.played for c in stats.cards) + sum(a.chosen for a in stats.actions) \
        == decisions
    for card in stats.cards:
        # a card can only be offered to a holder, and only played when offered
        assert card.played <= card.offered <= card.held, card
        assert card.played <= card.drawn, card
    for action in stats.actions:
        assert action.chosen <= action.offered <= decisions, action
    assert sum(e.drawn for e in stats.events) == sum(len(r.events) for r in records) > 0
    assert any(c.played for c in stats.cards) and any(c.held_games for c in stats.cards)


def _record(index: int, winner: str, *, held: dict[str, dict[str, int]],
            played: dict[str, dict[str, int]]) -> GameRecord:
    snap = Snapshot(tracks={}, agency=0, influence={}, control={}, members={})
    choices: Counter[str] = Counter()
    for mine in played.values():
        choices.update(mine)
    return GameRecord(
        index=index, seed=index, seats={}, winner=winner, reason="rounds", rounds=1,
        decisions=sum(choices.values()), vp={"russia": 1, "china": 0}, ranking=[], losers=[],
        choices=dict(choices), choices_by_faction=played, tension_causes={}, history=[],
        start=snap, end=snap, held=held,
    )


def test_win_rates_when_played_and_when_held_but_not_played(tiny: Rules) -> None:
    card = next(iter(tiny.decks["russia"].cards)).id
    records = [
        # played (and held before) and won: counts as played, not as held-not-played
        _record(0, "russia", held={"russia": {card: 2}}, played={"russia": {f"card:{card}": 1}}),
        # held, never played, lost
        _record(1, "china", held={"russia": {card: 3}}, played={"russia": {"pass": 3}}),
        # held, never played, won
        _record(2, "russia", held={"russia": {card: 1}}, played={"russia": {"pass": 1}}),
    ]
    line = next(c for c in card_statistics(records, tiny).cards if c.id == card)
    assert (line.played_games, line.played_wins, line.win_played) == (1, 1, 1.0)
    assert (line.held_games, line.held_wins, line.win_held) == (2, 1, 0.5)
    assert line.held == 6
    never = next(c for c in card_statistics(records, tiny).cards if c.id != card)
    assert never.win_played is None and never.win_held is None


def test_text_lists_every_never_chosen_item_and_the_json_every_card(
    tiny: Rules, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    status = run_simulation(tiny, seats("heuristic"), games=2, seed=1, scenario=None, workers=1,
                            json_path=tmp_path / "s.json", report_dir=None, fidelity=False,
                            progress=False)
    out = capsys.readouterr().out
    assert status == 0
    data = json.loads((tmp_path / "s.json").read_text())
    never = data["cards"]["never_chosen"]
    assert len(never) > 6  # more than the six of the least-used table
    line = next(x for x in out.splitlines() if x.startswith("Never chosen"))
    assert line.startswith(f"Never chosen ({len(never)}): ")
    for key in never:
        assert f"({key})" in line or f"({key}, never legal)" in line
    offered = {f"card:{c['id']}": c["offered"] for c in data["cards"]["cards"]}
    offered.update({f"act:{a['id']}": a["offered"] for a in data["cards"]["actions"]})
    assert any(offered[k] == 0 for k in never) and any(offered[k] for k in never)
    for key in never:
        assert (f"({key}, never legal)" in line) == (offered[key] == 0)
    assert {c["id"] for c in data["cards"]["cards"]} == {c.id for c in tiny.all_cards()}
    assert {"drawn", "held", "offered", "played", "win_played", "win_held"} <= set(
        data["cards"]["cards"][0])
    assert "Strategy cards: drawn" in out and "Actions: offered" in out
    assert set(data["games"][0]) >= {"offered", "held", "drawn", "events"}


def test_charts_are_labelled_with_names(tiny: Rules) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    engine = Engine(tiny, log=False)
    records = [play_and_record(engine, seats("heuristic"), index=0, seed=0, scenario=None)]
    stats = card_statistics(records, tiny)
    figures: dict[str, Any] = {}

    def keep(fig: Any, name: str) -> None:
        figures[name] = fig

    assert write_card_charts(stats, keep, plt) == ["cards.png", "actions.png"]
    labels = {t.get_text() for t in figures["cards.png"].axes[0].get_yticklabels()}
    assert labels == {f"{c.name} ({deck})" for deck, d in tiny.decks.items() for c in d.cards}
    labels = {t.get_text() for t in figures["actions.png"].axes[0].get_yticklabels()}
    assert labels == {a.name for a in tiny.actions.actions} | {"Pass"}
    for fig in figures.values():
        plt.close(fig)


def test_a_played_card_drawn_again_before_the_next_look_counts_as_drawn(tiny: Rules) -> None:
    from chessboard.engine.actions import Action
    from chessboard.sim.cardstats import CardTally

    engine = Engine(tiny, log=False)
    start = engine.new_game(seats=list(FACTIONS), seed=0)
    # (tests build positions on the engine's own layout; callers of the API never need it)
    russia = engine._tables.faction_index["russia"]
    cid = next(iter(tiny.decks["russia"].cards)).id
    card = engine._tables.card_index[cid]
    state = start.copy()
    state.hands[russia] = (card,)
    tally = CardTally(engine, start)
    before = tally.finish(start)["drawn"]
    play = Action("card", cid)
    tally.decision(state, "russia", [play], play)
    # the card went to the discards and a copy came back into the hand: same hand tuple
    later = state.copy()
    later.hands[russia] = (card,)
    after = tally.finish(later)["drawn"]
    assert after.get(cid, 0) == before.get(cid, 0) + 1 + (cid not in engine.hand(start, "russia"))
