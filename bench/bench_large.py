#!/usr/bin/env python3
"""Large inputs (issue 11): CPU time per stage of ``extract`` on 1x, 4x, 16x (, 64x)
concatenations of real dev reports, as .txt and as a one-line .html page, and on a
generated dump of figures. Each copy gets its figures shifted (no two copies are the same
report, so no cache of sentences hides work). A stage that is linear costs about 4x per
step; the last column is the ratio of the total to the previous size's.

    python bench/bench_large.py              # 1x 4x 16x, < 1 min on 2 cores
    python bench/bench_large.py --sizes 1 4 16 64
    python bench/bench_large.py --shapes flat_html dump

Uses ../shared/corpus/real (every 4th report's .txt: ~28,000 characters a copy). Times are
process CPU (time.process_time) in this one process, so the load of the machine weighs
little; nothing is written but temporary files.
"""
from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REAL = ROOT.parent / "shared" / "corpus" / "real"

STAGES = ("load", "segment", "rules", "tables", "clauses", "reconcile", "metadata", "output")


def _unit() -> str:
    files = sorted(p for p in REAL.glob("*.txt") if not p.name.endswith((".gbk.txt", ".cells.txt")))
    if not files:
        sys.exit(f"no reports in {REAL}")
    return "\n\n".join(p.read_text(encoding="utf-8") for p in files[::4])


def _shift(text: str, k: int) -> str:
    return re.sub(r"\d+", lambda m: str(int(m.group()) + k) if len(m.group()) < 4 else m.group(), text)


def make_input(shape: str, n: int, folder: Path, unit: str) -> Path:
    if shape == "dump":
        lines = [f"{2000 + i % 20}年{i}号文件：主动公开政府信息{i + 7}条，收到政府信息公开申请{i % 97}件。"
                 for i in range(1000 * n)]
        p = folder / f"dump{n}.txt"
        p.write_text("\n".join(lines), encoding="utf-8")
        return p
    text = "\n\n".join(_shift(unit, k) for k in range(n))
    if shape == "txt":
        p = folder / f"reports{n}.txt"
        p.write_text(text, encoding="utf-8")
        return p
    body = " ".join(html.escape(line) for line in text.split("\n"))  # one line, one block
    p = folder / f"reports{n}.html"
    p.write_text(f"<html><head><meta charset='utf-8'></head><body><div>{body}</div></body></html>",
                 encoding="utf-8")
    return p


def run_stages(path: Path) -> tuple[dict, int, int]:
    from extractor import clauses, metadata, output, pipeline, reconcile, rules, segment
    from extractor.tables import read_tables

    times: dict = {}

    def timed(name, fn):
        t = time.process_time()
        r = fn()
        times[name] = time.process_time() - t
        return r

    doc = timed("load", lambda: pipeline.load_and_normalize(path, {}))
    seg = timed("segment", lambda: segment.segment(doc))
    found = timed("rules", lambda: rules.find_facts(doc, seg))
    tabs = timed("tables", lambda: read_tables(doc, seg))
    cls = timed("clauses", lambda: clauses.find_facts(doc, seg, found, tabs))
    res = timed("reconcile", lambda: reconcile.reconcile(doc, seg, found, tabs, cls))
    meta = timed("metadata", lambda: metadata.describe(doc, seg))
    timed("output", lambda: output.document_json(doc, meta, res))
    return times, len(doc.text), len(res["facts"])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--shapes", nargs="+", default=["txt", "flat_html", "dump"],
                    choices=["txt", "flat_html", "dump"])
    args = ap.parse_args(argv)
    unit = _unit() if {"txt", "flat_html"} & set(args.shapes) else ""
    print(f"{'input':<22}{'chars':>10}{'facts':>8} " + " ".join(f"{s:>9}" for s in STAGES)
          + f"{'total':>9}{'x prev':>8}")
    with tempfile.TemporaryDirectory(prefix="zwgk-large-") as tmp:
        run_stages(make_input("dump", 1, Path(tmp), unit))  # warm-up: rules, lexicons, dictionary
        for shape in args.shapes:
            prev = None
            for n in args.sizes:
                p = make_input(shape, n, Path(tmp), unit)
                times, chars, facts = run_stages(p)
                total = sum(times.values())
                ratio = f"{total / prev:8.1f}" if prev else f"{'':>8}"
                prev = total
                print(f"{p.name:<22}{chars:>10}{facts:>8} " + " ".join(f"{times[s]:9.2f}" for s in STAGES)
                      + f"{total:9.2f}{ratio}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
