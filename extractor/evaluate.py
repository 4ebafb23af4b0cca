"""Score extraction against hand-written gold files (SCHEMA.md, "Gold files").

Every document NAME with ``NAME.gold.json`` beside it is extracted in each of its
renderings (``NAME.txt``, ``NAME.gbk.txt``, ``NAME.grid.docx``, ``NAME.scan.pdf`` …)
and scored against the same gold:

* values, per key, exact (money to the cent): a reported key that gold lacks is a
  false positive, a missed one a false negative, a wrong value both; ``_optional``
  keys are neutral when equal and false positives otherwise; ``_ignore`` keys are not
  scored;
* document fields: kind, year, template exact; agency matches when one name contains
  the other (and, beside it, ``agency exact``: the same name, script and spaces aside);
* score-table items matched in order by (max, score) (longest common subsequence),
  and totals compared field by field where gold has them.
"""
from __future__ import annotations

import json
import os
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .load import SUPPORTED_EXTENSIONS

DOC_FIELDS = ("kind", "year", "agency", "template")
# the strict agency figure beside the containment one: 北京市 for 北京市统计局 matches by
# containment, not here (the containment figure keeps its meaning)
AGENCY_EXACT = "agency exact"
SUMMARY_FIELDS = DOC_FIELDS + (AGENCY_EXACT,)


# ---------------------------------------------------------------- discovery
def gold_name_for(path: Path) -> Path | None:
    """``dir/s09_x.grid.docx`` -> ``dir/s09_x.gold.json`` if it exists (strip suffixes)."""
    name = path.name
    while "." in name:
        name = name.rsplit(".", 1)[0]
        g = path.with_name(name + ".gold.json")
        if g.is_file():
            return g
    return None


def rendering_of(path: Path, gold: Path) -> str:
    """The part of the file name after NAME: ``gbk.txt``, ``grid.pdf``, ``docx`` …"""
    stem = gold.name[: -len(".gold.json")]
    return path.name[len(stem) + 1 :]


def discover(corpus: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        for f in sorted(files):
            p = Path(root) / f
            if f.endswith(".gold.json") or p.suffix.lower() not in SUPPORTED_EXTENSIONS:
                continue
            g = gold_name_for(p)
            if g is not None:
                pairs.append((p, g))
    return sorted(pairs)


# ---------------------------------------------------------------- comparison
def same_value(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) or isinstance(b, float):
            return abs(a - b) < 0.005
        return a == b
    return a == b


def agency_match(pred, gold) -> bool:
    """One name contains the other, in either script (a Big5 rendering of a report
    names its agency in Traditional characters; the gold may be written in Simplified)."""
    if not pred or not gold:
        return pred == gold
    from .normalize import to_simplified

    pred, gold = to_simplified(pred), to_simplified(gold)
    return pred in gold or gold in pred


def agency_exact(pred, gold) -> bool:
    """The same name in either script, whitespace aside (北京市 is not 北京市统计局)."""
    if not pred or not gold:
        return pred == gold
    from .normalize import to_simplified

    return "".join(to_simplified(pred).split()) == "".join(to_simplified(gold).split())


@dataclass
class DocScore:
    path: str
    name: str
    rendering: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    by_group: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    wrong: list = field(default_factory=list)  # (key, got, want)
    missing: list = field(default_factory=list)  # (key, want)
    extra: list = field(default_factory=list)  # (key, got)
    fields: dict = field(default_factory=dict)  # field -> (ok, got, want)
    items_tp: int = 0
    items_pred: int = 0
    items_gold: int = 0
    totals_ok: int = 0
    totals_n: int = 0
    errors: list = field(default_factory=list)
    needs_ocr: bool = False


def _group(key: str) -> str:
    return key.split(".", 1)[0]


def score_values(pred: dict, gold: dict, ds: DocScore) -> None:
    gv = gold.get("values", {}) or {}
    opt = gold.get("_optional", {}) or {}
    ign = set(gold.get("_ignore", []) or [])
    for key, got in pred.items():
        if key in ign:
            continue
        g = ds.by_group[_group(key)]
        if key in gv:
            if same_value(got, gv[key]):
                ds.tp += 1
                g[0] += 1
            else:
                ds.fp += 1
                ds.fn += 1
                g[1] += 1
                g[2] += 1
                ds.wrong.append((key, got, gv[key]))
        elif key in opt:
            if not same_value(got, opt[key]):
                ds.fp += 1
                g[1] += 1
                ds.extra.append((key, got))
        else:
            ds.fp += 1
            g[1] += 1
            ds.extra.append((key, got))
    for key, want in gv.items():
        if key in ign or key in pred:
            continue
        ds.fn += 1
        ds.by_group[_group(key)][2] += 1
        ds.missing.append((key, want))


def _lcs(a: list, b: list) -> int:
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _num(v):
    if v is None or isinstance(v, bool):
        return v
    try:
        f = float(v)
    except (TypeError, ValueError):
        return v
    return int(f) if f == int(f) else round(f, 2)


def _pairs(table: dict) -> list:
    return [(_num(i.get("max")), _num(i.get("score"))) for i in table.get("items", [])]


def score_tables(pred: list, gold: list, ds: DocScore) -> None:
    pred_seqs = [_pairs(t) for t in pred]
    gold_seqs = [_pairs(t) for t in gold]
    ds.items_pred = sum(len(s) for s in pred_seqs)
    ds.items_gold = sum(len(s) for s in gold_seqs)
    used: set[int] = set()
    for gi, gseq in enumerate(gold_seqs):
        best, best_j = 0, None
        for pj, pseq in enumerate(pred_seqs):
            if pj in used:
                continue
            n = _lcs(gseq, pseq)
            if n > best:
                best, best_j = n, pj
        ds.items_tp += best
        gtotal = gold[gi].get("total") or {}
        if gtotal:
            ds.totals_n += 1
            if best_j is not None:
                used.add(best_j)
                ptotal = pred[best_j].get("total") or {}
                if all(_num(ptotal.get(k)) == _num(v) for k, v in gtotal.items()):
                    ds.totals_ok += 1
        elif best_j is not None:
            used.add(best_j)


def score_document(result: dict, gold: dict, ds: DocScore) -> DocScore:
    ds.errors = result.get("errors", [])
    ds.needs_ocr = bool((result.get("source") or {}).get("ocr")) or any(
        w.get("code") == "needs_ocr" for w in result.get("warnings", []))
    score_values(result.get("values", {}) or {}, gold, ds)
    gdoc = gold.get("document", {}) or {}
    pdoc = result.get("document", {}) or {}
    for f in DOC_FIELDS:
        if f not in gdoc:
            continue
        got, want = pdoc.get(f), gdoc.get(f)
        ok = agency_match(got, want) if f == "agency" else got == want
        ds.fields[f] = (ok, got, want)
        if f == "agency":
            ds.fields[AGENCY_EXACT] = (agency_exact(got, want), got, want)
    score_tables(result.get("score_tables", []) or [], gold.get("score_tables", []) or [], ds)
    return ds


# ---------------------------------------------------------------- running
def _extract_one(args):
    path, out_dir, rel = args
    from .pipeline import extract

    result = extract(path, display_path=rel)
    if out_dir:
        dest = Path(out_dir) / (rel + ".json")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


def evaluate(corpus: str | Path, out_dir: str | None = None, formats: list[str] | None = None,
             jobs: int | None = None, corrections=None) -> list[DocScore]:
    """``corrections`` (extractor.corrections.Corrections): gold for the documents they name."""
    corpus = Path(corpus)
    pairs = discover(corpus)
    if formats:
        pairs = [(p, g) for p, g in pairs if rendering_of(p, g) in formats]
    if corrections is not None:  # corrected files without a gold file are scored too
        from .corrections import corrected_files

        pairs += [(p, None) for p in corrected_files(corpus, corrections, {p for p, _ in pairs})]
    tasks = [(str(p), out_dir, p.relative_to(corpus).as_posix()) for p, g in pairs]
    jobs = jobs or min(len(tasks), os.cpu_count() or 1) or 1
    if jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            results = list(ex.map(_extract_one, tasks, chunksize=1))
    else:
        results = [_extract_one(t) for t in tasks]
    scores = []
    golds: dict[Path, dict] = {}
    for (p, g), result in zip(pairs, results):
        if g not in golds:
            golds[g] = json.loads(g.read_text(encoding="utf-8")) if g is not None else None
        rel = p.relative_to(corpus).as_posix()
        name = g.name[: -len(".gold.json")] if g is not None else rel
        gold = golds[g]
        if corrections is not None:
            mine = corrections.for_file(rel, (result.get("source") or {}).get("sha256"))
            gold = corrections.gold_for(result, mine, gold) if mine or gold is None else gold
        ds = DocScore(path=rel, name=name, rendering=rendering_of(p, g) if g is not None else "corrected")
        scores.append(score_document(result, gold, ds))
    return scores


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def summarize(scores: list[DocScore]) -> dict:
    def agg(sel):
        tp = sum(s.tp for s in sel)
        fp = sum(s.fp for s in sel)
        fn = sum(s.fn for s in sel)
        p, r, f = prf(tp, fp, fn)
        return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f, "docs": len(sel)}

    out = {"values": agg(scores)}
    out["values_without_ocr_pages"] = agg([s for s in scores if not s.needs_ocr])
    out["by_format"] = {r: agg([s for s in scores if s.rendering == r])
                        for r in sorted({s.rendering for s in scores})}
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for s in scores:
        for g, (tp, fp, fn) in s.by_group.items():
            groups[g][0] += tp
            groups[g][1] += fp
            groups[g][2] += fn
    out["by_group"] = {}
    for g in sorted(groups):
        tp, fp, fn = groups[g]
        p, r, f = prf(tp, fp, fn)
        out["by_group"][g] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}
    out["fields"] = {}
    for f in SUMMARY_FIELDS:
        vals = [s.fields[f][0] for s in scores if f in s.fields]
        out["fields"][f] = {"accuracy": (sum(vals) / len(vals)) if vals else None, "n": len(vals)}
    itp = sum(s.items_tp for s in scores)
    ipred = sum(s.items_pred for s in scores)
    igold = sum(s.items_gold for s in scores)
    out["score_items"] = {
        "tp": itp, "pred": ipred, "gold": igold,
        "precision": itp / ipred if ipred else 1.0,
        "recall": itp / igold if igold else 1.0,
    }
    out["score_totals"] = {"ok": sum(s.totals_ok for s in scores), "n": sum(s.totals_n for s in scores)}
    out["errors"] = dict(Counter(e.get("code") for s in scores for e in s.errors))
    return out


def _fmt(m: dict) -> str:
    return (f"P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
            f"(tp={m['tp']} fp={m['fp']} fn={m['fn']})")


def report(scores: list[DocScore], summary: dict, quiet: bool = False, out=sys.stdout) -> None:
    w = out.write
    if not quiet:
        w("== per document (wrong / missing / extra values) ==\n")
        for s in scores:
            flags = []
            for f, (ok, got, want) in s.fields.items():
                if f == AGENCY_EXACT and not s.fields["agency"][0]:
                    continue  # the agency line says it already
                if not ok:
                    flags.append(f"{f}: got {got!r} want {want!r}")
            if s.errors:
                flags.append("errors: " + ", ".join(e.get("code", "?") for e in s.errors))
            if s.items_gold or s.items_pred:
                flags.append(f"score items {s.items_tp}/{s.items_gold} matched, {s.items_pred} predicted;"
                             f" totals {s.totals_ok}/{s.totals_n}")
            if not (s.wrong or s.missing or s.extra or flags):
                continue
            p, r, f1 = prf(s.tp, s.fp, s.fn)
            w(f"-- {s.path}  P={p:.2f} R={r:.2f}\n")
            for msg in flags:
                w(f"   {msg}\n")
            for k, got, want in s.wrong:
                w(f"   WRONG   {k}: got {got!r} want {want!r}\n")
            for k, want in s.missing:
                w(f"   MISSING {k}: want {want!r}\n")
            for k, got in s.extra:
                w(f"   EXTRA   {k}: got {got!r}\n")
        w("\n")
    w(f"documents scored: {len(scores)} renderings of {len({s.name for s in scores})} gold files\n")
    w("== values by format ==\n")
    for r, m in summary["by_format"].items():
        w(f"  {r:<10} {_fmt(m)}  docs={m['docs']}\n")
    w("== values by key group ==\n")
    for g, m in summary["by_group"].items():
        w(f"  {g:<16} {_fmt(m)}\n")
    w("== document fields ==\n")
    for f, m in summary["fields"].items():
        acc = m["accuracy"]
        w(f"  {f:<12} accuracy={'n/a' if acc is None else f'{acc:.3f}'} (n={m['n']})\n")
    si = summary["score_items"]
    w(f"== score-table items: P={si['precision']:.3f} R={si['recall']:.3f} "
      f"(matched {si['tp']}, predicted {si['pred']}, gold {si['gold']}); "
      f"totals right {summary['score_totals']['ok']}/{summary['score_totals']['n']}\n")
    if summary["errors"]:
        w(f"== error records: {summary['errors']}\n")
    nv = summary["values_without_ocr_pages"]
    w(f"values on born-digital renderings (no OCR, no page needing it): {_fmt(nv)} docs={nv['docs']}\n")
    w(f"VALUES OVERALL: {_fmt(summary['values'])}\n")


def run_cli(args) -> int:
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"zwgk eval: not a folder: {corpus}", file=sys.stderr)
        return 2
    corrections = None
    if getattr(args, "corrections", None):
        from .corrections import CorrectionsError, load

        try:
            corrections = load(args.corrections)
        except CorrectionsError as e:
            print(f"zwgk eval: {e}", file=sys.stderr)
            return 2
    scores = evaluate(corpus, out_dir=args.out, formats=args.formats, corrections=corrections)
    if not scores:
        print(f"zwgk eval: no document with a NAME.gold.json beside it under {corpus}", file=sys.stderr)
        return 2
    summary = summarize(scores)
    report(scores, summary, quiet=args.quiet)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.min_f1 is not None and summary["values"]["f1"] < args.min_f1:
        print(f"values F1 {summary['values']['f1']:.3f} is below --min-f1 {args.min_f1}", file=sys.stderr)
        return 1
    return 0
