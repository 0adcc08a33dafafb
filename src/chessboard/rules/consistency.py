"""Checks that keep the words of the rules in step with what the rules do.

* **Numbers in rules text.** A card's ``text`` is written by hand, so it drifts: the text says
  "+2 Chinese economic influence" while the effect was tuned to add 1. Every signed number the
  text ties to something the effects change (an influence sphere, a track, IP, VP, opinion,
  stance, agency) must be an amount some effect of that kind uses: "+2 economic" needs an
  ``influence`` effect of 2 in the economic sphere (or in the targeted sphere). Amounts that
  depend on the state (``{of: ...}``) cannot be compared and are left alone.
* **Bot weight names.** ``bot_weights`` keys name features of the heuristic bot; a misspelt
  one would silently weigh nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from chessboard.rules import expressions as ex
from chessboard.rules import models as m
from chessboard.rules.diagnostics import Diagnostic, did_you_mean
from chessboard.rules.yamlio import LoadedYaml

# Fixed feature names of the heuristic bot (chessboard.ai.features); sphere, track and
# organisation ids are features too. A test keeps this list and the bot's in step.
BOT_FEATURES = ("vp", "projected", "ip", "danger", "escalation", "noise", "dominance",
                "opinion", "stance", "sovereignty", "investors", "agency", "hand")

_SIGNED = r"([+\-\u2212]\d+)"
_EFFECT_KINDS = {"ip": "IP", "vp": "VP", "opinion": "public opinion",
                 "stance": "official stance", "agency": "agency"}


def _number(text: str) -> int:
    return int(text.replace("\u2212", "-"))


def _claims(text: str, spheres: list[str], tracks: dict[str, str]
            ) -> Iterator[tuple[str, int, str]]:
    """``(kind, amount, words)`` for each signed number the text ties to a kind of effect.

    Kinds: ``influence:<sphere>``, ``track:<id>``, ``ip``, ``vp``, ``opinion``, ``stance``,
    ``agency``. Only unambiguous phrasings count; prose without a sign is not read.
    """
    flat = " ".join(text.split())
    sphere = "|".join(map(re.escape, spheres))
    # "+2 Chinese economic and +1 political influence", "+1 economic influence"
    for found in re.finditer(rf"{_SIGNED} (?:[A-Z][A-Za-z]* )?({sphere})\b"
                             rf"(?= (?:and [+\-\u2212]\d+ (?:[A-Z][A-Za-z]* )?(?:{sphere}) )?"
                             r"influence)", flat):
        yield f"influence:{found.group(2)}", _number(found.group(1)), found.group(0)
    # "EU political influence +1"
    for found in re.finditer(rf"\b({sphere}) influence {_SIGNED}", flat):
        yield f"influence:{found.group(1)}", _number(found.group(2)), found.group(0)
    for track_id, name in tracks.items():
        for found in re.finditer(rf"\b{re.escape(name)} {_SIGNED}", flat, re.IGNORECASE):
            yield f"track:{track_id}", _number(found.group(1)), found.group(0)
    for kind, pattern in (("ip", rf"{_SIGNED} (?:more )?IP\b"), ("vp", rf"{_SIGNED} VP\b"),
                          ("opinion", rf"\bopinion of (?:the )?[A-Z][A-Za-z]* {_SIGNED}"),
                          ("opinion", rf"{_SIGNED} public opinion\b"),
                          ("stance", rf"\bstance towards (?:the )?[A-Z][A-Za-z]* {_SIGNED}"),
                          ("stance", rf"{_SIGNED} official stance\b"),
                          ("agency", rf"\bagency {_SIGNED}")):
        for found in re.finditer(pattern, flat, re.IGNORECASE if kind == "agency" else 0):
            yield kind, _number(found.group(1)), found.group(0)


def _amounts(effects: Any, spheres: list[str]) -> dict[str, set[int | None]]:
    """Per kind (as in :func:`_claims`), the literal amounts the effects use; ``None`` stands
    for an amount read off the state, which matches any number."""
    from chessboard.rules.crossref import walk

    out: dict[str, set[int | None]] = {}

    def add(kind: str, amount: Any) -> None:
        out.setdefault(kind, set()).add(amount if isinstance(amount, int) else None)

    for _, value in walk(effects):
        if isinstance(value, ex.InfluenceChange):
            named = [value.sphere] if value.sphere in spheres else spheres
            for sphere in named:
                add(f"influence:{sphere}", value.amount)
        elif isinstance(value, ex.TrackChange):
            add(f"track:{value.id}", value.amount)
        elif isinstance(value, ex.IpE | ex.VpE | ex.OpinionE | ex.StanceE | ex.AgencyE):
            add(ex.kind_of(value), ex.args_of(value).amount)
    return out


def _describe(kind: str, tracks: dict[str, str]) -> str:
    if kind.startswith("influence:"):
        return f"{kind.split(':')[1]} influence"
    if kind.startswith("track:"):
        return tracks.get(kind.split(":")[1], kind)
    return _EFFECT_KINDS.get(kind, kind)


class _Checker:
    def __init__(self, models: Mapping[str, BaseModel], loaded: Mapping[str, LoadedYaml]):
        self.models = models
        self.loaded = loaded
        self.out: list[Diagnostic] = []
        game = models.get("game.yaml")
        self.game = game if isinstance(game, m.GameFile) else None
        self.spheres = [s.id for s in self.game.spheres] if self.game else []
        self.tracks = {t.id: t.name.lower() for t in self.game.tracks} if self.game else {}

    def run(self) -> list[Diagnostic]:
        if self.game is None:
            return self.out
        self.bot_weights()
        for rel, model in self.models.items():
            for table in ("cards", "events", "actions", "income", "reactions",
                          "auto_government", "scoring"):
                for index, item in enumerate(getattr(model, table, None) or ()):
                    self.text_numbers(rel, (table, index), item)
        return self.out

    def bot_weights(self) -> None:
        assert self.game is not None
        orgs = self.models.get("organisations.yaml")
        known = [*BOT_FEATURES, *self.spheres, *self.tracks]
        if isinstance(orgs, m.OrganisationsFile):
            known += [o.id for o in orgs.organisations]
        doc = self.loaded.get("game.yaml")
        for i, faction in enumerate(self.game.factions):
            for name in faction.bot_weights:
                if name not in known and doc is not None:
                    self.out.append(doc.diagnostic(
                        ("factions", i, "bot_weights", name),
                        f"unknown bot weight {name!r}: the bot would ignore it",
                        hint=did_you_mean(name, known) or "see the designers' guide, "
                        "'Bot weights', for the names", at_key=True))

    def text_numbers(self, rel: str, path: tuple[str | int, ...], item: Any) -> None:
        doc = self.loaded.get(rel)
        if doc is None:
            return
        amounts = _amounts(item.effects, self.spheres)
        reported: set[tuple[str, int]] = set()
        for kind, number, words in _claims(item.text, self.spheres, self.tracks):
            used = amounts.get(kind)
            if (kind, number) in reported or (used is not None and (
                    number in used or None in used)):
                continue
            reported.add((kind, number))
            what = _describe(kind, self.tracks)
            if used is None:
                message = (f"the text says '{words}', but no effect changes {what}")
            else:
                shown = ", ".join(f"{n:+d}" for n in sorted(n for n in used if n is not None))
                message = (f"the text says '{words}', but the effects change {what} "
                           f"by {shown}")
            self.out.append(doc.diagnostic(
                (*path, "text"), message,
                hint="make the text and the effects say the same"))


def consistency_diagnostics(models: Mapping[str, BaseModel],
                            loaded: Mapping[str, LoadedYaml]) -> list[Diagnostic]:
    """Rules text whose numbers contradict the effects; misspelt bot weights."""
    return _Checker(models, loaded).run()
