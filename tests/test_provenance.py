"""Every value is backed by a fact whose evidence is exactly text[offset] (whole corpora)."""
import pytest

from corpus_results import BUNDLED, REAL, extracted


def _check(corpus):
    checked = 0
    for path, _gold, _r, res, text in extracted(corpus):
        facts = res["facts"]
        for f in facts:
            a, b = f["offset"]
            assert text[a:b] == f["evidence"], (path.name, f)
            assert f["origin"] in ("text", "table")
            assert f["rule"]
        for key, value in res["values"].items():
            backing = [f for f in facts if f["key"] == key and f["value"] == value]
            assert backing, f"{path.name}: value {key}={value!r} has no fact"
            checked += 1
        for t in res["score_tables"]:
            a, b = t["offset"]
            assert 0 <= a < b <= len(text)
    return checked


def test_bundled_corpus_values_have_exact_evidence():
    if not any(BUNDLED.glob("*.gold.json")):
        pytest.skip("bundled corpus not generated")
    assert _check(BUNDLED) > 0


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real not available")
def test_real_corpus_values_have_exact_evidence():
    assert _check(REAL) > 100
