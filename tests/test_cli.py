"""The command line, through click's CliRunner and once as a real process."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import main


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args, input=None):
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


def test_seed_file_prints_the_expected_text(runner, seed_raw, seed_clean):
    result = invoke(runner, "clean", str(seed_raw))
    assert result.exit_code == 0
    assert result.stdout_bytes == seed_clean.read_bytes()


def test_stdin_when_no_file_or_dash(runner, seed_raw, seed_clean):
    for args in (["clean"], ["clean", "-"]):
        result = invoke(runner, *args, input=seed_raw.read_bytes())
        assert result.exit_code == 0
        assert result.stdout_bytes == seed_clean.read_bytes()


def test_several_files_print_in_order(runner, tmp_path):
    (tmp_path / "a.txt").write_text("First story.\nLoading...\n")
    (tmp_path / "b.txt").write_text("Second story.\n")
    result = invoke(runner, "clean", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.stdout == "First story.\nSecond story.\n"


def test_output_file_is_written(runner, tmp_path, seed_raw, seed_clean):
    out = tmp_path / "out.txt"
    result = invoke(runner, "clean", str(seed_raw), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_bytes() == seed_clean.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"], "no temporary file left"


def test_output_file_replaces_an_existing_one(runner, tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("old content that is much longer than the new one\n" * 10)
    invoke(runner, "clean", "-o", str(out), input="New.\n")
    assert out.read_text() == "New.\n"


def test_output_that_is_an_input_is_refused(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Story.\nRoute 6\n")
    result = invoke(runner, "clean", str(path), "-o", str(path))
    assert result.exit_code == 2
    assert "refusing to overwrite" in result.stderr
    assert path.read_text() == "Story.\nRoute 6\n"


def test_disable_and_only(runner):
    text = "Story.\nLoading...\nRoute 6\n"
    assert invoke(runner, "clean", "--disable", "placeholders", input=text).stdout == "Story.\nLoading...\n"
    assert invoke(runner, "clean", "--only", "placeholders", input=text).stdout == "Story.\nRoute 6\n"


def test_empty_input_is_empty_output(runner):
    result = invoke(runner, "clean", input="")
    assert result.exit_code == 0
    assert result.stdout == ""


def one_line_error(result, expected: str) -> None:
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"abc\x00def", "stdin: binary data, not text (NUL byte at offset 3)"),
        (b"caf\xe9 au lait", "stdin: not valid UTF-8 (byte 0xe9 at offset 3;"),
    ],
)
def test_bad_bytes_on_stdin(runner, data, expected):
    one_line_error(invoke(runner, "clean", input=data), expected)


def test_missing_file(runner, tmp_path):
    one_line_error(invoke(runner, "clean", str(tmp_path / "nope.txt")), "nope.txt: no such file")


def test_directory(runner, tmp_path):
    one_line_error(invoke(runner, "clean", str(tmp_path)), "is a directory, not a file")


def test_binary_file_writes_nothing(runner, tmp_path):
    good, bad, out = tmp_path / "good.txt", tmp_path / "bad.bin", tmp_path / "out.txt"
    good.write_text("Story.\n")
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    one_line_error(invoke(runner, "clean", str(good), str(bad), "-o", str(out)), "bad.bin: binary data")
    assert not out.exists()


def test_unknown_filter(runner):
    one_line_error(invoke(runner, "clean", "--disable", "nope", input="a\n"), "unknown filter 'nope'")


def test_unwritable_output_folder(runner, tmp_path):
    result = invoke(runner, "clean", "-o", str(tmp_path / "missing" / "out.txt"), input="a\n")
    one_line_error(result, "missing: no such folder")


def test_filters_lists_every_filter_with_its_summary(runner):
    result = invoke(runner, "filters")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(cleaner.FILTERS)
    for line, entry in zip(lines, cleaner.FILTERS.values()):
        assert entry.summary in line
        assert line.endswith(f"[off; --enable {entry.name}]") != entry.default


def test_version(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert cleaner.__version__ in result.stdout


def test_help_has_examples(runner):
    assert "cat a.txt | cleaner clean > b.txt" in invoke(runner, "--help").stdout
    assert "Examples:" in invoke(runner, "clean", "--help").stdout


def test_python_dash_m_runs_the_cli(seed_raw, seed_clean):
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(seed_raw)], capture_output=True, check=True
    )
    assert done.stdout == seed_clean.read_bytes()


def test_cli_import_does_not_load_rich_or_bs4():
    code = "import sys, cleaner.cli; print(sorted(m for m in ('rich', 'bs4') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_cleaning_a_short_text_loads_only_what_it_needs(tmp_path):
    # Each of these costs the start-up a few milliseconds and is needed only
    # for pages, folders, entities or a line the model must score.
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("A tiny article with one sentence.\n")
    heavy = ("rich", "bs4", "pathlib", "html", "cleaner.htmlpage", "cleaner.scoring.model", "encodings.utf_8_sig")
    # What the interpreter loaded before (an editable install's import hook loads pathlib) is not counted.
    code = ("import sys, runpy; before = set(sys.modules); sys.argv = ['cleaner', 'clean', sys.argv[1]]\n"
            "try:\n    runpy.run_module('cleaner', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules and m not in before), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(tiny)], capture_output=True, text=True, check=True)
    assert done.stdout == "A tiny article with one sentence.\n"
    assert done.stderr.strip() == "[]"


def test_output_through_a_symlink_rewrites_its_target(runner, tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    invoke(runner, "clean", "-o", str(link), input="A real sentence here.\nLoading...\n")
    assert link.is_symlink()
    assert target.read_text() == "A real sentence here.\n"


def test_output_to_a_character_device_writes_into_it(runner):
    result = invoke(runner, "clean", "-o", "/dev/null", input="A real sentence here.\n")
    assert result.exit_code == 0
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", ""], "-o needs a file name"),
        (["--only", "credits", "--disable", "credits"], "leave no filter to run"),
    ],
)
def test_more_usage_errors(runner, args, message):
    one_line_error(invoke(runner, "clean", *args, input="a\n"), message)


def test_output_that_is_a_directory(runner, tmp_path):
    one_line_error(invoke(runner, "clean", "-o", str(tmp_path), input="a\n"), "is a directory")


def test_check_refuses_a_folder_like_clean(runner, tmp_path):
    one_line_error(invoke(runner, "clean", "--check", str(tmp_path)), "is a directory")


def test_missing_input_is_reported_before_any_output(runner, seed_raw, tmp_path):
    result = invoke(runner, "diff", str(seed_raw), str(tmp_path / "missing.txt"))
    one_line_error(result, "missing.txt: no such file")


def test_utf16_without_bom_gets_a_hint(runner):
    result = invoke(runner, "clean", input="Hello there".encode("utf-16-le"))
    one_line_error(result, "UTF-16 without a byte-order mark")


# Conventions of "one way in, one way out" (issue 12).

@pytest.mark.parametrize("args, option", [
    (["clean", "--field", "body"], "--field"),
    (["clean", "--stats-field", "removed"], "--stats-field"),
    (["clean", "--skip-bad"], "--skip-bad"),
    (["diff", "--field", "body"], "--field"),
    (["explain", "--field", "body"], "--field"),
    (["diff", "--json"], "--json"),
    (["diff", "--stat", "--explain"], "--explain"),
    (["diff", "--stat", "--side-by-side"], "--side-by-side"),
    (["clean", "--diff", "--check"], "--diff"),
])
def test_an_option_without_effect_is_a_usage_error_naming_it(tmp_path, args, option):
    path = tmp_path / "a.txt"
    path.write_text("A real sentence about the vote.\nLoading...\n")
    result = CliRunner().invoke(main, [*args, str(path)])
    assert result.exit_code == 2
    assert option in result.output and "no effect" in result.output


def test_dash_output_is_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("A real sentence about the vote.\nLoading...\n")
    result = CliRunner().invoke(main, ["clean", "a.txt", "-o", "-"])
    assert result.exit_code == 0 and result.output == "A real sentence about the vote.\n"
    assert not (tmp_path / "-").exists()


def test_a_jsonl_input_is_a_dataset_for_clean_and_diff(tmp_path):
    import gzip

    record = {"text": "A real sentence about the vote.\nLoading...\n", "id": 7}
    plain, packed = tmp_path / "d.jsonl", tmp_path / "d.jsonl.gz"
    plain.write_text(json.dumps(record) + "\n")
    with gzip.open(packed, "wt") as stream:
        stream.write(json.dumps(record) + "\n")
    for path in (plain, packed):
        result = CliRunner().invoke(main, ["clean", str(path)])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output) == {"text": "A real sentence about the vote.\n", "id": 7}
        stat = CliRunner().invoke(main, ["diff", str(path), "--stat"])
        assert stat.exit_code == 0 and "1 line removed (placeholders 1)" in stat.output
    text = tmp_path / "a.txt"
    text.write_text("x\n")
    mixed = CliRunner().invoke(main, ["clean", str(plain), str(text)])
    assert mixed.exit_code == 2 and "datasets and texts" in mixed.output


def test_one_ctrl_d_ends_typed_input():
    """On a terminal, one Ctrl-D at a line's start ends the input (read() waited for a second)."""
    pty = pytest.importorskip("pty")
    import os
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: cleaner reading a terminal
        os.execv(sys.executable, [sys.executable, "-m", "cleaner", "clean"])
    os.write(fd, b"A real sentence about the vote.\nLoading...\n\x04")
    output, code, deadline = b"", None, time.monotonic() + 30
    while code is None and time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            break
        if select.select([fd], [], [], 0.1)[0]:
            try:
                output += os.read(fd, 4096)
            except OSError:
                pass
    if code is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    assert code == 0, "still waiting after one Ctrl-D"
    assert output.endswith(b"A real sentence about the vote.\r\n")


def test_a_txt_shaped_like_a_page_gets_a_hint(tmp_path):
    page = tmp_path / "story.txt"
    page.write_text("<!DOCTYPE html><html><body><article><p>A real sentence about the vote.</p>"
                    "</article></body></html>\n")
    result = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(page)], capture_output=True, text=True)
    assert result.returncode == 0
    assert "looks like an HTML page" in result.stderr and "--from html" in result.stderr
    text = tmp_path / "a.txt"
    text.write_text("A real sentence about the vote.\n")
    quiet = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(text)], capture_output=True, text=True)
    assert quiet.stderr == ""


@pytest.mark.parametrize("args, option", [
    (["diff", "--stat", "--color", "always"], "--color"),
    (["diff", "--explain", "-U", "1"], "-U/--unified"),
    (["diff", "--no-color", "--color", "never"], "--no-color"),
    (["clean", "--strictness", "high", "--threshold", "0.9"], "--strictness"),
])
def test_more_options_without_effect_are_usage_errors(tmp_path, args, option):
    path = tmp_path / "a.txt"
    path.write_text("A real sentence about the vote.\nLoading...\n")
    result = CliRunner().invoke(main, [*args, str(path)])
    assert result.exit_code == 2 and option in result.output and "no effect" in result.output


def test_color_takes_a_value_and_never_swallows_a_file_name(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("A real sentence about the vote.\nLoading...\n")
    result = CliRunner().invoke(main, ["diff", "--color", "never", str(path)])
    assert result.exit_code == 0 and "-Loading..." in result.output


def test_explain_with_a_filter_lists_only_that_filter(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("A real sentence about the vote.\nLoading...\nReuters\n")
    records = json.loads(CliRunner().invoke(main, ["diff", "--explain", "--json", "--filter", "credits",
                                                   str(path)]).output)
    assert [r["filter"] for r in records] == ["credits"]


def test_batch_refuses_dash_as_its_output_folder(tmp_path):
    (tmp_path / "a.txt").write_text("A real sentence about the vote.\n")
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "-o", "-"])
    assert result.exit_code == 2 and "name one" in result.output


def test_train_does_not_need_the_model_its_settings_name(tmp_path, monkeypatch):
    pytest.importorskip("lightgbm")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cleaner.toml").write_text('model = "models/mine.json"\n')
    (tmp_path / "corpus.jsonl").write_text(json.dumps({"raw": "x", "gold": "x"}) + "\n")
    result = CliRunner().invoke(main, ["train", "corpus.jsonl", "-o", str(tmp_path / "m.json")])
    assert "models/mine.json" not in result.output  # fails on the corpus, not on the settings' model


def test_json_lines_cleaned_as_text_get_a_hint():
    record = json.dumps({"text": "A real sentence about the vote.\nLoading...\n"}) + "\n"
    result = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-"], input=record * 2,
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert "looks like JSON lines" in result.stderr and "--jsonl" in result.stderr
    plain = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-"], input="{not json} at all\n",
                           capture_output=True, text=True)
    assert plain.stderr == ""
