"""Designer-facing error reports for rules files.

Game designers edit the YAML under ``rules/`` by hand, so every problem we find must
be reported the way a compiler would: ``file:line:column``, a readable path into the
document (``cards[3].effects[0].influence``), a short message and, where we can, a
"did you mean" hint.  Python tracebacks and pydantic's raw error dumps (with their
documentation URLs) are not something a designer should have to read.

This module holds the :class:`Diagnostic` record, report formatting, the
:class:`RulesFileError` exception that carries diagnostics, and the translation of
:class:`pydantic.ValidationError` into diagnostics positioned in the YAML source.
"""

from __future__ import annotations

import collections.abc
import difflib
import re
import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

if TYPE_CHECKING:
    import pydantic

    from chessboard.rules.yamlio import LoadedYaml

__all__ = [
    "Diagnostic",
    "PathElement",
    "RulesFileError",
    "YamlPath",
    "diagnostics_from_validation_error",
    "did_you_mean",
    "format_path",
    "format_report",
    "sort_diagnostics",
    "summary_line",
    "with_sources",
]

PathElement = str | int
"""One step into a document: a mapping key or a list position.

Mapping keys are kept exactly as YAML produced them, so a (rare) non-string key such
as ``1:`` or ``true:`` appears as that int/bool; list positions are always ints.
"""

YamlPath = tuple[PathElement, ...]

ROOT_PATH_TEXT = "<root>"
"""How the empty path (the whole document) is shown."""

# A key that reads naturally after a dot: letters, digits, '_' and '-', not starting
# with a digit or '-'.  Anything else is shown quoted in brackets.
_PLAIN_KEY = re.compile(r"[^\W\d][\w-]*")
_MAX_SHOWN_STEPS = 16
_MAX_EXCERPT = 160


def format_path(path: Sequence[object]) -> str:
    """Render a document path as ``cards[3].effects[0].influence``.

    Why this notation: it is what designers already know from JSON/JS tooling and it
    distinguishes list positions (``[3]``) from keys.  Keys that are not simple words
    are shown as ``["two words"]`` so the path stays unambiguous.
    """
    if not path:
        return ROOT_PATH_TEXT
    if len(path) > _MAX_SHOWN_STEPS:  # keep absurdly deep paths readable
        head = format_path(path[: _MAX_SHOWN_STEPS // 2])
        tail = format_path(path[-(_MAX_SHOWN_STEPS // 2) :])
        return f"{head}...{tail if tail.startswith('[') else '.' + tail}"
    parts: list[str] = []
    for element in path:
        if isinstance(element, bool) or not isinstance(element, int | str):
            parts.append(f"[{_yaml_scalar_text(element)}]")
        elif isinstance(element, int):
            parts.append(f"[{element}]")
        elif _PLAIN_KEY.fullmatch(element):
            parts.append(f".{element}" if parts else element)
        else:
            escaped = element.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'["{escaped}"]')
    return "".join(parts)


def _yaml_scalar_text(value: object) -> str:
    """Spell a scalar the way it would be written in YAML (``true``, ``null``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a rules file, positioned for a human editor.

    ``line`` and ``column`` are 1-based (as editors show them).  File-level problems
    (too large, not UTF-8, empty) are reported at 1:1 with the empty path.
    """

    file: str
    line: int
    column: int
    path: YamlPath
    message: str
    hint: str | None = None
    severity: str = "error"
    # The text of the offending line, shown with a caret under the column (if known); not
    # part of a diagnostic's identity, which is where it is and what it says.
    source: str | None = field(default=None, compare=False)

    @property
    def path_text(self) -> str:
        """The path as shown to designers (``<root>`` for the whole document)."""
        return format_path(self.path)

    def format_text(self) -> str:
        """``file:line:column: error: <path>: <message>`` plus an indented hint line.

        The first line is the classic compiler format so editors and CI logs can turn
        it into a clickable location.
        """
        text = (
            f"{self.file}:{self.line}:{self.column}: {self.severity}: "
            f"{self.path_text}: {self.message}"
        )
        if self.source is not None:
            text += "\n" + self.excerpt()
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def excerpt(self) -> str:
        """The source line and a caret under the column, as compilers show them."""
        number = str(self.line)
        # A tab would shift the caret by an editor-dependent width: show it as one space.
        shown = (self.source or "").replace("\t", " ").rstrip()
        if len(shown) > _MAX_EXCERPT:
            shown = shown[:_MAX_EXCERPT] + "..."
        caret = " " * (min(self.column, _MAX_EXCERPT + 1) - 1) + "^"
        return f" {number} | {shown}\n {' ' * len(number)} | {caret}"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict, for tools (editor plugins, CI annotations)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": list(self.path),
            "path_text": self.path_text,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity,
            "source": self.source,
        }

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, then position; path/message only break ties deterministically."""
        return (self.file, self.line, self.column, self.path_text, self.message)


class RulesFileError(ValueError):
    """A rules file (or set of files) was refused; ``diagnostics`` says why and where.

    A ValueError subclass because the problem is bad input data, not a bug; callers
    that only want to show the report can print ``str(err)``.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = sort_diagnostics(diagnostics)
        super().__init__("\n".join(d.format_text() for d in self.diagnostics))

    def __reduce__(self) -> tuple[type[RulesFileError], tuple[list[Diagnostic]]]:
        # The default pickling would call __init__ with the message string.
        return (type(self), (self.diagnostics,))

    def report(self) -> str:
        """The full report including the summary line."""
        return format_report(self.diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in reading order: by file, line, column."""
    return sorted(diagnostics, key=Diagnostic.sort_key)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(diagnostics: Iterable[Diagnostic]) -> str:
    """``3 errors in 2 files`` (``2 errors and 1 warning in 1 file``; ``no problems found``)."""
    diags = list(diagnostics)
    if not diags:
        return "no problems found"
    counts: dict[str, int] = {}
    for diag in diags:
        counts[diag.severity] = counts.get(diag.severity, 0) + 1
    # Errors first, warnings next, any other severities after in alphabetical order.
    order = sorted(counts, key=lambda s: ({"error": 0, "warning": 1}.get(s, 2), s))
    parts = [_plural(counts[s], s) for s in order]
    counted = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    files = len({d.file for d in diags})
    return f"{counted} in {_plural(files, 'file')}"


def format_report(diagnostics: Iterable[Diagnostic]) -> str:
    """All diagnostics, sorted, one block each, ending with the summary line (no newline)."""
    diags = sort_diagnostics(diagnostics)
    lines = [d.format_text() for d in diags]
    lines.append(summary_line(diags))
    return "\n".join(lines)


def did_you_mean(
    word: object, candidates: Iterable[object], *, n: int = 3, cutoff: float = 0.6
) -> str | None:
    """Suggest the closest known names for a misspelt one, or None if nothing is close.

    Matching ignores case (``Kazakhstan`` finds ``kazakhstan``) because designers
    often get capitalisation wrong; a candidate equal to ``word`` is not suggested.
    """
    text = str(word)
    unique: list[str] = []
    seen: set[str] = set()
    for candidate in candidates:
        name = str(candidate)
        if name != text and name not in seen:
            seen.add(name)
            unique.append(name)
    if not text or not unique or n <= 0:
        return None
    by_lower: dict[str, list[str]] = {}
    for name in unique:
        by_lower.setdefault(name.lower(), []).append(name)
    target = text.lower()
    close = difflib.get_close_matches(target, list(by_lower), n=len(by_lower), cutoff=cutoff)
    if not close:
        return None
    # Only offer alternatives about as good as the best one: "kazakstan" should get
    # "kazakhstan", not every other "-stan" as well.
    scores = {c: difflib.SequenceMatcher(None, target, c).ratio() for c in close}
    best = max(scores.values())
    position = {lowered: index for index, lowered in enumerate(by_lower)}
    matches: list[str] = []
    for lowered in sorted(close, key=lambda c: (-scores[c], position[c])):
        if scores[lowered] >= best - 0.1:
            matches.extend(m for m in by_lower[lowered] if m not in matches)
    matches = matches[:n]
    if not matches:
        return None
    if len(matches) == 1:
        return f"did you mean '{matches[0]}'?"
    return "did you mean one of " + ", ".join(f"'{m}'" for m in matches) + "?"


# --------------------------------------------------------------------------------------
# pydantic ValidationError -> diagnostics
# --------------------------------------------------------------------------------------

# Error types whose last loc element names a field rather than a place in the data.
_FIELD_NAMING_TYPES = frozenset(
    {"missing", "extra_forbidden", "union_tag_invalid", "union_tag_not_found"}
)

_REQUIREMENTS: dict[str, str] = {
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_parsing_size": "must be a whole number of reasonable size",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "decimal_type": "must be a number",
    "decimal_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_type": "must be text",
    "string_unicode": "must be text",
    "dict_type": "must be a mapping of 'key: value' entries",
    "mapping_type": "must be a mapping of 'key: value' entries",
    "model_type": "must be a mapping of 'key: value' entries",
    "model_attributes_type": "must be a mapping of 'key: value' entries",
    "dataclass_type": "must be a mapping of 'key: value' entries",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "set_type": "must be a list",
    "frozen_set_type": "must be a list",
    "iterable_type": "must be a list",
    "none_required": "must be empty (null)",
    "date_type": "must be a date (YYYY-MM-DD)",
    "date_parsing": "must be a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "must be a date (YYYY-MM-DD)",
}

_BOUNDS: dict[str, tuple[str, str]] = {
    "less_than_equal": ("le", "must be at most {}"),
    "less_than": ("lt", "must be less than {}"),
    "greater_than_equal": ("ge", "must be at least {}"),
    "greater_than": ("gt", "must be greater than {}"),
    "multiple_of": ("multiple_of", "must be a multiple of {}"),
}

PATTERN_WORDS: dict[str, str] = {}
"""Regular expressions of the models, said in plain words (the models register theirs)."""

_YAML11_BOOLS = frozenset({"yes", "no", "on", "off", "y", "n"})

_PYDANTIC_MSG_PREFIXES = ("Value error, ", "Assertion failed, ")

_Group = tuple[YamlPath, int, int]  # (path, line, column) of failing union branches


def _describe_value(value: object) -> str:
    """A short, YAML-flavoured description of an input value for ``(got ...)``."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _split_expected(expected: object) -> list[str]:
    """Turn pydantic's ``"'a', 'b' or 'c'"`` into ``['a', 'b', 'c']``."""
    if isinstance(expected, list | tuple):
        return [str(e) for e in expected]
    if not isinstance(expected, str) or not expected:
        return []
    values = []
    for part in re.split(r", | or ", expected):
        item = part.strip()
        if len(item) >= 2 and item[0] == item[-1] and item[0] in "'\"":
            item = item[1:-1]
        if item:
            values.append(item)
    return values


def _literal_values(annotation: object) -> list[object]:
    """Values of a ``Literal[...]`` annotation (through ``Annotated``/unions), else []."""
    values: list[object] = []
    for leaf in _expand_type(annotation):
        if get_origin(leaf) is Literal:
            values.extend(get_args(leaf))
    return values


def _expand_type(annotation: object) -> list[object]:
    """Flatten ``Annotated`` and unions into their member types."""
    out: list[object] = []
    pending = [annotation]
    while pending and len(out) < 200:
        current = pending.pop(0)
        origin = get_origin(current)
        if origin is Annotated:
            pending.insert(0, get_args(current)[0])
        elif origin is Union or origin is types.UnionType:
            pending[0:0] = list(get_args(current))
        elif type(current).__name__ == "TypeAliasType" and hasattr(current, "__value__"):
            pending.insert(0, current.__value__)  # Python 3.12 ``type X = ...`` aliases
        else:
            out.append(current)
    return out


def _model_fields(tp: object) -> dict[str, object] | None:
    """``{name or alias: annotation}`` for a pydantic model class, else None."""
    fields = getattr(tp, "model_fields", None)
    if not isinstance(tp, type) or not isinstance(fields, dict):
        return None
    result: dict[str, object] = {}
    for name, info in fields.items():
        annotation = getattr(info, "annotation", None)
        result[name] = annotation
        for alias in (getattr(info, "alias", None), getattr(info, "validation_alias", None)):
            if isinstance(alias, str):
                result[alias] = annotation
    return result


_SEQUENCE_ORIGINS = (
    list,
    tuple,
    set,
    frozenset,
    collections.abc.Sequence,
    collections.abc.MutableSequence,
    collections.abc.Set,
    collections.abc.Iterable,
    collections.abc.Collection,
)
_MAPPING_ORIGINS = (dict, collections.abc.Mapping, collections.abc.MutableMapping)


def _step_type(tp: object, element: object) -> list[object]:
    """The member types reached by following one loc element into ``tp``."""
    fields = _model_fields(tp)
    if fields is not None:
        if isinstance(element, str) and element in fields:
            return _expand_type(fields[element])
        return []
    origin = get_origin(tp)
    args = get_args(tp)
    if origin in _MAPPING_ORIGINS and len(args) == 2:
        return _expand_type(args[1])
    if origin in _SEQUENCE_ORIGINS and isinstance(element, int) and args:
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return _expand_type(args[element]) if 0 <= element < len(args) else []
        return _expand_type(args[0])
    return []


def _field_names_at(model: object, loc: Sequence[object]) -> list[str]:
    """Field names (and aliases) of the model(s) reached by following ``loc`` from ``model``.

    Best effort: loc elements that are not fields (pydantic's union member names and
    discriminator tags) are used to narrow a union down, or ignored.
    """
    current = _expand_type(model)
    for element in loc:
        reached: list[object] = []
        for tp in current:
            reached.extend(_step_type(tp, element))
        if reached:
            current = reached
            continue
        narrowed = [
            tp
            for tp in current
            if getattr(tp, "__name__", None) == element
            or any(
                element in _literal_values(annotation)
                for annotation in (_model_fields(tp) or {}).values()
            )
        ]
        if narrowed:
            current = narrowed
    names: list[str] = []
    for tp in current:
        for name in _model_fields(tp) or {}:
            if name not in names:
                names.append(name)
    return names


def _resolve_loc(
    loaded: LoadedYaml, base_path: YamlPath, loc: Sequence[object]
) -> tuple[YamlPath, list[bool]]:
    """Map a pydantic ``loc`` onto a path that exists in the document.

    pydantic locs mix real keys/positions with synthetic steps (union member names,
    discriminator tags, ``[key]``).  We keep the longest chain of steps that exist in
    the document (preferring to descend when there is a tie) and skip the rest.
    Returns the path and, for each loc element, whether it was skipped.
    """
    marks = loaded.marks
    steps = list(loc)
    if len(steps) > 64:  # absurdly deep: fall back to a greedy walk
        path = base_path
        skipped = []
        for element in steps:
            if _hashable_step(element) and (*path, element) in marks:
                path = (*path, element)
                skipped.append(False)
            else:
                skipped.append(True)
        return path, skipped

    memo: dict[tuple[int, YamlPath], tuple[int, tuple[bool, ...]]] = {}

    def best(index: int, path: YamlPath) -> tuple[int, tuple[bool, ...]]:
        if index == len(steps):
            return 0, ()
        key = (index, path)
        if key in memo:
            return memo[key]
        count, choices = best(index + 1, path)
        result = (count, (True, *choices))
        element = steps[index]
        if _hashable_step(element) and (*path, element) in marks:
            count, choices = best(index + 1, (*path, element))  # type: ignore[arg-type]
            if count + 1 >= result[0]:
                result = (count + 1, (False, *choices))
        memo[key] = result
        return result

    _, choices = best(0, base_path)
    path = base_path
    for element, skip in zip(steps, choices, strict=True):
        if not skip:
            path = (*path, element)  # type: ignore[assignment]
    return path, list(choices)


def _hashable_step(element: object) -> bool:
    return isinstance(element, str | int)


def _describe_error(
    error: Mapping[str, Any],
    path: YamlPath,
    loaded: LoadedYaml,
    model: object,
    loc: Sequence[object],
) -> tuple[str, str | None, str | None, YamlPath, bool]:
    """Turn one pydantic error into (requirement, got, hint, path, at_key).

    ``requirement`` is the message without the ``(got ...)`` suffix so union branch
    errors can be merged; ``at_key`` asks for the key's position instead of the value's.
    """
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    value = error.get("input")
    last = loc[-1] if loc else None

    if kind == "missing":
        if isinstance(last, str):
            return f"missing required field '{last}'", None, None, path, False
        if isinstance(last, int):
            return f"missing item {last}", None, None, path, False
        return "missing value", None, None, path, False

    if kind == "extra_forbidden":
        name = path[-1] if path and path[-1] == last else last
        hint = None
        if model is not None:
            hint = did_you_mean(name, _field_names_at(model, loc[:-1]))
        return f"unknown field '{name}'", None, hint, path, True

    if kind in ("literal_error", "enum"):
        expected = _split_expected(ctx.get("expected"))
        shown = _describe_value(value)
        if expected:
            requirement = f"{shown} is not one of: {', '.join(expected)}"
        else:
            requirement = f"{shown} is not an allowed value"
        hint = did_you_mean(value, expected) if isinstance(value, str) else None
        return requirement, None, hint, path, False

    if kind == "union_tag_invalid":
        discriminator = str(ctx.get("discriminator", "")).strip("'\"")
        expected = _split_expected(ctx.get("expected_tags"))
        tag = ctx.get("tag", value)
        at_key = False
        if discriminator and (*path, discriminator) in loaded.marks:
            path = (*path, discriminator)  # a tag field such as ``type: foo``
        elif isinstance(tag, str) and (*path, tag) in loaded.key_marks:
            path, at_key = (*path, tag), True  # a one-key mapping such as ``foo: {...}``
        requirement = f"'{tag}' is not one of: {', '.join(expected)}"
        return requirement, None, did_you_mean(tag, expected), path, at_key

    if kind == "union_tag_not_found":
        discriminator = str(ctx.get("discriminator", "")).strip("'\"")
        if discriminator and _PLAIN_KEY.fullmatch(discriminator):
            return f"missing required field '{discriminator}'", None, None, path, False
        return "cannot tell which kind of entry this is", None, None, path, False

    if kind in _BOUNDS:
        ctx_key, template = _BOUNDS[kind]
        if ctx_key in ctx:
            return template.format(ctx[ctx_key]), _describe_value(value), None, path, False

    if kind in ("string_too_short", "string_too_long"):
        limit_key = "min_length" if kind == "string_too_short" else "max_length"
        word = "least" if kind == "string_too_short" else "most"
        limit = ctx.get(limit_key)
        if limit is not None:
            unit = "character" if limit == 1 else "characters"
            requirement = f"must be at {word} {limit} {unit} long"
            return requirement, _describe_value(value), None, path, False

    if kind in ("too_short", "too_long"):
        limit_key = "min_length" if kind == "too_short" else "max_length"
        word = "least" if kind == "too_short" else "most"
        limit = ctx.get(limit_key)
        if limit is not None:
            unit = "item" if limit == 1 else "items"
            actual = ctx.get("actual_length")
            got = None if actual is None else _plural(int(actual), "item")
            return f"must have at {word} {limit} {unit}", got, None, path, False

    if kind == "string_pattern_mismatch" and "pattern" in ctx:
        words = PATTERN_WORDS.get(str(ctx["pattern"]))
        requirement = words or f"must match the pattern {ctx['pattern']}"
        return requirement, _describe_value(value), None, path, False

    if kind in ("bool_type", "bool_parsing") and isinstance(value, str) \
            and value.lower() in _YAML11_BOOLS:
        hint = "rules files are YAML 1.2, where only true and false are yes/no values"
        return _REQUIREMENTS[kind], _describe_value(value), hint, path, False

    if kind in _REQUIREMENTS:
        return _REQUIREMENTS[kind], _describe_value(value), None, path, False

    message = str(error.get("msg") or "invalid value")
    for prefix in _PYDANTIC_MSG_PREFIXES:
        if message.startswith(prefix):
            message = message[len(prefix) :]
    return message, None, None, path, False


def diagnostics_from_validation_error(
    err: pydantic.ValidationError,
    loaded: LoadedYaml,
    *,
    base_path: Sequence[PathElement] = (),
    model: object = None,
) -> list[Diagnostic]:
    """Translate a pydantic ValidationError into positioned, readable diagnostics.

    ``base_path`` is where in ``loaded.data`` the validated value sits (pydantic locs
    are relative to it).  Pass ``model`` (the class or type that was validated) to get
    "did you mean" hints for unknown fields.  Never raises: anything unexpected
    degrades to pydantic's own message at the nearest known position.
    """
    base: YamlPath = tuple(base_path)
    try:
        errors = err.errors(include_url=False)
    except Exception:
        line, column = _safe_position(loaded, base)
        return [Diagnostic(loaded.file, line, column, base, "invalid value")]

    # Errors from the branches of a (non-discriminated) union are grouped by position;
    # when several branches fail on the same value they become one diagnostic.
    branches: dict[_Group, list[tuple[str, str | None, str | None]]] = {}
    ordered: list[Diagnostic | _Group] = []
    for error in errors:
        try:
            loc = tuple(error.get("loc") or ())
            path, skipped = _resolve_loc(loaded, base, loc)
            requirement, got, hint, path, at_key = _describe_error(error, path, loaded, model, loc)
            line, column = loaded.key_position(path) if at_key else loaded.position(path)
            kind = str(error.get("type", ""))
            # A union member name right after a real place in the document, e.g.
            # ("extra", "int") and ("extra", "str") for ``extra: int | str``.
            is_branch = (
                len(skipped) >= 2
                and skipped[-1]
                and not skipped[-2]
                and kind not in _FIELD_NAMING_TYPES
            )
            if is_branch:
                group = (path, line, column)
                if group not in branches:
                    branches[group] = []
                    ordered.append(group)
                branches[group].append((requirement, got, hint))
                continue
            message = requirement if got is None else f"{requirement} (got {got})"
            ordered.append(Diagnostic(loaded.file, line, column, path, message, hint))
        except Exception:
            line, column = _safe_position(loaded, base)
            message = str(error.get("msg") or "invalid value")
            ordered.append(Diagnostic(loaded.file, line, column, base, message))

    result: list[Diagnostic] = []
    for item in _merge_typos(ordered):
        if isinstance(item, Diagnostic):
            result.append(item)
            continue
        path, line, column = item
        entries = branches[item]
        got = next((g for _, g, _ in entries if g is not None), None)
        if len(entries) == 1:
            requirement, _, hint = entries[0]
            message = requirement if got is None else f"{requirement} (got {got})"
            result.append(Diagnostic(loaded.file, line, column, path, message, hint))
            continue
        requirements: list[str] = []
        for requirement, _, _ in entries:
            if requirement not in requirements:
                requirements.append(requirement)
        message = "does not match any of the allowed forms"
        if got is not None:
            message += f" (got {got})"
        hint = "; ".join(requirements[:4]) + ("; ..." if len(requirements) > 4 else "")
        result.append(Diagnostic(loaded.file, line, column, path, message, hint))
    return sorted(_drop_shadowed(result), key=lambda d: (d.line, d.column))


def _drop_shadowed(diags: list[Diagnostic]) -> list[Diagnostic]:
    """``amount: {of: {dominatd: x}}`` fails as a number *and* inside the mapping; the
    mapping is clearly what was meant, so only the error inside it is one to show."""
    def shadowed(diag: Diagnostic) -> bool:
        if not diag.message.endswith(("(got a mapping)", "(got a list)")):
            return False
        depth = len(diag.path)
        return any(len(o.path) > depth and o.path[:depth] == diag.path for o in diags)

    return [d for d in diags if not shadowed(d)]


_UNKNOWN = re.compile(r"unknown field '(.+)'\Z")
_MISSING = re.compile(r"missing required field '(.+)'\Z")


def _merge_typos(ordered: list[Diagnostic | _Group]) -> list[Diagnostic | _Group]:
    """One misspelt field name is one mistake: ``amuont: 1`` is an unknown field *and* a
    missing ``amount``. Keep the first message, drop the second, and say the field is needed.
    """
    unknown: dict[YamlPath, list[int]] = {}
    for index, item in enumerate(ordered):
        if isinstance(item, Diagnostic) and _UNKNOWN.match(item.message) and item.path:
            unknown.setdefault(item.path[:-1], []).append(index)
    if not unknown:
        return ordered
    out = list(ordered)
    dropped: set[int] = set()
    for index, item in enumerate(ordered):
        found = _MISSING.match(item.message) if isinstance(item, Diagnostic) else None
        if found is None or not isinstance(item, Diagnostic):
            continue
        wanted = found.group(1)
        for other in unknown.get(item.path, []):
            typo = out[other]
            assert isinstance(typo, Diagnostic)
            name = str(typo.path[-1])
            if other in dropped or did_you_mean(name, [wanted]) is None:
                continue
            out[other] = replace(typo, hint=f"did you mean '{wanted}'? (a required field)")
            dropped.add(index)
            break
    return [item for index, item in enumerate(out) if index not in dropped]


def with_sources(diagnostics: Iterable[Diagnostic], texts: Mapping[str, str]) -> list[Diagnostic]:
    """The diagnostics with the text of their line, for files whose text is known."""
    lines: dict[str, list[str]] = {}
    out = []
    for diag in diagnostics:
        text = texts.get(diag.file)
        if text is None or diag.source is not None:
            out.append(diag)
            continue
        if diag.file not in lines:
            lines[diag.file] = text.splitlines()
        file_lines = lines[diag.file]
        if 1 <= diag.line <= len(file_lines):
            diag = replace(diag, source=file_lines[diag.line - 1])
        out.append(diag)
    return out


def _safe_position(loaded: LoadedYaml, path: YamlPath) -> tuple[int, int]:
    try:
        return loaded.position(path)
    except Exception:
        return 1, 1
