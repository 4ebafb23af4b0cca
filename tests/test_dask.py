"""``zwgk extract --engine dask``: the same outputs, manifest, error records and resume as the
local pool, on a LocalCluster and on a scheduler and workers started as separate processes
(one killed mid-run); fsspec URLs; the partitioned Parquet export. Everything on 127.0.0.1."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the Dask engine needs the [dask] extra")
fsspec = pytest.importorskip("fsspec", reason="the Dask engine needs the [dask] extra")

from extractor import batch, output  # noqa: E402  (output: imported before a hook's timeout runs)
from extractor.batch import BatchOptions, run_batch  # noqa: E402
from extractor.dask_engine import DaskOptions, run_extract  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
REAL = REPO.parent / "shared" / "corpus" / "real"
HOOK = __name__  # the workers' children import this module by name (tests/ is on their path)


# ---------------------------------------------------------------- hooks run in the per-file child

def hook_slow_real(path, display, options, want_text):
    """The real pipeline, a little slower: a run lasts long enough to kill a worker in it."""
    time.sleep(0.1)
    return batch.default_extract(path, display, options, want_text)


def hook_faults(path, display, options, want_text):
    name = os.path.basename(path)
    if "hang" in name:
        time.sleep(600)
    if "crash" in name:
        os._exit(3)
    if "hog" in name:
        hog = []
        for _ in range(400):           # up to 4 GB, 10 MB at a time
            hog.append(bytearray(10 * 1024 * 1024))
            time.sleep(0.005)
    rec = output.error_json(display, "x", "x", path=path)
    rec["errors"] = []
    rec["values"] = {"size": os.path.getsize(path)}
    return rec, ("text of " + display if want_text else None), {}


# ---------------------------------------------------------------- helpers

def tree(outdir: Path) -> dict[str, bytes]:
    """Every output file (manifest and lock aside), by relative path."""
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*"))
            if p.is_file() and p.name not in (batch.MANIFEST, batch.LOCK_FILE)
            and not p.name.endswith(batch.TMP_MARK)}


def manifest(outdir: Path) -> list[dict]:
    lines = (outdir / batch.MANIFEST).read_text(encoding="utf-8").splitlines()
    return [{k: v for k, v in json.loads(line).items() if k != "seconds"} for line in lines]


def assert_same_run(a: Path, b: Path) -> None:
    ta, tb = tree(a), tree(b)
    assert sorted(ta) == sorted(tb)
    differ = [k for k in ta if ta[k] != tb[k]]
    assert not differ, f"outputs differ: {differ[:5]}"
    assert manifest(a) == manifest(b)


def copy_inputs(files: list[Path], dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy2(f, dest / f.name)
    return dest


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster of two single-threaded worker processes, as ``--engine dask`` starts
    it (``LEAN_CONFIG``: the per-file children forked from a warm server), for the tests that
    connect to an address (starting one costs seconds)."""
    from extractor.dask_engine import local_cluster

    c = local_cluster(2)
    try:
        yield c.scheduler_address
    finally:
        c.close()


@pytest.fixture()
def daemonic_cluster():
    """A LocalCluster with Dask's default config: its workers are daemonic processes, whose
    per-file children are fresh interpreters started with subprocess."""
    from distributed import LocalCluster

    c = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                     dashboard_address="127.0.0.1:0")
    try:
        yield c.scheduler_address
    finally:
        c.close()


@pytest.fixture(scope="module")
def corpus_reference(tmp_path_factory):
    """The bundled corpus through the local pool with two workers: the reference."""
    out = tmp_path_factory.mktemp("ref") / "out"
    s = run_batch([str(CORPUS)], out, BatchOptions(jobs=2, quiet=True))
    assert s.files > 20 and s.ok == s.files
    return out


# ---------------------------------------------------------------- LocalCluster

def test_cli_localcluster_same_as_jobs2_then_resumes(tmp_path, corpus_reference):
    out = tmp_path / "out"
    cmd = [sys.executable, str(REPO / "cli.py"), "extract", str(CORPUS), "-o", str(out), "--engine", "dask",
           "--jobs", "2", "--progress", "lines"]
    r = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert_same_run(out, corpus_reference)
    # progress on the client: files done, errors, files/s and ETA; and the cluster it ran on
    assert "LocalCluster: 2 workers" in r.stderr
    last = [ln for ln in r.stderr.splitlines() if "files/s" in ln][-1]
    n = len(tree(corpus_reference))
    assert last.startswith(f"zwgk: {n}/{n} files, 0 errors,") and "ETA" in last
    # a rerun skips everything (the outputs are the truth) and rewrites nothing
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    r2 = subprocess.run(cmd[:-2] + ["--progress", "none"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r2.returncode == 0, r2.stderr
    assert f"{n} skipped (already done)" in r2.stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.json")} == before
    assert_same_run(out, corpus_reference)


def _workers(address: str) -> list[str]:
    from distributed import Client

    with Client(address) as c:
        return list(c.nthreads())


@pytest.mark.skipif(not REAL.is_dir(), reason="the dev set ../shared/corpus/real is not here")
def test_real_reports_same_as_jobs2(tmp_path, cluster):
    # every born-digital rendering (the scans are left out: OCR stops at a time budget, so a
    # scan's output may depend on the machine's load, whichever engine runs it)
    files = sorted(str(p) for p in REAL.iterdir()
                   if p.suffix in (".txt", ".html", ".docx", ".pdf") and ".scan." not in p.name)
    assert len(files) > 150
    ref = tmp_path / "ref"
    s0 = run_batch(files, ref, BatchOptions(jobs=2, quiet=True))
    out = tmp_path / "out"
    s = run_batch(files, out, DaskOptions(scheduler=cluster, quiet=True))
    assert (s.ok, s.errors, s.needs_ocr) == (s0.ok, s0.errors, s0.needs_ocr)
    assert_same_run(out, ref)
    # each worker started one warm child for all its files (the plugin), not one per file
    assert s.worker_starts == 2
    assert sorted(s.worker_peak_rss_mb) == sorted(_workers(cluster))


@pytest.mark.parametrize("children", ["forked", "subprocess"])
def test_timeout_crash_and_memory_ceiling_give_the_local_pool_records(tmp_path, children, request):
    cluster = request.getfixturevalue("cluster" if children == "forked" else "daemonic_cluster")
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "b_hang.txt", "c_crash.txt", "d_hog.txt", "e.txt", "f.txt"):
        (src / name).write_text(f"{name} 2019年主动公开政府信息12条。", encoding="utf-8")
    opts = dict(timeout=3, max_memory_mb=300, quiet=True, extract_fn=f"{HOOK}:hook_faults")
    ref = tmp_path / "ref"
    run_batch([str(src)], ref, BatchOptions(jobs=2, **opts))
    out = tmp_path / "out"
    s = run_batch([str(src)], out, DaskOptions(scheduler=cluster, **opts))
    assert dict(s.error_codes) == {"timeout": 1, "worker_crashed": 1, "too_large": 1} and s.ok == 3
    got, want = tree(out), tree(ref)
    assert sorted(got) == sorted(want)
    # the hog is stopped by RLIMIT_AS inside the child or by the RSS watch, whichever is first:
    # the code is the same, the message says which
    for k in got:
        if "hog" in k:
            assert json.loads(got[k])["errors"][0]["code"] == "too_large"
        else:
            assert got[k] == want[k], k
    assert json.loads(got["in/b_hang.txt.json"])["errors"][0]["message"] == "no result within 3 s"
    # a rerun skips them all (errors are redone with --retry-errors only)
    s2 = run_batch([str(src)], out, DaskOptions(scheduler=cluster, **opts))
    assert s2.skipped == 6 and s2.errors == 3 and s2.processed == 0
    # the Dask workers survived their files: the next run on the same cluster works
    s3 = run_batch([str(src / "a.txt")], tmp_path / "out3", DaskOptions(scheduler=cluster, **opts))
    assert s3.ok == s3.files == 1


# ---------------------------------------------------------------- separate processes, one killed

def _start(cmd, **kw):
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, **kw)


def _stop(p):
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    p.wait(10)


def test_separate_scheduler_two_workers_one_killed_mid_run(tmp_path, corpus_reference):
    dask_bin = shutil.which("dask") or pytest.skip("no `dask` command")
    sched_file = tmp_path / "scheduler.json"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), str(REPO / "tests")]))
    procs = [_start([dask_bin, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(sched_file)], env=env)]
    try:
        deadline = time.monotonic() + 60
        while not sched_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert sched_file.exists(), "the scheduler did not start"
        # the first worker (the one killed) not daemonic: its children are forked from a warm
        # server; the other's are fresh interpreters (Dask's default: a daemonic worker)
        for k in range(2):
            wenv = dict(env, DASK_DISTRIBUTED__WORKER__DAEMON="False") if k == 0 else env
            procs.append(_start([dask_bin, "worker", "--scheduler-file", str(sched_file), "--host", "127.0.0.1",
                                 "--nthreads", "1", "--nworkers", "1", "--no-dashboard"], env=wenv, cwd=tmp_path))
        from distributed import Client

        with Client(scheduler_file=str(sched_file), timeout=60) as c:
            c.wait_for_workers(2, timeout=60)
        out = tmp_path / "out"
        cmd = [sys.executable, str(REPO / "cli.py"), "extract", str(CORPUS), "-o", str(out), "--engine", "dask",
               "--scheduler-file", str(sched_file), "--extract-fn", f"{HOOK}:hook_slow_real", "--progress", "none"]
        run = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # kill one worker (its nanny, the worker and the child) once a few files are recorded
        n = len(tree(corpus_reference))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and run.poll() is None:
            m = out / batch.MANIFEST
            if m.exists() and len(m.read_bytes().splitlines()) >= 4:
                break
            time.sleep(0.05)
        done_at_kill = len((out / batch.MANIFEST).read_bytes().splitlines())
        assert run.poll() is None and done_at_kill < n, "the run ended before a worker could be killed"
        _stop(procs[1])
        written = {p: p.stat().st_ino for p in out.rglob("*.json")}  # every rewrite is a new inode
        _stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
        assert f"{n} files: {n} ok" in stderr
        # nothing lost, nothing twice: every input once in the manifest, outputs byte-identical,
        # and no output that was there when the worker died was written again (tasks of the dead
        # worker that had written a file read it back instead)
        assert_same_run(out, corpus_reference)
        assert len(written) >= done_at_kill
        assert {p: p.stat().st_ino for p in written} == written
        # and a rerun on the remaining worker resumes: nothing left to do
        r = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0 and f"{n} skipped (already done)" in r.stderr
    finally:
        for p in reversed(procs):
            _stop(p)


# ---------------------------------------------------------------- fsspec URLs

def _norm(data: bytes) -> dict:
    rec = json.loads(data)
    rec["source"]["path"] = os.path.basename(rec["source"]["path"])
    return rec


def test_memory_urls_in_and_out_then_resume(tmp_path, cluster):
    files = sorted(p for p in CORPUS.iterdir() if p.name.startswith(("a51", "a52")) and not p.name.endswith(".json"))
    local = copy_inputs(files, tmp_path / "corpus")
    ref = tmp_path / "ref"
    run_batch([str(local)], ref, BatchOptions(jobs=2, quiet=True))
    mem = fsspec.filesystem("memory")
    for f in files:
        mem.pipe_file(f"/zwgk-test/in/corpus/{f.name}", f.read_bytes())
    try:
        s = run_extract(["memory://zwgk-test/in/corpus"], "memory://zwgk-test/out", DaskOptions(scheduler=cluster, quiet=True))
        assert s.ok == s.files == len(files)
        assert s.worker_starts == 2  # one warm child per worker
        want = tree(ref)
        got = {p[len("/zwgk-test/out/"):]: mem.cat_file(p) for p in mem.find("/zwgk-test/out")}
        assert batch.MANIFEST in got and batch.LOCK_FILE not in got
        assert sorted(k for k in got if k != batch.MANIFEST) == sorted(want)
        for k in want:  # the same records; source.path is the URL instead of the local path
            assert _norm(got[k]) == _norm(want[k]), k
            assert json.loads(got[k])["source"]["path"] == "memory://zwgk-test/in/corpus/" + k.split("/", 1)[1][:-5]
        entries = [json.loads(line) for line in got[batch.MANIFEST].decode().splitlines()]
        assert {e["input"] for e in entries} == {f"memory://zwgk-test/in/corpus/{f.name}" for f in files}
        # a rerun fetches the earlier results and skips every file
        s2 = run_extract(["memory://zwgk-test/in/corpus"], "memory://zwgk-test/out",
                         DaskOptions(scheduler=cluster, quiet=True))
        assert s2.skipped == len(files) and s2.processed == 0
    finally:
        mem.rm("/zwgk-test", recursive=True)


def test_file_urls_are_local_paths(tmp_path, corpus_reference):
    local = copy_inputs(sorted(p for p in CORPUS.iterdir() if p.name.startswith("a51")), tmp_path / "corpus")
    ref = tmp_path / "ref"
    run_batch([str(local)], ref, BatchOptions(jobs=1, quiet=True))
    out = tmp_path / "out"
    s = run_extract([f"file://{local}"], f"file://{out}", BatchOptions(jobs=1, quiet=True))
    assert s.ok == s.files > 0
    assert_same_run(out, ref)


# ---------------------------------------------------------------- partitioned export

def test_export_parquet_partitioned_by_year(tmp_path, corpus_reference):
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    from extractor import export

    flat = export.export(corpus_reference, "parquet", tmp_path / "flat" / "r")
    part = export.export(corpus_reference, "parquet", tmp_path / "part" / "r", partition_by="year")
    assert [n for _p, n in flat] == [n for _p, n in part]
    wide = pq.read_table(tmp_path / "flat" / "r.wide.parquet").to_pylist()
    year_of = {r["doc_id"]: r["year"] for r in wide}
    assert len(set(year_of.values())) > 1
    written = [Path(p).name for p, _n in part]
    assert written == [Path(p).name for p, _n in flat] and "r.long.parquet" in written
    for name in written:
        t = name[len("r."):-len(".parquet")]
        d = tmp_path / "part" / name
        assert d.is_dir()
        got = ds.dataset(d, format="parquet", partitioning="hive").to_table()
        want = pq.read_table(tmp_path / "flat" / name)
        assert got.num_rows == want.num_rows
        if t == "data_dictionary":
            assert "year" not in got.schema.names
            continue
        # the partition folders hold each row under its document's year
        rows = got.to_pylist()
        if t in ("wide", "reports"):
            assert sorted(r["year"] for r in rows) == sorted(want.column("year").to_pylist())
        else:
            assert all(r["year"] == year_of[r["doc_id"]] for r in rows)
        assert {p.name for p in d.iterdir()} == ({f"year={y}" for y in {r["year"] for r in rows}}
                                                 or {"part-0.parquet"})  # an empty table: its schema
    # exported again over the first: replaced whole, no debris beside
    export.export(corpus_reference, "parquet", tmp_path / "part" / "r", partition_by="year")
    assert sorted(p.name for p in (tmp_path / "part").iterdir()) == sorted(written)
    with pytest.raises(export.ExportError):
        export.export(corpus_reference, "csv", tmp_path / "x", partition_by="year")


def test_url_listing_takes_the_include_exclude_globs(tmp_path):
    mem = fsspec.filesystem("memory")
    files = sorted(p for p in CORPUS.iterdir() if p.name.startswith("a51") and not p.name.endswith(".json"))
    for f in files:
        mem.pipe_file(f"/zwgk-globs/in/{f.name}", f.read_bytes())
    try:
        out = tmp_path / "out"
        s = run_extract(["memory://zwgk-globs/in"], str(out), BatchOptions(jobs=1, quiet=True, exclude=("*.pdf",)))
        want = sorted(f"in/{f.name}.json" for f in files if f.suffix != ".pdf")
        assert s.files == len(want) and sorted(tree(out)) == want
    finally:
        mem.rm("/zwgk-globs", recursive=True)
