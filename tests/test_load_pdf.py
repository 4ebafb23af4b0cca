"""The .pdf loader on a generated 2-page report (see fixtures/make_fixtures.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.load import load_document
from extractor.load.layout.tables import PTable
from extractor.load.layout.tables import join_tables as _join
from extractor.load.layout.text import join_cjk
from extractor.model import Cell, ExtractError
from extractor.pipeline import load_and_normalize

FIX = Path(__file__).resolve().parent / "fixtures" / "pdf"


@pytest.fixture(scope="module")
def doc():
    return load_and_normalize(FIX / "cross_page.pdf")


def test_pages_and_source(doc):
    assert doc.source.pages == 2
    assert doc.source.format == "pdf"
    assert doc.source.ocr is False
    # its font (STSong-Light) is not embedded: where the machine has no CJK font a page may
    # be read through pdfminer, which the loader reports (tests/test_pdf_fonts.py); nothing else
    assert [w.code for w in doc.warnings if w.code != "pdf_fonts_not_embedded"] == []


def test_fake_bold_deduplicated(doc):
    first = doc.blocks[0]
    assert first.text == "政府信息公开工作年度报告"
    assert "政政" not in doc.text and "告告" not in doc.text


def test_spaces_between_cjk_removed_in_loader():
    raw = load_document(FIX / "cross_page.pdf")  # before normalisation
    assert "一、组织领导" in raw.text


def test_wrapped_paragraph_joined(doc):
    assert "其中通过政府网站公开987条,通过政务新媒体公开247条。" in doc.text
    para = next(b for b in doc.blocks if "1234条" in b.text)
    assert para.text.startswith("本年度共主动公开") and para.text.endswith("247条。")


def test_page_numbers_dropped(doc):
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text


def test_table_across_pages_joined(doc):
    tables = doc.tables()
    assert len(tables) == 1
    t = tables[0].table
    assert tables[0].page == 1
    assert (t.n_rows, t.n_cols) == (5, 3)  # the repeated header row was dropped
    g = t.grid()
    assert [c.text for c in g[0]] == ["考核项目", "考核内容", "得分"]
    assert g[3][0].text == "制度建设" and g[3][2].text == "3"
    assert g[4][0].text == "合计" and g[4][2].text == "12"


def test_merged_cell_and_wrapped_cell(doc):
    t = doc.tables()[0].table
    lead = next(c for c in t.cells if c.text == "组织领导")
    assert (lead.row, lead.col, lead.rowspan, lead.colspan) == (1, 0, 2, 1)
    wrapped = t.grid()[2][1]
    # two visual lines, joined without a space between CJK characters
    assert wrapped.text == "分管领导具体抓,并且列入单位领导工作分工的安排之中"


def test_reading_order_and_pages(doc):
    texts = [b.text if b.kind == "paragraph" else "<table>" for b in doc.blocks]
    assert texts.index("二、考核评分情况") < texts.index("<table>") < texts.index("三、存在的主要问题")
    third = next(b for b in doc.blocks if b.text == "三、存在的主要问题")
    assert third.page == 2
    assert doc.page_at(third.start) == 2


def test_offsets_are_exact(doc):
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
        for c in (b.table.cells if b.table else []):
            assert doc.text[c.start : c.end] == c.text


def test_image_only_page_needs_ocr():
    d = load_document(FIX / "scan_like.pdf")
    assert [w.code for w in d.warnings] == ["needs_ocr"]
    assert d.warnings[0].page == 1
    assert d.source.ocr is False and d.text.strip() == ""


def test_max_pages_truncates_with_warning():
    d = load_document(FIX / "cross_page.pdf", options={"max_pages": 1})
    assert d.source.pages == 2
    assert "pages_truncated" in [w.code for w in d.warnings]
    assert "三、存在的主要问题" not in d.text
    assert "组织领导" in d.text


def test_encrypted_and_truncated():
    with pytest.raises(ExtractError) as e:
        load_document(FIX / "encrypted.pdf")
    assert e.value.code == "encrypted_pdf"
    with pytest.raises(ExtractError) as e:
        load_document(FIX / "truncated.pdf")
    assert e.value.code == "malformed_pdf"


def _pt(page, rows, n_cols=3):
    cells = []
    for r, row in enumerate(rows):
        for k, spec in enumerate(row):
            if spec is None:
                continue
            text, rowspan = spec if isinstance(spec, tuple) else (spec, 1)
            cells.append(Cell(r, k, text, rowspan=rowspan))
    xs = [0.0, 100.0, 200.0, 300.0][: n_cols + 1]
    return PTable(page, (0, 0, 300, 100), xs, [0.0] * (len(rows) + 1), cells, len(rows), n_cols)


def test_join_glues_a_row_split_by_the_page_break():
    a = _pt(1, [["项目", "标准", "分值"], [("组织领导", 2), "主要领导听取汇报(3分),研", "5分"], [None, "分管领导抓", "5分"]])
    b = _pt(2, [["", "究部署推进工作(2分)。", ""], ["", "列入分工", "2分"]])
    # b's first row only continues texts of a's last row
    b.cells[0].rowspan = 2  # the category column continues over both rows
    b.cells = [c for c in b.cells if not (c.row == 1 and c.col == 0)]
    _join(a, b)
    assert a.n_rows == 4
    grid = {(c.row, c.col): c for c in a.cells}
    assert grid[(2, 1)].text == "分管领导抓究部署推进工作(2分)。"
    assert grid[(1, 0)].rowspan == 3  # 组织领导 now also covers the continued row
    assert grid[(3, 1)].text == "列入分工" and grid[(3, 2)].text == "2分"


def test_join_keeps_a_full_new_row_and_extends_merged_category():
    a = _pt(1, [["项目", "内容", "分值"], [("组织领导", 2), "甲", "5分"], [None, "乙", "5分"]])
    b = _pt(2, [["", "丙", "3分"], ["制度建设", "丁", "2分"]])
    _join(a, b)
    assert a.n_rows == 5
    lead = next(c for c in a.cells if c.text == "组织领导")
    assert lead.rowspan == 3
    assert not any(c.text == "" and c.col == 0 for c in a.cells)
    assert next(c for c in a.cells if c.text == "丙").row == 3


def test_join_cjk():
    assert join_cjk("分管领导具体", "抓") == "分管领导具体抓"
    assert join_cjk("see the", "annual report") == "see the annual report"
    assert join_cjk("共1234", "条") == "共1234条"
    assert join_cjk("0532-859", "12121") == "0532-85912121"


# --------------------------------------------------------------------------- table edges
# The loader computes pdfplumber's table edges from pdfium path objects instead of
# letting pdfplumber (pdfminer) parse the whole page. These tests draw the kinds of
# rulings real reports use and check that the edges and the tables found from them
# are pdfplumber's own.


def _draw(path, *, form=False, rotate=0):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    if rotate:
        c.setPageRotation(rotate)

    def content(c):
        c.setFont("STSong-Light", 12)
        c.drawString(60, 780, "一、总体情况")
        # a table ruled with single lines ("m l S"), as Word/WPS exports do
        xs, ys = [60, 200, 300, 400], [740, 718, 696, 674]
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, ys[0], x, ys[-1])
        for r, row in enumerate([["项目", "单位", "数量"], ["主动公开", "条", "120"], ["依申请公开", "件", "8"]]):
            for k, text in enumerate(row):
                c.drawString(xs[k] + 4, ys[r] - 15, text)
        # a table of filled thin rectangles ("re f"), with a merged cell
        c.setFillGray(0)
        for y in (600, 578, 556):
            c.rect(60, y, 340, 0.5, stroke=0, fill=1)
        for x in (60, 200, 400):
            c.rect(x, 556, 0.5, 44, stroke=0, fill=1)
        c.rect(300, 556, 0.5, 22, stroke=0, fill=1)
        c.drawString(64, 585, "考核项目")
        c.drawString(204, 585, "组织领导(5分)")
        c.drawString(64, 563, "得分")
        c.drawString(204, 563, "4")
        c.drawString(304, 563, "扣1分")
        # curves and a diagonal: round-cornered box, a circle, a slanted line
        c.roundRect(60, 420, 340, 60, 8, stroke=1, fill=0)
        c.circle(480, 450, 20, stroke=1, fill=0)
        c.line(420, 500, 520, 520)
        c.drawString(70, 445, "注:本表数据截至12月31日。")

    if form:
        c.beginForm("body")
        content(c)
        c.endForm()
        c.doForm("body")
    else:
        content(c)
    c.showPage()
    c.save()
    return path


def _edge_key(e):
    return (e["object_type"], e["orientation"] or "-") + tuple(
        round(e[k], 2) for k in ("x0", "x1", "top", "bottom", "width", "height")
    )


def _cells(tables):
    return [[tuple(round(v, 2) for v in c) if c else None for c in t.cells] for t in tables]


def test_edges_from_pdfium_equal_pdfplumbers(tmp_path):
    import pdfplumber
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from extractor.load.pdf_tables import find_tables, page_edges

    f = _draw(tmp_path / "ruled.pdf")
    pdf = pdfium.PdfDocument(str(f))
    try:
        page = pdf[0]
        width, height = page.get_size()
        edges = page_edges(page, raw, height)
        page.close()
    finally:
        pdf.close()
    assert edges is not None
    with pdfplumber.open(str(f)) as pl:
        ref = pl.pages[0].edges
        ref_tables = _cells(find_tables(pl.pages[0], width, height))
    assert {e["object_type"] for e in ref} == {"line", "rect_edge", "curve_edge"}
    assert sorted(map(_edge_key, edges)) == sorted(map(_edge_key, ref))
    assert [e["object_type"] for e in edges] == [e["object_type"] for e in ref]  # same order
    assert _cells(find_tables(edges, width, height)) == ref_tables
    assert len(ref_tables) == 2


def test_tables_read_the_same_through_the_pdfplumber_fallback(tmp_path):
    """A page drawn inside a form XObject is left to pdfplumber; the result is the same."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from extractor.load.pdf_tables import page_edges

    plain = load_and_normalize(_draw(tmp_path / "plain.pdf"))
    framed_path = _draw(tmp_path / "form.pdf", form=True)
    pdf = pdfium.PdfDocument(str(framed_path))
    try:
        page = pdf[0]
        assert page_edges(page, raw, page.get_size()[1]) is None
        page.close()
    finally:
        pdf.close()
    framed = load_and_normalize(framed_path)
    assert plain.text == framed.text
    grids = [[[c.text for c in row] for row in b.table.grid()] for b in plain.tables()]
    assert grids == [
        [["项目", "单位", "数量"], ["主动公开", "条", "120"], ["依申请公开", "件", "8"]],
        [["考核项目", "组织领导(5分)", "组织领导(5分)"], ["得分", "4", "扣1分"]],
    ]
    assert "注:本表数据截至12月31日。" in plain.text


# --------------------------------------------------------------------------- fast paths
# The character loop, the fake-bold rule, line building and the object checks have fast
# paths (issue 11); each must give exactly what the plain way gives.


def _latin_page(path):
    """A page in a standard font (pdfium reads it on any machine): words, a fake-bold
    heading (each glyph drawn twice 0.3 pt apart), digits in columns, a second line."""
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("Helvetica-Bold", 14)
    for dx in (0, 0.3):
        c.drawString(60 + dx, 780, "Annual Report 2019")
    c.setFont("Helvetica", 11)
    c.drawString(60, 750, "Requests received: 120   answered: 118   pending: 2")
    for k, row in enumerate(["1  10  100", "1  10  100", "2  20  200"]):
        c.drawString(60, 720 - 14 * k, row)
    c.showPage()
    c.save()
    return path


def _reference_chars(page, raw, height):
    """The page's characters asked one by one through pypdfium2's declared API."""
    import ctypes
    import unicodedata

    from extractor.load.layout.lines import Ch

    tp = page.get_textpage()
    try:
        h = tp.raw
        rect = raw.FS_RECTF()
        out, bad, total = [], 0, 0
        for i in range(raw.FPDFText_CountChars(h)):
            if raw.FPDFText_IsGenerated(h, i) == 1:
                continue
            u = raw.FPDFText_GetUnicode(h, i)
            if u in (0, 0xFFFE, 0xFFFF):
                bad, total = bad + 1, total + 1
                continue
            ch = chr(u)
            if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
                continue
            total += 1
            if u == 0xFFFD or 0xE000 <= u <= 0xF8FF or raw.FPDFText_HasUnicodeMapError(h, i) == 1:
                bad += 1
                if u == 0xFFFD or 0xE000 <= u <= 0xF8FF:
                    continue
            if not raw.FPDFText_GetLooseCharBox(h, i, ctypes.byref(rect)):
                continue
            top, bottom = sorted((height - rect.top, height - rect.bottom))
            x0, x1 = sorted((rect.left, rect.right))
            out.append(Ch(ch, x0, x1, top, bottom, raw.FPDFText_GetFontSize(h, i) or (bottom - top)))
        return out, bad, total
    finally:
        tp.close()


def test_character_loop_gives_what_the_per_character_api_gives(tmp_path, monkeypatch):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from extractor.load import pdf_chars as P

    f = _latin_page(tmp_path / "latin.pdf")
    doc = pdfium.PdfDocument(str(f))
    try:
        page = doc[0]
        height = page.get_size()[1]
        ref, ref_bad, ref_total = _reference_chars(page, raw, height)
        tp = page.get_textpage()
        assert P.page_units(raw, tp.raw, raw.FPDFText_CountChars(tp.raw)) is not None  # the bulk path runs
        tp.close()
        bulk = P.page_chars(page, raw, height, {})
        monkeypatch.setattr(P, "page_units", lambda raw, h, n: None)  # one call per character
        single = P.page_chars(page, raw, height, {})
        page.close()
    finally:
        doc.close()
    assert bulk == single
    chars, bad, total, lost = bulk
    assert (bad, total, lost) == (0, ref_total, set())
    assert chars == P.drop_fake_bold_among(ref)
    text = "".join(c.text for c in chars)
    assert text.startswith("AnnualReport2019Requests") and text.count("Annual") == 1  # drawn twice
    assert text.count("100") == 2


def test_fake_bold_fast_path_equals_the_rule():
    import random

    from extractor.load.layout.lines import Ch
    from extractor.load.pdf_chars import drop_fake_bold, drop_fake_bold_among

    rng = random.Random(11)
    dropped = 0
    for trial in range(200):
        chars = []
        for _ in range(rng.randint(0, 60)):
            if chars and rng.random() < 0.4:  # a near copy of an earlier glyph (fake bold, chains)
                o = rng.choice(chars)
                x0, top = o.x0 + rng.uniform(-1.2, 1.2), o.top + rng.uniform(-1.2, 1.2)
                text = o.text
            else:
                x0, top = rng.choice([rng.uniform(0, 50), rng.randint(0, 25) * 2.0]), rng.uniform(0, 30)
                text = rng.choice("政府12")
            chars.append(Ch(text, x0, x0 + 5, top, top + 10, 10.0))
        if trial % 50 == 0 and chars:
            chars[0].top = float("nan")  # unordered numbers: the rule itself decides (and fails)
            for fn in (drop_fake_bold, drop_fake_bold_among):
                with pytest.raises(ValueError):
                    fn(chars)
            continue
        kept = drop_fake_bold(chars)
        assert kept == drop_fake_bold_among(chars), trial
        dropped += len(kept) < len(chars)
    assert dropped > 50  # most trials had copies to drop


def test_cjk_boundaries_equal_the_pattern():
    from extractor.load.layout.text import CJK_RE as _CJK_RE
    from extractor.load.layout.text import cjk_char as _cjk_char
    from extractor.load.layout.text import is_cjk
    from extractor.load.pdf_chars import READABLE_RE

    for o in range(0x30000):
        if 0xD800 <= o <= 0xDFFF:
            continue
        ch = chr(o)
        cjk = _CJK_RE.match(ch) is not None
        assert _cjk_char(ch) == cjk == is_cjk(ch), hex(o)
        assert (READABLE_RE.match(ch) is not None) == (cjk or ch.isascii()), hex(o)


@pytest.mark.parametrize("form", [False, True])
def test_object_checks_equal_pypdfium2s_walk(tmp_path, form):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from extractor.load.pdf_tables import has_images, has_paths

    files = [_draw(tmp_path / "ruled.pdf", form=form), _latin_page(tmp_path / "latin.pdf"),
             FIX / "scan_like.pdf", FIX / "cross_page.pdf"]
    seen = set()
    for f in files:
        doc = pdfium.PdfDocument(str(f))
        try:
            for i in range(len(doc)):
                page = doc[i]
                for kind, fast in ((raw.FPDF_PAGEOBJ_PATH, has_paths), (raw.FPDF_PAGEOBJ_IMAGE, has_images)):
                    ref = next(iter(page.get_objects(filter=[kind], max_depth=4)), None) is not None
                    assert fast(page, raw) == ref, (f.name, i, kind)
                    seen.add((kind, ref))
                page.close()
        finally:
            doc.close()
    assert len(seen) == 4  # pages with and without paths, with and without images
