"""tables.split: tokens holding exactly as many cells as the row's columns (every digit a
cell: 0000000 into 7; a number with thousands separators one cell), with no rule, bound or
allowed value, are cut without the dynamic programme's states (issue 11, session 15 S8: 436 of
the 553 splits a pass over the dev texts). The result - status, count, cells, steps - must be
the programme's: compared with it (``_paths=True`` runs the programme) on random rows and on
the shapes that stop it (a leading zero, a sign outside the signed columns)."""
import random

from extractor.tables import split
from extractor.tables.split import Tok, read_splits


def _same(tokens, n, signed):
    fast = read_splits(tokens, n, signed=signed)
    dp = read_splits(tokens, n, signed=signed, _paths=True)
    assert (fast.status, fast.count, fast.columns, fast.steps) == (dp.status, dp.count, dp.columns, dp.steps), \
        ([t.text for t in tokens], n, signed)
    return fast


def _tokens(texts):
    out, pos = [], 0
    for t in texts:
        out.append(Tok(t, pos, pos + len(t)))
        pos += len(t) + 3
    return out


def test_every_digit_a_cell_as_the_programme_reads_it():
    r = _same(_tokens(["0000000"]), 7, set())
    assert r.status == "ok" and [r.unique(k)[0] for k in range(7)] == [0] * 7
    r = _same(_tokens(["1", "20", "3,456", "7.5"]), 5, set())
    assert [str(r.unique(k)[0]) for k in range(5)] == ["1", "2", "0", "3456", "7.5"]
    assert r.unique(3)[1].start == 9 and r.unique(3)[1].end == 14
    assert _same(_tokens(["0,123", "4"]), 2, set()).status == "none"       # a leading zero
    assert _same(_tokens(["-12", "3"]), 3, set()).status == "none"         # a sign where none may stand
    assert _same(_tokens(["-12", "3"]), 3, {0}).status == "ok"
    assert _same(_tokens(["12", "-3"]), 3, None).status == "ok"


def test_random_rows_read_as_the_programme_reads_them():
    rnd = random.Random(15)
    seen = {"ok": 0, "none": 0}
    for _ in range(3000):
        texts = []
        for _ in range(rnd.randint(1, 5)):
            kind = rnd.random()
            if kind < 0.15:
                t = f"{rnd.randint(0, 999)},{rnd.randint(0, 999):03d}"
            else:
                t = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(1, 6)))
            if rnd.random() < 0.15:
                t = rnd.choice("+-") + t
            if rnd.random() < 0.1:
                t += "." + str(rnd.randint(0, 99))
            texts.append(t)
        tokens = _tokens(texts)
        n = sum(1 if "," in t else len(t.lstrip("+-").split(".")[0]) for t in texts)
        signed = rnd.choice([None, set(), {0}, set(range(0, n, 2))])
        seen[_same(tokens, n, signed).status] += 1
    assert seen["ok"] > 1000 and seen["none"] > 100


def test_the_programme_still_reads_what_needs_it():
    # fewer cells than digits, or rules: not the shortcut (the programme's result, paths and all)
    calls = []
    real = split._every_digit_a_cell
    split._every_digit_a_cell = lambda *a: calls.append(a) or real(*a)
    try:
        assert read_splits(_tokens(["1234"]), 2).count == 3
        assert read_splits(_tokens(["124"]), 3, rules=(split.Rule((0, 1), (2,)),)).status == "none"
        assert calls == []
        read_splits(_tokens(["123"]), 3)
        assert len(calls) == 1
    finally:
        split._every_digit_a_cell = real
