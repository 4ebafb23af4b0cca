"""Screenshots of the review site for the README (docs/review-index.png, docs/review-document.png).

    python -m extractor.review.screenshots docs/

Extracts the bundled corpus (with --emit-text) into a temporary folder, builds the site,
opens it in headless Chromium (extractor.review.browser) and saves an index page and a
document page (a value clicked, its evidence flashing), shrunk to small palette PNGs.
Chinese text shows as boxes unless a CJK font is installed: the machine this project runs
on keeps none, so one was installed only to take the committed pictures (see README).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _small_png(src: Path, dest: Path, width: int) -> None:
    from PIL import Image

    im = Image.open(src).convert("RGB")
    if im.width > width:
        im = im.resize((width, round(im.height * width / im.width)), Image.LANCZOS)
    im.quantize(colors=96, method=Image.Quantize.MEDIANCUT).save(dest, optimize=True)


def take(dest: str | Path, width: int = 1000) -> list[Path]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from ..cli import main as cli_main
    from .browser import chromium_driver
    from .site import build_site

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zwgk-shots-") as tmp:
        tmp = Path(tmp)
        out, site = tmp / "out", tmp / "site"
        cli_main(["extract", str(ROOT / "corpus"), "-o", str(out), "--emit-text", "-q"])
        build_site(out, site)
        d = chromium_driver(width=1280, height=760)
        try:
            d.get((site / "index.html").as_uri())
            Select(d.find_element(By.ID, "f-template")).select_by_value("gb2019")
            d.save_screenshot(str(tmp / "index.png"))
            d.get((site / "docs" / "corpus" / "a51_yunze-shuiliju-2016.docx.html").as_uri())
            d.find_element(By.CSS_SELECTOR, 'td.review[data-key="staff.total"] button.confirm').click()
            b = d.find_element(By.CSS_SELECTOR, '#values tr[data-key="proactive.total"] button.goto')
            b.click()
            time.sleep(0.3)
            d.save_screenshot(str(tmp / "doc.png"))
            d.execute_script("localStorage.clear()")
        finally:
            d.quit()
        written = [dest / "review-index.png", dest / "review-document.png"]
        _small_png(tmp / "index.png", written[0], width)
        _small_png(tmp / "doc.png", written[1], width)
    return written


if __name__ == "__main__":
    for p in take(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs"):
        print(p, p.stat().st_size, "bytes")
