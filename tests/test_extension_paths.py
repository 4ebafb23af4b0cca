"""The newcomer's four extension paths of CONTRIBUTING.md, each done the documented way
on temporary files and run end to end: a document in, the new value out, with evidence.

- (a) a new phrasing of a figure: one edit of its rule file (patterns/facts/<group>.yaml);
- (b) a new canonical key: keys.yaml + its labels in the lexicon (clauses.yaml for prose,
  tables/labels.yaml for a statistics-table row), no rule and no template row;
- (c) a new statistics table: one template file of its family, read beside the others;
- (d) a new input format: one loader module + its line in ``load.LOADERS`` (and, for a
  zip package, the member that proves it in ``load.sniff.PACKAGES``).

The real ``patterns/`` is never edited: each test edits a copy and runs the tool on it
with ``ZWGK_PATTERNS`` (the documented way to run an edited copy) in a fresh process,
since the pattern paths are read when the modules are imported. Should a path come to
take more than CONTRIBUTING.md says, pin what it takes here (a strict xfail for a defect)
and say so there.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
PATTERNS = REPO / "patterns"

_RUN = """
import json, sys
from extractor import extract
print(json.dumps(extract(sys.argv[1], with_text=True), ensure_ascii=False))
"""


@pytest.fixture
def patterns_copy(tmp_path) -> Path:
    dst = tmp_path / "patterns"
    shutil.copytree(PATTERNS, dst)
    return dst


def _extract_with(patterns: Path, doc: Path) -> dict:
    """``extract(doc)`` in a fresh process that reads its rules from ``patterns``."""
    env = {**os.environ, "ZWGK_PATTERNS": str(patterns)}
    p = subprocess.run([sys.executable, "-c", _RUN, str(doc)], env=env, cwd=REPO,
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    rec = json.loads(p.stdout)
    assert not rec["errors"], rec["errors"]
    return rec


def _fact(rec: dict, key: str) -> dict:
    """The fact behind ``values[key]``, its evidence checked against the text."""
    [f] = [f for f in rec["facts"] if f["key"] == key and f["value"] == rec["values"][key]]
    a, b = f["offset"]
    assert rec["text"][a:b] == f["evidence"]
    return f


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} is no longer in the file once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _templates(tables: Path) -> dict:
    """The templates of a folder, read now (load_templates caches by folder name)."""
    from extractor.tables.templates import load_lexicon, load_templates

    load_templates.cache_clear()
    load_lexicon.cache_clear()
    return load_templates(str(tables))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- (a) phrasing

# (「信息公开请求」 was the phrasing here until the application-noun grammar of 9934875 read it)
NEW_PHRASING = "全年受理群众提出的信息查询请求37宗,均已按时答复。"


def test_a_new_phrasing_is_one_edit_of_its_rule_file(patterns_copy, tmp_path):
    doc = _write(tmp_path / "r.txt", "某某县人民政府2020年政府信息公开工作年度报告\n"
                                     "三、收到和处理政府信息公开申请情况\n" + NEW_PHRASING + "\n")
    before = _extract_with(patterns_copy, doc)
    assert "applications.received" not in before["values"], \
        "the shipped rules read this phrasing now: pick another one for this test"

    # the edit: one pattern in the rule's `patterns:`, one example and one counter-example
    # at the end of the same file (its `examples:` list)
    rule_file = patterns_copy / "facts" / "applications.yaml"
    text = rule_file.read_text(encoding="utf-8")
    n_examples = len(yaml.safe_load(text)["examples"])
    m = re.search(r"^    id: received\n(?:    (?!patterns:).*\n)*    patterns:\n", text, re.M)
    assert m, "applications.received#received has no `patterns:` list any more"
    text = (text[:m.end()] + "      - '(?:收到|受理|接到)<G:8>信息查询请求(?:共|共计)?<Q>'\n" + text[m.end():])
    text = text.rstrip("\n") + (
        "\n  - text: 全年受理群众提出的信息查询请求37宗。\n"
        "    expect: {applications.received: 37}\n"
        "  - text: 自2008年以来累计受理群众提出的信息查询请求86宗。\n"
        "    expect: {}\n")
    rule_file.write_text(text, encoding="utf-8")

    after = _extract_with(patterns_copy, doc)
    assert after["values"]["applications.received"] == 37
    f = _fact(after, "applications.received")
    assert f["evidence"] == "受理群众提出的信息查询请求37宗"
    assert f["rule"] == "applications.received#received" and f["origin"] == "text" and f["unit"] == "宗"

    # tests/test_patterns.py runs the new example and counter-example (and the file's others)
    env = {**os.environ, "ZWGK_PATTERNS": str(patterns_copy)}
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider",
                        str(REPO / "tests" / "test_patterns.py"), "-k", "applications"],
                       env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout[-3000:]
    for i in (n_examples, n_examples + 1):
        assert f"PASSED tests/test_patterns.py::test_example[applications.yaml#{i}]" in p.stdout


# --------------------------------------------------------------------------- (b) key

OLD_TABLE = """某某县人民政府2013年政府信息公开工作年度报告
附表:政府信息公开情况统计表
项目 | 单位 | 数量
主动公开政府信息条数 | 条 | 2,310
政务客户端公开政府信息数 | 条 | 75
受理申请总数 | 件 | 5
"""
PROSE = """某某县人民政府2020年政府信息公开工作年度报告
一、主动公开政府信息情况
2020年,本机关通过政务客户端公开政府信息75条。
"""
# what the clause reader's shared denies keep out for any key, a new one too: a plan, an
# earlier year, several years, a share of a whole, another thing counted with it, a sub-unit
NOT_THIS_YEAR_OR_NOT_THIS = [
    "下一步,计划通过政务客户端公开政府信息80条。",
    "去年通过政务客户端公开政府信息60条。",
    "自2015年以来累计通过政务客户端公开政府信息750条。",
    "通过政务客户端公开政府信息75条,占主动公开信息总数的30%。",
    "通过门户网站及政务客户端公开政府信息750条。",
    "各乡镇通过政务客户端公开政府信息75条。",
]
NEW_KEY = "  - {key: proactive.via.app, unit: count, label: 通过政务客户端公开的信息数}\n"
# the lexicon: a table row label as printed (labels.yaml) and the prose label (clauses.yaml)
TABLE_LABEL = "  old:\n    proactive.via.app: ['政务客户端公开政府信息数']\n"
CLAUSE_ENTRY = ("  proactive.via.app:\n"
                "    labels: ['政务客户端(?:发布|公开)(?:各类)?<INFO>']\n"
                "    units: [条, 篇]\n")
CLAUSE_EXAMPLES = ("  - {text: '通过政务客户端公开政府信息75条。', expect: {proactive.via.app: 75}}\n"
                   "  - {text: '去年通过政务客户端公开政府信息60条。', expect: {}}\n")
OTHER_ROW = "  - {labels: ['其他方式公开政府信息数'], key: proactive.via.other, parent: proactive.total}\n"


def _add_key(patterns: Path) -> None:
    """The newcomer's edits for a new key: keys.yaml and the lexicon, nothing else."""
    _edit(patterns / "keys.yaml", "  - {key: proactive.via.other,", NEW_KEY + "  - {key: proactive.via.other,")
    _edit(patterns / "tables" / "labels.yaml", "  old:\n", TABLE_LABEL)
    _edit(patterns / "clauses.yaml", "\nkeys:\n", "\nkeys:\n" + CLAUSE_ENTRY)
    _edit(patterns / "clauses.yaml", "\nexamples:\n", "\nexamples:\n" + CLAUSE_EXAMPLES)


def test_a_new_key_is_keys_yaml_and_its_labels_in_the_lexicon(patterns_copy, tmp_path):
    table = _write(tmp_path / "table.txt", OLD_TABLE)
    prose = _write(tmp_path / "prose.txt", PROSE)
    for doc in (table, prose):
        assert "proactive.via.app" not in _extract_with(patterns_copy, doc)["values"]

    _add_key(patterns_copy)
    # a table row whose label is the lexicon's (the old 统计表 reads rows by label alone)
    rec = _extract_with(patterns_copy, table)
    assert rec["values"]["proactive.via.app"] == 75
    f = _fact(rec, "proactive.via.app")
    assert f["evidence"] == "政务客户端公开政府信息数 | 条 | 75"
    assert f["origin"] == "table" and f["rule"] == "proactive.via.app#table:old"
    assert {k: rec["values"][k] for k in ("proactive.total", "applications.received")} == \
        {"proactive.total": 2310, "applications.received": 5}
    # prose: the clause reader, with every shared deny of every key
    rec = _extract_with(patterns_copy, prose)
    assert rec["values"]["proactive.via.app"] == 75
    f = _fact(rec, "proactive.via.app")
    assert f["evidence"] == "政务客户端公开政府信息75条" and f["rule"] == "clause:proactive.via.app"
    assert f["origin"] == "text" and f["unit"] == "条"
    for sentence in NOT_THIS_YEAR_OR_NOT_THIS:
        doc = _write(tmp_path / "not.txt", PROSE.replace(PROSE.splitlines()[-1], sentence))
        rec = _extract_with(patterns_copy, doc)
        assert "proactive.via.app" not in rec["values"], sentence

    # tests/test_clauses.py runs the lexicon's new example and counter-example (every key
    # of clauses.yaml needs an example)
    env = {**os.environ, "ZWGK_PATTERNS": str(patterns_copy)}
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        str(REPO / "tests" / "test_clauses.py"), "-k", "example"],
                       env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout[-3000:]
    n = len(yaml.safe_load((patterns_copy / "clauses.yaml").read_text(encoding="utf-8"))["examples"])
    n_before = len(yaml.safe_load((PATTERNS / "clauses.yaml").read_text(encoding="utf-8"))["examples"])
    assert n == n_before + 2


def test_a_lexicon_row_that_cannot_be_read_is_refused(patterns_copy):
    """A lexicon row naming no key of keys.yaml (a typo), or a row of a family that reads no
    row by its label alone (表二: rows by column), or of no template, stops the templates
    from loading: never dropped silently."""
    from extractor.tables.templates import TemplateError

    labels = patterns_copy / "tables" / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    for entry, words in (("  old:\n    proactive.via.ap: ['政务客户端公开政府信息数']\n", "proactive.via.ap"),
                         ("  gb:\n    proactive.via.other: ['其他方式公开政府信息数']\n", "reads no row by its label"),
                         ("  village:\n    proactive.via.other: ['村务公开栏公开信息数']\n", "no template is named")):
        labels.write_text(text.replace("  old:\n", entry if entry.startswith("  old:") else entry + "  old:\n", 1),
                          encoding="utf-8")
        with pytest.raises(TemplateError, match=words):
            _templates(patterns_copy / "tables")
    labels.write_text(text, encoding="utf-8")
    assert "old" in _templates(patterns_copy / "tables")


def test_a_template_row_naming_a_key_outside_keys_yaml_is_refused(patterns_copy, tmp_path):
    doc = _write(tmp_path / "r.txt", OLD_TABLE)
    _edit(patterns_copy / "tables" / "old.yaml", OTHER_ROW,
          OTHER_ROW + "  - {labels: ['政务客户端公开政府信息数'], key: proactive.via.ap, parent: proactive.total}\n")
    env = {**os.environ, "ZWGK_PATTERNS": str(patterns_copy)}
    p = subprocess.run([sys.executable, "-c", _RUN, str(doc)], env=env, cwd=REPO,
                       capture_output=True, text=True, timeout=600)
    rec = json.loads(p.stdout) if p.returncode == 0 else {"values": {}}
    assert "proactive.via.ap" not in rec["values"]
    # reported, not read: the table stage stops with the template's error (a stage_failed
    # warning naming the file and the key) and no table value is taken from that template
    warned = [w for w in rec.get("warnings", []) if "proactive.via.ap" in str(w.get("message"))]
    assert p.returncode != 0 or rec.get("errors") or warned, "a bad template must be reported, not read"


# --------------------------------------------------------------------------- (c) table

VILLAGE_TABLE = OLD_TABLE + """附表二:村务公开情况统计表
统计项目 | 单位 | 数量
村务公开栏公开信息数 | 条 | 64
"""
VILLAGE_TEMPLATE = """template: village
kind: old
title: 村务公开情况统计表
header: ['统计项目\\|*单位\\|*数量']
rows:
  - {labels: ['村务公开栏公开信息数'], key: proactive.via.other}
"""


def test_a_local_table_is_rows_in_its_family_template(patterns_copy, tmp_path):
    doc = _write(tmp_path / "r.txt", VILLAGE_TABLE)
    _edit(patterns_copy / "tables" / "old.yaml", OTHER_ROW,
          OTHER_ROW + "  - {labels: ['村务公开栏公开信息数'], key: proactive.via.other, parent: proactive.total}\n")
    rec = _extract_with(patterns_copy, doc)
    assert {k: rec["values"].get(k) for k in ("proactive.total", "applications.received", "proactive.via.other")} \
        == {"proactive.total": 2310, "applications.received": 5, "proactive.via.other": 64}
    f = _fact(rec, "proactive.via.other")
    assert f["evidence"] == "村务公开栏公开信息数 | 条 | 64" and f["origin"] == "table"


def test_a_new_table_template_is_one_file_beside_the_others_of_its_family(patterns_copy, tmp_path):
    """Templates are a registry by name (templates.py ``load_templates``): a second file of
    kind ``old`` is read beside the bundled 统计表 template, whatever its file name, and
    each table by the template whose header it has."""
    from extractor.tables.templates import of_kind

    doc = _write(tmp_path / "r.txt", VILLAGE_TABLE)
    for name in ("village.yaml", "a_village.yaml"):
        for other in patterns_copy.glob("tables/*village.yaml"):
            other.unlink()
        _write(patterns_copy / "tables" / name, VILLAGE_TEMPLATE)
        tpls = _templates(patterns_copy / "tables")
        assert sorted(t.name for t in of_kind(tpls, "old")) == ["old", "village"]
        rec = _extract_with(patterns_copy, doc)
        assert {k: rec["values"].get(k) for k in ("proactive.total", "applications.received", "proactive.via.other")} \
            == {"proactive.total": 2310, "applications.received": 5, "proactive.via.other": 64}
        f = _fact(rec, "proactive.via.other")
        assert f["evidence"] == "村务公开栏公开信息数 | 条 | 64" and f["rule"] == "proactive.via.other#table:old"
    # without the file, the village table is not read (its header is no 统计表's)
    (patterns_copy / "tables" / "a_village.yaml").unlink()
    assert "proactive.via.other" not in _extract_with(patterns_copy, doc)["values"]


def test_a_template_with_an_unknown_field_or_kind_is_refused(patterns_copy):
    from extractor.tables.templates import TemplateError

    tables = patterns_copy / "tables"
    _write(tables / "village.yaml", VILLAGE_TEMPLATE.replace("header:", "haeder:").replace("template: village", "template: v2"))
    with pytest.raises(TemplateError, match="haeder"):
        _templates(tables)
    # a table's measure words live in patterns/numbers.yaml (tables.unit_column): a template's
    # units: field is refused and says so, never read as if it did something
    _write(tables / "village.yaml", VILLAGE_TEMPLATE.replace("rows:", "units: ['条', '件', '次']\nrows:")
           .replace("template: village", "template: v2"))
    with pytest.raises(TemplateError, match=r"\['units'\].*numbers\.yaml tables\.unit_column"):
        _templates(tables)
    (tables / "village.yaml").unlink()
    _write(tables / "zz_kind.yaml", VILLAGE_TEMPLATE.replace("kind: old", "kind: village"))
    with pytest.raises(TemplateError, match="village"):
        _templates(tables)
    (tables / "zz_kind.yaml").unlink()
    _write(tables / "zz_row.yaml", VILLAGE_TEMPLATE.replace("key: proactive.via.other", "key: proactive.via.othr"))
    with pytest.raises(TemplateError, match="proactive.via.othr"):
        _templates(tables)
    (tables / "zz_row.yaml").unlink()
    # two files, one template name: the second is refused, naming the first
    _write(tables / "zz_old.yaml", VILLAGE_TEMPLATE.replace("template: village", "template: old"))
    with pytest.raises(TemplateError, match="zz_old.yaml: template 'old' is already old.yaml's name"):
        _templates(tables)


# --------------------------------------------------------------------------- (d) format

MARKDOWN_LOADER = '''"""Markdown (.md): # headings, paragraphs and pipe tables."""
import re

from extractor.model import DocumentBuilder, Table

_RULE = re.compile(r":?-{3,}:?")


def load(path, source, options):
    b = DocumentBuilder(source)
    rows = []

    def flush():
        if rows:
            b.add_table(Table.from_rows(list(rows)))
            rows.clear()

    for line in path.read_bytes().decode("utf-8-sig").splitlines():
        s = line.strip()
        if s.startswith("|"):
            cells = [c.strip() for c in s.strip("|").split("|")]
            if not all(_RULE.fullmatch(c) for c in cells):
                rows.append(cells)
            continue
        flush()
        m = re.match(r"#{1,6}\\s+(.*)", s)
        if m:
            b.add_paragraph(m.group(1), style="heading")
        elif s:
            b.add_paragraph(s)
    flush()
    return b.build()
'''
MARKDOWN_DOC = """# 某某县人民政府2020年政府信息公开工作年度报告

## 一、主动公开政府信息情况

| 项目 | 单位 | 数量 |
|---|---|---|
| 主动公开政府信息条数 | 条 | 230 |

## 三、收到和处理政府信息公开申请情况

全年共受理政府信息公开申请12件,均按时答复。
"""


def _register(monkeypatch, tmp_path, ext: str, module: str, fmt: str, source: str,
              member: str | None = None) -> None:
    """What registration means: the module ``extractor/load/<module>.py`` (here a file in
    tmp_path imported under that name) and its line in ``load.LOADERS``
    (``SUPPORTED_EXTENSIONS`` is derived from it when load/__init__.py is imported); for a
    format that is a zip package, also the member that proves it in ``load.sniff.PACKAGES``."""
    from extractor import load
    from extractor.load import sniff

    f = _write(tmp_path / f"{module}.py", source)
    spec = importlib.util.spec_from_file_location(f"extractor.load.{module}", f)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setitem(sys.modules, f"extractor.load.{module}", mod)
    monkeypatch.setitem(load.LOADERS, ext, (module, fmt))
    monkeypatch.setattr(load, "SUPPORTED_EXTENSIONS", tuple(sorted(load.LOADERS)))
    if member:
        monkeypatch.setitem(sniff.PACKAGES, member, (fmt, ext))


def test_a_new_input_format_is_one_loader_module_and_its_registration(monkeypatch, tmp_path):
    from extractor import batch, extract

    folder = tmp_path / "reports"
    folder.mkdir()
    doc = _write(folder / "r.md", MARKDOWN_DOC)
    assert extract(doc)["errors"][0]["code"] == "unsupported_format"
    not_taken: list = []
    assert batch.discover([str(folder)], not_taken=not_taken) == []
    assert [r for r, _ in not_taken] == ["not_a_report_format"]

    _register(monkeypatch, tmp_path, ".md", "markdown", "markdown", MARKDOWN_LOADER)
    assert [Path(i.path).name for i in batch.discover([str(folder)])] == ["r.md"]
    rec = extract(doc, with_text=True)
    assert not rec["errors"] and rec["source"]["format"] == "markdown"
    assert rec["values"]["applications.received"] == 12 and rec["values"]["proactive.total"] == 230
    f = _fact(rec, "applications.received")
    assert f["evidence"].startswith("受理政府信息公开申请") and f["evidence"].endswith("12件")
    f = _fact(rec, "proactive.total")
    assert f["origin"] == "table" and f["evidence"] == "主动公开政府信息条数 | 条 | 230"


OFD_LOADER = '''"""OFD (GB/T 33190), a zip package: the text of Doc_0's first page, one line a paragraph."""
import zipfile

from extractor.model import DocumentBuilder


def load(path, source, options):
    b = DocumentBuilder(source)
    with zipfile.ZipFile(path) as z:
        for line in z.read("Doc_0/Pages/Page_0/Content.xml").decode("utf-8").splitlines():
            b.add_paragraph(line)
    return b.build()
'''


OFD_TEXT = "某某县人民政府2020年政府信息公开工作年度报告\n全年共受理政府信息公开申请12件,均按时答复。"


def _ofd(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
        z.writestr("Doc_0/Pages/Page_0/Content.xml", OFD_TEXT)
    return path


def test_a_new_zip_based_format_reaches_its_own_loader(monkeypatch, tmp_path):
    """A zip package goes to the loader of the format whose member it holds (word/document.xml:
    .docx; here OFD.xml, registered with the loader), by its name or against it."""
    from extractor import batch, extract

    _register(monkeypatch, tmp_path, ".ofd", "ofd", "ofd", OFD_LOADER, member="OFD.xml")
    rec = extract(_ofd(tmp_path / "r.ofd"))
    assert not rec["errors"], rec["errors"]
    assert rec["source"]["format"] == "ofd" and rec["values"]["applications.received"] == 12
    assert not [w for w in rec["warnings"] if w["code"] == "extension_mismatch"]

    # named .docx (or without an extension) it is still read as what it is
    rec = extract(_ofd(tmp_path / "misnamed.docx"))
    assert rec["source"]["format"] == "ofd" and rec["values"]["applications.received"] == 12
    [w] = [w for w in rec["warnings"] if w["code"] == "extension_mismatch"]
    assert "OFD" in w["message"]
    folder = tmp_path / "reports"
    folder.mkdir()
    _ofd(folder / "report")
    assert [Path(i.path).name for i in batch.discover([str(folder)])] == ["report"]
    assert extract(folder / "report")["values"]["applications.received"] == 12

    # a real .docx is still the .docx loader's
    rec = extract(sorted((REPO / "corpus").glob("*.docx"))[0])
    assert rec["source"]["format"] == "docx" and not rec["errors"]


def test_a_zip_package_of_no_registered_format_is_a_clear_error(tmp_path):
    """Without its registration an OFD file is no report format: a clear error naming what a
    zip must hold, never the .docx loader's "not a Word document" for a file named .txt."""
    from extractor import batch, extract

    rec = extract(_ofd(tmp_path / "r.txt"))
    [e] = rec["errors"]
    assert e["code"] == "unsupported_format" and "zip package" in e["message"] and "word/document.xml" in e["message"]
    assert not rec["values"]
    # named .docx: the .docx loader's own error
    assert extract(_ofd(tmp_path / "r.docx"))["errors"][0]["code"] == "not_docx"
    # without an extension: not taken from a folder
    folder = tmp_path / "reports"
    folder.mkdir()
    _ofd(folder / "report")
    not_taken: list = []
    assert batch.discover([str(folder)], not_taken=not_taken) == []
    assert [r for r, _ in not_taken] == ["not_a_report_format"]
