"""The learned line scorer: features, the model file, inference, reasons, the
guards, the CLI options and `cleaner train`."""

from __future__ import annotations

import json
import math
import random
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.cli import main
from cleaner.errors import ConfigError
from cleaner.scoring import model as model_module
from cleaner.scoring.features import NAMES, _inside_longer, document_features
from cleaner.scoring.model import BUNDLED, STAGE2, Trees, load_model, score_text

STORY = [
    "The council voted on Tuesday to close the old bridge for repairs, after engineers found cracks in two of its piers.",
    "",
    "Traffic will be sent through the town centre for at least six months, the council said in a statement.",
    "",
    "Shopkeepers on the high street said they welcomed the extra trade but feared the congestion would put off visitors.",
    "",
    "The bridge, built in 1887, carries about 12,000 vehicles a day and was last repaired in the 1970s.",
]
# A block of short, headline-like lines below the story: no phrase list names them.
# Two short sentences below it (a page's footer) keep trailing-junk from taking them.
FOOTER = "Open daily.\nFree entry."
BLOCK = ["Local Elections Results Map", "Police Appeal After Crash", "New Cafe Opens On Pier",
         "School Wins Science Prize", "Weather Warning For Weekend", "Council Tax To Rise",
         "Festival Line-Up Announced", "Rail Strike Dates Confirmed"]


def cli(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_features_one_row_per_line_and_named():
    rows = document_features(STORY + [""] + BLOCK)
    assert len(rows) == len([t for t in STORY + BLOCK if t])
    assert all(len(row) == len(NAMES) for row in rows)
    assert all(math.isfinite(x) for row in rows for x in row)
    assert document_features(["", ""]) == []


@given(st.lists(st.sampled_from(["a b", "a b c", "x y z w", "one two three four five six seven",
                                 "the a b c d e f", "zz", "b c d"]), max_size=30))
def test_inside_longer_both_ways_agree(keys):
    """The substring search and the hashed word runs (for long documents) give the same answer."""
    from cleaner.scoring import features

    fast = _inside_longer(keys)
    saved = features._SCAN_BUDGET
    features._SCAN_BUDGET = -1
    try:
        hashed = _inside_longer(keys)
    finally:
        features._SCAN_BUDGET = saved
    assert fast == hashed


def test_the_model_removes_a_block_of_headlines_below_the_story_and_keeps_the_story():
    text = "\n".join(STORY + [""] + BLOCK + ["", FOOTER]) + "\n"
    result = cleaner.clean_and_explain(text)
    removed = {r.text for r in result.removals if r.filter == "line-model"}
    assert len(removed) >= len(BLOCK) - 2 and removed <= set(BLOCK)
    assert all(line in result.text for line in STORY if line) and FOOTER in result.text
    high = cleaner.clean_and_explain(text, cleaner.Config()._replace(strictness="high"))
    assert {r.text for r in high.removals if r.filter == "line-model"} == set(BLOCK)
    # Without the model they stay: no rule names these lines.
    rules = cleaner.Config.select(disable=["line-model"])
    assert all(line in cleaner.clean(text, rules) for line in BLOCK)


def test_strictness_orders_what_goes():
    text = "\n".join(BLOCK[:4] + [""] + STORY + [""] + BLOCK) + "\n"
    removed = {}
    for level in ("low", "medium", "high"):
        config = cleaner.Config()._replace(strictness=level)
        removed[level] = {r.number for r in cleaner.clean_and_explain(text, config).removals}
    assert removed["low"] <= removed["medium"] <= removed["high"]
    model = load_model()
    assert model.thresholds["low"] > model.thresholds["medium"] > model.thresholds["high"]


def test_a_threshold_near_one_removes_nothing_the_rules_keep():
    text = "\n".join(STORY + [""] + BLOCK + ["", FOOTER]) + "\n"
    config = cleaner.Config()._replace(threshold=0.999999)
    assert not [r for r in cleaner.clean_and_explain(text, config).removals if r.filter == "line-model"]


def test_guards_keep_sentences_titles_and_colon_lists():
    lines = ["Bridge Closed For Repairs", "", *STORY, "", "The new route is:", "Mill Lane", "Station Road",
             "Castle Street", "", *BLOCK]
    config = cleaner.Config()._replace(threshold=0.0001)  # the model would remove every line it may
    result = cleaner.clean_and_explain("\n".join(lines) + "\n", config)
    kept = result.text
    for line in ["Bridge Closed For Repairs", *[s for s in STORY if s], "The new route is:", "Mill Lane",
                 "Station Road", "Castle Street"]:
        assert line in kept


def test_reasons_are_words_with_the_score_and_explain_json_carries_it(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\n".join(STORY + [""] + BLOCK + ["", FOOTER]) + "\n")
    result = cli("explain", str(path), "--json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    model_lines = [r for r in records if r["filter"] == "line-model"]
    assert model_lines
    for record in model_lines:
        assert 0 < record["score"] <= 1
        assert record["reason"].startswith(f"scored {score_text(record['score'])} as junk: ")
        assert "run of" in record["reason"] or "short" in record["reason"] or "headline" in record["reason"]
    assert all(r["score"] is None for r in records if r["filter"] != "line-model")


def test_compiled_trees_score_as_the_walk_does():
    model = load_model()
    rows = document_features(STORY + [""] + BLOCK)
    rng = random.Random(1)
    rows += [[x * rng.uniform(0, 3) for x in row] for row in rows]
    for trees in (model.stage1,):
        walked = Trees(trees.base, trees.trees)
        compiled = walked._compile()
        assert compiled is not None
        for row in rows:
            assert compiled(row) == pytest.approx(walked.raw(row), abs=1e-12)
    context = model_module.stage2_rows(rows, [0.5] * len(rows))
    walked = Trees(model.stage2.base, model.stage2.trees)
    compiled = walked._compile()
    for row in context:
        assert compiled(row) == pytest.approx(walked.raw(row), abs=1e-12)


def _bundled() -> dict:
    return json.loads(BUNDLED.read_text())


@pytest.mark.parametrize("breakage", [
    lambda m: "not json at all",
    lambda m: json.dumps({**m, "format": "something else"}),
    lambda m: json.dumps({**m, "version": 99}),
    lambda m: json.dumps({**m, "features": m["features"][:-1]}),
    lambda m: json.dumps({**m, "strictness": {"low": 2, "medium": 0.5, "high": 0.1}}),
    lambda m: json.dumps({**m, "default": "extreme"}),
    lambda m: json.dumps({**m, "stage1": {"base": 0, "trees": [[[0, 0.5, 1, 9, 0.0], [1.0], [2.0]]]}}),
    lambda m: json.dumps({**m, "stage1": {"base": 0, "trees": [[[0, 0.5, 1, 2, 0.0], [0, 0.5, 1, 2, 0.0], [1.0]]]}}),
    lambda m: json.dumps({**m, "stage1": {"base": 0, "trees": [[[0, 0.5, 1, 2, 0.0], [0, 0.5, 2, 2, 0.0], [1.0]]]}}),
    lambda m: json.dumps({**m, "stage1": {"base": 0, "trees": [
        [[0, 0.5, 1, 2, 0.0], [0, 0.5, 3, 4, 0.0], [0, 0.5, 3, 4, 0.0], [1.0], [2.0]]]}}),
    lambda m: json.dumps({**m, "stage1": {"base": 0, "trees": [
        [node for d in range(70) for node in ([0, 0.5, 2 * d + 1, 2 * d + 2, 0.0], [1.0])] + [[1.0]]]}}),
    lambda m: json.dumps({**m, "stage1": {"base": 10 ** 400, "trees": m["stage1"]["trees"]}}),
    lambda m: json.dumps({**m, "stage1": {"base": 0, "trees": [[[0, 0.5, 1, 2, 0.0], ["x"], [2.0]]]}}),
    lambda m: json.dumps({**m, "stage2": {"base": 0, "trees": [[[len(STAGE2), 0.5, 1, 2, 0.0], [1.0], [2.0]]]}}),
    lambda m: json.dumps({**m, "stage1": {**m["stage1"], "base": float("inf")}}),
    lambda m: "[" * 100_000,
], ids=["not-json", "format", "version", "features", "thresholds", "default", "out-of-tree", "self-loop",
        "both-children-one", "shared-child", "too-deep", "huge-int", "not-a-number", "column", "infinite",
        "deep-json"])
def test_a_broken_model_is_a_one_line_error_exit_2(tmp_path, breakage):
    path = tmp_path / "model.json"
    path.write_text(breakage(_bundled()))
    text = tmp_path / "a.txt"
    text.write_text("Hello there, this is a sentence.\n")
    result = cli("clean", "--model", str(path), str(text))
    assert result.exit_code == 2
    assert "model" in result.output and str(path) in result.output
    assert "Traceback" not in result.output
    with pytest.raises(ConfigError):
        load_model(path)


def test_a_missing_model_is_exit_2_and_the_config_finds_it_from_its_folder(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Hello there, this is a sentence.\n")
    result = cli("clean", "--model", str(tmp_path / "nope.json"), str(text))
    assert result.exit_code == 2 and "nope.json" in result.output
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "models").mkdir()
    (folder / "models" / "mine.json").write_text(json.dumps(_bundled()))
    (folder / "cleaner.toml").write_text('model = "models/mine.json"\nstrictness = "high"\n')
    config = cleaner.config.load_config(folder / "cleaner.toml")
    assert config.model == str(folder / "models" / "mine.json") and config.strictness == "high"
    (folder / "cleaner.toml").write_text('strictness = "extreme"\n')
    with pytest.raises(ConfigError, match="strictness"):
        cleaner.config.load_config(folder / "cleaner.toml")
    (folder / "cleaner.toml").write_text("threshold = 1.5\n")
    with pytest.raises(ConfigError, match="threshold"):
        cleaner.config.load_config(folder / "cleaner.toml")


def test_bad_strictness_and_threshold_options_exit_2(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Hello there, this is a sentence.\n")
    assert cli("clean", "--strictness", "extreme", str(text)).exit_code == 2
    result = cli("clean", "--threshold", "1.5", str(text))
    assert result.exit_code == 2 and "threshold" in result.output


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(STORY + BLOCK + ["", "Read more", "Share", "12", "A"]), max_size=40))
def test_cleaning_with_the_model_is_idempotent(lines):
    text = "\n".join(lines) + "\n"
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once


def _scraped(rng: random.Random, n: int) -> tuple[list[str], str, list[str]]:
    """The n-th labelled text: its story's paragraphs, the text a scraper took
    (a block of headlines below the story), and its gold lines. Odd texts end
    with a short line of their own: the model must learn that such lines are
    not junk."""
    story = rng.sample([s for s in STORY if s], 4)
    junk = rng.sample(BLOCK, 5)
    extra = ["Tickets from 5 pounds, children free"] if n % 2 else []
    raw = "\n\n".join(story) + "\n\n" + "\n".join(junk) + "\n\n" + "\n".join(extra + [FOOTER]) + "\n"
    return story, raw, story + extra + FOOTER.splitlines()


def _corpus(path, pages: list[dict]):
    """A corpus file of ``pages``, spread over twelve sites (the n-th page on site n mod 12)."""
    path.write_text("".join(json.dumps({"url": f"https://www.site{n % 12}.com/{n}", **page}) + "\n"
                            for n, page in enumerate(pages)))
    return path


def test_train_writes_a_model_that_cleans(tmp_path):
    pytest.importorskip("lightgbm")
    rng = random.Random(3)
    pages = []
    for n in range(60):
        _, raw, gold = _scraped(rng, n)
        pages.append({"raw": raw, "gold": "\n".join(gold)})
    corpus = _corpus(tmp_path / "corpus.jsonl", pages)
    out = tmp_path / "model.json"
    result = cli("train", str(corpus), "-o", str(out), "--field", "raw")
    assert result.exit_code == 0, result.output
    model = load_model(out)
    assert model.about["pages"] == 60 and model.about["sites"] == 12
    again = tmp_path / "again.json"
    assert cli("train", str(corpus), "-o", str(again), "--field", "raw").exit_code == 0
    assert again.read_bytes() == out.read_bytes()  # deterministic
    text = tmp_path / "a.txt"
    text.write_text("\n".join(STORY + [""] + BLOCK + ["", FOOTER]) + "\n")
    cleaned = cli("clean", "--model", str(out), str(text))
    assert cleaned.exit_code == 0
    assert all(s in cleaned.output for s in STORY if s) and FOOTER in cleaned.output
    assert sum(line not in cleaned.output for line in BLOCK) >= len(BLOCK) // 2  # it learnt the block


def test_train_without_gold_is_a_one_line_error(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"raw": "x"}) + "\n")
    result = cli("train", str(corpus), "-o", str(tmp_path / "m.json"))
    assert result.exit_code == 2 and "gold" in result.output
    assert not (tmp_path / "m.json").exists()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(STORY + BLOCK + ["", "Read more", "12", "Tags: a, b"]), min_size=1, max_size=40),
       st.data())
def test_scoring_some_lines_gives_their_scores_among_all(lines, data):
    """Stage 1 scores only the lines stage 2 reads (needed_rows): the wanted
    lines score exactly as when every line is scored."""
    model = load_model()
    every = {k: (score, row) for k, score, row in model.score(lines)}
    if not every:
        return
    wanted = sorted(data.draw(st.sets(st.sampled_from(sorted(every)), min_size=1)))
    for k, score, row in model.score(lines, wanted):
        assert score == every[k][0] and row == every[k][1]


@pytest.mark.parametrize("path", ["/dev/zero", "."], ids=["device", "folder"])
def test_a_model_that_is_not_a_regular_file_is_exit_2(tmp_path, path):
    text = tmp_path / "a.txt"
    text.write_text("Hello there, this is a sentence.\n")
    result = cli("clean", "--model", path, str(text))
    assert result.exit_code == 2 and "not a regular file" in result.output


def test_model_options_with_the_model_off_are_usage_errors(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Hello there, this is a sentence.\n")
    for option in (["--strictness", "high"], ["--threshold", "0.5"], ["--model", "m.json"]):
        result = cli("clean", *option, "--disable", "line-model", str(text))
        assert result.exit_code == 2 and option[0] in result.output and "line-model" in result.output


def test_a_document_without_a_sentence_is_left_to_the_rules():
    """No story, nothing to stand around: a list of headlines, a poem's title lines, a table."""
    text = "\n".join(BLOCK * 3) + "\n"
    config = cleaner.Config()._replace(threshold=0.0001)
    rules = cleaner.Config.select(disable=["line-model"])
    assert cleaner.clean(text, config) == cleaner.clean(text, rules)


def test_the_model_converges_in_a_few_passes(monkeypatch):
    """Each pass scores the whole document again: the model must not peel one line a pass."""
    from cleaner.filters import FILTERS, learned

    calls = []
    original = FILTERS["line-model"]

    def counted(lines, config):
        calls.append(len(lines))
        yield from learned.line_model(lines, config)

    monkeypatch.setitem(FILTERS, "line-model", original._replace(func=counted))
    heads = [f"Markets Slide As Oil Jumps {i}" for i in range(300)]
    text = "\n".join(heads + [""] + STORY + [""] + heads + ["", FOOTER]) + "\n"
    cleaner.clean(text, cleaner.Config()._replace(strictness="high"))
    assert len(calls) <= 6


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe not utf-8\n", "not UTF-8"),
    (b"[" * 100_000 + b"\n", "nested too deeply"),
])
def test_train_on_a_broken_corpus_is_a_one_line_error(tmp_path, content, message):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(content)
    result = cli("train", str(corpus), "-o", str(tmp_path / "m.json"))
    assert result.exit_code == 2 and message in result.output


def test_train_reads_odd_urls_as_no_site_and_checks_the_output_first(tmp_path):
    from cleaner.scoring.train import site_of

    assert site_of({"url": 123}, 7) == "page 7"
    assert site_of({"url": "http://[oops/"}, 8) == "page 8"
    assert site_of({"url": "https://www.news.example.co.uk/a"}, 0) == "example.co.uk"
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"raw": "x", "gold": "x"}) + "\n")
    result = cli("train", str(corpus), "-o", str(tmp_path / "missing" / "m.json"))
    assert result.exit_code == 2 and "no such folder" in result.output


def test_a_score_near_one_is_not_shown_as_certainty():
    assert score_text(0.9612) == "0.96"
    assert score_text(0.9961) == "0.996"
    assert score_text(0.99993) == ">0.999"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_the_ascii_counts_of_a_line_are_the_general_ones(text):
    from cleaner.scoring.features import _ascii_counts, _counts

    line = text.strip()
    assert _ascii_counts(line) == _counts(line)


# A page: the story in its own block, a rail of other stories' headlines
# (teaser cards, no links: no markup evidence the page reader acts on) beside
# it, and a title above the story.
def _page(story, sidebar, title="Bridge Closed For Repairs", standfirst=""):
    paragraphs = "".join(f"<p>{line}</p>" for line in story if line)
    items = "".join(f"<div class=teaser>{line}</div>" for line in sidebar)
    standfirst = f"<div class=intro><p>{standfirst}</p></div>" if standfirst else ""
    return (f"<html><body><div class=main><h1>{title}</h1>{standfirst}<div class=story-body>{paragraphs}</div>"
            f"<div class=rail><h3>Around The County</h3>{items}</div>"
            # The page's own footer, two short sentences: trailing-junk leaves the rail above it to the model.
            f"<div class=visit>{''.join(f'<p>{line}</p>' for line in FOOTER.splitlines())}</div>"
            "</div></body></html>")


def _markup(line) -> dict[str, float]:
    from cleaner.origins import MARKUP_FIELDS

    return dict(zip(MARKUP_FIELDS, line.origin.markup))


def test_a_pages_lines_carry_what_its_markup_says():
    from cleaner.htmlpage import page_lines

    lines = {line.text: line for line in page_lines(_page(STORY, BLOCK)) if line.text}
    story, headline = _markup(lines[STORY[0]]), _markup(lines[BLOCK[0]])
    assert story["in_core"] == 1 and story["in_paragraph"] == 1 and story["line_link_share"] == 0
    assert story["similar_siblings"] == 3  # three other paragraphs beside it
    assert headline["in_core"] == 0 and headline["after_core"] == 1 and headline["core_distance"] == 2
    assert headline["line_link_share"] == 0 and headline["in_list"] == 0 and headline["furniture_class"] == 1
    assert headline["similar_siblings"] == len(BLOCK) - 1 and headline["twin_siblings"] == len(BLOCK) - 1
    assert _markup(lines["Bridge Closed For Repairs"])["before_core"] == 1
    assert _markup(lines["Bridge Closed For Repairs"])["heading_level"] == 1
    # A line of text has no markup: its page columns are 0.
    assert document_features(["A line."])[0][NAMES.index("page"):] == [0.0] * (len(NAMES) - NAMES.index("page"))


def test_on_a_page_the_model_judges_what_stands_outside_the_core_but_not_the_title():
    from cleaner.filters.learned import protected_lines
    from cleaner.htmlpage import page_lines

    lines = page_lines(_page(STORY, BLOCK))
    protected = {lines[i].text for i in protected_lines(lines)}
    assert {s for s in STORY if s} <= protected and "Bridge Closed For Repairs" in protected
    assert not protected & set(BLOCK)
    # The same lines as text: the rules' guards hold (the block stands in no story span here either).
    as_text = [cleaner.document.Line(line.number, line.text) for line in lines]
    assert {s for s in STORY if s} <= {as_text[i].text for i in protected_lines(as_text)}


def test_a_broken_page_model_is_a_one_line_error(tmp_path):
    bundled = _bundled()
    assert "page" in bundled  # the bundled model has one
    for page, says in (("not an object", '"page" must be an object'),
                       ({**bundled["page"], "strictness": {"low": 2}}, '"page.strictness" must'),
                       ({**bundled["page"], "stage1": {"base": 0, "trees": "x"}}, "page.stage1: no trees")):
        path = tmp_path / "model.json"
        path.write_text(json.dumps({**bundled, "page": page}))
        with pytest.raises(ConfigError, match=re.escape(says)) as raised:
            load_model(path)
        assert "\n" not in str(raised.value)


# Other stories' first sentences, as a rail of teasers shows them: by their
# text alone they are story sentences; the markup says where they stand.
BLURBS = ["Police have appealed for witnesses after a crash on the bypass on Sunday night.",
          "A new cafe has opened on the pier, the first there for more than ten years.",
          "Pupils at the grammar school have won a national science prize for their project.",
          "Forecasters have warned of gales and heavy rain across the region this weekend.",
          "The festival has announced its line-up, with three bands playing for the first time.",
          "Rail workers will strike on two days next month, the union said on Friday.",
          "Council tax will rise by almost five per cent from April, the council has confirmed.",
          "The museum will close for a year from January while its roof is replaced."]


def test_train_on_pages_writes_a_page_model_that_reads_the_markup(tmp_path):
    pytest.importorskip("lightgbm")
    from cleaner.htmlpage import page_lines

    rng = random.Random(5)
    pages = []
    for n in range(60):
        story, raw, gold = _scraped(rng, n)  # the text model learns from the text a scraper took
        sidebar = rng.sample(BLURBS, 3)  # less text than the story: the story's block is the core
        # Half the pages open with a standfirst outside the story's block: the model must learn to keep it.
        standfirst = "Drivers face long detours for months." if n % 2 else ""
        html = _page(story, sidebar, standfirst=standfirst)
        pages.append({"html": html, "raw": raw, "gold": "\n".join([standfirst] * bool(standfirst) + gold)})
    corpus = _corpus(tmp_path / "pages.jsonl", pages)
    out = tmp_path / "model.json"
    result = cli("train", str(corpus), "-o", str(out), "--field", "raw", "--field", "html")
    assert result.exit_code == 0, result.output
    model = load_model(out)
    assert model.page is not None and model.for_pages() is model.page
    assert model.page.about["pages"] == 60
    page = tmp_path / "a.html"
    rail = BLURBS[:3]
    page.write_text(_page(STORY, rail, standfirst="Drivers face long detours for months."))
    cleaned = cli("clean", "--model", str(out), str(page))
    assert cleaned.exit_code == 0, cleaned.output
    assert all(s in cleaned.output for s in STORY if s) and "Drivers face long detours" in cleaned.output
    assert sum(line not in cleaned.output for line in rail) >= 2  # it learnt the rail
    # The same lines as text: the text model may not judge sentences, and they stay.
    as_text = cli("clean", "--model", str(out), "--from", "text",
                  input=cleaner.clean_lines(page_lines(page.read_text()), cleaner.Config()._replace(filters=())).text)
    assert all(line in as_text.output for line in rail)
    # It learnt from the markup: its trees split on what the markup says.
    first = NAMES.index("page")
    assert any(column >= first for feature, *_ in model.page.stage1.trees for column in feature if column >= 0)


def test_text_is_scored_by_the_text_model_and_a_page_by_the_page_model(monkeypatch):
    from cleaner.htmlpage import page_lines

    model = load_model()
    used = []
    for part, name in ((model, "text"), (model.page, "page")):
        original = part.score
        monkeypatch.setattr(part, "score", lambda *args, original=original, name=name, **kwargs: (
            used.append((name, args[2] if len(args) > 2 else kwargs.get("markups"))) or original(*args, **kwargs)))
    cleaner.clean("\n".join(STORY + [""] + BLOCK + ["", FOOTER]) + "\n")
    assert used and {name for name, _ in used} == {"text"} and all(markups is None for _, markups in used)
    used.clear()
    cleaner.clean_lines(page_lines(_page(STORY, BLURBS[:3])))
    assert used and {name for name, _ in used} == {"page"} and all(markups for _, markups in used)


def test_without_a_page_model_a_pages_lines_are_guarded_and_scored_as_text(tmp_path, monkeypatch):
    from cleaner.htmlpage import page_lines

    bundled = _bundled()
    del bundled["page"]
    path = tmp_path / "text-only.json"
    path.write_text(json.dumps(bundled))
    config = cleaner.Config()._replace(model=str(path), threshold=0.0001)  # it would take all it may judge
    result = cleaner.clean_lines(page_lines(_page(STORY, BLURBS[:3])), config)
    assert all(line in result.text for line in BLURBS[:3])  # sentences: the guards of text keep them


def test_outside_the_core_code_and_unlinked_headings_items_tables_and_quotes_stay_guarded():
    from cleaner.filters.learned import protected_lines
    from cleaner.htmlpage import page_lines

    # The story's lead stands in a block of its own, the rest in the core; between them, a block of
    # things the text's guards keep inside a story's span.
    lead, *rest = [line for line in STORY if line]
    paragraphs = "".join(f"<p>{line}</p>" for line in rest)
    page = (
        f"<html><body><div class=main><h1>Bridge Closed For Repairs</h1><div class=lead><p>{lead}</p></div>"
        "<div class=extra><pre>closures = load('roads.csv')</pre><h3>Detours</h3>"
        "<ul><li>Mill Lane</li><li>Station Road</li></ul>"
        "<table><tr><td>Northbound</td><td>closed</td></tr></table>"
        "<blockquote>We were told nothing, said one driver.</blockquote>"
        "<ul><li><a href=/a>Other story one</a></li><li><a href=/b>Other story two</a></li></ul>"
        "<div>Around the county today</div></div>"
        f"<div class=story-body>{paragraphs}</div></div></body></html>")
    lines = page_lines(page)
    outside = {line.text for line in lines if line.text and not _markup(line)["in_core"]}
    assert {"closures = load('roads.csv')", "Detours", "Mill Lane", "Northbound",
            "We were told nothing, said one driver.", "Around the county today"} <= outside
    protected = {lines[i].text for i in protected_lines(lines)}
    for kept in ("Bridge Closed For Repairs", "closures = load('roads.csv')", "Detours", "Mill Lane", "Station Road",
                 "Northbound", "closed", "We were told nothing, said one driver."):
        assert kept in protected, kept
    # Links, and a plain line outside the core, are the model's to judge (if the rules leave them).
    assert "Around the county today" not in protected
    assert not protected & {"Other story one", "Other story two"}


def test_reasons_say_what_the_markup_says():
    from cleaner.htmlpage import page_lines

    lines = [line for line in page_lines(_page(STORY, BLOCK)) if line.text]
    rows = document_features([line.text for line in lines], [line.origin.markup for line in lines])
    said = model_module._say_markup(rows[[line.text for line in lines].index(BLOCK[0])])
    assert said == "outside the article's main block, one of 8 like elements, in an element whose class names page furniture"
    assert model_module._say_markup(document_features(["A line."])[0]) == "no markup"
