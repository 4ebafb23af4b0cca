"""Issue 11, the table stage's gates: a table reader is skipped on a text where a cheap
necessary condition of its reading fails (stats: none of its trigger regexes' required
literal sets is in the squeezed text; scores: read_prose's
and read_spaced's literal tests over the whole text). Each test runs the readers both
ways over the dev texts (../shared/corpus/real, txt/html/docx) and corpus/'s texts and
fails when a skipped reader would have read something, or when the outputs differ; the
work saved is counted (reader calls skipped), never timed."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from corpus_results import BUNDLED, REAL
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.pipeline import load_and_normalize
from extractor.tables import scores, stats
from extractor.tables.scores import gates, prose, spaced


@lru_cache(maxsize=1)
def _docs() -> tuple:
    files = sorted(BUNDLED.glob("*.txt"))
    if REAL.is_dir():
        for fmt in ("txt", "html", "docx"):
            # (as the benchmark: the .gbk.txt copies and the .cells.txt renderings aside)
            files += [p for p in sorted(REAL.glob(f"*.{fmt}")) if fmt != "txt" or p.name.count(".") == 1]
    return tuple(load_and_normalize(p) for p in files)


def _state(ctx) -> tuple:
    return (list(ctx.out.facts), list(ctx.out.warnings), list(ctx.spans), set(ctx.out.blocked_keys))


def _doc(*paragraphs):
    b = DocumentBuilder(Source(path="t.txt", sha256="0", format="txt"))
    for p in paragraphs:
        b.add_paragraph(p)
    return normalize(b.build())


def test_stats_gate_skips_only_readers_that_read_nothing():
    docs = _docs()
    steps = stats.reading_plan(stats.load_templates())
    assert {r for r, _, _ in steps} == {r for _, r, _ in stats.READERS}
    skipped = called = productive = 0
    for doc in docs:
        gated, every = stats.read_stat_tables(doc), stats.read_stat_tables(doc, gate=False)
        assert (gated.facts, gated.warnings, gated.blocked_keys) == (every.facts, every.warnings, every.blocked_keys), \
            doc.source.path
        if not doc.text:
            continue
        # every reader in turn on one reading state, as the ungated stage runs them: a
        # reader the gate skips must leave that state as it found it
        ctx = stats.Ctx(doc)
        for reader, tpl, needs in steps:
            before = _state(ctx)
            reader(ctx, tpl)
            changed = _state(ctx) != before
            productive += changed
            if stats.may_read(ctx.sq.s, needs):
                called += 1
            else:
                skipped += 1
                assert not changed, f"{doc.source.path}: the gate skips {tpl.name}, which reads something"
    if REAL.is_dir():
        assert len(docs) > 140
        assert productive >= 90            # the readers do read tables here…
        assert skipped >= len(docs) * 2    # …and at least half of the reader calls are saved
    assert skipped > 0


def test_stats_gate_lets_each_family_read_its_table():
    t3 = ("三、收到和处理政府信息公开申请情况 申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 "
          "法律服务机构 其他 一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5")
    doc = _doc(t3)
    assert stats.read_stat_tables(doc).facts == stats.read_stat_tables(doc, gate=False).facts != []
    old = ("政府信息公开情况统计表 统计指标 单位 统计数 主动公开政府信息数 条 12 收到申请数 件 5")
    doc = _doc(old)
    assert stats.read_stat_tables(doc).facts == stats.read_stat_tables(doc, gate=False).facts != []
    # prose only: no reader is called
    doc = _doc("2020年共主动公开政府信息120条。")
    assert not any(stats.may_read(stats.Ctx(doc).sq.s, needs) for _, _, needs in stats.reading_plan(stats.load_templates()))


def _both_ways(monkeypatch, reader, ungate):
    """(calls the gate skipped, calls that read something) of ``reader`` over the texts,
    asserting that gated and ungated readings are the same."""
    skipped = found = 0
    for doc in _docs():
        gated = reader(doc)
        with monkeypatch.context() as m:
            ungate(m)
            every = reader(doc)
        assert gated == every, doc.source.path
        found += bool(every)
        skipped += gate_fails(reader, doc)
    return skipped, found


def gate_fails(reader, doc) -> bool:
    if reader is prose.read_prose:
        return not gates.may_read_prose(doc)
    paragraphs = "\n".join(b.text for b in doc.blocks if b.kind == "paragraph").replace(" ", "")
    return not any(w in paragraphs for w in spaced.max_words())


def test_prose_gate_skips_only_texts_without_a_prose_item(monkeypatch):
    skipped, found = _both_ways(monkeypatch, prose.read_prose,
                                lambda m: m.setattr(prose, "may_read_prose", lambda doc: True))
    if REAL.is_dir():
        assert found >= 2 and skipped >= 90


def test_spaced_gate_skips_only_texts_without_a_max_column_name(monkeypatch):
    skipped, found = _both_ways(monkeypatch, spaced.read_spaced, lambda m: m.setattr(spaced, "max_words", lambda: ("",)))
    if REAL.is_dir():
        assert skipped >= 90
    # a spaced table is read with the gate, also when its header's names are spaced out
    # (the reader looks for them without spaces, and so does the gate)
    for header in ("测评指标与考察点分值得分失分原因及截图整改情况", "测评指标与考察点 分 值 得 分 失分原因及截图整改情况"):
        doc = _doc(header, "意见征集考察点:反馈渠道包含信件、电话、邮箱 8 6 涉及重大民生议题",
                   "政策解读考察点:解读材料与文件同步发布 10 9 已同步")
        assert not gate_fails(spaced.read_spaced, doc)
        assert [(i.max, i.score) for t in spaced.read_spaced(doc) for i in t.items] == [(8, 6), (10, 9)]
    assert gate_fails(spaced.read_spaced, _doc("测评指标与考察点得分失分原因", "意见征集 8 6"))


def test_prose_gate_reads_a_prose_score_table():
    doc = _doc("(一)工作保障(占比5%,自评得5%)", "(二)主动公开(占比20%,自评得18%)")
    assert not gate_fails(prose.read_prose, doc)
    assert [(i.max, i.score) for t in prose.read_prose(doc) for i in t.items] == [(5, 5), (20, 18)]
    # 自 and 评 on two lines (a PDF's wrapping): the gate joins the lines as the reader does
    doc = _doc("(一)工作保障(占比5%,自\n评得5%)", "(二)主动公开(占比20%,自评得18%)")
    assert not gate_fails(prose.read_prose, doc)
    assert gate_fails(prose.read_prose, _doc("(一)工作保障(占比5%,得5%)"))
    # the claim's word without the separator before it (session 15 S9: the gate's claim
    # piece) is no prose item: 自评 named in a sentence
    assert gate_fails(prose.read_prose, _doc("我单位开展了自评工作。自评得分95分。"))
