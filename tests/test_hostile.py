"""Hostile and odd input for clean, diff and batch: nothing crashes, nothing is
lost, nothing is left half written, and no pattern blows up."""

import errno
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

import cleaner
from cleaner import Config
from cleaner.batch import BatchOptions, run_batch
from cleaner.cli import main
from cleaner.textio import split_lines

ARTICLE = "A real sentence about the council vote on Monday.\nLoading...\nAnother real sentence follows it.\n"
EVERY_FILTER = Config.select(enable=[name for name, entry in cleaner.FILTERS.items() if not entry.default])


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def one_line_error(result, expected: str, code: int = 2) -> None:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr


# What each command does with one input, as bytes on stdin or in a file.
@pytest.mark.parametrize(
    ("data", "clean"),
    [
        (b"", b""),
        (b"   \n\t\n  \n", b""),
        (b"\xef\xbb\xbf" + ARTICLE.encode(), cleaner.clean(ARTICLE).encode()),
        ("\ufeff".encode("utf-16-le")[:0] + ARTICLE.encode("utf-16"), cleaner.clean(ARTICLE).encode()),
        (ARTICLE.replace("\n", "\r\n", 1).encode(), cleaner.clean(ARTICLE).encode()),
        (ARTICLE.replace("\n", "\r").encode(), cleaner.clean(ARTICLE).encode()),
    ],
    ids=["empty", "whitespace", "utf8-bom", "utf16-bom", "mixed-crlf", "lone-cr"],
)
def test_odd_but_valid_input(tmp_path, data, clean):
    assert run("clean", input=data).stdout_bytes == clean
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(data)
    assert run("diff", str(tmp_path / "in" / "a.txt")).exit_code == 0
    assert run("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out")).exit_code == 0
    assert (tmp_path / "out" / "a.txt").read_bytes() == clean


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data, not text (NUL byte at offset 8)"),
        (b"caf\xe9 au lait", "not valid UTF-8 (byte 0xe9 at offset 3"),
        ("plain".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    ],
    ids=["binary", "latin1-as-utf8", "utf16-without-bom"],
)
def test_bad_bytes_are_one_line_errors_everywhere(tmp_path, data, message):
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "a.txt"
    path.write_bytes(data)
    one_line_error(run("clean", str(path)), message)
    one_line_error(run("diff", str(path)), message)
    one_line_error(run("explain", str(path)), message)
    result = run("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 123 and message in result.stderr
    assert not (tmp_path / "out" / "a.txt").exists()


def test_latin1_with_encoding_and_errors_replace():
    data = "Caf\xe9 au lait is served all day at the new place.\n".encode("latin-1")
    assert run("clean", "--encoding", "latin-1", input=data).stdout == "Café au lait is served all day at the new place.\n"
    assert run("clean", "--errors", "replace", input=data).stdout == "Caf\ufffd au lait is served all day at the new place.\n"
    one_line_error(run("clean", "--encoding", "klingon", input=data), "unknown encoding 'klingon'")


def test_inputs_over_the_size_limit_are_refused_without_reading_them(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 500 MB on paper, nothing on disk
        handle.truncate(500 * 1024 * 1024)
    one_line_error(run("clean", str(big)), "input is 500 MiB, over the 256 MiB limit")
    one_line_error(run("clean", "--max-size", "1", input=b"x" * (1024 * 1024 + 1)), "over the 1 MiB limit")
    summary = run_batch(BatchOptions(source=tmp_path, check=True), Config())
    assert summary.failures == [("big.txt", "input is 500 MiB, over the 256 MiB limit (raise it with --max-size)")]


def test_a_single_line_of_50_mb(tmp_path):
    line = ("word " * 10_000_000).encode()
    result = run("clean", input=line)
    assert result.exit_code == 0
    assert result.stdout_bytes == line.rstrip() + b"\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_bytes(line)
    assert run("diff", "--stat", str(tmp_path / "in" / "big.txt")).exit_code == 0
    assert run("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out")).exit_code == 0
    assert (tmp_path / "out" / "big.txt").read_bytes() == line.rstrip() + b"\n"


@pytest.mark.parametrize(
    "line",
    [
        "مرحبا بالعالم، هذه جملة عربية حقيقية عن التصويت في المجلس.",
        "שלום עולם, זה משפט אמיתי על ההצבעה במועצה.",
        "Ça coûte 5 € — naïve café crème, e\u0301te\u0301 et Zo\u0308e.",
        "The family \U0001f468\u200d\U0001f469\u200d\U0001f467 arrived; the flag \U0001f3f3\ufe0f\u200d\U0001f308 flew.",
        "می\u200cخواهم این جمله را نگه دارم.",
        "Supercalifragilistic" * 5000 + ".",
        "!!! ??? ... --- *** ###",
    ],
    ids=["arabic", "hebrew", "combining", "emoji-zwj", "persian-zwnj", "long-word", "punctuation"],
)
def test_scripts_and_joiners_survive(line):
    text = f"{ARTICLE}{line}\n{ARTICLE}"
    assert line in cleaner.clean(text)


def test_control_characters_are_dropped_not_shown():
    text = "A real sentence\x07 with a bell and an \x1b[31mescape\x1b[0m in it.\n"
    assert cleaner.clean(text) == "A real sentence with a bell and an [31mescape[0m in it.\n"


def test_surrogate_escapes_do_not_crash_the_library():
    text = "A real sentence about the vote \udcff here.\n"
    assert cleaner.clean(text) == text


ADVERSARIAL = {
    "long word": "a" * 100_000, "spaced words": "a " * 50_000, "menu": "Home » " * 15_000,
    "credits": "AP Photo/" * 12_000, "byline": "By " + "Jane " * 20_000, "dots": "." * 100_000,
    "tags": "<a " * 30_000, "teasers": "Read more: " * 9_000, "names": "Name, " * 16_000,
    "signatures": "Posted by " + "1 " * 40_000, "cookies": "cookie " * 14_000 + "we use cookies",
    "pagination": "1 " * 50_000 + "Next", "dashes": "- " * 50_000, "brackets": "(" * 100_000,
    "entities": "&amp;" * 20_000, "han": "中" * 100_000, "at signs": "a@" * 50_000,
    "email": "x" * 99_990 + "@a.b", "braces": "{" * 100_000, "capitals": "Ab " * 33_000,
    "quotes": '"' * 100_000, "sentences": "The cat sat. " * 8_000, "look-alikes": "Аd" * 50_000,
    "colons": "a: " * 33_000, "hashes": "# " * 50_000, "url": "http://" + "a/" * 50_000,
    "code": "f(); " * 25_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_no_pattern_blows_up_on_near_matches(name):
    line = ADVERSARIAL[name]
    started = time.perf_counter()
    for text in (line, f"{ARTICLE}{line}\n{ARTICLE}"):
        cleaner.clean(text, EVERY_FILTER)
    # A generous bound: a regular expression that backtracks takes minutes here.
    assert time.perf_counter() - started < 5


def test_cleaning_time_grows_linearly():
    document = "\n\n".join(path.read_text("utf-8") for path in sorted(FIXTURES.glob("*.raw.txt")))

    from cleaner.filters.shapes import clear_line_caches

    def seconds(copies: int) -> float:
        text = "\n\n".join(f"Part {i} of the series opens here.\n{document}" for i in range(copies))
        timings = []
        for _ in range(3):
            clear_line_caches()  # cold every time: no cache flatters either size
            started = time.perf_counter()
            cleaner.clean(text)
            timings.append(time.perf_counter() - started)
        return min(timings)

    one, eight = seconds(2), seconds(16)
    assert eight < 8 * one * 3, f"1x {one:.3f}s, 8x {eight:.3f}s"


def test_input_vanishes_in_a_batch(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    summary = run_batch(
        BatchOptions(source=tmp_path, output=tmp_path.parent / "out-vanish"), Config(),
        on_start=lambda total: (tmp_path / "a.txt").unlink(),
    )
    assert summary.failures == [("a.txt", "no such file")]
    assert (tmp_path.parent / "out-vanish" / "b.txt").exists()


def test_permission_denied_on_input(tmp_path, monkeypatch):
    import cleaner.files

    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    real_open = cleaner.files.os.open

    def refuse(name, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(cleaner.files.os, "open", refuse)
    one_line_error(run("clean", str(path)), "a.txt: permission denied")
    summary = run_batch(BatchOptions(source=tmp_path, check=True), Config())
    assert summary.failures == [("a.txt", "permission denied")]
    monkeypatch.undo()
    assert path.read_text() == ARTICLE


def test_permission_denied_on_the_output_folder(tmp_path, monkeypatch):
    import cleaner.files

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(cleaner.files, "_open_temporary", refuse)
    result = run("clean", str(tmp_path / "in" / "a.txt"), "-o", str(tmp_path / "out.txt"))
    one_line_error(result, "cannot write (permission denied)")
    summary = run_batch(BatchOptions(source=tmp_path / "in", output=tmp_path / "out"), Config())
    assert summary.failures == [("a.txt", "cannot write output: permission denied")]
    assert not (tmp_path / "out.txt").exists()


def test_full_disk_on_clean_output_leaves_nothing(tmp_path, full_disk):
    out = tmp_path / "out.txt"
    one_line_error(run("clean", "-o", str(out), input=ARTICLE), "no space left on device")
    assert list(tmp_path.iterdir()) == []


def test_output_naming_the_input_is_refused_in_every_form(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    for target in (path, link, tmp_path / "." / "a.txt"):
        one_line_error(run("clean", str(path), "-o", str(target)), "refusing to overwrite")
    assert path.read_text() == ARTICLE


def test_normalised_lines_are_what_the_output_is_made_of():
    text = "x\u00a0y\u200bz \t\r\nsecond\x0cline\u2028third\n"
    assert [line.text for line in split_lines(text)] == ["x yz", "second line third"]


def test_mojibake_is_repaired_only_when_asked():
    pytest.importorskip("ftfy")
    broken = "Camilla\u00e2\u20ac\u2122s caf\u00c3\u00a9 opened on Monday.\n".encode()
    assert run("clean", input=broken).stdout_bytes == broken
    assert run("clean", "--fix-unicode", input=broken).stdout == "Camilla’s café opened on Monday.\n"


@pytest.mark.skipif(not shutil.which("patch"), reason="needs GNU patch")
def test_a_text_cleaned_in_windows_is_cleaned_alike_by_every_command(tmp_path, monkeypatch):
    from cleaner import textio

    # Windows of 2,000 characters stand for the 4 MB ones: every fixture is longer.
    monkeypatch.setattr(textio, "WINDOW_CHARS", 2000)
    text = "\n".join(path.read_text("utf-8") for path in sorted(FIXTURES.glob("*.raw.txt")))
    assert len(list(textio.windows(text))) >= 5
    source = tmp_path / "long.txt"
    source.write_text(text, encoding="utf-8")
    cleaned = run("clean", str(source)).stdout
    assert cleaned == cleaner.clean(text) == cleaner.clean_and_explain(text).text
    assert "\n\n\n" not in cleaned and not cleaned.startswith("\n")
    assert run("clean", "--check", str(source)).exit_code == 1
    once = tmp_path / "once.txt"
    once.write_text(cleaned, encoding="utf-8")
    assert run("clean", "--check", str(once)).exit_code == 0, "cleaning twice changes nothing"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p").write_bytes(run("diff", "long.txt").stdout_bytes)
    subprocess.run(["patch", "-p1", "-s", "-i", "p"], cwd=tmp_path, check=True)
    assert source.read_text("utf-8") == cleaned, "the diff turns the input into the clean output"
