"""The tables built from the records (``collect``): documents, reports, facts, warnings,
conflicts, score items, data dictionary, checks and, on request, the panel."""
from __future__ import annotations

import json
import os

from .cast import Rows
from .columns import (CONFLICT_COLUMNS, DICTIONARY_COLUMNS, LONG_COLUMNS, SCORE_COLUMNS, WARNING_COLUMNS,
                      column_name, data_dictionary, key_columns, report_columns, wide_columns)
from .fields import (QUOTED, SCALAR, chosen_index, is_money, offsets, report_ids, same_value, simplified,
                     warning_key)
from .records import ExtractedText, as_dict, as_str, dicts, scan


def _agree(values: list):
    """(the one value all renderings give, False); (None, True) when they disagree."""
    vals = [v for v in values if isinstance(v, SCALAR)]
    if not vals:
        return None, False
    if all(same_value(v, vals[0]) for v in vals):
        return vals[0], False
    return None, True


def _most(values: list):
    vals = [v for v in values if isinstance(v, SCALAR)]
    if not vals:
        return None
    best = max(vals, key=lambda v: (vals.count(v), -vals.index(v)))
    return best


PER_RECORD = ("wide", "long", "warnings", "conflicts", "score_items")


def record_tables(dropped: list) -> dict:
    """The tables filled one record at a time ({name: Rows}); ``add_record`` fills them."""
    return {"wide": Rows(wide_columns(), dropped), "long": Rows(LONG_COLUMNS, dropped),
            "warnings": Rows(WARNING_COLUMNS, dropped), "conflicts": Rows(CONFLICT_COLUMNS, dropped),
            "score_items": Rows(SCORE_COLUMNS, dropped)}


def collect(outdir: str | os.PathLike, _skipped: list | None = None,
            corrections=None, panel: bool = False) -> dict[str, tuple[list[tuple[str, str]], list[list]]]:
    """Every table as {name: (columns, rows)}; values already cast to the column type.
    ``corrections`` (extractor.corrections.Corrections) are applied to the records first.
    ``panel``: also the ``panel`` table (one row per body × kind × year, extractor/series.py)."""
    from ..keys import key_units

    units = key_units()
    kcols = key_columns()
    records, skipped = scan(outdir)
    if corrections is not None:
        records, unmatched = corrections.apply_all(records)
        skipped.extend(unmatched)
    if _skipped is not None:
        _skipped.extend(skipped)
    dropped: list[dict] = []
    tabs = record_tables(dropped)
    pairs = [(d, r) for d, r, _ in records]
    rids = report_ids(pairs)
    for doc_id, rec, fp in records:
        add_record(tabs, doc_id, rec, fp, rids[doc_id], units, kcols)
    glob = global_tables(pairs, rids, dropped, panel)
    for d in dropped:
        tabs["warnings"].add(d)
    out = {t: (tabs[t].cols, tabs[t].rows) for t in PER_RECORD}
    out = {"wide": out["wide"], "reports": glob["reports"], "long": out["long"], "warnings": out["warnings"],
           "conflicts": out["conflicts"], "score_items": out["score_items"],
           "data_dictionary": glob["data_dictionary"], "checks": glob["checks"]}
    if panel:
        out["panel"] = glob["panel"]
    return out


def add_record(tabs: dict, doc_id: str, rec: dict, fp: str | None, rid: str, units: dict, kcols) -> None:
    """The rows of one record in the per-record tables ``tabs`` (``record_tables``)."""
    wide, long_, warns, confl, scores = (tabs[t] for t in PER_RECORD)
    src, doc, values = as_dict(rec.get("source")), as_dict(rec.get("document")), as_dict(rec.get("values"))
    errs, facts = dicts(rec.get("errors")), rec.get("facts") if isinstance(rec.get("facts"), list) else []
    text = ExtractedText(fp)
    sp = src.get("path")
    ctx = dict(doc_id=doc_id, report=rid, source_path=sp)
    base = {
        "doc_id": doc_id, "report_id": rid, "source_path": sp, "source_sha256": src.get("sha256"),
        "source_format": src.get("format"), "source_pages": src.get("pages"),
        "source_encoding": src.get("encoding"), "source_ocr": src.get("ocr"),
        "schema_version": rec.get("schema_version"), "kind": doc.get("kind"), "title": doc.get("title"),
        "agency": doc.get("agency"), "agency_simplified": simplified(as_str(doc.get("agency"))),
        "year": doc.get("year"), "date": doc.get("date"), "template": doc.get("template"),
        "error_code": errs[0].get("code") if errs else None,
        "error_message": errs[0].get("message") if errs else None,
        "n_facts": len(facts), "n_conflicts": len(dicts(rec.get("conflicts"))),
        "n_warnings": len(dicts(rec.get("warnings"))), "n_score_tables": len(dicts(rec.get("score_tables"))),
    }
    for c, _t, e in kcols:
        base[c] = values.get(e["key"])
    wide.add(base, **ctx)
    chosen = {chosen_index(rec, k) for k in values}
    for i, f in enumerate(facts):
        if not isinstance(f, dict):
            continue
        key = f.get("key") if isinstance(f.get("key"), str) else None
        a, b = offsets(f.get("offset"))
        unit = f.get("unit")
        money = is_money(key, unit, units)
        r = {"doc_id": doc_id, "report_id": rid, "source_path": sp, "key": key,
             "column": column_name(key) if key in units else None, "value": f.get("value"),
             "value_type": units.get(key, "other"), "unit": "元" if money else unit,
             "source_unit": unit, "raw": f.get("raw"), "origin": f.get("origin"), "page": f.get("page"),
             "offset_start": a, "offset_end": b, "evidence": f.get("evidence"), "rule": f.get("rule"),
             "chosen": i in chosen, "review": f.get("review"), "corrected_by": f.get("corrected_by"),
             "review_note": f.get("review_note")}
        long_.add(r, **ctx)
    for w in dicts(rec.get("warnings")):
        a, b = offsets(w.get("offset"))
        msg = w.get("message")
        q = QUOTED.search(msg) if isinstance(msg, str) else None
        warns.add({"doc_id": doc_id, "report_id": rid, "source_path": sp, "key": warning_key(msg),
                   "code": w.get("code"), "message": msg, "raw": q.group(1) if q else None,
                   "evidence": text.slice(a, b), "page": w.get("page"), "offset_start": a,
                   "offset_end": b}, **ctx)
    for c in dicts(rec.get("conflicts")):
        key = c.get("key")
        cands = dicts(c.get("candidates"))
        has = key in values
        outcome = f"value taken: {values[key]!r}" if has else "no value taken"
        msg = (f"{key}: " + ", ".join(f"{x.get('value')!r} ({x.get('origin')})" for x in cands)
               + f"; {outcome}")
        for x in cands:
            a, b = offsets(x.get("offset"))
            ev, page = None, None
            for f in facts:   # the fact behind the candidate gives evidence and page
                if isinstance(f, dict) and f.get("key") == key and same_value(f.get("value"), x.get("value")) \
                        and offsets(f.get("offset")) == (a, b):
                    ev, page = f.get("evidence"), f.get("page")
                    break
            confl.add({"doc_id": doc_id, "report_id": rid, "source_path": sp, "key": key,
                       "code": "conflict", "message": msg, "value": x.get("value"),
                       "origin": x.get("origin"), "evidence": ev if ev is not None else text.slice(a, b),
                       "page": page, "offset_start": a, "offset_end": b,
                       "taken": has and same_value(values[key], x.get("value"))}, **ctx)
    for ti, t in enumerate(dicts(rec.get("score_tables"))):
        for ii, it in enumerate(dicts(t.get("items"))):
            path = [str(p) for p in (it.get("path") if isinstance(it.get("path"), list) else [])]
            scores.add({"doc_id": doc_id, "report_id": rid, "source_path": sp, "table_index": ti,
                        "table_title": t.get("title"), "table_page": t.get("page"), "item_index": ii,
                        "path": " > ".join(path), "path_json": json.dumps(path, ensure_ascii=False),
                        "criterion": it.get("criterion"), "max": it.get("max"), "score": it.get("score")},
                       **ctx)


def global_tables(pairs: list, rids: dict, dropped: list, panel: bool = False) -> dict:
    """The tables that need every record: reports (renderings grouped), checks (each body's
    series), data dictionary and, on request, the panel. ``pairs``: [(doc_id, record)] (a record
    needs only source, document, values, errors and score_tables here)."""
    from .. import series as _series

    kcols = key_columns()
    groups: dict[str, list[tuple[str, dict]]] = {}
    for doc_id, rec in pairs:
        groups.setdefault(rids[doc_id], []).append((doc_id, rec))
    reports = Rows(report_columns(), dropped)
    for rid, members in groups.items():
        docs = [as_dict(r.get("document")) for _, r in members]
        vals = [as_dict(r.get("values")) for _, r in members]
        row = {"report_id": rid, "kind": _most([d.get("kind") for d in docs]),
               "year": _most([d.get("year") for d in docs]), "agency": _most([d.get("agency") for d in docs]),
               "title": _most([d.get("title") for d in docs]), "n_renderings": len(members),
               "doc_ids": json.dumps([d for d, _ in members], ensure_ascii=False)}
        row["agency_simplified"] = simplified(as_str(row["agency"]))
        n_dis = 0
        for c, _t, e in kcols:
            v, dis = _agree([vv.get(e["key"]) for vv in vals])
            row[c] = v
            n_dis += dis
        row["n_disagreements"] = n_dis
        reports.add(row, doc_id=members[0][0], report=rid)
    # cross-report checks over each body's series (extractor/series.py), and the panel
    found = _series.build_series(pairs, report_ids=rids)
    checks = Rows(_series.CHECK_COLUMNS, dropped)
    for f in _series.run_checks(found):
        checks.add(_series.finding_row(f))
    dd = Rows(DICTIONARY_COLUMNS, dropped)
    for r in data_dictionary():
        dd.add(dict(zip([c for c, _ in DICTIONARY_COLUMNS], r)))
    out = {"reports": (reports.cols, reports.rows), "data_dictionary": (DICTIONARY_COLUMNS, dd.rows),
           "checks": (_series.CHECK_COLUMNS, checks.rows)}
    if panel:
        pcols = _series.PANEL_COLUMNS + [(c, t) for c, t, _e in kcols]
        prow = Rows(pcols, dropped)
        for r in _series.panel_rows(found):
            prow.add(r)
        out["panel"] = (pcols, prow.rows)
    return out
