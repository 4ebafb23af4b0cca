"""patterns/linebreaks.yaml's examples: two whole lines and whether the break between them
lies inside one sentence (normalisation joins it) or ends a unit, run through the same
decision the loader's soft breaks take (``linebreaks._soft_join``). Adding an opener or a
title ending is a data edit; its example shows what it changes."""
import pytest

from extractor import linebreaks
from extractor.resources import load_yaml, patterns_dir

_EXAMPLES = load_yaml(patterns_dir() / "linebreaks.yaml")["examples"]


@pytest.mark.parametrize("ex", _EXAMPLES, ids=[e["before"][:12] for e in _EXAMPLES])
def test_linebreaks_example(ex):
    assert linebreaks._soft_join(ex["before"], ex["after"]) is ex["join"]


def test_examples_cover_both_answers_and_every_list():
    assert {e["join"] for e in _EXAMPLES} == {True, False}
    data = load_yaml(patterns_dir() / "linebreaks.yaml")
    for key in ("heading_marks", "unit_openers", "title_endings", "sentence_openers"):
        assert data[key], key
