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


def test_new_index_is_the_first_kept_index_at_or_after():
    import random
    from array import array

    from extractor.normalize import _new_index

    def reference(mapping, n_old):
        inv = array("l", [0]) * (n_old + 1)
        j, n_new = 0, len(mapping) - 1
        for old in range(n_old + 1):
            while j < n_new and mapping[j] < old:
                j += 1
            inv[old] = j
        return list(inv)

    rng = random.Random(5)
    alphabet = [" ", "  ", "公", "开", "a", "1", "\u200b", "\n", "\u3000", "，", "資", "\u00ad"]
    for _ in range(2000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        _, mapping = normalize_text(raw)
        inv = _new_index(mapping, len(raw))
        assert [inv[i] for i in range(len(raw) + 1)] == reference(mapping, len(raw)), repr(raw)


def test_blocks_and_cells_keep_exact_spans_after_deletions():
    doc = _doc(["组 织 领 导\u200b到位。", "  共 受理  申请１２件 "], table_rows=[["项 目", " 数 量 "], ["申 请", "１２"]])
    for b in doc.blocks:
        assert doc.text[b.start:b.end] == b.text
        if b.table is not None:
            for c in b.table.cells:
                if c.start >= 0:
                    assert doc.text[c.start:c.end] == c.text
    assert "组织领导到位。" in doc.text and "申请12件" in doc.text


def test_squeezed_text_maps_back_like_a_char_by_char_scan():
    """tables.templates.Squeezed (text without whitespace, with offsets back) must equal the
    plain per-character definition; str.split() cuts at exactly str.isspace()."""
    import random

    from extractor.tables.templates import Squeezed

    def reference(text):
        kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
        return "".join(ch for _, ch in kept), [i for i, _ in kept]

    rng = random.Random(9)
    alphabet = [" ", "\n", "\t", "\x1c", "\x85", "\u3000", "\u00a0", "\u2028", "a", "公", "开", "\u200b", "|"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        sq = Squeezed(text)
        assert (sq.s, sq.idx) == reference(text), repr(text)


def test_pinyin_glosses_of_mirror_sites_removed_with_exact_offsets():
    # mirror copies of government pages insert the reading after some characters
    raw = "全年公開政府信息74條,規範性文件數(shù)量0件,縣城南區(qū)工委"
    text, mapping = normalize_text(raw)
    assert text == "全年公开政府信息74条,规范性文件数量0件,县城南区工委"
    assert raw[mapping[text.index("量")]] == "量"
    # a table cell label read through the gloss
    doc = _doc([], [["信息內容", "本年新制作數(shù)量"], ["規章", "0"]])
    assert [c.text for c in doc.blocks[-1].table.cells] == ["信息内容", "本年新制作数量", "规章", "0"]


def test_latin_in_brackets_that_is_not_a_gloss_kept():
    for t in ("通过微信(wechat)公众号发布", "办法(试行)", "(dé)开头", "APP(ios)版本"):
        assert normalize_text(t)[0] == t
