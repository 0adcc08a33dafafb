"""The ``chessboard`` command: play, validate, schema, simulate, sweep, replay, debrief,
handouts.

Every user mistake (a bad flag, a broken rules file, a foreign save) ends with a clear message
and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from chessboard import __version__
from chessboard.engine.game import Engine, SetupError
from chessboard.presets import PRESETS, estimate, preset
from chessboard.rules.loader import DEFAULT_RULES_DIR, Rules, RulesError, load_rules
from chessboard.seats import (
    DEFAULT_BOT,
    Seat,
    SeatSpecError,
    defaulted_seats,
    parse_seat,
    parse_seats,
)
from chessboard.ui.facilitation import (
    GRACE_SECONDS,
    TIMER_ACTIONS,
    check_timer,
    parse_seat_timers,
)


def _rules_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", type=Path, default=None, metavar="DIR",
                        help=f"rules directory (default: {DEFAULT_RULES_DIR.name}/ of the game)")
    parser.add_argument("--mod", type=Path, action="append", default=[], metavar="DIR",
                        dest="mods", help="a mod folder laid over the rules: adds, replaces or "
                        "removes items by id (repeatable; applied in order)")


def _executor_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--executor", choices=("local", "dask"), default="local",
                        help="run games in local worker processes (default) or on a Dask "
                        "cluster (the dask extra)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --executor dask: an existing cluster's scheduler, e.g. "
                        "tcp://10.0.0.5:8786 (default: a local cluster)")


def _check_executor(args: argparse.Namespace) -> None:
    if args.workers is not None and args.workers < 1:
        raise CommandError("--workers must be at least 1", usage=True)
    if args.scheduler and args.executor != "dask":
        raise CommandError("--scheduler needs --executor dask", usage=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chessboard",
        description="The Central Asian Chessboard: a strategy game of Russia, China, the EU "
        "and the Central Asian states.",
    )
    parser.add_argument("--version", action="version", version=f"chessboard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play the game (the default command)")
    _rules_arg(play)
    play.add_argument("--load", type=Path, metavar="SAVE", help="continue a saved game")
    play.add_argument("--seats", metavar="SPEC",
                      help="who plays each faction, e.g. russia=human,china=bot:mcts,eu=bot; "
                      "all=bot fills every seat with the default bot")
    play.add_argument("--seed", type=int, default=None, help="seed of the game's dice")
    play.add_argument("--scenario", metavar="ID", help="scenario id (default: the first)")
    play.add_argument("--rounds", type=int, metavar="N", help="number of rounds")
    play.add_argument("--fullscreen", action="store_true", help="start in fullscreen")
    play.add_argument("--scale", metavar="PERCENT",
                      help="UI scale for a projector: 100, 110, 125, 140 or 150 (for this run; "
                           "Ctrl+= / Ctrl+- in the window change it and remember it)")
    play.add_argument("--high-contrast", action="store_const", const=True, default=None,
                      help="black, white and colour-blind-safe colours (for this run; Ctrl+H "
                           "in the window switches and remembers it)")
    play.add_argument("--autoplay", action="store_true",
                      help="start a game at once, without the title screen")
    play.add_argument("--quit-at-end", action="store_true", help="exit when the game ends")
    play.add_argument("--screenshot-dir", type=Path, metavar="DIR",
                      help="save a screenshot after every round")
    play.add_argument("--devices", action="store_true",
                      help="team devices: each human seat plays from a phone or laptop on the "
                           "local network (links and QR codes on the terminal; Ctrl+D in the "
                           "window)")
    play.add_argument("--bind", metavar="ADDRESS",
                      help="address the device server listens on (default: this computer's "
                           "local network address; 127.0.0.1: this computer only)")
    play.add_argument("--port", type=int, default=0, metavar="N",
                      help="port of the device server (default: any free port)")
    play.add_argument("--watch", action="store_true",
                      help="designer: reload the rules (and mods) when a file changes, keeping "
                      "the game by replaying its actions; needs the 'watch' extra")
    play.add_argument("--designer", action="store_true",
                      help="designer: the debug console (` key on the board) forces events "
                      "and cards, sets tracks and influence, gives IP")
    play.add_argument("--headless", action="store_true",
                      help="no window: play bots in the terminal and print the game log")
    play.add_argument("--preset", choices=[p.id for p in PRESETS],
                      help="a game that fits a lesson: its rounds and turn timer (--rounds and "
                           "--timer override them); the estimated length is printed")
    play.add_argument("--timer", type=int, metavar="SECONDS",
                      help="turn timer: seconds each human seat has to act (bots are never "
                           "timed); F2 held in the window switches it on or off")
    play.add_argument("--seat-timer", metavar="FACTION=SECONDS[,...]",
                      help="a seat's own turn length instead of --timer's, e.g. "
                           "kazakhstan=90,eu=45 (a team that needs more time)")
    play.add_argument("--timer-action", choices=TIMER_ACTIONS, default="warn",
                      help="when a seat's time is up: warn only, or warn and then pass for it "
                           f"after {GRACE_SECONDS} s")

    validate = sub.add_parser("validate", help="check a rules directory and list every problem")
    _rules_arg(validate)
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument("--paper", type=Path, metavar="FILE",
                          help="also check every quote word for word against this text file "
                          "(the paper as plain text)")

    schema = sub.add_parser("schema", help="print the JSON Schema of the rules files")
    schema.add_argument("--out", type=Path, metavar="DIR",
                        help="write one schema per rules file into DIR instead")
    schema.add_argument("--markdown", action="store_true",
                        help="print the designers' rules reference in Markdown instead")
    schema.add_argument("--rules", type=Path, metavar="DIR",
                        help="list the ids of these rules (countries, powers, cards...) in the "
                        "schema, so an editor completes them and flags misspelt ones")
    schema.add_argument("--mod", type=Path, action="append", default=[], metavar="DIR",
                        dest="mods", help="list the ids of the rules with this mod folder laid "
                        "over them (repeatable)")

    simulate = sub.add_parser("simulate", help="play many bot games and print statistics")
    _rules_arg(simulate)
    simulate.add_argument("--games", type=int, required=True, metavar="N")
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument("--seats", metavar="SPEC", default="all=bot")
    simulate.add_argument("--scenario", metavar="ID")
    simulate.add_argument("--workers", type=int, default=None, metavar="K",
                          help="worker processes (default: 1; with --executor dask, one per "
                          "core of this machine)")
    _executor_args(simulate)
    simulate.add_argument("--json", type=Path, metavar="FILE", help="write all results as JSON")
    simulate.add_argument("--report", type=Path, metavar="DIR",
                          help="also write charts (PNG) and an index page")
    simulate.add_argument("--fidelity", action="store_true",
                          help="check that the paper's dynamics emerge; exit 1 if one fails")
    simulate.add_argument("--no-progress", action="store_true", help="no progress bar")
    simulate.add_argument("--challenger", metavar="KIND[:LEVEL]",
                          help="strength test: this bot plays the hero seat, e.g. mcts:hard")
    simulate.add_argument("--baseline", metavar="KIND[:LEVEL],...", default="",
                          help="bots the challenger is compared with in the same games, "
                          "e.g. random,heuristic")
    simulate.add_argument("--hero", metavar="FACTION",
                          help="the seat the challenger takes (default: each seat in turn)")
    simulate.add_argument("--compare", type=Path, nargs=2, metavar=("RULES_A", "RULES_B"),
                          help="A/B test: play the same seeds under two rules folders and "
                          "test every difference pair by pair (--mod applies to both)")
    simulate.add_argument("--mod-a", type=Path, action="append", default=[], metavar="DIR",
                          dest="mods_a", help="with --compare: a mod laid over RULES_A only")
    simulate.add_argument("--mod-b", type=Path, action="append", default=[], metavar="DIR",
                          dest="mods_b", help="with --compare: a mod laid over RULES_B only")

    sweep = sub.add_parser("sweep", help="simulate rule variants on the same seeds and "
                           "compare them")
    sweep.add_argument("spec", type=Path, metavar="SPEC.yaml",
                       help="the variants: a grid and/or a list of overrides (see README)")
    _rules_arg(sweep)
    sweep.add_argument("--games", type=int, metavar="N", help="games per variant (default: "
                       "the spec's games, else 100)")
    sweep.add_argument("--seed", type=int, help="first seed (default: the spec's, else 0)")
    sweep.add_argument("--workers", type=int, default=None, metavar="K",
                       help="worker processes (default: 1; with --executor dask, one per core)")
    _executor_args(sweep)
    sweep.add_argument("--out", type=Path, default=Path("sweep-out"), metavar="DIR",
                       help="where to write sweep.txt, sweep.json and the chart sweep.png "
                       "(default: sweep-out)")
    sweep.add_argument("--no-progress", action="store_true", help="no progress bar")

    replay = sub.add_parser("replay", help="re-apply a save's actions and check its end state")
    replay.add_argument("save", type=Path, metavar="SAVE")
    _rules_arg(replay)

    debrief = sub.add_parser("debrief", help="write a game's debrief report (HTML) and its log "
                             "(text and CSV) from a save")
    debrief.add_argument("save", type=Path, metavar="SAVE")
    debrief.add_argument("--out", type=Path, required=True, metavar="DIR",
                         help="folder to write debrief.html, log.txt and log.csv into")
    _rules_arg(debrief)

    handouts = sub.add_parser("handouts", help="write printable handouts from the rules: a "
                              "one-page summary and one sheet per faction (HTML)")
    handouts.add_argument("--out", type=Path, required=True, metavar="DIR",
                          help="folder to write the handouts into")
    handouts.add_argument("--scenario", metavar="ID",
                          help="the scenario whose seats get sheets (default: every faction)")
    _rules_arg(handouts)
    return parser


def _load(rules_dir: Path | None, mods: Sequence[Path] = ()) -> Rules:
    try:
        return load_rules(rules_dir, mods)
    except RulesError as err:
        from chessboard.rules.diagnostics import format_report

        where = str(rules_dir or DEFAULT_RULES_DIR) + "".join(f" + {mod}" for mod in mods)
        raise CommandError(f"the rules in {where} have problems:\n"
                           + format_report(err.diagnostics), status=1) from None


def _has_modules(*names: str) -> bool:
    """Whether optional dependencies (the extras in pyproject.toml) are installed."""
    return all(importlib.util.find_spec(name) is not None for name in names)


class CommandError(Exception):
    """A user's mistake: the message, and with ``usage`` the command's usage line first (a
    bad flag value, as argparse does for a bad flag)."""

    def __init__(self, message: str, *, status: int = 2, usage: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.usage = usage


def _writable_folder(folder: Path, flag: str) -> None:
    """Create ``folder`` (and its parents) if missing and prove a file can be written in it,
    so a long run never ends in a traceback that loses its results."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise CommandError(f"{flag} {folder}: {probe} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as err:
        raise CommandError(f"{flag} {folder}: cannot write there ({err.strerror or err})") \
            from None


def check_output_file(path: Path, flag: str) -> None:
    """Before the work: ``path`` can be written (its folder is created when missing)."""
    if path.is_dir():
        raise CommandError(f"{flag} {path} is a folder; give a file name")
    _writable_folder(path.parent, flag)
    if path.exists() and not os.access(path, os.W_OK):
        raise CommandError(f"{flag} {path}: the file is read-only")


def check_output_dir(path: Path, flag: str) -> None:
    """Before the work: ``path`` is (or becomes) a folder that can be written."""
    if path.exists() and not path.is_dir():
        raise CommandError(f"{flag} {path} is a file, not a folder")
    _writable_folder(path, flag)


def _seats(rules: Rules, spec: str | None, scenario: str | None) -> list[Seat]:
    factions = [f.id for f in rules.game.factions]
    try:
        sc = rules.scenario(scenario) if scenario else rules.scenarios.scenarios[0]
    except KeyError:
        known = ", ".join(s.id for s in rules.scenarios.scenarios)
        raise CommandError(f"unknown scenario {scenario!r} (known: {known})") from None
    try:
        seats = parse_seats(spec or "", factions=factions, defaults=list(sc.seats))
    except SeatSpecError as err:
        raise CommandError(str(err), usage=True) from None
    left = defaulted_seats(spec or "", defaults=list(sc.seats))
    if left:  # say it: a seat nobody named is a bot, not a silent human seat
        print(f"chessboard: {', '.join(left)}: bot ({DEFAULT_BOT}), not named in --seats "
              "(name a seat =human or =none to change that)", file=sys.stderr)
    return seats


def cmd_validate(args: argparse.Namespace) -> int:
    from chessboard.rules.diagnostics import format_report

    paper = _read_paper(args.paper) if args.paper is not None else None
    try:
        rules = load_rules(args.rules, args.mods, paper=paper)
    except RulesError as err:
        if args.format == "json":
            print(json.dumps({"valid": False,
                              "problems": [d.to_json() for d in err.diagnostics]}, indent=1))
        else:
            print(format_report(err.diagnostics))
        return 1
    if args.format == "json":
        print(json.dumps({"valid": True, "name": rules.name, "version": rules.version,
                          "digest": rules.digest,
                          "mods": [{"name": m.name, "digest": m.digest} for m in rules.mods],
                          "problems": []}, indent=1))
    else:
        cards = len(rules.all_cards())
        mods = "".join(f" + {mod.directory}" for mod in rules.mods)
        quotes = "; every quote found in the paper" if paper is not None else ""
        print(f"{rules.directory}{mods}: valid ({rules.name} {rules.version}; "
              f"{len(rules.events.events)} events, {cards} strategy cards, "
              f"{len(rules.scenarios.scenarios)} scenarios{quotes})")
    return 0


def _read_paper(path: Path) -> str:
    """The paper's text for --paper; a clear message if it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"--paper {path}: not a UTF-8 text file (extract the PDF's text "
                           "first, e.g. with pdftotext)") from None
    except OSError as err:
        raise CommandError(f"--paper {path}: {err.strerror or err}") from None


def cmd_schema(args: argparse.Namespace) -> int:
    from chessboard.rules.schema import all_schemas, combined_schema

    # ids are listed for the rules asked for; a mod alone is laid over the game's own rules
    rules = _load(args.rules, args.mods) if args.rules is not None or args.mods else None
    if args.markdown:
        from chessboard.rules.docs import reference_markdown

        print(reference_markdown())
        return 0
    if args.out:
        check_output_dir(args.out, "--out")
        base = _load(args.rules) if args.mods else None
        for name, schema in all_schemas(rules, base).items():
            (args.out / name).write_text(json.dumps(schema, indent=1) + "\n")
            print(args.out / name)
        return 0
    print(json.dumps(combined_schema(rules), indent=1))
    return 0


def _check_seed(seed: int | None) -> None:
    """A game's save must load again: its seed within what saves accept."""
    from chessboard.engine.saves import SEED_LIMIT

    if seed is not None and not -SEED_LIMIT <= seed < SEED_LIMIT:
        raise CommandError("--seed must be a whole number of at most 18 digits", usage=True)


def cmd_play(args: argparse.Namespace) -> int:
    rules = _load(args.rules, args.mods)
    if args.rounds is not None and not 1 <= args.rounds <= 20:
        raise CommandError(f"--rounds must be 1 to 20, not {args.rounds}", usage=True)
    _check_seed(args.seed)
    seats = _seats(rules, args.seats, args.scenario) if args.seats or not args.load else None
    if args.watch and not _has_modules("watchfiles"):
        raise CommandError("--watch needs watchfiles, which this install lacks: pip install "
                           "'chessboard[watch]'")
    if (args.watch or args.designer) and args.headless:
        raise CommandError("--watch and --designer need the window; drop --headless")
    bind = _device_options(args)
    timer = _timer_options(rules, args, seats)
    seat_timers = _seat_timers(rules, args, timer)
    scale = _scale_option(args)
    if not args.headless:
        if not _has_modules("pygame", "pygame_gui"):
            raise CommandError("the window needs pygame-ce and pygame_gui, which this install "
                               "lacks: pip install 'chessboard[play]' (or play --headless)")
        from chessboard.ui.app import run

        return run(rules, load=args.load, seats=seats, seed=args.seed,
                   scenario=args.scenario, rounds=args.rounds, fullscreen=args.fullscreen,
                   autoplay=args.autoplay, quit_at_end=args.quit_at_end,
                   screenshot_dir=args.screenshot_dir, devices=args.devices, bind=bind,
                   port=args.port, timer=timer, timer_action=args.timer_action,
                   preset=args.preset, watch=args.watch, designer=args.designer,
                   scale=scale, high_contrast=args.high_contrast, seat_timers=seat_timers)
    if args.preset and args.rounds is None:
        args.rounds = preset(args.preset).rounds
    return _play_headless(rules, args, seats)


def _seat_timers(rules: Rules, args: argparse.Namespace,
                 timer: int | None) -> dict[str, int] | None:
    """--seat-timer: each named seat's own turn length, checked before the window opens."""
    if args.seat_timer is None:
        return None
    if args.headless:
        raise CommandError("--seat-timer times human seats in the window; drop --headless")
    if timer is None:
        raise CommandError("--seat-timer changes the turn timer of some seats: give --timer "
                           "(or --preset) for the others too", usage=True)
    try:
        return parse_seat_timers(args.seat_timer, [f.id for f in rules.game.factions])
    except ValueError as err:
        raise CommandError(f"--seat-timer: {err}", usage=True) from None


def _scale_option(args: argparse.Namespace) -> int | None:
    """--scale in percent, checked before the window opens."""
    if args.scale is None:
        return None
    if args.headless:
        raise CommandError("--scale is for the window; drop --headless")
    from chessboard.ui.settings import parse_scale

    try:
        return parse_scale(args.scale)
    except ValueError as err:
        raise CommandError(f"--scale: {err}", usage=True) from None


def _timer_options(rules: Rules, args: argparse.Namespace, seats: list[Seat] | None) -> int | None:
    """Check --timer and --preset; the turn timer's seconds, and the preset's estimate said."""
    timer = args.timer
    if timer is not None:
        if args.headless:
            raise CommandError("--timer times human seats in the window; drop --headless")
        problem = check_timer(timer)
        if problem:
            raise CommandError(f"--timer: {problem}", usage=True)
    if args.preset is None:
        return timer
    chosen = preset(args.preset)
    if timer is None and not args.headless:
        timer = chosen.timer
    if seats is not None:
        humans = sum(1 for s in seats if s.human)
        guess = estimate(rounds=args.rounds or chosen.rounds,
                         action_rounds=rules.game.settings.action_rounds, humans=humans,
                         bots=len(seats) - humans, timer=timer,
                         grace=GRACE_SECONDS if args.timer_action == "pass" else 0)
        print(f"chessboard: preset {chosen.id} ({chosen.note}): {args.rounds or chosen.rounds} "
              f"rounds, {guess.text()}", file=sys.stderr)
    return timer


def _device_options(args: argparse.Namespace) -> str | None:
    """Check --devices, --bind and --port before the window opens; the address to bind."""
    if not args.devices:
        if args.bind is not None or args.port:
            raise CommandError("--bind and --port belong to --devices")
        return None
    if args.headless:
        raise CommandError("--devices needs the window (the board on the big screen); drop "
                           "--headless")
    if not _has_modules("aiohttp", "segno"):
        raise CommandError("team devices need aiohttp and segno, which this install lacks: "
                           "pip install 'chessboard[devices]'")
    if not 0 <= args.port <= 65535:
        raise CommandError(f"--port must be 0 to 65535, not {args.port}")
    if args.bind is None:
        return None
    from chessboard.net.address import AddressError, check_bind

    try:
        return check_bind(args.bind)
    except AddressError as err:
        raise CommandError(str(err)) from None


def _play_headless(rules: Rules, args: argparse.Namespace, seats: list[Seat] | None) -> int:
    from chessboard.engine.state import unroll
    from chessboard.sim.runner import play_game

    if args.load:
        raise CommandError("--load needs the window; drop --headless")
    engine = Engine(rules)
    seed = args.seed if args.seed is not None else 1
    assert seats is not None
    try:
        state = play_game(engine, seats, seed=seed, scenario=args.scenario, rounds=args.rounds)
    except SetupError as err:
        raise CommandError(str(err)) from None
    print(f"Seed {seed} (replay it with --seed {seed})")
    for line in unroll(state.log):
        print(line)
    result = engine.result(state)
    assert result is not None
    print()
    print("Final VP: " + ", ".join(f"{f} {vp}" for f, vp in result.vp.items()))
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from chessboard.sim.executors import ExecutorError
    from chessboard.sim.simulate import run_simulation

    if args.games < 1:
        raise CommandError("--games must be at least 1", usage=True)
    _check_executor(args)
    if args.report is not None and not _has_modules("matplotlib"):
        raise CommandError("--report draws its charts with matplotlib, which this install "
                           "lacks: pip install 'chessboard[sim]'")
    _check_seed(args.seed)
    baselines = tuple(b.strip() for b in args.baseline.split(",") if b.strip())
    if baselines and not args.challenger:
        raise CommandError("--baseline needs --challenger", usage=True)
    for flag, spec in (("--challenger", args.challenger), *(("--baseline", b) for b in baselines)):
        try:
            if spec:
                parse_seat("hero", f"bot:{spec}")
        except SeatSpecError as err:
            raise CommandError(f"{flag} {spec}: {str(err).partition(': ')[2]}",
                               usage=True) from None
    # Output paths first: a bad one must not cost the whole simulation's results
    if args.json is not None:
        check_output_file(args.json, "--json")
    if args.report is not None:
        check_output_dir(args.report, "--report")
    if args.compare is not None:
        return _simulate_compare(args)
    if args.mods_a or args.mods_b:
        raise CommandError("--mod-a and --mod-b need --compare (--mod lays a mod over --rules)",
                           usage=True)
    rules = _load(args.rules, args.mods)
    seats = _seats(rules, args.seats, args.scenario)
    workers = _workers(args, args.games * (1 + len(baselines)))
    try:
        return run_simulation(rules, seats, games=args.games, seed=args.seed,
                              scenario=args.scenario, workers=workers,
                              json_path=args.json, report_dir=args.report,
                              fidelity=args.fidelity, progress=not args.no_progress,
                              challenger=args.challenger, baselines=baselines,
                              hero=args.hero, executor=args.executor,
                              scheduler=args.scheduler)
    except (SetupError, ExecutorError) as err:
        raise CommandError(str(err)) from None


def cmd_sweep(args: argparse.Namespace) -> int:
    from chessboard.sim.executors import ExecutorError
    from chessboard.sim.sweep import SweepError, read_spec, run_sweep

    _check_executor(args)
    if args.games is not None and args.games < 1:
        raise CommandError("--games must be at least 1", usage=True)
    _check_seed(args.seed)
    if not args.spec.is_file():
        raise CommandError(f"{args.spec}: no such sweep spec file")
    check_output_dir(args.out, "--out")  # before the work: a bad one must not cost the results
    rules = _load(args.rules, args.mods)
    try:
        spec = read_spec(args.spec, rules)
    except SweepError as err:
        raise CommandError(f"the sweep spec {args.spec} has problems:\n{err}", status=1) \
            from None
    if args.games is not None:
        spec.games = args.games
    if args.seed is not None:
        spec.seed = args.seed
    seats = _seats(rules, spec.seats, spec.scenario)
    try:
        return run_sweep(rules, spec, seats, progress=not args.no_progress, out_dir=args.out,
                         workers=_workers(args, spec.games * len(spec.variants)),
                         executor=args.executor, scheduler=args.scheduler)
    except (SetupError, ExecutorError) as err:
        raise CommandError(str(err)) from None


def _simulate_compare(args: argparse.Namespace) -> int:
    """``simulate --compare A B``: checked like a plain run, then both sides loaded."""
    from chessboard.sim.compare import run_compare

    for flag, given in (("--rules", args.rules is not None),
                        ("--fidelity", args.fidelity), ("--challenger", args.challenger),
                        ("--executor dask", args.executor == "dask")):
        if given:
            raise CommandError(f"--compare takes the two rules folders itself; {flag} cannot "
                               "be combined with it", usage=True)
    sides = []
    for label, folder, mods in (("A", args.compare[0], args.mods_a),
                                ("B", args.compare[1], args.mods_b)):
        if not folder.is_dir():
            raise CommandError(f"--compare: rules {label} {folder} is not a folder")
        try:
            sides.append(_load(folder, [*args.mods, *mods]))
        except CommandError as err:
            raise CommandError(f"--compare: rules {label}: {err}", status=err.status) from None
    seats = _seats(sides[0], args.seats, args.scenario)
    try:
        return run_compare(sides[0], sides[1], seats, games=args.games, seed=args.seed,
                           scenario=args.scenario,
                           workers=_workers(args, 2 * args.games),
                           json_path=args.json, progress=not args.no_progress,
                           report_dir=args.report)
    except SetupError as err:
        raise CommandError(str(err)) from None


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _workers(args: argparse.Namespace, games: int) -> int:
    """The worker processes to start: 1 by default, 0 lets a Dask cluster decide; capped where
    they would run on this machine."""
    asked = args.workers or (0 if args.executor == "dask" else 1)
    if asked and not args.scheduler:
        return _useful_workers(asked, games)
    return asked


def _useful_workers(asked: int, games: int) -> int:
    """More processes than games or CPUs only cost memory (41 processes, 1.5 GiB for 2
    games): cap them, and say so."""
    cap = max(1, min(games, _cpus()))
    if asked > cap:
        print(f"chessboard: --workers {asked} capped at {cap} ({games} game"
              f"{'s' if games != 1 else ''}, {_cpus()} CPU{'s' if _cpus() != 1 else ''})",
              file=sys.stderr)
        return cap
    return asked


def cmd_replay(args: argparse.Namespace) -> int:
    from chessboard.engine.saves import (
        RulesChangedError,
        SaveError,
        read_save,
        replay_matches,
        restore_by_replaying,
        state_digest,
    )

    rules = _load(args.rules, args.mods)
    # With the log on, saves whose digest still covered the log are checked too
    engine = Engine(rules)
    try:
        save = read_save(args.save)
        state, same = replay_matches(engine, save)
    except RulesChangedError as err:
        # made before a rules edit: replay it under these rules as far as it stays legal
        print(f"{args.save}: {err}", file=sys.stderr)
        print("replaying its actions under the rules loaded now", file=sys.stderr)
        try:
            replayed = restore_by_replaying(engine, save)
        except SaveError as again:
            raise CommandError(str(again), status=1) from None
        print(f"{args.save}: {replayed.message()}")
        if replayed.complete:
            same = state_digest(replayed.state) == save.state_digest
            print("the end state " + ("matches" if same else "differs from") + " the one "
                  "recorded, but under other rules than the save's")
        return 1  # not the check the command promises: the rules are not the save's
    except SaveError as err:
        raise CommandError(str(err), status=1) from None
    result = engine.result(state)
    status = "game over" if result else f"in progress (round {state.round})"
    print(f"{args.save}: replayed {len(save.actions)} actions; {status}")
    if result:
        print(f"winner: {result.winner or 'nobody'} ({result.reason}); VP "
              + ", ".join(f"{f} {v}" for f, v in result.vp.items()))
    if not same:
        print("the replayed end state differs from the one recorded in the save",
              file=sys.stderr)
        return 1
    print("end state matches the save")
    return 0


def _out_dir(path: Path) -> Path:
    if path.exists() and not path.is_dir():
        raise CommandError(f"--out {path}: is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CommandError(f"--out {path}: cannot create the folder ({err.strerror or err})") \
            from None
    return path


def cmd_debrief(args: argparse.Namespace) -> int:
    from chessboard.engine.saves import SaveError, read_save
    from chessboard.report.debrief import write_debrief

    rules = _load(args.rules, args.mods)
    try:
        save = read_save(args.save)
        out = _out_dir(args.out)
        written = write_debrief(Engine(rules), save, out)
    except SaveError as err:
        raise CommandError(str(err), status=1) from None
    except OSError as err:
        raise CommandError(f"cannot write into {args.out}: {err.strerror or err}") from None
    for path in written:
        print(path)
    return 0


def cmd_handouts(args: argparse.Namespace) -> int:
    from chessboard.report.handouts import write_handouts

    rules = _load(args.rules, args.mods)
    if args.scenario is not None:
        try:
            rules.scenario(args.scenario)
        except KeyError:
            known = ", ".join(s.id for s in rules.scenarios.scenarios)
            raise CommandError(f"unknown scenario {args.scenario!r} (known: {known})") from None
    try:
        written = write_handouts(rules, _out_dir(args.out), scenario=args.scenario)
    except OSError as err:
        raise CommandError(f"cannot write into {args.out}: {err.strerror or err}") from None
    for path in written:
        print(path)
    return 0


def _subparser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    for action in parser._actions:  # argparse keeps its subparsers only here
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            return action.choices[command]
    return parser


COMMANDS = {"play": cmd_play, "validate": cmd_validate, "schema": cmd_schema,
            "simulate": cmd_simulate, "sweep": cmd_sweep, "replay": cmd_replay,
            "debrief": cmd_debrief, "handouts": cmd_handouts}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "play")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except CommandError as err:
        if err.usage:
            sub = _subparser(parser, args.command)
            print(sub.format_usage().rstrip(), file=sys.stderr)
            print(f"{sub.prog}: error: {err}", file=sys.stderr)
        else:
            print(f"chessboard: {err}", file=sys.stderr)
        return err.status
    except KeyboardInterrupt:
        print("chessboard: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
