"""The board's presenter, headless: target picking, previews, tooltips and what-changed marks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from chessboard.engine.actions import PASS, Action
from chessboard.seats import Seat
from chessboard.ui.boardmodel import Place, build_model
from chessboard.ui.boardpresenter import BoardPresenter
from chessboard.ui.session import GameSession
from chessboard.ui.text import WHAT_IF_NOTE

pytestmark = pytest.mark.ui


def test_the_presenter_does_not_import_pygame() -> None:
    code = ("import sys, chessboard.ui.boardpresenter, chessboard.ui.boardtips, "
            "chessboard.ui.text; print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.fixture
def presenter(tiny_engine) -> BoardPresenter:
    """Two humans; the first to act holds the device."""
    session = GameSession.new(tiny_engine, [Seat("russia", True, name="Ann"),
                                            Seat("china", True, name="Ben")],
                              scenario="tiny", seed=2, rounds=None)
    session.take_over()
    return BoardPresenter(session)


def index_of(presenter: BoardPresenter, choice_id: str) -> int:
    return next(i for i, c in enumerate(presenter.choices()) if c.id == choice_id)


def place_of(presenter: BoardPresenter, action: Action, *, power: str = "") -> Place:
    r = presenter.reader
    return Place("power" if power else "cell", c=r.country_index[action.country],
                 s=r.sphere_index[action.sphere], p=r.power_index[power] if power else -1)


def test_selecting_a_choice_lights_exactly_its_legal_targets(presenter) -> None:
    changes: list[str] = []
    presenter.on_change = lambda: changes.append("change")
    presenter.select(index_of(presenter, "place"))
    assert changes and presenter.message.startswith("Place")
    legal = presenter.selected_choice().actions
    model = presenter.model()
    lg = presenter.legend
    lit = {(lg.country_ids[c], lg.sphere_ids[s]) for c, panel in enumerate(model.panels)
           for s, row in enumerate(panel.rows) if row.legal}
    assert lit == {(a.country, a.sphere) for a in legal}
    assert not any(cell.legal for panel in model.panels for row in panel.rows
                   for cell in row.cells)  # a sphere target lights rows, not numbers
    assert not model.map_targets
    # a country target lights whole panels and their outline on the map
    presenter.select(index_of(presenter, "bilateral_deal"))
    model = presenter.model()
    assert model.map_targets
    countries = {a.country for a in presenter.selected_choice().actions}
    assert {lg.country_ids[c] for c, p in enumerate(model.panels) if p.legal} == countries


def test_a_click_anywhere_on_a_row_names_its_target(presenter) -> None:
    presenter.select(index_of(presenter, "place"))
    action = presenter.selected_choice().actions[0]
    me = presenter.session.current
    assert presenter.target_for(place_of(presenter, action)) == action
    # a power's number in the row means the same sphere target
    assert presenter.target_for(place_of(presenter, action, power=me)) == action
    assert presenter.target_for(Place("track", i=0)) is None  # not a target at all
    presenter.click(place_of(presenter, action))
    assert presenter.pending == action and presenter.message_style == "info"
    price = presenter.session.price(action)
    assert f"({price.cost} IP)" in presenter.message
    model = presenter.model()
    r = presenter.reader
    row = model.panels[r.country_index[action.country]].rows[r.sphere_index[action.sphere]]
    assert row.pending and not any(cell.pending for cell in row.cells)


def test_an_illegal_target_says_why_and_is_not_chosen(presenter) -> None:
    presenter.select(index_of(presenter, "counter"))
    first = presenter.selected_choice().actions[0]
    own = presenter.session.current
    target = Action("act", "counter", first.country, first.sphere, own)
    assert presenter.target_for(place_of(presenter, first, power=own)) == target
    presenter.pick(target)
    assert presenter.pending is None and presenter.message_style == "error"
    assert presenter.message.startswith("Not allowed:") and str(target) not in presenter.message
    tip = presenter.target_tip(target)
    assert tip[1].style == "bad" and tip[1].text == presenter.message


def test_tab_cycles_through_the_legal_targets_and_cancel_clears(presenter) -> None:
    presenter.cycle(1)  # nothing chosen: the first enabled choice
    choice = presenter.selected_choice()
    assert choice is not None and choice.enabled and choice.kind != "pass"
    presenter.cycle(1)
    assert presenter.pending == choice.actions[0] and presenter.focus == choice.actions[0]
    presenter.cycle(1)
    assert presenter.pending == choice.actions[1]
    presenter.cycle(-1)
    presenter.cycle(-1)
    assert presenter.pending == choice.actions[-1]  # wraps round
    assert presenter.place_of(presenter.pending) is not None
    presenter.cancel()
    assert (presenter.selected, presenter.pending, presenter.focus) == (-1, None, None)
    assert presenter.message == ""


def test_a_preview_lists_the_cost_and_what_would_change(presenter) -> None:
    presenter.select(index_of(presenter, "place"))
    action = presenter.selected_choice().actions[0]
    preview = presenter.preview(action)
    r = presenter.reader
    c, s = r.country_index[action.country], r.sphere_index[action.sphere]
    p = r.faction_power(presenter.session.current)
    assert (c, s, p) in preview.changes.powers
    assert presenter.preview(action) is preview  # asked once per state
    tip = [line.text for line in presenter.target_tip(action)]
    assert tip[0] == presenter.describe(action)
    assert f"Cost: {preview.price.cost} IP" in tip
    assert "What changes" in tip
    before = r.influence(presenter.session.view(), c, s, p)
    assert any(line.endswith(f"{before} to {before + 1}") for line in tip)
    assert not any(line.endswith(" IP") and ": " in line and " to " in line for line in tip)


def test_tooltips_read_the_numbers_of_the_board(presenter) -> None:
    view = presenter.session.view()
    r, lg = presenter.reader, presenter.legend
    tip = [line.text for line in presenter.info_tip(Place("cell", c=0, s=1))]
    assert tip[0] == f"{lg.country_names[0]} · {lg.sphere_ids[1]}"
    assert all(f"{name} {r.influence(view, 0, 1, p)}" in tip[1]
               for p, name in enumerate(lg.power_names))
    assert f"Resilience {r.resilience(0, 1)}" in tip[-1]
    opinion = presenter.info_tip(Place("opinion", c=1, p=0))
    assert opinion[1].text.startswith(f"{r.opinion(view, 1, 0):+d} on a scale")
    seat = presenter.info_tip(Place("seat", i=view.seats[0]))
    assert seat[0].text == presenter.session.label(lg.faction_ids[view.seats[0]])
    assert presenter.info_tip(Place("nothing")) == []


def test_the_news_card_and_its_tooltip_quote_this_rounds_news(presenter) -> None:
    # (a what-if news and its label: tests/ui/test_board.py, with the shipped rules)
    engine = presenter.session.engine
    event = engine.rules.event(engine.news(presenter.session.view()))
    tip = presenter.info_tip(Place("news"))
    assert tip[0].text == f"News: {event.name}" and event.text in [t.text for t in tip]
    assert WHAT_IF_NOTE not in [t.text for t in tip]
    news = presenter.model().news
    assert (news.name, news.text, news.what_if) == (event.name, event.text, False)


def test_what_changed_is_marked_after_a_move(presenter) -> None:
    model = presenter.model()
    assert not any(row.changed for panel in model.panels for row in panel.rows)
    presenter.select(index_of(presenter, "place"))
    action = presenter.selected_choice().actions[0]
    played = presenter.apply(action)
    assert played is not None and presenter.selected == -1 and presenter.pending is None
    presenter.played(played)
    assert presenter.message_style == "done"
    model = presenter.model()
    r = presenter.reader
    c, s = r.country_index[action.country], r.sphere_index[action.sphere]
    p = r.faction_power(played.faction)
    assert model.panels[c].rows[s].changed and model.panels[c].rows[s].cells[p].changed
    marked = {(c2, s2) for c2, panel in enumerate(model.panels)
              for s2, row in enumerate(panel.rows) if row.changed}
    assert marked == played.changes.cells
    assert any(seat.changed for seat in model.seats)  # the IP spent


def test_a_board_model_for_a_past_position_needs_no_session(presenter) -> None:
    session = presenter.session
    before = session.view()
    session.apply(PASS)
    marks = presenter.marks()
    model = build_model(presenter.reader, before, marks)
    assert [p.name for p in model.panels] == list(presenter.legend.country_names)
    assert model.title == f"Round {before.round} of {before.rounds}"
    assert model.status[0][0].endswith("has acted")
