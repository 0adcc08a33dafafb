"""Safe, position-aware reading of the designer-edited YAML rules files.

Why not ``yaml.safe_load``?  It is safe against code execution, but it throws away
line/column information (so validation errors could not point into the file), it
silently lets a duplicate key override the first one, it happily expands an "alias
bomb" into gigabytes, and it applies YAML 1.1 quirks (``no`` becomes False, ``1:30``
becomes 5400, dates become ``datetime.date``).  Rules files are hand-written by game
designers, so each of those is a bug waiting to happen.

What this module does instead:

* Parses with a :class:`yaml.SafeLoader` subclass (the C-accelerated ``CSafeLoader``
  when available) and composes the document itself from the parser's events.  No
  PyYAML constructor ever runs, so no tag can instantiate Python objects.  Composing
  ourselves also lets us see where each alias is used, bound nesting depth and alias
  expansion *before* anything is materialised, and tell explicit tags from implicit
  ones.
* Resolves plain scalars with the YAML 1.2 *core* schema: ``true``/``false``, ``null``
  / ``~`` / empty, decimal/``0o``/``0x`` integers and floats (``.inf``, ``.nan``);
  everything else (``yes``, ``2024-01-01``, ``1_000``) stays a string.  Only the core
  tags ``!!str !!int !!float !!bool !!null !!seq !!map`` may be written explicitly;
  merge keys (``<<: *base``) are supported.
* Refuses, with :class:`RulesFileError` diagnostics rather than tracebacks: other tags,
  alias bombs, recursive aliases, excessive nesting, oversized files, duplicate keys,
  duplicate anchors, undefined aliases, syntax errors, non-UTF-8 bytes, control
  characters, several documents in one file, and (by default) empty files.
* Returns plain Python data plus a map from every path in the document to its
  1-based ``(line, column)``, so later validation can report exact positions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import yaml

from chessboard.rules.diagnostics import Diagnostic, PathElement, RulesFileError, YamlPath

__all__ = [
    "MAX_ALIAS_EXPANDED_NODES",
    "MAX_FILE_BYTES",
    "MAX_NESTING_DEPTH",
    "LoadedYaml",
    "RulesFileError",
    "load_yaml_bytes",
    "load_yaml_file",
    "load_yaml_text",
    "read_yaml_bytes",
]

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Files larger than this are refused before parsing (rules files are a few KiB)."""

MAX_ALIAS_EXPANDED_NODES = 10_000
"""Most nodes that aliases (``*name``, including ``<<: *name``) may add in total."""

MAX_NESTING_DEPTH = 100
"""Most nested lists/mappings along any path, counted after alias expansion."""

_CORE = "tag:yaml.org,2002:"
_STR_TAG = _CORE + "str"
_INT_TAG = _CORE + "int"
_FLOAT_TAG = _CORE + "float"
_BOOL_TAG = _CORE + "bool"
_NULL_TAG = _CORE + "null"
_SEQ_TAG = _CORE + "seq"
_MAP_TAG = _CORE + "map"
_MERGE_TAG = _CORE + "merge"
_SCALAR_TAGS = frozenset({_STR_TAG, _INT_TAG, _FLOAT_TAG, _BOOL_TAG, _NULL_TAG})

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_NULL_RE = re.compile(r"(?:~|null|Null|NULL|)\Z")
_BOOL_RE = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_INT_RE = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_FLOAT_RE = re.compile(
    r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)\Z"
)
_MERGE_RE = re.compile(r"<<\Z")

# Characters YAML forbids in a stream (same set PyYAML's reader rejects).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _install_core_schema(loader_class: type[yaml.BaseResolver]) -> None:
    """Replace the YAML 1.1 implicit resolvers of ``loader_class`` by the 1.2 core ones."""
    loader_class.yaml_implicit_resolvers = {}
    # Order matters: the first matching resolver wins, and "12" also matches float.
    loader_class.add_implicit_resolver(_NULL_TAG, _NULL_RE, ["~", "n", "N", ""])
    loader_class.add_implicit_resolver(_BOOL_TAG, _BOOL_RE, list("tTfF"))
    loader_class.add_implicit_resolver(_INT_TAG, _INT_RE, list("-+0123456789"))
    loader_class.add_implicit_resolver(_FLOAT_TAG, _FLOAT_RE, list("-+.0123456789"))
    loader_class.add_implicit_resolver(_MERGE_TAG, _MERGE_RE, ["<"])


class _PyCoreLoader(yaml.SafeLoader):
    """Pure-Python safe loader with core-schema resolution (we only use its parser)."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, re.Pattern[str]]]]] = {}


_install_core_schema(_PyCoreLoader)

_LOADER_CLASS: type[Any] = _PyCoreLoader
if hasattr(yaml, "CSafeLoader"):

    class _CCoreLoader(yaml.CSafeLoader):
        """libyaml-backed safe loader with core-schema resolution (much faster)."""

        yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, re.Pattern[str]]]]] = {}

    _install_core_schema(_CCoreLoader)
    _LOADER_CLASS = _CCoreLoader


@dataclass(frozen=True)
class LoadedYaml:
    """A parsed rules file: plain data plus where every part of it was written.

    ``marks[path]`` is the 1-based ``(line, column)`` of the value at ``path``;
    ``key_marks[path]`` is where the *key* of a mapping entry was written (so "unknown
    field" errors can point at the key).  Paths are tuples of mapping keys and list
    positions, e.g. ``("cards", 3, "effects", 0)``; ``()`` is the document root.
    Content reached through an alias is positioned where the anchored block is
    written, except the aliased value itself, which is positioned at the ``*alias``.
    """

    data: Any
    file: str
    marks: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Sequence[PathElement]) -> tuple[int, int]:
        """Best known position for ``path``: its own, else its nearest ancestor's, else 1:1."""
        current = tuple(path)
        while True:
            try:
                found = self.marks.get(current)
            except TypeError:  # unhashable step in a caller-supplied path
                found = None
            if found is not None:
                return found
            if not current:
                return (1, 1)
            current = current[:-1]

    def key_position(self, path: Sequence[PathElement]) -> tuple[int, int]:
        """Position of the key that introduces ``path``; falls back to :meth:`position`."""
        try:
            found = self.key_marks.get(tuple(path))
        except TypeError:
            found = None
        return found if found is not None else self.position(path)

    def diagnostic(
        self,
        path: Sequence[PathElement],
        message: str,
        *,
        hint: str | None = None,
        at_key: bool = False,
        severity: str = "error",
    ) -> Diagnostic:
        """A Diagnostic positioned at ``path`` in this file (at its key if ``at_key``)."""
        line, column = self.key_position(path) if at_key else self.position(path)
        return Diagnostic(self.file, line, column, tuple(path), message, hint, severity)


# --------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------


def load_yaml_file(
    path: Path | str,
    *,
    display_name: str | None = None,
    allow_empty: bool = False,
    max_bytes: int | None = None,
) -> LoadedYaml:
    """Read and parse one rules file; raise RulesFileError (never a traceback) if refused.

    ``display_name`` is how the file is named in diagnostics (for example
    ``rules/cards/events.yaml``); by default the path as given.  I/O problems (missing
    file, permissions) are reported as RulesFileError too.
    """
    file = display_name if display_name is not None else Path(path).as_posix()
    raw = read_yaml_bytes(path, file=file, max_bytes=max_bytes)
    return load_yaml_bytes(raw, file=file, allow_empty=allow_empty)


def read_yaml_bytes(path: Path | str, *, file: str, max_bytes: int | None = None) -> bytes:
    """The bytes of a rules file, its size checked before anything is read (a huge file is
    refused without reading it, also not for a hash); raise RulesFileError if refused."""
    file_path = Path(path)
    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        size = file_path.stat().st_size
        if size > limit:
            _refuse_size(file, size, limit)
        with file_path.open("rb") as handle:
            raw = handle.read(limit + 1)  # bounded even if the file grew meanwhile
    except OSError as exc:
        reason = exc.strerror or str(exc)
        _refuse(Diagnostic(file, 1, 1, (), f"cannot read file: {reason}"))
    if len(raw) > limit:
        _refuse_size(file, len(raw), limit, at_least=True)
    return raw


def load_yaml_bytes(raw: bytes, *, file: str, allow_empty: bool = False) -> LoadedYaml:
    """Parse the bytes of a rules file (read with :func:`read_yaml_bytes`)."""
    return _load(_decode(raw, file), file, allow_empty=allow_empty)


def load_yaml_text(
    text: str,
    *,
    file: str,
    allow_empty: bool = False,
    max_bytes: int | None = None,
) -> LoadedYaml:
    """Parse YAML held in a string (tests, editor buffers), with the same checks."""
    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes
    if len(text) > 4 * limit:  # surely too large (a character is at most 4 bytes)
        _refuse_size(file, len(text), limit, at_least=True)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        _refuse_size(file, size, limit)
    return _load(text.removeprefix("\ufeff"), file, allow_empty=allow_empty)


# --------------------------------------------------------------------------------------
# File-level checks
# --------------------------------------------------------------------------------------


def _refuse(*diagnostics: Diagnostic) -> NoReturn:
    raise RulesFileError(diagnostics)


def _format_size(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MiB" if count >= 1024 * 1024 else f"{count} bytes"


def _refuse_size(file: str, size: int, limit: int, *, at_least: bool = False) -> NoReturn:
    shown = ("more than " if at_least else "") + _format_size(limit if at_least else size)
    _refuse(
        Diagnostic(
            file,
            1,
            1,
            (),
            f"file is too large ({shown}; the limit is {_format_size(limit)})",
            hint="split it into several smaller files",
        )
    )


_UTF16_32_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def _decode(raw: bytes, file: str) -> str:
    """UTF-8 bytes to text; anything else is refused with the offending position."""
    for bom, name in _UTF16_32_BOMS:
        if raw.startswith(bom):
            _refuse(
                Diagnostic(
                    file,
                    1,
                    1,
                    (),
                    f"file is encoded as {name}, not UTF-8",
                    hint="save the file with UTF-8 encoding",
                )
            )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        _refuse(
            Diagnostic(
                file,
                line,
                column,
                (),
                f"file is not valid UTF-8 text (byte 0x{raw[exc.start]:02X})",
                hint="save the file with UTF-8 encoding",
            )
        )
    return text.removeprefix("\ufeff")


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line/column of a character index (lines end at '\\n')."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _load(text: str, file: str, *, allow_empty: bool) -> LoadedYaml:
    """Parse already size-checked, decoded text (shared by the two entry points)."""
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        line, column = _line_column(text, bad.start())
        _refuse(
            Diagnostic(
                file,
                line,
                column,
                (),
                f"control character U+{ord(bad.group()):04X} is not allowed in YAML",
                hint="delete it (it is invisible in most editors; copy-paste often brings it)",
            )
        )

    loader = _LOADER_CLASS(text)
    composer = _Composer(loader, file)
    try:
        root = composer.compose()
    except _Refused as refused:
        _refuse(*composer.diagnostics, refused.diagnostic)
    except yaml.MarkedYAMLError as exc:
        _refuse(*composer.diagnostics, _syntax_diagnostic(exc, text, file, composer.path()))
    except yaml.YAMLError as exc:
        _refuse(*composer.diagnostics, Diagnostic(file, 1, 1, (), f"cannot read YAML: {exc}"))
    finally:
        loader.dispose()
    if composer.diagnostics:
        _refuse(*composer.diagnostics)

    if root is None or (root.kind == "scalar" and root.value is None):
        if not allow_empty:
            hint = None
            if text.strip():
                hint = "the file contains only comments or an empty document"
            _refuse(Diagnostic(file, 1, 1, (), "file is empty", hint=hint))
        if root is None:
            return LoadedYaml(None, file, {}, {})

    marks: dict[YamlPath, tuple[int, int]] = {}
    key_marks: dict[YamlPath, tuple[int, int]] = {}
    data = _materialize(root, (), marks, key_marks)
    return LoadedYaml(data, file, marks, key_marks)


# --------------------------------------------------------------------------------------
# Syntax errors
# --------------------------------------------------------------------------------------

_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "a ': ' inside a value starts a new key; put the value in quotes",
    ),
    ("could not find expected ':'", "a line is missing its ':' or is indented wrongly"),
    ("did not find expected key", "check the indentation of this line and the one above"),
    ("expected <block end>", "check the indentation of this line and the one above"),
    ("did not find expected '-'", "check the indentation of this list"),
    ("unexpected end of stream", "a quote or bracket is not closed"),
    ("found unexpected end", "a quote or bracket is not closed"),
    ("did not find expected ',' or ']'", "a '[' list is not closed or misses a ','"),
    ("did not find expected ',' or '}'", "a '{' mapping is not closed or misses a ','"),
)


def _syntax_diagnostic(
    exc: yaml.MarkedYAMLError, text: str, file: str, path: YamlPath
) -> Diagnostic:
    """Convert PyYAML's scanner/parser error into a Diagnostic at the reported spot."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    hint: str | None = None
    lines = text.split("\n")
    if 1 <= line <= len(lines) and "\t" in lines[line - 1][: max(column, 1)]:
        hint = "YAML indentation must use spaces, not tabs"
    if hint is None:
        hint = next((h for needle, h in _SYNTAX_HINTS if needle in problem), None)
    if hint is None and exc.context and exc.context_mark is not None and mark is not None:
        hint = f"{exc.context.strip()} at line {exc.context_mark.line + 1}"
    return Diagnostic(file, line, column, path, f"syntax error: {problem}", hint=hint)


# --------------------------------------------------------------------------------------
# Composition from parser events
# --------------------------------------------------------------------------------------


class _Refused(Exception):
    """Internal: stop composing at once (alias bomb, nesting, several documents)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass(eq=False, slots=True)
class _Node:
    """A composed scalar, sequence or mapping with its 1-based position."""

    kind: str  # "scalar" | "seq" | "map"
    line: int
    column: int
    value: Any = None  # scalar: Python value; seq: list of children; map: list of pairs
    is_merge_key: bool = False
    size: int = 1  # nodes after alias expansion, including itself
    height: int = 0  # nested collections below and including itself
    open: bool = True
    entries: dict[Any, _Entry] | None = None  # map: effective entries, set when closed


@dataclass(eq=False, slots=True)
class _Alias:
    """A use of ``*name``: the anchored node plus where the alias was written."""

    target: _Node
    line: int
    column: int


_Child = _Node | _Alias


@dataclass(frozen=True, slots=True)
class _Entry:
    """One effective mapping entry: where its key is written and its value."""

    key_line: int
    key_column: int
    value: _Child


@dataclass(slots=True)
class _Frame:
    node: _Node
    path: YamlPath
    pending_key: _Child | None = None


def _target(child: _Child) -> _Node:
    return child.target if isinstance(child, _Alias) else child


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _show_key(key: object) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _construct_scalar(tag: str, text: str) -> tuple[bool, Any]:
    """Core-schema value of a scalar; (False, None) if the text does not fit the tag."""
    if tag == _STR_TAG:
        return True, text
    if tag == _NULL_TAG:
        return (True, None) if _NULL_RE.match(text) else (False, None)
    if tag == _BOOL_TAG:
        lowered = text.lower()
        return (True, lowered == "true") if lowered in ("true", "false") else (False, None)
    if tag == _INT_TAG:
        body = text.strip()
        sign = -1 if body.startswith("-") else 1
        digits = body.lstrip("+-") if body[:1] in "+-" else body
        try:
            if digits.startswith(("0o", "0O")):
                return True, sign * int(digits[2:], 8)
            if digits.startswith(("0x", "0X")):
                return True, sign * int(digits[2:], 16)
            if digits.isascii() and digits.isdigit():
                return True, sign * int(digits)
        except ValueError:
            pass
        return False, None
    if tag == _FLOAT_TAG:
        body = text.strip()
        lowered = body.lower()
        if lowered in (".inf", "+.inf"):
            return True, float("inf")
        if lowered == "-.inf":
            return True, float("-inf")
        if lowered == ".nan":
            return True, float("nan")
        if _FLOAT_RE.match(body):
            return True, float(body)
        ok, whole = _construct_scalar(_INT_TAG, body)  # !!float 0x10
        return (True, float(whole)) if ok else (False, None)
    return False, None


class _Composer:
    """Builds :class:`_Node` trees from parser events, checking as it goes.

    Recoverable problems (a forbidden tag, a duplicate key) are collected so a
    designer sees all of them at once; problems that could make us spend unbounded
    time or memory raise :class:`_Refused` immediately.
    """

    def __init__(self, loader: Any, file: str) -> None:
        self.loader = loader
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.anchors: dict[str, _Node] = {}
        self.alias_nodes = 0
        self.stack: list[_Frame] = []
        self.here: YamlPath = ()  # path of the node being composed, for diagnostics
        self._seen: set[tuple[int, int, str]] = set()

    # -- reporting ---------------------------------------------------------------------

    def path(self) -> YamlPath:
        """Path of the innermost open container (used to place syntax errors)."""
        return self.stack[-1].path if self.stack else ()

    def _report(
        self,
        line: int,
        column: int,
        message: str,
        hint: str | None = None,
        path: YamlPath | None = None,
    ) -> None:
        key = (line, column, message)
        if key not in self._seen:
            self._seen.add(key)
            where = self.here if path is None else path
            self.diagnostics.append(Diagnostic(self.file, line, column, where, message, hint))

    def _fatal(self, line: int, column: int, message: str, hint: str | None = None) -> NoReturn:
        raise _Refused(Diagnostic(self.file, line, column, self.here, message, hint))

    # -- driving -----------------------------------------------------------------------

    def compose(self) -> _Node | None:
        """Compose the single document of the stream; None if there is none."""
        loader = self.loader
        loader.get_event()  # StreamStartEvent
        if loader.check_event(yaml.StreamEndEvent):
            loader.get_event()
            return None
        loader.get_event()  # DocumentStartEvent
        root = self._compose_tree()
        loader.get_event()  # DocumentEndEvent
        if loader.check_event(yaml.DocumentStartEvent):
            mark = loader.peek_event().start_mark
            self.stack.clear()
            self.here = ()
            self._fatal(
                mark.line + 1,
                mark.column + 1,
                "file contains more than one YAML document",
                hint="remove the extra '---' line or split the file",
            )
        loader.get_event()  # StreamEndEvent
        return root

    def _compose_tree(self) -> _Node:
        loader = self.loader
        while True:
            event = loader.get_event()
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            child: _Child
            self.here = self._next_path()
            if isinstance(event, yaml.AliasEvent):
                child = self._alias(event.anchor, line, column)
            elif isinstance(event, yaml.ScalarEvent):
                child = self._scalar(event, line, column)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                child = self._start_collection(event, line, column)
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                frame = self.stack.pop()
                self._finish(frame)
                if not self.stack:
                    return frame.node
                continue
            else:  # pragma: no cover - the parser guarantees well-formed event order
                self._fatal(line, column, f"unexpected YAML event {type(event).__name__}")
            self._attach(child)
            if isinstance(child, _Node) and child.kind != "scalar":
                self.stack.append(_Frame(child, self.here))
            elif not self.stack:
                return _target(child)

    def _next_path(self) -> YamlPath:
        """Path the next node will have (a mapping key is placed at its mapping)."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        parent = frame.node
        if parent.kind == "seq":
            return (*frame.path, len(parent.value))
        if frame.pending_key is None:
            return frame.path
        key_node = _target(frame.pending_key)
        return (*frame.path, key_node.value) if key_node.kind == "scalar" else frame.path

    def _attach(self, child: _Child) -> None:
        """Add ``child`` to the innermost open container (nothing to do for the root)."""
        if not self.stack:
            return
        frame = self.stack[-1]
        parent = frame.node
        if parent.kind == "seq":
            parent.value.append(child)
        elif frame.pending_key is None:
            frame.pending_key = child
        else:
            parent.value.append((frame.pending_key, child))
            frame.pending_key = None

    # -- node kinds --------------------------------------------------------------------

    def _register_anchor(self, anchor: str | None, node: _Node) -> None:
        if anchor is None:
            return
        first = self.anchors.get(anchor)
        if first is not None:
            self._report(
                node.line,
                node.column,
                f"anchor '&{anchor}' is defined twice (first at line {first.line})",
                hint="give each anchor a different name",
            )
        self.anchors[anchor] = node

    def _alias(self, name: str, line: int, column: int) -> _Child:
        target = self.anchors.get(name)
        if target is None:
            self._report(
                line,
                column,
                f"alias '*{name}' refers to an undefined anchor",
                hint=f"define it first with '&{name}' on the block to reuse",
            )
            return _Node("scalar", line, column, None, open=False)
        if target.open:
            self._report(
                line,
                column,
                f"alias '*{name}' is used inside the block it refers to",
                hint="recursive structures are not allowed in rules files",
            )
            return _Node("scalar", line, column, None, open=False)
        if len(self.stack) + target.height > MAX_NESTING_DEPTH:
            self._fatal(
                line,
                column,
                f"nesting is too deep (more than {MAX_NESTING_DEPTH} levels "
                "after expanding aliases)",
            )
        self.alias_nodes += target.size
        if self.alias_nodes > MAX_ALIAS_EXPANDED_NODES:
            self._fatal(
                line,
                column,
                f"aliases expand to too many nodes (more than {MAX_ALIAS_EXPANDED_NODES})",
                hint="each '*alias' copies the whole anchored block; write the data out "
                "or use fewer, smaller aliases",
            )
        return _Alias(target, line, column)

    def _forbidden_tag(self, tag: str, line: int, column: int) -> None:
        shown = _show_tag(tag)
        if shown.startswith("!!python/"):
            hint = "Python object tags could run code and are never accepted; remove the tag"
        else:
            hint = "rules files may only contain plain values, lists and mappings; remove the tag"
        self._report(line, column, f"tag '{shown}' is not allowed", hint=hint)

    def _scalar(self, event: yaml.ScalarEvent, line: int, column: int) -> _Node:
        node = _Node("scalar", line, column, open=False)
        tag = event.tag
        explicit = tag is not None
        if tag == "!":  # the non-specific tag makes a scalar a string (YAML spec 6.9.1)
            tag = _STR_TAG
        elif tag is None:
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _MERGE_TAG and not explicit:
            node.value = event.value
            node.is_merge_key = True
        elif tag in _SCALAR_TAGS:
            ok, value = _construct_scalar(tag, event.value)
            if ok:
                node.value = value
            else:
                self._report(line, column, f"'{event.value}' cannot be read as {_show_tag(tag)}")
        elif tag in (_SEQ_TAG, _MAP_TAG):
            kind = "a list" if tag == _SEQ_TAG else "a mapping"
            self._report(line, column, f"tag '{_show_tag(tag)}' needs {kind}, not a value")
        else:
            self._forbidden_tag(tag, line, column)
        self._register_anchor(event.anchor, node)
        return node

    def _start_collection(
        self, event: yaml.SequenceStartEvent | yaml.MappingStartEvent, line: int, column: int
    ) -> _Node:
        if len(self.stack) >= MAX_NESTING_DEPTH:
            self._fatal(line, column, f"nesting is too deep (more than {MAX_NESTING_DEPTH} levels)")
        is_seq = isinstance(event, yaml.SequenceStartEvent)
        expected = _SEQ_TAG if is_seq else _MAP_TAG
        tag = event.tag
        if tag not in (None, "!", expected):
            if tag in _SCALAR_TAGS or tag in (_SEQ_TAG, _MAP_TAG):
                kind = "a list" if is_seq else "a mapping"
                self._report(line, column, f"tag '{_show_tag(tag)}' cannot be used on {kind}")
            else:
                self._forbidden_tag(tag, line, column)
        node = _Node("seq" if is_seq else "map", line, column, [])
        self._register_anchor(event.anchor, node)
        return node

    def _finish(self, frame: _Frame) -> None:
        """Close a collection: compute its expanded size/height; check mapping keys."""
        node = frame.node
        node.open = False
        children: list[_Child] = (
            list(node.value) if node.kind == "seq" else [c for pair in node.value for c in pair]
        )
        node.size = 1 + sum(_target(c).size for c in children)
        node.height = 1 + max((_target(c).height for c in children), default=0)
        if node.kind == "map":
            node.entries = self._mapping_entries(node, frame.path)
            node.value = None  # pairs are no longer needed

    def _mapping_entries(self, node: _Node, path: YamlPath) -> dict[Any, _Entry]:
        explicit: dict[Any, _Entry] = {}
        merge_sources: list[_Node] = []
        merge_line: int | None = None
        for key_child, value_child in node.value:
            key_node = _target(key_child)
            if key_node.kind != "scalar":
                kind = "list" if key_node.kind == "seq" else "mapping"
                self._report(
                    key_child.line,
                    key_child.column,
                    f"a mapping key must be a single value, not a {kind}",
                    path=path,
                )
                continue
            if key_node.is_merge_key:
                if merge_line is not None:
                    self._report(
                        key_child.line,
                        key_child.column,
                        f"duplicate key '<<' (first defined at line {merge_line})",
                        path=path,
                    )
                    continue
                merge_line = key_child.line
                merge_sources.extend(self._merge_sources(value_child, path))
                continue
            key = key_node.value
            first = explicit.get(key)
            if first is not None:
                self._report(
                    key_child.line,
                    key_child.column,
                    f"duplicate key '{_show_key(key)}' (first defined at line {first.key_line})",
                    hint="YAML would silently keep only the last one; remove or rename one",
                    path=(*path, key),
                )
                continue
            explicit[key] = _Entry(key_child.line, key_child.column, value_child)
        if not merge_sources:
            return explicit
        # Merge keys: explicit entries win; among merged mappings, earlier ones win.
        entries: dict[Any, _Entry] = {}
        for source in merge_sources:
            for key, entry in (source.entries or {}).items():
                entries.setdefault(key, entry)
        entries.update(explicit)
        return entries

    def _merge_sources(self, value: _Child, path: YamlPath) -> list[_Node]:
        target = _target(value)
        if target.kind == "map":
            return [target]
        if target.kind == "seq":
            sources = [_target(item) for item in target.value]
            if all(source.kind == "map" for source in sources):
                return sources
        self._report(
            value.line,
            value.column,
            "'<<' (merge) needs a mapping or a list of mappings, such as '<<: *defaults'",
            path=path,
        )
        return []


def _materialize(
    child: _Child,
    path: YamlPath,
    marks: dict[YamlPath, tuple[int, int]],
    key_marks: dict[YamlPath, tuple[int, int]],
) -> Any:
    """Plain Python data for ``child``, recording positions of every path.

    Aliased blocks are copied, not shared, so callers may mutate the data freely; the
    composer has already bounded how much copying aliases can cause, and how deep
    this recursion can go.
    """
    marks[path] = (child.line, child.column)
    node = _target(child)
    if node.kind == "scalar":
        return node.value
    if node.kind == "seq":
        return [
            _materialize(item, (*path, index), marks, key_marks)
            for index, item in enumerate(node.value)
        ]
    result: dict[Any, Any] = {}
    for key, entry in (node.entries or {}).items():
        entry_path = (*path, key)
        key_marks[entry_path] = (entry.key_line, entry.key_column)
        result[key] = _materialize(entry.value, entry_path, marks, key_marks)
    return result
