"""The dominance threshold the board's tooltips state is the one dominated_by applies."""

from __future__ import annotations

from chessboard.engine.debug import apply_edit
from chessboard.engine.game import Engine


def test_dominance_is_the_threshold_of_dominated_by(engine: Engine) -> None:
    assert engine.spheres_to_dominate == len(engine.sphere_ids) - 1
    country = engine.country_ids[0]
    power, *rivals = engine.power_ids
    st = engine.new_game(seed=3)
    # the power alone in the first `held` spheres of the country, nobody in the others
    for held in (engine.spheres_to_dominate, engine.spheres_to_dominate - 1):
        probe = st
        for s, sphere in enumerate(engine.sphere_ids):
            for p in (power, *rivals):
                value = engine.rules.game.settings.max_influence if p == power and s < held \
                    else 0
                probe = apply_edit(engine, probe, f"influence {p} {country} {sphere} {value}")
        expected = power if held >= engine.spheres_to_dominate else None
        assert engine.dominated_by(probe, country) == expected
