"""Facts from prose: declarative pattern rules (``patterns/facts/*.yaml``, format in
``patterns/README.md``) applied to the sentences of :mod:`extractor.segment`.

    from extractor import rules
    rules.find_facts(doc, seg)      # -> Findings (facts with evidence, warnings)

Modules: :mod:`.schema` (a rule and its fields), :mod:`.loader` (files, macros, checks;
:mod:`.cache` keeps the checks on disk), :mod:`.index` (the prefilter of a rule set),
:mod:`.mask` (quantities masked), :mod:`.match` (one sentence's candidates),
:mod:`.guard` (jieba word guard), :mod:`.facts` (a document's facts). How the prefilter
and lazy compiling keep this fast: docs/PERFORMANCE-NOTES.md.
"""
from ..resources import patterns_dir
from .facts import find_facts, simple_values
from .index import RuleSet
from .loader import PATTERNS_DIR, compile_all, load_examples, load_file, load_rules, rule_files
from .match import Candidate
from .schema import PatternError, Rule

__all__ = ["find_facts", "load_rules", "compile_all", "load_examples", "simple_values", "PatternError", "Rule",
           "RuleSet", "Candidate", "PATTERNS_DIR", "load_file", "rule_files", "patterns_dir"]
