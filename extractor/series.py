"""Report series and the cross-report checks between them (``zwgk check``).

A *series* is one body's documents of one kind over the years. The body is the
document's agency normalised by the declared steps and aliases of
``patterns/series.yaml`` (plus a user's alias file); one report is chosen per
(body, year) when a folder holds several renderings or duplicates, the others are
linked to it. The checks declared in the same file (carry-over, stock and flow,
gb2019 上一年项目数量, ten-fold jumps, missing years) run over consecutive years and
give *findings*: both documents, both values, both evidence snippets. Findings are
facts about the data; nothing is corrected. The configuration (series.yaml read and
validated) is extractor/series_config.py.

    from extractor.series import build_series, run_checks
    series = build_series(records)          # records: [(doc_id, record dict)]
    findings = run_checks(series)
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .series_config import (SERIES_FILE, Check, Config, SeriesConfigError, Term,  # noqa: F401
                            default_config, load_config, normal_form)

#: report years a series takes (the 条例 dates from 2007; anything else is not a report year)
YEARS = (1990, 2100)


# --------------------------------------------------------------------------- bodies

def normalise_body(name, config: Config | None = None) -> str | None:
    """The series body of an agency name: its normal form, then the alias map (whose names
    are compared in normal form too: they are written as people write them)."""
    if not isinstance(name, str) or not name.strip():
        return None
    cfg = config or default_config()
    s = normal_form(name, cfg.steps)
    return cfg.aliases.get(s, s) if s else None


# --------------------------------------------------------------------------- series

@dataclass
class Doc:
    doc_id: str
    record: dict
    report_id: str
    year: int
    kind: str
    agency: str

    @property
    def values(self) -> dict:
        v = self.record.get("values")
        return v if isinstance(v, dict) else {}


@dataclass
class Series:
    body: str
    kind: str
    agencies: list[str]                       # the names as written, first seen first
    reports: dict[int, Doc]                   # year -> the chosen report
    linked: dict[int, list[Doc]]              # year -> other documents of that body and year

    @property
    def years(self) -> list[int]:
        return sorted(self.reports)


def _n_values(d: Doc) -> int:
    return sum(1 for v in d.values.values() if isinstance(v, (int, float)) and not isinstance(v, bool))


def build_series(records, config: Config | None = None, report_ids: dict | None = None) -> list[Series]:
    """Group ``records`` ([(doc_id, record)]) into series, one report per (body, kind, year):
    the rendering with the most values (ties: the first doc_id), renderings of other report_ids
    and duplicates linked. Documents with an error, no agency, no year or no kind are left out."""
    from .export.fields import report_ids as _report_ids

    cfg = config or default_config()
    records = list(records)
    rids = report_ids if report_ids is not None else _report_ids(records)
    groups: dict[tuple[str, str], dict[int, list[Doc]]] = {}
    names: dict[tuple[str, str], list[str]] = {}
    for doc_id, rec in records:
        if not isinstance(rec, dict) or rec.get("errors"):
            continue
        doc = rec.get("document") if isinstance(rec.get("document"), dict) else {}
        year, kind, agency = doc.get("year"), doc.get("kind"), doc.get("agency")
        if (not isinstance(year, int) or isinstance(year, bool) or not YEARS[0] <= year <= YEARS[1]
                or not isinstance(kind, str)):
            continue   # (a year outside the plausible span is a misreading or a foreign file)
        body = normalise_body(agency, cfg)
        if body is None:
            continue
        key = (body, kind)
        groups.setdefault(key, {}).setdefault(year, []).append(
            Doc(doc_id, rec, rids.get(doc_id, doc_id), year, kind, agency))
        if agency not in names.setdefault(key, []):
            names[key].append(agency)
    out = []
    for (body, kind), by_year in sorted(groups.items()):
        reports, linked = {}, {}
        for year, docs in by_year.items():
            docs.sort(key=lambda d: (-_n_values(d), d.doc_id))
            reports[year] = docs[0]
            if docs[1:]:
                linked[year] = docs[1:]
        out.append(Series(body, kind, names[(body, kind)], reports, linked))
    return out


# --------------------------------------------------------------------------- checks

def _num(v):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        return None
    return v


def _evidence(doc: Doc, key: str) -> dict:
    from .export.fields import chosen_index

    side = {"doc_id": doc.doc_id, "year": doc.year, "agency": doc.agency, "key": key,
            "value": doc.values.get(key)}
    i = chosen_index(doc.record, key)
    if i is not None:
        f = doc.record["facts"][i]
        side.update({"evidence": f.get("evidence"), "page": f.get("page"), "offset": f.get("offset"),
                     "rule": f.get("rule")})
    return side


def _sum(terms, series: Series, base: int):
    total, sides = 0, []
    for t in terms:
        doc = series.reports.get(base + t.offset)
        v = _num(doc.values.get(t.key)) if doc else None
        if v is None:
            return None, []
        total += t.sign * v
        sides.append(_evidence(doc, t.key))
    return total, sides


def _expr(terms) -> str:
    s = ""
    for i, t in enumerate(terms):
        op = ("-" if t.sign < 0 else "+") if i else ("-" if t.sign < 0 else "")
        s += f" {op} " if i else op
        s += f"{t.key}[y{'+' + str(t.offset) if t.offset else ''}]"
    return s


def _finding(check: Check, series: Series, status: str, years, message: str, **kw) -> dict:
    return {"check": check.id, "status": status, "body": series.body, "kind": series.kind,
            "years": list(years), "message": message, "description": check.description, **kw}


def _check_equal(check: Check, s: Series) -> list[dict]:
    out = []
    for y in s.years:
        if any(y + t.offset not in s.reports for t in check.left + check.right):
            continue
        lv, ls = _sum(check.left, s, y)
        rv, rs = _sum(check.right, s, y)
        if lv is None or rv is None:
            continue
        ok = abs(lv - rv) <= check.tolerance
        yrs = sorted({y + t.offset for t in check.left + check.right})
        msg = (f"{_expr(check.left)} = {lv:g} {'=' if ok else '≠'} {_expr(check.right)} = {rv:g}"
               f" (y={y})")
        out.append(_finding(check, s, "ok" if ok else "mismatch", yrs, msg, left=lv, right=rv,
                            difference=rv - lv, left_sides=ls, right_sides=rs))
    return out


def _check_jump(check: Check, s: Series, units: dict) -> list[dict]:
    out = []
    years = s.years
    for a, b in zip(years, years[1:]):
        if b != a + 1:
            continue
        da, db = s.reports[a], s.reports[b]
        for key in sorted(set(da.values) & set(db.values)):
            if check.units and units.get(key) not in check.units:
                continue
            va, vb = _num(da.values.get(key)), _num(db.values.get(key))
            if va is None or vb is None or va <= 0 or vb <= 0 or max(va, vb) < check.min_value:
                continue
            ratio = max(va, vb) / min(va, vb)
            if ratio >= check.factor:
                out.append(_finding(
                    check, s, "notice", [a, b],
                    f"{key}: {va:g} in {a}, {vb:g} in {b} (×{vb / va:.3g}): check the reading",
                    left=va, right=vb, ratio=vb / va,
                    left_sides=[_evidence(da, key)], right_sides=[_evidence(db, key)]))
    return out


def _check_missing(check: Check, s: Series) -> list[dict]:
    years = s.years
    gaps = [y for y in range(years[0], years[-1] + 1) if y not in s.reports]
    if not gaps:
        return []
    return [_finding(check, s, "missing", gaps,
                     f"no report for {', '.join(map(str, gaps))} between {years[0]} and {years[-1]}",
                     present=years)]


def run_checks(series: list[Series], config: Config | None = None) -> list[dict]:
    """Findings of every declared check over every series with at least ``min_years`` years.
    Status: ``ok`` (an equality that holds), ``mismatch``, ``notice`` (a jump) or ``missing``."""
    from .keys import key_units

    cfg = config or default_config()
    units = key_units()
    out = []
    for s in series:
        if len(s.reports) < cfg.min_years:
            continue
        for c in cfg.checks:
            if c.kind == "equal":
                out.extend(_check_equal(c, s))
            elif c.kind == "jump":
                out.extend(_check_jump(c, s, units))
            else:
                out.extend(_check_missing(c, s))
    return out


def series_rows(series: list[Series]) -> list[dict]:
    """One row per series report (body, kind, year, chosen doc, linked docs) for the series table."""
    rows = []
    for s in series:
        for y in s.years:
            d = s.reports[y]
            rows.append({"body": s.body, "kind": s.kind, "year": y, "doc_id": d.doc_id,
                         "report_id": d.report_id, "agency": d.agency,
                         "linked": [x.doc_id for x in s.linked.get(y, [])]})
    return rows


def panel_rows(series: list[Series], keys: list[str] | None = None) -> list[dict]:
    """One row per body × kind × year with the chosen report's values, canonical keys as
    columns (`.` written as `_`), for time-series work."""
    from .keys import canonical_keys

    keys = list(keys or canonical_keys())
    rows = []
    for s in series:
        for y in s.years:
            d = s.reports[y]
            row = {"body": s.body, "kind": s.kind, "year": y, "agency": d.agency, "doc_id": d.doc_id,
                   "report_id": d.report_id}
            vals = d.values
            for k in keys:
                v = vals.get(k)
                row[k.replace(".", "_")] = v if isinstance(v, (int, float)) else None
            rows.append(row)
    return rows


# --------------------------------------------------------------------------- table rows

#: columns of the ``checks`` export table (one row per finding)
CHECK_COLUMNS = [("check", "str"), ("status", "str"), ("body", "str"), ("kind", "str"), ("years", "str"),
                 ("message", "str"), ("left", "num"), ("right", "num"), ("difference", "num"),
                 ("left_doc_ids", "str"), ("right_doc_ids", "str"), ("left_evidence", "str"),
                 ("right_evidence", "str")]


def finding_row(f: dict) -> dict:
    """A finding flattened for a table: years joined by '/', the documents of each side as a
    JSON list, their evidence snippets joined by ' | '."""
    import json

    def docs(sides):
        return json.dumps(list(dict.fromkeys(x.get("doc_id") for x in sides)), ensure_ascii=False) if sides else None

    def ev(sides):
        return " | ".join(str(x.get("evidence")) for x in sides if x.get("evidence")) or None

    ls, rs = f.get("left_sides") or [], f.get("right_sides") or []
    return {"check": f["check"], "status": f["status"], "body": f["body"], "kind": f["kind"],
            "years": "/".join(map(str, f["years"])), "message": f["message"], "left": f.get("left"),
            "right": f.get("right"), "difference": f.get("difference"), "left_doc_ids": docs(ls),
            "right_doc_ids": docs(rs), "left_evidence": ev(ls), "right_evidence": ev(rs)}


#: leading columns of the ``panel`` export table; one column per canonical key follows
PANEL_COLUMNS = [("body", "str"), ("kind", "str"), ("year", "int"), ("agency", "str"), ("doc_id", "str"),
                 ("report_id", "str")]


# --------------------------------------------------------------------------- OUTDIR

CHECKS_FILE = "checks.jsonl"


def check_outdir(outdir, config: Config | None = None) -> tuple[list[Series], list[dict]]:
    """Series and findings of the results of ``zwgk extract`` in ``outdir``."""
    from .export.records import scan

    records = [(d, r) for d, r, _ in scan(outdir)[0]]
    series = build_series(records, config)
    return series, run_checks(series, config)


def write_findings(path, findings: list[dict]) -> None:
    """One JSON object per line, written atomically."""
    import json

    from .atomic import atomic_write

    atomic_write(path, "".join(json.dumps(f, ensure_ascii=False, sort_keys=True) + "\n" for f in findings))


def _side_line(side: dict) -> str:
    ev = side.get("evidence")
    where = f"p.{side['page']} " if side.get("page") else ""
    return (f"      {side['year']} {side['doc_id']}: {side['key']} = {side.get('value')}"
            + (f"  ({where}“{ev}”)" if ev else ""))


def summary(series: list[Series], findings: list[dict], limit: int = 20) -> str:
    """A terminal summary: counts, then each mismatch, notice and missing year with evidence."""
    from collections import Counter

    checked = [s for s in series if len(s.reports) >= 2]
    by = Counter(f["status"] for f in findings)
    lines = [f"{len(series)} series, {len(checked)} with at least 2 years; "
             f"{sum(by.values())} findings: " + ", ".join(f"{by[k]} {k}" for k in ("ok", "mismatch", "notice", "missing"))]
    shown = 0
    for status in ("mismatch", "notice", "missing"):
        for f in findings:
            if f["status"] != status:
                continue
            if shown >= limit:
                lines.append(f"  … {sum(by[k] for k in ('mismatch', 'notice', 'missing')) - shown} more in the findings file")
                return "\n".join(lines)
            shown += 1
            lines.append(f"  {status.upper()} {f['check']} {f['body']} ({f['kind']}) {'/'.join(map(str, f['years']))}: {f['message']}")
            for side in f.get("left_sides", []) + f.get("right_sides", []):
                lines.append(_side_line(side))
    return "\n".join(lines)


__all__ = ["CHECK_COLUMNS", "PANEL_COLUMNS", "finding_row", "CHECKS_FILE", "check_outdir", "write_findings", "summary", "SERIES_FILE", "SeriesConfigError", "Config", "Check", "Term", "Series", "Doc",
           "load_config", "normalise_body", "build_series", "run_checks", "series_rows", "panel_rows"]
