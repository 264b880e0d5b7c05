"""engtui uses no private Textual API (issue 20): a private name breaks on a Textual minor
release, silently. The one exception, composing a screen off the stack, is alone in
`engtui.screens.navigator.mount_off_stack` and pinned by its own tests.

Read from the source of both: every ``x._name`` in engtui's UI code and every method an
engtui class defines are checked against the private names Textual itself defines (its
methods and attributes that start with one underscore). A name engtui defines for itself
(``self._rows``) is its own, unless a Textual class it derives from uses the same name (an
override of, or a clash with, Textual's internals).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import textwrap
from functools import cache
from pathlib import Path

import textual

import engtui
import engtui.palette
import engtui.screens
import engtui.widgets

ROOT = Path(engtui.__file__).parent
UI_MODULES = ["engtui.app", "engtui.host", "engtui.recent", *(
    f"{package.__name__}.{info.name}"
    for package in (engtui.screens, engtui.widgets, engtui.palette)
    for info in pkgutil.iter_modules(package.__path__)
)]


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@cache
def textual_private_names() -> frozenset[str]:
    """Every private method and attribute name Textual defines, in any module."""
    names: set[str] = set()
    for path in Path(textual.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and private(node.name):
                names.add(node.name)
            elif (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                    and private(node.attr)):
                names.add(node.attr)
    return frozenset(names)


def names_defined_by(tree: ast.AST) -> set[str]:
    """What a module defines for itself: its functions and methods, and the attributes it
    assigns."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return names


def textual_source_of(cls: type) -> str:
    """The source of the Textual classes ``cls`` derives from."""
    return "\n".join(source_of(base) for base in cls.__mro__
                     if base.__module__.split(".")[0] == "textual")


@cache
def source_of(cls: type) -> str:
    """``inspect.getsource(cls)``, once a class: it parses the class's whole module, and
    most engtui classes derive from the same few Textual ones."""
    return inspect.getsource(cls)


# The one use that has no public equivalent, alone in its function and pinned by
# tests/app/test_mount_off_stack.py: composing a screen off the stack (App._register).
ALLOWED = {"engtui.screens.navigator.mount_off_stack: ._register"}


def private_reads(tree: ast.AST, own: set[str]) -> list[tuple[str, ast.Attribute]]:
    """(enclosing function, node) of every read of a private Textual name in ``tree``."""
    found = []
    functions = [node for node in ast.walk(tree)
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and private(node.attr)
                and node.attr in textual_private_names() and node.attr not in own):
            inside = [f.name for f in functions
                      if f.lineno <= node.lineno <= (f.end_lineno or f.lineno)]
            found.append((inside[-1] if inside else "", node))
    return found


def test_engtui_reads_no_private_textual_name() -> None:
    """``focused._bindings``, ``tree._tree_lines`` ... are found; ``app._register`` only
    in `mount_off_stack`."""
    found = []
    for name in UI_MODULES:
        module = importlib.import_module(name)
        tree = ast.parse(inspect.getsource(module))
        for function, node in private_reads(tree, names_defined_by(tree)):
            where = f"{name}.{function}: .{node.attr}"
            if where not in ALLOWED:
                found.append(f"{where} (line {node.lineno})")
    assert found == []


def test_no_engtui_class_uses_a_private_name_of_its_textual_bases() -> None:
    """An engtui widget that overrides ``Input._on_key`` or calls ``self._scroll_update``
    (Textual's), or defines a method that happens to share a private Textual name
    (``_add_children``), is found."""
    found = []
    for name in UI_MODULES:
        module = importlib.import_module(name)
        for class_name, cls in vars(module).items():
            if not inspect.isclass(cls) or cls.__module__ != name:
                continue
            textual_source = textual_source_of(cls)
            if not textual_source:
                continue
            source = inspect.getsource(cls)
            used = set(re.findall(r"\bself\.(_[a-z]\w*)", source))
            used |= {node.name for node in ast.walk(ast.parse(textwrap.dedent(source)))
                     if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                     and private(node.name)}
            for attr in sorted(used):
                if re.search(rf"\bdef {attr}\b|\bself\.{attr}\b", textual_source):
                    found.append(f"{name}.{class_name}.{attr}")
    assert found == []
