"""The engine's registries and the rules' models list exactly the same kinds."""

from __future__ import annotations

from typing import get_args

from chessboard.engine.conditions import CONDITIONS
from chessboard.engine.effects import EFFECTS
from chessboard.engine.phases import STEPS
from chessboard.engine.quantities import QUANTITIES
from chessboard.rules import expressions as ex
from chessboard.rules.crossref import PHASE_STEPS


def _tags(union: object) -> set[str]:
    """The discriminator tags of an ``Annotated[Union[Annotated[M, Tag(k)], ...], ...]``."""
    members = get_args(get_args(union)[0])
    return {get_args(m)[1].tag for m in members}


def test_effect_registry_matches_the_models() -> None:
    assert set(EFFECTS) == set(ex.EFFECT_KINDS) == _tags(ex.Effect)
    assert len(ex.EFFECT_KINDS) == len(set(ex.EFFECT_KINDS))


def test_condition_registry_matches_the_models() -> None:
    assert set(CONDITIONS) == set(ex.CONDITION_KINDS) == _tags(ex.Condition)
    assert len(ex.CONDITION_KINDS) == len(set(ex.CONDITION_KINDS))


def test_quantity_registry_matches_the_models() -> None:
    assert set(QUANTITIES) == set(ex.QUANTITY_KINDS) == _tags(ex.Quantity)
    assert len(ex.QUANTITY_KINDS) == len(set(ex.QUANTITY_KINDS))


def test_each_model_is_keyed_by_its_kind() -> None:
    """``kind_of`` (what the engine dispatches on) is the YAML key the tag names."""
    for union in (ex.Effect, ex.Condition, ex.Quantity):
        for member in get_args(get_args(union)[0]):
            model, tag = get_args(member)[0], get_args(member)[1].tag
            (name, field), = model.model_fields.items()
            assert (field.alias or name) == tag


def test_phase_step_registry_matches_the_validator() -> None:
    assert set(STEPS) == set(PHASE_STEPS)
