"""The code's layout rules, checked on the code itself.

1. Importing any module of `bot` outside `bot/rasa/` loads neither Rasa nor the Rasa SDK:
   the knowledge base, the console and the tools start without them.
2. No module outside `bot/rasa/` imports Rasa, read from the source (imports inside
   functions included). `actions/` may import the Rasa SDK, which is what it is for, but
   not Rasa itself; the rest of `bot/` imports neither.
3. There are no import cycles among the modules of `bot/` and `actions/`.
4. Each piece of `bot/rasa/` that relies on Rasa's internals refuses another Rasa version,
   naming itself, instead of misbehaving later.
5. No module binds a top-level name twice: the second would silently replace the first.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx
import pytest
import rasa

from bot.rasa import SUPPORTED_RASA_VERSION, UnsupportedRasaVersion
from bot.settings import PROJECT_ROOT

PACKAGES = ("bot", "actions")
RASA_PACKAGE = "bot.rasa"
RASA, SDK = "rasa", "rasa_sdk"
OTHER_VERSION = "3.7.0"


# --- the modules and their imports, from the source ---------------------------------------------


def module_name(path: Path) -> str:
    """bot/kb/queries.py -> bot.kb.queries; a package's __init__.py is the package."""
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _in_a_package(path: Path) -> bool:
    """A file Python can import by a dotted name: every folder down to it is a package. Others,
    such as Alembic's migration scripts (bot/db/migrations/), are run by their tool, not imported."""
    folder = path.parent
    while folder != PROJECT_ROOT:
        if not (folder / "__init__.py").exists():
            return False
        folder = folder.parent
    return True


@cache
def source_files() -> dict[str, Path]:
    """Every Python file of the packages, by dotted name (scripts outside a package included)."""
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
        if "__pycache__" not in path.parts
    }


@cache
def modules() -> dict[str, Path]:
    """Every importable module of the packages, by dotted name."""
    return {name: path for name, path in source_files().items() if _in_a_package(path)}


def in_rasa_package(name: str) -> bool:
    """Inside bot/rasa/, the one place that may import Rasa."""
    return name == RASA_PACKAGE or name.startswith(RASA_PACKAGE + ".")


@dataclass(frozen=True)
class Import:
    target: str  # the dotted name as written (relative imports resolved)
    names: tuple[str, ...]  # `from target import names`; empty for `import target`
    line: int


def _type_checking_only(tree: ast.Module) -> set[int]:
    """ids of import nodes under `if TYPE_CHECKING:`: never run, so not a real dependency."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return skipped


def imports_in(source: str, name: str, is_package: bool = False) -> tuple[Import, ...]:
    """Every import statement of a module's source, wherever it stands (module level, functions,
    classes), plus `importlib.import_module("...")` with a literal name; relative ones resolved."""
    tree = ast.parse(source)
    package = name if is_package else name.rpartition(".")[0]
    skipped = _type_checking_only(tree)
    found: list[Import] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, (), node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.append(Import(target, tuple(alias.name for alias in node.names), node.lineno))
        elif (
            isinstance(node, ast.Call)
            and ast.unparse(node.func) in ("importlib.import_module", "import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(Import(node.args[0].value, (), node.lineno))
    return tuple(found)


@cache
def imports_of(name: str) -> tuple[Import, ...]:
    """The imports of one file of the packages, read once per session."""
    path = source_files()[name]
    return imports_in(path.read_text(), name, is_package=path.name == "__init__.py")


def top_level(target: str) -> str:
    """The distribution an import comes from: rasa.core.agent -> rasa."""
    return target.split(".")[0]


def project_targets(imp: Import) -> set[str]:
    """The project modules an import statement makes Python run: `from a.b import c` is a.b.c
    when that is a module, else a.b; `import a.b.c` is the longest prefix that is a module."""
    known = modules()
    found = {f"{imp.target}.{n}" for n in imp.names if f"{imp.target}.{n}" in known}
    if len(found) < len(imp.names) or not imp.names:
        parts = imp.target.split(".")
        for end in range(len(parts), 0, -1):
            if ".".join(parts[:end]) in known:
                found.add(".".join(parts[:end]))
                break
    return found


# --- 1. importing bot outside bot/rasa/ loads no Rasa ---------------------------------------------

#: Run in a fresh interpreter: import the modules in turn and, after each, look for Rasa or
#: the SDK in sys.modules. Stops at the first module that brought one in, reporting the chain
#: of project files that led there; what was imported before it is known to be clean.
_IMPORT_EACH = r"""
import importlib, json, sys, traceback
root, names, watched = sys.argv[1], json.loads(sys.argv[2]), set(json.loads(sys.argv[3]))
chain = []

class Watch:
    def find_spec(self, fullname, path=None, target=None):
        if fullname in watched and not chain:
            chain.extend(
                f"{f.filename[len(root) + 1:]}:{f.lineno}"
                for f in traceback.extract_stack()
                if f.filename.startswith((root + "/bot/", root + "/actions/"))
            )
        return None

sys.meta_path.insert(0, Watch())
report = {}
for name in names:
    importlib.import_module(name)
    loaded = sorted(watched & set(sys.modules))
    report[name] = {"loaded": loaded, "via": chain}
    if loaded:
        break
print(json.dumps(report))
"""


def _outside_rasa_package() -> list[str]:
    """The modules of bot/ outside bot/rasa/, less the `__main__` ones: those are programs, which
    importing would run (`python -m bot.db` has no `if __name__` guard); rule 2 reads their imports."""
    return [
        name
        for name in modules()
        if top_level(name) == "bot" and not in_rasa_package(name) and not name.endswith(".__main__")
    ]


@pytest.fixture(scope="module")
def loaded_by_import() -> dict[str, dict]:
    """What importing each module loaded: one fresh interpreter for all of them while they are
    clean, and a new one after each module that loads Rasa, so every module is judged alone."""
    report: dict[str, dict] = {}
    while remaining := [name for name in _outside_rasa_package() if name not in report]:
        done = subprocess.run(
            [sys.executable, "-c", _IMPORT_EACH, str(PROJECT_ROOT), json.dumps(remaining), json.dumps([RASA, SDK])],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        report.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return report


@pytest.mark.parametrize("name", _outside_rasa_package())
def test_importing_a_module_outside_bot_rasa_loads_no_rasa(loaded_by_import: dict[str, dict], name: str) -> None:
    found = loaded_by_import[name]
    assert found["loaded"] == [], f"importing {name} loads {', '.join(found['loaded'])} via " + " -> ".join(
        found["via"]
    )


def test_the_walk_covers_the_packages() -> None:
    """The module list the checks use is the code base, not an empty or partial one."""
    names = set(_outside_rasa_package())
    assert {"bot", "bot.settings", "bot.kb.queries", "bot.console.app", "bot.tools.launch"} <= names
    assert not any(in_rasa_package(n) for n in names)
    assert {"actions.actions", "bot.rasa.lock_store", "bot.rasa.channels.rest"} <= set(modules())
    assert "bot.db.migrations.env" in set(source_files()) - set(modules())  # Alembic's script: read, not imported


# --- 2. no Rasa imports outside bot/rasa/, read from the source ------------------------------------


def allowed_rasa_packages(name: str) -> set[str]:
    """What a module may import of Rasa: bot/rasa/ anything, actions/ only the SDK, the rest nothing."""
    if in_rasa_package(name):
        return {RASA, SDK}
    if top_level(name) == "actions":
        return {SDK}
    return set()


def test_no_module_outside_bot_rasa_imports_rasa() -> None:
    offences = [
        f"{source_files()[name].relative_to(PROJECT_ROOT)}:{imp.line} imports {imp.target}"
        for name in source_files()
        for imp in imports_of(name)
        if top_level(imp.target) in {RASA, SDK} - allowed_rasa_packages(name)
    ]
    assert offences == [], "Rasa is imported outside bot/rasa/:\n" + "\n".join(offences)


def test_the_source_check_reads_every_kind_of_import() -> None:
    source = """
from typing import TYPE_CHECKING
import importlib
import rasa.core.agent
from . import compare
from ..kb import queries
if TYPE_CHECKING:
    from rasa_sdk import Tracker

def later():
    from rasa.core.channels import console
    return importlib.import_module("rasa_sdk.executor")
"""
    found = {(imp.target, imp.names) for imp in imports_in(source, "bot.answers.reply")}
    assert {
        ("rasa.core.agent", ()),
        ("bot.answers", ("compare",)),  # relative, one level up and two
        ("bot.kb", ("queries",)),
        ("rasa.core.channels", ("console",)),  # inside a function
        ("rasa_sdk.executor", ()),  # by name
    } <= found
    assert ("rasa_sdk", ("Tracker",)) not in found  # for the type checker only: never runs
    assert project_targets(Import("bot.kb", ("queries",), 1)) == {"bot.kb.queries"}
    # and in the code itself: the terminal chat loads Rasa's console client only when it runs
    assert "rasa.core.channels.console" in {imp.target for imp in imports_of("bot.rasa.chat")}


# --- 3. no import cycles --------------------------------------------------------------------------


@cache
def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(modules())
    for name in modules():
        for imp in imports_of(name):
            graph.add_edges_from((name, target) for target in project_targets(imp) if target != name)
    return graph


def cycles() -> list[frozenset[str]]:
    """Groups of modules that import each other, directly or round a loop."""
    return [frozenset(group) for group in nx.strongly_connected_components(import_graph()) if len(group) > 1]


def describe(group: frozenset[str]) -> str:
    loop = nx.find_cycle(import_graph().subgraph(group))
    return " -> ".join([a for a, _ in loop] + [loop[0][0]])


def test_the_graph_has_the_imports_we_know() -> None:
    graph = import_graph()
    assert graph.has_edge("actions.actions", "bot.answers.reply")
    assert graph.has_edge("actions.roadmap", "actions.services")  # `from actions import services`
    assert graph.has_edge("bot.rasa.channels.rest", "bot.rasa.channels.guard")
    assert graph.has_edge("bot.console.app", "bot.console.auth")  # `from bot.console import auth, ...`


def test_no_import_cycles() -> None:
    found = [describe(group) for group in cycles()]
    assert found == [], "import cycles:\n" + "\n".join(found)


# --- 4. another Rasa version is refused by each piece that relies on its internals ----------------

#: Module -> words of the name it gives itself in the error. These check the version when imported.
CHECKED_ON_IMPORT = {
    "bot.rasa.tracker_store": "cached SQL tracker store",
    "bot.rasa.lock_store": "atomic Redis lock store",
    "bot.rasa.channels.guard": "channel guard",
    "bot.rasa.channels.rest": "REST connector",
    "bot.rasa.channels.slack": "Slack connector",
    "bot.rasa.channels.telegram": "Telegram connector",
    "bot.rasa.channels.socketio": "Socket.IO connector",
    "bot.rasa.channels.held": "held conversations",
    "bot.rasa.channels.advisor": "advisor relay",
}


def refusal(piece: str) -> str:
    """The error's words: the piece, the version it was written for and the one found."""
    return f"{re.escape(piece)}.*relies on Rasa {re.escape(SUPPORTED_RASA_VERSION)}'s internals, found Rasa {re.escape(OTHER_VERSION)}"


@pytest.mark.parametrize("name, piece", sorted(CHECKED_ON_IMPORT.items()))
def test_a_piece_refuses_another_rasa_version_when_imported(
    monkeypatch: pytest.MonkeyPatch, name: str, piece: str
) -> None:
    importlib.import_module(name)  # the installed version is accepted ...
    monkeypatch.setattr(rasa, "__version__", OTHER_VERSION)
    monkeypatch.delitem(sys.modules, name)  # ... and a fresh import (the module is put back afterwards) is not
    with pytest.raises(UnsupportedRasaVersion, match=refusal(piece)):
        importlib.import_module(name)


def test_the_terminal_chat_refuses_another_rasa_version(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.rasa.chat import chat

    monkeypatch.setattr(rasa, "__version__", OTHER_VERSION)
    with pytest.raises(UnsupportedRasaVersion, match=refusal("terminal chat")):
        chat("http://127.0.0.1:9", "nobody")


def test_the_speedups_refuse_another_rasa_version(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.rasa import speedups

    monkeypatch.setattr(rasa, "__version__", OTHER_VERSION)
    with pytest.raises(UnsupportedRasaVersion, match=refusal("speedups")):
        speedups.apply()


def test_the_offload_refuses_another_rasa_version(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.rasa import offload

    monkeypatch.setattr(rasa, "__version__", OTHER_VERSION)
    with pytest.raises(UnsupportedRasaVersion, match=refusal("offload")):
        offload.apply()


def test_the_hardening_refuses_another_rasa_version(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.rasa import hardening

    monkeypatch.setattr(rasa, "__version__", OTHER_VERSION)
    with pytest.raises(UnsupportedRasaVersion, match=refusal("hardening")):
        hardening.apply()


def test_the_story_reading_refuses_another_rasa_version(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.rasa import story_reading

    monkeypatch.setattr(rasa, "__version__", OTHER_VERSION)
    with pytest.raises(UnsupportedRasaVersion, match=refusal("story_reading")):
        story_reading.apply()


def test_every_piece_that_checks_the_version_is_tested_here() -> None:
    """A new module of bot/rasa/ that calls require_supported must be added above."""
    checking = {
        name
        for name, path in modules().items()
        if in_rasa_package(name) and name != RASA_PACKAGE and "require_supported(" in path.read_text()
    }
    assert checking == set(CHECKED_ON_IMPORT) | {
        "bot.rasa.chat",
        "bot.rasa.speedups",
        "bot.rasa.offload",
        "bot.rasa.story_reading",
        "bot.rasa.hardening",
    }


# --- 5. no module binds a top-level name twice ---------------------------------------------------


def bound_twice(source: str) -> list[tuple[str, int]]:
    """Top-level names a module binds a second time (a constant, a function or a class), with the line
    of the second binding. A second `NAME = ...` further down silently replaces the first for every
    use, including the uses above it, and neither the linter nor the type checker says so."""
    seen: set[str] = set()
    twice: list[tuple[str, int]] = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            names = [target.id for target in node.targets if isinstance(target, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names = [node.target.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        else:
            continue
        twice += [(name, node.lineno) for name in names if name in seen]
        seen.update(names)
    return twice


def test_the_check_finds_a_constant_bound_twice() -> None:
    source = 'import re\nPRICE = re.compile("a")\ndef f():\n    return PRICE\nX: int = 1\nPRICE = re.compile("b")\n'
    assert bound_twice(source) == [("PRICE", 6)]
    assert bound_twice("A = 1\nB = 2\ndef a():\n    A = 3\n") == []


def test_no_module_binds_a_top_level_name_twice() -> None:
    offences = [
        f"{path.relative_to(PROJECT_ROOT)}:{line} binds {name} again"
        for path in source_files().values()
        for name, line in bound_twice(path.read_text(encoding="utf-8"))
    ]
    assert offences == [], "A second binding replaces the first everywhere:\n" + "\n".join(offences)
