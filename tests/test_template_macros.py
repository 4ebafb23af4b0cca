"""Macros of the statistics-table templates (extractor/tables/template_macros.py): a file's
``macros:`` resolved after the macros they name, the built-in <NUMBERING> from
patterns/numbers.yaml, and a wrong definition refused when the templates load."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex
import yaml

from extractor.numbers_data import ROW_NUMBERING
from extractor.tables.template_macros import TemplateMacros
from extractor.tables.templates import TemplateError, load_templates


def _write(tmp_path: Path, macros, labels) -> Path:
    d = tmp_path / "tables"
    d.mkdir(exist_ok=True)
    doc = {"template": "local", "kind": "old", "title": "a local table",
           "rows": [{"labels": labels, "key": "proactive.total"}]}
    if macros is not None:
        doc["macros"] = macros
    (d / "local.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    load_templates.cache_clear()
    return d


def _row_rx(d: Path) -> regex.Pattern:
    try:
        return load_templates(str(d))["old"].rows[0].rx.compiled()
    finally:
        load_templates.cache_clear()


def test_a_macro_may_name_another_and_is_resolved_after_it(tmp_path):
    d = _write(tmp_path, {"INFO": "(?:政府|政务)?信息", "PUBLIC": "主动公开<INFO>"}, ["<PUBLIC>(?:条数|数)"])
    rx = _row_rx(d)
    for label in ("主动公开政府信息数", "主动公开信息条数", "主动公开政务信息数"):
        assert rx.fullmatch(label), label
    for label in ("依申请公开信息数", "主动公开文件数"):
        assert not rx.fullmatch(label), label


def test_a_macro_inside_a_look_behind(tmp_path):
    d = _write(tmp_path, {"THIS_YEAR": r"本年度?(?:\((?:19|20)\d\d年?度?\))?"}, ["(?<!<THIS_YEAR>)处理决定数量"])
    rx = _row_rx(d)
    assert rx.search("处理决定数量")
    assert not rx.search("本年度处理决定数量") and not rx.search("本年(2023)处理决定数量")


def test_numbering_is_built_in(tmp_path):
    d = _write(tmp_path, None, ["<NUMBERING>网站公开数"])
    rx = _row_rx(d)
    for label in ("网站公开数", "2.网站公开数", "(三)网站公开数", "其中:1.网站公开数"):
        assert rx.fullmatch(label), label
    assert TemplateMacros("x", {}).expand("<NUMBERING>") == f"(?:{ROW_NUMBERING})"


@pytest.mark.parametrize("macros,labels,words", [
    ({}, ["<NOPE>数"], r"unknown macro <NOPE>"),
    ({"A": "<B>x", "B": "<A>y"}, ["<A>"], r"cycle: A -> B -> A"),
    ({"A": "<A>"}, ["x"], r"cycle: A -> A"),          # refused even when no label uses it
    ({"lower": "x"}, ["x"], r"a NAME in capitals"),
    (["A"], ["x"], r"expected a mapping"),
])
def test_wrong_macros_are_refused_when_the_templates_load(tmp_path, macros, labels, words):
    d = _write(tmp_path, macros, labels)
    with pytest.raises(TemplateError, match=words):
        load_templates(str(d))
    load_templates.cache_clear()


def test_examples_and_names_are_not_expanded(tmp_path):
    """Only patterns are expanded: a named group and an example's text stay as written."""
    d = _write(tmp_path, {"X": "信息"}, ["(?P<lab>主动公开<X>)数"])
    try:
        t = load_templates(str(d))["old"]
        assert t.rows[0].rx.compiled().fullmatch("主动公开信息数").group("lab") == "主动公开信息"
        assert t.raw["macros"] == {"X": "信息"}
    finally:
        load_templates.cache_clear()


def test_the_gb_columns_use_the_this_year_macro():
    """disclosure.yaml writes the 本年 prefix once (macro THIS_YEAR) for its eight labels."""
    src = (Path(__file__).resolve().parents[1] / "patterns" / "tables" / "disclosure.yaml").read_text(encoding="utf-8")
    assert src.count("<THIS_YEAR>") == 8 and src.count("本年度?(?:") == 1
    load_templates.cache_clear()
    gb = load_templates()["header_rows"]
    cols = {c.id: c.rx.compiled() for c in gb.columns}
    for cid, label in (("made", "本年度新制作数量"), ("issued", "本年(2023)制发件数"), ("fee_amount", "本年收费金额"),
                       ("decisions21", "本年(2021年度)处理决定数量"), ("items_change", "本年增减")):
        assert cols[cid].fullmatch(label), (cid, label)
    assert not cols["made"].fullmatch("2022年新制作数量")
    raw19 = next(c for c in gb.raw["columns"] if c["id"] == "decisions19")["labels"][0]
    assert regex.search(raw19, "处理决定数量") and not regex.search(raw19, "本年处理决定数量")
