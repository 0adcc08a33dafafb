"""Load a rules directory into validated, immutable :class:`Rules`, reporting every problem.

The loader reads each file with the safe YAML reader, validates it against its model, then runs
the cross-reference pass. Nothing stops at the first error: a designer sees the whole list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from chessboard.rules.diagnostics import Diagnostic, diagnostics_from_validation_error
from chessboard.rules.models import (
    ActionDef,
    ActionsFile,
    CountriesFile,
    EventCard,
    EventsFile,
    GameFile,
    OrganisationsFile,
    PhasesFile,
    ScenariosFile,
    SourcesFile,
    StrategyCard,
    StrategyDeck,
)
from chessboard.rules.yamlio import LoadedYaml, RulesFileError, load_yaml_file

DEFAULT_RULES_DIR = Path(__file__).resolve().parents[3] / "rules"

# file name (relative to the rules directory) -> model of its whole document
TABLE_FILES: dict[str, type[BaseModel]] = {
    "game.yaml": GameFile,
    "sources.yaml": SourcesFile,
    "countries.yaml": CountriesFile,
    "organisations.yaml": OrganisationsFile,
    "actions.yaml": ActionsFile,
    "phases.yaml": PhasesFile,
    "scenarios.yaml": ScenariosFile,
    "cards/events.yaml": EventsFile,
}
DECKS_GLOB = "cards/*.yaml"


class RulesError(ValueError):
    """The rules directory has problems; ``diagnostics`` lists every one of them."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.file, d.line, d.column))
        count = len(self.diagnostics)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the rules")


@dataclass(frozen=True, eq=False)
class Rules:
    """The validated rules of one game: every table as a model, plus identity for saves."""

    directory: Path
    game: GameFile
    sources: SourcesFile
    countries: CountriesFile
    organisations: OrganisationsFile
    actions: ActionsFile
    phases: PhasesFile
    scenarios: ScenariosFile
    events: EventsFile
    decks: dict[str, StrategyDeck]
    digest: str = field(repr=False)

    @property
    def name(self) -> str:
        return self.game.name

    @property
    def version(self) -> str:
        return self.game.version

    def scenario(self, scenario_id: str) -> Any:
        for scenario in self.scenarios.scenarios:
            if scenario.id == scenario_id:
                return scenario
        raise KeyError(scenario_id)

    def all_cards(self) -> list[StrategyCard]:
        return [card for deck in self.decks.values() for card in deck.cards]

    def event(self, event_id: str) -> EventCard:
        for card in self.events.events:
            if card.id == event_id:
                return card
        raise KeyError(event_id)

    def action(self, action_id: str) -> ActionDef:
        for action in self.actions.actions:
            if action.id == action_id:
                return action
        raise KeyError(action_id)


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def load_rules(directory: Path | str | None = None, *,
               edit: Callable[[str, Any], None] | None = None) -> Rules:
    """Read, validate and cross-check a rules directory; raise :class:`RulesError` if wrong.

    ``edit(name, data)``, when given, may change each file's parsed YAML data (``name`` as in
    :data:`TABLE_FILES`, or ``cards/DECK.yaml``) before it is validated: how a sweep tries rule
    variants without writing files.
    """
    root = Path(directory) if directory is not None else DEFAULT_RULES_DIR
    diagnostics: list[Diagnostic] = []
    if not root.is_dir():
        problem = "is a file, not a rules directory" if root.exists() else \
            "rules directory not found"
        raise RulesError([Diagnostic(str(root), 1, 1, (), problem, None)])

    files: dict[str, Path] = {name: root / name for name in TABLE_FILES}
    deck_paths = sorted(p for p in root.glob(DECKS_GLOB) if p.name != "events.yaml")
    digest = hashlib.sha256()
    loaded: dict[str, LoadedYaml] = {}
    models: dict[str, BaseModel] = {}

    every = [*files.items(), *((p.relative_to(root).as_posix(), p) for p in deck_paths)]
    for rel, path in every:
        display = _display(path, root)
        if not path.is_file():
            diagnostics.append(Diagnostic(display, 1, 1, (), "required rules file is missing"))
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
        try:
            doc = load_yaml_file(path, display_name=display)
        except RulesFileError as err:
            diagnostics.extend(err.diagnostics)
            continue
        loaded[rel] = doc
        if edit is not None:
            edit(rel, doc.data)
        model = TABLE_FILES.get(rel, StrategyDeck)
        try:
            models[rel] = model.model_validate(doc.data)
        except ValidationError as err:
            diagnostics.extend(diagnostics_from_validation_error(err, doc, model=model))

    decks = {
        rel: model for rel, model in models.items() if isinstance(model, StrategyDeck)
    }
    from chessboard.rules.crossref import cross_check

    diagnostics.extend(cross_check(models, loaded, [rel for rel, _ in every]))
    if diagnostics:
        raise RulesError(diagnostics)
    return Rules(
        directory=root,
        game=models["game.yaml"],  # type: ignore[arg-type]
        sources=models["sources.yaml"],  # type: ignore[arg-type]
        countries=models["countries.yaml"],  # type: ignore[arg-type]
        organisations=models["organisations.yaml"],  # type: ignore[arg-type]
        actions=models["actions.yaml"],  # type: ignore[arg-type]
        phases=models["phases.yaml"],  # type: ignore[arg-type]
        scenarios=models["scenarios.yaml"],  # type: ignore[arg-type]
        events=models["cards/events.yaml"],  # type: ignore[arg-type]
        decks={deck.deck: deck for deck in decks.values()},
        digest=digest.hexdigest(),
    )
