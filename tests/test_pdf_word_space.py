"""Two figures a PDF writes with a space between them ("数条 477 2504": this year, all
years) stay two numbers even when the font's space is narrower than the loader's visible
gap (STSong-Light's is 0.2 em; Times New Roman's 0.25 em): the space character the file
itself writes counts, read through pdfium and through pdfminer alike.  A number written
without a space is not split."""
from __future__ import annotations

import pytest

from extractor.pipeline import load_and_normalize

LINES = ["主动公开文件数条 477 2504 其中:1.政府网站公开数条 477 2504",
         "受理政府信息公开申请总数条 13 36",
         "历年累计公开信息2504条,较上年增加1200条。"]


@pytest.fixture
def pdf(tmp_path):
    from pdfdraw import draw_lines, new_canvas

    p = tmp_path / "a.pdf"
    c = new_canvas(p)
    draw_lines(c, LINES, size=11)
    c.showPage()
    c.save()
    return p


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_written_space_between_figures_is_kept(pdf, reader):
    opts = {"pdf_chars": "pdfminer"} if reader == "pdfminer" else None
    text = load_and_normalize(pdf, opts).text
    assert "4772504" not in text and "1336" not in text
    assert "477 2504" in text and "13 36" in text
    assert "2504条" in text and "1200条" in text  # figures without a space stay whole
