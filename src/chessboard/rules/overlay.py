"""Mod overlays: a folder of rules files laid over the base rules, item by item.

A mod folder has the layout of a rules directory, and every file in it is optional. A mod file
is merged into the base file of the same name, top-level key by top-level key:

* a list of items with ids (``cards``, ``events``, ``actions``, ``countries``, ``factions``,
  ``tracks``, ``income``...): an item whose id already exists **replaces** that item whole, in
  its place; an item with a new id is **added** at the end;
* a mapping (``settings``): its keys replace the base's keys one by one;
* anything else (``name``, ``version``, ``tiebreak``, a deck's ``deck``): the mod's value
  replaces the base's;
* ``remove: [id, ...]``: those items are **removed** from the lists of this file, before the
  mod's own items are added (so a mod can remove an item and add another);
* a deck file the base does not have (``cards/usa.yaml``) is a new deck.

Mods apply in the order given; the result is validated as one set of rules, and every problem
names the file (base or mod) and line the offending item was written in. The merge itself is a
pure function on plain data (:func:`merge_data`), usable by any tool that lays overrides over
parsed rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from chessboard.rules.diagnostics import Diagnostic, YamlPath, did_you_mean
from chessboard.rules.yamlio import LoadedYaml

REMOVE_KEY = "remove"


class OverlayError(ValueError):
    """A mod cannot be laid over the base (for :func:`merge_data`); the message says why."""


@dataclass
class _Piece:
    """A value of the merged document and where it was written (layer index and path)."""

    value: Any
    layer: int
    path: YamlPath


@dataclass
class _Merged:
    """The merged document while it is built: per top-level key, its pieces."""

    values: dict[Any, _Piece] = field(default_factory=dict)
    items: dict[Any, list[_Piece]] = field(default_factory=dict)  # id lists, item by item
    maps: dict[Any, dict[Any, _Piece]] = field(default_factory=dict)  # mappings, key by key
    order: list[Any] = field(default_factory=list)


def _is_item_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, dict) and isinstance(item.get("id"), str) for item in value
    )


def _item_id(value: Any) -> str | None:
    return value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) \
        else None


_Origins = list[tuple[YamlPath, int, YamlPath]]
_Problems = list[tuple[int, YamlPath, str, str | None]]


def _merge(layers: Sequence[Any]) -> tuple[Any, _Origins, _Problems, set[Any]]:
    """Merge ``layers`` (the base first); return the data, its origins, the problems and the
    top-level keys merged piece by piece (lists of items, mappings).

    An origin ``(merged_path, layer, path)`` says the value at ``merged_path`` of the result was
    written at ``path`` of layer ``layer``; together they cover the whole result.
    """
    problems: list[tuple[int, YamlPath, str, str | None]] = []
    base = layers[0]
    if not isinstance(base, dict):
        return base, [((), 0, ())], problems, set()
    merged = _Merged()
    for key, value in base.items():
        _put(merged, key, value, 0, True)
    for layer, mod in enumerate(layers[1:], start=1):
        if not isinstance(mod, dict):
            problems.append((layer, (), "a mod file must be a mapping of 'key: value' entries",
                             None))
            continue
        _remove(merged, mod.get(REMOVE_KEY), layer, problems)
        for key, value in mod.items():
            if key != REMOVE_KEY:
                _put(merged, key, value, layer, False)
    data: dict[Any, Any] = {}
    origins: list[tuple[YamlPath, int, YamlPath]] = [((), 0, ())]
    for key in merged.order:
        if key in merged.items:
            data[key] = []
            origins.append(((key,), 0, (key,)))
            for index, piece in enumerate(merged.items[key]):
                data[key].append(piece.value)
                origins.append(((key, index), piece.layer, piece.path))
        elif key in merged.maps:
            data[key] = {}
            origins.append(((key,), 0, (key,)))
            for sub, piece in merged.maps[key].items():
                data[key][sub] = piece.value
                origins.append(((key, sub), piece.layer, piece.path))
        else:
            piece = merged.values[key]
            data[key] = piece.value
            origins.append(((key,), piece.layer, piece.path))
    return data, origins, problems, {*merged.items, *merged.maps}


def _put(merged: _Merged, key: Any, value: Any, layer: int, is_base: bool) -> None:
    if key not in merged.order:
        merged.order.append(key)
    if key in merged.items and isinstance(value, list):
        pieces = merged.items[key]
        for index, item in enumerate(value):
            piece = _Piece(item, layer, (key, index))
            # an item without an id is added (and validation says what it lacks)
            item_id = _item_id(item)
            same = None if item_id is None else next(
                (i for i, p in enumerate(pieces) if _item_id(p.value) == item_id), None)
            if same is None:
                pieces.append(piece)
            else:
                pieces[same] = piece
        return
    if key in merged.maps and isinstance(value, dict):
        for sub, sub_value in value.items():
            merged.maps[key][sub] = _Piece(sub_value, layer, (key, sub))
        return
    merged.items.pop(key, None)
    merged.maps.pop(key, None)
    merged.values.pop(key, None)
    # Lists of items and mappings are kept piece by piece so later layers can merge into them.
    if _is_item_list(value):
        merged.items[key] = [_Piece(item, layer, (key, i)) for i, item in enumerate(value)]
    elif is_base and isinstance(value, dict):
        merged.maps[key] = {sub: _Piece(v, layer, (key, sub)) for sub, v in value.items()}
    else:
        merged.values[key] = _Piece(value, layer, (key,))


def _remove(merged: _Merged, ids: Any, layer: int,
            problems: list[tuple[int, YamlPath, str, str | None]]) -> None:
    if ids is None:
        return
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        problems.append((layer, (REMOVE_KEY,), "'remove' must be a list of ids", None))
        return
    for index, item_id in enumerate(ids):
        found = False
        for pieces in merged.items.values():
            kept = [p for p in pieces if _item_id(p.value) != item_id]
            found = found or len(kept) != len(pieces)
            pieces[:] = kept
        if not found:
            known = [i for pieces in merged.items.values() for p in pieces
                     if (i := _item_id(p.value)) is not None]
            problems.append((layer, (REMOVE_KEY, index),
                             f"nothing to remove: no item with id {item_id!r} in this file",
                             did_you_mean(item_id, known)))


def merge_data(base: Mapping[str, Any], *mods: Mapping[str, Any]) -> dict[str, Any]:
    """Lay ``mods`` (parsed mod files) over ``base`` (the parsed base file); plain data in
    and out, the inputs untouched. Raise :class:`OverlayError` if a ``remove`` is wrong."""
    data, _, problems, _ = _merge([dict(base), *(dict(m) for m in mods)])
    if problems:
        raise OverlayError("; ".join(message for _, _, message, _ in problems))
    return data


@dataclass(frozen=True)
class Overlaid:
    """A base file with its mod files laid over it, positioned in the files it came from."""

    document: LoadedYaml  # merged data; marks point into the file each part was written in
    origins: list[tuple[YamlPath, LoadedYaml, YamlPath]]
    problems: list[Diagnostic]

    def locate(self, diag: Diagnostic) -> Diagnostic:
        """A diagnostic about the merged document, moved to the file and path it names."""
        if diag.file != self.document.file:
            return diag
        best: tuple[YamlPath, LoadedYaml, YamlPath] | None = None
        for merged_path, doc, path in self.origins:
            if diag.path[:len(merged_path)] == merged_path and (
                    best is None or len(merged_path) > len(best[0])):
                best = (merged_path, doc, path)
        if best is None:
            return diag
        merged_path, doc, path = best
        return Diagnostic(doc.file, diag.line, diag.column, (*path, *diag.path[len(merged_path):]),
                          diag.message, diag.hint, diag.severity, diag.source)


def overlay_documents(base: LoadedYaml, mods: Sequence[LoadedYaml]) -> Overlaid:
    """Merge parsed mod files into a parsed base file, keeping every position."""
    docs = [base, *mods]
    data, raw_origins, raw_problems, pieced = _merge([doc.data for doc in docs])
    origins = [(merged, docs[layer], path) for merged, layer, path in raw_origins]
    marks: dict[YamlPath, tuple[int, int]] = {}
    key_marks: dict[YamlPath, tuple[int, int]] = {}
    # Each part of the result takes the positions of the file it came from; a part covered by
    # a deeper origin (a replaced item inside a base list) takes none from the shallower one.
    covered = {merged for merged, _, _ in origins}
    for merged, doc, path in origins:
        depth = len(path)
        for source, target in ((doc.marks, marks), (doc.key_marks, key_marks)):
            for where, mark in source.items():
                if where[:depth] != path:
                    continue
                at = (*merged, *where[depth:])
                if any(at[:k] in covered for k in range(len(merged) + 1, len(at) + 1)):
                    continue
                if len(at) >= 2 and at[0] in pieced and at[:2] not in covered:
                    continue  # an item the mod removed
                target[at] = mark
    problems = [docs[layer].diagnostic(path, message, hint=hint)
                for layer, path, message, hint in raw_problems]
    document = LoadedYaml(data, base.file, marks, key_marks)
    return Overlaid(document, origins, problems)
