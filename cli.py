#!/usr/bin/env python3
"""Command line: ``python cli.py extract|eval ...`` (same as the ``zwgk`` command)."""
from extractor.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
