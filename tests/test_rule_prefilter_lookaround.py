"""The rule index's prefilter literals (session 14, issue 11): a pattern only the ``regex``
module reads (\\p{Han}) gets literals too (``required`` reads a property class as one
character), and a pattern's top-level lookarounds add theirs (``required_around``: the
index scans the very sentence the pattern is searched in). Before, the ~1.5-2 KB outlet
patterns written with \\p{Han} had none and ran on every sentence holding a figure."""
from __future__ import annotations

from pathlib import Path

from extractor import rules, segment
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.rules.mask import LazyMasked
from extractor.rules.match import respectively_candidates, sentence_candidates

_ROOT = Path(__file__).resolve().parents[1]

# (YAML single quotes: the backslash is the regex's own)
_RULES = r"""rules:
  - {key: proactive.via.website, id: han, patterns: ['\p{Han}{2}网站发布信息<Q>']}
  - {key: proactive.via.wechat, id: behind, patterns: ['(?<=微信公众号,[^。]{0,20})发布信息<Q>']}
"""


def _load(tmp_path, monkeypatch):
    monkeypatch.setenv("ZWGK_RULES_CACHE", "0")
    (tmp_path / "t.yaml").write_text(_RULES, encoding="utf-8")
    return str(tmp_path), rules.load_rules(str(tmp_path))


def _find(directory, text):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    b.add_paragraph(text)
    doc = normalize(b.build())
    return rules.simple_values(rules.find_facts(doc, segment.segment(doc), directory=directory))


def test_a_regex_only_pattern_and_a_lookbehind_give_literals(tmp_path, monkeypatch):
    _, rs = _load(tmp_path, monkeypatch)
    han, behind = rs.rules
    assert ("网站发布信息",) in han.pattern_needs[0]          # \p{Han}: was None
    assert ("微信公众号,",) in behind.pattern_needs[0]         # the lookbehind's literal


def test_the_literals_gate_the_rules_and_the_figures_stay(tmp_path, monkeypatch):
    d, rs = _load(tmp_path, monkeypatch)
    han, behind = rs.rules
    # no literal of either: neither pattern is even compiled
    assert _find(d, "全年发布信息12条。") == {}
    assert "patterns" not in han.__dict__ and "patterns" not in behind.__dict__
    # the lookbehind's literal elsewhere than where the pattern needs it: run, nothing read
    assert _find(d, "门户网站发布信息7条,微信公众号,已关注。") == {"proactive.via.website": 7}
    assert _find(d, "微信公众号,全年发布信息12条。") == {"proactive.via.wechat": 12}


def _sentences():
    """Sentences of the repository's corpus/ reports (txt renderings) and of batches b23, b24."""
    for p in [*sorted((_ROOT / "corpus").glob("*.txt")), *sorted((_ROOT / "tests/real/b23").glob("*.txt")),
              *sorted((_ROOT / "tests/real/b24").glob("*.txt"))]:
        if p.name.count(".") != 1:
            continue
        b = DocumentBuilder(Source(path=p.name, format="txt"))
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                b.add_paragraph(line)
        doc = normalize(b.build())
        for s in segment.segment(doc).sentences:
            yield s.text, " / ".join(h.title for h in (s.headings or []))


def _cands(rs, text, section, index):
    mq = LazyMasked(text)
    out = [*sentence_candidates(rs.rules, text, section, None, index, mq, None, defer_paragraph=True),
           *respectively_candidates(rs.rules, text, section, None, index, mq, None, defer_paragraph=True)]
    return sorted((c.rule.rule_id, repr(c.value), c.a, c.b, c.zero) for c in out)


def test_the_shipped_rules_read_the_same_with_and_without_the_prefilter():
    # every candidate of every sentence of corpus/ (the shipped rules, ~450 patterns): the
    # literals only leave out patterns that cannot match
    rs = rules.load_rules(None)
    n = found = 0
    ids = set()
    for text, section in _sentences():
        if not any(c.isdigit() for c in text) and "零" not in text and "无" not in text and "未" not in text:
            continue
        with_index = _cands(rs, text, section, rs.index)
        assert with_index == _cands(rs, text, section, None), text
        n += 1
        found += bool(with_index)
        ids.update(c[0] for c in with_index)
    assert n > 1200 and found > 200, (n, found)
    # rules whose literals are new (\p{Han} outlet frames, a subject in a lookbehind) among them
    assert {"proactive.via.website#outlet", "proactive.total#disclosure-outlet"} <= ids
