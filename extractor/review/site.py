"""``zwgk review OUTDIR -o SITE``: a static review site of an extract OUTDIR.

    from extractor.review.site import build_site
    result = build_site("out/", "site/")
    print(result.text())

Written (everything local, opened from disk with ``file://``; no network resource):

* ``SITE/index.html`` + ``SITE/data/index.js``: every document (one compact row each, paged
  and filtered in the browser, so 10,000 documents stay fast);
* ``SITE/docs/REL.html`` for ``OUTDIR/REL.json``: the extracted text with every fact's
  evidence as ``<mark data-key>`` (extractor.review.marks), values, conflicts, warnings,
  score tables, errors and the correction controls;
* ``SITE/checks.html``: each body's report series and the findings of the cross-report
  checks (extractor.review.checks_page, extractor.series), both sides linked;
* ``SITE/assets/``: CSS, JavaScript and the canonical key list (for "add a missing key").

The extracted text is not part of the per-file JSON. It is read from ``NAME.text.txt``
beside ``NAME.json`` (``zwgk extract --emit-text``); without it, the original file (the
``input`` of OUTDIR/manifest.jsonl, else ``source.path``) is read again when it is still
there with the same sha256 (``reextract=False`` turns that off). A document with neither
shows its evidence snippets (each still a mark) and says that the text is missing.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

from ..corrections import file_sha256
from .marks import render_marked
from .words import plain

STATIC = Path(__file__).resolve().parent / "static"
MARKER = ".zwgk-review"
ASSETS = ("review.css", "index.js", "doc.js", "corrections.js")
INDEX_COLUMNS = ("id", "href", "kind", "year", "agency", "template", "title", "format",
                 "n_values", "n_warnings", "n_conflicts", "errors", "text")


@dataclass
class BuildResult:
    site: str
    documents: int = 0
    text_emitted: int = 0
    text_reextracted: int = 0
    text_missing: int = 0
    facts: int = 0
    marked: int = 0
    unplaced: list = field(default_factory=list)  # (doc_id, fact index, reason)
    skipped: list = field(default_factory=list)   # (file, reason) from the OUTDIR scan
    findings: int = 0                             # cross-report check findings (SITE/checks.html)
    mismatches: int = 0
    seconds: float = 0.0

    def text(self) -> str:
        lines = [f"zwgk review: {self.documents} documents -> {os.path.join(self.site, 'index.html')} "
                 f"({self.seconds:.1f} s)",
                 f"  text: {self.text_emitted} from --emit-text, {self.text_reextracted} read again from "
                 f"the original, {self.text_missing} unavailable",
                 f"  facts: {self.facts}, marked in the text: {self.marked}"]
        for d, i, why in self.unplaced[:10]:
            lines.append(f"  not marked: {d} fact {i}: {why}")
        if len(self.unplaced) > 10:
            lines.append(f"  … {len(self.unplaced) - 10} more facts not marked")
        return "\n".join(lines)


# --------------------------------------------------------------------------- helpers

_SPECIAL = re.compile(r'[&<>"\']')


def _e(v) -> str:
    """HTML-escaped text of ``v`` (quotes too: used in attributes); None -> ""."""
    if v is None:
        return ""
    t = type(v)
    if t is int or t is float:
        return str(v)
    s = v if t is str else str(v)
    return escape(s) if _SPECIAL.search(s) else s


def _json_script(obj) -> str:
    """JSON safe inside <script>: no '</', no U+2028/2029 surprises."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _dicts(v) -> list[dict]:
    return [x for x in (v if isinstance(v, list) else []) if isinstance(x, dict)]


def _dict(v) -> dict:
    return v if isinstance(v, dict) else {}


def doc_href(doc_id: str) -> str:
    """URL of a document page relative to SITE (each path part percent-encoded)."""
    return "docs/" + "/".join(quote(p, safe="") for p in (doc_id + ".html").split("/"))


def doc_path(site: Path, doc_id: str) -> Path:
    return site / "docs" / (doc_id + ".html")


def _fmt_value(v) -> str:
    if isinstance(v, bool):
        return "是 (true)" if v else "否 (false)"
    if isinstance(v, float):
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    if isinstance(v, int):
        return f"{v:,}"
    return "" if v is None else str(v)


def _manifest_inputs(outdir: Path) -> dict[str, str]:
    """output rel path -> the input file's path (last manifest line per output)."""
    out: dict[str, str] = {}
    try:
        with open(outdir / "manifest.jsonl", encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    e = json.loads(line)
                except (ValueError, RecursionError):
                    continue
                if isinstance(e, dict) and isinstance(e.get("output"), str) and isinstance(e.get("input"), str):
                    out[e["output"]] = e["input"]
    except OSError:
        pass
    return out


def find_original(rec: dict, manifest_input: str | None) -> str | None:
    """The original file of a record when it is still on disk (absolute path)."""
    src = _dict(rec.get("source"))
    for cand in (manifest_input, src.get("path")):
        if isinstance(cand, str) and cand and os.path.isfile(cand):
            return os.path.abspath(cand)
    return None


def load_text(json_path: str, rec: dict, original: str | None, reextract: bool) -> tuple[str | None, str]:
    """(extracted text, where it came from: "emitted" | "reextracted" | "missing")."""
    tp = json_path[:-len(".json")] + ".text.txt"
    try:
        with open(tp, encoding="utf-8") as f:
            return f.read(), "emitted"
    except (OSError, ValueError):
        pass
    if reextract and original and not rec.get("errors"):
        want = _dict(rec.get("source")).get("sha256")
        if want and file_sha256(original) == want:
            try:
                from ..pipeline import load_and_normalize

                return load_and_normalize(original).text, "reextracted"
            except Exception:  # noqa: BLE001 - a file that no longer reads: no text
                pass
    return None, "missing"


# --------------------------------------------------------------------------- document page

def _chosen(rec: dict) -> dict[str, int | None]:
    """{key: index of the fact its value came from}: extractor.export.chosen_index for every
    key at once (the first table fact with the value, else the first fact with it)."""
    values = _dict(rec.get("values"))
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    table: dict[str, int] = {}
    other: dict[str, int] = {}
    for i, f in enumerate(facts):
        if not isinstance(f, dict):
            continue
        k = f.get("key")
        if k not in values or not _same_scalar(f.get("value"), values[k]):
            continue
        if f.get("origin") == "table":
            table.setdefault(k, i)
        else:
            other.setdefault(k, i)
    return {k: table.get(k, other.get(k)) for k in values}


def _same_scalar(a, b) -> bool:
    return type(a) is type(b) and isinstance(a, (str, int, float, bool)) and a == b


def _unit_text(key, unit) -> str | None:
    """The unit cell: money values are in 元 whatever the report printed (5,000 元 printed
    as 0.5万元), so the cell says 元 and names the printed unit; other units as printed."""
    from ..export import is_money
    from ..keys import key_units

    if is_money(key, unit, key_units()):
        return "元" + (f" (printed in {unit})" if unit and unit != "元" else "")
    return unit


def _values_table(rec: dict, labels: dict, marked: set) -> str:
    values = _dict(rec.get("values"))
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    chosen = _chosen(rec)
    rows = []
    for key, v in values.items():
        i = chosen.get(key)
        f = facts[i] if i is not None else {}
        target = f' data-fact="{i}"' if i is not None and i in marked else ""
        rows.append(
            f'<tr data-key="{_e(key)}"><td class="key" title="{_e(labels.get(key, ""))}">{_e(key)}'
            f'<div class="label">{_e(labels.get(key, ""))}</div></td>'
            f'<td class="value"><button type="button" class="goto"{target} '
            f'data-key="{_e(key)}">{_e(_fmt_value(v))}</button></td>'
            f'<td>{_e(_unit_text(key, f.get("unit")))}</td><td>{_e(f.get("page"))}</td><td class="rule">{_e(f.get("rule"))}</td>'
            f'<td>{_e(f.get("origin"))}</td><td class="review" data-key="{_e(key)}"></td></tr>')
    if not rows:
        return '<p class="empty">No values.</p>'
    return ('<table class="values" id="values"><thead><tr><th>key</th><th>value</th><th>unit</th><th>page</th>'
            '<th>rule</th><th>origin</th><th>review</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def _facts_table(rec: dict, marked: set) -> str:
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    rows = []
    for i, f in enumerate(facts):
        if not isinstance(f, dict):
            continue
        target = f' data-fact="{i}"' if i in marked else ""
        rows.append(f'<tr><td>{_e(f.get("key"))}</td><td><button type="button" class="goto"{target} '
                    f'data-key="{_e(f.get("key"))}">{_e(_fmt_value(f.get("value")))}</button></td>'
                    f'<td>{_e(_unit_text(f.get("key"), f.get("unit")))}</td><td>{_e(f.get("page"))}</td><td class="rule">{_e(f.get("rule"))}</td>'
                    f'<td>{_e(f.get("origin"))}</td><td class="ev">{_e(f.get("evidence"))}</td></tr>')
    if not rows:
        return ""
    return (f'<details class="facts"><summary>All facts ({len(rows)})</summary><table class="values"><thead><tr>'
            '<th>key</th><th>value</th><th>unit</th><th>page</th><th>rule</th><th>origin</th><th>evidence</th>'
            '</tr></thead><tbody>' + "".join(rows) + "</tbody></table></details>")


def _conflicts(rec: dict, marked: set) -> str:
    values = _dict(rec.get("values"))
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    out = []
    for c in _dicts(rec.get("conflicts")):
        key = c.get("key")
        cards = []
        for x in _dicts(c.get("candidates")):
            off = x.get("offset")
            idx = next((i for i, f in enumerate(facts) if isinstance(f, dict) and f.get("key") == key
                        and f.get("value") == x.get("value") and f.get("offset") == off), None)
            ev = facts[idx].get("evidence") if idx is not None else None
            taken = key in values and values[key] == x.get("value") and type(values[key]) is type(x.get("value"))
            target = f' data-fact="{idx}"' if idx is not None and idx in marked else ""
            cards.append(f'<div class="cand{" taken" if taken else ""}"><div class="cv">'
                         f'<button type="button" class="goto"{target} data-key="{_e(key)}">'
                         f'{_e(_fmt_value(x.get("value")))}</button></div>'
                         f'<div>{_e(x.get("origin"))}{" · taken" if taken else ""}</div>'
                         f'<div class="ev">{_e(ev)}</div></div>')
        outcome = f"value taken: {_fmt_value(values[key])}" if key in values else "no value taken"
        out.append(f'<div class="conflict"><div class="ck">{_e(key)} <span class="muted">({_e(outcome)})</span></div>'
                   f'<div class="cands">{"".join(cards)}</div></div>')
    return "".join(out) or '<p class="empty">No conflicts.</p>'


def _warnings(rec: dict) -> str:
    items = []
    for w in _dicts(rec.get("warnings")):
        where = f' <span class="muted">page {_e(w.get("page"))}</span>' if w.get("page") is not None else ""
        items.append(f'<li data-code="{_e(w.get("code"))}"><b>{_e(plain(w.get("code")))}</b>{where}'
                     f'<div class="muted">{_e(w.get("code"))}: {_e(w.get("message"))}</div></li>')
    return f'<ul class="warnings">{"".join(items)}</ul>' if items else '<p class="empty">No warnings.</p>'


def _errors(rec: dict) -> str:
    items = [f'<li><b>{_e(e.get("code"))}</b>: {_e(e.get("message"))}</li>' for e in _dicts(rec.get("errors"))]
    return f'<section class="errors"><h2>Errors</h2><ul>{"".join(items)}</ul></section>' if items else ""


def _num(v):
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _score_tables(rec: dict) -> str:
    out = []
    for t in _dicts(rec.get("score_tables")):
        items = _dicts(t.get("items"))
        rows = []
        for it in items:
            path = it.get("path") if isinstance(it.get("path"), list) else []
            mx, sc = _num(it.get("max")), _num(it.get("score"))
            over = mx is not None and sc is not None and sc > mx
            rows.append(f'<tr{" class=bad" if over else ""}><td>{_e(" > ".join(map(str, path)))}</td>'
                        f'<td>{_e(it.get("criterion"))}</td><td class="n">{_e(_fmt_value(it.get("max")))}</td>'
                        f'<td class="n">{_e(_fmt_value(it.get("score")))}</td></tr>')
        total = _dict(t.get("total"))
        sum_max = sum(_num(i.get("max")) or 0 for i in items)
        sum_score = sum(_num(i.get("score")) or 0 for i in items)
        foot = (f'<tr class="total"><td colspan="2">total (from the items)</td>'
                f'<td class="n">{_e(_fmt_value(total.get("max")))}</td><td class="n">{_e(_fmt_value(total.get("score")))}</td></tr>'
                f'<tr class="total"><td colspan="2">stated in the table (总计/合计)</td>'
                f'<td class="n">{_e(_fmt_value(total.get("stated_max")))}</td>'
                f'<td class="n">{_e(_fmt_value(total.get("stated_score")))}</td></tr>'
                f'<tr class="total"><td colspan="2">sum of the rows shown</td><td class="n">{_e(_fmt_value(sum_max))}</td>'
                f'<td class="n">{_e(_fmt_value(sum_score))}</td></tr>')
        checks = _dicts(t.get("checks"))
        chk = ("".join(f'<li class="{_e(c.get("level"))}">{_e(c.get("level"))}: {_e(c.get("message"))}</li>'
                       for c in checks) if checks else "<li class=ok>all checks pass (totals agree, no score above its max)</li>")
        page = f' <span class="muted">page {_e(t.get("page"))}</span>' if t.get("page") is not None else ""
        out.append(f'<div class="score"><h3>{_e(t.get("title") or "score table")}{page}</h3>'
                   '<table class="scoretable"><thead><tr><th>category</th><th>criterion</th><th>max</th><th>score</th>'
                   f'</tr></thead><tbody>{"".join(rows)}</tbody><tfoot>{foot}</tfoot></table>'
                   f'<ul class="checks">{chk}</ul></div>')
    return "".join(out)


def _text_section(text: str | None, rec: dict, how: str, unread: bool = False) -> tuple[str, set, list]:
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    if text is not None:
        spans = []
        if unread:
            from ..unread import unread as find_unread

            spans = [(q.start, q.end) for q in find_unread(rec, text)]
        body, unplaced = render_marked(text, facts, spans)
        marked = set(range(len(facts))) - {i for i, _ in unplaced}
        note = " (read again from the original file)" if how == "reextracted" else ""
        legend = (f'<p class="muted"><mark class="unread">{len(spans)} figures</mark> of the text are '
                  'not held by any value, table cell, score item or warning.</p>' if unread else "")
        return (f'<section><h2>Text{note}</h2>{legend}<div class="text" id="text">{body}</div></section>',
                marked, unplaced)
    # no text: each evidence snippet on its own, still a mark of its fact
    rows, marked = [], set()
    for i, f in enumerate(facts):
        if isinstance(f, dict) and isinstance(f.get("evidence"), str):
            marked.add(i)
            rows.append(f'<li><mark data-key="{_e(f.get("key"))}" data-fact="{i}" id="f-{i}">{_e(f["evidence"])}</mark></li>')
    unplaced = [(i, "no evidence") for i, f in enumerate(facts) if i not in marked]
    return ('<section><h2>Evidence</h2><p class="notice">The extracted text is not available: run '
            '<code>zwgk extract --emit-text</code> (or keep the original files where they were) and build the '
            f'site again. Each fact\'s evidence is shown on its own.</p><ul class="text" id="text">{"".join(rows)}</ul>'
            '</section>', marked, unplaced)


def render_document(doc_id: str, rec: dict, text: str | None, how: str, original: str | None,
                    labels: dict, site_id: str, unread: bool = False) -> tuple[str, list]:
    """(HTML of the document page, [(fact index, reason)] not marked). ``unread``: also mark
    the figures of the text the result does not hold (extractor.unread)."""
    depth = doc_id.count("/") + 1
    up = "../" * depth
    src, doc = _dict(rec.get("source")), _dict(rec.get("document"))
    text_html, marked, unplaced = _text_section(text, rec, how, unread)
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    data = {"doc_id": doc_id, "site": site_id, "source": src.get("path"), "sha256": src.get("sha256"),
            "values": _dict(rec.get("values")),
            "facts": [{"key": f.get("key"), "value": f.get("value")} if isinstance(f, dict) else None for f in facts]}
    info = " · ".join(_e(x) for x in (doc.get("kind"), doc.get("template"), doc.get("year"), doc.get("agency"),
                                       doc.get("date")) if x is not None)
    fmt = " · ".join(x for x in (_e(src.get("format")), f'{_e(src.get("pages"))} pages' if src.get("pages") else "",
                                 "OCR" if src.get("ocr") else "", _e(src.get("encoding") or "")) if x)
    orig = (f'<a class="orig" href="{_e(Path(original).as_uri())}">open the original file</a>' if original
            else '<span class="muted">original file not found on this machine</span>')
    unpl = ""
    if unplaced:
        unpl = ('<section class="errors"><h2>Facts without a mark</h2><ul>' + "".join(
            f'<li>{_e(facts[i].get("key") if isinstance(facts[i], dict) else "?")} (fact {i}): {_e(why)}</li>'
            for i, why in unplaced) + "</ul></section>")
    html = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(doc.get("title") or src.get("path") or doc_id)} · zwgk review</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="{up}assets/review.css"></head>
<body class="doc">
<header><a href="{up}index.html">← all documents</a>
<h1>{_e(doc.get("title") or "(no title)")}</h1>
<div class="meta">{info}</div>
<div class="meta">{_e(src.get("path"))} · {fmt} · {orig}</div>
<div class="corrbar"><span id="corr-count">0 corrections</span>
<button type="button" id="corr-download">download corrections.json</button>
<button type="button" id="corr-clear">clear this document's corrections</button></div>
</header>
<main>
<div class="side">
{_errors(rec)}
<section><h2>Values</h2>{_values_table(rec, labels, marked)}
<form id="add-form" class="add"><b>Add a missing key</b>
<input id="add-key" list="keylist" placeholder="key, e.g. applications.received" required>
<input id="add-value" placeholder="value" required><input id="add-note" placeholder="note (optional)">
<button type="submit">add</button><datalist id="keylist"></datalist></form>
<div id="added"></div>
{_facts_table(rec, marked)}</section>
<section><h2>Conflicts</h2>{_conflicts(rec, marked)}</section>
<section><h2>Warnings</h2>{_warnings(rec)}</section>
{f'<section><h2>Score tables</h2>{_score_tables(rec)}</section>' if _dicts(rec.get("score_tables")) else ""}
{unpl}
</div>
<div class="main">{text_html}</div>
</main>
<script type="application/json" id="zwgk-data">{_json_script(data)}</script>
<script src="{up}assets/keys.js"></script>
<script src="{up}assets/corrections.js"></script>
<script src="{up}assets/doc.js"></script>
</body></html>
"""
    return html, unplaced


# --------------------------------------------------------------------------- index

INDEX_HTML = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>zwgk review · {n} documents</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="assets/review.css"></head>
<body class="index">
<header><h1>zwgk review</h1><div class="meta">{outdir} · {n} documents · built {built} ·
<a href="checks.html" id="checks-link">cross-report checks</a> ({findings} findings, {mismatches} that do not add up)</div>
<div class="corrbar"><span id="corr-count">0 corrections</span>
<button type="button" id="corr-download">download corrections.json</button></div></header>
<form id="filters" class="filters" onsubmit="return false">
<input id="f-search" type="search" placeholder="search title, agency, file">
<select id="f-kind"><option value="">any kind</option></select>
<select id="f-year"><option value="">any year</option></select>
<select id="f-template"><option value="">any template</option></select>
<input id="f-agency" placeholder="agency contains">
<label><input type="checkbox" id="f-warnings"> has warnings</label>
<label><input type="checkbox" id="f-conflicts"> has conflicts</label>
<label><input type="checkbox" id="f-errors"> has errors</label>
<label><input type="checkbox" id="f-novalues"> no values</label>
</form>
<div class="pager"><span id="count"></span> <button type="button" id="prev">‹ previous</button>
<span id="pageinfo"></span> <button type="button" id="next">next ›</button></div>
<table class="docs"><thead><tr><th>document</th><th>kind</th><th>year</th><th>agency</th><th>template</th>
<th>values</th><th>warnings</th><th>conflicts</th><th>errors</th></tr></thead><tbody id="rows"></tbody></table>
<script src="data/index.js"></script>
<script src="assets/corrections.js"></script>
<script src="assets/index.js"></script>
</body></html>
"""


def _index_row(doc_id: str, rec: dict, how: str) -> list:
    src, doc = _dict(rec.get("source")), _dict(rec.get("document"))
    return [doc_id, doc_href(doc_id), doc.get("kind"), doc.get("year"), doc.get("agency"), doc.get("template"),
            doc.get("title"), src.get("format"), len(_dict(rec.get("values"))), len(_dicts(rec.get("warnings"))),
            len(_dicts(rec.get("conflicts"))), [e.get("code") for e in _dicts(rec.get("errors"))], how]


# --------------------------------------------------------------------------- build

def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def build_site(outdir: str | os.PathLike, site: str | os.PathLike, reextract: bool = True,
               progress=None, unread: bool = False) -> BuildResult:
    """Write the site for every per-file JSON under ``outdir``; raises ValueError when
    ``outdir`` holds none. ``progress(done, total)`` is called now and then. ``unread``:
    mark the figures each text holds that its result does not (slower: loads spaCy)."""
    from ..export import scan
    from ..keys import load_keys

    t0 = time.perf_counter()
    outdir, site = Path(outdir), Path(site)
    records, skipped = scan(outdir)
    if not records:
        raise ValueError(f"{outdir}: no result JSON of `zwgk extract` here")
    if site.resolve() == outdir.resolve() or outdir.resolve() in site.resolve().parents:
        raise ValueError("SITE must not be inside OUTDIR (its pages would be taken for results)")
    res = BuildResult(site=str(site), skipped=skipped)
    site.mkdir(parents=True, exist_ok=True)
    if (site / MARKER).is_file():  # a site built here before: no page of a removed document stays
        for sub in ("docs", "data", "assets"):
            shutil.rmtree(site / sub, ignore_errors=True)
    elif any(site.iterdir()):
        raise ValueError(f"{site} is not empty and not a site of `zwgk review`; give a new or empty folder")
    (site / MARKER).write_text("a site written by `zwgk review`; its docs/, data/ and assets/ are rebuilt each time\n",
                               encoding="utf-8")
    for sub in ("assets", "data"):
        (site / sub).mkdir(exist_ok=True)
    for name in ASSETS:
        shutil.copyfile(STATIC / name, site / "assets" / name)
    keys = [{"key": e["key"], "unit": e["unit"], "label": e["label"]} for e in load_keys()]
    _write(site / "assets" / "keys.js", "window.ZWGK_KEYS=" + _json_script(keys) + ";\n")
    labels = {e["key"]: e["label"] for e in keys}
    site_id = hashlib.sha1(str(outdir.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    inputs = _manifest_inputs(outdir)
    rows = []
    for n, (doc_id, rec, fp) in enumerate(records):
        original = find_original(rec, inputs.get(doc_id + ".json"))
        text, how = load_text(fp, rec, original, reextract)
        counter = "text_" + how  # text_emitted | text_reextracted | text_missing
        setattr(res, counter, getattr(res, counter) + 1)
        html, unplaced = render_document(doc_id, rec, text, how, original, labels, site_id, unread)
        _write(doc_path(site, doc_id), html)
        nf = len(rec.get("facts") or []) if isinstance(rec.get("facts"), list) else 0
        res.facts += nf
        res.marked += nf - len(unplaced)
        res.unplaced.extend((doc_id, i, why) for i, why in unplaced)
        rows.append(_index_row(doc_id, rec, how))
        if progress and (n % 200 == 0 or n == len(records) - 1):
            progress(n + 1, len(records))
    from .. import series as _series
    from .checks_page import render_checks

    found = _series.build_series([(d, r) for d, r, _fp in records])
    findings = _series.run_checks(found)
    _write(site / "checks.html", render_checks(found, findings, doc_href))
    res.findings = len(findings)
    res.mismatches = sum(1 for f in findings if f["status"] == "mismatch")
    data = {"columns": list(INDEX_COLUMNS), "rows": rows, "site": site_id, "outdir": str(outdir)}
    _write(site / "data" / "index.js", "window.ZWGK_INDEX=" + _json_script(data) + ";\n")
    _write(site / "index.html", INDEX_HTML.format(n=len(rows), outdir=_e(outdir),
                                                  built=time.strftime("%Y-%m-%d %H:%M"),
                                                  findings=res.findings, mismatches=res.mismatches))
    res.documents = len(rows)
    res.seconds = time.perf_counter() - t0
    return res


def serve(site: str | os.PathLike, port: int = 8000) -> None:
    """Serve SITE on http://127.0.0.1:PORT/ until interrupted."""
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"zwgk review: serving {site} on http://127.0.0.1:{httpd.server_address[1]}/ (Ctrl-C stops)")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


__all__ = ["build_site", "render_document", "serve", "BuildResult", "doc_href", "doc_path", "INDEX_COLUMNS"]
