"""The examples in the docstrings of the per-line verdicts the filters share."""

import doctest

import pytest

from cleaner import origins
from cleaner.filters import bylines, captions, predicates, promos, teasers

VERDICTS = [predicates.is_text, predicates.is_fragment, predicates.is_headline, predicates.reads_like_sentence,
            captions.credit_reason, predicates.navigation_kind, teasers.teaser_label, promos.promo_reason,
            bylines.byline_reason, predicates.is_site_copyright, origins.Origin]


@pytest.mark.parametrize("verdict", VERDICTS, ids=lambda verdict: verdict.__name__)
def test_docstring_examples(verdict):
    function = getattr(verdict, "__wrapped__", verdict)  # a cached verdict documents its function
    tests = doctest.DocTestFinder().find(function, function.__name__, globs=dict(vars(__import__(
        function.__module__, fromlist=["_"]))))
    runner = doctest.DocTestRunner()
    for test in tests:
        runner.run(test)
    assert runner.tries > 0 and runner.failures == 0
