"""Actions: small frozen values with a text form that round-trips.

An action names what a seat does and every target, so the engine can check it against the
legal list and a save can store it as one short string.
"""

from __future__ import annotations

from dataclasses import dataclass

# Kinds only the facilitator (the instructor) takes, between two decisions: bring an inject of
# injects.yaml, or a news event of the deck, into play now; "end:N" ends the game after round
# N. No seat is ever offered them; the action list records them so that saves and replays
# reproduce the game.
FACILITATOR_KINDS = ("inject", "news", "end")
NO_COUNTRY = "-"  # stands for an empty country before a sphere, so the sphere reads back


@dataclass(frozen=True, slots=True, order=True)
class Action:
    """``kind`` is ``act`` (a basic or special action), ``card`` or ``pass``; ``inject``,
    ``news`` and ``end`` are the facilitator's (see :data:`FACILITATOR_KINDS`).

    >>> Action.parse("card:bri_railway kazakhstan economic")
    Action(kind='card', id='bri_railway', country='kazakhstan', sphere='economic', power='')
    >>> str(Action("act", "place", "kazakhstan", "military"))
    'act:place kazakhstan military'
    >>> Action.parse(str(Action("act", "place", "", "political")))
    Action(kind='act', id='place', country='', sphere='political', power='')
    >>> Action.parse("inject:border_incident")
    Action(kind='inject', id='border_incident', country='', sphere='', power='')
    >>> Action.parse("end:3")
    Action(kind='end', id='3', country='', sphere='', power='')
    """

    kind: str
    id: str
    country: str = ""
    sphere: str = ""
    power: str = ""

    def __str__(self) -> str:
        if self.kind == "pass":
            return "pass"
        targets = [t for t in (self.country, self.sphere) if t]
        if self.sphere and not self.country:
            targets.insert(0, NO_COUNTRY)
        if self.power:
            targets.append(f"@{self.power}")
        return " ".join([f"{self.kind}:{self.id}", *targets])

    @classmethod
    def parse(cls, text: str) -> Action:
        """Read the text form; raise ValueError quoting the input when it is malformed."""
        words = text.split()
        if words == ["pass"]:
            return PASS
        if not words or ":" not in words[0]:
            raise ValueError(f"not an action: {text!r} (expected 'pass' or 'kind:id targets')")
        kind, _, ident = words[0].partition(":")
        if kind in FACILITATOR_KINDS and ident:
            if len(words) > 1:
                raise ValueError(f"not an action: {text!r} ({kind} takes no target)")
            return cls(kind, ident)
        if kind not in ("act", "card") or not ident:
            raise ValueError(f"not an action: {text!r} (kind must be 'act', 'card', 'inject', "
                             "'news' or 'end')")
        power = ""
        rest = []
        for word in words[1:]:
            if word.startswith("@"):
                if power:
                    raise ValueError(f"not an action: {text!r} (more than one @power)")
                power = word[1:]
            else:
                rest.append(word)
        if len(rest) > 2:
            raise ValueError(f"not an action: {text!r} (too many targets)")
        country = rest[0] if rest and rest[0] != NO_COUNTRY else ""
        sphere = rest[1] if len(rest) > 1 else ""
        return cls(kind, ident, country, sphere, power)

    def to_json(self) -> str:
        return str(self)

    @property
    def is_facilitator(self) -> bool:
        """True for what the instructor does (an inject, news brought in, the game ended
        early), never a seat's action."""
        return self.kind in FACILITATOR_KINDS


PASS = Action("pass", "pass")
