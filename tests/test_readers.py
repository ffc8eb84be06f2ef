"""One way in, one way out: every command reads an input as the same kind of
document (cleaner.readers) and can show it in any view (cleaner.views)."""

import json

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.files import Reading
from cleaner.readers import Format, input_format, open_document, read

PAGE = (b"<!doctype html><html><head><title>t</title></head><body><article>"
        b"<p>The council voted on Tuesday to close the old bridge for repairs until the spring.</p>"
        b"<p>Loading...</p><p>Engineers found cracks in two of its supports last month.</p>"
        b"</article></body></html>")
TEXT = b"The council voted on Tuesday to close the old bridge.\nLoading...\nEngineers found cracks.\n"
RECORDS = b"".join(json.dumps({"id": i, "text": TEXT.decode()}).encode() + b"\n" for i in range(2))


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("name, head, source_format, expected", [
    ("a.txt", TEXT, "auto", Format.TEXT),
    ("a.html", TEXT, "auto", Format.PAGE),  # the name says so
    ("a.txt", PAGE, "auto", Format.TEXT),  # the name says text: read as asked (a note says otherwise)
    (None, PAGE, "auto", Format.PAGE),  # stdin and a dataset's field: by their start
    (None, TEXT, "html", Format.PAGE),
    ("a.html", PAGE, "text", Format.TEXT),
    ("a.JSONL", TEXT, "auto", Format.DATASET),
    ("a.ndjson.gz", b"", "text", Format.DATASET),
])
def test_the_format_is_decided_in_one_place(name, head, source_format, expected):
    assert input_format(name, head, source_format) is expected


def test_a_page_is_a_document_shown_as_its_text(tmp_path):
    document = open_document("story.html", [PAGE], Reading(source_format="auto"), "story.html")
    assert document.format is Format.PAGE and document.shown_as == "story.html.txt"
    assert "Loading..." in document.original()
    from cleaner.config import Config

    assert "Loading..." not in "".join(document.clean_pieces(Config()))


def test_a_folder_of_texts_pages_and_a_dataset_reads_as_documents(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT)
    (tmp_path / "b.html").write_bytes(PAGE)
    (tmp_path / "c.jsonl").write_bytes(RECORDS)
    found = list(read([str(tmp_path / "a.txt"), str(tmp_path / "b.html"), str(tmp_path / "c.jsonl")], None,
                      Reading(source_format="auto")))
    assert [(doc.label.rpartition("/")[2], doc.format) for doc in found] == [
        ("a.txt", Format.TEXT), ("b.html", Format.PAGE), ("c.jsonl:1", Format.TEXT), ("c.jsonl:2", Format.TEXT)]


@pytest.mark.parametrize("name, data", [("a.txt", TEXT), ("story.html", PAGE)])
def test_clean_and_batch_give_the_same_text(tmp_path, name, data):
    src = tmp_path / "src"
    src.mkdir()
    (src / name).write_bytes(data)
    cleaned = invoke("clean", str(src / name)).stdout
    assert invoke("batch", str(src), "-o", str(tmp_path / "out"), "-q").exit_code == 0
    assert (tmp_path / "out" / name).with_suffix(".txt").read_text() == cleaned
    assert "Loading..." not in cleaned and "Engineers" in cleaned


@pytest.mark.parametrize("view", [[], ["--stat"], ["--explain"], ["--explain", "--json"], ["--patch"]])
def test_clean_diff_shows_a_dataset_in_any_view_as_diff_does(tmp_path, view):
    dataset = tmp_path / "crawl.jsonl"
    dataset.write_bytes(RECORDS)
    through_clean = invoke("clean", "--diff", *view, str(dataset)) if not view else None
    through_diff = invoke("diff", *view, str(dataset))
    assert through_diff.exit_code == 0 and "crawl.jsonl:2" in through_diff.stdout
    if through_clean is not None:
        assert through_clean.exit_code == 0 and through_clean.stdout == through_diff.stdout


def test_clean_jsonl_diff_and_check(tmp_path):
    dataset = tmp_path / "crawl.jsonl"
    dataset.write_bytes(RECORDS)
    shown = invoke("clean", "--jsonl", "--diff", str(dataset))
    assert shown.exit_code == 0 and "-Loading..." in shown.stdout and f"+++ b/{str(dataset).lstrip('/')}:1" in shown.stdout
    checked = invoke("clean", "--check", str(dataset))
    assert checked.exit_code == 1 and f"would clean {dataset}:2" in checked.stderr
    assert dataset.read_bytes() == RECORDS  # nothing written


def test_clean_jsonl_diff_refuses_what_only_writing_uses(tmp_path):
    dataset = tmp_path / "crawl.jsonl"
    dataset.write_bytes(RECORDS)
    result = CliRunner().invoke(main, ["clean", "--diff", "--stats-field", "removed", str(dataset)])
    assert result.exit_code == 2 and "--stats-field has no effect with --diff or --check" in result.stderr


@pytest.mark.parametrize("command", [["clean"], ["diff", "--stat"], ["explain"]])
def test_a_text_file_holding_a_page_gets_the_same_note_from_every_command(tmp_path, command):
    page = tmp_path / "saved.txt"
    page.write_bytes(PAGE)
    result = invoke(*command, str(page))
    assert result.exit_code == 0
    assert f"note: {page} looks like an HTML page; to read its article, add --from html" in result.stderr


@pytest.mark.parametrize("command", [
    ["diff", "--html", "{a}", "{a}"],
    ["diff", "--html", "{a}", "{src}"],
    ["batch", "{src}", "--check", "--report", "{a}"],
    ["train", "{a}", "-o", "{a}"],
])
def test_no_output_option_overwrites_an_input(tmp_path, command):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes(TEXT)
    args = [part.format(a=src / "a.txt", src=src) for part in command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "is also an input file; refusing to overwrite it" in result.stderr
    assert (src / "a.txt").read_bytes() == TEXT


def test_dash_is_stdout_for_the_html_review_and_the_report(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT)
    page = invoke("diff", "--html", "-", str(tmp_path / "a.txt"))
    assert page.exit_code == 0 and page.stdout.startswith("<!DOCTYPE html>") and not (tmp_path / "-").exists()
    report = invoke("batch", str(tmp_path), "--check", "--report", "-", "-q")
    assert json.loads(report.stdout)["files"]["seen"] == 1 and not (tmp_path / "-").exists()


def test_datasets_found_in_a_folder_are_reviewed_record_by_record(tmp_path):
    import gzip

    (tmp_path / "c.jsonl").write_bytes(RECORDS)
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(RECORDS))
    stat = invoke("diff", "--stat", str(tmp_path), "--include", "*.jsonl", "--include", "*.jsonl.gz")
    assert stat.exit_code == 0
    assert [line.split(":")[0:2] for line in stat.stdout.splitlines()[:4]] == [
        [str(tmp_path / "c.jsonl"), "1"], [str(tmp_path / "c.jsonl"), "2"],
        [str(tmp_path / "d.jsonl.gz"), "1"], [str(tmp_path / "d.jsonl.gz"), "2"]]


@pytest.mark.parametrize("args, option", [
    (["batch", "{src}", "--check", "--skip-existing"], "--skip-existing"),
    (["batch", "{src}", "--check", "--boilerplate-min-files", "4"], "--boilerplate-min-files"),
    (["diff", "--html", "{out}", "--color", "never", "{src}"], "--color"),
    (["diff", "--html", "{out}", "--no-pager", "{src}"], "--pager/--no-pager"),
    (["clean", "--encoding", "latin-1", "{src}/a.jsonl"], "--encoding"),
    (["explain", "--errors", "replace", "{src}/a.jsonl"], "--errors"),
])
def test_options_without_effect_name_themselves(tmp_path, args, option):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes(TEXT)
    (src / "a.jsonl").write_bytes(RECORDS)
    result = CliRunner().invoke(main, [part.format(src=src, out=tmp_path / "r.html") for part in args])
    assert result.exit_code == 2 and f"{option} has no effect" in result.stderr


def test_a_gzipped_dataset_on_stdin_is_read():
    import gzip

    result = invoke("clean", "--jsonl", input=gzip.compress(RECORDS))
    assert result.exit_code == 0 and "Loading" not in result.stdout and result.stdout.count("\n") == 2
