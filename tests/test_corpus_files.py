"""The bundled sample corpus (corpus/) is complete, consistent and reproducible.

* every gold file has all its renderings and every rendering has a gold file;
* gold files use only canonical keys with the right value types (patterns/keys.yaml,
  i.e. SCHEMA.md), and their figures obey the templates' own arithmetic;
* the renderings of one document carry the same text (GB18030, UTF-16, Big5, one cell
  per line, HTML body, DOCX, PDF);
* ``corpus/make_corpus.py`` regenerates the same files (text and gold byte for byte,
  DOCX/PDF by their extracted text).
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
BASE_RENDERINGS = (".txt", ".gbk.txt", ".html", ".docx", ".pdf")
EXPECTED = {
    "a51_yunze-shuiliju-2016": ("annual_report", "old"),
    "a52_yunze-renshe-2019": ("annual_report", "gb2019"),
    "a53_yunze-shi-2022": ("annual_report", "gb2021"),
    "s51_yunze-zirangui-2019-zicha": ("self_inspection", "free"),
    "s52_baisha-zhen-2020-zongjie": ("work_summary", "free"),
}
SUPPORTED = (".txt", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps", ".rtf")
HAN_DIGIT = re.compile(r"[\u4e00-\u9fff0-9]")


def golds() -> dict[str, dict]:
    return {p.name[: -len(".gold.json")]: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(CORPUS.glob("*.gold.json"))}


def stem(name: str) -> str:
    return name.split(".", 1)[0]


def han_digits(s: str) -> str:
    return "".join(HAN_DIGIT.findall(s))


def split_row(line: str) -> list[str]:
    """Cells of a pipe-flattened table row ``a | b |  |`` (blank cells kept)."""
    assert line.endswith(" |"), line
    return [c.strip() for c in line[:-2].split(" | ")]


def read_txt(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def load_generator():
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    saved, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ in corpus/
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.dont_write_bytecode = saved
    return mod


def docx_text(path: Path) -> str:
    """All w:t text of the body in document order (merged continuation cells are empty)."""
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def pdf_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


# ----------------------------------------------------------------- completeness


def test_expected_documents_and_kinds():
    g = golds()
    assert set(g) == set(EXPECTED)
    for name, (kind, template) in EXPECTED.items():
        assert g[name]["document"]["kind"] == kind
        assert g[name]["document"]["template"] == template


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_gold_has_every_rendering(name):
    for ext in BASE_RENDERINGS:
        p = CORPUS / f"{name}{ext}"
        assert p.is_file() and p.stat().st_size > 500, p


def test_extra_renderings_present():
    assert (CORPUS / "a52_yunze-renshe-2019.cells.txt").is_file()
    assert (CORPUS / "s52_baisha-zhen-2020-zongjie.big5.txt").is_file()
    assert (CORPUS / "s51_yunze-zirangui-2019-zicha.utf16.txt").is_file()


def test_every_rendering_has_a_gold():
    g = golds()
    renderings = [p for p in CORPUS.iterdir() if p.suffix.lower() in SUPPORTED]
    assert len(renderings) >= 5 * len(BASE_RENDERINGS)
    for p in renderings:
        assert stem(p.name) in g, f"{p.name} has no {stem(p.name)}.gold.json"
    # nothing else lies around (only the generator, its README and gold files)
    others = {p.name for p in CORPUS.iterdir() if p.is_file()} - {p.name for p in renderings}
    assert others == {"make_corpus.py", "README.md"} | {f"{n}.gold.json" for n in g}


def test_corpus_size_is_modest():
    total = sum(p.stat().st_size for p in CORPUS.iterdir() if p.is_file())
    assert total < 3 * 1024 * 1024


# ----------------------------------------------------------------- gold files


def _type_ok(unit: str, v) -> bool:
    if unit == "count":
        return type(v) is int and v >= 0
    if unit == "signed":
        return type(v) is int
    if unit == "money":
        return type(v) is float and v >= 0
    if unit == "bool":
        return type(v) is bool
    return False


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_gold_shape_keys_and_units(name):
    from extractor.keys import key_units

    units = key_units()
    g = golds()[name]
    assert set(g) >= {"document", "values", "score_tables", "_optional", "_ignore", "_notes"}
    d = g["document"]
    assert d["kind"] in ("annual_report", "self_inspection", "work_summary", "assessment_table", "other")
    assert d["template"] in ("old", "gb2019", "gb2021", "free")
    assert isinstance(d["year"], int) and 2008 <= d["year"] <= 2030
    assert d["agency"] and d["agency"] in read_txt(name)
    assert str(d["year"]) in read_txt(name)
    assert len(g["values"]) >= 10
    for section in ("values", "_optional"):
        for k, v in g[section].items():
            assert k in units, f"{name}: {k} is not a canonical key"
            assert _type_ok(units[k], v), f"{name}: {k}={v!r} is not a {units[k]}"
    assert not set(g["_optional"]) & set(g["values"])
    assert all(k in units for k in g["_ignore"])
    assert g["_notes"] and all(isinstance(n, str) and n for n in g["_notes"])


def test_score_table_gold_totals_follow_schema():
    g = golds()["s51_yunze-zirangui-2019-zicha"]
    (table,) = g["score_tables"]
    items = table["items"]
    assert len(items) == 16
    assert all(set(i) == {"path", "criterion", "max", "score"} for i in items)
    assert sum(1 for i in items if i["score"] is None) == 1
    assert table["total"]["max"] == sum(i["max"] for i in items) == 100
    assert table["total"]["score"] == sum(i["score"] for i in items if i["score"] is not None) == 86
    assert table["total"]["stated_score"] == 86 and table["total"]["stated_max"] == 100
    # the items appear in the text in order, with their max and score in the same row
    rows = [line for line in read_txt("s51_yunze-zirangui-2019-zicha").splitlines() if line.endswith(" |")]
    pos = 0
    for it in items:
        while it["criterion"].replace(",", "，").replace("(", "（").replace(")", "）") not in rows[pos]:
            pos += 1
        cells = split_row(rows[pos])
        assert cells[-2:] == [str(it["max"]), "" if it["score"] is None else str(it["score"])]
    for name, other in golds().items():
        if name != "s51_yunze-zirangui-2019-zicha":
            assert other["score_tables"] == []


def test_annual_report_arithmetic():
    g = golds()
    for name in ("a52_yunze-renshe-2019", "a53_yunze-shi-2022"):
        v = g[name]["values"]
        # 表三's stated rule: 一 + 二 = 三(七)总计 + 四
        assert v["applications.received"] + v["applications.carried_over"] == \
            v["outcome.total"] + v["applications.carried_forward"]
        parts = [v[k] for k in v if k.startswith(("outcome.refused.", "outcome.unable.", "outcome.not_processed."))]
        parts += [v["outcome.granted"], v["outcome.partially_granted"], v.get("outcome.other", 0)]
        if name == "a52_yunze-renshe-2019":
            assert sum(parts) == v["outcome.total"]
        for p in ("reconsideration", "litigation.direct", "litigation.after_reconsideration"):
            assert v[f"{p}.total"] == sum(v[f"{p}.{e}"] for e in ("upheld", "corrected", "other", "pending"))
        # sub-totals the templates do not print are not values
        for k in ("outcome.refused", "outcome.unable", "outcome.not_processed"):
            assert k not in v
    v = g["a51_yunze-shuiliju-2016"]["values"]
    assert v["applications.received"] == sum(v[f"applications.received.{c}"] for c in ("in_person", "fax", "online", "mail"))
    assert v["outcome.refused"] == sum(x for k, x in v.items() if k.startswith("outcome.refused."))
    assert v["staff.total"] == v["staff.full_time"] + v["staff.part_time"]
    for p in ("reconsideration", "litigation"):
        assert v[f"{p}.total"] == v[f"{p}.upheld"] + v[f"{p}.corrected"] + v[f"{p}.other"]


@pytest.mark.parametrize("name", ["a52_yunze-renshe-2019", "a53_yunze-shi-2022"])
def test_table3_rows_in_text_add_up(name):
    """Read 表三 back from the rendered .txt: each row's 总计 is the sum of its six
    applicant cells, and each column obeys 一 + 二 = 三(七) + 四."""
    rows = {}
    for line in read_txt(name).splitlines():
        if not line.endswith(" |"):
            continue
        cells = split_row(line)
        if 8 <= len(cells) <= 10 and all(re.fullmatch(r"\d+", c) for c in cells[-7:]) \
                and re.search(r"[\u4e00-\u9fff]", cells[0]):
            nums = [int(c) for c in cells[-7:]]
            assert nums[6] == sum(nums[:6]), line
            label = next(c for c in cells[:-7] if c)
            rows[label] = nums
    new, old = rows["一、本年新收政府信息公开申请数量"], rows["二、上年结转政府信息公开申请数量"]
    total, fwd = rows["（七）总计"], rows["四、结转下年度继续办理"]
    assert all(new[j] + old[j] == total[j] + fwd[j] for j in range(7))
    v = golds()[name]["values"]
    assert v["applications.received"] == new[6] and v["applications.received.natural_person"] == new[0]
    assert v["outcome.total"] == total[6] and v["applications.carried_forward"] == fwd[6]


def test_deliberate_conflict_is_documented():
    g = golds()["a51_yunze-shuiliju-2016"]
    text = read_txt("a51_yunze-shuiliju-2016")
    assert g["values"]["proactive.total"] == 1268
    assert "主动公开政府信息1286条" in text
    assert re.search(r"主动公开政府信息数.* \| 条 \| 1268 \|", text)
    assert any("CONFLICT" in n and "1286" in n for n in g["_notes"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_gold_figures_are_written_in_the_text(name):
    g = golds()[name]
    text = read_txt(name)
    digits = set(re.findall(r"(?<![\d.])[+-]?\d+(?:\.\d+)?(?![\d.])", text))
    for k, v in g["values"].items():
        if g["document"]["kind"] == "work_summary" or isinstance(v, bool):
            continue  # figures in words / 是否
        if isinstance(v, float):
            yuan = f"{v:.2f}".rstrip("0").rstrip(".")
            wan = format((__import__("decimal").Decimal(repr(v)) / 10000).normalize(), "f")
            assert yuan in digits or wan in digits, (k, v)
        elif v >= 10:
            assert str(v) in digits or f"+{v}" in digits, (k, v)


# ----------------------------------------------------------------- renderings agree


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_gbk_rendering_matches_txt(name):
    raw = (CORPUS / f"{name}.gbk.txt").read_bytes()
    assert b"\r\n" in raw
    assert raw.decode("gb18030").replace("\r\n", "\n") == read_txt(name)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_utf16_and_big5_renderings():
    raw = (CORPUS / "s51_yunze-zirangui-2019-zicha.utf16.txt").read_bytes()
    assert raw[:2] == b"\xff\xfe"
    assert raw.decode("utf-16").replace("\r\n", "\n") == read_txt("s51_yunze-zirangui-2019-zicha")

    import opencc

    raw = (CORPUS / "s52_baisha-zhen-2020-zongjie.big5.txt").read_bytes()
    trad = raw.decode("big5").replace("\r\n", "\n")
    simp = read_txt("s52_baisha-zhen-2020-zongjie")
    assert trad != simp and "鎮" in trad
    assert opencc.OpenCC("t2s").convert(trad) == simp


def test_cells_rendering_is_one_cell_per_line():
    name = "a52_yunze-renshe-2019"
    text = (CORPUS / f"{name}.cells.txt").read_text(encoding="utf-8")
    assert "|" not in text
    lines = text.split("\n")
    assert all(line == "" for line in lines[1::2])  # crawled style: blank line between lines
    content = [line for line in lines if line]
    i = content.index("一、本年新收政府信息公开申请数量")
    assert content[i + 1: i + 8] == ["41", "9", "1", "2", "4", "1", "58"]
    assert "商业" in content and "企业" in content  # header cell split over two lines
    assert han_digits(text) == han_digits(read_txt(name))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_html_rendering(name):
    from bs4 import BeautifulSoup

    raw = (CORPUS / f"{name}.html").read_bytes()
    m = re.search(rb'charset=([\w-]+)', raw[:400])
    assert m, "charset declared in a meta tag"
    charset = m.group(1).decode()
    soup = BeautifulSoup(raw.decode("gbk" if charset == "gbk" else charset), "html.parser")
    body = soup.find(id="zoom")
    assert han_digits(body.get_text()) == han_digits(read_txt(name))
    whole = soup.get_text()
    assert "上一篇" in whole and "索" in whole and "网站标识码" in whole  # chrome is there
    has_tables = any(line.endswith(" |") for line in read_txt(name).splitlines())
    assert bool(body.find("table")) == has_tables
    if has_tables:
        assert body.find("td", attrs={"colspan": True}) is not None
        if not name.startswith("a51"):  # the old 统计表 has no vertical merges
            assert body.find("td", attrs={"rowspan": True}) is not None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_docx_rendering(name):
    path = CORPUS / f"{name}.docx"
    assert han_digits(docx_text(path)) == han_digits(read_txt(name))
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    if name != "s52_baisha-zhen-2020-zongjie":  # the work summary has no table
        assert "<w:tbl>" in xml and "w:gridSpan" in xml
    if name[:3] in ("a52", "a53", "s51"):
        assert "w:vMerge" in xml


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pdf_rendering(name):
    pages = pdf_pages(CORPUS / f"{name}.pdf")
    text = "\n".join(pages)
    assert "(cid:" not in text
    han = lambda s: Counter(c for c in s if "\u4e00" <= c <= "\u9fff")  # noqa: E731
    assert han(text) == han(read_txt(name))


@pytest.mark.parametrize("name,first,last", [
    ("a51_yunze-shuiliju-2016", "（一）主动公开政府信息数", "（四）部门网站是否具备网上办事功能"),
    ("s51_yunze-zirangui-2019-zicha", "考核项目", "总计"),
])
def test_pdf_tables_cross_page_breaks(name, first, last):
    import pdfplumber

    with pdfplumber.open(CORPUS / f"{name}.pdf") as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
        start = next(i for i, t in enumerate(pages) if first in t)
        end = max(i for i, t in enumerate(pages) if last in t)
        assert end > start
        for i in range(start, end + 1):
            assert pdf.pages[i].find_tables(), f"ruled table on page {i + 1}"


# ----------------------------------------------------------------- regeneration


def test_regeneration_is_deterministic(tmp_path):
    gen = load_generator()
    try:
        import reportlab  # noqa: F401

        binaries = True
    except ImportError:  # the 'dev' extra is not installed: check text files only
        binaries = False
    argv = ["-o", str(tmp_path)] + ([] if binaries else ["--no-binaries"])
    assert gen.main(argv) == 0
    produced = {p.name for p in tmp_path.iterdir()}
    committed = {p.name for p in CORPUS.iterdir()
                 if p.is_file() and p.name not in ("make_corpus.py", "README.md")}
    if binaries:
        assert produced == committed
    else:
        assert produced == {n for n in committed if not n.endswith((".docx", ".pdf"))}
    for n in sorted(produced):
        new, old = tmp_path / n, CORPUS / n
        if new.read_bytes() == old.read_bytes():
            continue
        # binaries may differ in bytes under another python-docx/reportlab version
        if n.endswith(".docx"):
            assert docx_text(new) == docx_text(old), n
        elif n.endswith(".pdf"):
            assert pdf_pages(new) == pdf_pages(old), n
        else:
            pytest.fail(f"{n} differs: rerun python corpus/make_corpus.py")


def test_generator_gold_comes_from_the_same_data():
    gen = load_generator()
    docs = gen.build_docs()
    assert [d.name for d in docs] == sorted(EXPECTED)
    for d in docs:
        assert gen.gold_json(d) == (CORPUS / f"{d.name}.gold.json").read_text(encoding="utf-8")
        assert gen.render_txt(d) == read_txt(d.name)
