"""The UI modules import each other in one direction: screens open each other by name.

Read from the source (AST), without importing pygame: the import graph of ``chessboard.ui`` at
run time (``if TYPE_CHECKING:`` blocks are for type checkers only and never run), any import of
a UI module inside a function or class (which is how an import circle gets hidden), and any
screen class imported by a module other than the registry that names them all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import chessboard.ui

UI_DIR = Path(chessboard.ui.__file__).parent
PACKAGE = "chessboard.ui"
REGISTRY = "scenes"  # the one module that imports the screens (chessboard.ui.scenes)
HUB = "app"  # the App, which reaches them through the registry


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _targets(node: ast.Import | ast.ImportFrom, package: str, modules: set[str]) -> list[
        tuple[str, list[str]]]:
    """The package's modules an import statement reads, each with the names it takes."""
    prefix = package + "."
    if isinstance(node, ast.Import):
        return [(a.name[len(prefix):].split(".")[0], []) for a in node.names
                if a.name.startswith(prefix)]
    base = node.module or ""
    if node.level:  # relative: from . import x, from .x import y
        base = f"{package}.{base}" if base else package
    if base == package:  # from chessboard.ui import theme: the submodules named
        return [(a.name, []) for a in node.names if a.name in modules]
    if base.startswith(prefix):
        return [(base[len(prefix):].split(".")[0], [a.name for a in node.names])]
    return []


class ImportMap:
    """Who imports whom at run time in one package, and the imports hidden in functions."""

    def __init__(self, directory: Path, package: str) -> None:
        self.modules = {p.stem for p in directory.glob("*.py") if p.stem != "__init__"}
        self.edges: dict[str, set[str]] = {m: set() for m in self.modules}
        self.names: dict[tuple[str, str], set[str]] = {}  # (importer, imported): names taken
        self.nested: list[str] = []  # "module:line imports x" inside a function or class
        self.trees: dict[str, ast.Module] = {}
        for module in sorted(self.modules):
            tree = ast.parse((directory / f"{module}.py").read_text(encoding="utf-8"))
            self.trees[module] = tree
            self._scan(module, tree.body, package, nested=False)

    def _scan(self, module: str, body: list[ast.stmt], package: str, *, nested: bool) -> None:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target, names in _targets(node, package, self.modules):
                    if nested:
                        self.nested.append(f"{module}.py:{node.lineno} imports {target}")
                    else:
                        self.edges[module].add(target)
                        self.names.setdefault((module, target), set()).update(names)
            elif isinstance(node, ast.If) and not nested and _is_type_checking(node):
                self._scan(module, node.orelse, package, nested=False)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self._scan(module, node.body, package, nested=True)
            else:
                for field in ("body", "orelse", "finalbody", "handlers"):
                    inner = getattr(node, field, None)
                    if isinstance(inner, list):
                        self._scan(module, [n for n in inner if isinstance(n, ast.AST)],
                                   package, nested=nested)

    def cycles(self) -> list[list[str]]:
        """Each import circle found, as the path that closes it (a -> b -> a)."""
        found: list[list[str]] = []
        state: dict[str, int] = {}  # 1 on the current path, 2 done

        def visit(module: str, path: list[str]) -> None:
            state[module] = 1
            for target in sorted(self.edges.get(module, ())):
                if state.get(target) == 1:
                    found.append([*path[path.index(target):], target])
                elif target not in state:
                    visit(target, [*path, target])
            state[module] = 2

        for module in sorted(self.edges):
            if module not in state:
                visit(module, [module])
        return found


def screen_classes(imports: ImportMap) -> dict[str, set[str]]:
    """The screen classes the registry names in ``SCENES``, by the module that defines them."""
    tree = imports.trees[REGISTRY]
    registered: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign | ast.Assign) and isinstance(node.value, ast.Dict):
            registered |= {v.id for v in node.value.values if isinstance(v, ast.Name)}
    by_module: dict[str, set[str]] = {}
    for (importer, target), names in imports.names.items():
        if importer == REGISTRY:
            by_module[target] = names & registered
    return by_module


def test_the_ui_modules_import_each_other_without_a_circle() -> None:
    imports = ImportMap(UI_DIR, PACKAGE)
    assert len(imports.modules) > 20  # the scan saw the package
    assert "scenes" in imports.edges["app"] and "board" in imports.edges["scenes"]
    assert imports.cycles() == []


def test_no_ui_module_is_imported_inside_a_function() -> None:
    assert ImportMap(UI_DIR, PACKAGE).nested == []


def test_only_the_registry_imports_screen_classes() -> None:
    imports = ImportMap(UI_DIR, PACKAGE)
    screens = screen_classes(imports)
    assert {"TitleScene", "BoardScene", "PassScene"} <= set().union(*screens.values())
    wrong = [f"{importer} imports {sorted(names & screens[target])} from {target}"
             for (importer, target), names in imports.names.items()
             if importer != REGISTRY and names & screens.get(target, set())]
    assert wrong == []


def test_the_checks_find_a_circle_a_hidden_import_and_a_screen_imported(tmp_path: Path) -> None:
    """The checks above can fail: a small package with each fault."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from typing import TYPE_CHECKING\nfrom pkg.b import B\n"
                              "if TYPE_CHECKING:\n    from pkg.c import C\n")
    (pkg / "b.py").write_text("from pkg import a\nclass B:\n    pass\n")
    (pkg / "c.py").write_text("import pkg.a\ndef f():\n    from pkg.b import B\n    return B\n")
    (pkg / "d.py").write_text("from pkg.c import f\n")
    imports = ImportMap(pkg, "pkg")
    assert imports.edges == {"a": {"b"}, "b": {"a"}, "c": {"a"}, "d": {"c"}}
    assert imports.cycles() == [["a", "b", "a"]]
    assert imports.nested == ["c.py:3 imports b"]
    assert imports.names[("d", "c")] == {"f"}
