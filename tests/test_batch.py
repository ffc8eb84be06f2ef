"""Batch cleaning of a folder: the library engine and the `cleaner batch` command."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

import cleaner
from cleaner import Config
from cleaner.batch import BatchOptions, run_batch
from cleaner.cli import main

DIRTY = "A storm hit the coast on Monday and closed the main road.\nLoading...\n"
CLEAN = "A storm hit the coast on Monday and closed the main road.\n"


def make_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text("utf-8")
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def batch(*args: str):
    return CliRunner().invoke(main, ["batch", *args], catch_exceptions=False)


@pytest.fixture
def src(tmp_path):
    return make_tree(tmp_path / "src", {
        "a.txt": DIRTY,
        "clean.txt": CLEAN,
        "nested/deeper/b.txt": DIRTY,
        "nested/notes.md": DIRTY,
    })


def test_mirrors_a_nested_tree(src, tmp_path):
    out = tmp_path / "out"
    result = batch(str(src), "-o", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    assert tree(out) == {"a.txt": CLEAN, "clean.txt": CLEAN, "nested/deeper/b.txt": CLEAN}
    assert tree(src)["a.txt"] == DIRTY, "the input is never touched"
    assert "4 files" not in result.stderr and "3 files: 2 changed, 1 unchanged" in result.stderr


def test_include_and_exclude(src, tmp_path):
    out = tmp_path / "out"
    batch(str(src), "-o", str(out), "--include", "*.md", "--include", "*.txt", "--exclude", "deeper")
    assert sorted(tree(out)) == ["a.txt", "clean.txt", "nested/notes.md"]


def test_hidden_files_and_folders_are_skipped(tmp_path):
    src = make_tree(tmp_path / "src", {"a.txt": DIRTY, ".b.txt": DIRTY, ".git/c.txt": DIRTY})
    batch(str(src), "-o", str(tmp_path / "out"))
    assert sorted(tree(tmp_path / "out")) == ["a.txt"]


def test_symlinks_are_not_followed_unless_asked(tmp_path):
    src = make_tree(tmp_path / "src", {"a.txt": DIRTY})
    elsewhere = make_tree(tmp_path / "elsewhere", {"b.txt": DIRTY})
    os.symlink(elsewhere, src / "linked")
    os.symlink(elsewhere / "b.txt", src / "link.txt")
    batch(str(src), "-o", str(tmp_path / "out"))
    assert sorted(tree(tmp_path / "out")) == ["a.txt"]
    batch(str(src), "-o", str(tmp_path / "out2"), "--follow-symlinks")
    assert sorted(tree(tmp_path / "out2")) == ["a.txt", "link.txt", "linked/b.txt"]


def test_in_place_without_backup(src):
    before = os.stat(src / "clean.txt").st_mtime_ns
    result = batch(str(src), "--in-place")
    assert result.exit_code == 0
    assert tree(src)["a.txt"] == CLEAN
    assert not (src / "a.txt.orig").exists()
    assert os.stat(src / "clean.txt").st_mtime_ns == before, "unchanged files are not rewritten"


def test_in_place_with_backup(src):
    batch(str(src), "--in-place", "--backup", ".orig")
    files = tree(src)
    assert files["a.txt"] == CLEAN
    assert files["a.txt.orig"] == DIRTY
    assert "clean.txt.orig" not in files, "only changed files get a backup"


@pytest.mark.parametrize("inside", [".", "out", "nested/out"])
def test_output_inside_the_source_is_refused(src, inside):
    result = batch(str(src), "-o", str(src / inside))
    assert result.exit_code == 2
    assert "source folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_output_inside_the_source_is_allowed_when_excluded(src):
    result = batch(str(src), "-o", str(src / "out"), "--exclude", "out")
    assert result.exit_code == 0
    assert tree(src / "out")["a.txt"] == CLEAN


def test_usage_errors(src, tmp_path):
    assert batch(str(src)).exit_code == 2  # neither -o nor --in-place nor --check
    assert batch(str(src), "-o", str(tmp_path / "o"), "--in-place").exit_code == 2
    assert batch(str(src), "-o", str(tmp_path / "o"), "--backup", ".b").exit_code == 2
    missing = batch(str(tmp_path / "missing"), "--check")
    assert missing.exit_code == 2 and "not a folder" in missing.stderr


def test_a_failing_file_among_good_ones(src, tmp_path):
    (src / "binary.txt").write_bytes(b"\x89PNG\x00\x00")
    (src / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    out, report = tmp_path / "out", tmp_path / "report.json"
    result = batch(str(src), "-o", str(out), "--report", str(report), "-j", "2")
    assert result.exit_code == 123
    assert tree(out)["a.txt"] == CLEAN and "binary.txt" not in tree(out)
    assert "error: binary.txt: binary data" in result.stderr
    data = json.loads(report.read_text())
    assert data["files"]["failed"] == 2
    assert {f["path"] for f in data["failed"]} == {"binary.txt", "latin1.txt"}
    assert "offset 3" in next(f["error"] for f in data["failed"] if f["path"] == "latin1.txt")


def test_check_exit_codes(src, tmp_path):
    dirty = batch(str(src), "--check")
    assert dirty.exit_code == 1
    assert "would clean a.txt" in dirty.stderr
    assert not (tmp_path / "out").exists()
    assert tree(src)["a.txt"] == DIRTY, "--check writes nothing"
    clean = make_tree(tmp_path / "clean", {"a.txt": CLEAN})
    assert batch(str(clean), "--check").exit_code == 0


def test_skip_existing_resumes(src, tmp_path):
    out = tmp_path / "out"
    batch(str(src), "-o", str(out))
    (out / "a.txt").write_text("marker\n")  # newer than its input: must be skipped
    old = out / "nested/deeper/b.txt"
    os.utime(old, (0, 0))  # older than its input: cleaned again
    result = batch(str(src), "-o", str(out), "--skip-existing")
    assert (out / "a.txt").read_text() == "marker\n"
    assert old.read_text() == CLEAN
    assert "2 skipped" in result.stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_are_identical_to_single_file_cleaning(tmp_path, jobs):
    raws = sorted(FIXTURES.glob("*.raw.txt"))
    src = make_tree(tmp_path / "src", {
        f"d{i % 3}/{raw.name}": raw.read_text("utf-8") for i, raw in enumerate(raws)
    })
    out = tmp_path / "out"
    assert batch(str(src), "-o", str(out), "-j", str(jobs)).exit_code == 0
    runner = CliRunner()
    for path in src.rglob("*.txt"):
        single = runner.invoke(main, ["clean", str(path)])
        assert (out / path.relative_to(src)).read_bytes() == single.stdout_bytes


def test_summary_counts_removals_per_filter(src, tmp_path):
    summary = run_batch(BatchOptions(source=src, output=tmp_path / "out"), Config())
    assert (summary.seen, summary.changed, summary.unchanged, summary.failed) == (3, 2, 1, 0)
    assert summary.removed == {"placeholders": 2}
    assert summary.to_dict()["lines_removed"] == {"placeholders": 2}


def test_ctrl_c_stops_and_says_how_many_were_done(src, tmp_path):
    seen = []

    def interrupt(outcome):
        seen.append(outcome)
        raise KeyboardInterrupt

    summary = run_batch(BatchOptions(source=src, output=tmp_path / "out"), Config(), on_file=interrupt)
    assert summary.interrupted
    assert summary.seen == 1 and summary.total == 3
    assert not list((tmp_path / "out").rglob("*.tmp")), "no temporary file left behind"


def test_a_file_that_vanishes_is_reported(src, tmp_path):
    def vanish(total):
        (src / "a.txt").unlink()

    summary = run_batch(BatchOptions(source=src, output=tmp_path / "out"), Config(), on_start=vanish)
    assert summary.failures == [("a.txt", "no such file")]


def test_a_full_disk_leaves_no_partial_output(src, tmp_path, full_disk):
    out = tmp_path / "out"
    summary = run_batch(BatchOptions(source=src, output=out), Config())
    assert summary.failed == 3
    assert {error for _, error in summary.failures} == {"cannot write output: no space left on device"}
    assert [p for p in out.rglob("*") if p.is_file()] == []
    assert tree(src)["a.txt"] == DIRTY


def test_plain_summary_when_not_a_terminal(src, tmp_path):
    result = batch(str(src), "-o", str(tmp_path / "out"))
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("cleaner batch: 3 files: 2 changed, 1 unchanged, 0 skipped, 0 failed")
    assert "\x1b[" not in result.stderr


class TestLearnBoilerplate:
    @staticmethod
    def site(tmp_path: Path, pages: int) -> Path:
        files = {}
        for i in range(pages):
            files[f"site/page{i}.txt"] = (
                f"Story number {i} opens with its own headline\n\n"
                f"Paragraph {i} tells what happened in town on day {i}, in full sentences.\n\n"
                "Why you can trust our reviews\n"
                "Our newsroom is independent and funded by readers like you\n"
            )
        return make_tree(tmp_path / "src", files)

    def test_lines_shared_by_a_site_are_dropped_with_the_count(self, tmp_path):
        src = self.site(tmp_path, 4)
        out = tmp_path / "out"
        summary = run_batch(
            BatchOptions(source=src, output=out, learn_boilerplate=True), Config()
        )
        assert summary.removed["site-boilerplate"] == 8
        for page in (out / "site").iterdir():
            assert "trust" not in page.read_text() and "Paragraph" in page.read_text()
        result = cleaner.clean_and_explain((src / "site/page0.txt").read_text(), Config())
        assert "site-boilerplate" not in result.counts_by_filter(), "off outside batch learning"

    def test_reason_says_in_how_many_files(self, tmp_path):
        from cleaner.batch import learn_boilerplate, plan

        src = self.site(tmp_path, 4)
        options = BatchOptions(source=src, check=True, learn_boilerplate=True)
        learnt = learn_boilerplate(list(plan(options)), options)
        config = Config().with_boilerplate(learnt["site"])
        result = cleaner.clean_and_explain((src / "site/page1.txt").read_text(), config)
        reasons = {r.reason for r in result.removals if r.filter == "site-boilerplate"}
        assert reasons == {"site boilerplate, seen in 4 of 4 files"}

    def test_too_few_files_learn_nothing(self, tmp_path):
        src = self.site(tmp_path, 2)
        summary = run_batch(
            BatchOptions(source=src, check=True, learn_boilerplate=True, boilerplate_min_files=3),
            Config(),
        )
        assert summary.removed["site-boilerplate"] == 0

    def test_sites_are_learnt_apart(self, tmp_path):
        src = self.site(tmp_path, 4)
        make_tree(src, {"other/x.txt": "Why you can trust our reviews\nA story about a fair that is in town.\n"})
        out = tmp_path / "out"
        batch(str(src), "-o", str(out), "--learn-boilerplate", "-j", "2")
        assert "trust" in (out / "other/x.txt").read_text()


def test_summary_table_on_a_terminal(src, tmp_path, monkeypatch):
    import cleaner.cli.options

    monkeypatch.setattr(cleaner.cli.options, "stderr_is_terminal", lambda: True)
    result = batch(str(src), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    for label in ("files seen", "changed", "unchanged", "skipped", "failed", "lines removed", "placeholders"):
        assert label in result.stderr
    assert "3/3" in result.stderr, "the progress bar ends full"


def test_quiet_check_names_only_failures(src):
    (src / "bad.txt").write_bytes(b"\x00")
    result = batch(str(src), "--check", "--quiet")
    assert result.exit_code == 123
    assert "would clean" not in result.stderr
    assert "error: bad.txt" in result.stderr


def test_unreadable_folder_is_reported(src, tmp_path, monkeypatch):
    real_scandir = os.scandir
    blocked = str(src / "nested" / "deeper")

    def scandir(path="."):
        if str(path) == blocked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = run_batch(BatchOptions(source=src, output=tmp_path / "out"), Config())
    assert ("nested/deeper/", "permission denied") in summary.failures


def test_backups_are_not_cleaned_on_the_next_run(src):
    batch(str(src), "--in-place", "--backup", ".txt")
    batch(str(src), "--in-place", "--backup", ".txt")
    assert tree(src)["a.txt.txt"] == DIRTY
    assert "a.txt.txt.txt" not in tree(src)


@pytest.mark.parametrize("suffix", ["/x", ".orig/", "."])
def test_bad_backup_suffix(src, suffix):
    result = batch(str(src), "--in-place", "--backup", suffix)
    assert result.exit_code == 2 and "suffix" in result.stderr


def test_output_that_is_a_file_is_refused_up_front(src, tmp_path):
    (tmp_path / "afile").write_text("x")
    result = batch(str(src), "-o", str(tmp_path / "afile"))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_report_path_is_checked_before_the_run(src, tmp_path):
    result = batch(str(src), "-o", str(tmp_path / "out"), "--report", str(tmp_path / "no" / "r.json"))
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_resuming_with_learning_cleans_alike(tmp_path):
    src = TestLearnBoilerplate.site(tmp_path, 4)
    out = tmp_path / "out"
    options = dict(source=src, output=out, learn_boilerplate=True)
    run_batch(BatchOptions(**options), Config())
    first = tree(out)
    (out / "site/page0.txt").unlink()
    run_batch(BatchOptions(**options, skip_existing=True), Config())
    assert tree(out) == first


def test_in_place_on_a_folder_of_pages_says_why_nothing_was_cleaned(tmp_path):
    (tmp_path / "story.html").write_text("<html><body><article><p>A sentence of the story here.</p>"
                                         "</article></body></html>")
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "--in-place"])
    assert result.exit_code == 2
    assert "--in-place" in result.output and "-o OUT_DIR" in result.output
    assert (tmp_path / "story.html").read_text().startswith("<html>")  # untouched


def test_ndjson_and_upper_case_jsonl_are_datasets_in_batch(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    record = json.dumps({"text": "A sentence about the vote.\nLoading...\n"}) + "\n"
    (src / "x.ndjson").write_text(record * 2)  # two equal records: cleaned as text, one would go
    (src / "Y.JSONL").write_text(record)
    result = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "out"), "--include", "*"])
    assert result.exit_code == 0, result.output
    cleaned = json.dumps({"text": "A sentence about the vote.\n"}) + "\n"
    assert (tmp_path / "out" / "x.ndjson").read_text() == cleaned * 2
    assert (tmp_path / "out" / "Y.JSONL").read_text() == cleaned


def test_double_star_globs_and_a_warning_for_a_pattern_that_matches_nothing(tmp_path):
    from click.testing import CliRunner

    from cleaner.cli import main

    for where in ("a/x/1.txt", "x/2.txt", "b/3.txt"):
        (tmp_path / where).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / where).write_text("A real sentence about the council vote.\nLoading...\n")
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "--check", "--include", "**/x/*.txt",
                                       "--exclude", "nothing-*"])
    assert sorted(line.split(":")[0] for line in result.stderr.splitlines() if line.startswith("would clean")) == [
        "would clean a/x/1.txt", "would clean x/2.txt"]
    assert "warning: --exclude 'nothing-*' matches nothing" in result.stderr
    review = CliRunner().invoke(main, ["diff", "--stat", str(tmp_path), "--include", "*.md"])
    assert review.exit_code == 0 and "warning: --include '*.md' matches nothing" in review.stderr


def test_diff_and_explain_preview_what_learn_boilerplate_removes(tmp_path):
    from click.testing import CliRunner

    from cleaner.cli import main

    for n in range(4):
        (tmp_path / "site").mkdir(exist_ok=True)
        (tmp_path / "site" / f"{n}.txt").write_text(
            f"A real story number {n} about the council and its long budget debate today.\n\n"
            "The Gazette Media Group of Springfield\n\n"
            f"More real text number {n} follows here in a long sentence about the vote.\n")
    plain = CliRunner().invoke(main, ["diff", "--stat", str(tmp_path)]).stdout
    learnt = CliRunner().invoke(main, ["diff", "--stat", str(tmp_path), "--learn-boilerplate"]).stdout
    batch = CliRunner().invoke(main, ["batch", str(tmp_path), "--check", "--learn-boilerplate", "-q"]).stderr
    assert "site-boilerplate" not in plain
    assert learnt.splitlines()[-1] == "4 files, 4 changed, 4 lines removed (site-boilerplate 4)"
    assert "4 would change" in batch and "4 lines removed" in batch
    explained = CliRunner().invoke(main, ["explain", str(tmp_path), "--learn-boilerplate"]).stdout
    assert explained.count("site-boilerplate: site boilerplate, seen in 4 of 4 files") == 4


def test_the_progress_bar_and_the_summary_read_one_clock(tmp_path):
    import time

    from cleaner.terminal import BatchProgress

    for n in range(30):
        (tmp_path / f"{n}.txt").write_text("A real sentence about the council vote.\nLoading...\n")
    started = time.perf_counter()
    progress = BatchProgress(started)
    summary = run_batch(BatchOptions(source=tmp_path, check=True, jobs=1), Config(), on_start=progress.start,
                        on_file=progress.advance, started=started)
    progress.stop()
    task = progress._progress.tasks[0]
    rate_column = progress._progress.columns[3]
    bar_rate = float(str(rate_column.render(task)).split()[0].replace(",", ""))
    assert task.completed == summary.seen == 30
    summary_rate = summary.seen / summary.elapsed
    assert summary_rate * 0.5 <= bar_rate <= summary_rate * 1.01  # the bar reads the same clock a moment later


def test_the_report_lists_every_file_with_its_status_and_removals(tmp_path):
    import json as json_module

    from click.testing import CliRunner

    from cleaner.cli import main

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("A real sentence about the council vote.\nLoading...\n")
    (src / "b.txt").write_text("A real sentence about the council vote, long enough to stay.")
    (src / "c.txt").write_text("A real sentence about the council vote, long enough to stay.\n")
    (src / "d.txt").write_bytes(b"\x00binary")
    result = CliRunner().invoke(main, ["batch", str(src), "--check", "--report", str(tmp_path / "r.json")])
    assert result.exit_code == 123
    per_file = json_module.loads((tmp_path / "r.json").read_text())["per_file"]
    assert [(entry["path"], entry["status"]) for entry in per_file] == [
        ("a.txt", "changed"), ("b.txt", "changed"), ("c.txt", "unchanged"), ("d.txt", "failed")]
    assert per_file[0]["lines_removed"] == {"placeholders": 1}
    assert per_file[1]["whitespace"] == "no final newline" and "binary" in per_file[3]["error"]
