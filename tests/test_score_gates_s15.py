"""The score readers' gates (extractor/tables/scores/gates.py; session 15 S9, issue 11):
each ``may_read_*`` is False only where its reader returns nothing.

Three checks: the claim piece searched alone is a piece of prose_item at its top level (so
every match holds a match of it); the vocabulary's examples of each gated form pass their
gate; every gated reader returns the same with and without its gate over the real texts
holding a score table (gold ``score_tables``: tests/real b1-b12, and dev and corpus/ with
their renderings when ../shared is there). And the gates do cut: most texts without a
score table fail them.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.pipeline import load_and_normalize
from extractor.tables.scores import gates, indicators, outline, prose
from extractor.tables.scores.vocabulary import vocab

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "real"

# reader module, reader, the gate's name in that module
GATED = [(prose, "read_prose", "may_read_prose"), (prose, "read_weights", "may_read_weights"),
         (prose, "read_weighted_sections", "may_read_weighted_sections"),
         (prose, "read_percent_shares", "may_read_percent_shares"),
         (indicators, "read_indicator_scores", "may_read_indicator_scores"),
         (outline, "read_outline", "may_read_outline")]


def _top_level(source: str, at: int) -> bool:
    """``source[at:]`` starts outside every group and character class, and the source has
    no alternation at its top level: each match of the whole is a sequence holding that
    piece's match."""
    depth, k, in_class = 0, 0, False
    while k < len(source):
        ch = source[k]
        if k == at and (depth or in_class):
            return False
        if ch == "\\":
            k += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if source[k + 1:k + 2] == "]":
                k += 1  # "[]…]": a class starting with "]"
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
        k += 1
    return True


def test_claim_is_a_top_level_piece_of_prose_item():
    v = vocab()
    c = gates.claim(v.prose_item.pattern, v.prose_needs)
    assert c is not None, "prose_item no longer holds the claim piece: read_prose's gate is off"
    at = v.prose_item.pattern.index(c.pattern)
    assert _top_level(v.prose_item.pattern, at)
    piece_end = at + len(c.pattern)
    assert _top_level(v.prose_item.pattern, piece_end)


def test_top_level_scan():
    assert _top_level(r"a(b|c)d[,;]\s*(?:x|y)", 6)
    assert not _top_level(r"a(b[,;]\s*(?:x|y))?", 3)
    assert not _top_level(r"a|b[,;]\s*(?:x|y)", 3)


def _doc(text: str):
    p = Path("/tmp") / "zwgk_gate_example.txt"
    p.write_text(text, encoding="utf-8")
    return load_and_normalize(p)


def test_examples_pass_their_gates():
    ex = vocab().examples
    for e in ex["prose_item"]:
        assert gates.may_read_prose(_doc(e["text"])), e["text"]
    for e in ex["weights"]:
        if e.get("parts"):
            assert gates.may_read_weights(_doc(e["text"])), e["text"]
    for e in ex["weighted_sections"]:
        if e.get("parts"):
            assert gates.may_read_weighted_sections(_doc("\n".join(e["lines"]))), e["lines"]
    for e in ex["percent_shares"]:
        if e.get("parts"):
            assert gates.may_read_percent_shares(_doc(e["text"])), e["text"]
    for e in ex["indicator_score"]:
        if e.get("values"):
            assert gates.may_read_indicator_scores(_doc(e["text"])), e["text"]


def _with_scores() -> list[Path]:
    """Texts whose gold holds a score table: b1-b12, and dev (every rendering) and corpus/."""
    out = []
    golds = sorted((ROOT / "tests" / "real").glob("b*/*.gold.json")) + sorted((ROOT / "corpus").glob("*.gold.json"))
    if DEV.is_dir():
        golds += sorted(DEV.glob("*.gold.json"))
    for g in golds:
        if not json.loads(g.read_text(encoding="utf-8")).get("score_tables"):
            continue
        stem = g.name[:-len(".gold.json")]
        out += [p for p in sorted(g.parent.glob(stem + ".*")) if p.suffix in (".txt", ".html", ".docx")]
    return out


def _readings(doc) -> list[str]:
    return [repr(getattr(mod, name)(doc)) for mod, name, _ in GATED]


def test_every_real_score_table_passes_the_gates(monkeypatch):
    texts = _with_scores()
    assert len(texts) >= 30
    docs = [load_and_normalize(p) for p in texts]
    gated = [_readings(d) for d in docs]
    for mod, _, gate in GATED:
        monkeypatch.setattr(mod, gate, lambda doc: True)
    ungated = [_readings(d) for d in docs]
    lost = [(str(p), GATED[k][1]) for p, a, b in zip(texts, gated, ungated) for k in range(len(GATED)) if a[k] != b[k]]
    assert not lost
    assert sum(1 for r in ungated for x in r if x != "[]") >= 5  # the readers do read these texts


def test_gates_cut_annual_reports():
    """Texts of b13 without a score table: each gate is False on most of them."""
    texts = []
    for g in sorted((ROOT / "tests" / "real" / "b13").glob("*.gold.json")):
        if not json.loads(g.read_text(encoding="utf-8")).get("score_tables"):
            texts.append(g.with_name(g.name[:-len(".gold.json")] + ".txt"))
    docs = [load_and_normalize(p) for p in texts if p.exists()]
    assert len(docs) >= 20
    for _, _, gate in GATED:
        shut = sum(1 for d in docs if not getattr(gates, gate)(d))
        assert shut * 10 >= len(docs) * 8, (gate, shut, len(docs))
