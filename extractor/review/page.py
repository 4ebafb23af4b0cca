"""One document's review page (``SITE/docs/REL.html``): the extracted text with every fact's
evidence marked, values, facts, conflicts, warnings, errors, score tables and the correction
controls; and the HTML helpers the site's other pages use. Written by extractor/review/site.py."""
from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from .marks import render_marked
from .words import plain

_SPECIAL = re.compile(r'[&<>"\']')


def esc(v) -> str:
    """HTML-escaped text of ``v`` (quotes too: used in attributes); None -> ""."""
    if v is None:
        return ""
    t = type(v)
    if t is int or t is float:
        return str(v)
    s = v if t is str else str(v)
    return escape(s) if _SPECIAL.search(s) else s


def json_script(obj) -> str:
    """JSON safe inside <script>: no '</', no U+2028/2029 surprises."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def dicts(v) -> list[dict]:
    return [x for x in (v if isinstance(v, list) else []) if isinstance(x, dict)]


def as_dict(v) -> dict:
    return v if isinstance(v, dict) else {}


def fmt_value(v) -> str:
    if isinstance(v, bool):
        return "是 (true)" if v else "否 (false)"
    if isinstance(v, float):
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    if isinstance(v, int):
        return f"{v:,}"
    return "" if v is None else str(v)


def chosen_facts(rec: dict) -> dict[str, int | None]:
    """{key: index of the fact its value came from}: extractor.export.chosen_index for every
    key at once (the first table fact with the value, else the first fact with it)."""
    values = as_dict(rec.get("values"))
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
    values = as_dict(rec.get("values"))
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    chosen = chosen_facts(rec)
    rows = []
    for key, v in values.items():
        i = chosen.get(key)
        f = facts[i] if i is not None else {}
        target = f' data-fact="{i}"' if i is not None and i in marked else ""
        rows.append(
            f'<tr data-key="{esc(key)}"><td class="key" title="{esc(labels.get(key, ""))}">{esc(key)}'
            f'<div class="label">{esc(labels.get(key, ""))}</div></td>'
            f'<td class="value"><button type="button" class="goto"{target} '
            f'data-key="{esc(key)}">{esc(fmt_value(v))}</button></td>'
            f'<td>{esc(_unit_text(key, f.get("unit")))}</td><td>{esc(f.get("page"))}</td><td class="rule">{esc(f.get("rule"))}</td>'
            f'<td>{esc(f.get("origin"))}</td><td class="review" data-key="{esc(key)}"></td></tr>')
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
        rows.append(f'<tr><td>{esc(f.get("key"))}</td><td><button type="button" class="goto"{target} '
                    f'data-key="{esc(f.get("key"))}">{esc(fmt_value(f.get("value")))}</button></td>'
                    f'<td>{esc(_unit_text(f.get("key"), f.get("unit")))}</td><td>{esc(f.get("page"))}</td><td class="rule">{esc(f.get("rule"))}</td>'
                    f'<td>{esc(f.get("origin"))}</td><td class="ev">{esc(f.get("evidence"))}</td></tr>')
    if not rows:
        return ""
    return (f'<details class="facts"><summary>All facts ({len(rows)})</summary><table class="values"><thead><tr>'
            '<th>key</th><th>value</th><th>unit</th><th>page</th><th>rule</th><th>origin</th><th>evidence</th>'
            '</tr></thead><tbody>' + "".join(rows) + "</tbody></table></details>")


def _conflicts(rec: dict, marked: set) -> str:
    values = as_dict(rec.get("values"))
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    out = []
    for c in dicts(rec.get("conflicts")):
        key = c.get("key")
        cards = []
        for x in dicts(c.get("candidates")):
            off = x.get("offset")
            idx = next((i for i, f in enumerate(facts) if isinstance(f, dict) and f.get("key") == key
                        and f.get("value") == x.get("value") and f.get("offset") == off), None)
            ev = facts[idx].get("evidence") if idx is not None else None
            taken = key in values and values[key] == x.get("value") and type(values[key]) is type(x.get("value"))
            target = f' data-fact="{idx}"' if idx is not None and idx in marked else ""
            cards.append(f'<div class="cand{" taken" if taken else ""}"><div class="cv">'
                         f'<button type="button" class="goto"{target} data-key="{esc(key)}">'
                         f'{esc(fmt_value(x.get("value")))}</button></div>'
                         f'<div>{esc(x.get("origin"))}{" · taken" if taken else ""}</div>'
                         f'<div class="ev">{esc(ev)}</div></div>')
        outcome = f"value taken: {fmt_value(values[key])}" if key in values else "no value taken"
        out.append(f'<div class="conflict"><div class="ck">{esc(key)} <span class="muted">({esc(outcome)})</span></div>'
                   f'<div class="cands">{"".join(cards)}</div></div>')
    return "".join(out) or '<p class="empty">No conflicts.</p>'


def _warnings(rec: dict) -> str:
    items = []
    for w in dicts(rec.get("warnings")):
        where = f' <span class="muted">page {esc(w.get("page"))}</span>' if w.get("page") is not None else ""
        items.append(f'<li data-code="{esc(w.get("code"))}"><b>{esc(plain(w.get("code")))}</b>{where}'
                     f'<div class="muted">{esc(w.get("code"))}: {esc(w.get("message"))}</div></li>')
    return f'<ul class="warnings">{"".join(items)}</ul>' if items else '<p class="empty">No warnings.</p>'


def _errors(rec: dict) -> str:
    items = [f'<li><b>{esc(e.get("code"))}</b>: {esc(e.get("message"))}</li>' for e in dicts(rec.get("errors"))]
    return f'<section class="errors"><h2>Errors</h2><ul>{"".join(items)}</ul></section>' if items else ""


def _num(v):
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _score_tables(rec: dict) -> str:
    out = []
    for t in dicts(rec.get("score_tables")):
        items = dicts(t.get("items"))
        rows = []
        for it in items:
            path = it.get("path") if isinstance(it.get("path"), list) else []
            mx, sc = _num(it.get("max")), _num(it.get("score"))
            over = mx is not None and sc is not None and sc > mx
            rows.append(f'<tr{" class=bad" if over else ""}><td>{esc(" > ".join(map(str, path)))}</td>'
                        f'<td>{esc(it.get("criterion"))}</td><td class="n">{esc(fmt_value(it.get("max")))}</td>'
                        f'<td class="n">{esc(fmt_value(it.get("score")))}</td></tr>')
        total = as_dict(t.get("total"))
        sum_max = sum(_num(i.get("max")) or 0 for i in items)
        sum_score = sum(_num(i.get("score")) or 0 for i in items)
        foot = (f'<tr class="total"><td colspan="2">total (from the items)</td>'
                f'<td class="n">{esc(fmt_value(total.get("max")))}</td><td class="n">{esc(fmt_value(total.get("score")))}</td></tr>'
                f'<tr class="total"><td colspan="2">stated in the table (总计/合计)</td>'
                f'<td class="n">{esc(fmt_value(total.get("stated_max")))}</td>'
                f'<td class="n">{esc(fmt_value(total.get("stated_score")))}</td></tr>'
                f'<tr class="total"><td colspan="2">sum of the rows shown</td><td class="n">{esc(fmt_value(sum_max))}</td>'
                f'<td class="n">{esc(fmt_value(sum_score))}</td></tr>')
        checks = dicts(t.get("checks"))
        chk = ("".join(f'<li class="{esc(c.get("level"))}">{esc(c.get("level"))}: {esc(c.get("message"))}</li>'
                       for c in checks) if checks else "<li class=ok>all checks pass (totals agree, no score above its max)</li>")
        page = f' <span class="muted">page {esc(t.get("page"))}</span>' if t.get("page") is not None else ""
        out.append(f'<div class="score"><h3>{esc(t.get("title") or "score table")}{page}</h3>'
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
            rows.append(f'<li><mark data-key="{esc(f.get("key"))}" data-fact="{i}" id="f-{i}">{esc(f["evidence"])}</mark></li>')
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
    src, doc = as_dict(rec.get("source")), as_dict(rec.get("document"))
    text_html, marked, unplaced = _text_section(text, rec, how, unread)
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    data = {"doc_id": doc_id, "site": site_id, "source": src.get("path"), "sha256": src.get("sha256"),
            "values": as_dict(rec.get("values")),
            "facts": [{"key": f.get("key"), "value": f.get("value")} if isinstance(f, dict) else None for f in facts]}
    info = " · ".join(esc(x) for x in (doc.get("kind"), doc.get("template"), doc.get("year"), doc.get("agency"),
                                       doc.get("date")) if x is not None)
    fmt = " · ".join(x for x in (esc(src.get("format")), f'{esc(src.get("pages"))} pages' if src.get("pages") else "",
                                 "OCR" if src.get("ocr") else "", esc(src.get("encoding") or "")) if x)
    orig = (f'<a class="orig" href="{esc(Path(original).as_uri())}">open the original file</a>' if original
            else '<span class="muted">original file not found on this machine</span>')
    unpl = ""
    if unplaced:
        unpl = ('<section class="errors"><h2>Facts without a mark</h2><ul>' + "".join(
            f'<li>{esc(facts[i].get("key") if isinstance(facts[i], dict) else "?")} (fact {i}): {esc(why)}</li>'
            for i, why in unplaced) + "</ul></section>")
    html = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(doc.get("title") or src.get("path") or doc_id)} · zwgk review</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="{up}assets/review.css"></head>
<body class="doc">
<header><a href="{up}index.html">← all documents</a>
<h1>{esc(doc.get("title") or "(no title)")}</h1>
<div class="meta">{info}</div>
<div class="meta">{esc(src.get("path"))} · {fmt} · {orig}</div>
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
{f'<section><h2>Score tables</h2>{_score_tables(rec)}</section>' if dicts(rec.get("score_tables")) else ""}
{unpl}
</div>
<div class="main">{text_html}</div>
</main>
<script type="application/json" id="zwgk-data">{json_script(data)}</script>
<script src="{up}assets/keys.js"></script>
<script src="{up}assets/corrections.js"></script>
<script src="{up}assets/doc.js"></script>
</body></html>
"""
    return html, unplaced
