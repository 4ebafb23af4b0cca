"""Session 14 P7: a one-character function word glued before an agency name that a bare
level word leads (以市政府办公室 of 以市政府办公室名义印发 - b25 av06) is no part of the name:
the name is the rest (patterns/metadata.yaml agency_function_stems stems + glued_extra, levels).
Real places that start with such a character stay whole (和平县, 和静县, 和县, 经济技术开发区)."""
import pytest

from extractor.metadata_base import clean_agency


@pytest.mark.parametrize("cand, want", [
    ("以市政府办公室", "市政府办公室"),     # b25 av06's shape
    ("经县人民政府", "县人民政府"),
    ("和区政府办公室", "区政府办公室"),
    ("以市政府", None),                     # the rest names no body (市政府 is generic)
    ("和区", None),                         # (the older guard: a stem before a bare place ending)
])
def test_glued_function_word_is_trimmed(cand, want):
    assert clean_agency(cand) == want


@pytest.mark.parametrize("name", [
    "和平县教育局", "和静县人民政府", "和县教育局", "经济技术开发区经济发展局", "向县政府办公室",
    "市政府办公室", "以色列",
])
def test_real_names_starting_with_such_a_character_stay(name):
    got = clean_agency(name)
    assert got is None or got == name



@pytest.mark.parametrize("cand", ["区局", "市局", "县局", "省局", "时调整了市水务局"])
def test_a_bare_level_bureau_or_a_clause_with_a_particle_is_no_name(cand):
    # (a level word and a bare 局 names no body, as 市政府: agency_generic; 了 is a verb's particle: agency_bad)
    assert clean_agency(cand) is None


@pytest.mark.parametrize("name", ["市水务局", "区教育局", "县公安局", "省统计局"])
def test_a_level_bureau_named_stays(name):
    assert clean_agency(name) == name
