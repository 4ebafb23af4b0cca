"""Cold start (issue 11): a fresh process reading one .txt report imports only what a text
file needs and loads only the part of jieba's dictionary its sentences use. These tests
count modules and dictionary entries, never seconds."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

REPORT = ("某县农业局2019年政府信息公开工作年度报告\n"
          "一、总体情况\n"
          "2019年，本机关主动公开政府信息一百二十条，收到政府信息公开申请两件，均已按时办结。\n"
          "召开新闻发布会3次，举办培训班两次，培训人员一百二十人次。\n"
          "二、行政复议和行政诉讼情况\n"
          "因政府信息公开被申请行政复议0件，被提起行政诉讼0件。\n")

# modules a .txt report never needs: other formats' readers, OCR, fuzzy matching, spaCy,
# and pkg_resources (jieba imports it only to open its own files)
NOT_FOR_TXT = ("pdfplumber", "pdfminer", "pypdfium2", "lxml", "docx", "onnxruntime", "rapidocr_onnxruntime",
               "rapidfuzz", "spacy", "pkg_resources", "PIL", "numpy", "reportlab", "psutil")

PROBE = r"""
import json, sys
before = set(sys.modules)
pre_pkg = "pkg_resources" in sys.modules
import extractor
rec = extractor.extract(sys.argv[1])
from extractor import segment
import jieba
cut = segment._cutter.get("cut")
print(json.dumps({
    "new": sorted(m for m in set(sys.modules) - before),
    "pre_pkg_resources": pre_pkg,
    "values": rec.get("values", {}),
    "errors": rec.get("errors", []),
    "loaded_entries": len(cut.tk.FREQ) if cut else 0,
    "sharded": bool(cut and cut.shards is not None),
    "dictionary_entries": sum(1 for _ in cut.shards.index) if cut and cut.shards else 0,
    "global_jieba_loaded": bool(jieba.dt.initialized),
}))
"""


def _probe(path: Path, tmp_path: Path) -> dict:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "PYTHONPATH": str(ROOT)}
    import os

    for k in ("ZWGK_CACHE_DIR", "XDG_CACHE_HOME", "ZWGK_PATTERNS", "TMPDIR"):
        if k in os.environ:
            env[k] = os.environ[k]
    r = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, cwd=tmp_path,
                       env=env, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cold")
    f = tmp / "report.txt"
    f.write_text(REPORT, encoding="utf-8")
    _probe(f, tmp)  # the first run may build the dictionary cache: the second one is the cold start
    return _probe(f, tmp)


def test_one_txt_report_imports_nothing_another_format_needs(probe):
    assert not probe["errors"]
    assert probe["values"]  # it did read the report
    tops = {m.split(".")[0] for m in probe["new"]}
    needless = sorted(tops & set(NOT_FOR_TXT) - ({"pkg_resources"} if probe["pre_pkg_resources"] else set()))
    assert needless == []
    loaders = sorted(m for m in probe["new"] if m.startswith("extractor.load."))
    # the dispatcher's first-bytes sniffer runs for every file; then the text loader and the
    # modules of text tables (textables and its parts, portal chrome, embedded markup, the
    # CJK joining rule of layout/text) — no other format's loader
    text_family = {"extractor.load." + m for m in (
        "sniff", "txt", "textables", "textcells", "textrows", "textcolumns", "textstreams",
        "chrome", "markup_in_text", "layout", "layout.text")}
    assert set(loaders) <= text_family, sorted(set(loaders) - text_family)
    assert {"extractor.load.sniff", "extractor.load.txt", "extractor.load.textables"} <= set(loaders)
    other = ("html", "html_page", "docx", "pdf", "pdf_chars", "pdf_tables", "pdf_guards", "ocr", "ocr_rapid",
             "ocr_scan", "ocr_tesseract", "office", "doc_binary", "rtf", "wordtables")
    assert not {"extractor.load." + m for m in other} & set(loaders)


def test_the_word_guard_loads_a_small_part_of_the_dictionary(probe):
    # Chinese-numeral figures (一百二十条, 两件, 两次) make the word guard segment sentences
    assert probe["sharded"]
    assert probe["loaded_entries"] > 0
    # jieba's whole prefix dictionary holds ~500k entries under ~12k first characters: a
    # short report's sentences need a few percent of it
    assert probe["dictionary_entries"] > 5000
    assert probe["loaded_entries"] < 60_000
    assert not probe["global_jieba_loaded"]  # the spaCy path's global tokenizer stays unloaded


def test_forkserver_warm_up_does_not_load_jieba_or_other_formats(tmp_path):
    code = ("import sys, json; before = set(sys.modules); import extractor._preload; "
            "import jieba; from extractor import segment; "
            "print(json.dumps({'new': sorted(set(sys.modules) - before), "
            "'global': bool(jieba.dt.initialized), 'cut': 'cut' in segment._cutter}))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "PYTHONPATH": str(ROOT)},
                       timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    tops = {m.split(".")[0] for m in out["new"]}
    assert not tops & {"pdfplumber", "pypdfium2", "lxml", "docx", "onnxruntime", "spacy", "rapidfuzz"}
    assert not out["global"] and not out["cut"]


SERVER_PROBE = r"""
import json, sys
from multiprocessing import forkserver
from extractor import cli
rc = cli.main(["extract", *sys.argv[2:], "-o", sys.argv[1], "--jobs", "1", "--force", "--quiet"])
from extractor.batch import worker
print(json.dumps({"rc": rc, "server": forkserver._forkserver._forkserver_pid is not None,
                  "preloaded": "extractor._preload" in sys.modules, "psutil": "psutil" in sys.modules,
                  "warm": worker._WARM[0]}))
"""


def _cli_probe(tmp_path: Path, out: Path, *inputs) -> dict:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-c", SERVER_PROBE, str(out), *map(str, inputs)], capture_output=True,
                       text=True, cwd=ROOT, env=env, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_one_input_file_runs_without_the_worker_server(tmp_path):
    """`zwgk extract FILE` forks its one worker from the CLI process (no worker server
    booting and warming up for one file); the record is the API's, byte for byte the
    same as a folder run's through the server."""
    src = tmp_path / "in"
    src.mkdir()
    f = src / "report.txt"
    f.write_text(REPORT, encoding="utf-8")
    one = _cli_probe(tmp_path, tmp_path / "one", f)
    # (the worker's memory is watched through /proc: psutil is not imported either)
    assert one == {"rc": 0, "server": False, "preloaded": False, "psutil": False, "warm": False}
    (src / "other.txt").write_text(REPORT.replace("2019", "2018"), encoding="utf-8")
    many = _cli_probe(tmp_path, tmp_path / "many", src)
    assert many["rc"] == 0
    for year in range(2014, 2018):  # more than a handful of files
        (src / f"r{year}.txt").write_text(REPORT.replace("2019", str(year)), encoding="utf-8")
    batch = _cli_probe(tmp_path, tmp_path / "batch", src)
    assert batch["rc"] == 0
    if sys.platform.startswith("linux"):
        # a few files: cold workers forked from the CLI process; a batch: the CLI process
        # warms up once and forks its workers warm; no worker server either way
        assert not many["server"] and not many["warm"]
        assert not batch["server"] and batch["warm"] and not batch["preloaded"]
    else:
        assert many["server"] and batch["server"]
    a = (tmp_path / "one" / "report.txt.json").read_bytes()
    rec = json.loads(a)
    assert rec["values"] and not rec["errors"]
    for run in ("many", "batch"):
        b = (tmp_path / run / "in" / "report.txt.json").read_bytes()
        assert a.replace(str(f).encode(), b"") == b.replace(str(f).encode(), b"")
