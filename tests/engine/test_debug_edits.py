"""The designer console's edits: checked by the engine, logged, kept in saves and replayed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from engine_helpers import get_inf

from chessboard.engine.debug import DebugEdit, DebugError, apply_edit
from chessboard.engine.game import Engine
from chessboard.engine.saves import (
    SaveError,
    SeatRecord,
    make_save,
    read_save,
    restore,
    restore_by_replaying,
    state_digest,
    write_save,
)
from chessboard.engine.state import GameState, unroll


@pytest.fixture
def st(tiny_engine: Engine) -> GameState:
    return tiny_engine.new_game(scenario="tiny", seed=1)


def test_edits_parse_and_print_back() -> None:
    for text in ("event trade_war", "card china arms_sales", "track tension 7",
                 "influence russia kazakhstan military 5", "ip eu -2"):
        assert str(DebugEdit.parse(text)) == text
    for bad, why in (("", "empty"), ("teleport x", "unknown edit"), ("track tension", "takes"),
                     ("ip eu lots", "whole number"), ("x" * 300, "at most")):
        with pytest.raises(DebugError, match=why):
            DebugEdit.parse(bad)


def test_track_influence_and_ip_are_set_within_their_ranges(tiny_engine: Engine,
                                                            st: GameState) -> None:
    t = tiny_engine._tables
    new = apply_edit(tiny_engine, st, "track tension 9")
    assert new.tracks[t.track_index["tension"]] == 9
    assert st.tracks[t.track_index["tension"]] != 9  # the old state is untouched
    assert unroll(new.log)[-1] == "[debug] track tension 9"
    with pytest.raises(DebugError, match="Tension must be 0 to 10, not 11"):
        apply_edit(tiny_engine, st, "track tension 11")
    new = apply_edit(tiny_engine, st, "influence eu tajikistan political 6")
    assert get_inf(t, new, "tajikistan", "political", "eu") == 6
    assert t.controller(new, t.country_index["tajikistan"], t.sphere_index["political"]) == \
        t.power_index["eu"]  # control follows at once (the cache is cleared)
    with pytest.raises(DebugError, match="influence must be 0 to 8"):
        apply_edit(tiny_engine, st, "influence eu tajikistan political 9")
    with pytest.raises(DebugError, match="unknown power 'kazakhstan'"):
        apply_edit(tiny_engine, st, "influence kazakhstan tajikistan political 1")
    eu = t.faction_index["eu"]
    assert apply_edit(tiny_engine, st, "ip eu 5").ip[eu] == st.ip[eu] + 5
    with pytest.raises(DebugError, match="IP must be 0 to"):
        apply_edit(tiny_engine, st, f"ip eu -{st.ip[eu] + 1}")


def test_a_card_comes_from_the_faction_s_own_deck(tiny_engine: Engine, st: GameState) -> None:
    t = tiny_engine._tables
    china = t.faction_index["china"]
    deck = t.faction_deck[china]
    card = st.decks[deck][0]  # a card still in the draw pile
    name = t.card_ids[card]
    copies = st.decks[deck].count(card) + st.discards[deck].count(card)
    new = apply_edit(tiny_engine, st, f"card china {name}")
    assert new.hands[china] == (*st.hands[china], card)
    assert new.decks[deck].count(card) + new.discards[deck].count(card) == copies - 1
    with pytest.raises(DebugError, match="not in eu's deck"):
        apply_edit(tiny_engine, st, f"card eu {name}")
    state = new
    for _ in range(copies - 1):
        state = apply_edit(tiny_engine, state, f"card china {name}")
    with pytest.raises(DebugError, match="every copy"):
        apply_edit(tiny_engine, state, f"card china {name}")
    with pytest.raises(DebugError, match="no seat"):
        apply_edit(tiny_engine, st, "card kyrgyzstan " + t.card_ids[t.deck_cards[
            t.faction_deck[t.faction_index["kyrgyzstan"]]][0]])


def test_the_forced_event_is_the_next_news(tiny_engine: Engine, st: GameState) -> None:
    t = tiny_engine._tables
    late = "assertive_region"  # a late-era event: never drawn in round 2 otherwise
    state = apply_edit(tiny_engine, st, f"event {late}")
    chooser = random.Random(0)
    first_round = state.round
    while state.round == first_round:
        state = tiny_engine.apply(state, chooser.choice(tiny_engine.legal_actions(state))).state
    assert t.event_ids[state.event] == late


def test_a_view_or_a_finished_game_is_not_edited(tiny_engine: Engine, st: GameState) -> None:
    with pytest.raises(DebugError, match="view"):
        apply_edit(tiny_engine, tiny_engine.view(st, "russia"), "ip russia 1")
    over = st.copy()
    over.over = True
    with pytest.raises(DebugError, match="over"):
        apply_edit(tiny_engine, over, "ip russia 1")


def test_a_touched_game_is_marked_in_its_save_and_replays(tiny_engine: Engine,
                                                          tmp_path: Path) -> None:
    engine = tiny_engine
    state = engine.new_game(scenario="tiny", seed=3)
    chooser = random.Random(3)
    edits: list[tuple[int, str]] = []
    for step in range(12):
        if step in (0, 5):
            text = "ip china 4" if step == 0 else "track tension 6"
            state = apply_edit(engine, state, text)
            edits.append((step, text))
        state = engine.apply(state, chooser.choice(engine.legal_actions(state))).state
    seats = [SeatRecord(engine._tables.faction_ids[f], human=False) for f in state.seats]
    path = tmp_path / "touched.json"
    write_save(path, make_save(engine, state, seats, debug=edits))
    assert '"debug": true' in path.read_text()
    save = read_save(path)
    assert save.touched and save.debug == edits
    assert state_digest(restore(engine, save)) == save.state_digest
    assert restore_by_replaying(engine, save).complete
    save.debug = [(5, "track tension 99")]  # hand-edited: the engine still checks ranges
    with pytest.raises(SaveError, match=r"debug edit 'track tension 99'.*0 to 10"):
        restore(engine, save)
    replayed = restore_by_replaying(engine, save)
    assert replayed.applied == 5 and "debug edit" in replayed.message()


def test_an_untouched_save_has_no_debug_mark(tiny_engine: Engine, st: GameState,
                                             tmp_path: Path) -> None:
    seats = [SeatRecord(tiny_engine._tables.faction_ids[f], human=False) for f in st.seats]
    save = make_save(tiny_engine, st, seats)
    assert "debug" not in save.to_json() and not save.touched

