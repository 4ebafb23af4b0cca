"""The review site without a browser: evidence marks against offsets, the index, text sources,
no network resources. (test_review_browser.py checks the same pages in headless Chromium.)"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from corpus_results import BUNDLED, REAL, extracted
from extractor.cli import main as cli_main
from extractor.review.marks import layout, render_marked
from extractor.review.site import build_site, render_document

ROOT = Path(__file__).resolve().parents[1]


class _Marks(HTMLParser):
    """Text of each fact's marks (data-fact), the page's plain text and every mark's key."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list = []
        self.by_fact: dict[int, str] = {}
        self.keys: dict[int, str] = {}
        self.plain: list[str] = []
        self.in_text = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark":
            f = int(a["data-fact"])
            self.stack.append(f)
            self.keys[f] = a.get("data-key")
        elif self.stack:
            self.stack.append(None)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, d):
        self.plain.append(d)
        for f in self.stack:
            if f is not None:
                self.by_fact[f] = self.by_fact.get(f, "") + d


def _parse(html: str) -> _Marks:
    p = _Marks()
    p.feed(html)
    p.close()
    return p


def _text_div(page: str) -> str:
    m = re.search(r'<div class="text" id="text">(.*?)</div></section>', page, re.S)
    assert m, "no text section"
    return m.group(1)


# --------------------------------------------------------------------------- marks

def test_overlapping_spans_are_nested_or_split_and_keep_their_text():
    rnd = random.Random(13)
    for _ in range(2000):
        n = rnd.randint(0, 30)
        text = "".join(rnd.choice("ab<&\n中 |") for _ in range(n))
        facts = []
        for k in range(rnd.randint(0, 7)):
            a = rnd.randint(0, n)
            b = rnd.randint(a, n)
            facts.append({"key": f"k.{k}", "offset": [a, b], "evidence": text[a:b]})
        html, unplaced = render_marked(text, facts)
        assert unplaced == []
        p = _parse(html)
        assert "".join(p.plain) == text
        for i, f in enumerate(facts):
            assert p.by_fact.get(i, "") == f["evidence"]


def test_crossing_spans_split_the_later_one_only():
    # [0,6) and [3,9) cross: the second is split at 6 into two pieces of the same fact
    pieces = layout([(0, 6, 0), (3, 9, 1)])
    assert pieces == [(0, 6, 0, 0), (3, 6, 1, 0), (6, 9, 1, 1)]
    html, _ = render_marked("一二三四五六七八九", [
        {"key": "a.x", "offset": [0, 6], "evidence": "一二三四五六"},
        {"key": "b.y", "offset": [3, 9], "evidence": "四五六七八九"}])
    assert html == ('<mark data-key="a.x" data-fact="0" id="f-0">一二三<mark data-key="b.y" data-fact="1" id="f-1">'
                    '四五六</mark></mark><mark data-key="b.y" data-fact="1" data-part="1">七八九</mark>')
    # equal and nested spans need no split
    assert [p[3] for p in layout([(2, 5, 0), (2, 5, 1), (3, 4, 2)])] == [0, 0, 0]


def test_a_fact_whose_offsets_miss_its_evidence_is_not_marked():
    html, unplaced = render_marked("共受理申请23件", [
        {"key": "applications.received", "offset": [0, 8], "evidence": "共受理申请23件"},
        {"key": "applications.received", "offset": [2, 6], "evidence": "别的文字"},
        {"key": "x.y", "offset": [5, 99], "evidence": "23件"}])
    assert [i for i, _ in unplaced] == [1, 2]
    assert html.count("<mark") == 1


# --------------------------------------------------------------------------- every fact of the corpora

def _check_corpus(corpus: Path):
    items = extracted(corpus)
    assert items
    n_facts = 0
    for path, _g, _r, res, text in items:
        facts = res.get("facts") or []
        page, unplaced = render_document(path.name, res, text, "emitted", None, {}, "t")
        assert unplaced == [], (path.name, unplaced[:3])
        p = _parse(_text_div(page))
        assert "".join(p.plain) == text
        for i, f in enumerate(facts):
            assert p.by_fact.get(i) == f["evidence"], (path.name, i, f["key"])
            assert p.keys[i] == f["key"]
        n_facts += len(facts)
    assert n_facts > 0


def test_every_fact_of_the_bundled_corpus_has_its_mark():
    _check_corpus(BUNDLED)


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real is not here")
def test_every_fact_of_the_real_corpus_has_its_mark():
    _check_corpus(REAL)


# --------------------------------------------------------------------------- the site

@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    src = tmp_path_factory.mktemp("in") / "reports"
    (src / "sub dir").mkdir(parents=True)
    for n in ("a51_yunze-shuiliju-2016.txt", "s51_yunze-zirangui-2019-zicha.docx"):
        shutil.copy(BUNDLED / n, src / n)
    # a name with characters that need escaping in a URL
    shutil.copy(BUNDLED / "s52_baisha-zhen-2020-zongjie.txt", src / "sub dir" / "白沙镇 #1%.txt")
    out = tmp_path_factory.mktemp("out")
    assert cli_main(["extract", str(src), "-o", str(out), "--emit-text", "-q", "-j", "1"]) == 0
    return out


def test_site_lists_every_document_and_marks_every_fact(outdir, tmp_path):
    site = tmp_path / "site"
    res = build_site(outdir, site)
    docs = sorted(p.relative_to(outdir).as_posix()[:-5] for p in outdir.rglob("*.json"))
    assert res.documents == len(docs) == 3 and res.text_emitted == 3
    assert res.facts == res.marked and res.unplaced == []
    data = (site / "data" / "index.js").read_text(encoding="utf-8")
    idx = json.loads(data[data.index("=") + 1:].rstrip().rstrip(";"))
    assert sorted(r[0] for r in idx["rows"]) == docs
    for row in idx["rows"]:
        d = dict(zip(idx["columns"], row))
        page_file = site / "docs" / (d["id"] + ".html")
        assert page_file.is_file()
        from urllib.parse import unquote

        assert unquote(d["href"]) == "docs/" + d["id"] + ".html"
        rec = json.loads((outdir / (d["id"] + ".json")).read_text(encoding="utf-8"))
        assert d["n_values"] == len(rec["values"]) and d["kind"] == rec["document"]["kind"]
        page = page_file.read_text(encoding="utf-8")
        p = _parse(_text_div(page))
        assert "".join(p.plain) == (outdir / (d["id"] + ".text.txt")).read_text(encoding="utf-8")
        for i, f in enumerate(rec["facts"]):
            assert p.by_fact[i] == f["evidence"]
        # the page's data block is valid JSON with the values
        m = re.search(r'<script type="application/json" id="zwgk-data">(.*?)</script>', page, re.S)
        assert json.loads(m.group(1))["values"] == rec["values"]
        # the original file is linked (the manifest knows where it is)
        assert 'href="file://' in page


def test_site_uses_no_network_resource(outdir, tmp_path):
    site = tmp_path / "site"
    build_site(outdir, site)
    for f in site.rglob("*"):
        if f.suffix in (".html", ".js", ".css"):
            s = f.read_text(encoding="utf-8")
            assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", s), f
            assert "@import" not in s and "url(http" not in s and "@font-face" not in s, f
    css = (site / "assets" / "review.css").read_text(encoding="utf-8")
    assert "Noto Sans CJK SC" in css and "Microsoft YaHei" in css


def test_score_tables_warnings_and_conflicts_are_drawn(outdir, tmp_path):
    site = tmp_path / "site"
    build_site(outdir, site)
    s51 = (site / "docs" / "reports" / "s51_yunze-zirangui-2019-zicha.docx.html").read_text(encoding="utf-8")
    rec = json.loads((outdir / "reports" / "s51_yunze-zirangui-2019-zicha.docx.json").read_text(encoding="utf-8"))
    t = rec["score_tables"][0]
    assert s51.count("<tr><td>") + s51.count("<tr class=bad><td>") >= len(t["items"])
    assert "total (from the items)" in s51 and f'<td class="n">{t["total"]["max"]}</td>' in s51
    a51 = (site / "docs" / "reports" / "a51_yunze-shuiliju-2016.txt.html").read_text(encoding="utf-8")
    assert 'class="conflict"' in a51 and "1,286" in a51 and "1,268" in a51 and 'class="cand taken"' in a51


def test_warning_in_plain_words():
    rec = {"source": {"path": "x.txt"}, "document": {}, "values": {}, "facts": [],
           "warnings": [{"code": "approximate", "message": "proactive.total: '约350条' is approximate"}]}
    page, _ = render_document("x.txt", rec, "文本", "emitted", None, {}, "t")
    assert "An approximate figure" in page and "约350条" in page


def test_text_from_the_original_file_or_evidence_only(outdir, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(outdir, out)
    for t in out.rglob("*.text.txt"):
        t.unlink()
    res = build_site(out, tmp_path / "s1")
    assert res.text_reextracted == 3 and res.unplaced == []
    res = build_site(out, tmp_path / "s2", reextract=False)
    assert res.text_missing == 3 and res.facts == res.marked
    page = (tmp_path / "s2" / "docs" / "reports" / "a51_yunze-shuiliju-2016.txt.html").read_text(encoding="utf-8")
    assert "extracted text is not available" in page
    rec = json.loads((out / "reports" / "a51_yunze-shuiliju-2016.txt.json").read_text(encoding="utf-8"))
    p = _parse(page[page.index('<ul class="text"'):])
    assert all(p.by_fact[i] == f["evidence"] for i, f in enumerate(rec["facts"]))


def test_cli_review_and_refusals(outdir, tmp_path, capsys):
    assert cli_main(["review", str(outdir), "-o", str(tmp_path / "site")]) == 0
    assert "3 documents" in capsys.readouterr().err
    assert (tmp_path / "site" / "index.html").is_file()
    assert cli_main(["review", str(tmp_path / "nope"), "-o", str(tmp_path / "s")]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli_main(["review", str(empty), "-o", str(tmp_path / "s")]) == 2
    assert cli_main(["review", str(outdir), "-o", os.path.join(outdir, "site")]) == 2


def test_chosen_fact_is_the_one_export_takes():
    from extractor.export import chosen_index
    from extractor.review.page import chosen_facts as _chosen

    for _p, _g, _r, res, _t in extracted(BUNDLED):
        assert _chosen(res) == {k: chosen_index(res, k) for k in res["values"]}


def test_rebuild_replaces_the_site_and_refuses_a_foreign_folder(outdir, tmp_path):
    site = tmp_path / "site"
    build_site(outdir, site)
    stale = site / "docs" / "reports" / "gone.txt.html"
    stale.write_text("old", encoding="utf-8")
    build_site(outdir, site)
    assert not stale.exists() and (site / "index.html").is_file()
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(ValueError):
        build_site(outdir, other)
    assert (other / "notes.txt").read_text(encoding="utf-8") == "keep"


def test_a_file_that_cannot_be_read_is_listed_with_its_error(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(BUNDLED / "s52_baisha-zhen-2020-zongjie.txt", src / "ok.txt")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    out = tmp_path / "out"
    assert cli_main(["extract", str(src), "-o", str(out), "--emit-text", "-q", "-j", "1"]) == 1
    site = tmp_path / "site"
    res = build_site(out, site)
    assert res.documents == 2
    data = (site / "data" / "index.js").read_text(encoding="utf-8")
    idx = json.loads(data[data.index("=") + 1:].rstrip().rstrip(";"))
    rows = {r[0]: dict(zip(idx["columns"], r)) for r in idx["rows"]}
    assert rows["in/broken.pdf"]["errors"] and not rows["in/ok.txt"]["errors"]
    page = (site / "docs" / "in" / "broken.pdf.html").read_text(encoding="utf-8")
    assert "<h2>Errors</h2>" in page and rows["in/broken.pdf"]["errors"][0] in page


def test_money_is_shown_in_yuan_with_the_printed_unit(tmp_path):
    """A figure printed in 万元 is stored in 元: the page's unit cell must say 元, never the
    printed 万元 next to the yuan value (which read 10,000 times too large)."""
    from extractor.review.site import render_document

    rec = {"document": {"kind": "annual_report"}, "values": {"funding.platform": 5000.0},
           "facts": [{"key": "funding.platform", "value": 5000.0, "unit": "万元", "raw": "0.5万元", "origin": "text",
                      "page": None, "offset": [4, 11], "evidence": "经费0.5万元", "rule": "r"}],
           "warnings": [], "conflicts": [], "errors": [], "score_tables": [], "source": {}}
    html, _ = render_document("a.txt", rec, "投入专项经费0.5万元。", "emitted", None, {}, "x")
    cells = [c for c in html.split("<td>") if c.startswith("元")]
    assert cells and all(c.startswith("元 (printed in 万元)") for c in cells)
    assert "<td>万元</td>" not in html
