"""`cleaner clean --jsonl`: one field of every record cleaned, everything else kept."""

import gzip
import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.cli import main

RECORDS = [
    {"id": 1, "text": "A real sentence about the vote.\nLoading...", "meta": {"lang": "en", "n": [1, 2]}},
    {"text": "Ünïcode stays, 中文也保留。\nReuters\n", "id": 2, "url": "https://example.org/a?b=1&c=2"},
    {"id": 3, "text": "", "extra": None},
]


def lines(records) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def run(*args, input=None):
    return CliRunner().invoke(main, ["clean", "--jsonl", *args], input=input, catch_exceptions=False)


def test_fields_and_order_are_kept():
    result = run(input=lines(RECORDS))
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [list(r) for r in out] == [list(r) for r in RECORDS], "keys in their order"
    assert out[0] == {"id": 1, "text": "A real sentence about the vote.", "meta": {"lang": "en", "n": [1, 2]}}
    assert out[1]["text"] == "Ünïcode stays, 中文也保留。\n" and out[1]["url"] == RECORDS[1]["url"]
    assert out[2] == RECORDS[2]


def test_other_field_and_stats(tmp_path):
    data = [{"body": "A real sentence about the vote.\nAdvertisement\nReuters\n", "text": 5}]
    result = run("--field", "body", "--stats-field", "removed", input=lines(data))
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record == {"body": "A real sentence about the vote.\n", "text": 5,
                      "removed": {"credits": 1, "promos": 1}}


def test_gzip_files_and_output_file(tmp_path):
    path = tmp_path / "data.jsonl.gz"
    path.write_bytes(gzip.compress(lines(RECORDS)))
    out = tmp_path / "clean.jsonl"
    assert run(str(path), "-o", str(out)).exit_code == 0
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [1, 2, 3]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b"not json\n", "line 2: not valid JSON"),
        (b"[1, 2]\n", "line 2: not a JSON object"),
        (b'{"id": 9}\n', "line 2: no field 'text'"),
        (b'{"text": 5}\n', "line 2: field 'text' is not a string"),
    ],
)
def test_a_malformed_line_stops_with_file_and_line(tmp_path, bad, message):
    path = tmp_path / "data.jsonl"
    path.write_bytes(lines(RECORDS[:1]) + bad + lines(RECORDS[1:]))
    out = tmp_path / "clean.jsonl"
    result = run(str(path), "-o", str(out))
    assert result.exit_code == 2
    assert f"{path}: {message}" in result.stderr
    assert not out.exists(), "nothing half written"
    assert list(tmp_path.iterdir()) == [path]


def test_skip_bad_counts_the_skipped_lines():
    result = run("--skip-bad", input=lines(RECORDS[:1]) + b"not json\n" + lines(RECORDS[1:]))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3
    assert "3 records, 2 changed, 1 malformed lines skipped" in result.stderr


def test_batch_cleans_datasets_like_clean_jsonl(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.jsonl").write_bytes(lines(RECORDS))
    (src / "b.jsonl.gz").write_bytes(gzip.compress(lines(RECORDS)))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["batch", str(src), "-o", str(out), "--include", "*.jsonl", "--include", "*.jsonl.gz"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    expected = run(input=lines(RECORDS)).stdout_bytes
    assert (out / "a.jsonl").read_bytes() == expected
    assert gzip.decompress((out / "b.jsonl.gz").read_bytes()) == expected
    assert "2 changed" in result.stderr


def test_batch_reports_a_malformed_dataset(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.jsonl").write_bytes(lines(RECORDS[:1]) + b"oops\n")
    result = CliRunner().invoke(main, ["batch", str(src), "--check", "--include", "*.jsonl"])
    assert result.exit_code == 123
    assert "a.jsonl: line 2: not valid JSON" in result.stderr


def test_diff_previews_each_record():
    result = CliRunner().invoke(main, ["diff", "--jsonl", "--stat"], input=lines(RECORDS))
    assert result.stdout.splitlines()[:2] == [
        "stdin:1: 1 line removed (placeholders 1)",
        "stdin:2: 1 line removed (credits 1)",
    ]
    plain = CliRunner().invoke(main, ["diff", "--jsonl"], input=lines(RECORDS)).stdout
    assert "--- a/stdin:1" in plain and "-Loading..." in plain


def test_lone_surrogates_stay_escaped():
    data = b'{"text": "A real sentence here.", "x": "\\ud800"}\n'
    result = run(input=data)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"text": "A real sentence here.", "x": "\ud800"}
    assert "\\ud800" in result.stdout


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b'{"text": "a", "x": NaN}\n', "NaN is not valid JSON"),
        (b'{"text": "a", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n", "nested too deeply"),
        (b'{"text": "a", "removed": "keep me"}\n', "already has a field 'removed'"),
    ],
)
def test_records_that_cannot_be_written_back_faithfully_are_errors(bad, message):
    result = run("--stats-field", "removed", input=bad)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_stats_field_must_differ_from_the_field():
    assert run("--stats-field", "text", input=lines(RECORDS)).exit_code == 2


def test_truncated_gzip_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress(lines(RECORDS * 200))
    path.write_bytes(whole[: len(whole) // 2])
    for command in (["clean", "--jsonl"], ["diff", "--jsonl"]):
        result = CliRunner().invoke(main, [*command, str(path)])
        assert result.exit_code == 2
        assert f"{path}: cannot read the dataset" in result.stderr


def test_gz_output_name_gives_gzip(tmp_path):
    out = tmp_path / "clean.jsonl.gz"
    assert run("-o", str(out), input=lines(RECORDS)).exit_code == 0
    assert gzip.decompress(out.read_bytes()) == run(input=lines(RECORDS)).stdout_bytes


def test_batch_splits_datasets_at_newlines_only(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.jsonl").write_bytes(b'{"text": "A real sentence.",\r"id": 1}\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--include", "*.jsonl"])
    assert result.exit_code == 0, result.stderr
    assert json.loads((out / "a.jsonl").read_text()) == {"text": "A real sentence.", "id": 1}


def test_diff_jsonl_shows_no_change_for_a_clean_record():
    data = b'{"text": "A clean sentence."}\n'
    assert CliRunner().invoke(main, ["diff", "--jsonl"], input=data).stdout == ""
    stat = CliRunner().invoke(main, ["diff", "--jsonl", "--stat"], input=data).stdout
    assert stat.strip() == "1 record, 0 changed, 0 lines removed"


def test_fix_unicode_is_seen_by_check_and_diff(tmp_path):
    pytest.importorskip("ftfy")
    path = tmp_path / "m.txt"
    path.write_text("The caf\u00c3\u00a9 opened on Monday morning.\n", encoding="utf-8")
    check = CliRunner().invoke(main, ["clean", "--check", "--fix-unicode", str(path)])
    assert check.exit_code == 1
    assert "+The café opened" in CliRunner().invoke(main, ["diff", "--fix-unicode", str(path)]).stdout
    record = json.dumps({"text": "caf\u00c3\u00a9 au lait is served."}).encode() + b"\n"
    assert json.loads(run("--fix-unicode", input=record).stdout)["text"] == "café au lait is served."


def test_explain_jsonl_names_file_line_and_record_line():
    result = CliRunner().invoke(main, ["explain", "--jsonl"], input=lines(RECORDS))
    assert result.stdout.splitlines() == [
        "stdin:1:2: placeholders: loading placeholder 'Loading...'",
        "stdin:2:2: credits: agency credit 'Reuters'",
    ]


# Records are read from their bytes (see cleaner.jsonl.parse_record): whatever
# json.loads makes of a line, parse_record must agree, with the text field
# decoded in pieces cut anywhere (a chunk of a few bytes cuts escapes and
# characters everywhere it can).
JSON_TEXT = st.text(alphabet=st.sampled_from('ab \n"\\é😀\ud800\udc00\t/{}[],:0-e'), max_size=30)
JSON_VALUE = st.recursive(
    st.one_of(JSON_TEXT, st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(JSON_TEXT, inner, max_size=3)),
    max_leaves=6,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(JSON_TEXT, JSON_VALUE, max_size=3), JSON_TEXT, st.booleans(),
       st.sampled_from([1, 2, 5, 1 << 20]), st.integers(min_value=0, max_value=200))
def test_records_are_read_as_json_reads_them(record, text, ascii, chunk, cut):
    import cleaner.jsonl

    record.pop("text", None)
    line = json.dumps({**record, "text": text}, ensure_ascii=ascii).encode("utf-8", "surrogatepass")
    broken = line[:cut] + line[cut + 1:]  # one byte gone: often no JSON at all
    for given_line in (line, broken):
        try:
            expected = json.loads(given_line)
            valid = isinstance(expected, dict) and isinstance(expected.get("text"), str)
        except ValueError:
            valid = False
        old_chunk, cleaner.jsonl._STRING_CHUNK = cleaner.jsonl._STRING_CHUNK, chunk
        try:
            read = "".join(cleaner.jsonl.parse_record(given_line, "text").value())
        except ValueError:
            read = None
        finally:
            cleaner.jsonl._STRING_CHUNK = old_chunk
        if read is not None:
            assert valid and read == expected["text"]
        elif valid:  # refused although json reads it: only bytes that are not UTF-8 or a repeated field
            assert given_line.count(b'"text"') > 1 or not cleaner.textio.encodable(given_line.decode("utf-8", "surrogateescape"))


def test_jobs_give_the_same_output_in_the_same_order(tmp_path):
    records = [{"id": n, "text": f"Record {n} holds a real sentence about the vote.\nLoading...\n"
                + ("Reuters\n" if n % 3 else "")} for n in range(700)]
    records.insert(350, {"id": "bad", "text": 5})
    path = tmp_path / "d.jsonl"
    path.write_bytes(lines(records))
    one = run(str(path), "--skip-bad", "--stats-field", "removed")
    four = run(str(path), "--skip-bad", "--stats-field", "removed", "-j", "4")
    assert one.exit_code == four.exit_code == 0
    assert four.stdout == one.stdout and [json.loads(line)["id"] for line in four.stdout.splitlines()] == [
        n for n in range(700)]
    assert "1 malformed lines skipped" in four.stderr
    stopped = CliRunner().invoke(main, ["clean", str(path), "-j", "4"])
    assert stopped.exit_code == 2 and "line 351: field 'text' is not a string" in stopped.stderr


def test_output_field_keeps_the_original_beside_the_clean_text():
    result = run("--output-field", "clean", input=lines(RECORDS[:1]))
    record = json.loads(result.stdout)
    assert record["text"] == RECORDS[0]["text"] and record["clean"] == "A real sentence about the vote."
    assert record["meta"] == RECORDS[0]["meta"]
    taken = CliRunner().invoke(main, ["clean", "--jsonl", "--output-field", "id"], input=lines(RECORDS[:1]))
    assert taken.exit_code == 2 and "already has a field 'id' (choose another --output-field)" in taken.stderr
