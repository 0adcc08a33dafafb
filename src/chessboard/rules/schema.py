"""JSON Schemas of the rules files, generated from the same models that validate them.

Editors with a YAML language server use them for completion and inline errors, e.g. the line
``# yaml-language-server: $schema=../schema/deck.schema.json`` at the top of a deck file.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from chessboard.rules.loader import TABLE_FILES
from chessboard.rules.models import StrategyDeck

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _file_models() -> dict[str, type[BaseModel]]:
    models = {name.removeprefix("cards/").removesuffix(".yaml"): model
              for name, model in TABLE_FILES.items()}
    models["deck"] = StrategyDeck
    return models


def schema_of(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = DRAFT
    schema["title"] = title
    return schema


def all_schemas() -> dict[str, dict[str, Any]]:
    """One schema per kind of rules file, keyed by the file name to write it to."""
    return {f"{name}.schema.json": schema_of(model, f"Chessboard rules: {name}")
            for name, model in _file_models().items()}


def combined_schema() -> dict[str, Any]:
    """One schema accepting any rules file (each kind as a ``$defs`` entry)."""
    defs: dict[str, Any] = {}
    refs = []
    for name, model in _file_models().items():
        schema = model.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[f"{name}_file"] = schema
        refs.append({"$ref": f"#/$defs/{name}_file"})
    return {"$schema": DRAFT, "title": "Chessboard rules file", "anyOf": refs, "$defs": defs}
