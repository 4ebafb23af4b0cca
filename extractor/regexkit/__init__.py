"""Regex tools the rest of the code shares: required-literal analysis and the prefilter
built on it, the engine choice (``re`` or ``regex``) and one lazily compiled regex type.

    from extractor.regexkit import required, Prefilter, compile_fast, LazyRegex, compiled
"""
from .engine import RE_DIFFERS, compile_fast
from .lazy import LazyRegex, compiled
from .prefilter import Prefilter, set_bits
from .required import EXACT_MAX, may_match, parse_tree, required, required_around, required_of

__all__ = ["required", "required_around", "may_match", "required_of", "parse_tree", "EXACT_MAX", "Prefilter", "set_bits", "compile_fast",
           "RE_DIFFERS", "LazyRegex", "compiled"]
