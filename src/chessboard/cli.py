"""The ``chessboard`` command: play, validate, schema, simulate, replay.

Every user mistake (a bad flag, a broken rules file, a foreign save) ends with a clear message
and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from chessboard.engine.game import Engine, SetupError
from chessboard.rules.loader import DEFAULT_RULES_DIR, Rules, RulesError, load_rules
from chessboard.seats import (
    DEFAULT_BOT,
    Seat,
    SeatSpecError,
    defaulted_seats,
    parse_seat,
    parse_seats,
)


def _rules_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", type=Path, default=None, metavar="DIR",
                        help=f"rules directory (default: {DEFAULT_RULES_DIR.name}/ of the game)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chessboard",
        description="The Central Asian Chessboard: a strategy game of Russia, China, the EU "
        "and the Central Asian states.",
    )
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
    play.add_argument("--autoplay", action="store_true",
                      help="start a game at once, without the title screen")
    play.add_argument("--quit-at-end", action="store_true", help="exit when the game ends")
    play.add_argument("--screenshot-dir", type=Path, metavar="DIR",
                      help="save a screenshot after every round")
    play.add_argument("--headless", action="store_true",
                      help="no window: play bots in the terminal and print the game log")

    validate = sub.add_parser("validate", help="check a rules directory and list every problem")
    _rules_arg(validate)
    validate.add_argument("--format", choices=("text", "json"), default="text")

    schema = sub.add_parser("schema", help="print the JSON Schema of the rules files")
    schema.add_argument("--out", type=Path, metavar="DIR",
                        help="write one schema per rules file into DIR instead")
    schema.add_argument("--markdown", action="store_true",
                        help="print the designers' rules reference in Markdown instead")

    simulate = sub.add_parser("simulate", help="play many bot games and print statistics")
    _rules_arg(simulate)
    simulate.add_argument("--games", type=int, required=True, metavar="N")
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument("--seats", metavar="SPEC", default="all=bot")
    simulate.add_argument("--scenario", metavar="ID")
    simulate.add_argument("--workers", type=int, default=1, metavar="K")
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

    replay = sub.add_parser("replay", help="re-apply a save's actions and check its end state")
    replay.add_argument("save", type=Path, metavar="SAVE")
    _rules_arg(replay)
    return parser


def _load(rules_dir: Path | None) -> Rules:
    try:
        return load_rules(rules_dir)
    except RulesError as err:
        from chessboard.rules.diagnostics import format_report

        where = rules_dir or DEFAULT_RULES_DIR
        raise CommandError(f"the rules in {where} have problems:\n"
                           + format_report(err.diagnostics), status=1) from None


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

    try:
        rules = load_rules(args.rules)
    except RulesError as err:
        if args.format == "json":
            print(json.dumps({"valid": False,
                              "problems": [d.to_json() for d in err.diagnostics]}, indent=1))
        else:
            print(format_report(err.diagnostics))
        return 1
    if args.format == "json":
        print(json.dumps({"valid": True, "name": rules.name, "version": rules.version,
                          "digest": rules.digest, "problems": []}, indent=1))
    else:
        cards = len(rules.all_cards())
        print(f"{rules.directory}: valid ({rules.name} {rules.version}; "
              f"{len(rules.events.events)} events, {cards} strategy cards, "
              f"{len(rules.scenarios.scenarios)} scenarios)")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from chessboard.rules.schema import all_schemas, combined_schema

    if args.markdown:
        from chessboard.rules.docs import reference_markdown

        print(reference_markdown())
        return 0
    if args.out:
        check_output_dir(args.out, "--out")
        for name, schema in all_schemas().items():
            (args.out / name).write_text(json.dumps(schema, indent=1) + "\n")
            print(args.out / name)
        return 0
    print(json.dumps(combined_schema(), indent=1))
    return 0


def _check_seed(seed: int | None) -> None:
    """A game's save must load again: its seed within what saves accept."""
    from chessboard.engine.saves import SEED_LIMIT

    if seed is not None and not -SEED_LIMIT <= seed < SEED_LIMIT:
        raise CommandError("--seed must be a whole number of at most 18 digits", usage=True)


def cmd_play(args: argparse.Namespace) -> int:
    rules = _load(args.rules)
    if args.rounds is not None and not 1 <= args.rounds <= 20:
        raise CommandError(f"--rounds must be 1 to 20, not {args.rounds}", usage=True)
    _check_seed(args.seed)
    seats = _seats(rules, args.seats, args.scenario) if args.seats or not args.load else None
    if not args.headless:
        try:
            from chessboard.ui.app import run
        except ImportError:
            run = None
        if run is not None:
            return run(rules, load=args.load, seats=seats, seed=args.seed,
                       scenario=args.scenario, rounds=args.rounds, fullscreen=args.fullscreen,
                       autoplay=args.autoplay, quit_at_end=args.quit_at_end,
                       screenshot_dir=args.screenshot_dir)
    return _play_headless(rules, args, seats)


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
    for line in unroll(state.log):
        print(line)
    result = engine.result(state)
    assert result is not None
    print()
    print("Final VP: " + ", ".join(f"{f} {vp}" for f, vp in result.vp.items()))
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from chessboard.sim.simulate import run_simulation

    if args.games < 1:
        raise CommandError("--games must be at least 1", usage=True)
    if args.workers < 1:
        raise CommandError("--workers must be at least 1", usage=True)
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
    rules = _load(args.rules)
    seats = _seats(rules, args.seats, args.scenario)
    workers = _useful_workers(args.workers, args.games * (1 + len(baselines)))
    try:
        return run_simulation(rules, seats, games=args.games, seed=args.seed,
                              scenario=args.scenario, workers=workers,
                              json_path=args.json, report_dir=args.report,
                              fidelity=args.fidelity, progress=not args.no_progress,
                              challenger=args.challenger, baselines=baselines,
                              hero=args.hero)
    except SetupError as err:
        raise CommandError(str(err)) from None


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use
    except (AttributeError, OSError):
        return os.cpu_count() or 1


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
    from chessboard.engine.saves import SaveError, read_save, replay_matches

    rules = _load(args.rules)
    # With the log on, saves whose digest still covered the log are checked too
    engine = Engine(rules)
    try:
        save = read_save(args.save)
        state, same = replay_matches(engine, save)
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


def _subparser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    for action in parser._actions:  # argparse keeps its subparsers only here
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            return action.choices[command]
    return parser


COMMANDS = {"play": cmd_play, "validate": cmd_validate, "schema": cmd_schema,
            "simulate": cmd_simulate, "replay": cmd_replay}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
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
