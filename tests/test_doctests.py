"""The examples in the docstrings of the per-line verdicts the filters share."""

import doctest

import pytest

from cleaner import origins
from cleaner.filters import FILTERS, bylines, captions, predicates, promos, teasers

VERDICTS = [predicates.is_text, predicates.is_fragment, predicates.is_headline, predicates.reads_like_sentence,
            captions.credit_reason, predicates.navigation_kind, teasers.teaser_label, promos.promo_reason,
            bylines.byline_reason, predicates.is_site_copyright, origins.Origin]
# Every per-line filter is a plain function of a line's text, documented by examples.
LINE_FILTERS = [entry.verdict for entry in FILTERS.values() if entry.verdict is not None]


def test_the_per_line_filters_are_the_line_reach_filters_that_read_text_alone():
    assert {verdict.__name__ for verdict in LINE_FILTERS} >= {"credits", "placeholders", "ui_chrome", "promos",
                                                              "navigation", "markup", "syndication", "affiliate"}


@pytest.mark.parametrize("verdict", VERDICTS + LINE_FILTERS, ids=lambda verdict: verdict.__name__)
def test_docstring_examples(verdict):
    function = getattr(verdict, "__wrapped__", verdict)  # a cached verdict documents its function
    tests = doctest.DocTestFinder().find(function, function.__name__, globs=dict(vars(__import__(
        function.__module__, fromlist=["_"]))))
    runner = doctest.DocTestRunner()
    for test in tests:
        runner.run(test)
    assert runner.tries > 0 and runner.failures == 0
