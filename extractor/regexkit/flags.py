"""The ``regex`` parser's flag constants as plain ints (issue 11: start-up CPU).

``regex`` keeps its flags (IGNORECASE, VERBOSE, V0, …) as members of an ``enum.IntFlag``
and its parser, written in Python, combines them tens of times per pattern
(``info.flags & CASE_FLAGS``, ``flags | UNICODE`` …). On Python 3.11 every such ``&``
or ``|`` on an IntFlag goes through ``enum``'s Python-level ``__and__``/``__call__``: ~150,000
calls, about a fifth of the CPU that compiling the project's ~850 ``regex`` patterns
takes (the batch's worker server compiles them all once; a cold single file compiles
those it needs). Rebinding the parser's own module-level constants (and the small
tables built from them) to the same values as ints makes those operations plain int
arithmetic. The values are unchanged, so every pattern compiles to the same code: only
``regex``'s private modules are touched, its public names (``regex.IGNORECASE``,
``regex.DEFAULT_VERSION``) stay IntFlags, and patterns given IntFlags still compile
the same (``int | IntFlag`` is an IntFlag again; only speed differs).
"""
from __future__ import annotations

_DONE = [False]


def plain_int_flags() -> bool:
    """Rebind ``regex._regex_core``'s and ``regex._main``'s IntFlag constants (and dicts
    of them) to ints, once per process. Returns whether it did (False when ``regex`` has
    another layout: nothing is touched then)."""
    if _DONE[0]:
        return True
    try:
        import regex._main as main
        import regex._regex_core as core
    except ImportError:
        return False
    flag_type = getattr(core, "RegexFlag", None)
    if not (isinstance(flag_type, type) and issubclass(flag_type, int)):
        return False

    def plain(x):
        return int(x) if isinstance(x, flag_type) else x

    for mod in (core, main):
        for name, value in list(vars(mod).items()):
            if name.startswith("__") or isinstance(value, type):
                continue
            if isinstance(value, flag_type):
                setattr(mod, name, int(value))
            elif isinstance(value, dict) and any(isinstance(x, flag_type) for x in (*value, *value.values())):
                setattr(mod, name, {plain(k): plain(v) for k, v in value.items()})
    _DONE[0] = True
    return True


__all__ = ["plain_int_flags"]
