"""Issue 12, batch part: a batch that never loses, overwrites or escapes.

Output paths keep the input root's name and never map two inputs to one output
(collisions refused per file, a seeded property test over random trees); zwgk never
reads its own outputs back; scans without OCR get status ``needs_ocr`` and are retried;
write faults are per-file records (injected OSError; a real 300k tmpfs inside
``unshare -m`` when permitted); no write leaves OUTDIR through a symlink; workers die
with the main process; the summary names failed files and the exit code says whether
every file is ok."""
from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import batch, cli
from extractor.atomic import OutDir
from extractor.batch import BatchOptions, discover, run_batch

REPO = Path(__file__).resolve().parents[1]
HOOK = __name__  # workers import this module by the same name (sys.path is passed on)
FIX = REPO / "tests" / "fixtures"

REPORT = "{year}年，本机关主动公开政府信息{n}条，收到政府信息公开申请{m}件。\n"


def _env():
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), str(Path(__file__).parent)]))


def _cli(*args, cwd=None, timeout=300):
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout, env=_env())


def _manifest(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / batch.MANIFEST).read_text(encoding="utf-8").splitlines()]


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink())


# ---------------------------------------------------------------- hooks run inside workers

def _record(path, display, values=None, warnings=(), facts=()):
    from extractor import output

    rec = output.error_json(display, "x", "x", path=path)
    rec["errors"] = []
    rec["values"] = dict(values or {})
    rec["facts"] = list(facts)
    rec["warnings"] = list(warnings)
    return rec


def hook_echo(path, display, options, want_text):
    """The record says which input it came from (to check nothing was overwritten)."""
    with open(path, "rb") as f:
        content = f.read().decode("utf-8", "replace")
    return _record(path, display, {"content": content}), ("text of " + display if want_text else None), {}


def hook_no_ocr(path, display, options, want_text):
    """The real pipeline with OCR switched off: what a machine without an OCR engine gives."""
    return batch.default_extract(path, display, {**options, "ocr": False}, want_text)


def hook_ocr_engine(path, display, options, want_text):
    """As if an OCR engine were there now: the scan gives a fact."""
    fact = {"key": "proactive.total", "value": 1234, "unit": "条", "page": 1}
    return _record(path, display, {"proactive.total": 1234}, [{"code": "ocr_used", "message": "OCR"}],
                   [fact]), None, {}


def hook_faulty_writes(path, display, options, want_text):
    """Outputs whose name says so fail to be written: ENOSPC ("full") or EACCES ("ro")."""
    real = batch.worker.write_outputs  # (patched where the worker calls it)
    if not getattr(real, "faulty", False):
        def faulty(outdir_real, rel_json, rel_text, rec, text):
            name = rel_json.rsplit("/", 1)[-1]
            if "full" in name:
                raise OSError(errno.ENOSPC, "No space left on device")
            if "_ro." in name:
                raise PermissionError(errno.EACCES, "Permission denied")
            return real(outdir_real, rel_json, rel_text, rec, text)

        faulty.faulty = True
        batch.worker.write_outputs = faulty
    return hook_echo(path, display, options, want_text)


def hook_big(path, display, options, want_text):
    """A 40 KB record per file: a 300k tmpfs is full after a handful."""
    rec, text, st = hook_echo(path, display, options, want_text)
    rec["values"]["padding"] = "x" * 40_000
    return rec, text, st


def hook_hang(path, display, options, want_text):
    """Note this worker's pid, then work forever (as a hung parser would)."""
    d = os.environ["ZWGK_TEST_PIDS"]
    with open(os.path.join(d, f"{os.getpid()}.pid"), "w") as f:
        f.write(str(os.getppid()))
    while True:
        sum(range(10_000))


# ---------------------------------------------------------------- 1. output paths

def _write(p: Path, text: str) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_two_runs_into_one_outdir_keep_both_folders(tmp_path):
    """Issue: `extract Y2016 -o o12` then `extract Y2017 -o o12`, both holding report.txt:
    the 2017 run overwrote the 2016 output and the manifest lost it."""
    _write(tmp_path / "Y2016" / "report.txt", REPORT.format(year=2016, n=16, m=1))
    _write(tmp_path / "Y2017" / "report.txt", REPORT.format(year=2017, n=17, m=2))
    out = tmp_path / "o12"
    for y in ("Y2016", "Y2017"):
        s = run_batch([str(tmp_path / y)], out, BatchOptions(jobs=1, quiet=True))
        assert s.ok == 1 and s.errors == 0
    r16 = json.loads((out / "Y2016" / "report.txt.json").read_text(encoding="utf-8"))
    r17 = json.loads((out / "Y2017" / "report.txt.json").read_text(encoding="utf-8"))
    assert r16["values"]["proactive.total"] == 16 and r17["values"]["proactive.total"] == 17
    assert sorted(e["output"] for e in _manifest(out)) == ["Y2016/report.txt.json", "Y2017/report.txt.json"]


def test_several_roots_each_under_their_own_name_files_at_top_and_dot(tmp_path, monkeypatch):
    """Issue: with `extract Y2016 Y2017 -o o`, files of one folder landed at the top and in
    a sub-folder inconsistently."""
    for y in ("Y2016", "Y2017"):
        _write(tmp_path / "reports" / y / "report.txt", "x")
        _write(tmp_path / "reports" / y / "sub" / "a.txt", "x")
    _write(tmp_path / "single.txt", "x")
    items = discover([str(tmp_path / "reports" / "Y2016"), str(tmp_path / "reports" / "Y2017"),
                      str(tmp_path / "single.txt")])
    assert [i.out_json for i in items] == [
        "Y2016/report.txt.json", "Y2016/sub/a.txt.json", "Y2017/report.txt.json", "Y2017/sub/a.txt.json",
        "single.txt.json"]
    assert not any(i.collision for i in items)
    # "." is named after the folder it stands for; "reports/./" and "reports" are the same root
    monkeypatch.chdir(tmp_path / "reports")
    assert [i.out_json for i in discover(["."])][:1] == ["reports/Y2016/report.txt.json"]
    assert [i.out_json for i in discover(["../reports/./Y2016/"])] == [
        "Y2016/report.txt.json", "Y2016/sub/a.txt.json"]


def test_same_named_inputs_collide_per_file_and_nothing_is_overwritten(tmp_path):
    a = _write(tmp_path / "a" / "2016" / "report.txt", "甲")
    _write(tmp_path / "b" / "2016" / "report.txt", "乙")
    _write(tmp_path / "b" / "2016" / "other.txt", "丙")
    c = _write(tmp_path / "c" / "report.txt", "丁")
    d = _write(tmp_path / "d" / "report.txt", "戊")
    out = tmp_path / "out"
    hook = f"{HOOK}:hook_echo"
    s = run_batch([str(tmp_path / "a" / "2016"), str(tmp_path / "b" / "2016"), str(c), str(d), str(a)], out,
                  BatchOptions(jobs=1, quiet=True, extract_fn=hook))
    assert s.files == 5 and s.ok == 3 and s.error_codes == {"output_collision": 2}   # a: once
    assert json.loads((out / "2016" / "report.txt.json").read_text())["values"]["content"] == "甲"
    assert json.loads((out / "2016" / "other.txt.json").read_text())["values"]["content"] == "丙"
    assert json.loads((out / "report.txt.json").read_text())["values"]["content"] == "丁"  # given directly
    coll = [e for e in _manifest(out) if e["error"] == "output_collision"]
    assert [e["path"] for e in coll] == [str(tmp_path / "b" / "2016" / "report.txt"), str(d)]
    assert coll[0]["output"] is None and coll[0]["wanted_output"] == "2016/report.txt.json"
    assert "a/2016/report.txt" in coll[0]["message"]
    # a later run from another folder of the same name: refused, the first result kept
    s = run_batch([str(tmp_path / "b" / "2016")], out, BatchOptions(jobs=1, quiet=True, extract_fn=hook))
    assert s.error_codes == {"output_collision": 1} and s.ok == 1
    assert json.loads((out / "2016" / "report.txt.json").read_text())["values"]["content"] == "甲"
    # --force redoes, but never takes another input's output either
    s = run_batch([str(tmp_path / "b" / "2016")], out, BatchOptions(jobs=1, quiet=True, extract_fn=hook,
                                                                     force=True))
    assert s.error_codes == {"output_collision": 1}
    assert json.loads((out / "2016" / "report.txt.json").read_text())["values"]["content"] == "甲"
    # the manifest still owns both outputs of a's run
    owners = {e["output"]: e["input"] for e in _manifest(out) if e["output"]}
    assert owners["2016/report.txt.json"] == str(a)


def test_a_moved_folder_is_the_same_document_not_a_collision(tmp_path):
    _write(tmp_path / "old" / "2016" / "report.txt", "甲")
    out = tmp_path / "out"
    hook = f"{HOOK}:hook_echo"
    run_batch([str(tmp_path / "old" / "2016")], out, BatchOptions(jobs=1, quiet=True, extract_fn=hook))
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "2016").rename(tmp_path / "new" / "2016")
    s = run_batch([str(tmp_path / "new" / "2016")], out, BatchOptions(jobs=1, quiet=True, extract_fn=hook))
    assert s.ok == 1 and s.errors == 0


def test_input_next_to_a_folder_named_like_its_output(tmp_path):
    """Issue: an input a.txt next to a folder a.txt.json/ crashed the batch (IsADirectoryError)."""
    src = tmp_path / "in"
    _write(src / "a.txt", "甲")
    _write(src / "a.txt.json" / "b.txt", "乙")
    _write(src / "c.txt", "丙")
    out = tmp_path / "out"
    s = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_echo"))
    assert s.files == 3 and s.ok == 2 and s.error_codes == {"output_collision": 1}
    assert json.loads((out / "in" / "a.txt.json").read_text())["values"]["content"] == "甲"
    assert [e["path"] for e in _manifest(out) if e["error"]] == [str(src / "a.txt.json" / "b.txt")]
    # a folder already in OUTDIR where a file's output goes (a file given directly)
    (out / "c.txt.json").mkdir()
    (out / "c.txt.json" / "keep").write_text("mine")
    s = run_batch([str(src / "c.txt")], out, BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_echo"))
    assert s.error_codes == {"output_collision": 1}
    assert (out / "c.txt.json" / "keep").read_text() == "mine"


# the names a random tree draws from: ones that escape, collide after escaping, are long,
# look like outputs or like other inputs' outputs
_NAMES = ["a.txt", "a.txt.json", "a.txt.text.txt", "b.TXT", "%41.txt", "A.txt", "x y.html", "..txt", "名.txt",
          "名" * 90 + ".txt", "名" * 90 + "x.txt", "r.pdf", "r.pdf.json", "manifest.jsonl", "c\x01.txt",
          "d%2Fe.txt", "2016", "out", "_root", "p.zip", "p.zip.json", "报告", "报告.json"]


def _random_tree(rng: random.Random, root: Path, n: int) -> None:
    for _ in range(n):
        depth = rng.randint(0, 3)
        parts = [rng.choice(_NAMES) for _ in range(depth)] + [rng.choice(_NAMES)]
        p = root.joinpath(*parts)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            if p.exists():
                continue
            if p.suffix == ".zip":      # a zip whose members may clash with files and folders beside it
                import zipfile

                with zipfile.ZipFile(p, "w") as z:
                    for _ in range(rng.randint(0, 4)):
                        name = "/".join(rng.choice(_NAMES) for _ in range(rng.randint(1, 3)))
                        try:
                            z.writestr(name, rng.randbytes(rng.randint(1, 40)))
                        except ValueError:
                            pass
            elif not p.suffix:          # without extension: Chinese text is sniffed and taken
                p.write_text("本机关主动公开政府信息一百二十条，收到政府信息公开申请三十五件。" * rng.randint(0, 2),
                             encoding="utf-8")
            else:
                p.write_bytes(rng.randbytes(rng.randint(0, 40)))
        except (OSError, ValueError):  # a name is already a file on the way: skip it
            continue


def test_property_no_two_inputs_share_an_output(tmp_path):
    """Seeded random trees (several roots, some of the same name, files given directly):
    every input gets an output no other input has, and no output is a folder on the
    way to another; the ones refused are refused because an earlier input holds it."""
    rng = random.Random(20261206)
    for case in range(60):
        base = tmp_path / f"c{case}"
        roots = []
        for k in range(rng.randint(1, 3)):
            root = base / f"p{k}" / rng.choice(["2016", "2017", "reports"])
            root.mkdir(parents=True, exist_ok=True)
            _random_tree(rng, root, rng.randint(1, 25))
            roots.append(str(root))
        direct = [str(p) for p in base.rglob("*") if p.is_file()]
        inputs = roots + rng.sample(direct, min(len(direct), rng.randint(0, 3)))
        staging = tmp_path / f"s{case}"
        staging.mkdir()
        items = discover(inputs, staging=str(staging))       # zip members are inputs too
        taken: dict[str, str] = {}
        for it in items:
            outs = [it.out_json, it.out_text]
            parents = {"/".join(it.rel.split("/")[:i]) for i in range(1, it.rel.count("/") + 1)}
            clash = [o for o in outs if o in taken] + [d for d in parents if d in taken]
            clash += [o for o in outs for t in taken if t.startswith(o + "/")]
            if it.collision:
                assert clash, (case, it)
                continue
            assert not clash, (case, it, clash)
            for o in outs:
                taken[o] = it.display
            for d in parents:
                taken.setdefault(d + "/", it.display)   # a folder: only a prefix
        # and distinct inputs, each once
        assert len({os.path.abspath(i.path) for i in items}) == len(items)


def test_property_a_real_run_writes_one_output_per_input_and_reads_none_back(tmp_path):
    rng = random.Random(7)
    for case in range(4):
        base = tmp_path / f"c{case}"
        src = base / "reports"
        _random_tree(rng, src, 30)
        out = src / "zwgk_out"       # OUTDIR inside the input folder, the awkward case
        opts = BatchOptions(jobs=1, quiet=True, emit_text=True, extract_fn=f"{HOOK}:hook_echo")
        s1 = run_batch([str(src)], out, opts)
        files1 = _files(out)
        for e in _manifest(out):
            if e["output"]:
                rec = json.loads((out / e["output"]).read_text(encoding="utf-8"))
                assert rec["source"]["path"] == e["path"]         # its own input's record
        s2 = run_batch([str(src)], out, opts)
        assert s2.files == s1.files and s2.processed == s2.errors  # nothing new found, all ok skipped
        assert _files(out) == files1
        assert not [f for f in files1 if "zwgk_out" in f]


# ---------------------------------------------------------------- 2. own outputs never inputs

def test_extract_dot_into_a_folder_inside_three_times(tmp_path):
    """Issue: `cd reports; zwgk extract . -o out --emit-text` three times gave out/out/…"""
    rep = tmp_path / "reports"
    _write(rep / "a.txt", REPORT.format(year=2019, n=120, m=3))
    _write(rep / "2018" / "b.txt", REPORT.format(year=2018, n=80, m=2))
    for _ in range(3):
        r = _cli("extract", ".", "-o", "out", "--emit-text", "--jobs", "1", cwd=rep)
        assert r.returncode == 0, r.stderr
    assert _files(rep / "out") == [".zwgk.lock", "manifest.jsonl", "reports/2018/b.txt.json",
                                   "reports/2018/b.txt.text.txt", "reports/a.txt.json", "reports/a.txt.text.txt"]
    assert len(_manifest(rep / "out")) == 2
    # another zwgk output folder below the inputs, and text next to its JSON: not inputs
    r = _cli("extract", rep, "-o", tmp_path / "elsewhere", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    assert [e["path"] for e in _manifest(tmp_path / "elsewhere")] == [str(rep / "2018" / "b.txt"),
                                                                     str(rep / "a.txt")]
    # NAME.text.txt is zwgk's text only with NAME.json beside it
    _write(rep / "c.text.txt", "x")
    assert str(rep / "c.text.txt") in [i.path for i in discover([str(rep)])]
    _write(rep / "c.json", "{}")
    ignored = []
    assert str(rep / "c.text.txt") not in [i.path for i in discover([str(rep)], ignored=ignored)]
    assert str(rep / "c.text.txt") in ignored and str(rep / "out") + "/" in ignored


# ---------------------------------------------------------------- 3. scans without OCR

def test_scan_without_ocr_is_needs_ocr_and_a_plain_rerun_retries_it(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(FIX / "ocr" / "scan_report.pdf", src / "scan.pdf")
    _write(src / "a.txt", REPORT.format(year=2019, n=120, m=3))
    out = tmp_path / "out"
    opts = BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_no_ocr")
    s = run_batch([str(src)], out, opts)
    rec = json.loads((out / "in" / "scan.pdf.json").read_text(encoding="utf-8"))
    assert rec["errors"] == [] and rec["facts"] == []
    assert {w["code"] for w in rec["warnings"]} & {"needs_ocr", "ocr_unavailable"}
    assert batch.record_status(rec) == "needs_ocr"
    status = {e["output"]: e["status"] for e in _manifest(out)}
    assert status == {"in/scan.pdf.json": "needs_ocr", "in/a.txt.json": "ok"}
    assert s.ok == 1 and s.needs_ocr == 1 and s.errors == 0 and s.exit_code() == 1
    assert "needs_ocr: " + str(src / "scan.pdf") in s.text()
    s = run_batch([str(src)], out, opts)                  # still no engine: tried again
    assert s.processed == 1 and s.skipped == 1 and s.needs_ocr == 1
    s = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_ocr_engine"))
    assert s.processed == 1 and s.ok == 2 and s.exit_code() == 0   # an engine now: read
    s = run_batch([str(src)], out, opts)
    assert s.processed == 0 and s.skipped == 2                     # and then left alone


# ---------------------------------------------------------------- 4. faults are per-file records

def test_write_failures_are_recorded_and_retried(tmp_path):
    src = tmp_path / "in"
    for n in ("a.txt", "b_full.txt", "c.txt", "d_ro.txt", "e.txt"):
        _write(src / n, n)
    out = tmp_path / "out"
    s = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_faulty_writes"))
    assert s.files == 5 and s.ok == 3
    assert s.error_codes == {"disk_full": 1, "write_failed": 1}
    m = {e["path"].rsplit("/", 1)[-1]: e for e in _manifest(out)}
    assert m["b_full.txt"]["error"] == "disk_full" and m["d_ro.txt"]["error"] == "write_failed"
    assert "Permission denied" in m["d_ro.txt"]["message"]
    assert not (out / "in" / "b_full.txt.json").exists() and not (out / "in" / "d_ro.txt.json").exists()
    assert (out / "in" / "e.txt.json").exists()                      # the run went on
    assert not [p for p in out.rglob("*") if p.name.endswith(batch.TMP_MARK)]
    s = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_echo"))
    assert s.processed == 2 and s.skipped == 3 and s.ok == 5            # retried, not skipped
    assert {e["status"] for e in _manifest(out)} == {"ok"}


def test_a_read_only_subfolder_of_outdir_is_a_per_file_error(tmp_path, monkeypatch):
    src = tmp_path / "in"
    _write(src / "locked" / "a.txt", "甲")
    _write(src / "open" / "b.txt", "乙")
    real = OutDir.open_dir

    def deny(self, rel_dir, create=True):
        if rel_dir.endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(self, rel_dir, create)

    monkeypatch.setattr(OutDir, "open_dir", deny)
    out = tmp_path / "out"
    s = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_echo"))
    assert s.error_codes == {"write_failed": 1} and s.ok == 1
    assert s.failed == {"write_failed": [str(src / "locked" / "a.txt")]}


def test_manifest_that_cannot_be_written_stops_cleanly(tmp_path, monkeypatch, capsys):
    src = tmp_path / "in"
    for i in range(4):
        _write(src / f"{i}.txt", str(i))
    out = tmp_path / "out"
    real = batch.run._manifest_append  # (patched where the run calls it)
    calls = []

    def full(f, entry):
        calls.append(entry)
        if len(calls) >= 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(f, entry)

    monkeypatch.setattr(batch.run, "_manifest_append", full)
    monkeypatch.setattr(batch.OutDir, "write", _fail_manifest_rewrite(batch.OutDir.write))
    rc = cli.main(["extract", str(src), "-o", str(out), "--jobs", "1", "--extract-fn", f"{HOOK}:hook_echo"])
    err = capsys.readouterr().err
    assert rc == 3
    assert "Traceback" not in err and "stopped" in err and "run the same command again" in err
    monkeypatch.undo()
    rc = cli.main(["extract", str(src), "-o", str(out), "--jobs", "1", "--quiet", "--extract-fn",
                   f"{HOOK}:hook_echo"])
    assert rc == 0
    assert sorted(e["output"] for e in _manifest(out)) == [f"in/{i}.txt.json" for i in range(4)]


def test_a_manifest_line_cut_short_does_not_swallow_the_next(tmp_path, monkeypatch):
    """A full disk (or a kill) can cut the last manifest line short: the next run's first
    line must start a line of its own, or it would be lost with the cut one."""
    src = tmp_path / "in"
    _write(src / "a.txt", "甲")
    out = tmp_path / "out"
    opts = BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_echo")
    run_batch([str(src)], out, opts)
    with open(out / batch.MANIFEST, "ab") as f:
        f.write(b'{"path": "cut sho')
    _write(src / "b.txt", "乙")
    monkeypatch.setattr(batch.OutDir, "write", _fail_manifest_rewrite(batch.OutDir.write))
    with pytest.raises(batch.RunStopped):       # no compaction: the appended lines are what is left
        run_batch([str(src)], out, opts)
    assert sorted(batch.read_manifest(out)) == ["in/a.txt.json", "in/b.txt.json"]


def _fail_manifest_rewrite(real):
    def write(self, rel, data):
        if rel == batch.MANIFEST:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, rel, data)
    return write


def test_read_only_outdir_is_a_message_and_exit_2(tmp_path, monkeypatch, capsys):
    """Issue: an existing read-only OUTDIR gave a traceback from the lock file. (Injected:
    root ignores permission bits; the tmpfs test below uses a real read-only mount.)"""
    src = tmp_path / "in"
    _write(src / "a.txt", "甲")
    out = tmp_path / "out"
    out.mkdir()

    def ro(self, name, flags, mode=0o644):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(OutDir, "open_file", ro)
    rc = cli.main(["extract", str(src), "-o", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 2 and "cannot write to output folder" in err and "Traceback" not in err


_TMPFS_SCRIPT = r"""
set -u
d="$1"; src="$2"
mount -t tmpfs -o size=300k tmpfs "$d" || exit 77
run() { "$PY" "$REPO/cli.py" extract "$src" -o "$d/out" --jobs 1 --progress none \
        --extract-fn test_batch_safety:hook_big "$@"; }
run; echo "RC1=$?"
"$PY" -c 'import sys; print("MANIFEST", open(sys.argv[1]).read())' "$d/out/manifest.jsonl" 2>/dev/null
mount -o remount,size=20m "$d"
run; echo "RC2=$?"
"$PY" -c 'import glob, sys; print("JSONS", len(glob.glob(sys.argv[1] + "/out/in/*.json")))' "$d"
mkdir -p "$d/ro" && mount -t tmpfs -o size=100k,ro tmpfs "$d/ro"
"$PY" "$REPO/cli.py" extract "$src" -o "$d/ro" --jobs 1; echo "RC3=$?"
"""


def test_full_disk_and_read_only_mount_for_real(tmp_path):
    """`zwgk extract … -o` a 300k tmpfs: no traceback, failed files recorded (or a clean
    stop), a rerun with space finishes every file; a read-only mount: exit 2, a message."""
    if not shutil.which("unshare") or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode:
        pytest.skip("unshare -m is not permitted here")
    src = tmp_path / "in"
    for i in range(20):
        _write(src / f"{i:02d}.txt", REPORT.format(year=2019, n=i, m=1))
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    env = dict(_env(), REPO=str(REPO), PY=sys.executable)
    r = subprocess.run(["unshare", "-m", "sh", "-c", _TMPFS_SCRIPT, "sh", str(mnt), str(src)],
                       capture_output=True, text=True, env=env, timeout=600)
    if r.returncode == 77:
        pytest.skip("mounting a tmpfs is not permitted here")
    out = r.stdout + r.stderr
    assert "Traceback" not in out, out
    assert "RC1=1" in out or "RC1=3" in out, out
    assert "disk_full" in out or "no space" in out.lower(), out
    assert "RC2=0" in out and "JSONS 20" in out, out
    assert "RC3=2" in out and "cannot write to output folder" in out, out


# ---------------------------------------------------------------- 5. every write stays inside OUTDIR

def _plant(kind: str, out: Path, v: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    links = {
        "root_folder": (out / "I", v),                          # OUTDIR/<root name> -> outside
        "sub_folder": (out / "I" / "d0", v),                    # a folder on the way -> outside
        "sub_folder_tmp": (out / "I" / "d0", Path("/tmp")),
        "issue_d0": (out / "d0", Path("/tmp")),                 # the issue's placements (old layout)
        "escaped": (out / "_escaped", v),
        "manifest": (out / batch.MANIFEST, v / "m"),
        "lock": (out / batch.LOCK_FILE, v / "l"),
        "json": (out / "I" / "d0" / "x.txt.json", v / "j"),      # the final component
        "text": (out / "I" / "d0" / "x.txt.text.txt", v / "t"),
        "tmp_name": (out / "I" / "d0" / f".x.txt.json.{os.getpid()}.0000{batch.TMP_MARK}", v / "tmp"),
    }
    if kind == "all_of_the_issue":
        for k in ("issue_d0", "escaped", "manifest", "lock"):
            _plant(k, out, v)
        return
    link, target = links[kind]
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)


def _snapshot(p: Path) -> dict:
    return {q.relative_to(p).as_posix(): (q.read_bytes() if q.is_file() else None) for q in p.rglob("*")}


@pytest.mark.parametrize("kind", ["root_folder", "sub_folder", "sub_folder_tmp", "issue_d0", "escaped",
                                  "manifest", "lock", "json", "text", "tmp_name", "all_of_the_issue"])
def test_symlinks_in_outdir_never_lead_writes_outside(tmp_path, kind):
    src = tmp_path / "I"
    _write(src / "d0" / "x.txt", REPORT.format(year=2019, n=120, m=3))
    _write(src / "y.txt", REPORT.format(year=2019, n=7, m=1))
    v = tmp_path / "V"
    v.mkdir()
    (v / "keep").write_text("untouched")
    out = tmp_path / "O"
    _plant(kind, out, v)
    tmp_before = set(os.listdir("/tmp"))
    r = _cli("extract", src, "-o", out, "--emit-text", "--jobs", "1")
    assert "Traceback" not in r.stderr
    assert _snapshot(v) == {"keep": b"untouched"}, kind          # nothing written outside
    new_in_tmp = {n for n in set(os.listdir("/tmp")) - tmp_before if n.endswith((".json", ".text.txt"))}
    assert not new_in_tmp
    if kind in ("manifest", "lock", "all_of_the_issue"):
        assert r.returncode == 2 and "symbolic link" in r.stderr
        return
    m = _manifest(out)
    codes = {e["path"].rsplit("/", 1)[-1]: e["error"] for e in m}
    if kind in ("root_folder", "sub_folder", "sub_folder_tmp"):
        assert r.returncode == 1
        assert codes["x.txt"] == "output_collision"
        assert "outside the output folder" in next(e["message"] for e in m if e["error"])
    else:
        assert r.returncode == 0, r.stderr
        assert codes == {"x.txt": None, "y.txt": None}
        p = out / "I" / "d0" / "x.txt.json"
        assert p.is_file() and not p.is_symlink()
        assert json.loads(p.read_text(encoding="utf-8"))["values"]["proactive.total"] == 120


def test_a_symlink_inside_outdir_to_a_folder_inside_it_is_followed(tmp_path):
    src = tmp_path / "I"
    _write(src / "a.txt", "甲")
    out = tmp_path / "O"
    (out / "real").mkdir(parents=True)
    os.symlink(out / "real", out / "I")
    s = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_echo"))
    assert s.ok == 1 and (out / "real" / "a.txt.json").is_file()


# ---------------------------------------------------------------- 6. workers die with the main process

def _alive_pids(pids):
    import psutil

    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_workers_die_with_the_main_process(tmp_path, sig):
    psutil = pytest.importorskip("psutil")
    src = tmp_path / "in"
    for i in range(6):
        _write(src / f"{i}.txt", str(i))
    pids = tmp_path / "pids"
    pids.mkdir()
    env = dict(_env(), ZWGK_TEST_PIDS=str(pids))
    proc = subprocess.Popen([sys.executable, str(REPO / "cli.py"), "extract", str(src), "-o", str(tmp_path / "out"),
                             "--jobs", "2", "--quiet", "--timeout", "600", "--extract-fn",
                             f"{HOOK}:hook_hang"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        workers = [int(p.name.split(".")[0]) for p in pids.iterdir()]
        assert len(workers) == 2, "the workers did not start"
        family = {c.pid for c in psutil.Process(proc.pid).children(recursive=True)}
        assert set(workers) <= family
        os.kill(proc.pid, sig)
        proc.wait(60)
        deadline = time.monotonic() + 60       # a bound, not a speed: poll until they are gone
        while _alive_pids(family) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _alive_pids(family) == []
    finally:
        for pid in _alive_pids([proc.pid] + [int(p.name.split(".")[0]) for p in pids.iterdir()]):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def test_leftover_processes_of_an_earlier_run_are_stopped_by_a_rerun(tmp_path):
    """The main process of a run was killed and (where the parent-death signal is missing)
    a worker lived on: the lock file names it with its start time, so the rerun stops it
    before writing; a recorded pid now used by an unrelated process (another start time)
    is left alone."""
    psutil = pytest.importorskip("psutil")
    src = tmp_path / "in"
    _write(src / "a.txt", REPORT.format(year=2019, n=1, m=1))
    out = tmp_path / "out"
    out.mkdir()
    sleep = [sys.executable, "-c", "import time; time.sleep(600)"]
    leftover = subprocess.Popen(sleep)
    unrelated = subprocess.Popen(sleep)
    try:
        t_left = psutil.Process(leftover.pid).create_time()
        t_other = psutil.Process(unrelated.pid).create_time()
        (out / batch.LOCK_FILE).write_text(json.dumps({
            "pid": 999999999, "started": 1.0,
            "workers": {str(leftover.pid): [leftover.pid, t_left],
                        str(unrelated.pid): [unrelated.pid, t_other - 100.0]}}), encoding="utf-8")
        r = _cli("extract", src, "-o", out, "--jobs", "1", "--progress", "none")
        assert r.returncode == 0, r.stderr
        assert f"stopped 1 leftover process(es) of an earlier run into {out} (pids {leftover.pid})" in r.stderr
        assert leftover.wait(30) == -signal.SIGKILL
        assert unrelated.poll() is None            # not ours: still running
        # the lock file now records this run (its main process is gone again)
        rec = json.loads((out / batch.LOCK_FILE).read_text(encoding="utf-8"))
        assert rec["pid"] != 999999999 and isinstance(rec["workers"], dict)
        r = _cli("extract", src, "-o", out, "--jobs", "1", "--progress", "none")
        assert r.returncode == 0 and "leftover" not in r.stderr
    finally:
        for p in (leftover, unrelated):
            if p.poll() is None:
                p.kill()
                p.wait()


# ---------------------------------------------------------------- 6b. what a share drive holds

CORPUS = REPO / "corpus"
STEM = "a51_yunze-shuiliju-2016"


def _zip(path: Path, members: dict, symlinks=()):
    import stat
    import zipfile

    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
        for name, target in symlinks:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, target)


def test_zip_members_are_inputs_unpacked_safely_and_resumed(tmp_path):
    src = tmp_path / "in"
    txt, pdf = (CORPUS / f"{STEM}.txt").read_bytes(), (CORPUS / f"{STEM}.pdf").read_bytes()
    _zip(src / "2016" / "pack.zip", {
        "reports/a.txt": txt, "reports/b.pdf": pdf,
        "../../escaped.txt": txt, "/etc/abs.txt": txt,          # zip-slip names
        "scan.png": b"\x89PNG\r\n\x1a\n", "notes.xlsx": b"PK", "~$lock.docx": b"x",
        "inner.zip": b"PK\x05\x06" + b"\0" * 18,                # nested zips are not opened
    }, symlinks=[("link.txt", "/etc/passwd")])
    out = tmp_path / "out"
    s = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True))
    assert s.files == 2 and s.ok == 2
    got = _files(out)
    assert "in/2016/pack.zip/reports/a.txt.json" in got and "in/2016/pack.zip/reports/b.pdf.json" in got
    assert not list(tmp_path.rglob("escaped.txt*")) and not list(tmp_path.rglob("abs.txt*"))
    assert not [p for p in tmp_path.rglob("link.txt*")]
    a = json.loads((out / "in/2016/pack.zip/reports/a.txt.json").read_text(encoding="utf-8"))
    assert a["source"]["path"] == str(src / "2016" / "pack.zip") + "/reports/a.txt"
    assert a["values"] == json.loads(json.dumps(_extract_values(CORPUS / f"{STEM}.txt")))
    assert s.not_taken == {"zip_member_unsafe": 3, "image": 1, "not_a_report_format": 2, "lock_or_temp": 1}
    text = s.text()
    assert "7 files found but not taken" in text and "pack.zip/../../escaped.txt" in text
    # a rerun knows the members (their input is the zip's path and the member's name)
    s2 = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True))
    assert s2.files == 2 and s2.skipped == 2 and s2.errors == 0
    m = _manifest(out)
    assert {e["input"] for e in m} == {str(src / "2016" / "pack.zip") + "/reports/a.txt",
                                       str(src / "2016" / "pack.zip") + "/reports/b.pdf"}


def _extract_values(path):
    from extractor import extract

    return extract(path)["values"]


def test_zip_bombs_and_damaged_zips_are_refused_with_a_reason(tmp_path):
    src = tmp_path / "in"
    _zip(src / "bomb.zip", {"a.txt": b"0" * (30 * 1024 * 1024)})     # inflates ~1000 times
    (src / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    many = {f"m{i}.txt": b"x" for i in range(30)}
    _zip(src / "many.zip", many)
    big = tmp_path / "in2"
    _zip(big / "big.zip", {"a.txt": os.urandom(3000) * 1, "b.txt": b"\xe6\x94\xbf" * 2000})
    taken: list = []
    staging = tmp_path / "stage"
    staging.mkdir()
    items = discover([str(src)], not_taken=taken, staging=str(staging))
    assert items == [i for i in items if "many.zip" in i.display] and len(items) == 30
    reasons = {r for r, _ in taken}
    assert reasons == {"zip_refused"}
    shown = " ".join(d for _, d in taken)
    assert "bomb.zip (member a.txt inflates" in shown and "broken.zip (not a readable zip" in shown
    assert not list((staging).rglob("a.txt"))                        # the bomb left nothing behind
    # bounds are parameters: members, total bytes, one member's size
    stage2 = tmp_path / "s2"
    stage2.mkdir()
    assert batch.unpack_zip(str(src / "many.zip"), str(stage2), max_members=10)[2] == \
        "30 members, above the limit of 10"
    stage3 = tmp_path / "s3"
    stage3.mkdir()
    assert "more than 4000 bytes" in batch.unpack_zip(str(big / "big.zip"), str(stage3), max_total=4000)[2]
    stage4 = tmp_path / "s4"
    stage4.mkdir()
    taken4, left4, refused4 = batch.unpack_zip(str(big / "big.zip"), str(stage4), max_member_bytes=5000)
    assert refused4 is None and [n for n, _ in taken4] == ["a.txt"]
    assert left4 == [("zip_refused", "b.txt (above the size limit of 5000 bytes)")]


def test_images_extensionless_files_and_other_formats_are_counted_not_silent(tmp_path):
    src = tmp_path / "in"
    _write(src / "a.txt", REPORT.format(year=2019, n=1, m=1))
    (src / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (src / "page.TIF").write_bytes(b"II*\0")
    (src / "sheet.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (src / "report_2016").write_bytes((CORPUS / f"{STEM}.pdf").read_bytes())   # a PDF without extension
    (src / "notes").write_text("just some notes, no report here\n" * 20, encoding="utf-8")
    (src / "~$draft.docx").write_bytes(b"x")
    out = tmp_path / "out"
    r = _cli("extract", src, "-o", out, "--jobs", "1", "--progress", "none")
    assert r.returncode == 0, r.stderr
    assert "2 files: 2 ok" in r.stderr
    rec = json.loads((out / "in" / "report_2016.json").read_text(encoding="utf-8"))
    assert rec["source"]["format"] == "pdf" and rec["values"]
    assert "5 files found but not taken: image=2, lock_or_temp=1, not_a_report_format=2" in r.stderr
    assert f"  not taken, image: {src / 'page.TIF'}, {src / 'scan.jpg'}" in r.stderr
    assert f"  not taken, not_a_report_format: {src / 'notes'}, {src / 'sheet.xls'}" in r.stderr


def test_include_and_exclude_globs(tmp_path):
    src = tmp_path / "in"
    for rel in ("2016/a.txt", "2016/b.pdf", "2017/c.txt", "drafts/d.txt", "e.txt"):
        _write(src / rel, REPORT.format(year=2019, n=1, m=1))
    def taken(**kw):
        nt: list = []
        items = discover([str(src)], not_taken=nt, **kw)
        return sorted(i.rel for i in items), sorted(os.path.relpath(d, src) for r, d in nt if r == "excluded")
    assert taken(include=("*.txt",), exclude=("drafts/*",)) == (
        ["in/2016/a.txt", "in/2017/c.txt", "in/e.txt"], ["2016/b.pdf", "drafts/d.txt"])
    assert taken(include=("2016/*",))[0] == ["in/2016/a.txt", "in/2016/b.pdf"]
    assert taken(exclude=("c.txt", "e.*"))[0] == ["in/2016/a.txt", "in/2016/b.pdf", "in/drafts/d.txt"]
    # a file given directly is taken whatever the globs say
    assert [i.rel for i in discover([str(src / "e.txt")], exclude=("*",))] == ["e.txt"]
    r = _cli("extract", src, "-o", tmp_path / "out", "--jobs", "1", "--progress", "none",
             "--include", "*.txt", "--exclude", "drafts/*")
    assert r.returncode == 0 and "3 files: 3 ok" in r.stderr and "excluded=2" in r.stderr


def test_a_leftover_process_that_cannot_be_stopped_refuses_the_run(tmp_path, monkeypatch):
    psutil = pytest.importorskip("psutil")
    # a process that is not this one's child (its shell parent exits): as a leftover would be
    r = subprocess.run(["sh", "-c", f"{sys.executable} -c 'import time; time.sleep(600)' >/dev/null 2>&1 & echo $!"],
                       capture_output=True, text=True, timeout=30)
    pid = int(r.stdout.strip())
    try:
        out = tmp_path / "out"
        out.mkdir()
        (out / batch.LOCK_FILE).write_text(json.dumps(
            {"pid": 999999999, "workers": {str(pid): [pid, psutil.Process(pid).create_time()]}}), encoding="utf-8")
        real_kill = os.kill

        def kill(p, sig):
            if p == pid:
                raise PermissionError(errno.EPERM, "Operation not permitted")
            return real_kill(p, sig)

        monkeypatch.setattr(batch.lock.os, "kill", kill)
        src = tmp_path / "in"
        _write(src / "a.txt", REPORT.format(year=2019, n=1, m=1))
        with pytest.raises(batch.BatchError, match=f"process {pid} of an earlier zwgk run into .* is still running"):
            run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, extract_fn=f"{HOOK}:hook_echo"))
        assert not (out / "in").exists()          # nothing was written
    finally:
        monkeypatch.undo()
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


# ---------------------------------------------------------------- 7. summary and exit codes

def test_summary_names_failed_files_and_exit_code(tmp_path):
    src = tmp_path / "in"
    for i in range(5):
        _write(src / f"e{i}.txt", "")            # empty_file
    _write(src / "ok.txt", REPORT.format(year=2019, n=1, m=1))
    r = _cli("extract", src, "-o", tmp_path / "out", "--jobs", "1", "--progress", "none")
    assert r.returncode == 1
    assert "6 files: 1 ok, 5 with errors (empty_file=5)" in r.stderr
    assert f"  empty_file: {src / 'e0.txt'}, {src / 'e1.txt'}, {src / 'e2.txt'} and 2 more" in r.stderr
    r = _cli("extract", src / "ok.txt", "-o", tmp_path / "out2", "--jobs", "1", "--progress", "none")
    assert r.returncode == 0 and "1 files: 1 ok" in r.stderr


def test_summary_counts_pages_without_report_content(tmp_path):
    src = tmp_path / "in"
    _write(src / "ok.txt", REPORT.format(year=2019, n=1, m=1))
    _write(src / "404.html", "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
                             "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
    for _ in range(2):      # the run, then a rerun that finds both done
        r = _cli("extract", src, "-o", tmp_path / "out", "--jobs", "1", "--progress", "none", "--stats-json",
                 tmp_path / "stats.json")
        assert r.returncode == 0, r.stderr
        assert "2 files: 2 ok, 0 with errors (none), 0 need OCR, 1 without report content" in r.stderr
        assert f"  no_report_content: {src / '404.html'}" in r.stderr
        assert json.loads((tmp_path / "stats.json").read_text(encoding="utf-8"))["no_report_content"] == 1
