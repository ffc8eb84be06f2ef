"""The pipeline: the ledger, fixed point, configuration and the lines API."""

from collections import Counter

import pytest

import cleaner
from cleaner import Config, ConfigError, Line
from cleaner.filters import FILTERS, ORDER

SEED_TEXT = "Storm hits the coast.\n\nLoading...\n\nRoads were closed for hours.\nRoute 6\n"


def test_clean_and_explain_returns_kept_lines_and_ledger():
    result = cleaner.clean_and_explain(SEED_TEXT)
    assert result.text == "Storm hits the coast.\n\nRoads were closed for hours.\n"
    assert [line.number for line in result.kept] == [1, 2, 5]
    assert [(r.number, r.text, r.filter) for r in result.removals] == [
        (3, "Loading...", "placeholders"),
        (6, "Route 6", "trailing-junk"),
    ]
    assert result.counts_by_filter() == {"placeholders": 1, "trailing-junk": 1}
    assert len(result.source) == 6


def test_ledger_and_kept_lines_account_for_every_line():
    result = cleaner.clean_and_explain(SEED_TEXT)
    numbers = {line.number for line in result.kept if line.text} | {r.number for r in result.removals}
    assert numbers == {line.number for line in result.source if line.text}


def test_removing_a_line_can_expose_more_junk():
    # Only once the credit goes is the second caption next to the first; the
    # pipeline repeats until nothing more is dropped.
    caption = "Putin attends a meeting with members of the government."
    text = f"{caption}\nReuters\nAP\nGetty Images\nEPA\nAFP\n{caption}\nHe spoke for an hour.\n"
    result = cleaner.clean_and_explain(text)
    assert result.text == f"{caption}\nHe spoke for an hour.\n"


def test_config_only_enable_and_disable():
    assert Config.select(only=["credits", "teasers"]).filters == ("credits", "teasers")
    assert "credits" not in Config.select(disable=["credits"]).filters
    assert Config().filters == tuple(name for name in ORDER if FILTERS[name].default)
    assert "syndication" not in Config().filters
    enabled = Config.select(enable=["syndication"]).filters
    assert "syndication" in enabled and enabled.index("syndication") == list(
        name for name in ORDER if name in enabled).index("syndication"), "pipeline order kept"


def test_disabled_filter_removes_nothing():
    result = cleaner.clean_and_explain(SEED_TEXT, Config.select(disable=["placeholders"]))
    assert "Loading..." in result.text


def test_unknown_filter_names_are_errors_that_name_them():
    with pytest.raises(ConfigError, match="unknown filter 'nope', 'other'"):
        Config.select(only=["nope"], disable=["other", "credits"])


def test_config_pickles_for_worker_processes():
    import pickle

    config = Config.select(disable=["credits"])
    assert pickle.loads(pickle.dumps(config)) == config


def test_clean_lines_keeps_origins():
    from cleaner.origins import PAGE_TEXT, evidence_origin

    caption = evidence_origin("caption", "<figcaption>")
    lines = [Line(1, "A caption about the floods in the north.", caption),
             Line(2, "Loading...", PAGE_TEXT), Line(3, "The floods closed roads.", PAGE_TEXT)]
    result = cleaner.clean_lines(lines, cleaner.Config.select(disable=["page-markup"]))
    assert [line.origin for line in result.kept] == [caption, PAGE_TEXT]
    assert result.removals[0].line.origin == PAGE_TEXT


def test_clean_lines_rejects_duplicate_numbers():
    with pytest.raises(ValueError, match="unique"):
        cleaner.clean_lines([Line(1, "a"), Line(1, "b")])


def test_a_filter_that_drops_a_blank_line_is_a_bug():
    from cleaner.filters.registry import Filter

    def bad(lines, config):
        yield from ((line, "blank") for line in lines if not line.text)

    FILTERS["bad"] = Filter("bad", bad)
    try:
        with pytest.raises(ValueError, match="blank line"):
            cleaner.clean_and_explain("a\n\nb\n", Config(filters=("bad",)))
    finally:
        del FILTERS["bad"]


def test_windows_cut_at_paragraph_breaks_and_keep_line_numbers():
    from cleaner.textio import windows

    text = "one\ntwo\n\nthree\n\nfour\nfive\n"
    pieces = list(windows(text, size=10))
    assert "".join(pieces) == text
    # Before a blank line where there is one; at a line's end where there is none.
    assert pieces == ["one\ntwo\n", "\nthree\n", "\nfour\n", "five\n"]
    assert list(windows("a\r\nb\r\n\r\nc\r\n", size=8)) == ["a\r\nb\r\n", "\r\nc\r\n"]
    assert list(windows("x" * 50, size=10)) == ["x" * 50], "a line is never split"


def test_line_numbers_run_on_across_pieces():
    from cleaner.pipeline import clean_pieces

    counts = Counter()
    text = "".join(clean_pieces(["A real sentence here.\n", "\nLoading...\nAnother real one.\n"], None, counts))
    assert text == "A real sentence here.\n\nAnother real one.\n"
    assert counts == {"placeholders": 1}


def test_long_texts_are_cleaned_window_by_window(monkeypatch):
    import cleaner.textio

    article = "A real sentence about the vote in the council.\nLoading...\nAnother real sentence here.\n"
    text = "\n".join([article] * 6)
    whole = cleaner.clean(text)
    monkeypatch.setattr(cleaner.textio, "WINDOW_CHARS", 2 * len(article))
    assert len(list(cleaner.textio.windows(text))) > 1
    assert cleaner.clean(text) == whole
    assert cleaner.clean(text) == cleaner.clean_and_explain(text).text
