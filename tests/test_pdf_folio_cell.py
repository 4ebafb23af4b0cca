"""A bare number heading a PDF page is a page number only when the page is not already
numbered at its foot: a table cell "2" that a page break puts at the top of page 2 (a
one-cell-per-line 表二 printed from a crawled page) stays text."""
from __future__ import annotations

from extractor.pipeline import load_and_normalize

FILL = ["二、主动公开政府信息情况，本页为正文内容，用于把下一页的内容推到页首。"] * 3


def _pdf(path, page2_top: str, footer: bool) -> None:
    from pdfdraw import PAGE, draw_lines, new_canvas

    c = new_canvas(path)
    draw_lines(c, FILL + ["第二十条第(五)项", "信息内容", "行政许可"], top=790)
    if footer:
        c.drawCentredString(PAGE[0] / 2, 30, "- 1 -")
    c.showPage()
    draw_lines(c, [page2_top, "0", "0", "其他对外管理服务事项", "三、收到和处理政府信息公开申请情况"], top=800)
    if footer:
        c.drawCentredString(PAGE[0] / 2, 30, "- 2 -")
    c.showPage()
    c.save()


def _texts(path) -> list[str]:
    return [b.text for b in load_and_normalize(path).blocks if b.kind == "paragraph"]


def test_cell_equal_to_page_number_on_a_page_numbered_at_its_foot_is_kept(tmp_path):
    p = tmp_path / "a.pdf"
    _pdf(p, "2", footer=True)
    texts = _texts(p)
    assert "- 2 -" not in texts and "- 1 -" not in texts  # the folios go
    k = texts.index("行政许可")
    assert texts[k + 1:k + 4] == ["2", "0", "0"]


def test_bare_number_heading_a_page_without_footer_folio_is_still_a_folio(tmp_path):
    p = tmp_path / "b.pdf"
    _pdf(p, "2", footer=False)
    texts = _texts(p)
    k = texts.index("行政许可")
    assert texts[k + 1:k + 3] == ["0", "0"]
