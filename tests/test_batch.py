"""Batch runner: parallel == serial, isolation (timeout, crash, memory), recycling,
resume, kill -9 resume, manifest, lock."""
from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import batch
from extractor.batch import BatchOptions, run_batch
from extractor.version import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[1]
HOOK = __name__  # workers import this module by the same name (sys.path is passed on)

REPORT = """关于2019年度政府信息公开工作年度报告

一、总体情况
2019年，本机关主动公开政府信息{a}条，其中主动公开规范性文件{b}件。
二、依申请公开情况
全年共收到政府信息公开申请{c}件，均已按时办结。
三、行政复议和行政诉讼情况
因政府信息公开被申请行政复议{d}件，行政诉讼0件。
| 项目 | 数量 |
| 主动公开政府信息数 | {a} |
| 收到申请数 | {c} |
"""

HTML = """<html><head><meta charset="utf-8"><title>年度报告</title></head><body>
<h1>政府信息公开工作年度报告</h1><p>本机关主动公开政府信息{a}条。</p>
<table><tr><td>项目</td><td>数量</td></tr><tr><td>收到申请数</td><td>{c}</td></tr></table>
</body></html>"""


def make_reports(root: Path, n: int = 6) -> list[Path]:
    out = []
    for i in range(n):
        sub = root / f"{2015 + i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        p = sub / f"report_{i:02d}.txt"
        p.write_text(REPORT.format(a=100 + i, b=i, c=3 * i, d=i % 2), encoding="utf-8")
        out.append(p)
        h = sub / f"page_{i:02d}.html"
        h.write_text(HTML.format(a=200 + i, c=i), encoding="utf-8")
        out.append(h)
    return out


# ---------------------------------------------------------------- hooks run inside workers

def _fake_record(path, display, extra=None):
    from extractor import output

    rec = output.error_json(display, "x", "x", path=path)
    rec["errors"] = []
    rec["values"] = dict(extra or {})
    return rec


def hook_normal(path, display, options, want_text):
    name = os.path.basename(path)
    if "hang" in name:
        time.sleep(600)
    if "crash" in name:
        os._exit(3)
    if "segv" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "hog" in name:
        hog = []
        for _ in range(400):           # up to 4 GB, 10 MB at a time, pages touched
            hog.append(bytearray(10 * 1024 * 1024))
            time.sleep(0.005)
    if "boom" in name:
        raise ValueError("a bug in a rule")
    return _fake_record(path, display), ("text of " + display if want_text else None), {}


def hook_near_then_oom(path, display, options, want_text):
    """*near*: holds 85 % of a 200 MB ceiling long enough for the parent to see it, then
    asks for more until its own allocation limit stops it (a MemoryError, freed again);
    *crash*: the worker dies."""
    name = os.path.basename(path)
    if "near" in name:
        held = [b"\x01" * (10 * 1024 * 1024) for _ in range(17)]   # pages written: resident
        time.sleep(0.6)                                              # the parent reads its RSS
        for _ in range(400):
            held.append(b"\x01" * (10 * 1024 * 1024))
    if "crash" in name:
        os._exit(3)
    return _fake_record(path, display), None, {}


def hook_pid(path, display, options, want_text):
    return _fake_record(path, display, {"pid": os.getpid()}), None, {}


def hook_slow(path, display, options, want_text):
    time.sleep(0.15)
    return _fake_record(path, display, {"n": len(display)}), ("t" if want_text else None), {}


def _tree(outdir: Path) -> dict[str, bytes]:
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*"))
            if p.is_file() and p.name not in (batch.MANIFEST, batch.LOCK_FILE)}


def _manifest(outdir: Path) -> list[dict]:
    return [json.loads(line) for line in (outdir / batch.MANIFEST).read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------- tests

def test_jobs_1_and_2_byte_identical(tmp_path):
    src = tmp_path / "reports"
    make_reports(src, 5)
    (src / "empty.txt").write_bytes(b"")
    (src / "junk.pdf").write_bytes(os.urandom(3000))
    for fx in sorted((REPO / "tests" / "fixtures").rglob("*"))[:40]:
        if fx.is_file() and fx.suffix.lower() in batch.SUPPORTED_EXTENSIONS and fx.stat().st_size < 2_000_000:
            dest = src / "fixtures" / fx.relative_to(REPO / "tests" / "fixtures")
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(fx.read_bytes())
    o1, o2 = tmp_path / "o1", tmp_path / "o2"
    s1 = run_batch([str(src)], o1, BatchOptions(jobs=1, emit_text=True, quiet=True, timeout=120))
    s2 = run_batch([str(src)], o2, BatchOptions(jobs=2, emit_text=True, quiet=True, timeout=120))
    t1, t2 = _tree(o1), _tree(o2)
    assert s1.files == s2.files >= 12
    assert t1.keys() == t2.keys()
    # a folder keeps its own name in OUTDIR
    assert "reports/2015/report_00.txt.json" in t1 and "reports/2015/report_00.txt.text.txt" in t1
    for k in t1:
        assert t1[k] == t2[k], k
    assert [e["output"] for e in _manifest(o1)] == [e["output"] for e in _manifest(o2)]
    rec = json.loads(t1["reports/empty.txt.json"])
    assert rec["errors"][0]["code"] == "empty_file"


def test_timeout_crash_and_bug_get_records_and_run_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    names = ["a.txt", "b_hang.txt", "c.txt", "d_crash.txt", "e_segv.txt", "f.txt", "g_boom.txt", "h.txt"]
    for n in names:
        (src / n).write_text("内容 " + n, encoding="utf-8")
    out = tmp_path / "out"
    s = run_batch([str(src)], out, BatchOptions(jobs=2, timeout=1.5, quiet=True, extract_fn=f"{HOOK}:hook_normal"))
    codes = {}
    for n in names:
        rec = json.loads((out / "in" / (n + ".json")).read_text(encoding="utf-8"))
        assert rec["schema_version"] == SCHEMA_VERSION
        assert rec["source"]["path"].endswith(n)
        assert len(rec["source"]["sha256"]) == 64
        codes[n] = rec["errors"][0]["code"] if rec["errors"] else None
    assert codes == {"a.txt": None, "b_hang.txt": "timeout", "c.txt": None, "d_crash.txt": "worker_crashed",
                     "e_segv.txt": "worker_crashed", "f.txt": None, "g_boom.txt": "internal_error", "h.txt": None}
    assert s.ok == 4 and s.errors == 4
    assert s.error_codes == {"timeout": 1, "worker_crashed": 2, "internal_error": 1}
    m = _manifest(out)
    assert sorted(e["output"] for e in m) == sorted("in/" + n + ".json" for n in names)
    assert {e["output"]: e["error"] for e in m}["in/b_hang.txt.json"] == "timeout"
    # the cause is kept, and each crash was tried twice before it was recorded
    msg = {n: json.loads((out / "in" / (n + ".json")).read_text(encoding="utf-8"))["errors"][0]["message"]
           for n in ("d_crash.txt", "e_segv.txt")}
    assert "twice" in msg["d_crash.txt"] and "exit code 3; then exit code 3" in msg["d_crash.txt"]
    assert "killed by SIGSEGV (signal 11); then killed by SIGSEGV" in msg["e_segv.txt"]


def hook_crash_once(path, display, options, want_text):
    """Dies the first time it sees a file named *flaky* (a marker file remembers), then works:
    a crash that a second try in a fresh worker gets past."""
    name = os.path.basename(path)
    marker = path + ".crashed"
    if "flaky" in name and not os.path.exists(marker):
        with open(marker, "w"):
            pass
        os.kill(os.getpid(), signal.SIGKILL)
    return _fake_record(path, display), None, {}


def test_a_worker_crash_is_retried_once_in_the_same_run(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in ("a.txt", "flaky.txt", "b.txt"):
        (src / n).write_text("内容 " + n, encoding="utf-8")
    out = tmp_path / "out"
    s = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_crash_once"))
    assert (src / "flaky.txt.crashed").exists()        # it did crash once
    assert s.ok == 3 and s.errors == 0 and s.processed == 3
    rec = json.loads((out / "in" / "flaky.txt.json").read_text(encoding="utf-8"))
    assert rec["errors"] == []
    assert [e["status"] for e in _manifest(out)] == ["ok"] * 3


def test_crash_cause_names_the_signal():
    assert batch.crash_cause(-9).startswith("killed by SIGKILL (signal 9)")
    assert "out of memory" in batch.crash_cause(-9)
    assert batch.crash_cause(-11) == "killed by SIGSEGV (signal 11)"
    assert batch.crash_cause(3) == "exit code 3"


def test_memory_ceiling_gives_too_large(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in ("a.txt", "b_hog.txt", "c.txt"):
        (src / n).write_text("内容", encoding="utf-8")
    out = tmp_path / "out"
    s = run_batch([str(src)], out, BatchOptions(jobs=1, timeout=60, max_memory_mb=300, quiet=True,
                                                extract_fn=f"{HOOK}:hook_normal"))
    rec = json.loads((out / "in" / "b_hog.txt.json").read_text(encoding="utf-8"))
    assert rec["errors"][0]["code"] == "too_large"
    assert s.ok == 2 and s.error_codes == {"too_large": 1}


def test_a_crash_after_a_file_stopped_at_the_ceiling_is_a_crash(tmp_path):
    """The file after a hog (already waiting in the worker's pipe) dies for its own reasons:
    it is a crash, retried once, not "ran out of memory" because of the hog's peak."""
    src = tmp_path / "in"
    src.mkdir()
    for n in ("a_near.txt", "b_crash.txt", "c.txt"):
        (src / n).write_text("内容", encoding="utf-8")
    out = tmp_path / "out"
    s = run_batch([str(src)], out, BatchOptions(jobs=1, timeout=60, max_memory_mb=200, quiet=True,
                                                extract_fn=f"{HOOK}:hook_near_then_oom"))
    errs = {n: json.loads((out / "in" / (n + ".json")).read_text(encoding="utf-8"))["errors"]
            for n in ("a_near.txt", "b_crash.txt", "c.txt")}
    assert errs["a_near.txt"][0]["code"] == "too_large"
    assert errs["b_crash.txt"][0]["code"] == "worker_crashed"
    assert "twice (exit code 3; then exit code 3)" in errs["b_crash.txt"][0]["message"]
    assert errs["c.txt"] == [] and s.ok == 1


def test_workers_are_recycled(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(7):
        (src / f"{i}.txt").write_text(f"文件{i}", encoding="utf-8")
    out = tmp_path / "out"
    s = run_batch([str(src)], out, BatchOptions(jobs=1, max_tasks_per_worker=2, quiet=True,
                                                extract_fn=f"{HOOK}:hook_pid"))
    pids = [json.loads((out / "in" / f"{i}.txt.json").read_text())["values"]["pid"] for i in range(7)]
    assert len(set(pids)) == 4  # 2+2+2+1
    assert pids[0] == pids[1] != pids[2]
    assert s.worker_starts == 4 and s.ok == 7


def test_resume_skips_done_redoes_changed_and_force(tmp_path):
    src = tmp_path / "in"
    make_reports(src, 3)
    out = tmp_path / "out"
    opts = BatchOptions(jobs=2, quiet=True, extract_fn=f"{HOOK}:hook_pid")
    s1 = run_batch([str(src)], out, opts)
    assert s1.processed == 6 and s1.skipped == 0
    before = _tree(out)
    s2 = run_batch([str(src)], out, opts)
    assert s2.processed == 0 and s2.skipped == 6 and s2.ok == 6
    assert _tree(out) == before
    (src / "2016" / "report_01.txt").write_text("改过的内容", encoding="utf-8")
    s3 = run_batch([str(src)], out, opts)
    assert s3.processed == 1 and s3.skipped == 5
    # an output from another schema version is redone
    p = out / "in" / "2015" / "page_00.html.json"
    rec = json.loads(p.read_text())
    rec["schema_version"] = SCHEMA_VERSION + 100
    p.write_text(json.dumps(rec))
    s4 = run_batch([str(src)], out, opts)
    assert s4.processed == 1
    assert json.loads(p.read_text())["schema_version"] == SCHEMA_VERSION
    s5 = run_batch([str(src)], out, BatchOptions(jobs=2, quiet=True, force=True, extract_fn=f"{HOOK}:hook_pid"))
    assert s5.processed == 6 and s5.skipped == 0
    m = _manifest(out)
    assert len(m) == 6 and len({e["output"] for e in m}) == 6
    assert all(e["schema_version"] == SCHEMA_VERSION and len(e["sha256"]) == 64 for e in m)
    assert {"path", "output", "sha256", "status", "error", "seconds", "schema_version"} <= set(m[0])


def test_retry_errors_and_emit_text_resume(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("内容", encoding="utf-8")
    (src / "b_boom.txt").write_text("内容", encoding="utf-8")
    out = tmp_path / "out"
    hook = f"{HOOK}:hook_normal"
    run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=hook))
    assert not (out / "in" / "a.txt.text.txt").exists()
    s = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=hook, emit_text=True))
    assert s.processed == 1 and (out / "in" / "a.txt.text.txt").read_text(encoding="utf-8").startswith("text of")
    s = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=hook, retry_errors=True))
    assert s.processed == 1 and s.error_codes == {"internal_error": 1}


def test_leftover_temp_files_are_removed_and_lock_is_exclusive(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("内容", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "in").mkdir()
    stale = out / "in" / f".a.txt.json.123.abcd{batch.TMP_MARK}"
    stale.write_text("{half")
    run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_pid"))
    assert not stale.exists()
    fd = os.open(out / batch.LOCK_FILE, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(batch.BatchError):
            run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_pid"))
    finally:
        os.close(fd)


def _check_complete(src: Path, out: Path, n: int):
    outs = sorted(p for p in out.rglob("*.json"))
    assert len(outs) == n
    for p in outs:
        rec = json.loads(p.read_text(encoding="utf-8"))  # every output is whole, valid JSON
        assert rec["schema_version"] == SCHEMA_VERSION
    assert not [p for p in out.rglob("*") if p.name.endswith(batch.TMP_MARK)]
    m = _manifest(out)
    assert len(m) == n and len({e["output"] for e in m}) == n
    inputs = {src.name + "/" + p.relative_to(src).as_posix() + ".json" for p in src.rglob("*.txt")}
    assert {e["output"] for e in m} == inputs == {p.relative_to(out).as_posix() for p in outs}


@pytest.mark.parametrize("kill_after_lines", [0, 4])
def test_kill_9_then_rerun_gives_exactly_one_output_per_input(tmp_path, kill_after_lines):
    src = tmp_path / "in"
    for i in range(24):
        d = src / f"d{i % 3}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{i:02d}.txt").write_text(f"第{i}号报告", encoding="utf-8")
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), str(Path(__file__).parent)]))
    cmd = [sys.executable, str(REPO / "cli.py"), "extract", str(src), "-o", str(out), "--jobs", "2",
           "--emit-text", "--quiet", "--extract-fn", "test_batch:hook_slow"]
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    man = out / batch.MANIFEST
    while time.monotonic() < deadline and proc.poll() is None:
        lines = man.read_bytes().count(b"\n") if man.exists() else 0
        if lines >= kill_after_lines and (out / batch.LOCK_FILE).exists():
            break
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole run: parent, forkserver, workers
    proc.wait(10)
    time.sleep(0.2)
    done_before = len(list(out.rglob("*.txt.json"))) if out.exists() else 0
    assert done_before < 24  # the kill landed mid-run
    r = subprocess.run(cmd, env=env, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    _check_complete(src, out, 24)
    for p in out.rglob("*.txt.json"):
        assert (p.parent / (p.name[:-5] + ".text.txt")).read_text() == "t"


def test_summary_says_nothing_was_found_and_points_to_retry_errors(tmp_path):
    """An empty folder is not a silent success, and errors kept from an earlier run say how
    to redo them."""
    from extractor.batch import BatchOptions, run_batch

    empty = tmp_path / "empty"
    empty.mkdir()
    s = run_batch([str(empty)], tmp_path / "o1", BatchOptions(jobs=1, quiet=True))
    assert s.files == 0 and "nothing to extract" in s.text()
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("主动公开政府信息" * 400, encoding="utf-8")
    first = run_batch([str(src)], tmp_path / "o2", BatchOptions(jobs=1, quiet=True, max_bytes=1024))
    assert first.errors == 1 and "--retry-errors" not in first.text()
    again = run_batch([str(src)], tmp_path / "o2", BatchOptions(jobs=1, quiet=True, max_bytes=1024))
    assert again.skipped == 1 and again.skipped_errors == 1 and "add --retry-errors" in again.text()


def test_a_forked_worker_adopts_the_jieba_state_it_inherited(monkeypatch):
    # the worker marks an inherited jieba dictionary as its own (wordcut.STATE), so the user
    # dictionary is not added twice; a name that silently stops pointing at the state breaks it
    import os

    from extractor import wordcut
    from extractor.batch.worker import _adopt_inherited_state

    monkeypatch.setitem(wordcut.STATE, "jieba", True)
    monkeypatch.setitem(wordcut.STATE, "pid", os.getpid() + 1)   # loaded by another process
    _adopt_inherited_state()
    assert wordcut.STATE["pid"] == os.getpid()
