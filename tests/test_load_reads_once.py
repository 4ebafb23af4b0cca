"""The loaders' shortcuts of issue 11 (session 9) read what the long way read:
the Han scoring of a decoding counts what a Counter of its characters counts, a page
field's element text is read only as far as needed, and a .docx's small parts checked
whole are not unpacked again — each against the long way on real-looking inputs."""
from __future__ import annotations

import io
import zipfile
from collections import Counter

from lxml import etree

from extractor.load import docx_package, html_page, txt

REPORT = ("某某县人民政府办公室2020年政府信息公开工作年度报告。本年度主动公开政府信息1200条,"
          "收到政府信息公开申请35件,办结35件;因政府信息公开被申请行政复议1件。"
          "發布時間:2021年1月20日 來源:某某縣政府辦 龘靐齉爩 𠀀𠀁")


def _reference(text: str, test) -> tuple[int, int]:
    counts = Counter(ch for ch in text if "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f")
    return sum(counts.values()), sum(n for ch, n in counts.items() if test(ch))


def test_han_scoring_counts_as_a_counter_does():
    data = REPORT.encode("gb18030")
    # the right decoding, a wrong one (many rare characters: the Counter branch) and others
    for codec in ("gb18030", "big5", "latin-1", "utf-16-le"):
        text = data.decode(codec, "replace") * 3
        for test in (txt._gb2312_hanzi, txt._big5_level1, txt._is_common_han):
            assert txt._han_tested(text, test) == _reference(text, test)
        n, common = _reference(text[:200], txt._is_common_han)
        assert txt.decoding_score(text, 200)[:2] == (common, common / n if n else 1.0)
    assert txt._han_tested("", txt._is_common_han) == (0, 0)
    assert txt._common_share("no Han at all", "gb18030") == 1.0


def test_a_page_field_text_is_read_only_as_far_as_needed():
    root = etree.fromstring(
        "<div><p><span>发布时间:</span>\n\t<span>2021-01-20</span>  <b>来源:\u3000某某县</b></p>"
        "<p>" + "正文" * 60 + "<span>发布机构:某某局</span></p></div>")
    short, long_p = root[0], root[1]
    whole = " ".join(" ".join(short.itertext()).split())
    assert html_page._short_text(short, 80) == whole == "发布时间: 2021-01-20 来源: 某某县"
    assert html_page._short_text(short, len(whole)) == whole
    assert html_page._short_text(short, len(whole) - 1) is None
    assert html_page._short_text(long_p, 80) is None
    assert html_page._short_text(etree.fromstring("<p> \n </p>"), 0) == ""
    # the field line is found, the long paragraph holding a field word is not a line
    assert html_page.page_lines(root) == ["发布时间: 2021-01-20 来源: 某某县"]


def _package(dup_stored: bytes | None) -> bytes:
    buf = io.BytesIO()
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/relationships"><Relationship Id="rId1" Type="x" Target="word/document.xml"/>'
            b"</Relationships>")
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", b'<?xml version="1.0"?><document>' + b"<p/>" * 3000 + b"</document>")
        if dup_stored is not None:   # a second member of the same name: zipfile reads this one
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                z.writestr(zipfile.ZipInfo("_rels/.rels"), dup_stored, compress_type=zipfile.ZIP_STORED)
    return buf.getvalue()


def test_small_parts_checked_whole_are_what_zipfile_reads():
    for dup in (None, b"<Relationships/>"):
        zf = zipfile.ZipFile(io.BytesIO(_package(dup)))
        docx_package._check_members(zf, 10**8)
        for name in ("_rels/.rels", "[Content_Types].xml", "word/document.xml"):
            assert docx_package._read(zf, name) == zf.read(name)
        # the small parts come from the check, the large document is read again
        assert "_rels/.rels" in zf.zwgk_whole and "word/document.xml" not in zf.zwgk_whole
    assert docx_package._read(zf, "_rels/.rels") == b"<Relationships/>"
