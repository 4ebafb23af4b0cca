"""Workers forked from the main process (Linux): the memory ceiling counts a worker's own
memory, not the pages it shares with a large parent (a notebook, a test runner). Each run
happens in a fresh Python process that first grows itself past the ceiling, with a
time limit: a ceiling that counted the parent's pages would fail every file or respawn
workers without end, and the limit turns that into a failure instead of a hang."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.batch import pool

REPO = Path(__file__).resolve().parents[1]

# the per-file function of the runs below, importable by name in any worker
HOOKS = '''
import os, time

def hook(path, display, options, want_text):
    from extractor import output
    if "hog" in os.path.basename(path):
        hog = []
        for _ in range(400):           # up to 4 GB, 10 MB at a time, pages touched
            hog.append(bytearray(10 * 1024 * 1024))
            time.sleep(0.002)
    rec = output.error_json(display, "x", "x", path=path)
    rec["errors"] = []
    rec["values"] = {"ppid": os.getppid(), "pid": os.getpid()}
    return rec, None, {}
'''

# grow this process past the ceiling (pages touched, so they are resident), then run a batch
RUN = '''
import json, os, sys
ballast = bytearray(int(sys.argv[3]) * 1024 * 1024)
for i in range(0, len(ballast), 4096):
    ballast[i] = 1
from extractor.batch import BatchOptions, run_batch
extract_fn = "zwgk_fork_hooks:hook" if sys.argv[4] == "hook" else None
s = run_batch([sys.argv[1]], sys.argv[2], BatchOptions(jobs=2, timeout=60, max_memory_mb=int(sys.argv[5]),
              quiet=True, extract_fn=extract_fn))
with open("/proc/self/statm") as f:
    rss_mb = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
print(json.dumps({"ok": s.ok, "errors": s.error_codes, "starts": s.worker_starts, "pid": os.getpid(),
                  "rss_mb": rss_mb}))
'''

linux_fork = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="workers are forked from the main process on Linux only")


def _run(tmp_path: Path, src: Path, mode: str, ballast_mb: int, ceiling_mb: int) -> dict:
    (tmp_path / "zwgk_fork_hooks.py").write_text(HOOKS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(tmp_path), str(REPO)))}
    r = subprocess.run([sys.executable, "-c", RUN, str(src), str(tmp_path / "out"), str(ballast_mb), mode,
                        str(ceiling_mb)], capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def _outputs(tmp_path: Path) -> dict:
    return {p.name: json.loads(p.read_text(encoding="utf-8"))
            for p in (tmp_path / "out").rglob("*.json") if p.name != "manifest.json"}


@linux_fork
def test_a_parent_larger_than_the_ceiling_is_not_charged_to_its_workers(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    names = [f"r{i}.txt" for i in range(8)]
    for n in names:
        (src / n).write_text("内容 " + n, encoding="utf-8")
    res = _run(tmp_path, src, "hook", ballast_mb=320, ceiling_mb=200)
    assert res["rss_mb"] > 300                      # the parent really is past the ceiling
    assert res["ok"] == 8 and res["errors"] == {}   # every file done, none too large
    assert res["starts"] == 2                       # no worker retired for the parent's pages
    recs = _outputs(tmp_path)
    assert sorted(recs) == sorted(n + ".json" for n in names)
    assert {r["values"]["ppid"] for r in recs.values()} == {res["pid"]}  # (forked from it)


@linux_fork
def test_a_file_over_the_ceiling_is_still_too_large_in_a_large_parent(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in ("a.txt", "b_hog.txt", "c.txt", "d.txt", "e.txt", "f.txt"):
        (src / n).write_text("内容 " + n, encoding="utf-8")
    res = _run(tmp_path, src, "hook", ballast_mb=320, ceiling_mb=200)
    assert res["ok"] == 5 and res["errors"] == {"too_large": 1}
    # the two workers, and a replacement if the hog's worker was killed rather than
    # stopped by its own allocation limit (which of the two is a matter of timing)
    assert res["starts"] in (2, 3)
    assert _outputs(tmp_path)["b_hog.txt.json"]["errors"][0]["code"] == "too_large"


REPORT = """某县人民政府办公室{y}年政府信息公开工作年度报告
一、总体情况
{y}年，本机关主动公开政府信息{a}条，收到政府信息公开申请{c}件，均按时办结。
二、行政复议和行政诉讼情况
因政府信息公开被申请行政复议{d}件，被提起行政诉讼0件。
"""


@linux_fork
def test_a_real_batch_in_a_large_parent_reads_as_a_one_file_run(tmp_path):
    """The whole pipeline, warmed in a parent grown past the ceiling (a batch of more than
    a handful of files), gives the records a one-file run gives."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"r{i}.txt").write_text(REPORT.format(y=2014 + i, a=100 + i, c=3 + i, d=i % 2), encoding="utf-8")
    res = _run(tmp_path, src, "pipeline", ballast_mb=320, ceiling_mb=250)
    assert res["ok"] == 6 and res["errors"] == {}
    assert res["starts"] == 2
    from extractor import extract

    for name, rec in _outputs(tmp_path).items():
        one = extract(str(src / name[:-len(".json")]))
        assert rec["values"] == one["values"] and rec["values"]
