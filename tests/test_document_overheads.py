"""Issue 11, per-document overhead: work that bare segmentation does not do, counted
(never timed). Each test fails when the overhead it guards comes back."""
from __future__ import annotations

from collections import Counter

import pytest

from extractor import numbers, pipeline
from extractor.model import DocumentBuilder, Source, Table
from extractor.normalize import normalize

PARAGRAPHS = [
    "XX县人民政府办公室2020年政府信息公开工作年度报告",
    "一、主动公开政府信息情况",
    "2020年，本机关主动公开政府信息120条，其中政策文件15件，召开新闻发布会2次。",
    "二、依申请公开情况",
    "全年共收到政府信息公开申请36件，均按时办结，未发生行政复议和行政诉讼。",
    "三、收费及减免情况",
    "全年未收取任何费用。",
]


def _doc():
    b = DocumentBuilder(Source(path="report.txt", sha256="0", format="txt"))
    for p in PARAGRAPHS:
        b.add_paragraph(p)
    b.add_table(Table.from_rows([["项目", "数量"], ["新闻发布会次数", "2"]]))
    return normalize(b.build())


@pytest.fixture
def scans(monkeypatch):
    seen: Counter = Counter()
    real = numbers._scan

    def counted(text):
        seen[text] += 1
        return real(text)

    monkeypatch.setattr(numbers, "_scan", counted)
    return seen


def test_each_sentence_of_a_document_is_scanned_for_quantities_once(scans):
    calls = Counter()
    real = numbers.find_quantities

    def counting(text):
        calls[text] += 1
        return real(text)

    import extractor.numbers as mod
    mod.find_quantities = counting
    try:
        pipeline.extract_document(_doc())
    finally:
        mod.find_quantities = real
    assert max(calls.values()) >= 2          # rules and clauses both read a sentence…
    assert max(scans.values()) == 1          # …which is scanned once
    assert set(scans) == set(calls)


def test_the_memo_lives_one_document_only(scans):
    pipeline.extract_document(_doc())
    first = sum(scans.values())
    pipeline.extract_document(_doc())
    assert sum(scans.values()) == 2 * first   # a second copy is scanned again: no global cache
    assert numbers._MEMO[0] is None


def test_memo_gives_the_same_matches_as_a_scan():
    text = PARAGRAPHS[2] + PARAGRAPHS[4]
    with numbers.document_memo():
        a = numbers.find_quantities(text)
        b = numbers.find_quantities(text)
    assert a == b == numbers.find_quantities(text)
    assert a is not b                           # each caller gets its own list
    a.clear()
    assert b


def test_a_record_is_the_same_with_and_without_the_memo(monkeypatch):
    import contextlib

    with_memo = pipeline.extract_document(_doc())
    monkeypatch.setattr(numbers, "document_memo", contextlib.nullcontext)
    assert pipeline.extract_document(_doc()) == with_memo


def test_the_worker_server_warm_up_builds_the_document_fields_patterns():
    """What the workers forked from the warm server would each compile on first use
    (agency's page fields, own channels and completion, the titles' subjects…): built once
    in the server by ``warm_up(compile_rules=True)``, counted as builders left unbuilt."""
    import inspect

    from extractor import agency, agency_refine, metadata, metadata_base
    from extractor.batch import worker

    worker.warm_up(compile_rules=True)
    unbuilt = []
    for module in (agency, agency_refine, metadata, metadata_base):
        for name, obj in vars(module).items():
            if hasattr(obj, "cache_info") and obj.__module__ == module.__name__ \
                    and not inspect.signature(obj).parameters and obj.cache_info().currsize == 0:
                unbuilt.append(f"{module.__name__}.{name}")
    assert unbuilt == []


def test_the_warm_up_report_is_read_as_a_national_template_report():
    """The second warm-up document must reach the readers it is there to warm: its
    tables give statistics values and its page fields an agency (else it warms nothing)."""
    from extractor.batch import worker

    b = DocumentBuilder(Source(path="warmup2.txt", sha256="0", format="txt"))
    for line in worker._WARM_GB2019:
        b.add_paragraph(line)
    rec = pipeline.extract_document(normalize(b.build()))
    assert rec["document"]["agency"] == "某某县人力资源和社会保障局"
    assert rec["document"]["template"] == "gb2019"
    table = {f["key"] for f in rec["facts"] if f["origin"] == "table"}
    assert {"normative.public_total", "applications.received"} <= table, table


def test_writing_into_an_existing_output_folder_makes_no_folder(tmp_path, monkeypatch):
    """Atomic output writes: a folder already there is opened, not created again (one
    mkdir per folder per process, not per file); the files are complete and no temp file
    stays behind."""
    import os

    from extractor.atomic import TMP_MARK, OutDir

    made = []
    real_mkdir = os.mkdir
    monkeypatch.setattr(os, "mkdir", lambda *a, **k: (made.append(a[0]), real_mkdir(*a, **k))[1])
    od = OutDir(tmp_path)
    try:
        for i in range(5):
            od.write(f"real/sub/r{i}.json", "{}")
    finally:
        od.close()
    assert made == ["real", "sub"]
    assert sorted(p.name for p in (tmp_path / "real" / "sub").iterdir()) == [f"r{i}.json" for i in range(5)]
    assert not [p for p in tmp_path.rglob("*") if TMP_MARK in p.name]
