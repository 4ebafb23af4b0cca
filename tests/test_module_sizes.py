"""No module of ``extractor/`` over 500 lines without a reason (issue 15: "no module over
~500 lines without a reason stated in its docstring").

A module longer than ``MAX_LINES`` must say why it stays one module: a line of its module
docstring starting with ``Size:`` (e.g. ``Size: one file format's reader; …``). Split a
module that holds two jobs instead of writing the line.
"""
from __future__ import annotations

import ast
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "extractor"
MAX_LINES = 500


def size_reason(source: str) -> str | None:
    """The text after ``Size:`` on a line of the module docstring, None without one."""
    doc = ast.get_docstring(ast.parse(source)) or ""
    for line in doc.splitlines():
        if line.strip().startswith("Size:"):
            reason = line.strip()[len("Size:"):].strip()
            return reason or None
    return None


def oversized(root: Path = PKG, max_lines: int = MAX_LINES) -> list[str]:
    """Modules under ``root`` longer than ``max_lines`` lines without a ``Size:`` reason."""
    out = []
    for p in sorted(root.rglob("*.py")):
        if "__pycache__" in p.parts:
            continue
        text = p.read_text(encoding="utf-8")
        if len(text.splitlines()) > max_lines and size_reason(text) is None:
            out.append(f"{p.relative_to(root.parent)} ({len(text.splitlines())} lines)")
    return out


def test_the_size_rule_reads_the_docstring(tmp_path):
    pkg = tmp_path / "extractor"
    pkg.mkdir()
    body = "x = 1\n" * 20
    (pkg / "small.py").write_text('"""Small."""\nx = 1\n')
    (pkg / "big.py").write_text('"""Big, no reason."""\n' + body)
    (pkg / "big_ok.py").write_text('"""Big.\n\nSize: one reader of one format.\n"""\n' + body)
    (pkg / "big_empty.py").write_text('"""Big.\n\nSize:\n"""\n' + body)
    # "Size:" outside the docstring (a comment, a string elsewhere) is no reason
    (pkg / "big_comment.py").write_text('"""Big."""\n# Size: a comment\n' + body)
    found = oversized(pkg, max_lines=10)
    assert [f.split(" ")[0] for f in found] == [
        "extractor/big.py", "extractor/big_comment.py", "extractor/big_empty.py"]
    assert size_reason('"""A.\n\n  Size: the reason\n"""') == "the reason"


def test_no_module_over_500_lines_without_a_reason():
    found = oversized()
    assert not found, ("modules over %d lines without a 'Size:' line in their docstring "
                       "(split them, or say why they stay one module): %s" % (MAX_LINES, "; ".join(found)))
