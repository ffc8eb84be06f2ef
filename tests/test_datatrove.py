"""The datatrove step: a local pipeline cleans a JSONL folder exactly as
`cleaner clean --jsonl` does."""

import json

import pytest
from click.testing import CliRunner

from cleaner.cli import main

datatrove = pytest.importorskip("datatrove")

RECORDS = [
    {"id": "a", "text": "A real sentence about the vote in the council.\nLoading...\nReuters"},
    {"id": "b", "text": "Ünïcode stays, 中文也保留。\nREAD MORE: Another story here\nRoute 6\n"},
    {"id": "c", "text": "Nothing to remove in this plain sentence."},
]


def test_local_pipeline_equals_clean_jsonl(tmp_path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.datatrove_step import CleanerStep

    source = tmp_path / "in"
    source.mkdir()
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS)
    (source / "part.jsonl").write_text(data, encoding="utf-8")
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(source)), CleanerStep(), JsonlWriter(str(out), compression=None)],
        tasks=1, workers=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    cleaned = {}
    for path in out.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            cleaned[record["id"]] = record
    expected = {
        json.loads(line)["id"]: json.loads(line)["text"]
        for line in CliRunner().invoke(main, ["clean", "--jsonl"], input=data.encode()).stdout.splitlines()
    }
    assert {key: record["text"] for key, record in cleaned.items()} == expected
    assert cleaned["a"]["metadata"]["cleaner_removed"] == {"credits": 1, "placeholders": 1}
    assert cleaned["c"]["metadata"]["cleaner_removed"] == {}


def test_step_reads_html_documents_when_asked(tmp_path):
    from datatrove.data import Document

    from cleaner.datatrove_step import CleanerStep

    html = ("<!DOCTYPE html><html><body><article><div class=share-bar>Share on Facebook</div>"
            "<p>The council voted on Tuesday to close the old bridge to lorries after engineers found cracks.</p>"
            "</article></body></html>")
    [document] = CleanerStep(source_format="html").run([Document(text=html, id="p")])
    assert document.text == "The council voted on Tuesday to close the old bridge to lorries after engineers found cracks."
    assert document.metadata["cleaner_removed"] == {"page-markup": 1}


def test_step_rejects_an_unknown_source_format_and_drops_unreadable_pages():
    from datatrove.data import Document

    from cleaner.datatrove_step import CleanerStep

    with pytest.raises(ValueError, match="source_format"):
        CleanerStep(source_format="HTML")
    step = CleanerStep(source_format="html")
    binary = "<html><body>" + "\x01\x02" * 5000 + "</body></html>"
    kept = list(step.run([Document(text=binary, id="binary"), Document(text="<p>Fine text here.</p>", id="ok")]))
    assert [document.id for document in kept] == ["ok"]
    assert step.stats["unreadable"].total == 1
