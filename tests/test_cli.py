"""The command line: help, usage errors (exit 2), layout of outputs, --emit-text,
progress/summary on stderr, --quiet, export, and the eval wiring."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.cli import build_parser, main

REPO = Path(__file__).resolve().parents[1]
TEXT = "关于2019年度政府信息公开工作年度报告\n一、总体情况\n2019年，本机关主动公开政府信息120条。\n"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def test_help_is_complete():
    r = run("extract", "--help")
    assert r.returncode == 0
    for opt in ("--emit-text", "--jobs", "--timeout", "--max-memory", "--max-pages", "--max-bytes", "--force",
                "--quiet", "manifest.jsonl", "examples:", "out/reports/2017/a.pdf.json", "exit", "too_large",
                "output_collision", "disk_full", "needs_ocr", "--include", "--exclude", "--verbose",
                "--log-file", ".zip", "not taken", "docs/CODES.md", "-o - is refused"):
        assert opt in r.stdout, opt
    r = run("export", "--help")
    assert r.returncode == 0 and "sqlite" in r.stdout and "FILE.wide" in r.stdout
    r = run("--help")
    assert r.returncode == 0 and "extract" in r.stdout and "export" in r.stdout and "eval" in r.stdout


@pytest.mark.parametrize("args", [
    ["extract", "does/not/exist", "-o", "OUT"],
    ["extract", "IN", "-o", "OUT", "--jobs", "0"],
    ["extract", "IN", "-o", "OUT", "--timeout", "-1"],
    ["extract", "IN", "-o", "OUT", "--max-bytes", "lots"],
    ["extract", "IN"],                         # no -o
    ["export", "OUT", "--to", "xlsx", "-o", "x"],
    ["export", "does/not/exist", "--to", "csv", "-o", "x"],
    ["frobnicate"],
    [],
])
def test_usage_errors_exit_2(tmp_path, args):
    (tmp_path / "IN").mkdir()
    (tmp_path / "OUT").mkdir()
    r = run(*args, cwd=tmp_path)
    assert r.returncode == 2, (args, r.stderr)
    assert "Traceback" not in r.stderr


def test_extract_layout_emit_text_and_summary(tmp_path):
    rep = tmp_path / "reports"
    (rep / "2017").mkdir(parents=True)
    (rep / "2017" / "a.txt").write_text(TEXT, encoding="utf-8")
    (rep / "2017" / "a.gold.json").write_text("{}", encoding="utf-8")     # not an input
    (rep / "notes.md").write_text("x", encoding="utf-8")                 # not supported
    (rep / "bad.pdf").write_bytes(b"%PDF-1.4 garbage")
    single = tmp_path / "single.txt"
    single.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    r = run("extract", rep, single, "-o", out, "--emit-text", "--jobs", "2", "--progress", "lines")
    assert r.returncode == 1, r.stderr      # bad.pdf failed: not every file is ok
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    # the folder keeps its name; a file given directly goes to the top
    assert files == [".zwgk.lock", "manifest.jsonl", "reports/2017/a.txt.json", "reports/2017/a.txt.text.txt",
                     "reports/bad.pdf.json", "single.txt.json", "single.txt.text.txt"]
    rec = json.loads((out / "reports" / "2017" / "a.txt.json").read_text(encoding="utf-8"))
    text = (out / "reports" / "2017" / "a.txt.text.txt").read_text(encoding="utf-8")
    assert rec["errors"] == [] and rec["source"]["path"].endswith("reports/2017/a.txt")
    for f in rec["facts"]:
        a, b = f["offset"]
        assert text[a:b] == f["evidence"]
    code = json.loads((out / "reports" / "bad.pdf.json").read_text(encoding="utf-8"))["errors"][0]["code"]
    assert "3/3 files" in r.stderr                       # a plain progress line (not a TTY)
    assert "3 files: 2 ok, 1 with errors" in r.stderr and "docs/s" in r.stderr
    assert f"  {code}: {rep / 'bad.pdf'}" in r.stderr   # the failed file is named under its code
    # rerun: everything skipped; --quiet prints nothing (still exit 1: bad.pdf has an error)
    r = run("extract", rep, single, "-o", out, "--emit-text", "--quiet")
    assert r.returncode == 1 and r.stderr == ""
    r = run("extract", rep / "2017", single, "-o", tmp_path / "out2", "--quiet")
    assert r.returncode == 0 and r.stderr == ""        # every file ok
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3


def test_stats_json_and_export_command(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    r = run("extract", tmp_path / "in", "-o", tmp_path / "out", "--jobs", "1", "--quiet",
            "--stats-json", tmp_path / "stats.json")
    assert r.returncode == 0, r.stderr
    st = json.loads((tmp_path / "stats.json").read_text())
    assert st["files"] == 1 and st["ok"] == 1 and st["worker_peak_rss_mb"]
    r = run("export", tmp_path / "out", "--to", "sqlite", "-o", tmp_path / "r.db")
    assert r.returncode == 0 and "documents: 1 rows" in r.stderr
    r = run("export", tmp_path / "out", "--to", "csv", "-o", tmp_path / "r")
    assert r.returncode == 0 and (tmp_path / "r.wide.csv").exists()


def test_eval_subcommand_is_wired():
    args = build_parser().parse_args(["eval", "corpus", "--min-f1", "0.9", "--format", "pdf", "--quiet"])
    assert args.command == "eval" and args.corpus == "corpus" and args.min_f1 == 0.9
    assert args.formats == ["pdf"] and callable(args.func)


def test_main_returns_2_without_command(capsys):
    assert main([]) == 2


def test_version():
    from extractor.version import SCHEMA_VERSION, __version__

    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"zwgk {__version__} (output schema {SCHEMA_VERSION})"


def test_output_to_stdout_is_refused_with_a_message(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    r = run("extract", tmp_path / "a.txt", "-o", "-", cwd=tmp_path)
    assert r.returncode == 2 and "-o - (standard output) is not supported" in r.stderr
    assert "zwgk show FILE" in r.stderr
    assert not (tmp_path / "-").exists()


def test_verbose_and_log_file(tmp_path):
    rep = tmp_path / "reports"
    rep.mkdir()
    (rep / "a.txt").write_text(TEXT, encoding="utf-8")
    (rep / "b.txt").write_text("", encoding="utf-8")
    (rep / "c.png").write_bytes(b"\x89PNG")
    out, logf = tmp_path / "out", tmp_path / "run.log"
    r = run("extract", rep, "-o", out, "--jobs", "1", "--progress", "none", "-v", "--log-file", logf)
    assert r.returncode == 1
    assert f"INFO {rep / 'a.txt'}: ok -> reports/a.txt.json" in r.stderr
    assert f"INFO {rep / 'b.txt'}: error empty_file -> reports/b.txt.json" in r.stderr
    assert "not taken (image)" not in r.stderr               # -v: one line per file only
    log = logf.read_text(encoding="utf-8")
    assert f"DEBUG {rep / 'c.png'}: not taken (image)" in log and f"INFO {rep / 'a.txt'}: ok" in log
    r = run("extract", rep, "-o", out, "--jobs", "1", "--progress", "none", "-vv")
    assert f"DEBUG {rep / 'a.txt'}: already done, ok -> reports/a.txt.json" in r.stderr
    r = run("extract", rep, "-o", out, "--log-file", tmp_path / "no" / "such" / "dir.log")
    assert r.returncode == 2 and "cannot open the log file" in r.stderr
