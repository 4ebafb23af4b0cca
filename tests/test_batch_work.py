"""The batch main process's work per input file, counted (calls and syscalls, never seconds):
the parent dispatches, checks outputs and writes the manifest for every file, so what it
does per file must stay small and must not grow with the depth of the output folders;
and the fast path of the output-name sanitiser gives exactly what the full one gives."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from extractor.batch import BatchOptions, discover, inputs, run_batch
from extractor.batch.inputs import _safe_component, output_relpath

HOOK = __name__  # workers import this module by the same name (sys.path is passed on)


def hook_small(path, display, options, want_text):
    from extractor import output

    rec = output.error_json(display, "x", "x", path=path)
    rec["errors"] = []
    rec["values"] = {"size": os.path.getsize(path)}
    return rec, None, {}


def _tree(root: Path, per_folder: int) -> Path:
    """Files in three folders, one of them two levels down (deep output folders)."""
    src = root / "src"
    for sub in ("a", "b/c", "b/c/d"):
        for k in range(per_folder):
            p = src / sub / f"报告{k}.txt"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(f"2019年 第{k}份\n", encoding="utf-8")
    return src


class _Count:
    """Counts the parent's calls of os.open (folders apart), os.stat and os.lstat."""

    def __init__(self, monkeypatch):
        self.dir_opens = 0
        self.file_opens = 0
        self.stats = 0
        real_open, real_stat, real_lstat = os.open, os.stat, os.lstat

        def counting_open(path, flags, *a, **k):
            if flags & getattr(os, "O_DIRECTORY", 0):
                self.dir_opens += 1
            else:
                self.file_opens += 1
            return real_open(path, flags, *a, **k)

        def counting_stat(*a, **k):
            self.stats += 1
            return real_stat(*a, **k)

        def counting_lstat(*a, **k):
            self.stats += 1
            return real_lstat(*a, **k)

        monkeypatch.setattr(os, "open", counting_open)
        monkeypatch.setattr(os, "stat", counting_stat)
        monkeypatch.setattr(os, "lstat", counting_lstat)


def _run_counted(tmp_path: Path, monkeypatch, per_folder: int, name: str, **kw) -> tuple[_Count, Path]:
    src = _tree(tmp_path / name, per_folder)
    out = tmp_path / name / "out"
    opts = BatchOptions(jobs=1, quiet=True, progress="none", extract_fn=f"{HOOK}:hook_small", **kw)
    with monkeypatch.context() as m:
        c = _Count(m)
        s = run_batch([str(src)], out, opts)
    assert s.files == 3 * per_folder and s.ok == s.files
    return c, out


@pytest.mark.parametrize("force", [False, True])
def test_parent_work_per_file_is_small_and_output_folders_are_opened_once(tmp_path, monkeypatch, force):
    few, out_few = _run_counted(tmp_path, monkeypatch, 2, "few", force=force)
    many, out_many = _run_counted(tmp_path, monkeypatch, 12, "many", force=force)
    extra_files = 3 * (12 - 2)
    # the output folders (src, src/a, src/b, src/b/c, src/b/c/d) are opened once per run,
    # not once per file: 30 more files open no folder more
    assert many.dir_opens == few.dir_opens
    # per file the parent stats the input and the output place (one lstat) and opens the
    # input once to see it is readable; nothing per folder level
    assert (many.stats - few.stats) <= 2 * extra_files
    assert (many.file_opens - few.file_opens) <= 1 * extra_files
    # and the outputs are all there, in the right folders
    for out, n in ((out_few, 2), (out_many, 12)):
        for sub in ("a", "b/c", "b/c/d"):
            for k in range(n):
                rec = json.loads((out / "src" / sub / f"报告{k}.txt.json").read_text(encoding="utf-8"))
                assert rec["values"]["size"] > 0


def test_a_folder_that_cannot_be_made_fails_each_of_its_files(tmp_path):
    """Folders are made once per folder, but a folder that could not be made is tried
    again for the next file and each file under it gets its own error record."""
    src = _tree(tmp_path, 2)
    out = tmp_path / "out"
    (out / "src").mkdir(parents=True)
    (out / "src" / "a").write_text("a file where a folder is needed", encoding="utf-8")
    s = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, progress="none",
                                                extract_fn=f"{HOOK}:hook_small"))
    assert s.files == 6 and s.ok == 4 and s.error_codes["output_collision"] == 2
    man = [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    bad = sorted(e["path"] for e in man if e["status"] == "error")
    assert [Path(p).name for p in bad] == ["报告0.txt", "报告1.txt"]
    assert all("/a/" in p for p in bad)


NAMES = ["report.txt", "2019年政府信息公开工作年度报告.docx", "a b c.html", "100%.txt", "%41.txt",
         "tab\there.txt", "nl\nhere.txt", "del\x7f.txt", "back\\slash.txt", ".", "..", "...", "",
         ".hidden", "x" * 300 + ".txt", "长" * 90 + ".txt", "长" * 80 + ".txt", "bad\udcffbyte.txt",
         "\udce4\udcb8\udcad.txt", "emoji😀.pdf", "colon:star*?.txt", "~$lock.docx", " lead space"]


def test_fast_path_of_the_name_sanitiser_gives_what_the_full_one_gives(monkeypatch):
    fast = [_safe_component(n) for n in NAMES]
    monkeypatch.setattr(inputs, "_PLAIN_COMPONENT", re.compile(r"(?!)"))   # never matches: full path only
    full = [_safe_component(n) for n in NAMES]
    assert fast == full
    # the escapes are there (the full path did its job on the names that need it)
    assert full[NAMES.index("100%.txt")] == "100%25.txt"
    assert full[NAMES.index("back\\slash.txt")] == "back%5Cslash.txt"
    assert full[NAMES.index("..")] == "%2E%2E" and full[NAMES.index("")] == "%00"
    assert full[NAMES.index("bad\udcffbyte.txt")] == "bad%FFbyte.txt"
    assert len(full[NAMES.index("x" * 300 + ".txt")].encode()) < 255


def test_ordinary_names_skip_the_per_character_escaping(monkeypatch):
    calls = []
    real = inputs._safe_component

    def spy(name):
        calls.append(name)
        return real(name)

    # the per-character loop runs only for names the regex does not pass
    passed = [n for n in NAMES if inputs._PLAIN_COMPONENT.fullmatch(n)
              and n not in (".", "..") and len(n.encode()) <= inputs._COMPONENT_LIMIT]
    assert "report.txt" in passed and "2019年政府信息公开工作年度报告.docx" in passed
    assert not any(c in n for n in passed for c in "%\\\n\t\x7f")
    monkeypatch.setattr(inputs, "_safe_component", spy)
    assert inputs.output_relpath("in/sub/report.txt") == "in/sub/report.txt"
    assert calls == ["in", "sub", "report.txt"]   # once per component, nothing more


def test_relative_paths_below_a_folder_input_as_relpath_gives_them(tmp_path, monkeypatch):
    src = tmp_path / "in"
    for rel in ("x.txt", "a/y.txt", "a/b/z.txt", "a b/%w.txt"):
        p = src / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("2019", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for spelling in ("in", "in/", "./in", str(src), "in/../in"):
        items = discover([spelling])
        want = sorted(output_relpath("in/" + os.path.relpath(i.path, spelling)) for i in items)
        assert sorted(i.rel for i in items) == want
        assert sorted(i.rel for i in items) == ["in/a b/%25w.txt", "in/a/b/z.txt", "in/a/y.txt", "in/x.txt"]
