"""Required-literal analysis of a regex: what every match must contain.

``required(src)`` gives literal sets (each: one of its strings is in every match), read
from the standard library's regex parser (``re._parser``; ``sre_parse`` before 3.11), the
one place in the project that touches that private module. ``parse_tree`` also tells
whether ``re`` reads a source as ``regex`` does (see :mod:`.engine`).
"""
from __future__ import annotations

import regex

EXACT_MAX = 32     # largest finite set of strings tracked for a sub-pattern


# syntax the stdlib parser reads differently from the `regex` module
_REGEX_ONLY = regex.compile(r"\\[pPNmMXGKL]|\(\?[|V]|\{[^}0-9,]")


def regex_only(src: str) -> bool:
    """``src`` uses syntax that the standard library's parser reads differently from
    ``regex`` (POSIX classes, \\p{…}, branch reset, version flags, named-list braces)."""
    return "[:" in src or _REGEX_ONLY.search(src) is not None


def parse_tree(src: str):
    """(parse tree of ``src`` by the standard library's regex parser, its constants module);
    the tree is None where that parser does not read ``src`` as ``regex`` does (``regex``-only
    syntax), rejects it, or case-insensitive / verbose flags are set."""
    try:
        from re import _constants as C, _parser as P  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_constants as C  # type: ignore
        import sre_parse as P  # type: ignore
    if regex_only(src):
        return None, C
    try:
        tree = P.parse(src)
    except Exception:
        return None, C
    if tree.state.flags & (C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_VERBOSE):
        return None, C
    return tree, C


# a Unicode property class (\p{Han}, \P{Han}: ``regex``-only syntax), or an escaped pair
_PROPERTY_OR_ESCAPE = regex.compile(r"(?P<prop>\\[pP]\{[^{}\\]*\})|\\.", regex.DOTALL)


def _one_char_classes(src: str) -> str:
    r"""``src`` with each property class (\p{Han}) written as ``\W``: like it, one character
    of a class this analysis never takes a literal from, in a set or outside one, negated
    or not (escaped pairs such as ``\\p`` are left as they are). What every match of the
    original contains, every match of this one does too, so the literals hold for both."""
    if "\\p{" not in src and "\\P{" not in src:
        return src
    return _PROPERTY_OR_ESCAPE.sub(lambda m: "\\W" if m.group("prop") else m.group(), src)


# a regex that never matches, as data writes it for a key with no label of its own: (?!), (?:(?!))
_NEVER = regex.compile(r"(?P<open>(?:\(\?:)*)\(\?!\)(?P<close>\)*)")


def required(src: str) -> tuple[tuple[str, ...], ...] | None:
    r"""What every match of ``src`` contains: a tuple of literal sets, each of which has
    (at least) one of its strings in the match, most selective first (None: unknown);
    ``((),)`` for a regex that never matches (``(?!)``: no literal can meet it).
    Property classes (\p{Han}) are analysed as the one character they match (issue 11:
    clause labels written with \p{Han} had no prefilter and were searched for every figure)."""
    # (kept on disk with the compiled programs, regexkit.programs.derived: a function of the
    # source, this file and the parsers; the warm-up derives ~120 label sources at every start)
    from .programs import derived

    return derived("required", src, _required)


def _required(src: str) -> tuple[tuple[str, ...], ...] | None:
    """:func:`required`, computed."""
    m = _NEVER.fullmatch(src)
    if m and len(m.group("open")) == 3 * len(m.group("close")):
        return ((),)
    tree, C = parse_tree(_one_char_classes(src))
    if tree is None:
        return None
    return required_of(tree, C)


def required_around(src: str) -> tuple[tuple[str, ...], ...] | None:
    """What a text holds wherever ``src`` matches in it: :func:`required`'s literal sets
    and those of each positive lookaround at the top level of ``src`` (``(?<=结转|转入)…``,
    ``…(?=办理|答复)``: its content is matched in the text beside the match, so its
    literals are in the text though not in the match). For a prefilter over the very text
    the pattern searches (a lookbehind sees before ``pos``, never before the text's start);
    not for a slice of it. None: unknown."""
    base = required(src)
    if base == ((),):
        return base
    tree, C = parse_tree(_one_char_classes(src))
    sets = list(base or ())
    for op, av in (tree.data if tree is not None else ()):
        if op == C.ASSERT:  # (av: direction, sub-pattern; ASSERT_NOT, a negative one, holds nothing)
            for alts in required_of(av[1], C) or ():
                if alts not in sets:
                    sets.append(alts)
    if not sets:
        return None
    return _most_selective_first(sets)


def required_of(tree, C):
    """:func:`required` of a parse tree (see :func:`parse_tree`)."""
    repeats = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))
    zero_width = (C.AT, C.ASSERT, C.ASSERT_NOT)

    def exact_seq(seq):
        out = {""}
        for item in seq:
            e = exact(item)
            if e is None or len(out) * len(e) > EXACT_MAX:
                return None
            out = {a + b for a in out for b in e}
        return out

    def exact(item):
        """The finite set of texts ``item`` can match, or None."""
        op, av = item
        if op == C.LITERAL:
            return {chr(av)}
        if op in zero_width:
            return {""}
        if op == C.IN:
            chars = set()
            for o, a in av:
                if o == C.LITERAL:
                    chars.add(chr(a))
                elif o == C.RANGE and a[1] - a[0] < EXACT_MAX:
                    chars.update(chr(c) for c in range(a[0], a[1] + 1))
                else:
                    return None
            return chars if 0 < len(chars) <= EXACT_MAX else None
        if op == C.BRANCH:
            out = set()
            for b in av[1]:
                e = exact_seq(b)
                if e is None:
                    return None
                out |= e
            return out if len(out) <= EXACT_MAX else None
        if op == C.SUBPATTERN:
            if av[1] & C.SRE_FLAG_IGNORECASE:
                return None
            return exact_seq(av[3])
        if op == C.ATOMIC_GROUP:
            return exact_seq(av)
        if op in repeats:
            lo, hi, sub = av
            if lo != hi or lo > 3:
                return None
            e = exact_seq(sub)
            if e is None:
                return None
            out = {""}
            for _ in range(lo):
                if len(out) * len(e) > EXACT_MAX:
                    return None
                out = {a + b for a in out for b in e}
            return out
        return None

    def better(a, b):
        if b is None or "" in b:
            return a
        if a is None:
            return b
        ka = (min(map(len, a)), -len(a))
        kb = (min(map(len, b)), -len(b))
        return b if kb > ka else a

    def conj_seq(seq):
        """Requirements of a sequence: every one must hold (a list of literal sets)."""
        out, run = [], {""}
        for item in seq:
            e = exact(item)
            if e is not None and len(run) * len(e) <= EXACT_MAX:
                run = {a + b for a in run for b in e}
                continue
            out.append(run)
            if e is not None:
                run = e
            else:
                out.extend(conj(item))
                run = {""}
        out.append(run)
        return [r for r in out if r and "" not in r]

    def conj(item):
        op, av = item
        if op == C.BRANCH:  # one requirement: a literal of any of the branches
            alts = set()
            for b in av[1]:
                best = None
                for r in conj_seq(b):
                    best = better(best, r)
                if best is None:
                    return []
                alts |= best
            return [alts]
        if op == C.SUBPATTERN:
            return [] if av[1] & C.SRE_FLAG_IGNORECASE else conj_seq(av[3])
        if op == C.ATOMIC_GROUP:
            return conj_seq(av)
        if op in repeats and av[0] >= 1:
            return conj_seq(av[2])
        return []

    sets = conj_seq(tree.data if hasattr(tree, "data") else tree)
    out = []
    for r in sets:
        # a string that contains a shorter one of the set is implied by it
        keep: list[str] = []
        for x in sorted(r, key=lambda x: (len(x), x)):
            if not any(y in x for y in keep):
                keep.append(x)
        t = tuple(keep)
        if t not in out:
            out.append(t)
    if not out:
        return None
    return _most_selective_first(out)


def _most_selective_first(sets: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """The literal sets ordered most selective first: the longest shortest literal, then the fewest."""
    return tuple(sorted(sets, key=lambda t: (-min(map(len, t)), len(t))))


def may_match(text: str, needs) -> bool:
    """False when ``text`` lacks every literal of one of ``needs`` (``required``'s literal sets), so no match of
    the pattern they came from can be in it; True otherwise, and when ``needs`` is None (nothing known)."""
    if needs is None:
        return True
    # (plain loops: the generators of all(any(...)) cost more than the substring tests
    # on the short texts this is asked about, ~12,000 calls a pass of the dev texts)
    for alts in needs:
        for w in alts:
            if w in text:
                break
        else:
            return False
    return True
