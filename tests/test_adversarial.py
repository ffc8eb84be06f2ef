"""What an outside adversarial test found: input that stalls, truncates, crashes
or writes where it must not. Each test here failed on the code it was found in.

Tests that need a real process (closed streams, signals, file size limits)
run `python -m cleaner` in a subprocess, always with a timeout: a hang fails
the test instead of the suite.
"""

import gzip
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner import Config
from cleaner.batch import BatchOptions, run_batch
from cleaner.cli import main

ARTICLE = "A real sentence about the council vote on Monday.\nLoading...\nAnother real sentence follows it.\n"
CLEAN = "A real sentence about the council vote on Monday.\nAnother real sentence follows it.\n"
# A user's pattern that backtracks for ever on a line of a's with no b.
SLOW_CONFIG = "[patterns]\npromos = ['(a+)+b']\n"
SLOW_LINE = "a" * 40 + "\n"


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def process(*args, stdin=None, stdout=subprocess.PIPE, timeout=60):
    return subprocess.run([sys.executable, "-m", "cleaner", *args], stdin=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=timeout)


def one_line(stderr: bytes, expected: str) -> None:
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], stderr
    assert b"Traceback" not in stderr


def best_time(function, repeat: int = 3) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


# Time ---------------------------------------------------------------------------------------


PAGES = {
    "paragraphs-in-one-div": lambda n: "<div>" + "<p>A paragraph of the story that is long enough.</p>" * n + "</div>",
    "sibling-divs": lambda n: "<div>A block of text that is long enough to count as a paragraph.</div>" * n,
}


@pytest.mark.parametrize("name", list(PAGES))
def test_reading_a_page_is_linear_in_its_paragraphs(name):
    from cleaner.htmlpage import page_lines

    small, large = (f"<html><body>{PAGES[name](n)}</body></html>" for n in (4000, 16000))
    ratio = best_time(lambda: page_lines(large)) / best_time(lambda: page_lines(small))
    assert ratio < 8, f"4x the paragraphs took {ratio:.1f}x the time (quadratic: 16x)"


def test_a_users_pattern_that_backtracks_is_stopped_by_the_time_budget(tmp_path):
    config = tmp_path / "cleaner.toml"
    config.write_text(SLOW_CONFIG)
    started = time.perf_counter()
    result = run("clean", "--config", str(config), "--max-seconds", "0.5", input=ARTICLE + SLOW_LINE)
    assert time.perf_counter() - started < 10
    assert result.exit_code == 123
    assert "stdin: took more than 0.5 s (--max-seconds); kept as it was" in result.stderr
    assert result.stdout == ARTICLE + SLOW_LINE, "kept as it was: no line removed"


def test_the_time_budget_is_a_setting_too(tmp_path):
    (tmp_path / "cleaner.toml").write_text("max-seconds = 0.5\n" + SLOW_CONFIG)
    result = run("clean", "--config", str(tmp_path / "cleaner.toml"), input=SLOW_LINE)
    assert result.exit_code == 123
    (tmp_path / "bad.toml").write_text("max-seconds = -1\n")
    bad = run("clean", "--config", str(tmp_path / "bad.toml"), input="x\n")
    assert bad.exit_code == 2 and "max-seconds must be a positive number of seconds" in bad.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_stalling_file_is_reported_while_the_rest_is_cleaned(tmp_path, jobs):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    for name in "abcd":
        (src / f"{name}.txt").write_text(ARTICLE)
    (src / "stall.txt").write_text(ARTICLE + SLOW_LINE)
    (tmp_path / "cleaner.toml").write_text(SLOW_CONFIG)
    started = time.perf_counter()
    result = run("batch", str(src), "-o", str(out), "-j", jobs, "--max-seconds", "0.5",
                 "--config", str(tmp_path / "cleaner.toml"))
    assert time.perf_counter() - started < 20
    assert result.exit_code == 123
    assert "error: stall.txt: took more than 0.5 s (--max-seconds); kept as it was" in result.stderr
    assert all((out / f"{name}.txt").read_text() == CLEAN for name in "abcd")
    assert (out / "stall.txt").read_text() == ARTICLE + SLOW_LINE


def test_a_slow_record_is_kept_as_it_was_and_the_dataset_goes_on(tmp_path):
    (tmp_path / "cleaner.toml").write_text(SLOW_CONFIG)
    records = [{"text": ARTICLE}, {"text": SLOW_LINE}, {"text": ARTICLE}]
    data = "".join(json.dumps(record) + "\n" for record in records)
    result = run("clean", "--jsonl", "--max-seconds", "0.5", "--config", str(tmp_path / "cleaner.toml"),
                 input=data)
    assert result.exit_code == 123
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [CLEAN, SLOW_LINE, CLEAN]
    assert "stdin: line 2: took more than 0.5 s" in result.stderr


# Memory -------------------------------------------------------------------------------------


def peak_ratio(function, size: int) -> float:
    import tracemalloc

    from cleaner.filters.shapes import clear_line_caches

    clear_line_caches()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / size
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    "text",
    [("the " * 1_000_000).strip(), ("A short line\n" * 300_000),
     ("A real sentence that goes on for a while, as paragraphs do.\n\n" * 60_000)],
    ids=["one-4mb-line", "many-short-lines", "paragraphs"],
)
def test_cleaning_text_stays_within_three_times_its_size(text, monkeypatch):
    from cleaner import pipeline, textio

    # Windows and pieces a twentieth of the real ones stand for them, so that
    # 4 MB is a long text: what is measured is what grows with the input.
    monkeypatch.setattr(textio, "WINDOW_CHARS", 200_000)
    monkeypatch.setattr(textio, "WINDOW_LINES", 2_500)
    monkeypatch.setattr(textio, "_DECODED_CHUNK", 50_000)
    monkeypatch.setattr(pipeline, "_RENDERED_PIECE", 50_000)

    def clean() -> None:
        given = [text.encode()]  # the input's bytes, handed over as the command line hands them
        for _ in pipeline.clean_pieces(textio.decode_pieces(given.pop())):
            pass

    assert peak_ratio(clean, len(text)) < 3


def test_reading_and_cleaning_a_page_stays_within_three_times_its_size(monkeypatch):
    from cleaner import htmlpage, pipeline, textio

    monkeypatch.setattr(textio, "WINDOW_CHARS", 200_000)  # a twentieth, as for text
    monkeypatch.setattr(textio, "WINDOW_LINES", 2_500)
    monkeypatch.setattr(pipeline, "_RENDERED_PIECE", 50_000)
    paragraph = "A real sentence of the story that goes on for a while, as paragraphs do. " * 3
    page = "<html><body><article>" + "".join(f"<p>{paragraph}({n})</p>\n" for n in range(18_000))
    data = (page + "</article></body></html>").encode()  # 4 MB dense with paragraphs: a tree took 5x

    def clean() -> None:
        for _ in pipeline.clean_line_pieces(htmlpage.open_page(data).lines()):
            pass

    assert peak_ratio(clean, len(data)) < 3


def test_a_record_is_bounded_and_a_dataset_is_read_record_by_record(tmp_path):
    # A gzip that expands to 3 MiB in one line: with --max-size 1 it is refused, never held.
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "' + b"a" * (3 << 20) + b'"}\n' + b'{"text": "Fine."}\n'))
    result = run("clean", "--jsonl", "--max-size", "1", str(path))
    assert result.exit_code == 2
    assert f"{path}: line 1: a record of more than 1 MiB (raise --max-size)" in result.stderr
    skipped = run("clean", "--jsonl", "--max-size", "1", "--skip-bad", str(path))
    assert skipped.stdout == '{"text": "Fine."}\n'


def test_line_caches_hold_short_lines_only():
    from cleaner.filters import shapes

    shapes.clear_line_caches()
    paragraph = "A real sentence about the vote, " * 40 + "and it ends here."
    for number in range(300):
        cleaner.clean(f"{number} {paragraph}\nLoading...\n")
    held = sum(info.currsize for info in (cache.cache_info() for cache in shapes._CACHES))
    assert held < 300 * 4, "paragraphs that never repeat are not cached"


# Data: writes and reads ---------------------------------------------------------------------


@pytest.fixture
def src_and_victims(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "sub/d.txt"):
        (src / name).parent.mkdir(exist_ok=True)
        (src / name).write_text(ARTICLE)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "x").write_text("precious\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").symlink_to(victim / "x")  # a link to a file outside OUT
    (out / "b.txt").symlink_to(src / "b.txt")  # a link to the input itself
    (out / "c.txt").symlink_to(tmp_path / "nowhere.txt")  # a dangling link
    (out / "sub").symlink_to(victim)  # a folder that is a link
    return src, out, victim


def test_batch_writes_nothing_outside_out_through_symlinks(src_and_victims, tmp_path):
    src, out, victim = src_and_victims
    before = {path: path.read_bytes() for path in [*victim.rglob("*"), *src.rglob("*")] if path.is_file()}
    result = run("batch", str(src), "-o", str(out))
    after = {path: path.read_bytes() for path in [*victim.rglob("*"), *src.rglob("*")] if path.is_file()}
    assert after == before, "nothing outside OUT changed"
    assert not (tmp_path / "nowhere.txt").exists()
    for name in ("a.txt", "b.txt", "c.txt"):
        assert not (out / name).is_symlink() and (out / name).read_text() == CLEAN, "the link is replaced"
    assert result.exit_code == 123
    assert "error: sub/d.txt: cannot write output: sub is a symbolic link; not followed" in result.stderr


@pytest.mark.parametrize("command", [["batch", "{src}", "-o", "{out}"], ["batch", "{src}", "--check"],
                                     ["diff", "{src}"], ["explain", "{src}"]])
def test_a_fifo_in_the_source_is_skipped_with_a_note(tmp_path, command):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE)
    os.mkfifo(src / "pipe.txt")
    args = [part.format(src=src, out=tmp_path / "out") for part in command]
    result = process(*args, timeout=30)  # reading the FIFO would wait for ever
    assert b"pipe.txt: a FIFO, not a regular file" in result.stderr
    assert result.returncode in (0, 1)


def test_a_fifo_named_on_the_command_line_is_read():
    result = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m cleaner clean <(printf '{ARTICLE}')"],
        capture_output=True, timeout=30,
    )
    assert result.stdout.decode() == CLEAN


def test_json_numbers_and_repeated_keys_are_kept_byte_for_byte():
    line = '{"n": 1e400, "x": 1.10, "k": 1, "k": 2, "text": "A real sentence.\\nLoading...", "t": [1.0]}\n'
    assert run("clean", "--jsonl", input=line).stdout == line.replace("\\nLoading...", "")
    twice = '{"text": "A real sentence.", "text": "Another one."}\n'
    result = run("clean", "--jsonl", input=twice)
    assert result.exit_code == 2 and "line 1: field 'text' appears twice" in result.stderr


def test_a_full_disk_under_jsonl_output_is_a_one_line_error(tmp_path, full_disk):
    out = tmp_path / "clean.jsonl"
    result = run("clean", "--jsonl", "-o", str(out), input='{"text": "A real sentence."}\n')
    assert result.exit_code == 2 and "cannot write (no space left on device)" in result.stderr
    assert list(tmp_path.iterdir()) == []


# Crashes and exit codes ---------------------------------------------------------------------


def big_article(path: Path, lines: int = 20_000) -> Path:
    path.write_text("".join(f"Sentence number {i} of a long story about the vote.\n" for i in range(lines)))
    return path


def test_stdout_on_a_full_device_is_an_error(tmp_path):
    with open("/dev/full", "wb") as full:
        result = process("clean", str(big_article(tmp_path / "a.txt")), stdout=full)
    assert result.returncode == 2
    one_line(result.stderr, "stdout: cannot write (no space left on device)")


def test_stdout_over_a_file_size_limit_is_an_error(tmp_path):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    with open(tmp_path / "out.txt", "wb") as out:
        result = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(big_article(tmp_path / "a.txt"))],
                                stdout=out, stderr=subprocess.PIPE, preexec_fn=limit, timeout=60)
    assert result.returncode == 2
    one_line(result.stderr, "stdout: cannot write (file too large)")


@pytest.mark.parametrize(
    ("args", "closed", "code", "message"),
    [
        (["clean", "-"], 0, 2, "stdin: closed"),
        (["clean", "{article}"], 1, 2, "stdout: closed"),
        (["clean", "missing.txt"], 2, 2, None),
        (["batch", "{src}", "-o", "{out}"], 2, 0, None),
    ],
    ids=["stdin", "stdout", "stderr", "stderr-batch"],
)
def test_closed_standard_streams(tmp_path, args, closed, code, message):
    src = tmp_path / "src"
    src.mkdir()
    article = src / "a.txt"
    article.write_text(ARTICLE)
    args = [arg.format(article=article, src=src, out=tmp_path / "out") for arg in args]
    result = subprocess.run([sys.executable, "-m", "cleaner", *args], stdin=subprocess.DEVNULL,
                            capture_output=True, timeout=30,
                            preexec_fn=lambda: os.close(closed))  # the stream closed, as `>&-` does
    assert result.returncode == code
    if message:
        one_line(result.stderr, message)
    if "-o" in args:
        assert (tmp_path / "out" / "a.txt").read_text() == CLEAN


def test_a_full_stderr_never_changes_the_exit_code(tmp_path):
    with open("/dev/full", "wb") as full:
        missing = subprocess.run([sys.executable, "-m", "cleaner", "clean", "missing.txt"], stderr=full,
                                 stdout=subprocess.PIPE, timeout=30)
        check = subprocess.run([sys.executable, "-m", "cleaner", "clean", "--check", "-"], stderr=full,
                               input=ARTICLE.encode(), stdout=subprocess.PIPE, timeout=30)
    assert (missing.returncode, check.returncode) == (2, 1)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('keep = ["a{4294967296}"]\n', "bad regular expression 'a{4294967296}' (too large)"),
        ("keep = ['" + "(" * 5000 + "a" + ")" * 5000 + "']\n", "(nested too deeply)"),
        ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "not valid TOML (nested too deeply)"),
    ],
    ids=["huge-repeat", "deep-regex", "deep-toml"],
)
def test_configurations_that_blew_up_are_one_line_errors(tmp_path, config, message):
    (tmp_path / "cleaner.toml").write_text(config)
    result = process("clean", "--config", str(tmp_path / "cleaner.toml"), stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    one_line(result.stderr, message)


def test_an_internal_error_is_one_line_and_never_exit_1(monkeypatch, capsys):
    import cleaner.cli
    import cleaner.cli.clean

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cleaner.cli.clean, "read_input", broken)
    monkeypatch.setattr(sys, "argv", ["cleaner", "clean", "-"])
    with pytest.raises(SystemExit) as exit:
        cleaner.cli.run()
    assert exit.value.code == 123
    assert "cleaner: internal error: RuntimeError: a bug" in capsys.readouterr().err


def test_escape_sequences_in_file_names_are_not_printed_raw(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "evil\x1b[2J.txt").write_bytes(b"caf\xe9\n")
    result = process("batch", str(src), "--check")
    assert result.returncode == 123
    assert b"\x1b" not in result.stderr and b"evil\\x1b[2J.txt" in result.stderr


def test_an_xhtml_internal_subset_is_not_text():
    page = ('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x" [\n'
            '<!ENTITY copy "&#169;">\n]>\n<html><body><p>The story, which is real text.</p></body></html>')
    assert run("clean", "--from", "html", input=page).stdout == "The story, which is real text.\n"


# Signals ------------------------------------------------------------------------------------


def slow_batch(tmp_path: Path, files: int = 6, extra: tuple[str, ...] = ()) -> subprocess.Popen:
    """A batch whose every file stalls on a user's pattern (no time budget)."""
    src = tmp_path / "src"
    src.mkdir()
    for number in range(files):
        (src / f"{number}.txt").write_text(ARTICLE + "a" * 60 + "\n")
    (tmp_path / "cleaner.toml").write_text(SLOW_CONFIG)
    return subprocess.Popen(
        [sys.executable, "-m", "cleaner", "batch", str(src), "-o", str(tmp_path / "out"), "-j", "2",
         "--config", str(tmp_path / "cleaner.toml"), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def wait_for_children(pid: int, count: int) -> list[int]:
    for _ in range(200):
        found = children(pid)
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError("the workers did not start")


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return status != "Z"


def wait_gone(pids: list[int], seconds: float = 10) -> bool:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if not any(alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_workers_die_with_a_parent_killed_by_sigkill(tmp_path):
    parent = slow_batch(tmp_path)
    workers = wait_for_children(parent.pid, 2)
    parent.kill()
    parent.wait(10)
    assert wait_gone(workers), "no worker outlives its parent"
    assert not list((tmp_path / "out").rglob(".cleaner-*")), "no temporary file left"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(("sig", "code", "word"), [(signal.SIGTERM, 143, b"terminated"),
                                                   (signal.SIGINT, 130, b"interrupted")])
def test_sigterm_and_ctrl_c_stop_promptly_with_a_summary(tmp_path, sig, code, word):
    parent = slow_batch(tmp_path, extra=("-q",))
    workers = wait_for_children(parent.pid, 2)
    started = time.monotonic()
    os.killpg(parent.pid, sig)  # Ctrl-C reaches the whole process group
    _, stderr = parent.communicate(timeout=30)
    assert time.monotonic() - started < 5, "stopping takes seconds, not the rest of the work"
    assert parent.returncode == code
    assert word + b" after 0 of 6 files" in stderr
    assert wait_gone(workers)
    assert not list((tmp_path / "out").rglob(".cleaner-*"))


def test_the_summary_after_ctrl_c_counts_every_file_written(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for number in range(400):
        (src / f"{number:03}.txt").write_text(ARTICLE * 200)
    done = []

    def interrupt_after_some(outcome):
        done.append(outcome)
        if len(done) == 50:
            raise KeyboardInterrupt

    summary = run_batch(BatchOptions(source=src, output=tmp_path / "out", jobs=2), Config(),
                        on_file=interrupt_after_some)
    written = [path for path in (tmp_path / "out").rglob("*.txt")]
    assert summary.interrupted
    assert summary.seen == len(written) >= 50
    assert not list((tmp_path / "out").rglob(".cleaner-*"))


def test_clean_o_stopped_by_sigterm_leaves_no_temporary_file(tmp_path):
    (tmp_path / "cleaner.toml").write_text(SLOW_CONFIG)
    (tmp_path / "a.txt").write_text(ARTICLE * 10 + "a" * 60 + "\n")
    child = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", "a.txt", "-o", "out.txt",
                              "--config", "cleaner.toml"], cwd=tmp_path, stderr=subprocess.PIPE)
    for _ in range(200):
        if list(tmp_path.glob(".cleaner-*")):
            break
        time.sleep(0.05)
    child.terminate()
    _, stderr = child.communicate(timeout=30)
    assert child.returncode == 143 and b"terminated" in stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt", "cleaner.toml"]


def test_stdout_that_takes_part_of_each_write_gets_every_byte(monkeypatch):
    """Unbuffered stdout (PYTHONUNBUFFERED, python -u) is a raw file: write() may take part of what it is given."""
    import io

    from cleaner import stdio

    class Partial(io.RawIOBase):
        def __init__(self):
            self.data = bytearray()

        def writable(self):
            return True

        def write(self, chunk):
            taken = bytes(chunk[:7])
            self.data += taken
            return len(taken)

    raw = Partial()

    class Stdout:  # what sys.stdout is under -u: a text layer over the raw file
        buffer = raw

    monkeypatch.setattr(sys, "stdout", Stdout())
    text = "A real sentence about the vote.\n" * 100
    stdio.write_stdout(text)
    assert bytes(raw.data) == text.encode()


@pytest.mark.parametrize("command, first", [
    (["clean", "-", "-o", "{out}"], b"Some text.\n"),
    (["clean", "--jsonl", "-", "-o", "{out}"], b'{"text": "Some text."}\n'),
    (["diff", "-"], b"Some text.\n"),
    (["explain", "-"], b"Some text.\n"),
])
def test_ctrl_c_exits_130_from_every_command_with_no_output_file(tmp_path, command, first):
    out = tmp_path / "out.txt"
    args = [part.format(out=out) for part in command]
    child = subprocess.Popen([sys.executable, "-m", "cleaner", *args], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdin.write(first)  # the input has begun, and does not end: the command waits for the rest
    child.stdin.flush()
    time.sleep(1.0)
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=30)
    assert child.returncode == 130
    assert stderr.strip().endswith(b"cleaner: interrupted") and b"Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []  # no output, no temporary file
