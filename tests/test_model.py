"""The document model: text assembly, table rendering and spans."""
from extractor.model import Cell, DocumentBuilder, Source, Table


def test_table_rendered_one_row_per_line_with_separators():
    b = DocumentBuilder(Source(path="x"))
    b.add_paragraph("附件2")
    t = Table(cells=[Cell(0, 0, "类别", rowspan=2), Cell(0, 1, "规章"), Cell(0, 2, "0"),
                     Cell(1, 1, "规范性文件"), Cell(1, 2, "3")], n_rows=2, n_cols=3)
    b.add_table(t, page=2)
    doc = b.build()
    assert doc.text == "附件2\n类别 | 规章 | 0\n规范性文件 | 3\n"
    grid = t.grid()
    assert grid[1][0] is grid[0][0]  # merged cell appears once, covering both rows
    assert len(t.cells) == 5
    assert doc.page_at(doc.text.index("规范性文件")) == 2
    assert doc.page_at(0) is None


def test_pipe_in_cell_does_not_break_rows():
    b = DocumentBuilder(Source(path="x"))
    b.add_table(Table.from_rows([["a|b", "c\nd"]]))
    doc = b.build()
    assert doc.text == "a｜b | c d\n"
