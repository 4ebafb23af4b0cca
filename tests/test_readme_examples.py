"""README.md's examples hold as written.

A new user works from README alone: every `zwgk ...` command line in its bash blocks must
be accepted by the command's parser (no option README names may be missing), every
option its Python API examples pass to ``extract`` must be one ``extract`` knows, the
export file names it promises must be the ones written, and ``ZWGK_PATTERNS`` (its way to
run an edited copy of the rules) must either run the copy or refuse a folder that is not
one, instead of giving every document empty values under an ``ok`` status.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
DOC = REPO / "corpus" / "a52_yunze-renshe-2019.txt"


def _bash_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", README, flags=re.S)


def _zwgk_lines() -> list[str]:
    lines = []
    for block in _bash_blocks():
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("zwgk ") or " && zwgk " in line:
                lines.append(line[line.index("zwgk "):])
    return lines


def test_readme_has_zwgk_examples():
    subcommands = {shlex.split(l, comments=True)[1] for l in _zwgk_lines()}
    assert {"extract", "export", "show", "check", "eval", "review"} <= subcommands


@pytest.mark.parametrize("line", _zwgk_lines())
def test_readme_command_line_parses(line):
    from extractor.cli import build_parser

    argv = shlex.split(line, comments=True)[1:]
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as e:  # argparse: an unknown option or a missing argument
        pytest.fail(f"README line does not parse ({e.code}): {line}")
    assert getattr(args, "func", None), line


def test_readme_python_api_options_are_known():
    from extractor.pipeline import KNOWN_OPTIONS

    [block] = re.findall(r"```python\n(.*?)```", README.split("## Python API", 1)[1], flags=re.S)[:1]
    used = set()
    for call in re.findall(r"\bextract\((.*?)\)\s", block):
        used |= set(re.findall(r"\b([a-z_]+)=", call))
    assert used, "no keyword options found in README's Python API block"
    assert used - {"name", "with_text"} <= set(KNOWN_OPTIONS), used - set(KNOWN_OPTIONS)


def _cli(*args, env=None, cwd=REPO):
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_export_writes_the_file_names_readme_names(tmp_path):
    out, data = tmp_path / "out", tmp_path / "data"
    p = _cli("extract", str(DOC), "-o", str(out), "--jobs", "1", "-q")
    assert p.returncode == 0, p.stderr[-2000:]
    p = _cli("export", str(out), "--to", "csv", "-o", str(data / "d"), "-q", "--panel")
    assert p.returncode == 0, p.stderr[-2000:]
    # README: documents -> FILE.wide.EXT, facts -> FILE.long.EXT, the rest FILE.TABLE.EXT
    assert "`FILE.wide.EXT`" in README and "`FILE.long.EXT`" in README
    names = {f.name for f in data.iterdir()}
    for table in ("wide", "long", "reports", "warnings", "conflicts", "score_items",
                  "data_dictionary", "checks", "panel"):
        assert f"d.{table}.csv" in names, (table, sorted(names))
    header = (data / "d.wide.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "applications_received" in header
    # README: `SELECT * FROM panel` in SQLite, when exported with --to sqlite --panel
    p = _cli("export", str(out), "--to", "sqlite", "-o", str(tmp_path / "r.db"), "-q", "--panel")
    assert p.returncode == 0, p.stderr[-2000:]
    with sqlite3.connect(tmp_path / "r.db") as db:
        [(year,)] = db.execute("SELECT year FROM panel").fetchall()
    assert year == 2019


def test_zwgk_patterns_copy_runs_the_copy(tmp_path):
    copy = tmp_path / "patterns"
    shutil.copytree(REPO / "patterns", copy)
    base = _cli("extract", str(DOC), "-o", str(tmp_path / "a"), "--jobs", "1", "-q")
    env = {**os.environ, "ZWGK_PATTERNS": str(copy)}
    p = _cli("extract", str(DOC), "-o", str(tmp_path / "b"), "--jobs", "1", "-q", env=env)
    assert base.returncode == 0 and p.returncode == 0, (base.stderr[-2000:], p.stderr[-2000:])
    a = json.loads((tmp_path / "a" / f"{DOC.name}.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "b" / f"{DOC.name}.json").read_text(encoding="utf-8"))
    assert a["values"] and a["values"] == b["values"]


@pytest.mark.parametrize("cmd", [["extract", str(DOC), "-o", "OUT"], ["show", str(DOC)],
                                 ["eval", str(REPO / "corpus")]])
def test_zwgk_patterns_not_a_patterns_folder_is_refused(tmp_path, cmd):
    """A mistyped ZWGK_PATTERNS used to give every document no value, each stage failing
    on its missing YAML, while extract reported every file ok (show: a traceback)."""
    empty = tmp_path / "not-patterns"
    empty.mkdir()
    env = {**os.environ, "ZWGK_PATTERNS": str(empty)}
    out = tmp_path / "out"
    p = _cli(*[str(out) if a == "OUT" else a for a in cmd], env=env)
    assert p.returncode == 2, (p.returncode, p.stderr[-2000:])
    assert "ZWGK_PATTERNS" in p.stderr and "keys.yaml" in p.stderr
    assert "Traceback" not in p.stderr
    assert not out.exists()
    # --version and --help still answer
    assert _cli("--version", env=env).returncode == 0
    assert _cli(cmd[0], "--help", env=env).returncode == 0
