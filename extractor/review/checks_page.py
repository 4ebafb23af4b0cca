"""``SITE/checks.html``: the cross-report checks of the review site.

Each body's report series (extractor/series.py) and every finding of the checks declared
in patterns/series.yaml — mismatches, notices and missing years first, then the checks
that hold — with both documents linked to their review pages, both values and both
evidence snippets. Findings are facts about the data; the page corrects nothing.
"""
from __future__ import annotations

from html import escape

STATUS_ORDER = {"mismatch": 0, "notice": 1, "missing": 2, "ok": 3}
STATUS_WORD = {"mismatch": "does not add up", "notice": "check the reading", "missing": "year missing",
               "ok": "holds"}


def _e(v) -> str:
    return escape("" if v is None else str(v))


def _side(side: dict, href) -> str:
    ev = side.get("evidence")
    return (f'<li><a href="{_e(href(side["doc_id"]))}">{_e(side["year"])} · {_e(side["doc_id"])}</a> '
            f'<code>{_e(side["key"])}</code> = <b>{_e(side.get("value"))}</b>'
            + (f' <span class="ev">“{_e(ev)}”</span>' if ev else "") + "</li>")


def render_checks(series, findings, href) -> str:
    """The whole page; ``href(doc_id)`` is a document page's URL relative to SITE."""
    checked = [s for s in series if len(s.reports) >= 2]
    counts = {k: sum(1 for f in findings if f["status"] == k) for k in STATUS_ORDER}
    rows = []
    for f in sorted(findings, key=lambda f: (STATUS_ORDER.get(f["status"], 9), f["body"], f["years"], f["check"])):
        sides = "".join(_side(x, href) for x in (f.get("left_sides") or []) + (f.get("right_sides") or []))
        rows.append(f'<tr class="st-{_e(f["status"])}" data-status="{_e(f["status"])}">'
                    f'<td>{_e(STATUS_WORD.get(f["status"], f["status"]))}</td><td><code>{_e(f["check"])}</code></td>'
                    f'<td>{_e(f["body"])}<div class="muted">{_e(f["kind"])}</div></td>'
                    f'<td>{_e("/".join(map(str, f["years"])))}</td>'
                    f'<td>{_e(f["message"])}<div class="muted">{_e(f.get("description"))}</div>'
                    f'{f"<ul>{sides}</ul>" if sides else ""}</td></tr>')
    ser = []
    for s in checked:
        years = " ".join(f'<a href="{_e(href(s.reports[y].doc_id))}">{y}</a>' for y in s.years)
        linked = sum(len(v) for v in s.linked.values())
        ser.append(f"<tr><td>{_e(s.body)}</td><td>{_e(s.kind)}</td><td>{years}</td>"
                   f"<td>{_e(' / '.join(s.agencies))}</td><td class=\"n\">{linked}</td></tr>")
    summary = ", ".join(f"{counts[k]} {STATUS_WORD[k]}" for k in STATUS_ORDER)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>zwgk review · cross-report checks</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="assets/review.css"></head>
<body class="checks">
<header><a href="index.html">← all documents</a><h1>Cross-report checks</h1>
<div class="meta">{len(series)} series, {len(checked)} with at least two years · {len(findings)} findings: {_e(summary)}.
Checks and body aliases are declared in patterns/series.yaml (<code>zwgk check OUTDIR</code> gives the same findings).</div></header>
<main class="wide">
<section><h2>Findings</h2>
{'<table class="findings"><thead><tr><th>status</th><th>check</th><th>body</th><th>years</th><th>what and where</th></tr></thead><tbody>'
 + "".join(rows) + "</tbody></table>" if rows else '<p class="empty">No series with two years or more: nothing to check.</p>'}
</section>
<section><h2>Series</h2>
{'<table class="series"><thead><tr><th>body</th><th>kind</th><th>years (the report chosen for each)</th><th>names as written</th><th>other renderings linked</th></tr></thead><tbody>'
 + "".join(ser) + "</tbody></table>" if ser else '<p class="empty">No series with two years or more.</p>'}
</section>
</main>
</body></html>
"""


__all__ = ["render_checks", "STATUS_ORDER"]
