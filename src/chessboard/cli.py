"""The ``chessboard`` command: play, validate, schema, simulate, sweep, replay.

Every user mistake (a bad flag, a broken rules file, a foreign save) ends with a clear message
and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from chessboard.engine.game import Engine, SetupError
from chessboard.rules.loader import DEFAULT_RULES_DIR, Rules, RulesError, load_rules
from chessboard.seats import Seat, SeatSpecError, parse_seat, parse_seats


def _rules_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", type=Path, default=None, metavar="DIR",
                        help=f"rules directory (default: {DEFAULT_RULES_DIR.name}/ of the game)")


def _executor_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--executor", choices=("local", "dask"), default="local",
                        help="run games in local worker processes (default) or on a Dask "
                        "cluster (the dask extra)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --executor dask: an existing cluster's scheduler, e.g. "
                        "tcp://10.0.0.5:8786 (default: a local cluster)")


def _check_executor(args: argparse.Namespace) -> None:
    if args.workers is not None and args.workers < 1:
        raise CommandError("--workers must be at least 1")
    if args.scheduler and args.executor != "dask":
        raise CommandError("--scheduler needs --executor dask")


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
    def __init__(self, message: str, *, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def _seats(rules: Rules, spec: str | None, scenario: str | None) -> list[Seat]:
    factions = [f.id for f in rules.game.factions]
    try:
        sc = rules.scenario(scenario) if scenario else rules.scenarios.scenarios[0]
    except KeyError:
        known = ", ".join(s.id for s in rules.scenarios.scenarios)
        raise CommandError(f"unknown scenario {scenario!r} (known: {known})") from None
    try:
        return parse_seats(spec or "", factions=factions, defaults=list(sc.seats))
    except SeatSpecError as err:
        raise CommandError(str(err)) from None


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
        args.out.mkdir(parents=True, exist_ok=True)
        for name, schema in all_schemas().items():
            (args.out / name).write_text(json.dumps(schema, indent=1) + "\n")
            print(args.out / name)
        return 0
    print(json.dumps(combined_schema(), indent=1))
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    rules = _load(args.rules)
    if args.rounds is not None and not 1 <= args.rounds <= 20:
        raise CommandError(f"--rounds must be 1 to 20, not {args.rounds}")
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
    from chessboard.sim.executors import ExecutorError
    from chessboard.sim.simulate import run_simulation

    if args.games < 1:
        raise CommandError("--games must be at least 1")
    _check_executor(args)
    rules = _load(args.rules)
    seats = _seats(rules, args.seats, args.scenario)
    baselines = tuple(b.strip() for b in args.baseline.split(",") if b.strip())
    if baselines and not args.challenger:
        raise CommandError("--baseline needs --challenger")
    for spec in filter(None, (args.challenger, *baselines)):
        try:
            parse_seat("hero", f"bot:{spec}")
        except SeatSpecError as err:
            raise CommandError(str(err)) from None
    try:
        return run_simulation(rules, seats, games=args.games, seed=args.seed,
                              scenario=args.scenario,
                              workers=args.workers or (0 if args.executor == "dask" else 1),
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
        raise CommandError("--games must be at least 1")
    if not args.spec.is_file():
        raise CommandError(f"{args.spec}: no such sweep spec file")
    rules = _load(args.rules)
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
                         workers=args.workers or (0 if args.executor == "dask" else 1),
                         executor=args.executor, scheduler=args.scheduler)
    except (SetupError, ExecutorError) as err:
        raise CommandError(str(err)) from None


def cmd_replay(args: argparse.Namespace) -> int:
    from chessboard.engine.saves import SaveError, read_save, replay_matches

    rules = _load(args.rules)
    engine = Engine(rules, log=False)
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


COMMANDS = {"play": cmd_play, "validate": cmd_validate, "schema": cmd_schema,
            "simulate": cmd_simulate, "sweep": cmd_sweep, "replay": cmd_replay}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "play")
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except CommandError as err:
        print(f"chessboard: {err}", file=sys.stderr)
        return err.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
