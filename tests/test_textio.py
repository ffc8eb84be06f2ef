"""Decoding bytes and normalising lines."""

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import InputError
from cleaner.textio import decode, split_lines


def texts(text: str) -> list[str]:
    return [line.text for line in split_lines(text)]


def test_utf8_with_and_without_bom():
    assert decode("héllo".encode()) == "héllo"
    assert decode(codecs.BOM_UTF8 + "héllo".encode()) == "héllo"


def test_utf16_with_bom_is_decoded():
    assert decode("héllo\n".encode("utf-16")) == "héllo\n"


def test_nul_byte_is_binary_with_its_offset():
    with pytest.raises(InputError, match=r"binary data, not text \(NUL byte at offset 3\)"):
        decode(b"abc\x00def")


def test_invalid_utf8_names_the_byte_and_offset():
    with pytest.raises(InputError, match=r"not valid UTF-8 \(byte 0xff at offset 4;"):
        decode(b"abcd\xffef")


def test_invalid_utf8_offset_counts_the_bom():
    with pytest.raises(InputError, match="offset 5"):
        decode(codecs.BOM_UTF8 + b"ab\xc3(")


def test_newlines_of_every_kind_become_lines():
    assert texts("a\r\nb\rc\nd") == ["a", "b", "c", "d"]


def test_line_numbers_follow_the_input():
    lines = split_lines("a\n\n\nb\n")
    assert [(line.number, line.text) for line in lines] == [(1, "a"), (2, ""), (3, ""), (4, "b")]


def test_unicode_spaces_become_plain_spaces_and_trailing_space_goes():
    assert texts("a\u00a0b\u2009c\u3000d \t\n") == ["a b c d"]


def test_zero_width_characters_go_but_joiners_stay():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert texts(f"wo\u200brd{family}\ufeff\u00ad") == [f"word{family}"]
    assert texts("می\u200cخواهم") == ["می\u200cخواهم"]


def test_bom_at_the_start_of_text_is_dropped():
    assert texts("\ufeffTitle") == ["Title"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("", ""),
        ("   \n\t\n", ""),
        ("\n\n\nOne.\n\n\n\nTwo.\n\n\n", "One.\n\nTwo.\n"),
        ("One.\r\nTwo.", "One.\nTwo.\n"),
    ],
)
def test_blank_lines_collapse_and_one_final_newline(raw, clean):
    assert cleaner.clean(raw) == clean


# Input read in chunks (cleaner.files.read_chunks) decodes as the whole does:
# the same text, or the same error at the same offset.
BYTES = st.lists(st.sampled_from([b"a", b"\n", b"\r", b"\xc3", b"\xa9", b"\xe2\x82\xac", b"\xff", b"\x00",
                                  b"\xef\xbb\xbf", b"word ", b"\xf0\x9f\x98\x80"]), max_size=40).map(b"".join)


@settings(max_examples=500, deadline=None)
@given(BYTES, st.lists(st.integers(min_value=0, max_value=200), max_size=5), st.integers(min_value=4, max_value=40))
def test_chunks_decode_as_the_whole_does(data, cuts, size):
    from cleaner.errors import InputError
    from cleaner.textio import check_decodes, decode_pieces

    bounds = sorted({min(cut, len(data)) for cut in cuts})
    chunks = [data[start:stop] for start, stop in zip([0, *bounds], [*bounds, len(data)])]

    def outcome(function):
        try:
            return "text", function()
        except InputError as exc:
            return "error", str(exc)

    whole = outcome(lambda: "".join(decode_pieces(data, size=1 << 20)))
    assert outcome(lambda: "".join(decode_pieces(list(chunks), size=size))) == whole
    assert outcome(lambda: check_decodes(list(chunks)))[0] == whole[0]
    if whole[0] == "error":
        assert outcome(lambda: check_decodes(list(chunks))) == whole
