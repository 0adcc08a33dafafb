"""The board's tooltips: what a thing on the board means, and what a target would do.

Plain text lines (:class:`~chessboard.ui.text.TipLine`) built from the presenter's answers and
the rules' descriptions and quotes; the scene renders and caches them. No pygame here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chessboard.engine.actions import Action
from chessboard.report.guide import round_outline
from chessboard.ui.boardmodel import MAX_CHANGE_LINES, SPHERE_SHORT, PlaceLike
from chessboard.ui.text import WHAT_IF_NOTE, TipLine

if TYPE_CHECKING:
    from chessboard.engine.state import GameState
    from chessboard.ui.boardpresenter import BoardPresenter


def tip_lines(pr: BoardPresenter, key: tuple[object, ...], place: PlaceLike) -> list[TipLine]:
    if key[0] == "target":
        action = key[1]
        assert isinstance(action, Action)
        return target_tip(pr, action)
    return info_tip(pr, place)


def target_tip(pr: BoardPresenter, action: Action) -> list[TipLine]:
    lines = [TipLine(pr.describe(action), "title")]
    if not pr.is_legal(action):
        reason = pr.session.why_illegal(action) or "this target is not offered now"
        lines.append(TipLine(f"Not allowed: {pr.plain(reason, action)}", "bad"))
        return lines
    preview = pr.preview(action)
    if preview.price is not None:
        lines.append(TipLine(f"Cost: {preview.price.cost} IP", "good"))
        lines += [TipLine(r, "dim") for r in preview.price.reasons]
    if preview.ending:
        lines.append(TipLine(f"MAY END THE GAME: {preview.ending}", "bad"))
    lines += [TipLine(line, "dim") for line in preview.chances]
    # the acting seat's own IP is in the cost line already
    own = pr.legend.faction_names[pr.reader.faction_index[pr.session.current or ""]]
    shown = [line for line in preview.changes.lines
             if not (line.startswith(f"{own}:") and line.endswith(" IP"))]
    if shown:
        lines.append(TipLine("What changes", "head"))
        lines += [TipLine(line) for line in shown[:MAX_CHANGE_LINES]]
        if len(shown) > MAX_CHANGE_LINES:
            lines.append(TipLine(f"… and {len(shown) - MAX_CHANGE_LINES} more", "dim"))
    lines.append(TipLine("Click to choose, then Enter to confirm.", "dim"))
    return lines


def info_tip(pr: BoardPresenter, place: PlaceLike) -> list[TipLine]:
    """What a thing on the board means, for hovering without an action chosen."""
    view = pr.session.view()
    kind = place.kind
    if kind in ("cell", "power") and place.c >= 0:
        return _sphere_tip(pr, view, place.c, place.s)
    if kind in ("opinion", "stance"):
        return _attitude_tip(pr, view, kind, place.c, place.p)
    if kind == "org":
        return _org_tip(pr, view, place.i, place.c)
    if kind in ("head", "country", "agency") and place.c >= 0:
        return _country_tip(pr, view, place.c)
    tips = {"track": _track_tip, "seat": _seat_tip, "news": _news_tip,
            "choice": _choice_tip, "card": _card_tip, "pick": _pick_tip,
            "round": _round_tip}
    make = tips.get(kind)
    return make(pr, view, place) if make is not None else []


def _sphere_tip(pr: BoardPresenter, view: GameState, c: int, s: int) -> list[TipLine]:
    r, lg = pr.reader, pr.legend
    owner = r.controller(view, c, s)
    need = r.resilience(c, s)
    values = " · ".join(f"{lg.power_names[p]} {r.influence(view, c, s, p)}"
                        for p in range(lg.P))
    return [TipLine(f"{lg.country_names[c]} · {lg.sphere_ids[s]}", "title"),
            TipLine(f"Influence: {values}"),
            TipLine(f"Controlled by {lg.power_names[owner]}" if owner >= 0
                    else "Nobody controls this sphere", "good" if owner >= 0 else "body"),
            TipLine(f"Resilience {need}: control needs at least {need} influence and a "
                    f"lead of {need} over every rival.", "dim")]


def _attitude_tip(pr: BoardPresenter, view: GameState, kind: str, c: int, p: int) -> list[TipLine]:
    r, lg = pr.reader, pr.legend
    value = (r.opinion if kind == "opinion" else r.stance)(view, c, p)
    what = "Public opinion of" if kind == "opinion" else "Official stance towards"
    return [TipLine(f"{lg.country_names[c]}: {what} {lg.power_names[p]}", "title"),
            TipLine(f"{value:+d} on a scale of −{r.opinion_range} to +{r.opinion_range}."),
            TipLine("The public and the government can disagree: governments welcome "
                    "China's money while their publics distrust it.", "dim")]


def _org_tip(pr: BoardPresenter, view: GameState, o: int, c: int) -> list[TipLine]:
    org = pr.reader.rules.organisations.organisations[o]
    member = pr.reader.member(view, o, c)
    return [TipLine(f"{org.name} ({org.short})", "title"),
            TipLine(f"{pr.legend.country_names[c]} is "
                    f"{'a member' if member else 'not a member'}",
                    "good" if member else "body"),
            TipLine(org.description, "dim")]


def _country_tip(pr: BoardPresenter, view: GameState, c: int) -> list[TipLine]:
    r, lg = pr.reader, pr.legend
    country = r.rules.countries.countries[c]
    dom = r.dominator(view, c)
    lines = [TipLine(f"{country.name} · capital {country.capital}", "title"),
             TipLine(country.description),
             TipLine(f"Agency {r.agency(view, c)}: how assertive its government is.", "dim")]
    if dom >= 0:
        lines.append(TipLine(f"Dominated by {lg.power_names[dom]} (controls at least "
                             f"{r.engine.spheres_to_dominate} of {lg.S} spheres)", "warn"))
    f = lg.country_faction[c]
    if f >= 0 and f in r.seated(view):
        lines.append(TipLine(f"Played by {pr.session.label(lg.faction_ids[f])}", "good"))
    # the panel's lower rows, which projector mode leaves out of the panel to make room
    for what, value in (("Public opinion", r.opinion), ("Official stance", r.stance)):
        lines.append(TipLine(f"{what}: " + " · ".join(
            f"{lg.power_letters[p]} {value(view, c, p):+d}" for p in range(lg.P))))
    members = [lg.org_names[o] for o in range(len(lg.org_names)) if r.member(view, o, c)]
    lines.append(TipLine(f"Member of {', '.join(members)}" if members else "Member of no "
                         "organisation", "dim"))
    return lines


def _track_tip(pr: BoardPresenter, view: GameState, place: PlaceLike) -> list[TipLine]:
    track = pr.reader.rules.game.tracks[place.i]
    value = pr.reader.track(view, place.i)
    lines = [TipLine(f"{track.name}: {value} of {track.max}", "title"),
             TipLine(track.description)]
    if track.danger is not None:
        lines.append(TipLine(f"Danger zone from {track.danger}: at {track.max} the game "
                             "ends at once.", "bad"))
    if track.source:
        lines.append(TipLine(f"“{track.source.quote}”", "quote"))
    return lines


def _seat_tip(pr: BoardPresenter, view: GameState, place: PlaceLike) -> list[TipLine]:
    r, f = pr.reader, place.i
    faction = r.rules.game.factions[f]
    lines = [TipLine(pr.session.label(faction.id), "title"), TipLine(faction.description),
             TipLine(f"{r.vp(view, f)} VP · {r.ip(view, f)} IP · "
                     f"{r.hand_size(view, f)} cards in hand", "good"),
             TipLine("Objectives", "head")]
    lines += [TipLine(f"• {o}") for o in faction.objectives]
    return lines


def _news_tip(pr: BoardPresenter, view: GameState, place: PlaceLike) -> list[TipLine]:
    event = pr.reader.news(view)
    if event is None:
        return []
    return [TipLine(f"News: {event.name}", "title"),
            *([TipLine(WHAT_IF_NOTE, "warn")] if event.what_if else []),
            TipLine(event.text), TipLine(f"“{event.source.quote}”", "quote"),
            TipLine(section(pr, event.source.section), "dim")]


def _choice_tip(pr: BoardPresenter, view: GameState, place: PlaceLike) -> list[TipLine]:
    choice = pr.choices()[place.i]
    lines = [TipLine(f"{choice.name} · {choice.cost} IP", "title"), TipLine(choice.text)]
    if not choice.enabled:
        lines.append(TipLine(f"Not now: {pr.why_choice(choice)}", "bad"))
    if choice.quote:
        lines.append(TipLine(f"“{choice.quote}”", "quote"))
        lines.append(TipLine(section(pr, choice.section), "dim"))
    return lines


def _card_tip(pr: BoardPresenter, view: GameState, place: PlaceLike) -> list[TipLine]:
    card_id = pr.reader.card_id(place.p)
    card = next(c for c in pr.reader.rules.all_cards() if c.id == card_id)
    return [TipLine(f"{card.name} · {card.cost} IP · "
                    f"{SPHERE_SHORT.get(card.sphere, card.sphere)}", "title"),
            TipLine(card.text), TipLine(f"“{card.source.quote}”", "quote"),
            TipLine(section(pr, card.source.section), "dim")]


def _pick_tip(pr: BoardPresenter, view: GameState, place: PlaceLike) -> list[TipLine]:
    return [TipLine(pr.legend.power_names[place.p], "title")]


def _round_tip(pr: BoardPresenter, view: GameState, place: PlaceLike) -> list[TipLine]:
    return [TipLine(f"Round {view.round} of {view.rounds}", "title"),
            TipLine(round_outline(pr.reader.rules), "dim")]  # the rules' own round


def section(pr: BoardPresenter, section_id: str) -> str:
    """Where in the paper a quote comes from."""
    for section in pr.reader.rules.sources.sections:
        if section.id == section_id:
            return f"— the paper, section “{section.title}”"
    return "— the paper"
