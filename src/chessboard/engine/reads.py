"""What a rule expression reads and writes, told from its YAML model.

Some evaluations can be done once instead of once per binding, or reused, when it is known
what they depend on: a phase rule's condition that names no binding is the same for every
country (unless the rule's own effects change what it reads), an action's condition that
names no target is the same for every target, and the bots' scoring probe reuses the VP of
rules whose inputs a preview leaves alone. This module says what each kind reads and writes;
a kind it does not know makes the answer "unknown" (:class:`Unknown`), and the callers then
evaluate everything as before, so a kind added later is never optimised wrongly.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from chessboard.rules import expressions as ex

if TYPE_CHECKING:
    from chessboard.engine.state import GameState

# The state fields each condition and quantity kind reads. "control" is the control map
# (which follows influence: an effect that writes "inf" writes it too).
CONDITION_READS: dict[str, frozenset[str]] = {
    "track": frozenset({"tracks"}),
    "flag": frozenset({"flags"}),
    "member": frozenset({"members"}),
    "controls": frozenset({"control"}),
    "dominates": frozenset({"control"}),
    "dominated_by": frozenset({"control"}),
    "opinion": frozenset({"opinion"}),
    "stance": frozenset({"stance"}),
    "has_influence": frozenset({"inf"}),
    "rival_controls": frozenset({"control"}),
    "target": frozenset(),
    "actor": frozenset(),
    "played": frozenset({"seats"}),
    "round": frozenset({"round"}),
}
QUANTITY_READS: dict[str, frozenset[str]] = {
    "controlled": frozenset({"control"}),
    "dominated": frozenset({"control"}),
    "track": frozenset({"tracks"}),
    "influence": frozenset({"inf"}),
    "opinion": frozenset({"opinion"}),
    "stance": frozenset({"stance"}),
    "agency": frozenset({"agency"}),
    "members": frozenset({"members"}),
    "investors": frozenset({"inf"}),
    "round": frozenset({"round", "rounds"}),
}
# The state fields each plain effect kind writes (``if``, ``each_country`` and ``chance``
# are the union of their branches; ``chance`` also draws from the RNG).
EFFECT_WRITES: dict[str, frozenset[str]] = {
    "influence": frozenset({"inf", "control"}),
    "track": frozenset({"tracks"}),
    "opinion": frozenset({"opinion"}),
    "stance": frozenset({"stance"}),
    "agency": frozenset({"agency"}),
    "join": frozenset({"members"}),
    "leave": frozenset({"members"}),
    "vp": frozenset({"vp"}),
    "ip": frozenset({"ip"}),
    "draw": frozenset({"hands", "decks", "discards", "rng"}),
    "flag": frozenset({"flags"}),
    "log": frozenset(),
}
# Reference words that name the binding (the acting faction, its country, the target).
BINDING_WORDS = frozenset({"self", "own", "target"})
TARGET_WORDS = frozenset({"target"})
# Condition kinds that read the binding itself, not only through reference words.
BINDING_KINDS = frozenset({"target", "actor", "rival_controls"})
TARGET_KINDS = frozenset({"target"})


class Unknown(Exception):
    """An expression kind this module does not know: nothing may be assumed about it."""


def condition_reads(model: Any) -> frozenset[str]:
    """The state fields a condition reads; :class:`Unknown` for a kind not listed here."""
    kind, args = ex.kind_of(model), ex.args_of(model)
    if kind in ("all", "any"):
        return frozenset().union(*(condition_reads(c) for c in args))
    if kind == "not":
        return condition_reads(args)
    if kind == "compare":
        return amount_reads(args.left) | amount_reads(args.right)
    if kind not in CONDITION_READS:
        raise Unknown(kind)
    return CONDITION_READS[kind]


def amount_reads(amount: Any) -> frozenset[str]:
    if isinstance(amount, int):
        return frozenset()
    kind = ex.kind_of(amount.of)
    if kind not in QUANTITY_READS:
        raise Unknown(kind)
    return QUANTITY_READS[kind]


def effect_writes(models: list[Any]) -> frozenset[str]:
    """The state fields a list of effects may write; :class:`Unknown` for an unknown kind."""
    out: frozenset[str] = frozenset()
    for model in models:
        kind, args = ex.kind_of(model), ex.args_of(model)
        if kind in ("if", "chance"):
            out |= effect_writes(args.then) | effect_writes(args.else_)
            if kind == "chance":
                out |= {"rng"}
        elif kind == "each_country":
            out |= effect_writes(args.do)
        elif kind in EFFECT_WRITES:
            out |= EFFECT_WRITES[kind]
        else:
            raise Unknown(kind)
    return out


def conjuncts(model: Any) -> list[Any]:
    """The parts of a condition that must all hold (``all`` flattened), in order."""
    if ex.kind_of(model) == "all":
        return [part for sub in ex.args_of(model) for part in conjuncts(sub)]
    return [model]


def names_no_binding(model: Any, *, words: frozenset[str] = BINDING_WORDS,
                     kinds: frozenset[str] = BINDING_KINDS) -> bool:
    """Whether a condition gives the same answer for every binding of ``words`` (no argument
    is one of them, no kind reads the binding directly, every kind is known)."""
    try:
        condition_reads(model)  # every kind inside is known
    except Unknown:
        return False
    return _free(model, words, kinds)


def only_names_targets(model: Any) -> bool:
    """Whether a condition reads nothing but the target (``target``, ``all``, ``any``,
    ``not``): its answer for a candidate is known when the rules are compiled."""
    kind, args = ex.kind_of(model), ex.args_of(model)
    if kind in ("all", "any"):
        return all(only_names_targets(c) for c in args)
    if kind == "not":
        return only_names_targets(args)
    return kind == "target"


def _free(value: Any, words: frozenset[str], kinds: frozenset[str]) -> bool:
    if isinstance(value, str):
        return value not in words
    if isinstance(value, (list, tuple)):
        return all(_free(v, words, kinds) for v in value)
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        if len(fields) == 1:  # a one-key expression: its key is its kind
            try:
                if ex.kind_of(value) in kinds:
                    return False
            except (StopIteration, AttributeError):  # pragma: no cover - not an expression
                pass
        return all(_free(getattr(value, name), words, kinds) for name in fields)
    return True


# Fields a key may hold cheaply (influence and the control map change with nearly every
# action: a key on them would rarely be met again).
_KEY_FIELDS: dict[str, Callable[[GameState], Any]] = {
    "members": lambda st: tuple(st.members),
    "tracks": lambda st: tuple(st.tracks),
    "agency": lambda st: tuple(st.agency),
    "opinion": lambda st: tuple(st.opinion),
    "stance": lambda st: tuple(st.stance),
    "flags": attrgetter("flags"),
    "round": attrgetter("round"),
    "rounds": attrgetter("rounds"),
    "seats": attrgetter("seats"),
}


def state_key(models: tuple[Any, ...] | list[Any]) -> Callable[[GameState], Any] | None:
    """A function giving the values of everything the conditions read off a state, as a
    hashable key; None when they read influence, the control map or an unknown kind."""
    try:
        names = sorted(frozenset().union(*(condition_reads(m) for m in models)))
    except Unknown:
        return None
    if not all(name in _KEY_FIELDS for name in names):
        return None
    getters = tuple(_KEY_FIELDS[name] for name in names)
    if len(getters) == 1:
        return getters[0]
    return lambda st: tuple([get(st) for get in getters])
