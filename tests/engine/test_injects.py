"""Injects: the facilitator brings an inject or a news event into play between two decisions;
the action list records it (saves and replays reproduce it), the log says so, no seat is ever
offered it, and a scenario may schedule injects by round."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path

import pytest
from engine_helpers import random_game, track

from chessboard.engine.actions import Action
from chessboard.engine.game import Engine, IllegalActionError
from chessboard.engine.saves import SaveError, SeatRecord, make_save, replay_matches, restore
from chessboard.engine.state import GameState, unroll
from chessboard.rules.loader import RulesError, load_rules

INJECTS = """\
injects:
  - id: border_incident
    name: Incident at a Chinese outpost
    text: Tension +2 and China +1 VP.
    effects:
      - track: {id: tension, amount: 2, cause: military}
      - vp: {faction: china, amount: 1}
    source:
      section: military
      quote: "might -for now- have tacitly agreed to Beijing's growing military presence"
"""


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text,
                    encoding="utf-8")


@pytest.fixture
def inject_rules(tiny_rules: Path) -> Path:
    (tiny_rules / "injects.yaml").write_text(INJECTS, encoding="utf-8")
    return tiny_rules


def test_inject_resolves_between_decisions_and_is_logged(inject_rules: Path) -> None:
    engine = Engine(load_rules(inject_rules))
    st = engine.new_game(scenario="tiny", seed=3)
    acting, legal = engine.current_faction(st), engine.legal_actions(st)
    inject = Action("inject", "border_incident")
    assert inject in engine.facilitator_actions(st)
    assert not any(a.is_facilitator for a in legal)
    before = track(engine._tables, st, "tension")
    china = engine._tables.faction_index["china"]
    out = engine.facilitate(st, inject)
    assert track(engine._tables, out.state, "tension") == min(before + 2, engine._tables.track_max[
        engine._tables.track_index["tension"]])
    assert out.state.vp[china] == st.vp[china] + 1
    assert out.log[0] == "Inject: Incident at a Chinese outpost"
    # the same seat still decides, with the same choices
    assert engine.current_faction(out.state) == acting
    assert engine.legal_actions(out.state) == legal
    assert unroll(out.state.actions)[-1] == inject
    # the VP are credited to injects, not to a seat's move or scoring
    width = len(engine._tables.vp_sources)
    inject_source = engine._tables.vp_sources.index("inject")
    assert out.state.vp_sources[china * width + inject_source] == 1


def test_seats_cannot_play_facilitator_actions(inject_rules: Path) -> None:
    engine = Engine(load_rules(inject_rules))
    st = engine.new_game(scenario="tiny", seed=3)
    with pytest.raises(IllegalActionError, match="only the facilitator"):
        engine.apply(st, Action("inject", "border_incident"))
    with pytest.raises(IllegalActionError, match="there is no inject 'nope'"):
        engine.facilitate(st, Action("inject", "nope"))
    with pytest.raises(IllegalActionError, match="a seat's action"):
        engine.facilitate(st, engine.legal_actions(st)[0])
    view = engine.view(st, engine.current_faction(st) or "")
    assert engine.facilitator_actions(view) == []


def test_news_brought_in_leaves_the_deck(tiny_engine: Engine) -> None:
    st = tiny_engine.new_game(scenario="tiny", seed=5)
    unseen = [a for a in tiny_engine.facilitator_actions(st) if a.kind == "news"]
    assert unseen, "the fixture deck has news not yet revealed"
    news = unseen[0]
    out = tiny_engine.facilitate(st, news)
    index = tiny_engine._tables.event_ids.index(news.id)
    assert out.state.events_seen[-1] == index
    assert all(index not in pile for pile in out.state.event_piles)
    assert out.log[0].startswith("Inject: news")
    assert news not in tiny_engine.facilitator_actions(out.state)
    with pytest.raises(IllegalActionError, match="already come into play"):
        tiny_engine.facilitate(out.state, news)


def _game_with_injects(engine: Engine, seed: int) -> GameState:
    st = engine.new_game(scenario="tiny", seed=seed)
    chooser = random.Random(seed)
    moves = 0
    while not st.over:
        if moves in (3, 17):
            options = engine.facilitator_actions(st)
            st = engine.facilitate(st, chooser.choice(options)).state
        st = engine.apply(st, chooser.choice(engine.legal_actions(st))).state
        moves += 1
    return st


def test_save_and_replay_reproduce_injects(inject_rules: Path) -> None:
    engine = Engine(load_rules(inject_rules))
    st = _game_with_injects(engine, 11)
    kinds = [a.kind for a in unroll(st.actions)]
    assert kinds.count("inject") + kinds.count("news") == 2
    save = make_save(engine, st, [SeatRecord(f, False) for f in ("russia", "china", "eu",
                                                                 "kazakhstan")])
    replayed, same = replay_matches(engine, save)
    assert same and replayed == st
    assert sum(line.startswith("Inject: ") for line in unroll(replayed.log)) == 2
    # the seat's moves alone replay another game (or none): the injects are part of it
    save.actions = [a for a in save.actions if not Action.parse(a).is_facilitator]
    with contextlib.suppress(SaveError):
        assert restore(engine, save) != st


def test_scenario_schedules_injects_by_round(inject_rules: Path) -> None:
    append(inject_rules, "scenarios.yaml", """\
  - id: tiny_injects
    name: "Tiny with injects"
    description: The baseline with an inject in round 2.
    rounds: 3
    seats: [russia, china, eu, kazakhstan]
    injects:
      - {round: 2, inject: border_incident}
""")
    engine = Engine(load_rules(inject_rules))
    st = engine.new_game(scenario="tiny_injects", seed=2)
    assert not any("Inject:" in line for line in unroll(st.log))
    china = engine._tables.faction_index["china"]
    while st.round < 2 and not st.over:
        st = engine.apply(st, Action.parse("pass")).state
    lines = unroll(st.log)
    assert "Inject: Incident at a Chinese outpost" in lines
    # after round 2's news and income, before its first action
    at = lines.index("Inject: Incident at a Chinese outpost")
    assert lines.index("Round 2") < at
    width = len(engine._tables.vp_sources)
    assert st.vp_sources[china * width + engine._tables.vp_sources.index("inject")] == 1
    assert not any(a.is_facilitator for a in unroll(st.actions))  # the rules bring it


def test_vp_by_source_adds_up(tiny_engine: Engine) -> None:
    for seed in (1, 2):
        st = random_game(tiny_engine, seed, scenario="tiny")
        width = len(tiny_engine._tables.vp_sources)
        table = st.vp_sources or (0,) * (tiny_engine._tables.F * width)
        for f in st.seats:
            assert sum(table[f * width:(f + 1) * width]) == st.vp[f]
        assert any(table), "VP were won in a whole game"
        # a state's JSON carries the breakdown, and older states without it still load
        data = st.to_json()
        assert GameState.from_json(data).vp_sources == st.vp_sources
        del data["vp_sources"]
        assert GameState.from_json(data).vp_sources == ()


def _problems(root: Path) -> str:
    with pytest.raises(RulesError) as info:
        load_rules(root)
    return "\n".join(f"{d.file}:{d.line}: {d.message}" for d in info.value.diagnostics)


def test_injects_are_validated_with_file_and_line(tiny_rules: Path) -> None:
    (tiny_rules / "injects.yaml").write_text(INJECTS + "    oops: 1\n", encoding="utf-8")
    append(tiny_rules, "scenarios.yaml", """\
  - id: bad_injects
    name: "Bad"
    description: Bad schedule.
    seats: [russia, china]
    injects:
      - {round: 2, inject: border_incident, news: trade_war}
""")
    text = _problems(tiny_rules)
    assert "rules/injects.yaml:11: unknown field 'oops'" in text
    assert "exactly one of 'inject' or 'news'" in text


def test_injects_references_are_checked(tiny_rules: Path) -> None:
    (tiny_rules / "injects.yaml").write_text(
        INJECTS.replace("section: military", "section: militray")
        + INJECTS.split("injects:\n", 1)[1].replace("vp: {faction: china",
                                                    "vp: {faction: self"),
        encoding="utf-8")
    append(tiny_rules, "scenarios.yaml", """\
  - id: bad_injects
    name: "Bad"
    description: Bad schedule.
    seats: [russia, china]
    injects:
      - {round: 1, inject: border_incidnet}
      - {round: 1, news: trade_wars}
""")
    text = _problems(tiny_rules)
    assert "rules/injects.yaml:9: unknown source section 'militray'" in text
    assert "rules/injects.yaml:11: duplicate inject id 'border_incident'" in text
    assert "'self' cannot be used here: an inject has no acting faction" in text
    assert "unknown inject 'border_incidnet'" in text
    assert "unknown news event 'trade_wars'" in text
