"""No import cycle among the modules of ``extractor/``, and every module imports.

The graph is read from the source (``ast``): every ``import`` and ``from … import`` of
an extractor module, at module level or inside a function (a function-level import
is still a dependency; it only hides a cycle until the function runs). A name
imported from a package counts as its submodule when there is one (``from . import
ocr`` is an edge to ``extractor.load.ocr``). Importing a submodule runs its parent
packages first; that implicit edge is not counted (a package ``__init__`` may re-export
its submodules), nor is an import under ``if TYPE_CHECKING:`` (annotations only).
"""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "extractor"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PKG.rglob("*.py")) if "__pycache__" not in p.parts}


def _resolve(mod: str, is_pkg: bool, level: int, target: str | None) -> str:
    """The absolute name of ``from <level dots><target>`` written in module ``mod``."""
    if level == 0:
        return target or ""
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Every import node of a module, at any depth, except under ``if TYPE_CHECKING:``
    (annotations only: never run)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            todo.extend(node.orelse)
        else:
            todo.extend(ast.iter_child_nodes(node))


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the extractor modules it imports (anywhere in its source)."""
    graph: dict[str, set[str]] = {}
    for mod, path in modules.items():
        is_pkg = path.name == "__init__.py"
        deps: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                src = _resolve(mod, is_pkg, node.level, node.module)
                names = [f"{src}.{a.name}" if f"{src}.{a.name}" in modules else src for a in node.names]
            else:
                continue
            for name in names:
                # ``import a.b.c`` depends on the deepest extractor module it names
                while name and name not in modules:
                    name = name.rpartition(".")[0]
                if name and name != mod:
                    deps.add(name)
        graph[mod] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def test_the_graph_reader_sees_function_level_and_relative_imports(tmp_path):
    """The checker itself: a cycle hidden in a function-level ``from . import`` is found."""
    pkg = tmp_path / "extractor" / "load"
    pkg.mkdir(parents=True)
    (tmp_path / "extractor" / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("from .a import f\n")
    (pkg / "a.py").write_text("def f():\n    from . import b\n    return b\n")
    (pkg / "b.py").write_text("from .a import f\nfrom ..load import c\n")
    (pkg / "c.py").write_text(  # the deepest module named: extractor; annotations only: no edge
        "import extractor.nowhere\nimport typing\nif typing.TYPE_CHECKING:\n    from .a import f\n")
    mods = {}
    for p in sorted((tmp_path / "extractor").rglob("*.py")):
        parts = list(p.relative_to(tmp_path).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        mods[".".join(parts)] = p
    g = import_graph(mods)
    assert g["extractor.load.a"] == {"extractor.load.b"}
    assert g["extractor.load.b"] == {"extractor.load.a", "extractor.load.c"}
    assert g["extractor.load"] == {"extractor.load.a"}
    assert g["extractor.load.c"] == {"extractor"}
    assert cycles(g) == [["extractor.load.a", "extractor.load.b"]]


# Cycles in the tree when this test was written, outside the loaders (issue 15: "no
# import cycle"); function-level imports both. The list may only shrink: a cycle not
# covered by it fails, and so does an entry that is no longer a cycle (remove it then).
KNOWN_CYCLES = (
)


def test_no_import_cycle_among_extractor_modules():
    found = cycles(import_graph(_modules()))
    new = [c for c in found if not any(set(c) <= k for k in KNOWN_CYCLES)]
    assert not new, "import cycles: " + "; ".join(" <-> ".join(c) for c in new)
    gone = [sorted(k) for k in KNOWN_CYCLES if not any(set(c) <= k for c in found)]
    assert not gone, f"no longer cycles, remove from KNOWN_CYCLES: {gone}"


def test_the_pdf_loader_and_ocr_do_not_import_each_other():
    """pdf is handed the OCR page reader (load/__init__.py HOOKS); ocr and its engines
    import only the shared layout package, never the PDF loader or its modules."""
    g = import_graph(_modules())
    pdf_mods = {m for m in g if m == "extractor.load.pdf" or m.startswith("extractor.load.pdf_")}
    ocr_mods = {m for m in g if m == "extractor.load.ocr" or m.startswith("extractor.load.ocr_")}
    assert {"extractor.load.pdf_chars", "extractor.load.pdf_tables"} <= pdf_mods
    assert {"extractor.load.ocr_rapid", "extractor.load.ocr_scan", "extractor.load.ocr_tesseract"} <= ocr_mods
    for mod in pdf_mods:
        assert not g[mod] & ocr_mods, mod
    for mod in ocr_mods:
        assert not g[mod] & pdf_mods, mod
    layout = {m for m in g if m.startswith("extractor.load.layout")}
    # (numbers_data: the heading numbering of patterns/numbers.yaml, a data module that imports no loader)
    assert layout and all(not (g[m] - layout - {"extractor.model", "extractor.load.textables", "extractor.numbers_data"})
                          for m in layout)


def test_the_text_loader_does_not_import_the_html_loader():
    """txt is handed the HTML reader (load/__init__.py HOOKS) for a page saved as its
    script; html imports txt's decoders, so the other way would be a cycle."""
    g = import_graph(_modules())
    assert "extractor.load.txt" in g["extractor.load.html"]
    assert "extractor.load.html" not in g["extractor.load.txt"]


@pytest.mark.parametrize("name", sorted(_modules()))
def test_every_extractor_module_imports(name):
    importlib.import_module(name)


# --------------------------------------------------------------------------- private names

def _package(mod: str, modules: dict[str, Path]) -> str:
    """The package a module belongs to: itself for a package (``__init__.py``), else its parent."""
    path = modules.get(mod)
    return mod if path is not None and path.name == "__init__.py" else mod.rpartition(".")[0]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_imports(modules: dict[str, Path]) -> list[tuple[str, str]]:
    """(module, ``source.name``) for every underscore name a module takes from another
    package: ``from X import _y``, ``import X._y``, and ``X._y`` read on a module ``X`` of
    the extractor that it imported (``from . import batch`` … ``batch._pool``). A package
    and its own modules share their underscore names; a subpackage is another package."""
    found = []
    for mod, path in modules.items():
        is_pkg = path.name == "__init__.py"
        mine = _package(mod, modules)
        bound: dict[str, str] = {}   # local name -> the extractor module it is bound to
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for a in node.names:
                    parts = a.name.split(".")
                    for i, part in enumerate(parts):
                        src = ".".join(parts[:i])
                        if _private(part) and _package(src, modules) != mine:
                            found.append((mod, ".".join(parts[: i + 1])))
                            break
                    if a.name in modules:
                        bound[a.asname or parts[0]] = a.name if a.asname else parts[0]
                continue
            src = _resolve(mod, is_pkg, node.level, node.module)
            for a in node.names:
                sub = f"{src}.{a.name}"
                if sub in modules:
                    bound[a.asname or a.name] = sub
                if _private(a.name) and (_package(src, modules) if src in modules else src) != mine:
                    found.append((mod, sub))
        if not bound:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound
                    and _private(node.attr)):
                src = bound[node.value.id]
                if _package(src, modules) != mine:
                    found.append((mod, f"{src}.{node.attr}"))
    return sorted(set(found))


# Underscore names of other libraries the extractor needs, each with its reason. No
# extractor package is listed: what another package needs from one is in its public API
# (``extractor.batch.__all__``: the Dask engine runs the batch's worker and manifest).
PRIVATE_ALLOWED = {
    # the standard library's regex parser: the required-literal prefilter reads its parse
    # tree, which ``re`` has no public API for (sre_parse before 3.11); the one place
    ("extractor.regexkit.required", "re._parser"),
    ("extractor.regexkit.required", "re._constants"),
    # python-docx: opening a .docx whose package lists parts it does not hold (a common
    # damaged download) needs its content-type map; there is no public reader for it
    ("extractor.load.docx", "docx.opc.pkgreader._ContentTypeMap"),
    # regex: its parser's flag constants rebound to plain ints (the same values) so that
    # compiling costs no enum arithmetic; they live only in its private modules
    ("extractor.regexkit.flags", "regex._main"),
    ("extractor.regexkit.flags", "regex._regex_core"),
    # both engines' compile steps (the parser's program handed to the C module): a stored
    # program is given to the C module directly; the cache's name stamps the parser files
    ("extractor.regexkit.programs", "regex._main"),
    ("extractor.regexkit.programs", "regex._regex"),
    ("extractor.regexkit.programs", "regex._regex_core"),
    ("extractor.regexkit.programs", "re._compiler"),
    ("extractor.regexkit.programs", "re._parser"),
    ("extractor.regexkit.programs", "_sre"),
}


def test_the_private_name_reader_sees_every_form(tmp_path):
    """The checker itself: every form of an underscore name taken across packages is found,
    and a package's own modules may share theirs."""
    root = tmp_path / "extractor"
    (root / "batch").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "batch" / "__init__.py").write_text("from .pool import _pool\n")       # own package: fine
    (root / "batch" / "pool.py").write_text("def _pool():\n    pass\n_mp = 1\n")
    (root / "engine.py").write_text(
        "from . import batch\nfrom .batch import pool as p\nfrom .batch.pool import _mp\n"
        "import re._parser\nfrom re import _constants\n\n"
        "def f():\n    return batch._pool, p._mp, batch.__all__, batch.run\n")
    mods = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(tmp_path).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        mods[".".join(parts)] = path
    assert private_imports(mods) == [
        ("extractor.engine", "extractor.batch._pool"), ("extractor.engine", "extractor.batch.pool._mp"),
        ("extractor.engine", "re._constants"), ("extractor.engine", "re._parser")]


def test_no_module_imports_an_underscore_name_from_another_package():
    found = set(private_imports(_modules()))
    new = sorted(found - PRIVATE_ALLOWED)
    assert not new, "underscore names taken from another package: " + "; ".join(f"{m}: {n}" for m, n in new)
    gone = sorted(PRIVATE_ALLOWED - found)
    assert not gone, f"no longer imported, remove from PRIVATE_ALLOWED: {gone}"
