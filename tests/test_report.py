"""The HTML review, opened in a real browser (headless Chromium through Selenium)."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from cleaner.cli import main

CORPUS = ROOT.parent / "shared" / "corpus" / "dev.jsonl"
SENTENCE = "The council met on Tuesday to debate the budget for the coming year, officials said."


def _browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install '.[test]')")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        pytest.skip("no Chromium and chromedriver here (Debian: apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900"):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(driver))


@pytest.fixture(scope="module")
def browser():
    driver = _browser()
    yield driver
    driver.quit()


def _tree(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text(f"{SENTENCE}\nLoading...\nReuters\n{SENTENCE} Again.\n")
    (folder / "b.txt").write_text(f"{SENTENCE}\nAdvertisement\n\n{SENTENCE} More.\nShare this article\n\n"
                                  f"{SENTENCE} Last.\nREAD MORE: Storm hits the coast\n")
    (folder / "c.txt").write_text(f"{SENTENCE}\n")  # unchanged


def test_the_report_works_in_a_browser(tmp_path, browser):
    from selenium.webdriver.common.by import By

    _tree(tmp_path / "tree")
    report = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "tree"), "--html", str(report)])
    assert result.exit_code == 0, result.output
    browser.get(report.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "#index tbody tr")
    assert [row.find_element(By.TAG_NAME, "a").text.rpartition("/")[2] for row in rows] == ["b.txt", "a.txt"]
    assert "3 files reviewed, 2 changed" in browser.find_element(By.ID, "totals").text
    # The index link opens the file's diff, with the reason beside each removed line.
    rows[0].find_element(By.TAG_NAME, "a").click()
    opened = browser.find_element(By.CSS_SELECTOR, "details.file[open]")
    assert opened.get_attribute("data-name").endswith("b.txt")
    promo = opened.find_element(By.CSS_SELECTOR, ".f-promos")
    assert promo.is_displayed() and "promos:" in promo.text
    # Hiding a filter hides its lines, and only those.
    browser.find_element(By.CSS_SELECTOR, '#filters input[data-filter="promos"]').click()
    assert not promo.is_displayed()
    assert opened.find_element(By.CSS_SELECTOR, ".f-teasers").is_displayed()
    # Searching narrows the index and the files.
    search = browser.find_element(By.ID, "search")
    search.send_keys("span")  # markup is no text: matches no file
    assert not [row for row in browser.find_elements(By.CSS_SELECTOR, "#index tbody tr") if row.is_displayed()]
    search.clear()
    search.send_keys("Reuters")
    visible = [row for row in browser.find_elements(By.CSS_SELECTOR, "#index tbody tr") if row.is_displayed()]
    assert [row.text.split()[0].rpartition("/")[2] for row in visible] == ["a.txt"]
    # The page is drawn: its screenshot is not the blank page's.
    drawn = browser.get_screenshot_as_png()
    browser.get("about:blank")
    assert drawn != browser.get_screenshot_as_png()


@pytest.mark.skipif(not CORPUS.exists(), reason="needs the dev corpus")
def test_the_report_of_the_dev_corpus_tree_lists_every_file(tmp_path, browser):
    from selenium.webdriver.common.by import By

    tree = tmp_path / "tree"
    tree.mkdir()
    for number, line in enumerate(CORPUS.open(encoding="utf-8"), 1):
        (tree / f"{number:04}.txt").write_text(json.loads(line)["raw"], encoding="utf-8")
    report = tmp_path / "report"
    report.mkdir()
    assert CliRunner().invoke(main, ["diff", str(tree), "--html", str(report)]).exit_code == 0
    browser.get((report / "index.html").as_uri())
    data = json.loads(browser.find_element(By.ID, "data").get_attribute("textContent"))
    assert data["files"] == 461
    assert len(browser.find_elements(By.CSS_SELECTOR, "#index tbody tr")) == data["changed"] > 400
