"""Properties that hold for any text: nothing raises, output is a subsequence of
the normalised input, cleaning is idempotent and deterministic, and the ledger
accounts for every removed line exactly once."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import textio
from cleaner.textio import split_lines

# Lines that look like article text and like junk, mixed with arbitrary text,
# so that the filters actually fire on generated documents.
JUNKY = st.sampled_from([
    "Loading...", "Reuters", "READ MORE: A headline here", "Advertisement", "Route 6",
    "Share this:", "AP Photo/Jane Doe", "Photo: Jane Doe", "Lesen Sie auch", "",
    "The council met on Tuesday and approved the budget.", "He was 87.",
    "A caption that is repeated below the picture", "Image 1 of 9",
])
LINES = st.lists(st.one_of(JUNKY, st.text(max_size=60)), max_size=30)
TEXT = st.one_of(st.text(max_size=400), LINES.map("\n".join))


def is_subsequence(small: list[str], big: list[str]) -> bool:
    remaining = iter(big)
    return all(any(line == candidate for candidate in remaining) for line in small)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_output_lines_are_a_subsequence_of_the_normalised_input(text):
    output = cleaner.clean(text).split("\n")[:-1]
    source = [line.text for line in split_lines(text)]
    assert is_subsequence([line for line in output if line], [line for line in source if line])


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_cleaning_twice_equals_cleaning_once(text):
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_cleaning_is_deterministic(text):
    assert cleaner.clean(text) == cleaner.clean(text)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_ledger_accounts_for_every_removed_line_once(text):
    result = cleaner.clean_and_explain(text)
    source = {line.number: line for line in result.source}
    removed = [removal.number for removal in result.removals]
    assert len(removed) == len(set(removed))
    for removal in result.removals:
        assert source[removal.number] == removal.line, "a removal points at the line it removed"
        assert removal.reason and removal.filter in cleaner.FILTERS
    kept = {line.number for line in result.kept if line.text}
    assert kept.isdisjoint(removed)
    assert kept | set(removed) == {n for n, line in source.items() if line.text}


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_output_is_tidy(text):
    output = cleaner.clean(text)
    assert output == "" or (output.endswith("\n") and not output.endswith("\n\n"))
    assert not output.startswith("\n")
    assert "\n\n\n" not in output
    assert all(line == line.rstrip() for line in output.split("\n"))


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


# Long texts are cleaned in windows; with tiny windows every generated text is long.
LONG_TEXT = st.lists(LINES.map("\n".join), min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=200, deadline=None)
@given(LONG_TEXT, st.integers(min_value=40, max_value=400))
def test_windowed_cleaning_is_idempotent_and_drop_only(monkeypatch_module, text, size):
    monkeypatch_module.setattr(textio, "WINDOW_CHARS", size)
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once
    source = [line.text for line in split_lines(text)]
    output = once.split("\n")[:-1]
    assert is_subsequence([line for line in output if line], [line for line in source if line])
    # No blank line where the input had none: windows never add paragraph breaks.
    assert "\n\n" not in once or any(not line for line in source)
    assert cleaner.clean_and_explain(text).text == once


PAGINATION_WORDS = st.sampled_from(["previous", "Next", "page", "seite", "1", "2", "of", "»", "→", "<", " ",
                                    "story", "von", "/", "12", "weiter", "次へ", "..."])


@settings(max_examples=500, deadline=None)
@given(st.lists(PAGINATION_WORDS, min_size=1, max_size=8), st.sampled_from(sorted(".!?,;:)\"'”’…")))
def test_a_line_of_prose_ending_never_matches_pagination(words, end):
    # navigation_kind skips the pagination pattern for lines with these
    # endings; that is only safe if the pattern could never match them.
    from cleaner.filters.predicates import _NEVER_ENDS_PAGINATION, _PAGINATION

    assert end in _NEVER_ENDS_PAGINATION
    line = " ".join(words) + end
    assert _PAGINATION.fullmatch(line.strip()) is None
