"""tests/pdfdraw.py, the shared drawing helper: what it draws is what the PDF loader reads
(text lines in order; a ruled grid as one table with the same cells)."""
from __future__ import annotations

from extractor.pipeline import load_and_normalize
from pdfdraw import draw_grid, draw_lines, new_canvas


def test_lines_and_a_ruled_grid_read_back(tmp_path):
    f = tmp_path / "drawn.pdf"
    rows = [["项目", "单位", "数量"], ["主动公开", "条", "120"], ["依申请公开", "件", ""]]
    c = new_canvas(f)
    below = draw_lines(c, ["一、总体情况", "本年度主动公开政府信息120条。"], x=60, top=780)
    bottom = draw_grid(c, rows, xs=[60, 200, 300, 400], top=740)
    c.showPage()
    c.save()
    assert below == 780 - 2 * 18 and bottom == 740 - 3 * 22
    doc = load_and_normalize(f)
    lines = doc.text.splitlines()
    assert lines[:2] == ["一、总体情况", "本年度主动公开政府信息120条。"]
    [table] = doc.tables()
    assert [[c.text if c else None for c in row] for row in table.table.grid()] == rows
