"""Golden cases: every fixtures/NAME.raw.txt must clean to fixtures/NAME.clean.txt."""

import pytest
from conftest import FIXTURES

import cleaner

CASES = sorted(FIXTURES.glob("*.raw.txt"))


@pytest.mark.parametrize("raw", CASES, ids=[path.name.removesuffix(".raw.txt") for path in CASES])
def test_golden_case(raw):
    expected = raw.with_name(raw.name.replace(".raw.txt", ".clean.txt")).read_text("utf-8")
    cleaned = cleaner.clean(raw.read_text("utf-8"))
    assert cleaned == expected
    assert cleaner.clean(cleaned) == cleaned, "cleaning twice must change nothing"


def test_every_case_has_an_expected_output():
    assert len(CASES) >= 7
    for raw in CASES:
        assert raw.with_name(raw.name.replace(".raw.txt", ".clean.txt")).exists(), raw.name


def test_seed_ledger_names_each_removal(seed_raw):
    result = cleaner.clean_and_explain(seed_raw.read_text("utf-8"))
    assert [(r.number, r.filter, r.reason) for r in result.removals] == [
        (6, "credits", "agency credit 'Reuters'"),
        (8, "duplicate-captions", "duplicate of the caption on line 5"),
        (18, "teasers", "teaser label 'READ MORE:' and headline"),
        (20, "placeholders", "loading placeholder 'Loading...'"),
        (30, "teasers", "teaser label 'READ MORE:' and headline"),
        (32, "trailing-junk", "fragment 'Route 6' after the last sentence"),
    ]
