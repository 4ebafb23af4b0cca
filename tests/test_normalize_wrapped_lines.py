"""Hard line wraps (PDF text copied or crawled line by line): normalisation joins a
line cut at the page width to the next one, so a sentence and a word broken across
the break (政府信\\n息公开) read as one, while offsets keep pointing into the text."""
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.pipeline import extract
from extractor.segment import segment

# a report's text cut every 26 characters, as a PDF page prints it (one paragraph a
# line would be a whole sentence; here the lines end in the middle of words)
_PARAGRAPHS = [
    "根据《条例》要求,2012年,统计局队配备了4名政府信息公开全职工作人员,60名兼职"
    "工作人员,设有1个专门的信息申请受理点,1个电子阅览点、1个公共查阅点。2012年,统"
    "计局队政府信息公开工作运行正常,政府信息公开咨询、申请以及答复工作均顺利开展。",
    "2012年,统计局队在市委、市政府和国家统计局的正确领导下,在市政府信息公开办公室的具"
    "体指导下,深入学习贯彻落实党的十八大精神,继续深入学习贯彻《条例》和相关文件精神,认"
    "真履行《条例》规定的法定义务,进一步完善信息公开工作运行机制,推进规范化管理。",
]
_WIDTH = 26


def _wrapped_lines() -> list[str]:
    lines = ["北京市统计局2012年政府信息公开工作年度报告", "一、概述", "(一)人员配备"]
    for para in _PARAGRAPHS:
        lines += [para[i:i + _WIDTH] for i in range(0, len(para), _WIDTH)]
    lines += ["(二)业务活动", "主动公开", "政府信息", "条", "120"]
    return lines


def _doc(lines):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for ln in lines:
        b.add_paragraph(ln)
    return normalize(b.build())


def test_a_wrapped_line_joins_the_next_one():
    lines = _wrapped_lines()
    doc = _doc(lines)
    assert "配备了4名政府信息公开全职工作人员" in doc.text
    sents = [s.text for s in segment(doc).sentences]
    assert any(s.startswith("根据《条例》要求") and s.endswith("1个公共查阅点。") for s in sents)
    # every kept character still maps to the same character of the text as loaded
    raw = doc.raw_text
    for i, ch in enumerate(doc.text):
        assert raw[doc.raw_offsets[i]] == ch
    # the joined lines are one paragraph block, its text the block's span
    for b in doc.blocks:
        assert b.text == doc.text[b.start:b.end]
    assert any(b.text.startswith("根据《条例》") and b.text.endswith("1个公共查阅点。") for b in doc.blocks)


def test_headings_short_lines_and_paragraph_ends_keep_their_breaks():
    doc = _doc(_wrapped_lines())
    assert "\n一、概述\n(一)人员配备\n" in doc.text
    assert "顺利开展。\n2012年" in doc.text           # a sentence's end is a paragraph's end
    assert "推进规范化管理。\n(二)业务活动\n" in doc.text
    # one cell per line (a table written as text) is no wrapped paragraph
    assert "\n主动公开\n政府信息\n条\n120\n" in doc.text


def test_lines_of_no_common_width_stay_as_they_are():
    # whole paragraphs a line, ending mid-sentence now and then: no wrap width shows
    lines = [p[:n] for p in _PARAGRAPHS * 4 for n in (17, 33, 48, 61)]
    doc = _doc(lines)
    assert doc.text.count("\n") == doc.raw_text.count("\n")


def test_extraction_reads_across_the_wrap_with_exact_evidence(tmp_path):
    path = tmp_path / "bj-tongjiju-2012.txt"
    path.write_text("\n".join(_wrapped_lines()) + "\n", encoding="utf-8")
    rec = extract(str(path), with_text=True)
    assert rec["values"].get("staff.full_time") == 4
    text = rec["text"]
    fact = next(f for f in rec["facts"] if f["key"] == "staff.full_time")
    a, b = fact["offset"]
    assert text[a:b] == fact["evidence"]
    assert "全职" in fact["evidence"]
