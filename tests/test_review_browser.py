"""The review site in a real headless browser (Chromium from the Debian packages, Selenium).

Skipped with the reason when chromium/chromium-driver or selenium are not installed
(.ci/run installs them). Pages are opened from disk (file://), as a person would."""
from __future__ import annotations

import csv
import glob
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from corpus_results import BUNDLED, REAL, extracted
from extractor.cli import main as cli_main
from extractor.review.browser import BrowserUnavailable, chromium_driver, console_errors
from extractor.review.site import build_site

By = pytest.importorskip("selenium.webdriver.common.by", reason="selenium is not installed").By
Select = pytest.importorskip("selenium.webdriver.support.ui", reason="selenium is not installed").Select


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(downloads):
    try:
        d = chromium_driver(download_dir=str(downloads))
    except BrowserUnavailable as e:
        pytest.skip(str(e))
    yield d
    d.quit()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """(OUTDIR, SITE) for the bundled corpus extracted with --emit-text."""
    out = tmp_path_factory.mktemp("out")
    assert cli_main(["extract", str(BUNDLED), "-o", str(out), "--emit-text", "-q"]) == 0
    site = tmp_path_factory.mktemp("site")
    build_site(out, site)
    return out, site


def _open(driver, path: Path):
    driver.get(path.resolve().as_uri())
    assert console_errors(driver) == []


def _records(out: Path):
    for f in sorted(out.rglob("*.json")):
        yield f.relative_to(out).as_posix()[:-5], json.loads(f.read_text(encoding="utf-8"))


_MARK_TEXTS = """
var out = {};
document.querySelectorAll('mark[data-fact]').forEach(function (m) {
  var f = m.getAttribute('data-fact');
  out[f] = (out[f] || '') + m.textContent;
});
var keys = {};
document.querySelectorAll('mark[data-fact]').forEach(function (m) { keys[m.getAttribute('data-fact')] = m.getAttribute('data-key'); });
return [out, keys, document.getElementById('text').textContent];
"""


def _check_marks(driver, out: Path, site: Path):
    n = 0
    for doc_id, rec in _records(out):
        _open(driver, site / "docs" / (doc_id + ".html"))
        texts, keys, shown = driver.execute_script(_MARK_TEXTS)
        text = (out / (doc_id + ".text.txt")).read_text(encoding="utf-8")
        assert shown == text, doc_id
        for i, f in enumerate(rec["facts"]):
            assert texts.get(str(i)) == f["evidence"], (doc_id, i, f["key"])
            assert keys[str(i)] == f["key"]
        n += len(rec["facts"])
    return n


def test_index_loads_and_lists_every_document(driver, bundled):
    out, site = bundled
    _open(driver, site / "index.html")
    n = len(list(_records(out)))
    assert driver.find_element(By.ID, "count").text == f"{n} of {n} documents"
    ids = [tr.get_attribute("data-id") for tr in driver.find_elements(By.CSS_SELECTOR, "#rows tr")]
    assert sorted(ids) == sorted(d for d, _ in _records(out))
    assert console_errors(driver) == []


def test_a_filter_narrows_the_index(driver, bundled):
    out, site = bundled
    _open(driver, site / "index.html")
    recs = dict(_records(out))
    Select(driver.find_element(By.ID, "f-kind")).select_by_value("self_inspection")
    rows = driver.find_elements(By.CSS_SELECTOR, "#rows tr")
    want = sorted(d for d, r in recs.items() if r["document"]["kind"] == "self_inspection")
    assert 0 < len(want) < len(recs)
    assert sorted(tr.get_attribute("data-id") for tr in rows) == want
    Select(driver.find_element(By.ID, "f-kind")).select_by_value("")
    driver.find_element(By.ID, "f-conflicts").click()
    rows = driver.find_elements(By.CSS_SELECTOR, "#rows tr")
    assert sorted(tr.get_attribute("data-id") for tr in rows) == sorted(d for d, r in recs.items() if r["conflicts"])
    driver.find_element(By.ID, "f-conflicts").click()
    driver.find_element(By.ID, "f-search").send_keys("白沙")
    rows = driver.find_elements(By.CSS_SELECTOR, "#rows tr")
    assert rows and all("s52_baisha" in tr.get_attribute("data-id") for tr in rows)
    # a row links to its document page
    rows[0].find_element(By.CSS_SELECTOR, "a").click()
    assert driver.find_elements(By.CSS_SELECTOR, "mark[data-key]")
    assert console_errors(driver) == []


def test_index_pages_many_documents(driver, bundled, tmp_path):
    out, _site = bundled
    many = tmp_path / "many"
    src = next(out.rglob("a51_yunze-shuiliju-2016.txt.json"))
    for i in range(250):
        d = many / f"g{i // 100}"
        d.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, d / f"r{i:03d}.txt.json")
    site = tmp_path / "site"
    build_site(many, site, reextract=False)
    _open(driver, site / "index.html")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#rows tr")) == 100
    assert driver.find_element(By.ID, "pageinfo").text == "page 1 of 3"
    driver.find_element(By.ID, "next").click()
    driver.find_element(By.ID, "next").click()
    assert len(driver.find_elements(By.CSS_SELECTOR, "#rows tr")) == 50
    assert driver.find_element(By.ID, "next").get_attribute("disabled") is not None


def test_every_fact_has_its_mark_in_the_browser(driver, bundled):
    out, site = bundled
    assert _check_marks(driver, out, site) > 0


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real is not here")
def test_every_fact_of_the_real_corpus_has_its_mark_in_the_browser(driver, tmp_path):
    out = tmp_path / "out"
    for path, _g, _r, res, text in extracted(REAL):
        rel = path.relative_to(REAL).as_posix()
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / (rel + ".json")).write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
        (out / (rel + ".text.txt")).write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    res = build_site(out, site)
    assert res.unplaced == [] and res.documents == len(extracted(REAL))
    assert _check_marks(driver, out, site) == res.facts > 0


def test_clicking_a_value_highlights_its_evidence(driver, bundled):
    out, site = bundled
    _open(driver, site / "docs" / "corpus" / "a51_yunze-shuiliju-2016.pdf.html")
    buttons = driver.find_elements(By.CSS_SELECTOR, "#values button.goto[data-fact]")
    assert len(buttons) > 20
    for b in (buttons[0], buttons[len(buttons) // 2], buttons[-1]):
        f = b.get_attribute("data-fact")
        b.click()
        state = driver.execute_script("""
var ms = document.querySelectorAll('mark[data-fact="' + arguments[0] + '"]');
var box = document.getElementById('text').getBoundingClientRect(), r = ms[0].getBoundingClientRect();
return [ms.length, Array.prototype.every.call(ms, function (m) { return m.classList.contains('flash')
        && m.classList.contains('current'); }),
        r.top >= box.top && r.bottom <= box.bottom, document.querySelectorAll('mark.current').length];
""", f)
        n, flashed, visible, current = state
        assert n >= 1 and flashed and visible and current == n
    assert console_errors(driver) == []


def test_a_correction_round_trips_through_export(driver, bundled, downloads, tmp_path):
    out, site = bundled
    doc = "corpus/a51_yunze-shuiliju-2016.txt"
    rec = json.loads((out / (doc + ".json")).read_text(encoding="utf-8"))
    _open(driver, site / "docs" / (doc + ".html"))
    driver.execute_script("localStorage.clear()")
    driver.refresh()
    td = driver.find_element(By.CSS_SELECTOR, 'td.review[data-key="proactive.total"]')
    td.find_element(By.CSS_SELECTOR, "input.newval").send_keys("1286")
    td.find_element(By.CSS_SELECTOR, "input.note").send_keys("正文为1286")
    td.find_element(By.CSS_SELECTOR, "button.save").click()
    assert "corrected to 1286" in td.text
    driver.find_element(By.CSS_SELECTOR, 'td.review[data-key="staff.total"] button.wrong').click()
    driver.find_element(By.CSS_SELECTOR, 'td.review[data-key="staff.part_time"] button.confirm').click()
    bad = driver.find_element(By.CSS_SELECTOR, 'td.review[data-key="staff.full_time"]')
    bad.find_element(By.CSS_SELECTOR, "input.newval").send_keys("2.5")   # not a count: refused in the page
    bad.find_element(By.CSS_SELECTOR, "button.save").click()
    assert "whole number" in bad.text
    from extractor.export import column_name
    from extractor.keys import key_units

    added = next(k for k, u in key_units().items() if u == "money" and k not in rec["values"])
    driver.find_element(By.ID, "add-key").send_keys(added)
    driver.find_element(By.ID, "add-value").send_keys("1500")
    driver.find_element(By.CSS_SELECTOR, "#add-form button[type=submit]").click()
    # kept in the browser: still there after a reload
    driver.refresh()
    assert driver.find_element(By.ID, "corr-count").text.startswith("4 corrections")
    for f in glob.glob(str(downloads / "*")):
        os.remove(f)
    driver.find_element(By.ID, "corr-download").click()
    path = None
    for _ in range(100):
        found = [p for p in glob.glob(str(downloads / "corrections*.json"))]
        if found:
            path = found[0]
            break
        time.sleep(0.1)
    assert path, "corrections.json was not downloaded"
    time.sleep(0.2)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    by_key = {c["key"]: c for c in data["corrections"]}
    assert set(by_key) == {"proactive.total", "staff.total", "staff.part_time", added}
    c = by_key["proactive.total"]
    assert (c["document"], c["old_value"], c["new_value"], c["note"]) == (doc, 1268, 1286, "正文为1286")
    assert c["time"] and c["sha256"] == rec["source"]["sha256"]
    base = tmp_path / "data"
    assert cli_main(["export", str(out), "--to", "csv", "-o", str(base), "-q", "--corrections", path]) == 0
    with open(f"{base}.wide.csv", encoding="utf-8", newline="") as f:
        wide = {r["doc_id"]: r for r in csv.DictReader(f)}[doc]
    assert wide["proactive_total"] == "1286" and wide["staff_total"] == "" and wide[column_name(added)] == "1500.0"
    assert wide["staff_part_time"] == str(rec["values"]["staff.part_time"])
    with open(f"{base}.long.csv", encoding="utf-8", newline="") as f:
        long = [r for r in csv.DictReader(f) if r["doc_id"] == doc]
    chosen = {r["key"]: r for r in long if r["chosen"] == "true"}
    assert chosen["proactive.total"]["review"] == "corrected" and chosen["proactive.total"]["corrected_by"] == path
    assert chosen[added]["origin"] == "correction" and chosen[added]["review"] == "added"
    assert chosen["staff.part_time"]["review"] == "confirmed"
    assert "staff.total" not in chosen
    assert console_errors(driver) == []
    driver.execute_script("localStorage.clear()")
