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
    wide = Rows(wide_columns(), dropped)
    long_ = Rows(LONG_COLUMNS, dropped)
    warns = Rows(WARNING_COLUMNS, dropped)
    confl = Rows(CONFLICT_COLUMNS, dropped)
    scores = Rows(SCORE_COLUMNS, dropped)
    groups: dict[str, list[tuple[str, dict]]] = {}
    rids = report_ids([(d, r) for d, r, _ in records])
    for doc_id, rec, fp in records:
        src, doc, values = as_dict(rec.get("source")), as_dict(rec.get("document")), as_dict(rec.get("values"))
        errs, facts = dicts(rec.get("errors")), rec.get("facts") if isinstance(rec.get("facts"), list) else []
        rid = rids[doc_id]
        groups.setdefault(rid, []).append((doc_id, rec))
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
    from .. import series as _series

    found = _series.build_series([(d, r) for d, r, _ in records], report_ids=rids)
    checks = Rows(_series.CHECK_COLUMNS, dropped)
    for f in _series.run_checks(found):
        checks.add(_series.finding_row(f))
    for d in dropped:
        warns.add(d)
    dd = Rows(DICTIONARY_COLUMNS, dropped)
    for r in data_dictionary():
        dd.add(dict(zip([c for c, _ in DICTIONARY_COLUMNS], r)))
    out = {"wide": (wide.cols, wide.rows), "reports": (reports.cols, reports.rows),
           "long": (LONG_COLUMNS, long_.rows), "warnings": (WARNING_COLUMNS, warns.rows),
           "conflicts": (CONFLICT_COLUMNS, confl.rows), "score_items": (SCORE_COLUMNS, scores.rows),
           "data_dictionary": (DICTIONARY_COLUMNS, dd.rows), "checks": (_series.CHECK_COLUMNS, checks.rows)}
    if panel:
        pcols = _series.PANEL_COLUMNS + [(c, t) for c, t, _e in kcols]
        prow = Rows(pcols, dropped)
        for r in _series.panel_rows(found):
            prow.add(r)
        out["panel"] = (pcols, prow.rows)
    return out
