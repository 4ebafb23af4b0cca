"""The review page: a static site to see every value with its evidence and correct it.

    from extractor.review import build_site
    print(build_site("out/", "site/").text())

See extractor/review/site.py (the site), marks.py (evidence marks in the text) and
extractor/corrections.py (what a person's corrections do to export and eval).
"""
from .site import BuildResult, build_site, serve

__all__ = ["build_site", "serve", "BuildResult"]
