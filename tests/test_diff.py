"""Previews: unified diffs that patch accepts, annotated colour views, side by
side, --stat, --explain, --html, and `clean --diff/--check`."""

import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT

import cleaner
from cleaner.cli import main
from cleaner.views.annotated import annotated_hunks, make_console, side_by_side
from cleaner.views.unified import hunks, operations, unified_diff

ANSI = re.compile(r"\x1b\[[0-9;]*m")
CORPUS = ROOT.parent / "shared" / "corpus" / "dev.jsonl"


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def round_trip(tmp_path: Path, name: str, data: bytes, tool: list[str]) -> bytes:
    """Write ``data`` to NAME, diff it, apply the diff with ``tool``; return the file."""
    (tmp_path / name).write_bytes(data)
    patch = CliRunner().invoke(main, ["diff", name], catch_exceptions=False).stdout_bytes
    (tmp_path / "clean.patch").write_bytes(patch)
    subprocess.run([*tool, "clean.patch"], cwd=tmp_path, check=True, capture_output=True)
    return (tmp_path / name).read_bytes()


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.skipif(not shutil.which("patch"), reason="needs GNU patch")
class TestPatchRoundTrip:
    def expect(self, data: bytes) -> bytes:
        return cleaner.clean(cleaner.decode(data)).encode()

    @pytest.mark.parametrize(
        "data",
        [
            (FIXTURES / "moscow-taliban-talks.raw.txt").read_bytes(),
            b"Title of the story\r\n\r\nReuters\r\nA body sentence that is real.\r\nLoading...",
            b"\xef\xbb\xbfA body sentence that is real.\nLoading...\n",
            b"A body sentence that is real.\n\n\n\nAnother one, also real.   \n",
            b"A body sentence that is real.\rLoading...\rAnother one, also real.\r",
            b"Title\r\nA body sentence that is real.\rLoading...\nReuters\n\rAnother one, also real.\n",
            b"A body sentence that is real.\nLoading...\r",
        ],
        ids=["seed", "crlf-no-final-newline", "bom", "blank-runs-and-spaces", "lone-cr", "mixed-endings",
             "cr-at-the-end"],
    )
    def test_patch_turns_the_input_into_the_clean_output(self, in_tmp, data):
        assert round_trip(in_tmp, "article.txt", data, ["patch", "-p1", "-s", "-i"]) == self.expect(data)

    def test_a_file_name_with_escapes_and_bytes_that_are_not_utf8(self, in_tmp):
        name = "a\x1b[31m\udce9.txt"  # as os.fsdecode gives b"a\x1b[31m\xe9.txt"
        data = b"A body sentence that is real.\nLoading...\n"
        (in_tmp / name).write_bytes(data)
        result = run("diff", name)
        assert result.stdout_bytes.startswith(b'--- "a/a\\033[31m\\351.txt"\n+++ "b/a\\033[31m\\351.txt"\n')
        explained = run("explain", name).stdout
        assert explained.startswith('"a\\033[31m\\351.txt":2: placeholders')
        as_json = json.loads(run("explain", "--json", name).stdout)
        assert as_json[0]["path"] == name
        (in_tmp / "p").write_bytes(result.stdout_bytes)
        subprocess.run(["patch", "-p1", "-s", "-i", "p"], cwd=in_tmp, check=True)
        assert (in_tmp / name).read_bytes() == self.expect(data)

    def test_git_apply_on_the_seed(self, in_tmp):
        subprocess.run(["git", "init", "-q", "."], cwd=in_tmp, check=True)
        data = (FIXTURES / "moscow-taliban-talks.raw.txt").read_bytes()
        assert round_trip(in_tmp, "seed.txt", data, ["git", "apply"]) == self.expect(data)

    @pytest.mark.skipif(not CORPUS.exists(), reason="the dev corpus is not beside the repository")
    def test_patch_on_dev_corpus_documents(self, in_tmp):
        with CORPUS.open(encoding="utf-8") as lines:
            docs = [json.loads(next(lines)) for _ in range(5)]
        for doc in docs:
            data = doc["raw"].encode()
            assert round_trip(in_tmp, "doc.txt", data, ["patch", "-p1", "-s", "-i"]) == self.expect(data)

    def test_a_filter_alone_is_still_a_valid_patch(self, in_tmp):
        data = (FIXTURES / "moscow-taliban-talks.raw.txt").read_bytes()
        (in_tmp / "a.txt").write_bytes(data)
        patch = run("diff", "a.txt", "--filter", "teasers").stdout_bytes
        assert patch.count(b"\n-READ MORE") == 2 and b"\n-Reuters" not in patch
        (in_tmp / "p").write_bytes(patch)
        subprocess.run(["patch", "-p1", "-s", "-i", "p"], cwd=in_tmp, check=True)
        assert b"READ MORE" not in (in_tmp / "a.txt").read_bytes()
        assert b"Reuters\n" in (in_tmp / "a.txt").read_bytes()


def test_plain_diff_has_standard_headers_and_no_colour(seed_raw):
    result = run("diff", str(seed_raw))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"--- a/{str(seed_raw).lstrip('/')}"
    assert lines[1] == f"+++ b/{str(seed_raw).lstrip('/')}"
    assert lines[2] == "@@ -3,10 +3,7 @@"
    assert "-Reuters" in lines
    assert not ANSI.search(result.stdout)
    assert "6 lines removed (teasers 2" in result.stderr


def test_forced_colour_annotates_with_filter_and_reason(seed_raw):
    result = run("diff", str(seed_raw), "--color=always", "--no-pager", env={"COLUMNS": "160"})
    assert "\x1b[31m" in result.stdout, "removed lines in red"
    plain = ANSI.sub("", result.stdout)
    assert "credits: agency credit 'Reuters'" in plain
    assert "duplicate-captions: duplicate of the caption on line 5" in plain


def test_no_color_environment_gives_a_plain_diff(seed_raw):
    result = run("diff", str(seed_raw), env={"NO_COLOR": "1"})
    assert not ANSI.search(result.stdout)
    assert result.stdout.startswith("--- a/")


def test_scraped_markup_is_shown_literally():
    text = (
        "A real sentence about the vote, said the mayor.\n"
        "[bold]Not bold[/bold], [red]not red[/red] and [link=https://x.org]no link[/link].\n"
        "[File: Reuters]\n"
        "[Offensive? Unsuitable? Report this comment.]\n"
    )
    result = cleaner.clean_and_explain(text)
    assert {r.text for r in result.removals} == {"[File: Reuters]", "[Offensive? Unsuitable? Report this comment.]"}
    buffer = io.StringIO()
    make_console(color=True, width=200, file=buffer).print(annotated_hunks(hunks(operations(text, result))))
    plain = ANSI.sub("", buffer.getvalue())
    for line in text.splitlines():
        assert line in plain, line


def test_brackets_survive_in_the_annotated_view():
    text = "A real sentence about the vote, said the mayor.\nAdvertisement\n[bold]not bold[/bold] and [link=x]text[/link].\n"
    result = run("diff", "--color=always", "--no-pager", input=text, env={"COLUMNS": "200"})
    plain = ANSI.sub("", result.stdout)
    assert "[bold]not bold[/bold] and [link=x]text[/link]." in plain


@pytest.mark.parametrize("width", [80, 200])
def test_side_by_side_fits_the_width(seed_raw, width):
    text = seed_raw.read_text("utf-8")
    result = cleaner.clean_and_explain(text)
    buffer = io.StringIO()
    make_console(color=False, width=width, file=buffer).print(side_by_side(hunks(operations(text, result))))
    lines = buffer.getvalue().splitlines()
    assert max(len(line) for line in lines) <= width
    header = next(line for line in lines if "original" in line)
    assert header.index("clean") > width // 2 - 5, "two columns of about half the width each"
    assert any("Reuters" in line and "✗ credits" in line for line in lines), "removal marked on its row"
    flat = " ".join(" ".join(lines).split())
    assert "Moscow views as its southern defensive buffer." in flat or width == 80


def test_side_by_side_command_uses_the_terminal_width(seed_raw):
    narrow = run("diff", str(seed_raw), "--side-by-side", env={"COLUMNS": "80"}).stdout
    wide = run("diff", str(seed_raw), "--side-by-side", env={"COLUMNS": "200"}).stdout
    assert max(map(len, narrow.splitlines())) <= 80 < max(map(len, wide.splitlines())) <= 200
    assert len(narrow.splitlines()) > len(wide.splitlines()), "long lines wrap when narrow"


def test_stat_and_filter(seed_raw):
    result = run("diff", str(seed_raw), "--stat")
    assert result.stdout.splitlines() == [
        f"{seed_raw}: 6 lines removed (teasers 2, credits 1, duplicate-captions 1, placeholders 1, trailing-junk 1)",
        "1 file, 1 changed, 6 lines removed (teasers 2, credits 1, duplicate-captions 1, placeholders 1, trailing-junk 1)",
    ]
    only = run("diff", str(seed_raw), "--stat", "--filter", "credits")
    assert only.stdout.splitlines()[0] == f"{seed_raw}: 1 line removed (credits 1)"


def test_unknown_or_disabled_filter_in_filter_option(seed_raw):
    assert run("diff", str(seed_raw), "--filter", "nope").exit_code == 2
    off = run("diff", str(seed_raw), "--filter", "credits", "--disable", "credits")
    assert off.exit_code == 2 and "switched off" in off.stderr


def test_folder_sections_skip_unchanged_files(tmp_path):
    (tmp_path / "dirty.txt").write_text("A real sentence about the vote.\nLoading...\n")
    (tmp_path / "clean.txt").write_text("A real sentence about the vote.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "also.txt").write_text("Advertisement\nA real sentence about the vote.\n")
    result = run("diff", str(tmp_path), "--color=always", "--no-pager", env={"COLUMNS": "120"})
    plain = ANSI.sub("", result.stdout)
    assert str(tmp_path / "dirty.txt") in plain and str(tmp_path / "sub" / "also.txt") in plain
    assert "clean.txt" not in plain
    stat = run("diff", str(tmp_path), "--stat").stdout.splitlines()
    assert stat[-1] == "3 files, 2 changed, 2 lines removed (placeholders 1, promos 1)"


def test_folder_with_a_bad_file_goes_on_and_exits_123(tmp_path):
    (tmp_path / "a.txt").write_text("A real sentence about the vote.\nLoading...\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01")
    result = run("diff", str(tmp_path))
    assert result.exit_code == 123
    assert "-Loading..." in result.stdout
    assert f"error: {tmp_path / 'b.txt'}: binary data" in result.stderr


def test_explain_plain_and_json(seed_raw):
    plain = run("explain", str(seed_raw)).stdout.splitlines()
    assert plain[0] == f"{seed_raw}:6: credits: agency credit 'Reuters'"
    assert len(plain) == 6
    records = json.loads(run("explain", str(seed_raw), "--json").stdout)
    assert records[1] == {
        "path": str(seed_raw), "line": 8, "filter": "duplicate-captions",
        "reason": "duplicate of the caption on line 5",
        "text": records[1]["text"], "score": None,
    }
    assert records[1]["text"].startswith("Russian President Vladimir Putin")
    assert run("diff", str(seed_raw), "--explain").stdout.splitlines() == plain


def test_html_review_is_a_standalone_page(seed_raw, tmp_path):
    page = tmp_path / "review.html"
    result = run("diff", str(seed_raw), "--html", str(page))
    assert result.exit_code == 0 and result.stdout == ""
    html = page.read_text()
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "<title>" in html and "agency credit" in html and "color" in html


def test_html_escapes_scraped_markup(tmp_path):
    page = tmp_path / "r.html"
    run("diff", "--html", str(page), input="A real sentence about it.\n<script>alert(1)</script>\n")
    html = page.read_text()
    assert "<script>alert(1)</script>" not in html


def test_clean_check_exit_codes(tmp_path, seed_raw, seed_clean):
    assert run("clean", "--check", str(seed_clean)).exit_code == 0
    dirty = run("clean", "--check", str(seed_clean), str(seed_raw))
    assert dirty.exit_code == 1
    assert dirty.stdout == ""
    assert dirty.stderr.strip().startswith(f"would clean {seed_raw}: 6 lines removed (")
    assert run("clean", "--check", input="Fine text here.\n").exit_code == 0
    assert run("clean", "--check", input="Fine text here.\nLoading...\n").exit_code == 1


def test_clean_diff_prints_the_diff(seed_raw):
    assert run("clean", "--diff", str(seed_raw)).stdout == run("diff", str(seed_raw)).stdout


def test_clean_diff_refuses_an_output_file(seed_raw, tmp_path):
    result = run("clean", "--diff", str(seed_raw), "-o", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()


def test_unified_diff_of_an_unchanged_text_is_empty():
    text = "A clean sentence.\n"
    assert unified_diff("a.txt", text, cleaner.clean_and_explain(text)) == ""


def test_diff_of_gzip_is_rejected_as_binary(tmp_path):
    (tmp_path / "a.txt").write_bytes(gzip.compress(b"hello"))
    result = run("diff", str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "binary data" in result.stderr


@pytest.mark.parametrize("color, patch, terminal, environ, expected", [
    ("auto", False, True, {}, (True, True)),
    ("auto", False, True, {"NO_COLOR": "1"}, (True, False)),   # colour off, the same annotated view
    ("auto", False, False, {}, (False, False)),                # piped: a patch
    ("auto", False, False, {"FORCE_COLOR": "1"}, (False, False)),  # colour never makes a patch annotated
    ("auto", False, True, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, (True, True)),
    ("always", False, False, {}, (True, True)),
    ("never", False, True, {}, (True, False)),
    ("always", True, True, {}, (False, False)),                # --patch: always the plain patch
])
def test_colour_never_changes_the_format(color, patch, terminal, environ, expected):
    from cleaner.views import diff_style

    assert diff_style(color, patch, terminal, environ) == expected


def test_color_always_and_patch_on_the_command_line(seed_raw):
    coloured = run("diff", str(seed_raw), "--color=always", "--no-pager", env={"COLUMNS": "160"})
    assert "\x1b[31m" in coloured.stdout
    plain = run("diff", str(seed_raw), "--patch")
    assert plain.stdout.startswith("--- a/") and not ANSI.search(plain.stdout)
    assert run("diff", str(seed_raw), "--color=always", "--patch").exit_code == 2  # a patch has no colour
    assert run("diff", str(seed_raw), "--color=sometimes").exit_code == 2


def test_the_explain_json_is_the_library_ledger(seed_raw):
    records = json.loads(run("explain", str(seed_raw), "--json").stdout)
    text = seed_raw.read_text()
    assert records == cleaner.clean_and_explain(text).ledger(str(seed_raw))


@pytest.mark.parametrize("flags, view", [
    ({}, "DIFF"), ({"patch": True}, "PATCH"), ({"stat": True}, "STAT"), ({"explain": True}, "EXPLAIN"),
    ({"explain": True, "as_json": True}, "EXPLAIN_JSON"), ({"side_by_side": True}, "SIDE_BY_SIDE"),
    ({"html": True}, "HTML"),
])
def test_one_view_is_chosen_from_the_options(flags, view):
    from cleaner.views import View, choose_view

    options = dict(stat=False, explain=False, as_json=False, side_by_side=False, html=False, patch=False)
    assert choose_view(**{**options, **flags}) is View[view]


@pytest.mark.parametrize("flags", [{"stat": True, "html": True}, {"patch": True, "explain": True},
                                   {"html": True, "side_by_side": True},
                                   {"patch": True, "side_by_side": True}, {"as_json": True}])
def test_two_views_at_once_are_refused(flags):
    from cleaner.views import ViewError, choose_view

    options = dict(stat=False, explain=False, as_json=False, side_by_side=False, html=False, patch=False)
    with pytest.raises(ViewError, match="no effect"):
        choose_view(**{**options, **flags})


# Hunks as GNU diff writes them: for removals alone, `diff -U N raw clean` apart from the header.

SENTENCE = "The council met on Tuesday to debate the budget for the coming year, officials said."


def _gnu_hunks(tmp_path, raw: str, clean: str, context: int) -> list[str]:
    (tmp_path / "raw").write_text(raw)
    (tmp_path / "clean").write_text(clean)
    out = subprocess.run(["diff", f"-U{context}", "raw", "clean"], cwd=tmp_path, capture_output=True,
                         text=True).stdout
    return out.splitlines(keepends=True)[2:]


@pytest.mark.skipif(shutil.which("diff") is None, reason="needs GNU diff")
@pytest.mark.parametrize("context", [0, 1, 3])
@pytest.mark.parametrize("gap", [0, 1, 2, 5, 6, 7])
def test_hunks_merge_as_gnu_diff_merges_them(tmp_path, context, gap):
    kept = [f"{SENTENCE} ({n})" for n in range(20)]
    raw_lines = kept[:5] + ["Loading...", "Advertisement"] + kept[5:5 + gap] + ["Loading..."] + kept[5 + gap:]
    raw = "\n".join(raw_lines) + "\n"
    result = cleaner.clean_and_explain(raw)
    assert result.text == "\n".join(kept) + "\n"
    ours = unified_diff("raw", raw, result, context).splitlines(keepends=True)[2:]
    assert ours == _gnu_hunks(tmp_path, raw, result.text, context)


@pytest.mark.skipif(shutil.which("diff") is None, reason="needs GNU diff")
def test_a_removed_copy_of_a_kept_line_is_the_one_gnu_diff_removes(tmp_path):
    # "A", "", "A": either copy could go; the patch removes the one GNU diff removes.
    raw = "Jan 15, 2008\n\nObama gains support\n\nObama gains support\n\n" + "\n\n".join(
        f"{SENTENCE} ({n})" for n in range(8)) + "\n"
    result = cleaner.clean_and_explain(raw)
    ours = unified_diff("raw", raw, result, 3).splitlines(keepends=True)[2:]
    assert ours == _gnu_hunks(tmp_path, raw, result.text, 3)


def test_whitespace_only_changes_say_so_in_stat_explain_and_check(tmp_path):
    (tmp_path / "a.txt").write_text("A real sentence here, long enough to stay as it is.")  # no final newline
    (tmp_path / "b.txt").write_bytes(b"Another real sentence, long enough to stay as it is.\r\n")
    (tmp_path / "c.txt").write_text("A third real sentence, long enough to stay as it is.   \n\n\n")
    stat = run("diff", "--stat", str(tmp_path)).stdout.splitlines()
    assert stat[:3] == [f"{tmp_path / 'a.txt'}: no final newline", f"{tmp_path / 'b.txt'}: CRLF line endings",
                        f"{tmp_path / 'c.txt'}: whitespace only"]
    assert run("explain", str(tmp_path / "a.txt")).stdout == f"{tmp_path / 'a.txt'}: no final newline (no line removed)\n"
    checked = CliRunner().invoke(main, ["clean", "--check", str(tmp_path / "a.txt")])
    assert checked.exit_code == 1 and checked.stderr == f"would clean {tmp_path / 'a.txt'}: no final newline\n"
    batch = CliRunner().invoke(main, ["batch", str(tmp_path), "--check"])
    assert "would clean a.txt: no final newline" in batch.stderr


def test_explain_folds_a_run_of_one_filter_with_one_reason(tmp_path):
    story = "\n\n".join(f"{SENTENCE} ({n})" for n in range(6))
    placeholders = "\n\n".join(["Loading..."] * 40)
    (tmp_path / "a.txt").write_text(f"{story}\n\n{placeholders}\n\n{story}\n")
    folded = run("explain", str(tmp_path / "a.txt")).stdout.splitlines()
    every = json.loads(run("explain", "--json", str(tmp_path / "a.txt")).stdout)
    assert len(every) >= 40 and len(folded) < 5
    assert any(re.search(r":\d+-\d+: \S+: .* \(\d+ lines\)$", line) for line in folded)
    assert sum(int(re.search(r"\((\d+) lines\)$", line).group(1)) if "-" in line.split(": ")[0] else 1
               for line in folded) == len(every)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_each_file_is_shown_through_the_pager_as_soon_as_it_is_cleaned(tmp_path):
    """The first file's section reaches the pager while the second input (a
    FIFO nobody has written yet) is still being waited for."""
    import pty
    import select

    (tmp_path / "a.txt").write_text(f"{SENTENCE}\nLoading...\n")
    fifo = tmp_path / "b.txt"
    os.mkfifo(fifo)
    controller, terminal = pty.openpty()
    env = {**os.environ, "PAGER": "cat", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    child = subprocess.Popen([sys.executable, "-m", "cleaner", "diff", "a.txt", "b.txt"], cwd=tmp_path,
                             stdin=terminal, stdout=terminal, stderr=terminal, env=env)
    os.close(terminal)
    seen = b""
    try:
        while b"Loading" not in seen:
            ready, _, _ = select.select([controller], [], [], 30)
            assert ready, f"nothing shown while the second input waits: {seen!r}"
            seen += os.read(controller, 4096)
        assert child.poll() is None  # still waiting for b.txt
        with open(fifo, "w") as writer:
            writer.write(f"{SENTENCE}\nAdvertisement\n")
        while child.poll() is None or select.select([controller], [], [], 0.2)[0]:
            try:
                seen += os.read(controller, 4096)
            except OSError:
                break
        assert child.wait(30) == 0 and b"Advertisement" in seen
    finally:
        child.kill()
        os.close(controller)


def test_a_missing_pager_falls_back_to_plain_output_with_a_warning(seed_raw):
    result = CliRunner().invoke(main, ["diff", "--color", "always", "--pager", str(seed_raw)],
                                env={"PAGER": "no-such-pager-here"})
    assert result.exit_code == 0 and "Loading..." in result.stdout
    assert "warning: cannot start the pager 'no-such-pager-here'" in result.stderr


@pytest.mark.skipif(shutil.which("diff") is None or not CORPUS.exists(), reason="needs GNU diff and the dev corpus")
def test_every_dev_text_with_only_removals_gets_gnu_diffs_hunks(capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("gnudiff", ROOT / "bench" / "gnudiff.py")
    gnudiff = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gnudiff)
    assert gnudiff.main([str(CORPUS), "-U", "3"]) == 0
    assert "; 0 differ from GNU diff -U3" in capsys.readouterr().out


def test_a_reader_that_goes_away_from_the_annotated_view_is_exit_141(tmp_path):
    for n in range(30):
        (tmp_path / f"{n:02}.txt").write_text(f"{SENTENCE} ({n})\nLoading...\n" * 40)
    child = subprocess.Popen([sys.executable, "-m", "cleaner", "diff", str(tmp_path), "--color", "always"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.read(100)
    child.stdout.close()  # the reader goes away (`| head -c 100`)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 141 and b"Traceback" not in stderr


def test_html_review_into_a_new_folder_and_learning_needs_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text(f"{SENTENCE}\nLoading...\n")
    made = CliRunner().invoke(main, ["diff", str(tmp_path / "a.txt"), "--html", str(tmp_path / "review") + "/"])
    assert made.exit_code == 0 and (tmp_path / "review" / "index.html").is_file()
    learnt = CliRunner().invoke(main, ["explain", str(tmp_path / "a.txt"), "--learn-boilerplate"])
    assert learnt.exit_code == 2 and "name a DIR" in learnt.stderr
