"""The speed-ups of the text pipeline give exactly what the plain code gave: each fast
path is checked against a straightforward reference on real-looking inputs."""
from __future__ import annotations

import json
import random
from itertools import combinations
from pathlib import Path

import pytest
import regex

from extractor import batch, normalize, numbers, rules, segment
from extractor.batch import BatchOptions, run_batch
from extractor.model import DocumentBuilder, Source, Table
from extractor.tables import scores, stats
from extractor.tables.split import _cuts
from extractor.tables.templates import load_templates

import test_batch

REPORT = ("2019年，本机关主动公开政府信息1,234条，其中主动公开规范性文件１２件，约50余次，近百条。"
          "全年共收到政府信息公开申请35件，其中当面申请3件、网络申请5件，均已按时办结。"
          "当面申请、网络申请和信函申请分别为3件、5件和1件。举办培训班两次，培训人员一百二十人次。"
          "专项经费3.5万元，占12%。因政府信息公开被申请行政复议0件。本年度未发生行政诉讼。")


# ------------------------------------------------------------------ JSON records

def test_dumps_record_is_json_with_two_space_indent():
    rec = {"schema_version": 1, "source": {"path": "报告/a\tb\"c\\d.txt", "sha256": None},
           "values": {"money": 35000.0, "tiny": 0.5, "neg": -3, "big": 2**62, "t": True, "n": None},
           "facts": [{"offset": [1, 2], "evidence": "主动公开\n政府信息\x01\x1f\u2028", "rule": "a#b"}],
           "empty_list": [], "empty_dict": {}, "nested": [[], [{}], {"a": []}]}
    out = batch.dumps_record(rec)
    assert out == (json.dumps(rec, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    assert json.loads(out) == rec


def test_dumps_record_falls_back_to_json_on_unusual_records():
    class Key(str):
        pass

    rec = {1: "int key", "huge": 2**70, Key("k"): Key("v")}
    assert batch.dumps_record(rec) == (json.dumps(rec, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    with pytest.raises(TypeError):  # not serialisable stays an error (no silent dataclass dump)
        batch.dumps_record({"x": Source(path="a", sha256="b", format="txt")})


# ------------------------------------------------------------------ normalisation

def test_fold_table_equals_fold_dict_on_every_bmp_character():
    text = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000))) + "\U0002000b"
    assert text.translate(normalize._FOLD_TABLE) == text.translate(normalize._FOLD)


def test_normalize_text_map_matches_a_plain_build():
    text = "２０１９年 ，本 机 关\u200b主动公开　１２条  。 \n  第二行 \ufeff\n" * 50
    out, mapping = normalize.normalize_text(text)
    assert len(mapping) == len(out) + 1 and mapping[-1] == len(text)
    folded = text.translate(normalize._FOLD)
    assert all(folded[mapping[i]] == out[i] for i in range(len(out)))
    assert list(mapping[:-1]) == sorted(set(mapping[:-1]))


def test_fold_by_replacing_equals_translate():
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000))) + "\U0002000b"
    assert normalize._fold(every) == every.translate(normalize._FOLD)  # (many distinct: translate)
    folded = list(normalize._FOLD_STR)
    rng = random.Random(11)
    for _ in range(2000):
        pool = rng.sample(folded, rng.randint(0, 16)) + list("中文，。12 a\n")
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        assert normalize._fold(text) == text.translate(normalize._FOLD), text


def test_normalize_without_deletions_keeps_every_offset():
    b = DocumentBuilder(Source(path="t.txt", sha256="0", format="txt"))
    b.add_paragraph("全年公开信息１２０条，（一）")
    b.add_table(Table.from_rows([["项目", "数量（件）"], ["收到申请数", "１２"]]))
    raw = b.build()
    spans = [(x.start, x.end) for x in raw.blocks] + [(c.start, c.end) for c in raw.blocks[1].table.cells]
    doc = normalize.normalize(raw)
    assert len(doc.text) == len(doc.raw_text) and doc.text != doc.raw_text
    assert spans == [(x.start, x.end) for x in doc.blocks] + [(c.start, c.end) for c in doc.blocks[1].table.cells]
    for x in doc.blocks:
        assert doc.text[x.start:x.end] == x.text
    assert [c.text for c in doc.blocks[1].table.cells] == ["项目", "数量(件)", "收到申请数", "12"]


# ------------------------------------------------------------------ segment

def _reference_split_line(text, base):
    out, pos = [], 0
    for m in segment._SPLIT.finditer(text):
        out += list(segment._trimmed(text, base, pos, m.end()))
        pos = m.end()
    if pos < len(text):
        out += list(segment._trimmed(text, base, pos, len(text)))
    return out


def _reference_heading(line):
    for level, rx in segment._HEADING_RES:
        m = rx.match(line)
        if m:
            rest = line[m.end():]
            if not rest.strip() or segment._NOT_TITLE_START.match(rest):
                return None
            return level, m.group(1).strip(), m.end()
    return None


def test_sentence_split_and_heading_prefilter_equal_the_plain_code():
    rng = random.Random(3)
    alphabet = list("。！？；!?;”’」』)）a1 \t\u3000\x1c\x85中文（(第一二十①❶２5、.．")
    for _ in range(20000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert segment._split_line(t, 7) == _reference_split_line(t, 7), repr(t)
        assert segment.parse_heading(t) == _reference_heading(t), repr(t)


# ------------------------------------------------------------------ metadata

def test_compact_equals_the_regex():
    from extractor import metadata_base

    rng = random.Random(2)
    alphabet = list("ab中 \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000|｜")
    for k in range(20000):
        pool = alphabet if k % 2 else [c for c in alphabet if c not in "\x1c\x1f"]
        t = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert metadata_base.compact(t) == regex.sub(r"[\s|｜]+", "", t), repr(t)


# ------------------------------------------------------------------ numbers

def _reference_tail(before: str) -> bool:
    return bool(before) and numbers._fold(before) in "0123456789.-/:_"


def test_tail_characters_are_the_folded_set():
    for c in map(chr, range(0x10000)):
        assert (c in numbers._TAIL_CHARS) == _reference_tail(c), repr(c)


def test_find_quantities_gives_fresh_objects_from_its_cache():
    first = numbers.find_quantities("数十条" + REPORT)
    again = numbers.find_quantities("数十条" + REPORT)
    assert [(q.start, q.end, q.quantity) for q in first] == [(q.start, q.end, q.quantity) for q in again]
    assert all(a.quantity is not b.quantity for a, b in zip(first, again))
    first[0].quantity.approx = "changed"
    assert numbers.find_quantities("数十条" + REPORT)[0].quantity.approx == "数"
    raws = [q.quantity.raw for q in again]
    assert "1,234条" in raws and "3.5万元" in raws and "12%" in raws and "一百二十人次" in raws


# ------------------------------------------------------------------ rules

def _doc(text: str):
    b = DocumentBuilder(Source(path="t.txt", sha256="0", format="txt"))
    b.add_paragraph("二、依申请公开情况")
    for para in text.split("。"):
        if para:
            b.add_paragraph(para + "。")
    return normalize.normalize(b.build())


def test_candidate_cache_gives_the_same_findings_and_respects_the_word_guard(monkeypatch):
    doc = _doc(REPORT + "一条龙服务3次。")
    seg = segment.segment(doc)
    rs = rules.load_rules(None)
    rs.candidates.clear()
    first = rules.find_facts(doc, seg)
    assert rs.candidates  # filled
    second = rules.find_facts(doc, seg)  # from the cache
    assert first.facts == second.facts and first.warnings == second.warnings
    assert {f.key for f in first.facts} >= {"applications.received", "proactive.total"}
    monkeypatch.setattr(rules.guard, "WORD_GUARD", False)
    unguarded = rules.find_facts(doc, seg)
    rs.candidates.clear()
    assert unguarded.facts == rules.find_facts(doc, seg).facts


# ------------------------------------------------------------------ tables

def _reference_blanked(text, spans):
    chars = list(text)
    for a, b in spans:
        for k in range(a, min(b, len(chars))):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


def test_blanked_equals_character_by_character():
    rng = random.Random(5)
    text = "统计表\n项目 | 本年数\n主动公开政府信息数 | 12\n" * 20
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(0, 6)):
            a = rng.randint(0, len(text) + 5)
            spans.append((a, a + rng.randint(-3, 60)))
        assert stats.blank_spans(text, spans) == _reference_blanked(text, spans)


def _reference_cuts(digits, k):
    n = len(digits)
    if k > n or k < 1:
        return
    for pos in combinations(range(1, n), k - 1):
        bounds = (0,) + pos + (n,)
        parts = [digits[bounds[i]:bounds[i + 1]] for i in range(k)]
        if all(len(p) == 1 or p[0] != "0" for p in parts):
            yield parts, bounds


def test_cuts_equal_the_reference():
    for digits in ("", "0", "7", "10", "100", "1203405678", "0000", "9080706", "123456789"):
        for k in range(0, 7):
            assert list(_cuts(digits, k)) == list(_reference_cuts(digits, k)), (digits, k)


def test_earliest_with_label_prefilter_equals_searching_every_row():
    tpl = load_templates()["old"]
    text = ("政府信息公开情况统计表 项目 单位 本年数 主动公开政府信息数 条 12 其中:主动公开规范性文件数 件 3 "
            "收到申请数 件 5 当面申请数 件 1 网络申请数 件 4 不予公开 件 0 行政复议数 件 0 举办培训班数 次 2")
    b = DocumentBuilder(Source(path="t.txt", sha256="0", format="txt"))
    b.add_paragraph(text)
    ctx = stats.Ctx(normalize.normalize(b.build()))
    s = ctx.sq.s

    def reference(rows, a, z):
        best = None
        for r in rows:
            m = r.rx.search(s, a, z)
            if m is not None and (best is None or m.start() < best[1].start() or (
                    m.start() == best[1].start() and m.end() > best[1].end())):
                best = (r, m)
        return best

    found = 0
    windows = [(a, a + width) for a in range(0, len(s), 3) for width in (0, 5, 40, 150)]
    # in order (the stretch of the literal pre-filter is reused), then in a random order
    # and with windows wider than a stretch (it is rebuilt)
    shuffled = list(windows) + [(a, a + 900) for a in range(0, len(s), 7)]
    random.Random(5).shuffle(shuffled)
    for a, z in windows + shuffled:
        rows = tpl.rows if (a + z) % 2 else tpl.rows[::3]
        got, exp = stats.earliest_label(ctx, rows, a, z), reference(rows, a, z)
        assert (got and (got[0].index, got[1].span())) == (exp and (exp[0].index, exp[1].span()))
        found += exp is not None
    assert found > 20


def test_header_word_test_is_necessary_for_a_header_cell():
    v = scores.vocab()
    words = [w for ws in v.header.values() for w in ws]
    for w in words + [" ".join(w) for w in words] + [w + "(分)" for w in words]:
        if scores.header_role(w) in scores.HEADER_P_ROLES:
            assert scores.has_header_word(v, [w]), w
        # a word is looked for within one cell, never across two
        halves = [w[:1].replace(" ", ""), w[1:].replace(" ", "")]
        assert scores.has_header_word(v, [w[:1], w[1:]]) == any(x in h for x in v.header_needs for h in halves)


def test_score_reader_skips_only_tables_without_a_header_word(monkeypatch):
    rows = [["一级指标", "分值", "自评得分"], ["组织领导(10分)", "10", "9"], ["主动公开", "20", "18"],
            ["合计", "30", "27"]]
    b = DocumentBuilder(Source(path="t.txt", sha256="0", format="txt"))
    b.add_paragraph("附件:自查评分表")
    b.add_table(Table.from_rows([["项目", "数量"], ["收到申请数", "3"]]))
    b.add_table(Table.from_rows(rows))
    doc = normalize.normalize(b.build())
    fast = scores.read_score_tables(doc)
    monkeypatch.setattr(scores, "has_header_word", lambda v, texts: True)
    assert scores.read_score_tables(doc).score_tables == fast.score_tables
    assert len(fast.score_tables) == 1 and fast.score_tables[0].total["score"] == 27


def test_header_role_and_points_memo_equal_fresh_values():
    cells = ["分值", "评分标准", "自评得分", "得5分", "4.5", "扣分", "考核内容", "", "  ", "10分", "备注"]
    first = [(scores.header_role(c), scores.points(c)) for c in cells]
    scores.MEMO.update(vocab=None)
    assert [(scores.header_role(c), scores.points(c)) for c in cells] == first
    assert first[0][0] is not None and first[3][1] == 5 and first[4][1] == 4.5


# ------------------------------------------------------------------ batch: a file waits in the pipe

def test_prefetch_keeps_one_record_per_file_and_blames_the_right_one(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    names = ["a.txt", "b.txt", "c_crash.txt", "d.txt", "e_hang.txt", "f.txt", "g.txt"]
    for n in names:
        (src / n).write_text("内容 " + n, encoding="utf-8")
    out = tmp_path / "out"
    s = run_batch([str(src)], out, BatchOptions(jobs=1, timeout=1.5, quiet=True,
                                                extract_fn=f"{test_batch.HOOK}:hook_normal"))
    codes = {}
    for n in names:
        rec = json.loads((out / "in" / (n + ".json")).read_text(encoding="utf-8"))
        assert rec["source"]["path"].endswith(n)
        codes[n] = rec["errors"][0]["code"] if rec["errors"] else None
    assert codes == {"a.txt": None, "b.txt": None, "c_crash.txt": "worker_crashed", "d.txt": None,
                     "e_hang.txt": "timeout", "f.txt": None, "g.txt": None}
    # workers: the first dies on c, c is retried once in a fresh one (dies again), a third is
    # killed by e's timeout, a fourth finishes f and g
    assert s.ok == 5 and s.errors == 2 and s.worker_starts == 4
    lines = (out / batch.MANIFEST).read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(x)["output"] for x in lines) == sorted("in/" + n + ".json" for n in names)
