"""Corrections of the review page: the file format, `export --corrections`, `eval --corrections`."""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from extractor import corrections as C
from extractor.cli import main as cli_main
from extractor.evaluate import evaluate, summarize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
A51 = "a51_yunze-shuiliju-2016"
S52 = "s52_baisha-zhen-2020-zongjie"


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    """The bundled a51 and s52 reports (.txt) extracted, as a person would review them."""
    src = tmp_path_factory.mktemp("in") / "reports"
    src.mkdir()
    for n in (A51, S52):
        shutil.copy(CORPUS / f"{n}.txt", src / f"{n}.txt")
    out = tmp_path_factory.mktemp("out")
    assert cli_main(["extract", str(src), "-o", str(out), "--emit-text", "-q", "-j", "1"]) == 0
    return out


def _rec(outdir, name):
    return json.loads((outdir / "reports" / f"{name}.txt.json").read_text(encoding="utf-8"))


def _write(path, items):
    path.write_text(json.dumps({"format": "zwgk-corrections", "version": 1, "corrections": items},
                               ensure_ascii=False), encoding="utf-8")
    return path


def _corr(doc, key, action, old=None, new=None, note="", time="2026-01-01T00:00:00Z", sha=None):
    return {"document": doc, "key": key, "action": action, "old_value": old, "new_value": new, "note": note,
            "time": time, "sha256": sha}


def _export(outdir, corr_file, tmp_path):
    base = tmp_path / "data"
    args = ["export", str(outdir), "--to", "csv", "-o", str(base), "-q"]
    if corr_file:
        args += ["--corrections", str(corr_file)]
    assert cli_main(args) == 0
    with open(f"{base}.long.csv", encoding="utf-8", newline="") as f:
        long = list(csv.DictReader(f))
    with open(f"{base}.wide.csv", encoding="utf-8", newline="") as f:
        wide = {r["doc_id"]: r for r in csv.DictReader(f)}
    return long, wide


def test_export_applies_corrections_with_provenance(outdir, tmp_path):
    rec = _rec(outdir, A51)
    doc = f"reports/{A51}.txt"
    v = rec["values"]
    # a51: prose says 1286, the table 1268 (a conflict; the table's value is taken)
    assert v["proactive.total"] == 1268
    missing = "fees.collected" if "fees.collected" not in v else "other.reviewer_key"
    f = _write(tmp_path / "corrections.json", [
        _corr(doc, "proactive.total", "correct", 1268, 1286, note="the prose figure is right"),
        _corr(doc, "staff.total", "wrong", v["staff.total"]),
        _corr(doc, "staff.full_time", "confirm", v["staff.full_time"]),
        _corr(doc, "applications.received", "correct", v["applications.received"], v["applications.received"] + 1000),
        _corr(doc, missing, "add", None, 250.0 if missing == "fees.collected" else 3),
    ])
    before_long, before_wide = _export(outdir, None, tmp_path)
    long, wide = _export(outdir, f, tmp_path)
    row = wide[doc]
    assert before_wide[doc]["proactive_total"] == "1268" and row["proactive_total"] == "1286"
    assert before_wide[doc]["staff_total"] != "" and row["staff_total"] == ""
    assert row["applications_received"] == str(v["applications.received"] + 1000)
    mine = [r for r in long if r["doc_id"] == doc]
    by = {(r["key"], r["review"]): r for r in mine}
    # the prose fact that states the corrected value becomes the chosen one, with its evidence
    c = by[("proactive.total", "corrected")]
    assert c["origin"] == "text" and c["chosen"] == "true" and c["evidence"] and "1286" in c["evidence"]
    assert c["corrected_by"] == str(f) and c["review_note"] == "the prose figure is right"
    assert by[("proactive.total", "replaced")]["chosen"] == "false"
    assert all(r["chosen"] == "false" for r in mine if r["key"] == "staff.total")
    assert {r["review"] for r in mine if r["key"] == "staff.total"} == {"wrong"}
    assert by[("staff.full_time", "confirmed")]["chosen"] == "true"
    # a value no fact states: a fact of origin correction, chosen, without offsets
    n = by[("applications.received", "corrected")]
    assert n["origin"] == "correction" and n["chosen"] == "true" and n["offset_start"] == ""
    a = by[(missing, "added")]
    assert a["origin"] == "correction" and a["chosen"] == "true"
    # other documents are untouched; rows without a correction have an empty review
    others = [r for r in long if r["doc_id"] != doc]
    assert others and all(r["review"] == "" and r["corrected_by"] == "" for r in others)
    assert len([r for r in before_long if r["doc_id"] != doc]) == len(others)


def test_latest_correction_wins_and_sha256_matches(outdir, tmp_path):
    rec = _rec(outdir, S52)
    sha = rec["source"]["sha256"]
    key = next(k for k, x in rec["values"].items() if isinstance(x, int) and not isinstance(x, bool))
    old = rec["values"][key]
    # the document was reviewed under another OUTDIR name: matched by the file's sha256
    f = _write(tmp_path / "c.json", [
        _corr("elsewhere/s52.txt", key, "correct", old, old + 7, time="2026-01-02T00:00:00Z", sha=sha),
        _corr("elsewhere/s52.txt", key, "correct", old, old + 5, time="2026-01-01T00:00:00Z", sha=sha),
    ])
    _long, wide = _export(outdir, f, tmp_path)
    from extractor.export import column_name

    assert wide[f"reports/{S52}.txt"][column_name(key)] == str(old + 7)


def test_unmatched_document_is_reported(outdir, tmp_path, capsys):
    f = _write(tmp_path / "c.json", [_corr("nowhere/x.pdf", "staff.total", "wrong", 3)])
    _export(outdir, f, tmp_path)
    err = capsys.readouterr().err
    assert "nowhere/x.pdf" in err and "not in this folder" in err


@pytest.mark.parametrize("key,value", [
    ("applications.received", 1.5),     # a count is a whole number
    ("applications.received", -3),      # and never negative
    ("applications.received", "12"),    # typed text is not a number
    ("funding.special", True),
    ("meetings.held_flag_unused", None),
])
def test_a_value_of_the_wrong_type_is_refused(tmp_path, key, value, outdir):
    f = _write(tmp_path / "bad.json", [_corr("reports/x.txt", key, "add", None, value)])
    with pytest.raises(C.CorrectionsError):
        C.load(f)
    assert cli_main(["export", str(outdir), "--to", "csv", "-o", str(tmp_path / "d"), "--corrections", str(f)]) == 2
    assert not (tmp_path / "d.wide.csv").exists()


def test_money_is_stored_in_yuan_as_float_and_bad_files_are_errors(tmp_path):
    c = C.parse([_corr("d", "funding.special", "add", None, 5000)])
    assert c.items[0].new_value == 5000.0 and isinstance(c.items[0].new_value, float)
    with pytest.raises(C.CorrectionsError):
        C.parse({"format": "something-else", "corrections": []})
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(C.CorrectionsError):
        C.load(tmp_path / "x.json")
    with pytest.raises(C.CorrectionsError):
        C.parse([_corr("d", "staff.total", "delete", 1)])


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_eval_takes_corrections_as_gold(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # a51 with its gold file; s52 without one (only the corrections are known for it)
    for n in (A51,):
        shutil.copy(CORPUS / f"{n}.txt", corpus / f"{n}.txt")
        shutil.copy(CORPUS / f"{n}.gold.json", corpus / f"{n}.gold.json")
    shutil.copy(CORPUS / f"{S52}.txt", corpus / f"{S52}.txt")
    base = {s.path: s for s in evaluate(corpus, jobs=1)}
    assert set(base) == {f"{A51}.txt"}
    gold = json.loads((CORPUS / f"{A51}.gold.json").read_text(encoding="utf-8"))
    k_gold = "proactive.total"
    s52 = json.loads((CORPUS / f"{S52}.gold.json").read_text(encoding="utf-8"))["values"]
    k1, k2 = sorted(k for k, x in s52.items() if isinstance(x, int) and not isinstance(x, bool))[:2]
    items = [
        # a person says the a51 value is another one: gold gives way
        _corr(f"x/{A51}.txt", k_gold, "correct", gold["values"][k_gold], gold["values"][k_gold] + 1,
              sha=_sha(corpus / f"{A51}.txt")),
        # s52: one value confirmed, one corrected to a value the extractor does not give
        _corr(f"x/{S52}.txt", k1, "confirm", s52[k1], sha=_sha(corpus / f"{S52}.txt")),
        _corr(f"x/{S52}.txt", k2, "correct", s52[k2], s52[k2] + 100, sha=_sha(corpus / f"{S52}.txt")),
    ]
    corr = C.parse({"corrections": items}, "c.json")
    scores = {s.path: s for s in evaluate(corpus, jobs=1, corrections=corr)}
    assert set(scores) == {f"{A51}.txt", f"{S52}.txt"}
    a, b = scores[f"{A51}.txt"], base[f"{A51}.txt"]
    assert (k_gold, gold["values"][k_gold], gold["values"][k_gold] + 1) in a.wrong
    assert a.tp == b.tp - 1 and a.fp == b.fp + 1
    s = scores[f"{S52}.txt"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)   # only the two corrected keys are scored
    assert s.wrong == [(k2, s52[k2], s52[k2] + 100)]
    assert summarize(list(scores.values()))["values"]["tp"] == a.tp + 1
    # the command line takes the file too
    f = _write(tmp_path / "c.json", items)
    assert cli_main(["eval", str(corpus), "--corrections", str(f), "--quiet"]) == 0


def test_eval_key_marked_wrong(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / f"{S52}.txt", corpus / f"{S52}.txt")
    s52 = json.loads((CORPUS / f"{S52}.gold.json").read_text(encoding="utf-8"))["values"]
    k1, k2 = sorted(k for k, x in s52.items() if isinstance(x, int) and not isinstance(x, bool))[:2]
    sha = _sha(corpus / f"{S52}.txt")
    corr = C.parse([_corr("d", k1, "wrong", s52[k1], sha=sha),       # the value given is wrong: a false positive
                    _corr("d", k2, "wrong", s52[k2] + 1, sha=sha)])  # another value was wrong: not scored
    [s] = evaluate(corpus, jobs=1, corrections=corr)
    assert (s.tp, s.fp, s.fn) == (0, 1, 0) and s.extra == [(k1, s52[k1])]
