"""Normalisation keeps offsets exact while folding widths, scripts and spaces."""
from extractor.model import DocumentBuilder, Source, Table
from extractor.normalize import normalize, normalize_text


def _doc(paragraphs, table_rows=None):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for p in paragraphs:
        b.add_paragraph(p)
    if table_rows:
        b.add_table(Table.from_rows(table_rows))
    return normalize(b.build())


def test_width_folding_digits_and_punctuation():
    text, mapping = normalize_text("共受理申请１２件，（一）")
    assert text == "共受理申请12件,(一)"
    assert len(mapping) == len(text) + 1


def test_ideographic_full_stop_kept():
    assert normalize_text("主动公开信息５条。")[0] == "主动公开信息5条。"


def test_traditional_to_simplified_same_length():
    text, _ = normalize_text("政府資訊公開工作年度報告")
    assert text == "政府资讯公开工作年度报告"


def test_spaces_between_cjk_removed_and_map_points_back():
    raw = "组 织 领 导 (20分)"
    text, mapping = normalize_text(raw)
    assert text == "组织领导 (20分)"
    # every kept character maps to the same character of the raw text
    for i, ch in enumerate(text):
        assert raw[mapping[i]].translate({0x3000: 0x20}) == ch


def test_spaces_between_digits_kept():
    assert normalize_text("0 1 1 0 2")[0] == "0 1 1 0 2"


def test_zero_width_and_nbsp():
    assert normalize_text("信息\u200b公开\u00a0 12条")[0] == "信息公开 12条"


def test_block_and_cell_offsets_remapped():
    doc = _doc(["一、 主 动 公 开 情 况", "全年公开信息１２０条。"],
               [["统 计 指 标", "单位", "统计数"], ["主动公开政府信息数", "条", "１７"]])
    for b in doc.blocks:
        assert doc.text[b.start:b.end] == b.text
        if b.table:
            for c in b.table.cells:
                assert doc.text[c.start:c.end] == c.text
    cells = [c.text for c in doc.blocks[-1].table.cells]
    assert cells == ["统计指标", "单位", "统计数", "主动公开政府信息数", "条", "17"]
    assert doc.blocks[0].text == "一、主动公开情况"


def test_as_written_quotes_the_source_script():
    from extractor.normalize import as_written

    doc = _doc(["北坡鎮人民政府２０２２年政府資訊公開工作年度報告"])
    i = doc.text.index("北坡镇人民政府")
    assert as_written(doc, i, i + len("北坡镇人民政府")) == "北坡鎮人民政府"
    j = doc.text.index("2022")
    assert as_written(doc, j, j + 4) == "2022"


def test_metadata_agency_keeps_traditional_characters():
    from extractor.metadata import describe
    from extractor.segment import segment

    doc = _doc(["北坡鎮人民政府2022年政府資訊公開工作年度報告", "一、總體情況", "2022年,本鎮認真落實《條例》。"])
    meta = describe(doc, segment(doc))
    assert meta["agency"] == "北坡鎮人民政府"
    assert meta["year"] == 2022
