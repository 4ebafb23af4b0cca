"""patterns/numbers.yaml: its examples run through numbers.py, its heading forms and blank
cells match what they say, and a misspelt or contradictory file is refused on load."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import regex
import yaml

from extractor import numbers_data as nd
from extractor.numbers import CN_NUMERAL_CHARS, find_quantities, parse_quantity
from extractor.resources import patterns_dir

DATA = nd.DATA


def _id(e: dict) -> str:
    return e.get("text") or e.get("sentence") or "?"


@pytest.mark.parametrize("ex", DATA.examples, ids=_id)
def test_example(ex):
    if "sentence" in ex:
        assert [m.text for m in find_quantities(ex["sentence"])] == ex["find"]
        return
    q = parse_quantity(ex["text"])
    assert q is not None, ex["text"]
    assert q.value == Decimal(str(ex["value"]))
    assert q.unit == ex["measure_word"]
    assert q.kind == ex["quantity"]
    assert q.approx == ex.get("approx")


@pytest.mark.parametrize("ex", DATA.counter_examples, ids=_id)
def test_counter_example(ex):
    if "sentence" in ex:
        assert [m.text for m in find_quantities(ex["sentence"])] == ex["find"]
    else:
        assert parse_quantity(ex["text"]) is None


def test_every_measure_word_makes_its_quantity():
    for w in DATA.count_words:
        q = parse_quantity("12" + w)
        assert q is not None and (q.unit, q.kind, q.value) == (w, "count", 12), w
    for w, scale in DATA.money_scale.items():
        q = parse_quantity("3" + w)
        assert q is not None and (q.unit, q.kind, q.value) == (w, "money", 3 * scale), w
    for w in DATA.number_words:
        q = parse_quantity("2017" + w)
        assert q is not None and (q.unit, q.kind) == (w, "number"), w


def test_every_approximation_word_is_flagged_and_before_exact_is_not():
    for w in DATA.approx_before:
        assert parse_quantity(w + "50条").approx == w
    for w in DATA.approx_inner:
        assert parse_quantity("50" + w + "条").approx == w
    for w in DATA.approx_after:
        assert parse_quantity("50条" + w).approx == w
    for w in DATA.approx_before_exact:
        q = parse_quantity(w + "50条")
        assert q.value == 50 and q.approx is None


def test_numeral_words_are_not_read_as_figures():
    # 统一十条 is no 十条; with a measure word after a plain word the figure is read
    for c in DATA.numeral_word_before:
        if c == "数" or c in CN_NUMERAL_CHARS:
            continue   # 数十条: approximate (tested in the examples); 一十条, 万十条: one numeral
        assert [m.text for m in find_quantities(f"{c}十条")] == [], c
    assert [m.text for m in find_quantities("召开十次")] == ["十次"]
    assert [m.text for m in find_quantities("召开一次会议")] == ["一次"]
    for w in DATA.numeral_word_after:   # 一次性 is no 一次
        assert [m.text for m in find_quantities(f"召开一次{w}")] == [], w


@pytest.mark.parametrize("name", sorted(DATA.heading_sources))
def test_heading_form_examples(name):
    rx = nd.HEADINGS[name]
    good, bad = DATA.heading_examples[name]
    assert good, f"{name}: a heading form needs examples"
    for s in good:
        assert rx.match(s) and (name == "row_numbering" or rx.match(s).end() > 0), (name, s)
    for s in bad:
        m = rx.match(s)
        # row_numbering is optional as a whole: a counter-example must not be read whole
        assert not m or (name == "row_numbering" and m.end() < len(s)), (name, s)


@pytest.mark.parametrize("i", range(len(DATA.heading_levels)))
def test_heading_level_examples(i):
    """Each heading level's examples are headings of that level for segment.parse_heading
    (the levels are tried in file order, so an earlier one taking the example fails it);
    its counter-examples are not numbered by it."""
    from extractor.segment import parse_heading

    level, rx = DATA.heading_levels[i]
    good, bad = DATA.heading_level_examples[i]
    assert good, f"heading_levels[{i}] needs examples"
    for s in good:
        got = parse_heading(s)
        assert got and got[0] == level and rx.match(s).group(1).strip() == got[1], (i, s, got)
    for s in bad:
        assert not rx.match(s), (i, s)


def test_section_heading_is_a_stream_heading_with_a_section_title():
    from extractor.load.textcells import SECTION_HEADING, is_value

    for s in ("一、主动公开情况", "二.依申请公开情况", "第三部分 存在的问题", "四、工作措施"):
        assert SECTION_HEADING.match(s), s
    for s in ("一、规章", "(一)主动公开情况", "一是工作情况", "1、办理情况", "一、2项情况"):
        assert not SECTION_HEADING.match(s), s
    # a value cell: a figure with a table measure word (numbers.yaml) or a blank mark
    for s in ("12", "40宗", "3起", "1.5万元", "85分", "2场", "——", "―", "空", "－/－", "是"):
        assert is_value(s), s
    for s in ("12公顷", "无效", "一、", "3班"):
        assert not is_value(s), s


def test_the_readers_use_the_lexicon_forms():
    """One compiled form in one place: the modules import it, they write no copy."""
    from extractor.load import textcells
    from extractor.load.layout import paragraphs
    from extractor.tables import templates
    from extractor.tables.stats import cells

    assert paragraphs.HEADING_RE is nd.HEADINGS["section_start"]
    assert textcells.HEADING is nd.HEADINGS["stream_heading"]
    assert templates.NUMBERING == nd.ROW_NUMBERING
    assert cells.UNIT_WORDS is nd.TABLE_UNIT_WORDS
    assert cells.MONEY_MULT is nd.TABLE_MONEY_SCALE
    from extractor import segment
    from extractor.tables import split

    assert segment._HEADING_RES is nd.HEADING_LEVELS
    assert split.PLACEHOLDER.pattern == f"^{nd.BLANK_CELL}$"


@pytest.mark.parametrize("cell", ["/", "／", "—", "——", "-", "---", "–", "―", "\\", "无", "空"])
def test_blank_cell_marks(cell):
    from extractor.tables.stats.cells import cell_value

    assert regex.fullmatch(nd.BLANK_CELL, cell)
    assert cell_value(cell) is None


@pytest.mark.parametrize("cell", ["0", "—0", "/1", "无效", "空白", "-5"])
def test_blank_cell_counter_examples(cell):
    assert not regex.fullmatch(nd.BLANK_CELL, cell)


def test_table_unit_words_and_money_scale():
    assert nd.TABLE_MONEY_SCALE == {"万元": 10000, "千元": 1000, "亿元": 100000000, "元": 1}
    # longest first: 人次 is tried before 人, 万元 before 元
    for i, w in enumerate(nd.TABLE_UNIT_WORDS):
        assert not any(v.startswith(w) and v != w for v in nd.TABLE_UNIT_WORDS[i + 1:]), w


# ------------------------------------------------------------------ refused on load


def _data() -> dict:
    return yaml.safe_load((patterns_dir() / nd.NUMBERS_FILE).read_text(encoding="utf-8"))


def _refused(tmp_path: Path, data: dict, words: str):
    p = tmp_path / nd.NUMBERS_FILE
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(nd.NumbersDataError, match=words):
        nd.load(p)


def test_the_bundled_file_loads_as_written(tmp_path):
    p = tmp_path / nd.NUMBERS_FILE
    p.write_text(yaml.safe_dump(_data(), allow_unicode=True), encoding="utf-8")
    d = nd.load(p)
    assert d.money_scale == DATA.money_scale and d.heading_sources == DATA.heading_sources


def test_unknown_fields_are_refused(tmp_path):
    d = _data()
    d["measure_word"] = d.pop("measure_words")
    _refused(tmp_path, d, r"unknown field\(s\) \['measure_word'\]")
    d = _data()
    d["approximation_words"]["befor"] = ["约"]
    _refused(tmp_path, d, "approximation_words: unknown field")
    d = _data()
    d["numbering"]["forms"]["section_start"]["patern"] = "x"
    _refused(tmp_path, d, "numbering.forms.section_start: unknown field")
    d = _data()
    d["examples"].append({"text": "3条", "vale": 3})
    _refused(tmp_path, d, "examples.*unknown field")


def test_contradictions_are_refused(tmp_path):
    d = _data()
    d["measure_words"]["number"].append("条")
    _refused(tmp_path, d, "'条' is in both count and number")
    d = _data()
    d["tables"]["unit_column"].append("公顷")
    _refused(tmp_path, d, "no measure words")
    d = _data()
    d["measure_words"]["money"]["万元"] = 0.5
    _refused(tmp_path, d, "scale must be a whole number")
    d = _data()
    d["approximation_words"]["before_exact"].append("约")
    _refused(tmp_path, d, "both before and before_exact")
    d = _data()
    d["tables"]["blank_cells"]["repeated"].append("——")
    _refused(tmp_path, d, "not one character")


def test_numbering_errors_are_refused(tmp_path):
    d = _data()
    d["numbering"]["forms"]["section_start"]["pattern"] = "^[<CNN>]+、"
    _refused(tmp_path, d, r"unknown set <CNN>")
    d = _data()
    d["numbering"]["forms"]["stream_heading"]["pattern"] = "^([<CN>]+、"
    _refused(tmp_path, d, "numbering.forms.stream_heading")
    d = _data()
    d["numbering"]["sets"]["CN"] = "一-十"
    _refused(tmp_path, d, "numbering.sets.CN")
    d = _data()
    del d["numbering"]["forms"]["row_numbering"]
    _refused(tmp_path, d, "missing.*row_numbering")
    d = _data()
    d["numbering"]["heading_levels"][0]["level"] = "one"
    _refused(tmp_path, d, r"heading_levels\[0\]\.level")
    d = _data()
    d["numbering"]["heading_levels"][1]["pattern"] = r"^\s*[<CN>]、"
    _refused(tmp_path, d, r"heading_levels\[1\]: one group")
    d = _data()
    d["numbering"]["heading_levels"][2]["levle"] = 2
    _refused(tmp_path, d, r"heading_levels\[2\]: unknown field")


def _rule_units() -> dict[str, set[str]]:
    """Every `units:` entry of the prose rules and the clause lexicon, by file."""
    out: dict[str, set[str]] = {}

    def walk(x, name):
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "units" and isinstance(v, list):
                    out.setdefault(name, set()).update(v)
                else:
                    walk(v, name)
        elif isinstance(x, list):
            for v in x:
                walk(v, name)

    for p in sorted((patterns_dir() / "facts").glob("*.yaml")) + [patterns_dir() / "clauses.yaml"]:
        walk(yaml.safe_load(p.read_text(encoding="utf-8")), p.name)
    return out


def test_every_rule_unit_is_a_measure_word():
    """A rule's `units:` names measure words of numbers.yaml: any other word never matches."""
    unknown = {f: sorted(u - set(DATA.quantity_of)) for f, u in _rule_units().items() if u - set(DATA.quantity_of)}
    assert not unknown, unknown
