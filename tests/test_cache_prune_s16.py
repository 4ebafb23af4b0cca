"""The cache folder stays bounded and keeps what is in use (session 16, issue 11):
``resources.store_blob`` keeps the blobs of a kind last used (``read_blob`` sets a blob's time
when it reads it) and ``resources.prune`` - at most once a day, run by a write - removes the
blobs not used for ``UNUSED_DAYS`` days and the temporary files of killed writes; the stored
regex programs are named by the bytes of the code they depend on, and a process that extracts
one file keeps the programs it compiled for the next one. Counts of files and of hits, no timing."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import resources
from extractor.atomic import TMP_MARK

ROOT = Path(__file__).resolve().parents[1]
DAY = 86400.0


@pytest.fixture
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    d.mkdir()
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(d))
    monkeypatch.delenv("ZWGK_YAML_CACHE", raising=False)
    return d


def _blob(folder: Path, name: str, age_days: float, magic: bytes = b"ZWGKYM01") -> Path:
    import marshal

    p = folder / name
    p.write_bytes(magic + marshal.dumps({"x": name}))
    t = time.time() - age_days * DAY
    os.utime(p, (t, t))
    return p


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_a_write_removes_what_was_not_used_for_days_and_killed_writes_debris(cache):
    for i in range(10):
        _blob(cache, f"yaml-old{i:02d}.bin", resources.UNUSED_DAYS + 1 + i)   # an earlier version's
    for i in range(5):
        _blob(cache, f"rules-recent{i}.bin", 1 + i)                          # used this week: kept
    debris = [_blob(cache, f".yaml-x.bin.{i}.abcd{TMP_MARK}", 2) for i in range(3)]
    fresh_tmp = _blob(cache, f".yaml-y.bin.9.ef01{TMP_MARK}", 0)                # a write under way
    other = _blob(cache, "notes.txt", 400)                                   # not ours: untouched
    jieba = _blob(cache, "jieba-0123.bin", 400)                              # wordcut keeps its own
    assert len(_names(cache)) == 21
    resources.write_derived("clauses", [b"some rule bytes"], {"a": 1})
    left = _names(cache)
    assert not any(n.startswith("yaml-old") for n in left)
    assert not any(d.name in left for d in debris)
    assert {fresh_tmp.name, other.name, jieba.name} <= left
    assert sum(n.startswith("rules-recent") for n in left) == 5
    assert sum(n.startswith("clauses-") for n in left) == 1
    assert ".pruned" in left
    assert len(left) == 5 + 1 + 3 + 1                        # rules, clauses, fresh tmp/notes/jieba, stamp


def test_pruning_runs_at_most_once_a_day(cache):
    resources.write_derived("clauses", [b"one"], {"a": 1})              # prunes (no stamp yet)
    old = _blob(cache, "yaml-stale.bin", resources.UNUSED_DAYS + 3)
    resources.write_derived("clauses", [b"two"], {"a": 2})              # the same day: not again
    assert old.exists()
    stamp = cache / ".pruned"
    t = time.time() - 1.5 * DAY
    os.utime(stamp, (t, t))
    resources.write_derived("clauses", [b"three"], {"a": 3})            # a day later: pruned
    assert not old.exists()
    assert len(list(cache.glob("clauses-*.bin"))) == 3


def test_the_kind_cap_keeps_the_blob_last_read_not_the_one_last_written(cache):
    live = resources._blob_path("yaml", [b"the rule file in use"])
    resources._write_blob(live, {"k": "v"})
    t = time.time() - 3 * DAY                                # written three days ago...
    os.utime(live, (t, t))
    for i in range(resources._BLOB_KEEP - 1):                # ...then others' blobs, newer
        _blob(cache, f"yaml-other{i:03d}.bin", 2)
    assert resources.read_blob(live) == {"k": "v"}           # ...and read now: its time is its use
    resources._write_blob(resources._blob_path("yaml", [b"a new file"]), {"n": 1})
    yamls = list(cache.glob("yaml-*.bin"))
    assert len(yamls) == resources._BLOB_KEEP                # bounded
    assert live.exists() and resources.read_blob(live) == {"k": "v"}


def test_an_unusable_folder_only_means_no_pruning(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert resources.prune(blocker / "cache") == 0
    assert resources.prune(blocker) == 0                     # a file, not a folder
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(blocker / "cache"))
    resources.write_derived("clauses", [b"x"], {"a": 1})     # no error
    assert resources.read_derived("clauses", [b"x"]) is None


_WRITER = r"""
import sys, os, time
from extractor import resources
os.environ["ZWGK_CACHE_DIR"] = sys.argv[1]
for i in range(int(sys.argv[3])):
    resources.write_derived("yaml", [sys.argv[2].encode(), str(i).encode()], {"i": i, "pad": "x" * 5000})
    resources.prune(resources.cache_dir(), force=True)
"""


def test_two_processes_writing_and_pruning_at_once_leave_only_whole_blobs(cache):
    for i in range(30):
        _blob(cache, f"yaml-old{i:02d}.bin", resources.UNUSED_DAYS + 2)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(cache), tag, "80"], env=env, cwd=ROOT,
                              stderr=subprocess.PIPE) for tag in ("a", "b")]
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read().decode()[-2000:]
    blobs = list(cache.glob("yaml-*.bin"))
    assert 0 < len(blobs) <= resources._BLOB_KEEP
    for b in blobs:                                          # every blob whole: its data reads back
        data = resources.read_blob(b)
        assert data is not resources.MISSING and data["pad"] == "x" * 5000
    assert not list(cache.glob(f"*{TMP_MARK}"))


# ------------------------------------------------------------------ the stored regex programs

_PROBE = r"""
import json, sys
import extractor
from extractor.regexkit import programs
extractor.extract(sys.argv[1])
print(json.dumps({**programs.stats(), "path": str(programs.cache_path())}))
"""

_FORKED = r"""
import json, os, sys
from extractor import pipeline
from extractor.regexkit import programs
with programs.recording():          # a batch warm-up in the parent
    pass
r, w = os.pipe()
if os.fork() == 0:                  # a worker forked from it records nothing of its own
    pipeline.extract(sys.argv[1])
    os.write(w, json.dumps(programs.stats()).encode()); os._exit(0)
os.wait()
print(os.read(r, 10000).decode())
"""

REPORT = ("某县农业局2019年政府信息公开工作年度报告\n一、总体情况\n"
          "2019年，本机关主动公开政府信息120条，收到政府信息公开申请2件，均已按时办结。\n"
          "召开新闻发布会3次，举办培训班2次。\n")


def _run(code: str, report: Path, cache: Path, pythonpath: Path = ROOT) -> dict:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "PYTHONPATH": str(pythonpath),
           "ZWGK_CACHE_DIR": str(cache)}
    r = subprocess.run([sys.executable, "-c", code, str(report)], capture_output=True, text=True, cwd=report.parent,
                       env=env, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_a_one_file_process_keeps_its_programs_for_the_next(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    cache = tmp_path / "cache"
    first = _run(_PROBE, report, cache)
    assert first["hits"] == 0 and first["writes"] == 1 and first["recorded"] > 100
    assert len(list(cache.glob("regex-*.bin"))) == 1
    second = _run(_PROBE, report, cache)
    assert second["writes"] == 0 and second["recorded"] <= second["misses"]
    assert second["hits"] > 100 and second["misses"] <= second["hits"] // 20


def test_the_clis_one_file_run_keeps_its_programs_for_the_next(tmp_path):
    """zwgk extract one.txt: its worker (forked from the CLI, no batch warm-up) records its
    small warm-up and its document."""
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    cache = tmp_path / "cache"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "PYTHONPATH": str(ROOT), "ZWGK_CACHE_DIR": str(cache)}
    cmd = [sys.executable, str(ROOT / "cli.py"), "extract", str(report), "-o", str(tmp_path / "out"), "--jobs", "1",
           "--force", "--quiet"]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert len(list(cache.glob("regex-*.bin"))) == 1
    after = _run(_PROBE, report, cache)           # the same document by the API: built from them
    assert after["hits"] > 100 and after["misses"] <= after["hits"] // 20 and after["writes"] == 0


def test_a_worker_forked_after_a_warm_up_records_nothing(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    out = _run(_FORKED, report, tmp_path / "cache")
    assert out["recorded"] == 0 and out["writes"] == 0 and out["misses"] > 0
    assert not list((tmp_path / "cache").glob("regex-*.bin"))


def test_the_programs_file_is_named_by_the_code_not_by_its_place(tmp_path):
    """Another checkout of the same code (a worktree, a reinstall: other paths and times)
    reads the programs file this one wrote."""
    copy = tmp_path / "checkout"
    shutil.copytree(ROOT / "extractor", copy / "extractor", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "patterns", copy / "patterns")
    later = time.time() + 5
    os.utime(copy / "extractor" / "regexkit" / "required.py", (later, later))
    code = "import json; from extractor.regexkit import programs; print(json.dumps({'path': str(programs.cache_path())}))"
    here = _run(code, tmp_path / "x", tmp_path / "cache")
    there = _run(code, tmp_path / "x", tmp_path / "cache", pythonpath=copy)
    assert here["path"] == there["path"]
    with open(copy / "extractor" / "regexkit" / "required.py", "a", encoding="utf-8") as f:
        f.write("\n# edited\n")
    edited = _run(code, tmp_path / "x", tmp_path / "cache", pythonpath=copy)
    assert edited["path"] != here["path"]
