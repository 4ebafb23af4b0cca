"""Real reports collected for this repository (tests/real/bN), annotated blind.

Each batch was annotated per ANNOTATE.md by someone who had not seen the tool's output;
its first-run figures are logged in tests/real/README.md and README.md. This test keeps
the tool at least where it stands on them now: precision first (a wrong figure is worse
than a missing one), then recall, document fields and score tables.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corpus_results import ROOT, extracted
from extractor.evaluate import DocScore, score_document, summarize

REAL_BATCHES = sorted(p for p in (ROOT / "tests" / "real").glob("b*") if p.is_dir())


def _summary(batch: Path) -> dict:
    scores = []
    for path, gold, rendering, res, _text in extracted(batch):
        g = json.loads(gold.read_text(encoding="utf-8"))
        scores.append(score_document(res, g, DocScore(path=path.name, name=gold.name, rendering=rendering)))
    assert scores, f"no gold files in {batch}"
    return summarize(scores)


# bars per batch: what the tool reaches now, rounded down (raise them, never lower them)
# b1-b3 were tuned on (see tests/real/README.md).
BARS = {
    "b1": {"precision": 0.99, "recall": 0.98, "kind": 0.97, "year": 0.97, "score_recall": 0.95},
    "b2": {"precision": 0.99, "recall": 0.98, "kind": 0.97, "year": 0.97, "score_recall": 0.95},
    "b3": {"precision": 0.99, "recall": 0.97, "kind": 0.97, "year": 0.97, "score_recall": 0.95},
    # session 3's blind checks (first runs in tests/real/README.md); b4 became a tuning set at
    # the end of session 3 (one precision commit), b5 and b6 were never tuned on.
    # Session 4 tuned the document fields on b5/b6 (b4 kept as the unseen check): kind, year
    # and agency floors where that work leaves them (b4 agency unchanged, floor at its level);
    # values: the generic clause layer and four deny classes (b6 fp 9 -> 4) raised the floors
    # (session 6 document-field classes, b4 summary only: agency .878 -> .902)
    "b4": {"precision": 0.99, "recall": 0.94, "kind": 0.95, "year": 0.95, "agency": 0.92, "score_recall": 0.0},
    "b5": {"precision": 0.99, "recall": 0.95, "kind": 0.96, "year": 0.96, "agency": 0.93, "score_recall": 1.0},
    # score_recall b6 0.5 -> 1.0, b7 0.0 -> 1.0: session 5's points-in-cells / comma-row and
    # prose-standard (points before their rule) readers (20/20 and 4/4 items)
    "b6": {"precision": 0.98, "recall": 0.95, "kind": 0.98, "year": 0.99, "agency": 0.98, "score_recall": 1.0},
    # session 4's blind batch (first run 0.980 / 0.792 in tests/real/README.md), never tuned on
    # in session 4: floors where the end of that session leaves it; session 5 tuned on it
    # (precision classes G/K/J: P 1.000 at 3044b16; then the data classes A/B/C/D/F/M: R .898)
    # (document fields, session 5: abbreviations completed, compiler sentence, cover line, a
    # self-inspection's structure, the body's own account in quotes: kind .983 -> 1.000,
    # agency .900 -> .983)
    # (session 5 reader capabilities: wrapped lines, own year, channel subject, lists: R .951)
    "b7": {"precision": 0.99, "recall": 0.97, "kind": 0.99, "year": 0.99, "agency": 0.98, "score_recall": 1.0},
    # session 5's blind batches (first runs in tests/real/README.md), tuned on after them:
    # b8 first run 0.978 / 0.854, score items 10/154 (35 predicted) -> 0.996 / 0.898, 125/154;
    # b9 first run 0.943 / 0.837, score items 0/18 -> 1.000 / 0.878, 17/18
    # session 6: score items b8 125 -> 150/154 (names-only results table), b9 17 -> 18/18
    # session 8 (mined outlet/review slots): b8 recall .965 -> .978
    "b8": {"precision": 0.99, "recall": 0.97, "kind": 0.98, "year": 0.99, "agency": 0.99, "score_recall": 0.99},
    # session 6 document fields (notice titles, part-year periods, a government and its office):
    # b9 kind/year .900 -> 1.000, agency .920 -> 1.000
    "b9": {"precision": 0.99, "recall": 0.95, "kind": 0.99, "year": 0.99, "agency": 0.99, "score_recall": 1.0},
    # session 6's blind batches (first runs in tests/real/README.md and README.md):
    # b10 at 5ae7247 (start) 0.939 / 0.819, at 02329d3 (end of round 1, never opened) 0.940 / 0.828,
    # score items 0/4; then tuned on in round 2 -> 0.990 / 0.907, 4/4, kind/year/agency .985/.970/.955
    # session 7 rewrote the recurring families as grammars on b10 + b11: b10 -> 0.991 / 0.982,
    # agency .970; b11 -> 1.000 / 0.963, kind/year/agency .986/1.000/.931
    "b10": {"precision": 0.98, "recall": 0.97, "kind": 0.98, "year": 0.96, "agency": 0.96, "score_recall": 1.0},
    # b11 measured blind at the end of session 6 (345c2ff): 0.970 / 0.743 (0.959 / 0.743 at its
    # start), kind .917, year .958, agency .833; no score table in the batch. Then its 5 wrong values
    # were denied at their cause (accdf3d): P 1.000, recall unchanged; b4 P .991 -> .995 with it.
    "b11": {"precision": 0.99, "recall": 0.95, "kind": 0.98, "year": 0.99, "agency": 0.92, "score_recall": 0.0},
    # session 7's blind batch: first run at 7f900e3 (end of the session's tuning, never opened by
    # anyone changing the tool) 0.966 / 0.847, score items 9/15, kind/year/agency .925/.957/.817;
    # at 0746e84 (start) 0.965 / 0.831; then its wrong values denied at their cause (9a8a43a):
    # 9 -> 3 (the 3 left are gold conventions), P .988; session 8 (T3, document-level reading):
    # kind/year/agency .925/.957/.817 -> .978/.989/.903
    # session 8 mined the grammars' slot words from ~870 local texts and ~150 pages and tuned on
    # b12: 0.988 / 0.847 -> 0.997 / 0.983, score items 9 -> 15/15, totals 3/3
    "b12": {"precision": 0.99, "recall": 0.98, "kind": 0.97, "year": 0.98, "agency": 0.89, "score_recall": 1.0},
    # session 8's blind batch (first runs in tests/real/README.md): 0.967 / 0.810 at 98def40
    # (start), 0.972 / 0.814 at 67b3065 (end of tuning, never opened by anyone changing the tool),
    # kind/year/agency .975/.967/.852; then its wrong values denied at their cause (e465a89):
    # P .997, recall unchanged; no score table in the batch. Then a second round built frames from
    # its classified misses (729d365, 9d1b073, 4199101, d1b72cb, 9557279): R .814 -> .868
    # session 9 (helper M, document fields by name shape, one body, late sources): kind/year/agency
    # .975/.967/.852 -> .992/.975/.959
    # and helpers O1/O2 (open slots: an open run of words bounded by guards and closed by a head):
    # R .868 -> .942
    "b13": {"precision": 0.99, "recall": 0.94, "kind": 0.99, "year": 0.97, "agency": 0.95, "score_recall": 0.0},
    # session 9's blind batch: 0.985 / 0.822 at aa2074e (start), 0.985 / 0.827 at f779379 (end of
    # tuning, never opened by anyone changing the tool); kind/year/agency .989/1.000/.924
    # then tuned on in session 9's second round (helpers PR, O3, O4): 1.000 / 0.858
    # session 10: 0.868, agency .946 (its remaining wrongs of b13/b14-style fixed by helpers D/T2)
    # session 11 (helpers T1, T2): R .868 -> .886
    "b14": {"precision": 0.99, "recall": 0.91, "kind": 0.98, "year": 0.99, "agency": 0.96, "score_recall": 0.0},
    # session 9's second blind batch, kept outside the repo until its first runs: 0.962 / 0.770 at
    # aa2074e and f779379, 0.962 / 0.767 at 6d91ea7 (end of the session's tuning); kind/year/agency
    # 1.000/.973/.892
    # tuned on in session 10 (helpers T1, T2, PR, PR2, D): 1.000 / 0.922, kind/year/agency 1.000/1.000/.973
    # session 11: R .922 -> .936
    "b15": {"precision": 0.99, "recall": 0.95, "kind": 0.99, "year": 0.99, "agency": 0.97, "score_recall": 0.0},
    # session 10's first blind batch: 0.986 / 0.841 at d4a5891 (start) and at 4d52704 (after the
    # tuning of b15's proactive frames); kind/year/agency .988/.988/.926. Then tuned on (helpers T3,
    # D2, M2): 1.000 / 0.887, agency .951
    # session 11: R .887 -> .902
    "b16": {"precision": 0.99, "recall": 0.94, "kind": 0.98, "year": 0.98, "agency": 0.95, "score_recall": 0.0},
    # session 10's second blind batch, kept outside the repo until the end of the session's tuning:
    # 0.976 / 0.810 at d4a5891, at 4d52704 and at 4628844 (the end): the same 81 of 100 figures;
    # kind/year/agency 1.000/.955/.909 -> .932
    # session 11 (T1, T2, PR, T4): 0.988 / 0.820 -> 1.000 / 0.900
    "b17": {"precision": 0.99, "recall": 0.93, "kind": 0.99, "year": 0.95, "agency": 0.95, "score_recall": 0.0},
    # session 11's first blind batch (87 reports, 286 values; collected and audited blind before
    # any run): 0.977 / 0.902 at 468f95e (start) and at 7c6bfe3 (after the session's first
    # commits); kind/year/agency .989/.977/.954
    # then tuned on (helpers T3, T2, T4): 1.000 / 0.944, year 1.000
    "b18": {"precision": 0.99, "recall": 0.95, "kind": 0.98, "year": 0.99, "agency": 0.95, "score_recall": 0.0},
    # session 11's second blind batch (88 reports, 270 values), kept outside the repo until the end
    # of the session's tuning: 0.972 / 0.896 at 468f95e (start), at 7833587 and at 733d403 (after
    # 39 commits): the same 242 figures; kind/year/agency .989/.977/.864 at all three
    # then tuned on at the end of session 11 (helpers T5, D2): 0.988 / 0.922, agency .909
    "b19": {"precision": 0.98, "recall": 0.96, "kind": 0.98, "year": 0.97, "agency": 0.96, "score_recall": 0.0},
    # session 11's third blind batch (50 reports, 197 values; 25 of 2019-2025, 25 old-era), collected
    # and audited while nothing changed the tool, after all of the session's tuning: 0.982 / 0.838 at
    # f83cd29 (end of session 11) against 0.988 / 0.827 at 468f95e (start); kind/year/agency
    # .980/1.000/.860 (.980/.980/.860 at the start). Not tuned on.
    # session 12 (U1-U4, V1-V3, M3, M5, M6): b14 .886 -> .901, b15 .936 -> .956, b16 .902 -> .930,
    # b17 .900 -> .920, b18 .944 -> .955, b19 .922 -> .959 (agency .909 -> .943), b20 0.982 / 0.838 ->
    # 0.994 / 0.868 (agency .860 -> .920): bars above raised to those levels
    "b20": {"precision": 0.99, "recall": 0.91, "kind": 0.97, "year": 0.98, "agency": 0.92, "score_recall": 0.0},
    # session 12's blind batches (collected and audited blind before any run, kept outside the repo
    # through all of the session's tuning). b21 (82 reports, 285 values): 0.984 / 0.888 at f57dd7c
    # (start), the same at 0d2ac41 (18 commits), 0.985 / 0.895 at cf18cb1 (end, 33 commits);
    # kind/year/agency .988/.976/.890 at all three. Not tuned on.
    "b21": {"precision": 0.99, "recall": 0.93, "kind": 0.98, "year": 0.97, "agency": 0.95, "score_recall": 0.0},
    # b22 (51 reports, 161 values): 0.993 / 0.857 at f57dd7c, 0d2ac41 and cf18cb1 (the same 138
    # figures); kind/year/agency .941/1.000/.804 -> .824. Not tuned on.
    "b22": {"precision": 0.99, "recall": 0.91, "kind": 0.96, "year": 0.99, "agency": 0.92, "score_recall": 0.0},
    # session 13's blind batches (collected and audited blind before any run, kept outside the repo
    # through all of the session's tuning; eval output byte-identical at 9a8bae8 (start) and at
    # 560e5b7 (after 28 commits)). b23 (88 reports, 347 values; a 89th, ap05, was left in
    # /work/staging: the search tool gave its page without an address): 0.987 / 0.856 (297/4/50);
    # kind/year/agency .966/.977/.830 (73 of 88). Not tuned on.
    "b23": {"precision": 0.99, "recall": 0.92, "kind": 0.96, "year": 0.97, "agency": 0.92, "score_recall": 0.0},
    # b24 (45 reports, 227 values): 0.995 / 0.877; kind/year/agency .978/.978/.956. Not tuned on.
    # session 13 (X1-X4, X7, X8, T6 on b21/b22 and the pools; Y1-Y3 on b23/b24 after their blind runs):
    # b14 .914 -> .919, b16 .930 -> .933, b20 .878 -> .883, b21 0.985 / 0.895 -> 0.993 / 0.930 (agency
    # .890 -> .951), b22 0.993 / 0.857 -> 0.993 / 0.907 (kind .941 -> .961, agency .824 -> .922), b23
    # 0.987 / 0.856 -> 0.997 / 0.888 (agency .830 -> .898), b24 0.995 / 0.877 -> 1.000 / 0.912: bars raised
    "b24": {"precision": 0.99, "recall": 0.92, "kind": 0.97, "year": 0.97, "agency": 0.97, "score_recall": 0.0},
    # session 14's blind batch b25 (72 reports, 239 values; at: 30 gb2021 openings of 2021-2025 county
    # bureaus, streets, towns and zones; au: 20 old-era 2009-2017; av: 22 whole-government reports and
    # unusual publishers), collected and audited blind before any run, kept outside the repo through
    # all 17 of the session's tuning commits: eval output byte-identical at 15f9147 (start) and at
    # b45b37c (0.990 / 0.824, 197/2/42; kind/year/agency .986/.986/.972). Not tuned on.
    # session 14 (F1-F4, L1, T7, C1, G3 before b25's end run; Z1-Z3 on b25 after it): b17 .930 -> .940,
    # b19 .963 -> .967, b20 .883 -> .919 (T7: a 表二 header with a lone stem), b23 .888 ->
    # .916, b24 .912 -> .921, b8 agency .986 -> 1.000, b25 0.990 / 0.824 -> 1.000 / 0.862 (kind/year/
    # agency .986/.986/.972 -> 1.000/1.000/.986): bars raised
    # session 15 (C2 parts of a whole, M8 figures without their measure word, A5 agency: 我市 said once,
    # official accounts, a government's office by its level): b13 .951 -> .954, b21 .933 -> .937, b22 .907 ->
    # .913, b25 .862 -> .874, b23 agency .898 -> .909, b24 agency .956 -> .978: bars raised
    "b25": {"precision": 0.99, "recall": 0.89, "kind": 0.99, "year": 0.99, "agency": 0.98, "score_recall": 0.0},
    # session 14's second blind batch b26 (52 reports, 272 values; aw: 29 gb2019/gb2021 openings of
    # 2019-2025, county departments, towns and streets of 16 provinces; ax: 23 old-era 2008-2018 county and
    # city departments, a self-inspection), collected and audited blind before any run and kept outside
    # the repo through all 24 commits of session 14 after its first run and all of session 15: eval output
    # byte-identical at 15f9147, d497aea, 7110d1d (start of session 15) and 2a8a79e (end of its tuning):
    # 0.996 / 0.919 (250/1/22); kind/year/agency 1.000/.981/.827. Then tuned on (Z26-V, Z26-A, session 15):
    # 0.996 / 0.934 (254/1/18), agency .885; b21 .937 -> .944 on the way.
    "b26": {"precision": 0.99, "recall": 0.93, "kind": 0.99, "year": 0.98, "agency": 0.88, "score_recall": 0.0},
    # session 15's blind batch b27 (44 reports, 142 values; ay: 21 gb2019/gb2021 county/district/city
    # governments, their offices and city departments of 8 provinces; az: 23 old-era city, county and town
    # governments, Beijing street offices, mirrors, a news item), collected and audited blind before any run
    # and kept outside the repo through all of session 15's tuning: eval output byte-identical at 7110d1d,
    # 2a8a79e, 4bb8cf3 and c44dd2d (start of session 16): 0.983 / 0.831 (118/2/24); kind/year/agency
    # .977/.977/.886. Moved in at the start of session 16 to be tuned on (b28 is that session's blind batch).
    # session 16 (P1 proactive totals as classes, R2 other keys, A6 agency form policy, Z28-V/Z28-A after
    # b28's blind runs): b16 .936 -> .945, b19 agency .943 -> .966, b23 .916 -> .922 (agency .909 -> .920),
    # b25 .874 -> .891, b27 0.983 / 0.831 -> 1.000 / 0.915 (agency .886 -> .932), b28 0.988 / 0.885 ->
    # 1.000 / 0.906 (agency .905 -> .946): bars raised
    "b27": {"precision": 0.99, "recall": 0.91, "kind": 0.97, "year": 0.97, "agency": 0.93, "score_recall": 0.0},
    # session 16's blind batch b28 (74 reports, 192 values; ba: 30 gb2019/gb2021 openings of county departments,
    # towns and streets, 17 of Fujian; bb: 20 old-era departments and streets, a work summary; bc: 24 county-level
    # cities, banners, north-east/north-west/south-west departments, public institutions), collected and audited
    # blind before any run: 0.988 / 0.885 (170/2/22), kind/year/agency .973/.986/.905 (exact .716) at c44dd2d
    # (start of session 16); values byte-identical at 8f407dd and c197ac2 (after P1, R2, S11 and A6's first six
    # parts), agency exact .716 -> .743. Then moved in to be tuned on (b29 is the session's blind batch).
    "b28": {"precision": 0.99, "recall": 0.90, "kind": 0.97, "year": 0.98, "agency": 0.94, "score_recall": 0.0},
}

@pytest.mark.parametrize("batch", REAL_BATCHES, ids=lambda p: p.name)
def test_real_batch_meets_its_bar(batch):
    bar = BARS.get(batch.name)
    if bar is None:
        # a batch being collected: its blind first run is taken and logged (tests/real/README.md)
        # before the tool is measured or tuned on it; then it gets its bar here
        pytest.skip(f"{batch.name}: first run not recorded yet, no bar")
    s = _summary(batch)
    v = s["values"]
    assert v["precision"] >= bar["precision"], v
    assert v["recall"] >= bar["recall"], v
    for f in ("kind", "year", "agency"):
        if f in bar:
            assert s["fields"][f]["accuracy"] >= bar[f], (f, s["fields"][f])
    assert s["score_items"]["recall"] >= bar["score_recall"], s["score_items"]


def test_every_real_report_has_its_source():
    for batch in REAL_BATCHES:
        for gold in batch.glob("*.gold.json"):
            meta = gold.with_name(gold.name.replace(".gold.json", ".meta.json"))
            assert meta.is_file(), meta
            m = json.loads(meta.read_text(encoding="utf-8"))
            src = str(m.get("source", ""))
            # a web address, a repository file (owner/name/path) or a code-index file id
            assert (src.startswith("http") or re.match(r"[\w.-]+/[\w.-]+/\S+", src)
                    or re.search(r"file id \d+", src)), meta
            g = json.loads(gold.read_text(encoding="utf-8"))
            assert set(g) >= {"document", "values"}, gold
