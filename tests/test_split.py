"""Run-together digits cut into cells (issue 11): a dynamic programme with the table's
rules inside, polynomial in the length of the run, bounded by a work budget per row."""
from __future__ import annotations

import random
from decimal import Decimal
from itertools import combinations

from extractor.model import DocumentBuilder, Findings, Source
from extractor.normalize import normalize
from extractor.reconcile import reconcile
from extractor.tables import split
from extractor.tables.split import BUDGET, Rule, Tok, read_splits, splits
from extractor.tables.stats import read_stat_tables


def toks(*texts):
    out, pos = [], 0
    for t in texts:
        out.append(Tok(t, pos, pos + len(t)))
        pos += len(t) + 1
    return out


def brute(tokens, n, rules=(), bounds=None, signed=None, allowed=None):
    """Reference: every cutting of every token, then the rules on the whole row."""
    rows = [[]]
    for t in tokens:
        sign = t.text[0] if t.text[0] in "+-" else ""
        body = t.text[len(sign):]
        digits, _, frac = body.partition(".")
        frac = "." + frac if frac else ""
        new = []
        for k in range(1, len(digits) + 1):
            for pos in combinations(range(1, len(digits)), k - 1):
                b = (0,) + pos + (len(digits),)
                parts = [digits[b[i]:b[i + 1]] for i in range(k)]
                if any(len(p) > 1 and p[0] == "0" for p in parts):
                    continue
                parts[0] = sign + parts[0]
                parts[-1] = parts[-1] + frac
                for r in rows:
                    new.append(r + parts)
        rows = new
    out = []
    for r in rows:
        if len(r) != n:
            continue
        vals = [Decimal(x) for x in r]
        if signed is not None and any(x[0] in "+-" and k not in signed for k, x in enumerate(r)):
            continue
        if bounds and any(k in bounds and vals[k] > bounds[k] for k in range(n)):
            continue
        if allowed and any(k in allowed and vals[k] not in allowed[k] for k in range(n)):
            continue
        if all(rule.holds(vals) for rule in rules):
            out.append(vals)
    return out


def test_same_readings_as_enumerating_every_cutting():
    rnd = random.Random(7)
    t3 = [Rule(tuple(range(6)), (6,), "==", "total")]
    for _ in range(400):
        ntok = rnd.randint(1, 3)
        tt = toks(*("".join(rnd.choice("0011234579") for _ in range(rnd.randint(1, 7))) for _ in range(ntok)))
        n = rnd.randint(ntok, 8)
        for rules in ((), t3 if n == 7 else (), [Rule((0,), (1,), "<=", "cum")] if n >= 2 else ()):
            ref = brute(tt, n, rules)
            got = read_splits(tt, n, rules=rules)
            assert got.count == len(ref), ([t.text for t in tt], n, rules)
            for k in range(n if ref else 0):
                assert {v for v, _ in got.columns[k]} == {r[k] for r in ref}


def test_splits_lists_every_cutting_with_offsets():
    tt = toks("200", "000121")
    cands = splits(tt, 7)
    assert ["20", "0", "0", "0", "0", "1", "21"] in [[p.text for p in c] for c in cands]
    for c in cands:  # each cell's span is where its digits stand
        for p in c:
            text = "200 000121"
            assert text[p.start:p.end] == p.text
    assert len(cands) == len(brute(tt, 7))
    assert splits(toks("12"), 3) == []


def test_signs_fractions_and_thousands():
    # a sign opens a cell of a signed column only; a fraction closes its token's last cell
    assert read_splits(toks("35-15"), 2, signed={1}).status == "none"  # not a number token
    r = read_splits(toks("35", "-15"), 2, signed={1})
    assert r.unique(1)[0] == Decimal(-15)
    assert read_splits(toks("35", "-15"), 2, signed={0}).status == "none"
    # 705.5 in two cells: 7|05.5 has a leading zero, so 70|5.5
    r = read_splits(toks("705.5"), 2)
    assert r.count == 1 and (r.unique(0)[1].text, r.unique(1)[1].text) == ("70", "5.5")
    assert read_splits(toks("1,234", "5"), 3).status == "none"  # 1,234 is one cell as printed


def test_rules_prune_inside_the_programme():
    # 表三: 7 cells, 总计 = sum; 713000074 has one reading (71|3|0|0|0|0|74)
    rule = [Rule(tuple(range(6)), (6,), "==", "total")]
    r = read_splits(toks("713000074"), 7, rules=rule)
    assert r.count == 1
    assert [str(r.unique(k)[0]) for k in range(7)] == ["71", "3", "0", "0", "0", "0", "74"]
    # gb2021 表二: 60|4|5 (60 issued, 4 abolished, 5 in force) is impossible, 6|0|45 is not
    r = read_splits(toks("6045"), 3, rules=[Rule((0,), (1, 2), "<=", "in force")])
    assert r.count == 1 and r.unique(2)[0] == 45


def t4_row(values):
    return "".join(str(v) for v in values)


def test_long_runs_cost_polynomial_work():
    # a 表四 row (15 cells, three sums) of long figures: the enumeration of cuttings grew
    # exponentially with the run (34 digits: 10 s); the programme's steps grow gently
    rules = [Rule(tuple(range(g * 5, g * 5 + 4)), (g * 5 + 4,), "==", "t4") for g in range(3)]
    steps = []
    for scale in (1, 2, 3):
        grp = [12 * scale, 345 * scale, 6 * scale, 78 * scale]
        row = (grp + [sum(grp)]) * 3
        digits = t4_row(row)
        r = read_splits(toks(digits), 15, rules=rules)
        assert r.status == "ok"
        steps.append((len(digits), r.steps))
    for length, st in steps:
        assert st < 40 * length ** 2, steps


def test_work_budget_gives_up_on_one_row_only():
    digits = "".join(str((i * 7) % 10 or 1) for i in range(70))  # 70 digits, no zero cells
    r = read_splits(toks(digits), 30, rules=[Rule(tuple(range(29)), (29,), "==", "sum")], budget=5000)
    assert r.status == "over_budget" and r.steps <= 5001
    assert r.unique(0) is None


def doc_of(text):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    b.add_paragraph(text)
    return normalize(b.build())


T3_HEAD = "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 "


def test_a_70_digit_run_leaves_that_row_out_and_reads_the_rest(monkeypatch):
    steps = []
    real = split.read_splits

    def counting(*a, **k):
        r = real(*a, **k)
        steps.append(r.steps)
        return r

    monkeypatch.setattr("extractor.tables.stats.rows.read_splits", counting)
    run70 = "".join(str(1 + (i * 3) % 9) for i in range(70))
    text = (T3_HEAD + "一、本年新收政府信息公开申请数量 " + run70 + " 二、上年结转政府信息公开申请数量 1000001 "
            "三、本年度办理结果 (一)予以公开 210000021 (二)部分公开(区分处理的,只计这一情形,不计其他情形) 8100009")
    f = read_stat_tables(doc_of(text), None)
    vals = reconcile(doc_of(text), None, Findings(), f)["values"]
    assert vals["applications.carried_over"] == 1
    assert vals["outcome.granted"] == 21 and vals["outcome.partially_granted"] == 9
    assert "applications.received" not in vals
    assert any(w.code == "ambiguous_split" and "本年新收" in w.message for w in f.warnings)
    assert max(steps) <= BUDGET + 1  # bounded work, whatever the machine
