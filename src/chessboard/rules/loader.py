"""Load a rules directory into validated, immutable :class:`Rules`, reporting every problem.

The loader reads each file with the safe YAML reader, validates it against its model, then runs
the cross-reference pass. Nothing stops at the first error: a designer sees the whole list.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from chessboard.paths import data_dir
from chessboard.rules.consistency import consistency_diagnostics
from chessboard.rules.diagnostics import (
    Diagnostic,
    diagnostics_from_validation_error,
    with_sources,
)
from chessboard.rules.models import (
    ActionDef,
    ActionsFile,
    CountriesFile,
    Country,
    EventCard,
    EventsFile,
    Faction,
    GameFile,
    Inject,
    InjectsFile,
    Organisation,
    OrganisationsFile,
    PhasesFile,
    Scenario,
    ScenariosFile,
    SourcesFile,
    Sphere,
    StrategyCard,
    StrategyDeck,
    Track,
)
from chessboard.rules.overlay import Overlaid, overlay_documents
from chessboard.rules.quotes import quote_diagnostics
from chessboard.rules.yamlio import LoadedYaml, RulesFileError, load_yaml_bytes, read_yaml_bytes

DEFAULT_RULES_DIR = data_dir("rules")

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
# Optional files: read and checked like the others when present, empty when absent.
OPTIONAL_FILES: dict[str, type[BaseModel]] = {
    "injects.yaml": InjectsFile,
}
DECKS_GLOB = "cards/*.yaml"


class RulesError(ValueError):
    """The rules directory has problems; ``diagnostics`` lists every one of them."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.file, d.line, d.column))
        count = len(self.diagnostics)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the rules")


@dataclass(frozen=True)
class ModInfo:
    """A mod folder laid over the rules: its name, where it was read and its content's hash."""

    name: str
    directory: Path
    digest: str


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
    mods: tuple[ModInfo, ...] = ()
    injects: InjectsFile = field(default_factory=InjectsFile)

    @property
    def name(self) -> str:
        return self.game.name

    @property
    def version(self) -> str:
        return self.game.version

    # lookups by id: each raises KeyError naming the kind, the id and the known ids (an id a
    # player or a designer typed must never end in a bare traceback) -------------------------

    def scenario(self, scenario_id: str) -> Scenario:
        return _find("scenario", self.scenarios.scenarios, scenario_id)

    def all_cards(self) -> list[StrategyCard]:
        return [card for deck in self.decks.values() for card in deck.cards]

    def card(self, card_id: str) -> StrategyCard:
        """A strategy card of any deck."""
        return _find("strategy card", self.all_cards(), card_id)

    def event(self, event_id: str) -> EventCard:
        return _find("news event", self.events.events, event_id)

    def inject(self, inject_id: str) -> Inject:
        return _find("inject", self.injects.injects, inject_id)

    def action(self, action_id: str) -> ActionDef:
        return _find("action", self.actions.actions, action_id)

    def country(self, country_id: str) -> Country:
        return _find("country", self.countries.countries, country_id)

    def faction(self, faction_id: str) -> Faction:
        return _find("faction", self.game.factions, faction_id)

    def organisation(self, organisation_id: str) -> Organisation:
        return _find("organisation", self.organisations.organisations, organisation_id)

    def sphere(self, sphere_id: str) -> Sphere:
        return _find("sphere", self.game.spheres, sphere_id)

    def track(self, track_id: str) -> Track:
        return _find("track", self.game.tracks, track_id)


class UnknownIdError(KeyError):
    """An id the rules do not have; ``str()`` is the sentence (a plain KeyError quotes it)."""

    def __str__(self) -> str:
        return str(self.args[0])


def _find(kind: str, items: Sequence[Any], item_id: str) -> Any:
    for item in items:
        if item.id == item_id:
            return item
    known = ", ".join(item.id for item in items) or "none"
    raise UnknownIdError(f"there is no {kind} {item_id!r} in these rules (known: {known})")


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _unsafe(path: Path, real_root: Path) -> str:
    """Why a rules file must not be read, or "". Nothing of its content goes in the message:
    a link could point at any file of the machine."""
    if not os.path.lexists(path):
        return "required rules file is missing"
    try:
        real = path.resolve(strict=True)
        info = real.stat()
    except FileNotFoundError:
        return "is a link to a file that does not exist"
    except (OSError, RuntimeError):  # a link loop, a folder we may not enter
        return "cannot be opened (a link loop, or no permission)"
    if not real.is_relative_to(real_root):
        return ("is a link to a file outside the rules folder, which is refused: copy the "
                "file into the folder instead")
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a rules file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a device, pipe or socket)"
    return ""


def _read_file(path: Path, rel: str, display: str, real_root: Path, digest: Any,
               texts: dict[str, str], diagnostics: list[Diagnostic]) -> LoadedYaml | None:
    """One rules or mod file, read only if it is safe to (see :func:`_unsafe`) and its size
    allows, added to the digest and to the source texts that messages quote; None if refused."""
    problem = _unsafe(path, real_root)
    if problem:
        diagnostics.append(Diagnostic(display, 1, 1, (), problem))
        return None
    try:
        raw = read_yaml_bytes(path, file=display)  # size checked before reading
        digest.update(rel.encode() + b"\0" + raw + b"\0")
        texts[display] = raw.decode("utf-8", "replace")
        return load_yaml_bytes(raw, file=display)
    except RulesFileError as err:
        diagnostics.extend(err.diagnostics)
        return None


def load_rules(directory: Path | str | None = None,
               mods: Sequence[Path | str] = (), *, paper: str | None = None,
               edit: Callable[[str, Any], None] | None = None) -> Rules:
    """Read, validate and cross-check a rules directory, with mod folders laid over it in
    order (:mod:`chessboard.rules.overlay`); raise :class:`RulesError` if anything is wrong.

    With ``paper`` (the source paper as text), every quote must also be in it word for word.
    ``edit(name, data)``, when given, may change each file's parsed YAML data (``name`` as in
    :data:`TABLE_FILES`, or ``cards/DECK.yaml``) after the mods and before it is validated: how
    a sweep tries rule variants without writing files. The digest stays that of the files (a
    sweep's workers check it), so the caller records the edits beside it.
    """
    root = Path(directory) if directory is not None else DEFAULT_RULES_DIR
    mod_roots = [Path(mod) for mod in mods]
    diagnostics: list[Diagnostic] = []
    for folder, what in ((root, "rules"), *((mod, "mod") for mod in mod_roots)):
        if not folder.is_dir():
            problem = (f"is a file, not a {what} directory" if folder.exists()
                       else f"{what} directory not found")
            diagnostics.append(Diagnostic(str(folder), 1, 1, (), problem, None))
    if diagnostics:
        raise RulesError(diagnostics)

    files: dict[str, Path] = {name: root / name for name in TABLE_FILES}
    files.update({name: root / name for name in OPTIONAL_FILES
                  if os.path.lexists(root / name)})
    deck_paths = sorted(p for p in root.glob(DECKS_GLOB) if p.name != "events.yaml")
    digest = hashlib.sha256()
    loaded: dict[str, LoadedYaml] = {}
    texts: dict[str, str] = {}
    models: dict[str, BaseModel] = {}

    every = [*files.items(), *((p.relative_to(root).as_posix(), p) for p in deck_paths)]
    real_root = root.resolve()
    for rel, path in every:
        doc = _read_file(path, rel, _display(path, root), real_root, digest, texts, diagnostics)
        if doc is not None:
            loaded[rel] = doc

    mod_infos: list[ModInfo] = []
    overlaid: list[Overlaid] = []
    if mod_roots:
        mod_docs: dict[str, list[LoadedYaml]] = {}
        for mod_root in mod_roots:
            info = _read_mod(mod_root, {*TABLE_FILES, *OPTIONAL_FILES}, mod_docs, texts,
                             diagnostics)
            mod_infos.append(info)
            digest.update(b"mod\0" + info.digest.encode() + b"\0")
        base_files = {rel for rel, _ in every}
        for rel, docs in mod_docs.items():
            if rel in loaded:
                merged = overlay_documents(loaded[rel], docs)
                diagnostics.extend(merged.problems)
                overlaid.append(merged)
                loaded[rel] = merged.document
            elif rel not in base_files:  # (a base file that failed to load is reported)
                # A deck the base lacks: a new deck, made of the mod files in their order.
                merged = overlay_documents(LoadedYaml({}, docs[0].file), docs)
                diagnostics.extend(merged.problems)
                overlaid.append(merged)
                loaded[rel] = merged.document
                every.append((rel, Path(docs[0].file)))

    for rel, _ in every:
        doc = loaded.get(rel)
        if doc is None:
            continue
        if edit is not None:
            edit(rel, doc.data)
        model = TABLE_FILES.get(rel) or OPTIONAL_FILES.get(rel, StrategyDeck)
        try:
            models[rel] = model.model_validate(doc.data)
        except ValidationError as err:
            diagnostics.extend(diagnostics_from_validation_error(err, doc, model=model))

    decks = {
        rel: model for rel, model in models.items() if isinstance(model, StrategyDeck)
    }
    from chessboard.rules.crossref import cross_check

    diagnostics.extend(cross_check(models, loaded, [rel for rel, _ in every]))
    diagnostics.extend(consistency_diagnostics(models, loaded))
    if paper is not None:
        diagnostics.extend(quote_diagnostics(models, loaded, paper))
    if diagnostics:
        for merged in overlaid:
            diagnostics = [merged.locate(d) for d in diagnostics]
        raise RulesError(with_sources(diagnostics, texts))
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
        mods=tuple(mod_infos),
        injects=models.get("injects.yaml", InjectsFile()),  # type: ignore[arg-type]
    )


def _read_mod(mod_root: Path, table_files: set[str], mod_docs: dict[str, list[LoadedYaml]],
              texts: dict[str, str], diagnostics: list[Diagnostic]) -> ModInfo:
    """Read every file of a mod folder into ``mod_docs`` (by rules file name); its identity."""
    digest = hashlib.sha256()
    real_root = mod_root.resolve()
    for path in sorted(mod_root.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(mod_root).as_posix()
        display = _display(path, mod_root)
        if path.suffix not in (".yaml", ".yml"):
            continue  # a README or a licence beside the rules
        if rel not in table_files and not (rel.startswith("cards/") and rel.count("/") == 1
                                           and path.suffix == ".yaml"):
            diagnostics.append(Diagnostic(
                display, 1, 1, (), "not a rules file, so a mod cannot use it",
                "a mod holds files named like the rules' own: game.yaml, actions.yaml, "
                "cards/<deck>.yaml... (see the designers' guide)"))
            continue
        doc = _read_file(path, rel, display, real_root, digest, texts, diagnostics)
        if doc is not None:
            mod_docs.setdefault(rel, []).append(doc)
    return ModInfo(name=mod_root.resolve().name, directory=mod_root, digest=digest.hexdigest())
