"""A headless Chromium driven by Selenium, for the review page's tests and screenshots.

    from extractor.review.browser import chromium_driver, BrowserUnavailable
    driver = chromium_driver()          # raises BrowserUnavailable(reason) when it cannot start

Only the Debian packages' browser and driver are used (``apt-get install chromium
chromium-driver``: /usr/bin/chromium, /usr/bin/chromedriver, or $ZWGK_CHROMIUM /
$ZWGK_CHROMEDRIVER); Selenium is given both paths, so selenium-manager never looks for
(or downloads) a browser or a driver.
"""
from __future__ import annotations

import os
import shutil


class BrowserUnavailable(Exception):
    pass


def _find(env: str, names: tuple[str, ...]) -> str | None:
    p = os.environ.get(env)
    if p:
        return p if os.path.isfile(p) else None
    for n in names:
        found = shutil.which(n)
        if found:
            return found
    return None


def chromium_paths() -> tuple[str, str]:
    """(browser, driver) or BrowserUnavailable."""
    browser = _find("ZWGK_CHROMIUM", ("chromium", "chromium-browser"))
    driver = _find("ZWGK_CHROMEDRIVER", ("chromedriver",))
    if not browser or not driver:
        raise BrowserUnavailable("chromium and chromium-driver are not installed "
                                 "(apt-get install -y --no-install-recommends chromium chromium-driver)")
    return browser, driver


def chromium_driver(width: int = 1280, height: int = 900, download_dir: str | None = None):
    """A headless Chromium WebDriver with the browser console log kept."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as e:
        raise BrowserUnavailable(f"selenium is not installed ({e}); pip install -e '.[test]'") from None
    browser, driver = chromium_paths()
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium-manager: never fetch anything
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-extensions", "--no-first-run", "--disable-background-networking",
              f"--window-size={width},{height}", "--lang=zh-CN"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if download_dir:
        opts.add_experimental_option("prefs", {"download.default_directory": os.path.abspath(download_dir),
                                               "download.prompt_for_download": False})
    try:
        d = webdriver.Chrome(service=Service(executable_path=driver), options=opts)
    except Exception as e:  # noqa: BLE001 - a browser that does not start is "unavailable"
        raise BrowserUnavailable(f"chromium did not start: {type(e).__name__}: {str(e)[:300]}") from None
    if download_dir:
        try:
            d.execute_cdp_cmd("Page.setDownloadBehavior",
                              {"behavior": "allow", "downloadPath": os.path.abspath(download_dir)})
        except Exception:  # noqa: BLE001 - the prefs above still apply
            pass
    return d


def console_errors(driver) -> list[dict]:
    """SEVERE entries of the browser console since the last call."""
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


__all__ = ["chromium_driver", "chromium_paths", "console_errors", "BrowserUnavailable"]
