"""The debrief from a seeded game, checked for its content (headless: no browser)."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from pathlib import Path

import pytest

from chessboard.cli import main
from chessboard.engine.actions import PASS, Action
from chessboard.engine.game import Engine
from chessboard.engine.saves import SaveGame, write_save
from chessboard.engine.state import GameState, unroll
from chessboard.report.debrief import (
    build_debrief,
    debrief_html,
    ranking,
    tiebreak_text,
    vp_by_source,
    write_debrief,
)
from chessboard.rules.loader import Rules


def test_outcome_and_vp_by_source(engine: Engine, played: tuple[GameState, SaveGame]) -> None:
    st, save = played
    d = build_debrief(engine, save)
    result = engine.result(st)
    assert result is not None and result.winner is not None
    winner = engine._tables.faction_names[engine._tables.faction_index[result.winner]]
    assert d.outcome.startswith(f"{winner} wins with {result.vp[result.winner]} VP")
    # the breakdown adds up to each faction's VP, and comes from the engine's record
    assert d.vp == result.vp
    for fid, pairs in d.vp_by_source.items():
        assert sum(v for _, v in pairs) == result.vp[fid]
    assert any(len(pairs) > 1 for pairs in d.vp_by_source.values())
    assert d.vp_by_source == vp_by_source(engine, st)
    # the report ranks as the engine does
    assert ranking(engine.rules, d.vp, result.losers) == list(result.ranking)


def test_tiebreak_is_explained(rules: Rules) -> None:
    order = rules.phases.tiebreak
    first, second, third = order[0], order[1], order[2]
    names = {f.id: f.name for f in rules.game.factions}
    text = tiebreak_text(rules, {second: 24, first: 24, third: 3})
    assert text.startswith(f"{names[first]} and {names[second]} tie on 24 VP")
    assert f"so {names[first]} ranks first" in text
    assert f"({names[first]}, {names[second]}, {names[third]})" in text
    text = tiebreak_text(rules, {second: 25, first: 24})
    assert text == (f"{names[second]} leads {names[first]} by 1 VP (25 to 24): no tiebreak "
                    "was needed.")
    # a faction that lost outright is out of the ranking
    assert ranking(rules, {first: 30, second: 2}, (first,)) == [second]


def test_cards_injects_coverage_and_questions(engine: Engine,
                                              played: tuple[GameState, SaveGame]) -> None:
    st, save = played
    rules = engine.rules
    d = build_debrief(engine, save)
    actions = [Action.parse(a) for a in save.actions]
    cards = [p for p in d.played if p.kind == "card"]
    assert [p.name for p in cards] == [
        next(c.name for c in rules.all_cards() if c.id == a.id) for a in actions
        if a.kind == "card"]
    injects = [p for p in d.played if p.kind == "inject"]
    inject = rules.injects.injects[0]
    assert [(p.name, p.by) for p in injects][:1] == [(inject.name, "the facilitator")]
    assert injects[0].quote == inject.source.quote and injects[0].section == inject.source.section
    news = [p for p in d.played if p.kind == "news"]
    assert len(news) + len(injects) - 1 == len(st.events_seen)  # one inject is not news
    # coverage counts every card, inject and sourced action by the section it quotes
    assert sum(sum(c.values()) for _, _, c in d.coverage) == len(d.played)
    in_play = {sid for sid, _, c in d.coverage if c}
    assert inject.source.section in in_play
    asked = {sid for sid, _, _ in d.questions}
    with_questions = {s.id for s in rules.sources.sections if s.debrief is not None}
    assert asked == in_play & with_questions
    assert asked, "the shipped sections have questions"
    out_of_play = [s for s in rules.sources.sections if s.id not in in_play]
    html = debrief_html(d)
    for sid, _, groups in d.questions:
        assert f'id="q-{sid}"' in html
        for question in groups["So what?"]:
            assert question.replace("'", "&#x27;") in html
    for section in out_of_play:
        assert f'id="q-{section.id}"' not in html


def test_turning_points_name_their_cause(engine: Engine,
                                         played: tuple[GameState, SaveGame]) -> None:
    _, save = played
    d = build_debrief(engine, save)
    tracks = [tp for tp in d.turning_points if not tp.what.endswith(" VP")]
    vps = [tp for tp in d.turning_points if tp.what.endswith(" VP")]
    assert tracks and vps
    for group in (tracks, vps):
        swings = [abs(tp.swing) for tp in group]
        assert swings == sorted(swings, reverse=True) and 0 not in swings
    assert all(tp.cause for tp in d.turning_points)
    track_names = set(engine._tables.track_names)
    assert {tp.what for tp in tracks} <= track_names


def test_charts_follow_the_rounds(engine: Engine, played: tuple[GameState, SaveGame]) -> None:
    st, save = played
    d = build_debrief(engine, save)
    assert d.labels[0] == "start" and len(d.labels) == len(st.history) + 1
    for series in d.vp_series:
        fid = next(f for f, name, _ in d.seats if name == series.name)
        assert series.values[0] == 0 and series.values[-1] == d.vp[fid]
    tension = engine._tables.track_names[engine._tables.track_index["tension"]]
    assert d.track_series[tension][-1] == st.tracks[engine._tables.track_index["tension"]]


def test_html_is_self_contained(engine: Engine, played: tuple[GameState, SaveGame]) -> None:
    _, save = played
    html = debrief_html(build_debrief(engine, save))
    for anchor in ("outcome", "tiebreak", "tracks", "turning", "played", "coverage",
                   "questions"):
        assert f'id="{anchor}"' in html
    assert html.count("<svg") == 1 + len(engine._tables.track_ids)
    assert "@media print" in html
    # nothing to fetch: no scripts, links, images or remote addresses (the SVG namespace is a
    # name, not a request)
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert not re.search(r"(src|href)=\"(?!#)", html)
    assert "url(" not in html


def test_write_debrief_and_logs(engine: Engine, played: tuple[GameState, SaveGame],
                                tmp_path: Path) -> None:
    st, save = played
    paths = write_debrief(engine, save, tmp_path / "out")
    assert [p.name for p in paths] == ["debrief.html", "log.txt", "log.csv"]
    assert (tmp_path / "out" / "log.txt").read_text().splitlines() == unroll(st.log)
    with (tmp_path / "out" / "log.csv").open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["line"] for r in rows] == unroll(st.log)
    assert rows[-1]["step"] == str(len(save.actions))
    inject_row = next(r for r in rows if r["line"].startswith("Inject: "))
    assert inject_row["actor"] == "facilitator" and inject_row["action"].startswith("inject:")


def test_command_line(engine: Engine, played: tuple[GameState, SaveGame], tmp_path: Path,
                     capsys: pytest.CaptureFixture[str]) -> None:
    _, save = played
    path = tmp_path / "game.json"
    write_save(path, save)
    assert main(["debrief", str(path), "--out", str(tmp_path / "d")]) == 0
    assert (tmp_path / "d" / "debrief.html").is_file()
    assert "debrief.html" in capsys.readouterr().out
    path.write_text("{not json", encoding="utf-8")
    assert main(["debrief", str(path), "--out", str(tmp_path / "e")]) == 1
    err = capsys.readouterr().err
    assert "not valid JSON" in err and "Traceback" not in err
    (tmp_path / "file").write_text("x")
    write_save(path, save)
    assert main(["debrief", str(path), "--out", str(tmp_path / "file")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_a_game_in_progress(engine: Engine, played: tuple[GameState, SaveGame]) -> None:
    _, save = played
    d = build_debrief(engine, replace(save, actions=save.actions[:30], state_digest=""))
    assert d.outcome.startswith("The game is in progress")
    assert not d.over


def test_a_game_the_facilitator_ended_early(engine: Engine) -> None:
    from chessboard.engine.saves import SeatRecord, make_save

    st = engine.new_game(seed=4, rounds=4)
    st = engine.facilitate(st, Action("end", "2")).state
    while not st.over:  # everyone passes: nothing but the facilitator ends it early
        st = engine.apply(st, PASS).state
    assert st.end_reason == "rounds"
    save = make_save(engine, st, [SeatRecord(f, False) for f in engine.seated(st)], rounds=4)
    d = build_debrief(engine, save)
    assert d.outcome.endswith("The facilitator shortened the game to 2 rounds (of 4 planned).")
    assert d.labels == ["start", "1", "2"]
    assert not [p for p in d.played if p.by == "the facilitator"]  # an end is not a card
    assert any(r.actor == "facilitator" and r.action == "end:2" for r in d.log_rows)
