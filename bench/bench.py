#!/usr/bin/env python3
"""Benchmark: whole-CLI throughput, per-stage time, worker RSS, 1→2 worker scaling,
cold start, and the baselines (bare jieba, bare pdfplumber) in the same run.

    python bench/bench.py --quick          # default sizing, < 10 min on 2 cores
    python bench/bench.py --n 40 --flat 10000 --json bench.json
    python bench/bench.py --n 12 --text-n 300 --flat 0   # a longer text run against jieba
    python bench/bench.py --ocr            # seconds per OCR'd page (dev scans), 1 and 2 workers
    python bench/bench.py --real-only      # real reports, worst-case digit runs, cold start only

It generates N synthetic reports per format (txt, html, docx, pdf; 6–10k characters,
2–4 tables each, PDFs of 5–10 pages, written with reportlab's built-in STSong-Light
CID font) into a temporary folder, runs ``python cli.py extract`` on them and prints
a table of figures and ratios (ours / baseline). With 12 documents the whole-CLI
text ratio is mostly process start-up, so a separate run of ``--text-n`` (default 100)
txt and html documents measures text throughput against jieba where it means something,
three ways: our whole CLI against a whole process that jieba-segments the same files (both
with their start-up), our in-worker rate against jieba's rate after its start-up, and —
strictest — our whole CLI against jieba's rate after its start-up.
Likewise the 1→2 worker scaling is reported twice: on the 4×N set (short: a few seconds
of work, where each worker's start-up and the last files' tail weigh) and on a separate
set of 4×``--scale-n`` distinct reports (default max(40, N), the fair figure: no report
appears in two formats, so no worker profits from having seen its sentences); the load
average is printed, since other processes on the machine take CPU away from the 2-worker
run. Timed runs that are compared are each the best of two.

The real-report part (``real_bench``; ``--real-only`` runs just it, ``--no-real`` skips it)
uses ../shared/corpus/real when it is there: its txt/html/docx renderings (× ``--real-copies``)
through the whole CLI with 2 workers against a 2-process bare-jieba pool over the texts our
loaders extract from the same files (dictionary load included), its PDFs against a 2-process
bare-pdfplumber pool (extract_text + extract_tables), the worst-case documents (a gb2019
report whose 表三 row is a 34- and a 70-digit run) and the cold start (median of 5 fresh
processes, CLI and Python API). It gives wall and CPU time of whole process trees: on a
loaded machine the CPU ratios are the ones to read. ``--before CHECKOUT`` also times another
checkout's CLI on the same text and PDF inputs in the same run (before → after ratios against
one baseline run); every CLI runs from its own checkout's folder, whose ``extractor`` its
worker server imports. The compared commands are timed in turn, round by round
(``--real-runs`` rounds, default 2: the load of a shared machine drifts), the round of least
CPU kept for each, and every round's CPU ratio printed (the spread). With ``--before``, each
checkout has a cache folder of its own and is run once, untimed, before the rounds, so that
both are timed with warm caches (session 13: the before tree used to write its fresh folder
in its first round, and ours read the user's, which other runs of the checkout rewrite).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

AGENCIES = ["乌海市民族事务委员会", "某某县人民政府办公室", "某市生态环境局", "某区教育局", "某省财政厅"]
SENTENCES = [
    "{y}年，本机关主动公开政府信息{a}条，其中主动公开规范性文件{b}件。",
    "全年共收到政府信息公开申请{c}件，其中当面申请{d}件、网络申请{e}件，均已按时办结。",
    "召开新闻发布会{d}次，其中主要负责同志参加{e}次，发布政策解读稿件{a}篇。",
    "因政府信息公开被申请行政复议{e}件，被提起行政诉讼{d}件。",
    "组织开展政府信息公开培训{d}次，参加培训人员{a}人次，政府信息公开专项经费{b}万元。",
    "进一步健全政府信息公开工作机制，明确专人负责，强化保密审查，确保公开信息准确、及时、规范。",
    "依托政府门户网站、政务微博、政务微信等平台，及时回应社会关切，不断提升政务公开实效。",
    "对照年度工作要点，逐项梳理公开目录，动态更新机构职能、权责清单、财政预决算等重点领域信息。",
    "存在的主要问题是部分信息更新不够及时，政策解读形式较为单一，下一步将加强培训和督促检查。",
]
HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def make_report(rng: random.Random) -> dict:
    """{'title', 'blocks': [('p', text) | ('t', rows)]} with 6–10k characters, 2–4 tables."""
    y = rng.randint(2015, 2023)
    title = f"{rng.choice(AGENCIES)}{y}年政府信息公开工作年度报告"
    target = rng.randint(6000, 10000)
    n_tables = rng.randint(2, 4)
    blocks = [("p", title)]
    length = len(title)
    tables_at = sorted(rng.sample(range(1, len(HEADINGS)), n_tables - 1)) + [len(HEADINGS) - 1]
    per_section = target // len(HEADINGS)
    for hi, h in enumerate(HEADINGS):
        blocks.append(("p", h))
        length += len(h)
        sec = 0
        while sec < per_section:
            para = "".join(rng.choice(SENTENCES).format(y=y, a=rng.randint(10, 999), b=rng.randint(0, 50),
                                                        c=rng.randint(0, 80), d=rng.randint(0, 9),
                                                        e=rng.randint(0, 9)) for _ in range(rng.randint(3, 6)))
            blocks.append(("p", para))
            sec += len(para)
        length += sec
        for _ in range(tables_at.count(hi)):
            rows = [["项目", "单位", "本年数", "上年数"]]
            for label in rng.sample(["主动公开政府信息数", "其中：主动公开规范性文件数", "收到申请数", "当面申请数",
                                     "网络申请数", "信函申请数", "予以公开", "部分公开", "不予公开", "行政复议数",
                                     "行政诉讼数", "举办培训班数", "接受培训人员数"], rng.randint(5, 9)):
                rows.append([label, rng.choice(["条", "件", "次", "人"]), str(rng.randint(0, 500)),
                             str(rng.randint(0, 500))])
            blocks.append(("t", rows))
            length += sum(len("".join(r)) for r in rows)
    return {"title": title, "blocks": blocks}


def write_txt(rep, path: Path):
    lines = []
    for kind, b in rep["blocks"]:
        lines += [b] if kind == "p" else [" | ".join(r) for r in b]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "\n".join(lines)


def write_html(rep, path: Path):
    import html

    parts = [f"<html><head><meta charset='utf-8'><title>{html.escape(rep['title'])}</title></head><body>"]
    for kind, b in rep["blocks"]:
        if kind == "p":
            parts.append(f"<p>{html.escape(b)}</p>")
        else:
            parts.append("<table border='1'>" + "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in b) + "</table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def write_docx(rep, path: Path):
    import docx

    d = docx.Document()
    for kind, b in rep["blocks"]:
        if kind == "p":
            d.add_paragraph(b)
        else:
            t = d.add_table(rows=len(b), cols=len(b[0]))
            for i, r in enumerate(b):
                for j, c in enumerate(r):
                    t.cell(i, j).text = c
    d.save(str(path))


def write_pdf(rep, path: Path) -> int:
    """Ruled tables, 13pt text, ~1000 characters per page: 8–11 pages. Returns the page count.

    Like the real reports (corpus/real: tables only on the pages that hold one, prose
    never boxed), only the 2–4 table pages carry vector paths; each table cell is a
    stroked rectangle (``re S``), as reportlab and many converters draw them.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    width, height = 595, 842
    size, lead, per_line = 13, 21, 34
    y = height - 60
    pages = 1

    def newpage():
        nonlocal y, pages
        c.showPage()
        pages += 1
        y = height - 60

    for kind, b in rep["blocks"]:
        if kind == "p":
            for i in range(0, len(b), per_line):
                if y < 60:
                    newpage()
                c.setFont("STSong-Light", size)
                c.drawString(60, y, b[i:i + per_line])
                y -= lead
        else:
            row_h, col_w = 22, [190, 70, 100, 100]
            if y - row_h * len(b) < 60:
                newpage()
            top = y + 4
            for r in b:
                x = 60
                for j, cell in enumerate(r):
                    c.rect(x, y - 7, col_w[j], row_h, stroke=1, fill=0)
                    c.setFont("STSong-Light", 11)
                    c.drawString(x + 4, y - 1, cell)
                    x += col_w[j]
                y -= row_h
            y -= 14
            assert top > y
    c.save()
    return pages


def generate(root: Path, n: int, seed: int = 7, distinct: bool = False) -> dict:
    """N reports in each of txt, html, docx, pdf. By default the four folders hold the same
    N reports (the per-format figures compare like with like); with ``distinct`` every file
    is a report of its own, as in an archive: a run over all four folders then never meets
    the same sentences twice, so a worker's caches cannot make one worker count look faster
    than another (the 1→2 worker scaling run)."""
    rng = random.Random(seed)
    meta = {"texts": [], "pdf_pages": 0, "chars": 0}
    for fmt in ("txt", "html", "docx", "pdf"):
        (root / fmt).mkdir(parents=True, exist_ok=True)
    for i in range(n):
        rep = make_report(rng)
        text = write_txt(rep, root / "txt" / f"r{i:03d}.txt")
        meta["texts"].append(text)
        meta["chars"] += len(text)
        write_html(make_report(rng) if distinct else rep, root / "html" / f"r{i:03d}.html")
        write_docx(make_report(rng) if distinct else rep, root / "docx" / f"r{i:03d}.docx")
        meta["pdf_pages"] += write_pdf(make_report(rng) if distinct else rep, root / "pdf" / f"r{i:03d}.pdf")
    return meta


# The whole-process baseline: what a user's own script that segments every file of a folder
# with jieba costs, start-up (import, dictionary) and reading the files included — the
# like-for-like counterpart of a whole ``zwgk extract`` run.
JIEBA_SCRIPT = """
import sys, pathlib, jieba
jieba.setLogLevel(60)
for f in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    jieba.lcut(f.read_text(encoding="utf-8"))
"""


def jieba_process(folder: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", JIEBA_SCRIPT, str(folder)], check=True)
    return time.perf_counter() - t0


def cli(args: list, stats: Path | None = None) -> tuple[float, dict]:
    cmd = [sys.executable, str(REPO / "cli.py"), "extract", *map(str, args), "--quiet"]
    if stats:
        cmd += ["--stats-json", str(stats)]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{r.stderr}")
    st = json.loads(stats.read_text()) if stats else {}
    return wall, st


def stage_times(files: list[Path]) -> dict:
    """In-process seconds per stage (``extractor.stages.STAGES``, through the pipeline's
    one timing hook: the stages the batch worker runs, in their order)."""
    from extractor import pipeline
    from extractor.stages import STAGES

    tot = {st.name: 0.0 for st in STAGES}

    def add(name: str, seconds: float) -> None:
        tot[name] += seconds

    for f in files:
        doc = pipeline.load_and_normalize(f, on_stage=add)
        pipeline.extract_document(doc, on_stage=add)
    return tot


def ocr_pages(outdir: Path) -> int:
    """Pages read by OCR in an output folder (one ``ocr_used`` warning per page)."""
    n = 0
    for p in outdir.rglob("*.json"):
        if p.name == "manifest.jsonl":
            continue
        try:
            rec = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        n += sum(1 for w in rec.get("warnings") or [] if isinstance(w, dict) and w.get("code") == "ocr_used")
    return n


def ocr_bench(a, work: Path) -> dict:
    """``--ocr``: seconds per OCR'd page, whole CLI with 1 and 2 workers, default engine.

    Inputs: ``--ocr-inputs`` (default: the dev scans ``../shared/corpus/real/*.scan.pdf``
    when present, else 8 copies of the test fixture ``tests/fixtures/ocr/scan_report.pdf``).
    Each figure is the best of ``--ocr-runs`` runs (the machine is shared), with the load
    average; then the same files in the bench's own process give CPU seconds per page,
    which depend little on the load.
    """
    inputs = [Path(x) for x in a.ocr_inputs] if a.ocr_inputs else sorted((REPO.parent / "shared" / "corpus" / "real").glob("*.scan.pdf"))
    if not inputs:
        src = REPO / "tests" / "fixtures" / "ocr" / "scan_report.pdf"
        d = work / "ocr_in"
        d.mkdir(parents=True, exist_ok=True)
        for i in range(8):
            shutil.copy(src, d / f"scan{i}.pdf")
        inputs = [d]
    res: dict = {"inputs": [str(x) for x in inputs], "cpus": os.cpu_count()}
    for j in (1, 2):
        best = None
        for k in range(max(a.ocr_runs, 1)):
            out = work / f"ocr_out{j}"
            la = os.getloadavg()[0]
            stats = work / f"ocr_stats{j}.json"
            cmd = [sys.executable, str(REPO / "cli.py"), "extract", *map(str, inputs), "-o", str(out),
                   "--jobs", str(j), "--force", "--quiet", "--stats-json", str(stats)]
            t0 = time.perf_counter()
            r = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
            wall = time.perf_counter() - t0
            if r.returncode not in (0, 1) or not stats.exists():  # 1: some file failed (counted below)
                raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{r.stderr}")
            st = json.loads(stats.read_text())
            pages = ocr_pages(out)
            row = {"wall_s": round(wall, 2), "pages": pages,
                   "s_per_page": round(wall / pages, 2) if pages else None,
                   "loadavg_1min_before": round(la, 2), "errors": st.get("errors"),
                   "error_codes": st.get("error_codes"), "needs_ocr": st.get("needs_ocr")}
            print(f"ocr jobs={j} run {k + 1}: {wall:.1f}s wall, {pages} OCR'd pages, "
                  f"{row['s_per_page']} s/page, load avg before {la:.2f}"
                  + (f", errors {row['error_codes']}" if row["errors"] else ""), flush=True)
            if best is None or wall < best["wall_s"]:
                best = row
        res[f"jobs{j}"] = best
    # the same files in this process: CPU seconds per OCR'd page (the workers' CPU time is
    # not visible from here; this figure depends little on what else runs on the machine)
    from extractor.load import load_document, ocr_rapid

    files = [f for x in inputs for f in (sorted(Path(x).rglob("*.pdf")) if Path(x).is_dir() else [Path(x)])]
    ocr_rapid.engine({})  # loaded once per process: not part of the rate
    t = time.process_time()
    w = time.perf_counter()
    pages = 0
    for f in files:
        doc = load_document(f)
        pages += sum(1 for x in doc.warnings if x.code == "ocr_used")
    cpu, wall = time.process_time() - t, time.perf_counter() - w
    res["in_process"] = {"pages": pages, "cpu_s_per_page": round(cpu / pages, 2) if pages else None,
                         "wall_s_per_page": round(wall / pages, 2) if pages else None}
    print(f"ocr in one process: {pages} pages, {res['in_process']['cpu_s_per_page']} CPU s/page "
          f"({res['in_process']['wall_s_per_page']} s/page wall)", flush=True)
    return res


# ------------------------------------------------------------------ real reports
#
# The machine is shared (other processes load both cores): every figure of this part is a
# ratio of two runs made one after the other in the same bench run, and is given both in
# wall time and in CPU time (user + system of the whole process tree: the bench makes itself
# the "child subreaper" so that the CLI's forkserver and workers, which are not its children,
# are reaped, and counted, by it). CPU time does not move with the load; wall time does.

REAL = Path(os.environ.get("ZWGK_REAL_CORPUS") or REPO.parent / "shared" / "corpus" / "real")


def _subreaper() -> bool:
    """Make orphaned descendants (the forkserver, its workers) this process's children,
    so that ``RUSAGE_CHILDREN`` counts their CPU time. Linux only; False elsewhere."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except Exception:
        return False


def _reap_all() -> None:
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return
        except InterruptedError:
            continue


def measured(cmd: list, env: dict | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the whole process tree) of one command, run in ``cwd``
    (default: this checkout). The folder matters for ``cli.py``: the worker server (a
    forkserver, which does not take the parent's ``sys.path``) imports ``extractor`` from
    its working directory first, else from wherever the package is installed."""
    import resource

    _reap_all()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, cwd=cwd or REPO)
    wall = time.perf_counter() - t0
    _reap_all()  # the forkserver outlives the CLI by a moment
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 1):  # 1: some file had an error record (reported elsewhere)
        raise SystemExit(f"bench: {' '.join(map(str, cmd))} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    return wall, (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)


def best_of(runs: int, cmd: list, env: dict | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """The run with the least CPU time of ``runs`` (wall time of that run)."""
    return min((measured(cmd, env, cwd) for _ in range(runs)), key=lambda r: r[1])


def _compile_checkouts(before: Path | None) -> None:
    """Measure the code as an installed package runs it: with its bytecode cached (pip
    compiles it when installing a wheel, and Python writes it on first import - unless
    PYTHONDONTWRITEBYTECODE is set, as on some CI machines and this one, which would make
    every process recompile the package from source). The ``--before`` checkout too: a
    fresh worktree has no bytecode, and compiling its modules from source cost ~0.15 s of
    CPU a run (session 12), which its figures carried and ours did not."""
    import compileall

    for tree in (REPO, before):
        if tree is not None and (tree / "extractor").is_dir():
            compileall.compile_dir(str(tree / "extractor"), quiet=1)


def other_checkout(before: Path, work: Path, args: list) -> tuple[list, dict, Path]:
    """(command, environment, folder) that runs another checkout's CLI (``--before``): from
    its own folder (so its worker server imports that checkout) and with its own cache
    folder (its word-guard dictionary cache may have another layout than ours)."""
    env = dict(os.environ, ZWGK_CACHE_DIR=str(work / "cache_before"))
    return [sys.executable, before / "cli.py", *args], env, before


# a 2-process pool of bare jieba over the extracted texts, its dictionary load included
JIEBA_POOL_SCRIPT = """
import sys, pathlib, multiprocessing as mp
def init():
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
def seg(path):
    import jieba
    return len(jieba.lcut(pathlib.Path(path).read_text(encoding="utf-8")))
if __name__ == "__main__":
    files = sorted(str(p) for p in pathlib.Path(sys.argv[1]).iterdir())
    with mp.get_context("fork").Pool(int(sys.argv[2]), initializer=init) as pool:
        sum(pool.map(seg, files, chunksize=1))
"""

# a 2-process pool of bare pdfplumber: every page's extract_text and extract_tables
PDFPLUMBER_POOL_SCRIPT = """
import sys, pathlib, multiprocessing as mp
def read(path):
    import pdfplumber
    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            n += 1
    return n
if __name__ == "__main__":
    files = sorted(str(p) for p in pathlib.Path(sys.argv[1]).iterdir())
    with mp.get_context("fork").Pool(int(sys.argv[2])) as pool:
        print(sum(pool.map(read, files, chunksize=1)))
"""


def real_files(fmt: str) -> list[Path]:
    """The dev corpus's renderings of one format (the GBK copies are .txt too: kept out
    of the UTF-8 set so that every report counts once)."""
    if not REAL.is_dir():
        return []
    out = sorted(REAL.glob(f"*.{fmt}"))
    if fmt == "txt":
        out = [p for p in out if not p.name.endswith(".gbk.txt") and p.name.count(".") == 1]
    if fmt == "pdf":  # the scans are OCR's figure (--ocr), not pdfplumber's
        out = [p for p in out if not p.name.endswith(".scan.pdf")]
    return out


def _copies(files: list[Path], folder: Path, copies: int) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for k in range(copies):
        for f in files:
            shutil.copyfile(f, folder / f"c{k}_{f.name}")


def _extracted_texts(files: list[Path], folder: Path, copies: int) -> int:
    """The texts our loaders extract from ``files`` (normalised), as UTF-8 .txt files:
    what the bare-jieba baseline segments. Returns the characters per copy."""
    from extractor.pipeline import load_and_normalize

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    chars = 0
    for f in files:
        text = load_and_normalize(f).text
        chars += len(text)
        for k in range(copies):
            (folder / f"c{k}_{f.name}.txt").write_text(text, encoding="utf-8")
    return chars


T3_HEAD = "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 "


def worst_case_report(run: int) -> str:
    """A crawled gb2019 report whose 表三 first row is one run of ``run`` digits (the cells
    glued together, as crawled pages print them); its other figures are readable."""
    digits = "".join(str(1 + (i * 3) % 9) for i in range(run))
    return ("某县人民政府办公室2019年政府信息公开工作年度报告\n"
            "一、总体情况\n2019年，本机关主动公开政府信息120条，收到政府信息公开申请35件，均按时办结。\n"
            "三、收到和处理政府信息公开申请情况\n"
            + T3_HEAD + "一、本年新收政府信息公开申请数量 " + digits
            + " 二、上年结转政府信息公开申请数量 1000001 三、本年度办理结果 (一)予以公开 210000021 "
              "(二)部分公开(区分处理的,只计这一情形,不计其他情形) 8100009\n"
              "四、政府信息公开行政复议、行政诉讼情况\n因政府信息公开被申请行政复议2件，被提起行政诉讼1件。\n")


def cold_start(one: Path, work: Path, runs: int = 5, before: Path | None = None) -> dict:
    """Median of ``runs`` fresh processes: the CLI (``extract one -o out --jobs 1``) and the
    Python API (``extractor.extract(path)``), each in wall and CPU time; with ``before``, that
    checkout's too (``before``: {cli, api}), each command of each tree in turn.

    Each checkout reads a cache folder of its own in ``work``, written by one untimed run of
    each command first (session 16): a user's second start. The user's ``~/.cache/zwgk``,
    which these figures read before, is shared by every run of every checkout on the machine
    (the test suite's temporary rule folders and other checkouts' blobs evict one another,
    and a checkout whose stored regex programs were never written there - a worktree, as
    in session 15's runs - compiled every pattern from source: 0.38-0.45 s instead of 0.2)."""
    trees = {"ours": REPO} if before is None else {"ours": REPO, "before": before}
    cmds = {}
    for tag, tree in trees.items():
        env = dict(os.environ, ZWGK_CACHE_DIR=str(work / f"cold_cache_{tag}"))
        cmds[tag] = {
            "cli": ([sys.executable, tree / "cli.py", "extract", one, "-o", work / f"cold_{tag}", "--jobs", "1",
                     "--force", "--quiet"], env, tree),
            "api": ([sys.executable, "-c", "import sys, extractor; extractor.extract(sys.argv[1])", one], env, tree)}
        for cmd in cmds[tag].values():
            measured(*cmd)   # untimed: writes this folder's caches
    times: dict = {(tag, name): [] for tag in cmds for name in ("cli", "api")}
    bare = []
    for _ in range(runs):
        for tag in cmds:
            for name, cmd in cmds[tag].items():
                times[(tag, name)].append(measured(*cmd))
        bare.append(measured([sys.executable, "-c", "pass"]))

    def med(rs):
        return {"wall_s": round(statistics.median(r[0] for r in rs), 3),
                "cpu_s": round(statistics.median(r[1] for r in rs), 3)}

    out = {name: med(times[("ours", name)]) for name in ("cli", "api")}
    out["python"] = med(bare)
    if before is not None:
        out["before"] = {name: med(times[("before", name)]) for name in ("cli", "api")}
    return out


def _versus(folder: Path, work: Path, name: str, base_cmd: list, base_name: str, jobs: int, runs: int,
            before) -> dict:
    """The whole CLI over ``folder`` against a baseline command (and the ``before`` checkout
    on the same inputs), in one run: ``runs`` rounds, each timing ours, the baseline and
    the before checkout in turn (on a shared machine the load drifts: taking them in turn
    spreads it over all three), the round of least CPU kept for each; wall/CPU seconds,
    their ratios and the CPU ratio of every round (the spread)."""
    ours_cmd = [sys.executable, REPO / "cli.py", "extract", folder, "-o", work / f"{name}_out",
                "--jobs", jobs, "--force", "--quiet"]
    ours_env = None
    old_cmd = None if before is None else other_checkout(
        before, work, ["extract", folder, "-o", work / f"{name}_before", "--jobs", jobs, "--force", "--quiet"])
    if old_cmd is not None:
        # like with like (session 13): each checkout reads and writes a cache folder of its
        # own in ``work`` (ours no longer the user's, which other runs of this tree on the
        # machine rewrite), and each is run once over the inputs before the timed rounds,
        # so that no round pays for writing its caches (the before tree's first round
        # used to write its fresh folder: its least round was of the other rounds only)
        ours_env = dict(os.environ, ZWGK_CACHE_DIR=str(work / "cache_after"))
        measured(ours_cmd, ours_env)
        measured(*old_cmd)
    rounds: list[tuple] = []
    for _ in range(runs):
        rounds.append((measured(ours_cmd, ours_env), measured(base_cmd), measured(*old_cmd) if old_cmd else None))
    ours = min((r[0] for r in rounds), key=lambda r: r[1])
    base = min((r[1] for r in rounds), key=lambda r: r[1])
    out = {"cli_wall_s": round(ours[0], 2), "cli_cpu_s": round(ours[1], 2),
           f"{base_name}_wall_s": round(base[0], 2), f"{base_name}_cpu_s": round(base[1], 2),
           "ratio_wall": round(ours[0] / base[0], 3), "ratio_cpu": round(ours[1] / base[1], 3),
           "ratio_cpu_rounds": [round(o[1] / b[1], 3) for o, b, _ in rounds]}
    if old_cmd is not None:
        old = min((r[2] for r in rounds), key=lambda r: r[1])
        out.update(before_ratio_wall=round(old[0] / base[0], 3), before_ratio_cpu=round(old[1] / base[1], 3),
                   before_ratio_cpu_rounds=[round(o[1] / b[1], 3) for _, b, o in rounds])
    return out


def real_bench(work: Path, copies: int = 4, jobs: int = 2, runs: int = 2,
               parts: tuple = ("text", "pdf", "worst", "cold"), before: Path | None = None) -> dict:
    """Real reports of ../shared/corpus/real (skipped when absent; ``parts`` picks among
    text, pdf, worst, cold): text formats (txt, html, docx) through the whole CLI against a
    ``jobs``-process bare-jieba pool over the texts our loaders extract from the same files (its dictionary load included); PDFs through the
    whole CLI against a ``jobs``-process bare-pdfplumber pool (extract_text + extract_tables
    of every page); the worst-case digit-run reports; cold start. With ``before`` (another
    checkout), its CLI is timed on the same text and PDF inputs in the same run, so a change
    is measured as before → after ratios against one baseline run."""
    res: dict = {"corpus": str(REAL), "copies": copies, "jobs": jobs}
    text_files = [f for fmt in ("txt", "html", "docx") for f in real_files(fmt)]
    pdfs = real_files("pdf")
    if not text_files and not pdfs:
        res["skipped"] = (f"no real reports under {REAL} - set ZWGK_REAL_CORPUS to the dev set's folder "
                          "(../shared/corpus/real beside the checkout by default)")
        return res
    if text_files and "text" in parts:
        tdir, jdir = work / "real_text", work / "real_jieba"
        _copies(text_files, tdir, copies)
        chars = _extracted_texts(text_files, jdir, copies)
        n = len(text_files) * copies
        res["text"] = {"docs": n, "chars_per_copy": chars,
                       **_versus(tdir, work, "real_text", [sys.executable, "-c", JIEBA_POOL_SCRIPT, jdir, jobs],
                                 "jieba_pool", jobs, runs, before)}
        ours = (res["text"]["cli_wall_s"], res["text"]["cli_cpu_s"])
        base = (res["text"]["jieba_pool_wall_s"], res["text"]["jieba_pool_cpu_s"])
        print(f"real text ({n} docs: txt/html/docx x {copies}, {jobs} workers): CLI {ours[0]:.2f}s wall "
              f"{ours[1]:.2f}s CPU; bare jieba pool {base[0]:.2f}s wall {base[1]:.2f}s CPU; "
              f"ratio wall {res['text']['ratio_wall']}, CPU {res['text']['ratio_cpu']}", flush=True)
    if pdfs and "pdf" in parts:
        pdir = work / "real_pdf"
        _copies(pdfs, pdir, copies)
        n = len(pdfs) * copies
        res["pdf"] = {"docs": n, **_versus(pdir, work, "real_pdf", [sys.executable, "-c", PDFPLUMBER_POOL_SCRIPT, pdir, jobs],
                                           "pdfplumber_pool", jobs, runs, before)}
        ours = (res["pdf"]["cli_wall_s"], res["pdf"]["cli_cpu_s"])
        base = (res["pdf"]["pdfplumber_pool_wall_s"], res["pdf"]["pdfplumber_pool_cpu_s"])
        print(f"real pdf ({n} docs, {jobs} workers): CLI {ours[0]:.2f}s wall {ours[1]:.2f}s CPU; bare pdfplumber "
              f"pool {base[0]:.2f}s wall {base[1]:.2f}s CPU; ratio wall {res['pdf']['ratio_wall']}, "
              f"CPU {res['pdf']['ratio_cpu']}", flush=True)
    # the worst case: 表三 rows of 34 and 70 run-together digits, one worker, one file each
    wdir = work / "worst"
    if wdir.exists():
        shutil.rmtree(wdir)
    wdir.mkdir(parents=True)
    res["worst_case"] = {}
    for run in ((34, 70) if "worst" in parts else ()):
        f = wdir / f"gb2019_t3_{run}digits.txt"
        f.write_text(worst_case_report(run), encoding="utf-8")
        out = work / f"worst_out{run}"
        w, c = measured([sys.executable, REPO / "cli.py", "extract", f, "-o", out, "--jobs", "1", "--force",
                         "--quiet", "--timeout", "120"])
        recs = [json.loads(p.read_text(encoding="utf-8")) for p in out.rglob(f"{f.stem}*.json")]
        rec = recs[0] if recs else {}
        vals = rec.get("values") or {}
        res["worst_case"][f"{run}_digits"] = {
            "wall_s": round(w, 2), "cpu_s": round(c, 2), "values": len(vals),
            "errors": [e.get("code") for e in rec.get("errors") or []],
            "ambiguous_split": sum(1 for x in rec.get("warnings") or [] if x.get("code") == "ambiguous_split")}
        print(f"worst case, 表三 row of {run} digits: {w:.2f}s wall {c:.2f}s CPU (whole CLI), "
              f"{len(vals)} values read, errors {res['worst_case'][f'{run}_digits']['errors']}", flush=True)
    if "cold" not in parts or not text_files:
        return res
    one = (real_files("txt") or text_files)[0]
    res["cold"] = cold_start(one, work, before=before)
    cs = res["cold"]
    print(f"cold start, {one.name} (median of 5 fresh processes): CLI {cs['cli']['wall_s']}s wall "
          f"{cs['cli']['cpu_s']}s CPU; API {cs['api']['wall_s']}s wall {cs['api']['cpu_s']}s CPU; "
          f"bare python {cs['python']['wall_s']}s wall {cs['python']['cpu_s']}s CPU", flush=True)
    if "before" in cs:
        b = cs["before"]
        print(f"cold start, --before checkout: CLI {b['cli']['wall_s']}s wall {b['cli']['cpu_s']}s CPU; "
              f"API {b['api']['wall_s']}s wall {b['api']['cpu_s']}s CPU", flush=True)
    return res


def print_real(res: dict) -> None:
    if "skipped" in res:
        print(f"real reports: skipped ({res['skipped']})")
        return
    print("== real reports (ratios of the least-CPU round of each command, timed in turn; CPU = user+system of the process tree) ==")
    rows = []
    if "text" in res:
        t = res["text"]
        rows.append((f"text {t['docs']} docs, CLI ÷ bare jieba pool (wall; CPU)",
                     f"{t['ratio_wall']}; {t['ratio_cpu']}", "≤ 1.0"))
        rows.append(("  CPU ratio of each round", " ".join(map(str, t.get("ratio_cpu_rounds", []))), ""))
        if "before_ratio_cpu" in t:
            rows.append(("  the same, --before checkout (wall; CPU)", f"{t['before_ratio_wall']}; {t['before_ratio_cpu']}", ""))
            rows.append(("  --before CPU ratio of each round", " ".join(map(str, t["before_ratio_cpu_rounds"])), ""))
    if "pdf" in res:
        t = res["pdf"]
        rows.append((f"pdf {t['docs']} docs, CLI ÷ bare pdfplumber pool (wall; CPU)",
                     f"{t['ratio_wall']}; {t['ratio_cpu']}", "≤ 0.4"))
        if "before_ratio_cpu" in t:
            rows.append(("  the same, --before checkout (wall; CPU)", f"{t['before_ratio_wall']}; {t['before_ratio_cpu']}", ""))
    for k, v in res.get("worst_case", {}).items():
        rows.append((f"worst case 表三 {k.replace('_', ' ')}: s (wall; CPU), values",
                     f"{v['wall_s']}; {v['cpu_s']}, {v['values']}", "< 1 s of work"))
    if "cold" in res:
        c = res["cold"]
        rows.append(("cold start CLI --jobs 1, s (wall; CPU)", f"{c['cli']['wall_s']}; {c['cli']['cpu_s']}", ""))
        rows.append(("cold start extractor.extract, s (wall; CPU)", f"{c['api']['wall_s']}; {c['api']['cpu_s']}",
                     "≤ 0.5"))
        rows.append(("bare python start, s (wall; CPU)", f"{c['python']['wall_s']}; {c['python']['cpu_s']}", ""))
        if "before" in c:
            b = c["before"]
            rows.append(("  --before: cold CLI; API, s CPU", f"{b['cli']['cpu_s']}; {b['api']['cpu_s']}", ""))
    for name, val, target in rows:
        print(f"  {name:52s} {str(val):>22s}   {target}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ocr", action="store_true",
                    help="only the OCR figure: seconds per OCR'd page with 1 and 2 workers (see ocr_bench)")
    ap.add_argument("--ocr-inputs", nargs="*", default=None, help="scanned PDFs or folders for --ocr")
    ap.add_argument("--ocr-runs", type=int, default=1, help="runs per worker count for --ocr (best kept)")
    ap.add_argument("--quick", action="store_true", help="default sizing (N=12 per format, 300 files for RSS)")
    ap.add_argument("--n", type=int, default=None, help="reports per format (default 12)")
    ap.add_argument("--flat", type=int, default=None, help="files for the RSS-flatness run (default 300)")
    ap.add_argument("--workdir", help="keep generated files and outputs here (default: a temp folder)")
    ap.add_argument("--json", help="also write the figures as JSON")
    ap.add_argument("--text-n", type=int, default=None,
                    help="text documents (txt and html) for the text-throughput run against bare jieba "
                         "(default 100; 0 skips it): with N=12 the whole-CLI ratio is mostly start-up")
    ap.add_argument("--scale-n", type=int, default=None,
                    help="reports per format for the fair 1→2 worker scaling run (default max(40, N); "
                         "0 skips it): on the 4×N set worker start-up is not amortised")
    ap.add_argument("--real-only", action="store_true",
                    help="only the real-report part (../shared/corpus/real, worst-case digit runs, cold start)")
    ap.add_argument("--no-real", action="store_true", help="skip the real-report part")
    ap.add_argument("--real-copies", type=int, default=4, help="copies of each real report (default 4)")
    ap.add_argument("--real-runs", type=int, default=2,
                    help="rounds of the real text/PDF comparison, each timing ours, the baseline and "
                         "--before in turn (default 2; the least-CPU round of each is kept)")
    ap.add_argument("--real-parts", default="text,pdf,worst,cold",
                    help="comma-separated parts of the real-report run (default: text,pdf,worst,cold)")
    ap.add_argument("--before", metavar="CHECKOUT",
                    help="another checkout of zwgk (e.g. a `git worktree` of the commit before a change): "
                         "its CLI is timed on the same real text and PDF inputs in the same run, for "
                         "before → after ratios against one baseline run")
    a = ap.parse_args(argv)
    _subreaper()
    n = a.n or 12
    n_flat = a.flat if a.flat is not None else 300
    text_n = a.text_n if a.text_n is not None else 100
    scale_n = a.scale_n if a.scale_n is not None else max(40, n)
    # absolute: the timed commands run in the checkout's folder
    work = Path(a.workdir).resolve() if a.workdir else Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    before = Path(a.before).resolve() if a.before else None
    if a.ocr:
        try:
            res = ocr_bench(a, work)
            if a.json:
                Path(a.json).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        finally:
            if not a.workdir:
                shutil.rmtree(work, ignore_errors=True)
        return 0
    if a.real_only:
        try:
            _compile_checkouts(before)
            res = {"cpus": os.cpu_count(), "loadavg_start": [round(x, 2) for x in os.getloadavg()]}
            res["real"] = real_bench(work, copies=a.real_copies, runs=a.real_runs, parts=tuple(a.real_parts.split(",")), before=before)
            res["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
            print(f"\nmachine: {os.cpu_count()} CPUs; load average at start {res['loadavg_start']}, "
                  f"at end {res['loadavg_end']}")
            print_real(res["real"])
            if a.json:
                Path(a.json).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        finally:
            if not a.workdir:
                shutil.rmtree(work, ignore_errors=True)
        return 0
    t_all = time.perf_counter()
    _compile_checkouts(before)
    res: dict = {"n_per_format": n, "cpus": os.cpu_count(), "loadavg_start": [round(x, 2) for x in os.getloadavg()]}
    try:
        data = work / "data"
        if data.exists():
            shutil.rmtree(data)
        t = time.perf_counter()
        meta = generate(data, n)
        res["generate_s"] = round(time.perf_counter() - t, 1)
        res["avg_chars"] = round(meta["chars"] / n)
        res["pdf_pages"] = meta["pdf_pages"]
        print(f"generated {n} reports x 4 formats in {work} ({res['avg_chars']} chars avg, "
              f"{meta['pdf_pages']} PDF pages) in {res['generate_s']}s", flush=True)

        # cold start: one small file, a fresh process
        one = data / "txt" / "r000.txt"
        cold = [cli([one, "-o", work / f"cold{i}", "--jobs", "1", "--force"])[0] for i in range(2)]
        res["cold_start_s"] = round(min(cold), 2)
        print(f"cold start, one .txt file: {cold[0]:.2f}s, {cold[1]:.2f}s", flush=True)

        # per-format whole-CLI throughput, 1 worker
        res["formats"] = {}
        for fmt in ("txt", "html", "docx", "pdf"):
            wall, st = cli([data / fmt, "-o", work / f"out1_{fmt}", "--jobs", "1", "--force"],
                           work / f"stats_{fmt}.json")
            per_file = st["stage_seconds"].get("total", 0.0)
            row = {"wall_s": round(wall, 2), "docs_per_s": round(n / wall, 2),
                   "steady_docs_per_s": round(n / per_file, 2) if per_file else None,
                   "worker_peak_rss_mb": max(st["worker_peak_rss_mb"].values() or [0]),
                   "errors": st["errors"]}
            if fmt == "pdf":
                row["pages_per_s"] = round(meta["pdf_pages"] / wall, 2)
                row["steady_pages_per_s"] = round(meta["pdf_pages"] / per_file, 2) if per_file else None
                row["worker_s"] = round(per_file, 2)
            res["formats"][fmt] = row
            print(f"{fmt:5s} jobs=1: {wall:6.2f}s wall, {row['docs_per_s']:6.2f} docs/s "
                  f"(in-worker {row['steady_docs_per_s']} docs/s), peak RSS {row['worker_peak_rss_mb']} MB, "
                  f"errors {st['errors']}", flush=True)

        # scaling, 1 vs 2 workers. The short figure (the 4×N mixed set, a few seconds of work)
        # is mostly each worker's start-up and the tail of the last files; the fair figure uses
        # a set of 4×max(40, N) mixed reports (--scale-n) so start-up is amortised. Both are
        # reported, with the load average: other processes on the machine take CPU from jobs=2.
        def scaling(inputs, n_docs, tag):
            walls, out = {}, {}
            for j in (1, 2):  # each best of two runs (the machine is shared)
                la = os.getloadavg()[0]
                walls[j], st = min((cli([*inputs, "-o", work / f"out{tag}{j}", "--jobs", j, "--force"],
                                        work / f"stats_{tag}{j}.json") for _ in range(2)), key=lambda r: r[0])
                out[f"jobs{j}"] = {"wall_s": round(walls[j], 2), "docs_per_s": round(n_docs / walls[j], 2),
                                   "worker_peak_rss_mb": st["worker_peak_rss_mb"],
                                   "worker_s": round(st["stage_seconds"].get("total", 0.0), 2),
                                   "loadavg_1min_before": round(la, 2)}
                print(f"{tag:5s} jobs={j}: {walls[j]:6.2f}s wall, {n_docs} docs, {n_docs / walls[j]:.2f} docs/s, "
                      f"in-worker {out[f'jobs{j}']['worker_s']}s, peak RSS per worker {st['worker_peak_rss_mb']} MB, "
                      f"load avg before {la:.2f}", flush=True)
            out["n_docs"] = n_docs
            out["scaling_2_over_1"] = round(walls[1] / walls[2], 2)
            differ = [p.relative_to(work / f"out{tag}2").as_posix()
                      for p in sorted((work / f"out{tag}2").rglob("*.json"))
                      if (work / f"out{tag}1" / p.relative_to(work / f"out{tag}2")).read_bytes() != p.read_bytes()]
            out["jobs1_equals_jobs2"] = not differ
            if differ:  # (the code changing between the two runs also shows up here)
                print(f"{tag}: jobs=1 and jobs=2 outputs differ: {differ[:5]}", flush=True)
            return out

        short = scaling([data], 4 * n, "all")
        res["all_jobs1"], res["all_jobs2"] = short["jobs1"], short["jobs2"]
        res["scaling_2_over_1"] = short["scaling_2_over_1"]
        res["jobs1_equals_jobs2"] = short["jobs1_equals_jobs2"]
        if scale_n:
            sdir = work / "scale"
            if sdir.exists():
                shutil.rmtree(sdir)
            smeta = generate(sdir, scale_n, seed=13, distinct=True)
            fair = scaling([sdir], 4 * scale_n, "scale")
            fair["pdf_pages"] = smeta["pdf_pages"]
            res["scale_run"] = fair
            res["jobs1_equals_jobs2"] = res["jobs1_equals_jobs2"] and fair["jobs1_equals_jobs2"]

        # per-stage, in process
        files = sorted((data / "txt").glob("*.txt")) + sorted((data / "pdf").glob("*.pdf"))
        stage_times(files[:1])  # warm up models
        res["stages_txt_s"] = {k: round(v, 3) for k, v in stage_times(files[:n]).items()}
        res["stages_pdf_s"] = {k: round(v, 3) for k, v in stage_times(files[n:]).items()}
        print(f"stages, {n} txt (s): {res['stages_txt_s']}", flush=True)
        print(f"stages, {n} pdf (s): {res['stages_pdf_s']}", flush=True)

        # baseline 1: bare jieba over the same texts
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        jieba.lcut(meta["texts"][0][:200])  # its HMM tables load on first use: not part of the rate
        t = time.perf_counter()
        for text in meta["texts"]:
            jieba.lcut(text)
        jb = time.perf_counter() - t
        res["jieba_docs_per_s"] = round(n / jb, 2)
        # baseline 2: bare pdfplumber over the same PDFs
        import pdfplumber

        t = time.perf_counter()
        for f in sorted((data / "pdf").glob("*.pdf")):
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_tables()
        pp = time.perf_counter() - t
        res["pdfplumber_s"] = round(pp, 2)
        # our PDF loader alone over the same PDFs (the rest of the pipeline is in stages_pdf_s)
        from extractor.load import load_document

        t = time.perf_counter()
        for f in sorted((data / "pdf").glob("*.pdf")):
            load_document(f)
        res["ratio_pdf_load_vs_pdfplumber"] = round((time.perf_counter() - t) / pp, 3)
        f = res["formats"]
        res["ratio_txt_vs_jieba"] = round(f["txt"]["docs_per_s"] / res["jieba_docs_per_s"], 3)
        res["ratio_html_vs_jieba"] = round(f["html"]["docs_per_s"] / res["jieba_docs_per_s"], 3)
        res["ratio_html_vs_jieba_in_worker"] = round((f["html"]["steady_docs_per_s"] or 0)
                                                     / res["jieba_docs_per_s"], 3)
        res["ratio_txt_vs_jieba_in_worker"] = round((f["txt"]["steady_docs_per_s"] or 0) / res["jieba_docs_per_s"], 3)
        res["ratio_pdf_time_vs_pdfplumber"] = round(f["pdf"]["wall_s"] / pp, 3)
        res["ratio_pdf_time_vs_pdfplumber_in_worker"] = round(f["pdf"]["worker_s"] / pp, 3)
        print(f"baseline jieba.lcut: {res['jieba_docs_per_s']} docs/s; pdfplumber text+tables: {pp:.2f}s "
              f"for {meta['pdf_pages']} pages", flush=True)

        # text throughput where start-up no longer dominates: text_n txt and html documents,
        # whole CLI with 1 worker, against bare jieba over the same texts (same run)
        if text_n:
            tdir = work / "text"
            if tdir.exists():
                shutil.rmtree(tdir)
            rng = random.Random(11)
            ttexts = []
            for sub in ("txt", "html"):
                (tdir / sub).mkdir(parents=True)
            for i in range(text_n):
                rep = make_report(rng)
                ttexts.append(write_txt(rep, tdir / "txt" / f"t{i:04d}.txt"))
                write_html(rep, tdir / "html" / f"t{i:04d}.html")
            # each side best of two (the machine is shared): jieba in process after its
            # start-up (steady rate), jieba as a whole process over the same .txt files
            # (start-up and reading included), and our whole CLI with one worker
            jb_n = []
            for _ in range(2):
                t = time.perf_counter()
                for text in ttexts:
                    jieba.lcut(text)
                jb_n.append(time.perf_counter() - t)
            jb_n = min(jb_n)
            jb_proc = min(jieba_process(tdir / "txt") for _ in range(2))
            row = {"n": text_n, "jieba_docs_per_s": round(text_n / jb_n, 2),
                   "jieba_process_wall_s": round(jb_proc, 2), "jieba_process_docs_per_s": round(text_n / jb_proc, 2)}
            for fmt in ("txt", "html"):
                runs = [cli([tdir / fmt, "-o", work / f"outtext_{fmt}", "--jobs", "1", "--force"],
                            work / f"stats_text_{fmt}.json") for _ in range(2)]
                wall, st = min(runs, key=lambda r: r[0])
                per_file = min(r[1]["stage_seconds"].get("total", 0.0) for r in runs)
                row[fmt] = {"wall_s": round(wall, 2), "docs_per_s": round(text_n / wall, 2),
                            "steady_docs_per_s": round(text_n / per_file, 2) if per_file else None,
                            "errors": st["errors"]}
                # whole process ÷ whole process; in-worker ÷ jieba's steady rate; and the
                # strictest: whole CLI (start-up included) ÷ jieba's steady rate
                row[f"ratio_{fmt}_vs_jieba_process"] = round(jb_proc / wall, 3)
                row[f"ratio_{fmt}_vs_jieba_in_worker"] = round(
                    (text_n / per_file if per_file else 0) / row["jieba_docs_per_s"], 3)
                row[f"ratio_{fmt}_vs_jieba"] = round(text_n / wall / row["jieba_docs_per_s"], 3)
            res["text_run"] = row
            print(f"text run, {text_n} docs: jieba {row['jieba_docs_per_s']} docs/s in process, "
                  f"{row['jieba_process_docs_per_s']} docs/s as a whole process ({jb_proc:.2f}s); "
                  + "; ".join(f"{fmt} CLI {row[fmt]['docs_per_s']} docs/s (÷ jieba process "
                              f"{row[f'ratio_{fmt}_vs_jieba_process']}, in-worker ÷ jieba in process "
                              f"{row[f'ratio_{fmt}_vs_jieba_in_worker']}, CLI ÷ jieba in process "
                              f"{row[f'ratio_{fmt}_vs_jieba']})" for fmt in ("txt", "html")),
                  flush=True)

        # RSS flatness: many files through one worker, never recycled
        if n_flat:
            flat = work / "flat"
            if flat.exists():
                shutil.rmtree(flat)
            flat.mkdir()
            # every file a report of its own (txt and html alternately), as in an archive:
            # whatever a worker keeps between documents (bounded caches) fills and turns
            # over as it would on real folders, and the samples show whether RSS settles
            rng = random.Random(17)
            for i in range(n_flat):
                rep = make_report(rng)
                if i % 2:
                    write_html(rep, flat / f"f{i:05d}.html")
                else:
                    write_txt(rep, flat / f"f{i:05d}.txt")
            wall, st = cli([flat, "-o", work / "outflat", "--jobs", "1", "--force",
                            "--max-tasks-per-worker", str(n_flat + 1)], work / "stats_flat.json")
            samples = st["rss_samples_mb"]
            res["flat"] = {"files": n_flat, "wall_s": round(wall, 1), "rss_first_mb": samples[0] if samples else None,
                           "rss_last_mb": samples[-1] if samples else None, "rss_max_mb": max(samples or [0]),
                           "rss_median_mb": statistics.median(samples) if samples else None,
                           # RSS at each tenth of the run: flat means these stop rising
                           "rss_by_tenth_mb": [samples[min(len(samples) - 1, k * len(samples) // 10)]
                                               for k in range(11)] if samples else []}
            print(f"RSS over {n_flat} files in one worker: first {res['flat']['rss_first_mb']} MB, "
                  f"last {res['flat']['rss_last_mb']} MB, max {res['flat']['rss_max_mb']} MB; "
                  f"by tenths of the run {res['flat']['rss_by_tenth_mb']}", flush=True)
        # real reports (and the worst-case digit runs, cold start) in the same run
        if not a.no_real:
            res["real"] = real_bench(work, copies=a.real_copies, runs=a.real_runs, parts=tuple(a.real_parts.split(",")), before=before)
    finally:
        if not a.workdir:
            shutil.rmtree(work, ignore_errors=True)
    res["bench_wall_s"] = round(time.perf_counter() - t_all, 1)

    f = res["formats"]
    print("\n== zwgk benchmark ==")
    res["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    print(f"machine: {os.cpu_count()} CPUs; {n} reports per format, {res['avg_chars']} chars avg, "
          f"{res['pdf_pages']} PDF pages; load average (1/5/15 min) at start {res['loadavg_start']}, "
          f"at end {res['loadavg_end']}")
    if "real" in res:  # real reports first
        print_real(res["real"])
        print("== synthetic reports ==")
    rows = [
        ("cold start, 1 file (s)", res["cold_start_s"], "≤ 1.5"),
        ("txt  docs/s (CLI, 1 worker)", f["txt"]["docs_per_s"], ""),
        ("html docs/s (CLI, 1 worker)", f["html"]["docs_per_s"], ""),
        ("docx docs/s (CLI, 1 worker)", f["docx"]["docs_per_s"], ""),
        ("pdf  docs/s / pages/s (CLI, 1 worker)", f"{f['pdf']['docs_per_s']} / {f['pdf']['pages_per_s']}", ""),
        ("bare jieba docs/s", res["jieba_docs_per_s"], ""),
        ("ratio txt/jieba (CLI; in-worker)", f"{res['ratio_txt_vs_jieba']}; {res['ratio_txt_vs_jieba_in_worker']}",
         f"({n} docs: start-up bound)"),
        ("ratio html/jieba (CLI; in-worker)",
         f"{res['ratio_html_vs_jieba']}; {res['ratio_html_vs_jieba_in_worker']}", f"({n} docs: start-up bound)"),
        ("ratio pdf time/pdfplumber (CLI; in-worker)",
         f"{res['ratio_pdf_time_vs_pdfplumber']}; {res['ratio_pdf_time_vs_pdfplumber_in_worker']}", "≤ 0.5"),
        ("ratio pdf loader alone/pdfplumber", res["ratio_pdf_load_vs_pdfplumber"], ""),
        (f"scaling 2 workers / 1, {4 * n} docs (short)", res["scaling_2_over_1"], "(start-up bound)"),
        ("jobs 1 == jobs 2 (bytes)", res["jobs1_equals_jobs2"], "True"),
        ("peak RSS per worker (MB)", max(r["worker_peak_rss_mb"] for r in f.values()), "≤ 400"),
    ]
    if "scale_run" in res:
        sr = res["scale_run"]
        rows.insert(rows.index(next(r for r in rows if r[0].startswith("jobs 1 == jobs 2"))),
                    (f"scaling 2 workers / 1, {sr['n_docs']} docs (fair)", sr["scaling_2_over_1"], "≥ 1.8"))
    if "text_run" in res:
        tr = res["text_run"]
        for fmt in ("txt", "html"):
            rows.append((f"{fmt:4s} ÷ jieba, {tr['n']} docs: process; in-worker",
                         f"{tr[f'ratio_{fmt}_vs_jieba_process']}; {tr[f'ratio_{fmt}_vs_jieba_in_worker']}",
                         "≥ 1.0"))
            rows.append((f"{fmt:4s} CLI ÷ jieba in process (strictest)", tr[f"ratio_{fmt}_vs_jieba"], ""))
    if "flat" in res:
        fl = res["flat"]
        rows.append((f"RSS over {fl['files']} files first/last/max (MB)",
                     f"{fl['rss_first_mb']}/{fl['rss_last_mb']}/{fl['rss_max_mb']}", "flat"))
    for name, val, target in rows:
        print(f"  {name:44s} {str(val):>22s}   {target}")
    print(f"  per-stage seconds, {n} txt: {res['stages_txt_s']}")
    print(f"  per-stage seconds, {n} pdf: {res['stages_pdf_s']}")
    print(f"bench wall time: {res['bench_wall_s']}s")
    if a.json:
        Path(a.json).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
