"""``zwgk review OUTDIR -o SITE``: a static review site of an extract OUTDIR.

    from extractor.review.site import build_site
    result = build_site("out/", "site/")
    print(result.text())

Written (everything local, opened from disk with ``file://``; no network resource):

* ``SITE/index.html`` + ``SITE/data/index.js``: every document (one compact row each, paged
  and filtered in the browser, so 10,000 documents stay fast);
* ``SITE/docs/REL.html`` for ``OUTDIR/REL.json``: the extracted text with every fact's
  evidence as ``<mark data-key>`` (extractor.review.marks), values, conflicts, warnings,
  score tables, errors and the correction controls (extractor.review.page);
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
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..corrections import file_sha256
from .page import as_dict, dicts, esc, json_script, render_document

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

def doc_href(doc_id: str) -> str:
    """URL of a document page relative to SITE (each path part percent-encoded)."""
    return "docs/" + "/".join(quote(p, safe="") for p in (doc_id + ".html").split("/"))


def doc_path(site: Path, doc_id: str) -> Path:
    return site / "docs" / (doc_id + ".html")


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
    src = as_dict(rec.get("source"))
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
        want = as_dict(rec.get("source")).get("sha256")
        if want and file_sha256(original) == want:
            try:
                from ..pipeline import load_and_normalize

                return load_and_normalize(original).text, "reextracted"
            except Exception:  # noqa: BLE001 - a file that no longer reads: no text
                pass
    return None, "missing"


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
    src, doc = as_dict(rec.get("source")), as_dict(rec.get("document"))
    return [doc_id, doc_href(doc_id), doc.get("kind"), doc.get("year"), doc.get("agency"), doc.get("template"),
            doc.get("title"), src.get("format"), len(as_dict(rec.get("values"))), len(dicts(rec.get("warnings"))),
            len(dicts(rec.get("conflicts"))), [e.get("code") for e in dicts(rec.get("errors"))], how]


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
    _write(site / "assets" / "keys.js", "window.ZWGK_KEYS=" + json_script(keys) + ";\n")
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
    _write(site / "data" / "index.js", "window.ZWGK_INDEX=" + json_script(data) + ";\n")
    _write(site / "index.html", INDEX_HTML.format(n=len(rows), outdir=esc(outdir),
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
