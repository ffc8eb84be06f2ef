"""HTML input: the article found, its text rendered, the markup's evidence used."""

import gzip
import json

import pytest
from click.testing import CliRunner
from conftest import ROOT

import cleaner
from cleaner.cli import main
from cleaner.htmlpage import decode_page, extracted_text, looks_like_html, page_lines
from cleaner.textio import Encoding

STORY = [
    "The council voted on Tuesday to close the old bridge to lorries after engineers found cracks.",
    "Repairs will take at least a year, the council's engineer told the meeting on Tuesday night.",
    "Residents said the detour through the town centre would add twenty minutes to their journeys.",
]


def page(body: str, head: str = "<title>Bridge closed</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def paragraphs(texts=STORY) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def clean_page(html: str) -> cleaner.CleanResult:
    return cleaner.clean_lines(page_lines(html))


def test_article_is_found_among_menus_and_footers():
    html = page(
        "<header><ul><li><a href=/>Home</a></li><li><a href=/n>News</a></li></ul></header>"
        f"<div id=main><h1>Bridge closed to lorries</h1><div class=body>{paragraphs()}</div></div>"
        "<footer><p>Contact us</p><p>Terms of use</p></footer>"
    )
    text = extracted_text(page_lines(html))
    assert "Bridge closed to lorries" in text and STORY[0] in text
    assert "Home" not in text and "Contact us" not in text and "Terms of use" not in text


def test_blocks_are_paragraphs_inline_elements_stay_and_br_breaks_the_line():
    html = page(f"<article>{paragraphs()}<p>One <b>bold</b> <a href=#>word</a> here.<br>Next line.</p></article>")
    lines = page_lines(html)
    texts = [line.text for line in lines]
    assert texts == [STORY[0], "", STORY[1], "", STORY[2], "", "One bold word here.", "Next line."]
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))


def test_script_style_and_form_controls_are_dropped():
    html = page(f"<article><script>var x = 1;</script><style>p {{color: red}}</style>{paragraphs()}"
                "<noscript>Enable JavaScript</noscript><button>Share</button><select><option>Sort</option></select>"
                "<template><p>Hidden template</p></template><svg><text>Logo</text></svg></article>")
    text = extracted_text(page_lines(html))
    for junk in ("var x", "color: red", "Enable JavaScript", "Share", "Sort", "Hidden template", "Logo"):
        assert junk not in text
    assert STORY[2] in text


def test_entities_are_decoded():
    html = page(f"<article>{paragraphs()}<p>Fish &amp; chips cost &pound;5 &mdash; or &#8364;6.</p></article>")
    assert "Fish & chips cost £5 — or €6." in extracted_text(page_lines(html))


def removal_reasons(result):
    return {removal.text: (removal.filter, removal.reason) for removal in result.removals}


def test_captions_share_bars_related_lists_and_cookie_banners_go_with_their_evidence():
    html = page(
        "<article>"
        "<div class='social-share'><span>Share this story</span></div>"
        "<figure><img src=b.jpg alt=''><figcaption>The bridge on Monday. Photo: J. Smith</figcaption></figure>"
        f"{paragraphs()}"
        "<div id=cookie-consent><p>We use cookies to improve your experience on our site.</p></div>"
        "<aside class=related><h3>More on this</h3><ul><li><a href=/a>Town votes on budget</a></li>"
        "<li><a href=/b>Road works start in May</a></li></ul></aside>"
        "</article>"
    )
    result = clean_page(html)
    assert result.text == "\n\n".join(STORY) + "\n"
    reasons = removal_reasons(result)
    assert reasons["Share this story"] == ("page-markup", "share buttons in the page's markup (div.social-share)")
    assert reasons["The bridge on Monday. Photo: J. Smith"][1] == "caption in the page's markup (figcaption)"
    assert reasons["We use cookies to improve your experience on our site."][1] == (
        "cookie or consent notice in the page's markup (div#cookie-consent)")
    assert reasons["Town votes on budget"][1].startswith("aside in the page's markup")


def test_a_list_of_links_goes_but_a_paragraph_with_links_stays():
    linked = "The report, <a href=/r>published on Monday</a>, was written by <a href=/e>the engineers</a> last year."
    html = page(
        f"<div><div class=story>{paragraphs()}<p>{linked}</p></div>"
        "<ul><li><a href=/1>Budget approved</a></li><li><a href=/2>School reopens</a></li>"
        "<li><a href=/3>Market moves</a></li></ul>"
        "<p><a href=/x>Home</a> | <a href=/y>News</a> | <a href=/z>Sport</a></p></div>"
    )
    result = clean_page(html)
    assert "The report, published on Monday, was written by the engineers last year." in result.text
    reasons = removal_reasons(result)
    assert reasons["Budget approved"] == ("page-markup", "list of links in the page's markup (ul)")
    assert reasons["Home | News | Sport"] == ("page-markup", "list of links in the page's markup (a line of links)")


def test_evidence_never_takes_the_story_itself():
    # Wrappers whose class names say "share" or "sidebar" hold the story: their words do not count.
    html = page(f"<div class='layout has-sidebar'><div class='post share-enabled'>{paragraphs()}</div></div>")
    assert clean_page(html).text == "\n\n".join(STORY) + "\n"


def test_inline_evidence_marks_a_line_only_when_it_is_the_whole_line():
    html = page(f"<article><p><span class=byline>LONDON</span> — {STORY[0]}</p>{paragraphs(STORY[1:])}"
                "<p><span class=byline>By Jane Doe</span></p></article>")
    result = clean_page(html)
    assert f"LONDON — {STORY[0]}" in result.text
    assert removal_reasons(result)["By Jane Doe"][1] == "byline or date in the page's markup (span.byline)"


def test_hidden_elements_are_junk():
    html = page(f"<article>{paragraphs()}<div style='display: none'>Subscribe to read more</div>"
                "<p hidden>Also hidden</p></article>")
    reasons = removal_reasons(clean_page(html))
    assert reasons["Subscribe to read more"][1].startswith("hidden element")
    assert reasons["Also hidden"][1].startswith("hidden element")


def test_nested_articles_take_the_outermost():
    teaser = "<article><h3>Other story</h3><p>A short teaser of another story.</p></article>"
    html = page(f"<main><article><h1>Bridge closed</h1>{paragraphs()}{teaser}</article></main>")
    text = extracted_text(page_lines(html))
    assert text.startswith("Bridge closed\n") and STORY[2] in text


def test_a_page_laid_out_with_br():
    body = "<br>".join(STORY)
    html = page(f"<table><tr><td><a href=/>Home</a></td></tr><tr><td class=text>{body}</td></tr></table>")
    assert [line.text for line in page_lines(html) if line.text] == STORY


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "<p></p>" * 50, "<p>" * 5000, "<html><body>\x0b</body>"])
def test_empty_and_broken_pages_give_no_lines_not_an_error(html):
    assert page_lines(html) == []


def test_control_characters_in_a_page_are_dropped_not_a_crash():
    html = page(f"<article><script>x</script>\x0b{paragraphs()}<p>Odd\x0c char\x1b here.</p></article>")
    text = extracted_text(page_lines(html))
    assert STORY[0] in text and "Odd char here." in text


def test_a_stray_nul_byte_is_dropped():
    data = page(f"<article>{paragraphs()}</article>").encode().replace(b"council", b"coun\x00cil", 1)
    assert STORY[0] in decode_page(data)


def test_deeply_nested_page_is_read_without_recursion():
    html = page("<div>" * 2000 + paragraphs() + "</div>" * 2000)
    assert [line.text for line in page_lines(html) if line.text] == STORY


def test_sniffing():
    assert looks_like_html(b"\xef\xbb\xbf  <!doctype html><html>")
    assert looks_like_html(b"<!-- saved --><HTML lang=en>")
    assert looks_like_html(b"anything", "story.HTM")
    assert not looks_like_html(b"<!doctype html>", "notes.txt")
    assert not looks_like_html(b"A story that mentions <html> tags.\n")
    assert not looks_like_html(b"<b>Bold</b> start of a text")


def test_charset_declared_by_the_page_is_used_when_the_bytes_are_not_utf8():
    html = page(f"<article>{paragraphs()}<p>Caf\xe9 cr\xe8me \u20ac</p></article>",
                head='<meta charset="windows-1252">').encode("cp1252")
    assert "Café crème €" in decode_page(html)
    assert decode_page("<p>Café</p>".encode()) == "<p>Café</p>"  # valid UTF-8 wins
    assert decode_page("<p>Caf\xe9</p>".encode("latin-1"), Encoding("latin-1")) == "<p>Café</p>"


# --- the command line ---------------------------------------------------------

def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


HTML = page(f"<article><div class=share-tools><a href=#>Facebook</a> <a href=#>Twitter</a></div>"
            f"{paragraphs()}</article>")


def test_clean_reads_a_page_by_extension_by_sniffing_and_when_told(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(HTML)
    expected = "\n\n".join(STORY) + "\n"
    assert invoke("clean", str(path)).stdout == expected
    assert invoke("clean", input=HTML).stdout == expected  # stdin, sniffed
    assert invoke("clean", "--from", "html", input=HTML).stdout == expected
    as_text = invoke("clean", "--from", "text", input=HTML).stdout
    assert "<article>" in as_text


def test_diff_and_explain_show_the_extracted_text_and_the_evidence(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(HTML)
    diff = invoke("diff", "--no-color", str(path)).stdout
    assert "-Facebook Twitter" in diff and f" {STORY[0]}" in diff and "<article>" not in diff
    explained = invoke("explain", "--json", str(path)).stdout
    [record] = json.loads(explained)
    assert record["filter"] == "page-markup" and record["line"] == 1
    assert record["reason"] == "share buttons in the page's markup (div.share-tools)"


def test_batch_writes_pages_as_text_and_refuses_to_rewrite_them_in_place(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "site").mkdir(parents=True)
    (src / "site" / "a.html").write_text(HTML)
    (src / "site" / "b.txt").write_text(STORY[0] + "\nLoading...\n")
    result = invoke("batch", str(src), "-o", str(out), "-j", "1", "-q")
    assert result.exit_code == 0, result.stderr
    assert (out / "site" / "a.txt").read_text() == "\n\n".join(STORY) + "\n"
    assert (out / "site" / "b.txt").read_text() == STORY[0] + "\n"
    refused = invoke("batch", str(src), "--in-place", "--from", "html")
    assert refused.exit_code == 2 and "use -o OUT_DIR" in refused.stderr
    (src / "site" / "a.txt").write_text("Another text.\n")  # page a.html would also write a.txt
    clash = invoke("batch", str(src), "-o", str(tmp_path / "out2"), "-j", "1", "-q")
    assert clash.exit_code == 123 and "a.txt" in clash.stderr


def test_jsonl_field_holding_pages(tmp_path):
    records = [{"id": 1, "html": HTML}, {"id": 2, "html": "Plain text field.\nLoading...\n"}]
    data = "".join(json.dumps(r) + "\n" for r in records)
    out = invoke("clean", "--jsonl", "--field", "html", "--stats-field", "removed", input=data).stdout
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["html"] == "\n\n".join(STORY) and first["removed"] == {"page-markup": 1}
    assert second["html"] == "Plain text field.\n"
    path = tmp_path / "pages.jsonl.gz"
    path.write_bytes(gzip.compress(data.encode()))
    stat = invoke("diff", "--jsonl", "--field", "html", "--stat", str(path)).stdout
    assert "2 records, 2 changed" in stat


def test_a_line_repeating_an_image_alt_text_is_its_caption():
    caption = "The old bridge seen from the river on Monday"
    html = page(f"<article><p>{STORY[0]}</p><img src=b.jpg alt='{caption}'><p>{caption}</p><img src=l.png alt=Logo>"
                f"<p>Logo</p>{paragraphs(STORY[1:])}</article>")
    reasons = removal_reasons(clean_page(html))
    assert reasons[caption] == ("page-markup", "caption in the page's markup (img alt)")
    assert reasons.get("Logo", ("kept",))[0] != "page-markup"  # a one-word alt text says nothing


# --- cases a reviewer found, each once a loss of real text or a wrong reading ---

def kept_story(html: str) -> bool:
    text = clean_page(html).text
    return all(sentence in text for sentence in STORY)


def test_a_long_comment_in_an_article_element_is_not_taken_for_the_story():
    comment = "I disagree with every word of this, and here is why at great length. " * 10
    html = page(f"<div class=entry-content>{paragraphs()}</div>"
                f"<div id=comments><article class=comment-body><p>{comment}</p></article></div>")
    assert kept_story(html)


def test_a_denser_comment_section_does_not_beat_the_story():
    comments = "".join(f"<p>Comment number {n}: I have lived near that bridge all my life and "
                       "it was always going to end like this, mark my words.</p>" for n in range(6))
    html = page(f"<div class=story>{paragraphs()}</div>"
                f"<div id=comments-section><div class=comment-list>{comments}</div></div>")
    result = clean_page(html)
    assert kept_story(html) and "Comment number 3" not in result.text


def test_paragraphs_wrapped_one_by_one_are_read_together():
    wrapped = "".join(f"<div class=block><div class=inner><p>{text}</p></div></div>" for text in STORY)
    assert kept_story(page(f"<nav><a href=/>Home</a></nav><div class=body>{wrapped}</div>"))


@pytest.mark.parametrize("wrapper", [
    "<div class='article-body paywall'>{}</div>",          # a metered page: the text is there
    "<div class='overflow-hidden'>{}</div>",               # a layout class, not a hidden element
    "<div class='hidden md:block'>{}</div>",                # hidden only on small screens
    "<div class='col hidden-xs'>{}</div>",
])
def test_layout_and_paywall_classes_do_not_hide_story_paragraphs(wrapper):
    last = ["The bridge was built in 1894 and was last repaired in 1990, the records show.",
            "Engineers will inspect the two other bridges in the town next month, the council said."]
    html = page(f"<article>{paragraphs()}{wrapper.format(paragraphs(last))}</article>")
    text = clean_page(html).text
    assert all(sentence in text for sentence in STORY + last)


def test_a_quotation_is_text_whatever_its_class():
    quote = "We will not reopen the bridge until it is safe, whatever the cost to the town."
    html = page(f"<article>{paragraphs()}<blockquote class=comment><p>{quote}</p></blockquote></article>")
    assert quote in clean_page(html).text


def test_a_headline_repeated_as_the_image_alt_text_stays():
    headline = "Bridge closed to lorries after cracks found"
    html = page(f"<article><h1>{headline}</h1><img src=a.jpg alt='{headline}'>{paragraphs()}</article>")
    assert headline in clean_page(html).text


def test_entities_are_decoded_once():
    html = page(f"<article>{paragraphs()}<p>Type &amp;lt;b&amp;gt; or ?q=a&amp;region=us&amp;copy=1 &amp;amp;.</p>"
                "</article>")
    assert "Type &lt;b&gt; or ?q=a&region=us&copy=1 &amp;." in extracted_text(page_lines(html))


def test_pre_keeps_its_lines_and_ruby_readings_go():
    html = page(f"<article>{paragraphs()}<pre>line one\n  line two\nline three</pre>"
                "<p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>字 are characters.</p></article>")
    texts = [line.text for line in page_lines(html) if line.text]
    assert texts[-4:] == ["line one", "line two", "line three", "漢字 are characters."]


def test_text_after_a_stray_body_end_tag_is_read():
    html = f"<html><body><p>{STORY[0]}</p></body><p>{STORY[1]}</p><p>{STORY[2]}</p></html>"
    assert all(sentence in extracted_text(page_lines(html)) for sentence in STORY)


def test_deep_nesting_and_huge_scripts_do_not_empty_the_page():
    deep = "<div>" * 400 + paragraphs() + "</div>" * 400
    assert kept_story(page(deep))
    script = "<script>" + "var x = 1;\n" * 1_200_000 + "</script>"  # over libxml2's 10 MB text limit
    assert kept_story(page(paragraphs(), head=script))


def test_utf16_pages_with_and_without_bom():
    html = page(f"<article>{paragraphs()}</article>")
    for data in (html.encode("utf-16"), html.encode("utf-16-le"), html.encode("utf-16-be")):
        assert looks_like_html(data)
        assert STORY[0] in decode_page(data)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20,
    b"\x7fELF\x02\x01\x01" + b"\x00" * 100 + b"text" * 50,
    bytes(range(1, 32)) * 200,
])
def test_binary_data_named_html_is_an_error(data, tmp_path):
    from cleaner.errors import InputError

    with pytest.raises(InputError, match="binary data"):
        decode_page(data)
    path = tmp_path / "img.html"
    path.write_bytes(data)
    result = invoke("clean", str(path))
    assert result.exit_code == 2 and "binary data, not a page" in result.stderr


def test_xhtml_with_an_xml_declaration_is_sniffed():
    xhtml = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
             f'"x.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><body>{paragraphs()}</body></html>')
    assert looks_like_html(xhtml.encode())
    assert invoke("clean", input=xhtml).stdout == "\n\n".join(STORY) + "\n"


def test_batch_check_flags_a_page_only_when_a_filter_would_remove_a_line(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "plain.html").write_text(page(f"<article>{paragraphs()}</article>"))
    assert invoke("batch", str(src), "--check", "-q").exit_code == 0
    (src / "share.html").write_text(HTML)
    assert invoke("batch", str(src), "--check", "-q").exit_code == 1


def test_a_page_nested_far_beyond_the_parsers_tree_limit_is_read_whole_everywhere(tmp_path):
    # A tree stops at 2,048 levels; the page is read as a stream of events, which has no limit.
    deep = page("<div>" * 5000 + paragraphs() + "</div>" * 5000)
    (tmp_path / "pages").mkdir()
    path = tmp_path / "pages" / "deep.html"
    path.write_text(deep)
    assert [line for line in invoke("clean", str(path)).stdout.splitlines() if line] == STORY
    assert invoke("diff", str(path)).exit_code == 0 and invoke("explain", str(path)).exit_code == 0
    dataset = tmp_path / "d.jsonl"
    dataset.write_text(json.dumps({"html": deep}) + "\n")
    result = invoke("clean", "--jsonl", "--field", "html", str(dataset))
    assert result.exit_code == 0 and [line for line in json.loads(result.stdout)["html"].splitlines() if line] == STORY
    batch = invoke("batch", str(tmp_path / "pages"), "-o", str(tmp_path / "out"), "-q")
    assert batch.exit_code == 0 and [line for line in (tmp_path / "out" / "deep.txt").read_text().splitlines() if line] == STORY


@pytest.mark.parametrize("attributes, reason", [
    ('role="navigation"', 'navigation in the page\'s markup (div[role="navigation"])'),
    ('aria-label="Share this article"', 'share buttons in the page\'s markup (div[aria-label="Share this article"])'),
    ('class="shareButtons"', "share buttons in the page's markup (div.shareButtons)"),
    ('id="relatedStories"', "related or popular stories in the page's markup (div#relatedStories)"),
])
def test_role_aria_label_and_camel_case_names_are_evidence(attributes, reason):
    html = page(f"<article>{paragraphs()}<div {attributes}><span>Facebook</span></div></article>")
    assert removal_reasons(clean_page(html))["Facebook"] == ("page-markup", reason)


def test_a_body_whose_class_says_comments_still_holds_the_story():
    html = f"<html><body class='single comments-open'><div class=story>{paragraphs()}</div></body></html>"
    assert kept_story(html)


def test_paragraphs_written_as_divs_without_p():
    body = "".join(f"<div>{text}</div>" for text in STORY)
    html = page(f"<div class=nav><a href=/>Home</a> <a href=/n>News</a></div><div class=text>{body}</div>")
    assert kept_story(html)


def test_a_story_split_in_two_blocks_by_an_advertisement():
    first = "".join(f"<p>{text}</p>" for text in STORY[:2])
    html = page(f"<div class=story><div class=part><div class=inner>{first}{first}</div></div>"
                "<div class=ad-slot><span>Advertisement</span></div>"
                f"<div class=part><div class=inner><p>{STORY[2]}</p></div></div></div>")
    assert kept_story(html)


def test_text_that_mentions_tags_is_kept_on_a_page():
    code = "Add &lt;meta charset=&quot;utf-8&quot;&gt; to the head of every page."
    html = page(f"<article>{paragraphs()}<p>{code}</p><pre>&lt;div class=&quot;x&quot;&gt;&lt;/div&gt;</pre></article>")
    result = clean_page(html)
    assert 'Add <meta charset="utf-8"> to the head of every page.' in result.text
    assert "markup" not in result.counts_by_filter()
    as_text = cleaner.clean_and_explain(extracted_text(page_lines(html)))  # the same lines, read as text
    assert as_text.counts_by_filter()["markup"] >= 1


def test_batch_learns_boilerplate_from_pages_and_names_pages_in_any_case(tmp_path):
    site = tmp_path / "src" / "site"
    site.mkdir(parents=True)
    for n in range(3):
        story = [f"Story {n}: {sentence}" for sentence in STORY]
        (site / f"{n}.HTML").write_text(page(f"<article>{paragraphs(story)}<p>Our site's motto goes here.</p></article>"))
    result = invoke("batch", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "--learn-boilerplate", "-q")
    assert result.exit_code == 0, result.stderr
    cleaned = (tmp_path / "out" / "site" / "0.txt").read_text()
    assert "Story 0: " + STORY[0] in cleaned and "motto" not in cleaned


def test_batch_in_place_never_replaces_a_page(tmp_path):
    (tmp_path / "a.html").write_text(HTML)
    result = invoke("batch", str(tmp_path), "--in-place", "--include", "*.html", "-q")
    assert result.exit_code == 123 and "use -o OUT_DIR rather than --in-place" in result.stderr
    assert (tmp_path / "a.html").read_text() == HTML


def test_batch_reads_a_page_by_its_content_as_clean_does(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "page.dat").write_text(HTML)
    result = invoke("batch", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "--include", "*.dat", "-q")
    assert result.exit_code == 0
    assert (tmp_path / "out" / "page.dat").read_text() == invoke("clean", str(tmp_path / "src" / "page.dat")).stdout


def test_a_page_diff_is_labelled_as_its_text():
    diff = invoke("diff", "--no-color", "--from", "html", input=HTML).stdout
    assert diff.startswith("--- a/stdin.txt\n")


# --- pages modelled on real CMSs (WordPress, Drupal, Ghost, live blogs, listicles, recipes,
# reviews, Q&A, AMP, news sites in six languages): every line of the story is kept ---

REAL_TEXT_PAGES = sorted((ROOT / "fixtures" / "pages-real-text").glob("*.html"))


@pytest.mark.parametrize("path", REAL_TEXT_PAGES, ids=lambda path: path.stem)
def test_pages_from_real_cms_layouts_lose_no_story_line(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["real"]
    out = [" ".join(line.split()) for line in clean_page(path.read_text(encoding="utf-8")).text.splitlines()]
    lost = [line for line in expected if not any(line in kept for kept in out)]
    assert lost == []


# Blog fronts, tutorials with code, galleries and forums: what the page shows
# around the story (footers, counters, forms, reply buttons) goes too.
JUNK_PAGES = [path for path in REAL_TEXT_PAGES if "junk" in json.loads(path.with_suffix(".json").read_text())]


@pytest.mark.parametrize("path", JUNK_PAGES, ids=lambda path: path.stem)
def test_pages_lose_their_furniture(path):
    junk = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["junk"]
    out = {" ".join(line.split()) for line in clean_page(path.read_text(encoding="utf-8")).text.splitlines()}
    assert [line for line in junk if line in out] == []
