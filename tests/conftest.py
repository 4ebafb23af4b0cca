import os
import shutil
import sys
import tempfile
from pathlib import Path

# The suite derives and stores blobs (rule files parsed, regex programs, the word guard's
# dictionary) through extractor.resources.cache_dir(). Its temporary rule folders and edited
# sources would otherwise land in the user's ~/.cache/zwgk, where they push out the blobs of
# the real rules and make later cold-start figures depend on what the tests ran (session 16
# S11). Unless the caller names a folder, the run gets its own and removes it at the end.
if not os.environ.get("ZWGK_CACHE_DIR"):
    _run_cache = tempfile.mkdtemp(prefix="zwgk-test-cache-")
    os.environ["ZWGK_CACHE_DIR"] = _run_cache

    def pytest_unconfigure(config):
        shutil.rmtree(_run_cache, ignore_errors=True)


sys.path.insert(0, str(Path(__file__).resolve().parent))
