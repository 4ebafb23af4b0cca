"""The stage list (extractor/stages.py) is declared once and is what runs: every field a
stage reads was set before it, the timing hook sees every stage in order, an isolated
stage's bug costs its results only, and the batch worker's per-stage seconds are the
stage names."""
from __future__ import annotations

from pathlib import Path

from extractor import pipeline, stages
from extractor.batch import default_extract

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOC = CORPUS / "a51_yunze-shuiliju-2016.txt"


def test_every_field_a_stage_reads_is_set_by_an_earlier_stage():
    have = {"path", "options", "failed"}
    for st in stages.STAGES:
        assert set(st.requires) <= have, (st.name, set(st.requires) - have)
        have.add(st.assigns)
    assert len({st.name for st in stages.STAGES}) == len(stages.STAGES)
    assert stages.LOAD + stages.FIND == stages.STAGES


def test_the_hook_sees_every_stage_in_order_and_the_record_is_extracts():
    seen = []
    doc = pipeline.load_and_normalize(DOC, on_stage=lambda name, s: seen.append((name, s)))
    doc.source.path = str(DOC)
    rec = pipeline.extract_document(doc, on_stage=lambda name, s: seen.append((name, s)))
    assert [n for n, _ in seen] == [st.name for st in stages.STAGES]
    assert all(s >= 0 for _, s in seen)
    assert rec["values"] and rec == pipeline.extract(DOC)


def test_a_bug_in_an_isolated_stage_is_a_warning_and_its_empty_result(monkeypatch):
    from extractor import tables

    def broken(doc, seg):
        raise ValueError("boom")

    whole = pipeline.extract(DOC)
    monkeypatch.setattr(stages, "read_tables", broken)
    rec = pipeline.extract(DOC)
    assert not rec["errors"]
    assert {"code": "stage_failed", "message": "tables: ValueError: boom"} in [
        {k: w.get(k) for k in ("code", "message")} for w in rec["warnings"]]
    table_keys = {f["key"] for f in whole["facts"] if f.get("origin") == "table"}
    assert table_keys and not {f["key"] for f in rec["facts"] if f.get("origin") == "table"}
    assert tables.read_tables is not broken


def test_the_batch_worker_reports_seconds_per_declared_stage():
    rec, text, secs = default_extract(str(DOC), "a51.txt", {}, True)
    assert list(secs) == [st.name for st in stages.STAGES]
    assert rec["source"]["path"] == "a51.txt" and text and rec["values"]
