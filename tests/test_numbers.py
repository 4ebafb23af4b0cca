"""Quantities: Arabic/Chinese numerals, units, money in Decimal 元, approximations, percents."""
from decimal import Decimal

import pytest
import regex

from extractor.numbers import (
    NUMBER_PATTERN,
    Quantity,
    find_quantities,
    parse_number,
    parse_quantity,
    to_value,
)

NUMBERS = [
    ("0", "0"),
    ("7", "7"),
    ("520", "520"),
    ("1,234", "1234"),
    ("12,345,678", "12345678"),
    ("12345678", "12345678"),
    ("3.5", "3.5"),
    ("１２", "12"),
    ("０.５", "0.5"),
    ("１，２３４", "1234"),
    ("3.5万", "35000"),
    ("16.4亿", "1640000000"),
    ("2,345.5万", "23455000"),
    ("0.5万", "5000"),
    ("1万", "10000"),
    ("零", "0"),
    ("〇", "0"),
    ("一", "1"),
    ("两", "2"),
    ("十", "10"),
    ("十二", "12"),
    ("二十", "20"),
    ("二十三", "23"),
    ("百", "100"),
    ("两百", "200"),
    ("一百零五", "105"),
    ("一百一十", "110"),
    ("三千零五", "3005"),
    ("一千零十", "1010"),
    ("一万零四十", "10040"),
    ("五万零三千", "53000"),
    ("两万", "20000"),
    ("二十万", "200000"),
    ("四十五万六千七百八十九", "456789"),
    ("一亿", "100000000"),
    ("一亿零五百万", "105000000"),
    ("三万五", "35000"),
    ("一百五", "150"),
    ("三点五", "3.5"),
    ("三点五万", "35000"),
    ("二〇一七", "2017"),
    ("二零一八", "2018"),
    ("一九九八", "1998"),
    ("壹佰贰拾", "120"),
]


@pytest.mark.parametrize("s,expected", NUMBERS)
def test_parse_number(s, expected):
    assert parse_number(s) == Decimal(expected)


@pytest.mark.parametrize("s", ["", "第三", "第十二", "abc", "一是", "三五百", "十十", "百千", "一万五百", "两三", "万万", "1.2.3"])
def test_parse_number_rejects(s):
    assert parse_number(s) is None


def test_cn2an_known_failures_are_handled_here():
    # the three forms the issue lists as failures of a common library
    assert parse_number("两百") == 200
    assert parse_number("万零三千") == 13000
    assert parse_number("16.4亿") == Decimal("1640000000")


QUANTITIES = [
    # text, value, unit, kind, approx
    ("520条", "520", "条", "count", None),
    ("26.8万条", "268000", "条", "count", None),
    ("12345678条", "12345678", "条", "count", None),
    ("一百零五件", "105", "件", "count", None),
    ("十件", "10", "件", "count", None),
    ("两名", "2", "名", "count", None),
    ("3人次", "3", "人次", "count", None),
    ("1000多人次", "1000", "人次", "count", "多"),
    ("12篇", "12", "篇", "count", None),
    ("4期", "4", "期", "count", None),
    ("6场", "6", "场", "count", None),
    ("2份", "2", "份", "count", None),
    ("3个", "3", "个", "count", None),
    ("5项", "5", "项", "count", None),
    ("0件", "0", "件", "count", None),
    ("0.5万元", "5000", "万元", "money", None),
    ("０.５万元", "5000", "万元", "money", None),
    ("2,345.5万元", "23455000", "万元", "money", None),
    ("3千元", "3000", "千元", "money", None),
    ("1.5亿元", "150000000", "亿元", "money", None),
    ("1.2亿元", "120000000", "亿元", "money", None),
    ("5000元", "5000", "元", "money", None),
    ("12.34元", "12.34", "元", "money", None),
    ("三万元", "30000", "万元", "money", None),
    ("10%", "10", "%", "percent", None),
    ("100%", "100", "%", "percent", None),
    ("99.5%", "99.5", "%", "percent", None),
    ("百分之十", "10", "%", "percent", None),
    ("百分之九十五", "95", "%", "percent", None),
    ("约2万条", "20000", "条", "count", "约"),
    ("约50条", "50", "条", "count", "约"),
    ("50余件", "50", "件", "count", "余"),
    ("3万余条", "30000", "条", "count", "余"),
    ("近百条", "100", "条", "count", "近"),
    ("100条以上", "100", "条", "count", "以上"),
    ("200人左右", "200", "人", "count", "左右"),
    ("超过300条", "300", "条", "count", "超过"),
    ("逾千件", "1000", "件", "count", "逾"),
    ("2017年", "2017", "年", "number", None),
    ("二〇一七年", "2017", "年", "number", None),
    ("3.5万", "35000", None, "number", None),
    ("12", "12", None, "number", None),
]


@pytest.mark.parametrize("s,value,unit,kind,approx", QUANTITIES)
def test_parse_quantity(s, value, unit, kind, approx):
    q = parse_quantity(s)
    assert q is not None
    assert q.value == Decimal(value)
    assert q.unit == unit
    assert q.kind == kind
    assert q.approx == approx
    assert q.raw == s


@pytest.mark.parametrize("s", ["第三", "第3次", "政府信息", "", "一是"])
def test_parse_quantity_rejects(s):
    assert parse_quantity(s) is None


def test_money_is_float_yuan_without_binary_error():
    assert to_value(parse_quantity("0.5万元")) == 5000.0
    assert isinstance(to_value(parse_quantity("0.5万元")), float)
    assert to_value(parse_quantity("3千元")) == 3000.0
    assert to_value(parse_quantity("1.1万元")) == 11000.0  # 1.1*10000 in binary is 11000.000000000002
    assert to_value(parse_quantity("0.07万元")) == 700.0
    assert to_value(parse_quantity("2,345.5万元")) == 23455000.0


def test_count_is_int():
    v = to_value(parse_quantity("26.8万条"))
    assert v == 268000 and isinstance(v, int)
    assert isinstance(to_value(parse_quantity("520条")), int)


def test_percent_value():
    assert to_value(parse_quantity("99.5%")) == 99.5


def test_find_quantities_in_sentence():
    text = "2017年,我委主动公开政府信息520条,其中通过门户网站公开1.2万条,收到申请约30件,经费0.5万元,办结率100%。"
    found = find_quantities(text)
    for m in found:
        assert text[m.start:m.end] == m.quantity.raw
    got = [(m.quantity.raw, m.quantity.kind) for m in found]
    assert got == [
        ("2017年", "number"),
        ("520条", "count"),
        ("1.2万条", "count"),
        ("约30件", "count"),
        ("0.5万元", "money"),
        ("100%", "percent"),
    ]
    assert found[3].quantity.approx == "约"


def test_find_quantities_skips_words_and_ordinals():
    text = "一是统一规范,进一步加强,第三季度召开一次性告知会议,唯一渠道"
    assert find_quantities(text) == []


def test_find_quantities_chinese_numerals_need_unit():
    text = "设兼职工作人员两名,召开会议三次,一百零五件申请"
    got = [(m.quantity.raw, int(m.quantity.value)) for m in find_quantities(text)]
    assert got == [("两名", 2), ("三次", 3), ("一百零五件", 105)]


def test_find_quantities_full_width_offsets():
    text = "共受理申请１２件,经费０.５万元"
    found = find_quantities(text)
    assert [text[m.start:m.end] for m in found] == ["１２件", "０.５万元"]
    assert [m.quantity.value for m in found] == [12, 5000]


def test_find_quantities_thousands_and_list_comma():
    text = "主动公开12,345条,其中网站公开5条,17条"
    got = [int(m.quantity.value) for m in find_quantities(text)]
    assert got == [12345, 5, 17]


def test_find_quantities_date_parts_are_numbers():
    text = "二〇一八年一月十一日"
    found = find_quantities(text)
    assert [m.quantity.kind for m in found] == ["number", "number", "number"]
    assert [int(m.quantity.value) for m in found] == [2018, 1, 11]


def test_find_quantities_percent_chinese():
    found = find_quantities("公开率达到百分之九十五以上")
    assert len(found) == 1
    q = found[0].quantity
    assert q.kind == "percent" and q.value == 95 and q.approx == "以上"


@pytest.mark.parametrize("s", ["520", "1,234", "3.5万", "１２", "二〇一七", "一万零四十", "两百", "16.4亿", "十二", "0.5"])
def test_number_pattern_matches_whole(s):
    assert regex.fullmatch(NUMBER_PATTERN, s)


def test_number_pattern_in_rule():
    rx = regex.compile(rf"收到政府信息公开申请(?P<n>{NUMBER_PATTERN})件")
    m = rx.search("本年度共收到政府信息公开申请1,024件")
    assert m and parse_number(m.group("n")) == 1024
    m = rx.search("收到政府信息公开申请十二件")
    assert m and parse_number(m.group("n")) == 12


def test_quantity_dataclass_contract():
    q = Quantity(Decimal(1), "条", "count")
    assert q.approx is None and q.raw == ""


@pytest.mark.parametrize(
    "text,want",
    [
        ("申请答复数十二件", [(12, None)]),       # 数 ends the label 答复数
        ("件数三件", [(3, None)]),
        ("受理申请人数二十五人", [(25, None)]),
        ("主动公开数十条信息", [(10, "数")]),     # 数十: "tens of", approximate
        ("收到数百件", [(100, "数")]),
    ],
)
def test_shu_after_a_label_is_the_label_suffix_not_an_approximation(text, want):
    got = [(int(m.quantity.value), m.quantity.approx) for m in find_quantities(text)]
    assert got == want


@pytest.mark.parametrize("text", ["统一二十条", "进一步", "一是加强领导"])
def test_tail_of_a_word_numeral_is_not_read(text):
    # 统一二十条 must not give 十条 (the tail of a rejected numeral)
    assert [m for m in find_quantities(text) if m.quantity.kind == "count"] == []


@pytest.mark.parametrize("text, raws", [
    ("主动公开政府信息数:175条", ["175条"]),      # a colon ends the label: the figure is a quantity
    ("主动公开政府信息数：175条", ["175条"]),     # full-width colon alike
    ("会议时间12:30", ["12"]),                     # after a digit, a colon is a time: 30 is its tail
])
def test_a_colon_after_a_label_does_not_hide_the_figure(text, raws):
    from extractor.numbers import find_quantities

    assert [q.quantity.raw for q in find_quantities(text)] == raws
