"""Sentences, headings (section tree) and tokens with exact offsets."""
from pathlib import Path

import pytest

from extractor.model import DocumentBuilder, Source, Table
from extractor.normalize import normalize
from extractor.segment import Segmentation, get_nlp, parse_heading, segment, tokenize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "corpus" / "real"


def make_doc(paragraphs, table_rows=None, table_after=None):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for i, p in enumerate(paragraphs):
        b.add_paragraph(p, page=1 + i // 5)
        if table_rows is not None and table_after == i:
            b.add_table(Table.from_rows(table_rows), page=9)
    return normalize(b.build())


REPORT = [
    "乌海市民族事务委员会2017年政务公开工作自查报告",
    "根据要求,我委认真开展了自查工作,现将有关情况报告如下:",
    "一、加强领导,严格落实工作责任",
    "一是领导高度重视。二是建立工作机制!三是明确分工责任;做到主要领导亲自抓。",
    "（一）组织领导",
    "1.高度重视政务公开工作。委领导多次听取汇报,研究部署工作。",
    "(1)制定工作要点",
    "①明确责任分工",
    "（二）制度建设",
    "五、依申请公开信息的开展情况",
    "2017年,我委未收到信息公开申请。",
    "第二部分 存在的问题",
    "2017年4月,公开了年度部门预算。",
]


@pytest.fixture(scope="module")
def seg_doc():
    doc = make_doc(REPORT)
    return doc, segment(doc)


def test_sentence_offsets_exact(seg_doc):
    doc, seg = seg_doc
    assert seg.sentences
    for s in seg.sentences:
        assert doc.text[s.start:s.end] == s.text
        assert s.text == s.text.strip()


def test_sentences_split_on_terminators(seg_doc):
    _, seg = seg_doc
    texts = [s.text for s in seg.sentences]
    assert "一是领导高度重视。" in texts
    assert "二是建立工作机制!" in texts
    assert "三是明确分工责任;" in texts
    assert "做到主要领导亲自抓。" in texts


def test_enumerations_are_not_headings(seg_doc):
    _, seg = seg_doc
    assert all(not h.title.startswith("是") for h in seg.headings)
    assert all("领导高度重视" not in h.title for h in seg.headings)


def test_heading_levels_and_numbers(seg_doc):
    _, seg = seg_doc
    got = [(h.level, h.number, h.title) for h in seg.headings]
    assert got == [
        (1, "一、", "加强领导,严格落实工作责任"),
        (2, "(一)", "组织领导"),
        (3, "1.", "高度重视政务公开工作"),
        (4, "(1)", "制定工作要点"),
        (4, "①", "明确责任分工"),
        (2, "(二)", "制度建设"),
        (1, "五、", "依申请公开信息的开展情况"),
        (1, "第二部分", "存在的问题"),
    ]


def test_heading_tree(seg_doc):
    _, seg = seg_doc
    h = seg.headings
    assert h[0].parent is None
    assert h[1].parent == 0          # (一) under 一、
    assert h[2].parent == 1          # 1. under (一)
    assert h[3].parent == 2          # (1) under 1.
    assert h[4].parent == 2          # ① is a sibling of (1)
    assert h[5].parent == 0          # (二) closes 1. and (1)
    assert h[6].parent is None       # 五、 closes everything
    assert [c.number for c in seg.children(h[0])] == ["(一)", "(二)"]
    assert [x.number for x in seg.path(h[3])] == ["一、", "(一)", "1.", "(1)"]


def test_long_numbered_paragraph_title_stops_at_full_stop(seg_doc):
    doc, seg = seg_doc
    h = seg.headings[2]
    assert h.title == "高度重视政务公开工作"
    assert doc.text[h.start:h.end] == "1.高度重视政务公开工作。"


def test_sentence_knows_its_headings(seg_doc):
    _, seg = seg_doc
    s = next(s for s in seg.sentences if "未收到信息公开申请" in s.text)
    assert [h.title for h in s.headings] == ["依申请公开信息的开展情况"]
    s = next(s for s in seg.sentences if "研究部署工作" in s.text)
    assert [h.number for h in s.headings] == ["一、", "(一)", "1."]
    s = next(s for s in seg.sentences if "年度部门预算" in s.text)
    assert [h.number for h in s.headings] == ["第二部分"]
    first = seg.sentences[0]
    assert first.headings == [] and first.page == 1


def test_sentence_at(seg_doc):
    doc, seg = seg_doc
    i = doc.text.index("未收到")
    s = seg.sentence_at(i)
    assert s is not None and "未收到" in s.text
    assert seg.sentence_at(len(doc.text) + 10) is None


def test_table_rows_are_sentences():
    doc = make_doc(
        ["二、主动公开政府信息情况", "说明文字。"],
        table_rows=[["信息内容", "本年制发件数", "本年废止件数"], ["规章", "0", "0"], ["规范性文件", "3", "1"]],
        table_after=0,
    )
    seg = segment(doc)
    rows = [s for s in seg.sentences if s.in_table]
    assert [r.text for r in rows] == ["信息内容 | 本年制发件数 | 本年废止件数", "规章 | 0 | 0", "规范性文件 | 3 | 1"]
    assert all(r.page == 9 for r in rows)
    assert all([h.number for h in r.headings] == ["二、"] for r in rows)
    for r in rows:
        assert doc.text[r.start:r.end] == r.text
    # table rows never open sections
    assert [h.number for h in seg.headings] == ["二、"]


@pytest.mark.parametrize(
    "line,expected",
    [
        ("一、总体情况", (1, "一、")),
        ("十二、其他需要报告的事项", (1, "十二、")),
        ("第一章 总则", (1, "第一章")),
        ("(三)政府信息管理", (2, "(三)")),
        ("（三）政府信息管理", (2, "（三）")),
        ("3、加强培训", (3, "3、")),
        ("3.加强培训", (3, "3.")),
        ("3．加强培训", (3, "3．")),
        ("(2)网站建设", (4, "(2)")),
        ("②网站建设", (4, "②")),
        ("一是领导重视", None),
        ("2017年工作情况", None),
        ("1.5万条信息已公开", None),
        ("3.", None),
        ("一、", None),
        ("二十五万元经费", None),
    ],
)
def test_parse_heading(line, expected):
    got = parse_heading(line)
    assert (got[:2] if got else None) == expected


def test_tokens_exact_offsets_and_domain_words(seg_doc):
    doc, seg = seg_doc
    s = next(s for s in seg.sentences if "未收到" in s.text)
    toks = seg.tokens(s)
    for t in toks:
        assert doc.text[t.start:t.end] == t.text
    assert "信息公开申请" in [t.text for t in toks]


@pytest.mark.parametrize(
    "word",
    ["政务公开", "依申请公开", "行政复议", "行政诉讼", "规范性文件", "政府信息公开专项经费",
     "主动公开", "政务新媒体", "三安全一稳定"],
)
def test_user_dictionary_keeps_domain_terms_whole(word):
    toks = tokenize(f"我局{word}工作情况", offset=100)
    assert word in [t.text for t in toks]
    t = next(t for t in toks if t.text == word)
    assert t.start == 102 and t.end == 102 + len(word)


def test_spacy_pipeline_uses_jieba_and_is_a_singleton():
    nlp = get_nlp()
    assert nlp is get_nlp()
    assert nlp.lang == "zh"
    words = [t.text for t in nlp.make_doc("未发生行政复议和行政诉讼")]
    assert "行政复议" in words and "行政诉讼" in words  # the default segmenter is per character


def _load_dict_in_child(_):
    from extractor.segment import tokenize as tk

    return [t.text for t in tk("政府信息公开专项经费")]


def test_user_dictionary_loaded_in_worker_process():
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(1) as pool:
        assert pool.map(_load_dict_in_child, [0]) == [["政府信息公开专项经费"]]


def test_empty_document():
    b = DocumentBuilder(Source(path="e.txt"))
    seg = segment(b.build())
    assert isinstance(seg, Segmentation)
    assert seg.sentences == [] and seg.headings == []


@pytest.mark.skipif(not REAL.exists(), reason="shared corpus not present")
def test_real_corpus_offsets_and_sections():
    from extractor.pipeline import load_and_normalize

    path = REAL / "s00_wuhai-minwei-2017-seed.txt"
    if not path.exists():
        pytest.skip("seed document absent")
    doc = load_and_normalize(path)
    seg = segment(doc)
    for s in seg.sentences:
        assert doc.text[s.start:s.end] == s.text
    titles = [h.title for h in seg.headings if h.level == 1]
    assert "依申请公开信息的开展情况" in titles
    s = next(s for s in seg.sentences if "信息公开申请" in s.text and not s.in_table and s.headings
             and s.headings[0].title == "依申请公开信息的开展情况")
    assert s.headings[0].number == "五、"


def test_words_have_exact_offsets_and_keep_domain_terms():
    from extractor.segment import domain_words, word_bounds, words

    text = "全年共收到政府信息公开申请12件,未收到举报投诉。"
    ws = words(text)
    assert all(text[a:b] == w for w, a, b in ws)
    assert "".join(w for w, _, _ in ws) == text
    assert ("政府信息公开申请", 5, 13) in ws          # one domain term, not 政府|信息|公开|申请
    assert "举报投诉" in [w for w, _, _ in ws]
    assert {"举报投诉", "政府信息公开申请"} <= domain_words()
    wb = word_bounds(text)
    assert 0 in wb and len(text) in wb and 5 in wb and 13 in wb and 9 not in wb
    assert words("") == []


def test_segmentation_words_are_offsets_in_the_document():
    doc = make_doc(["一、总体情况", "本机关全年收到申请人来信3件。"])
    seg = segment(doc)
    sent = seg.sentences[-1]
    ws = seg.words(sent)
    assert ws and all(doc.text[a:b] == w for w, a, b in ws)
    assert ws[0][1] == sent.start and ws[-1][2] == sent.end
    assert seg.words(sent) is ws  # cached
    # the same cuts as the spaCy tokens (which only drop whitespace)
    assert [w for w, _, _ in ws] == [t.text for t in seg.tokens(sent)]


# ------------------------------------------- the word guard's dictionary, loaded by first character

def _guard_sentences() -> list[str]:
    """Sentences of real-looking reports: the dev corpus when present, else the texts above."""
    out = list(REPORT) + ["全年共收到政府信息公开申请12件,未收到举报投诉。", "举办培训班两次，培训人员一百二十人次。",
                          "因政府信息公开被申请行政复议0件，被提起行政诉讼1件（维持1件）。", "ABC公司 2019年 3.5万元 12%"]
    if REAL.exists():
        from extractor.pipeline import load_and_normalize

        for f in sorted(REAL.glob("*.txt"))[:12]:
            if f.name.count(".") == 1:
                out += [s.text for s in segment(load_and_normalize(f)).sentences]
    return out


def test_sharded_dictionary_cuts_like_the_whole_dictionary():
    import random

    import jieba

    from extractor import segment as sg, wordcut

    sents = _guard_sentences()
    got = [sg.words(s) for s in sents]  # the per-character dictionary, filled as it goes
    wordcut._ensure_jieba()  # jieba's global tokenizer: the whole dictionary plus the domain words
    want = [list(jieba.tokenize(s)) for s in sents]
    assert got == want
    # strings whose substrings are words of other first characters than their neighbours'
    rnd = random.Random(5)
    chars = "".join(sorted(set("".join(sents))))
    for _ in range(2000):
        s = "".join(rnd.choice(chars) for _ in range(rnd.randint(1, 40)))
        assert sg.words(s) == list(jieba.tokenize(s))


_CHILD = r"""
import json, sys
from extractor import segment as sg, wordcut
ws = sg.words(sys.argv[1])
cut = wordcut.CUTTER["cut"]
print(json.dumps({"words": ws, "sharded": cut.shards is not None, "path": str(wordcut.dictionary_cache_path())}))
"""


def test_dictionary_cache_is_built_and_rebuilt_when_damaged(tmp_path):
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, ZWGK_CACHE_DIR=str(tmp_path / "cache"),
               PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    text = "全年共收到政府信息公开申请12件,未收到举报投诉。"

    def run():
        r = subprocess.run([sys.executable, "-c", _CHILD, text], capture_output=True, text=True, env=env,
                           timeout=300)
        assert r.returncode == 0, r.stderr[-2000:]
        return json.loads(r.stdout.strip().splitlines()[-1])

    first = run()  # no cache yet: built from jieba's dictionary and the domain words
    path = Path(first["path"])
    assert path.parent == tmp_path / "cache" and path.is_file() and first["sharded"]
    assert ["政府信息公开申请", 5, 13] in first["words"]
    path.write_bytes(path.read_bytes()[:1000])  # cut short (a disk that filled up, a kill)
    stale = path.parent / "jieba-0123456789abcdef.bin"  # an earlier domain dictionary's cache
    stale.write_bytes(b"old")
    second = run()
    assert second == first  # noticed, rebuilt, the same words
    assert path.stat().st_size > 1_000_000
    assert not stale.exists()  # ~9 MB each: not left to pile up
