"""Instructions (or CPU) of a warm pass over the dev texts: the benchmark's real text inputs
(../shared/corpus/real: txt without the .gbk/.cells copies, html, docx; 139 files), each
loaded, normalised and extracted in this process, as a warm worker does.

    python bench/warm_pass.py                   # CPU seconds per pass (--passes N, --stages)
    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=closure_fcn \\
        python bench/warm_pass.py --callgrind    # instructions of the measured passes only
    python bench/warm_pass.py --first --passes 2   # a worker's first and second pass (session 12)

A first pass warms every cache (rules compiled, the per-sentence cache filled as a worker's
would be), then the garbage collector is switched off (so that no collection moves between
runs) and ``--passes`` passes are measured. With ``--callgrind`` they run inside a ctypes
callback (libc qsort's comparator): ``--toggle-collect=closure_fcn`` makes callgrind count
that callback's instructions only (instruction counts do not move with the machine's load;
run the interpreter's binary, not a pyenv shim, under valgrind). Run it from the checkout
to measure: the checkout's folder comes first on sys.path.
"""
from __future__ import annotations

import argparse
import ctypes
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())
REAL = Path(os.environ.get("ZWGK_REAL_CORPUS") or Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real")


def files() -> list[Path]:
    out = []
    for fmt in ("txt", "html", "docx"):
        fs = sorted(REAL.glob(f"*.{fmt}"))
        if fmt == "txt":
            fs = [p for p in fs if p.name.count(".") == 1]
        out += fs
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--passes", type=int, default=1, help="measured passes (default 1)")
    ap.add_argument("--callgrind", action="store_true", help="run the measured passes in a ctypes callback")
    ap.add_argument("--stages", action="store_true", help="CPU seconds by stage (perf_counter per stage)")
    ap.add_argument("--first", action="store_true",
                    help="as a batch worker starts: the batch warm-up (warm_main) instead of a warm-up "
                         "pass, so the first measured pass pays what a worker's first sight of a "
                         "sentence costs (the benchmark's workers each see nearly every report once)")
    a = ap.parse_args(argv)
    if a.first:
        from extractor.batch.start import warm_main

        warm_main((".txt", ".html", ".docx"))
    from extractor.pipeline import extract_document, load_and_normalize

    fs = files()
    if not fs:
        raise SystemExit(f"no dev texts under {REAL}")

    def one_pass(on_stage=None):
        for f in fs:
            extract_document(load_and_normalize(f, on_stage=on_stage), on_stage=on_stage)

    if not a.first:
        one_pass()  # warm-up
    gc.collect()
    gc.disable()
    if a.callgrind:
        cmp_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)

        def cmp(x, y):
            for _ in range(a.passes):
                one_pass()
            return 0

        callback = cmp_type(cmp)
        pair = (ctypes.c_int * 2)(1, 2)
        ctypes.CDLL(None).qsort(pair, 2, ctypes.sizeof(ctypes.c_int), callback)
        return 0
    by_stage: dict = {}

    def add(name, seconds):
        by_stage[name] = by_stage.get(name, 0.0) + seconds

    t0 = time.process_time()
    for _ in range(a.passes):
        one_pass(add if a.stages else None)
    print(f"{len(fs)} documents, CPU per pass {(time.process_time() - t0) / a.passes:.3f} s")
    for name, sec in sorted(by_stage.items(), key=lambda kv: -kv[1]):
        print(f"  {name:10s} {sec / a.passes:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
