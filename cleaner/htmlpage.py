"""Read an HTML page as lines for the filters.

The page is decoded (BOM, then UTF-8, then the charset the page declares),
parsed with lxml, and its article found: the one sizeable ``<article>``, or
else the element whose paragraphs hold the most text, taken with its parent
(where headlines, subheads and lead paragraphs often sit). The article is
rendered as a careful reader sees it: inline elements stay on their line,
``<br>`` starts a new line, block elements are paragraphs separated by a
blank line, and script, style, forms' controls and the like are dropped.

Each line keeps what the markup says about it as its origin (see
:mod:`cleaner.filters.pagemarkup`): a line inside a ``<figcaption>`` or
inside an element whose class names a share bar is a junk candidate for the
same filters that clean plain text. lxml is imported only when a page is read.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .document import Line
from .errors import InputError
from .filters.pagemarkup import HTML_ORIGIN, evidence_origin
from .filters.shapes import lazy_compile
from .textio import Encoding, looks_like_utf16, decode_bytes, normalise_line, repair_mojibake

if TYPE_CHECKING:
    from lxml.html import HtmlElement

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
SOURCE_FORMATS = ("text", "html", "auto")

# Content a reader never sees as article text.
_SKIPPED = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "button", "select", "textarea", "input", "datalist", "audio", "video", "map", "head", "title",
    "rt", "rp", "noframes",  # ruby readings beside the text; a frameset's fallback markup
)
_BLOCKS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu "
    "nav noframes ol p pre section summary table tbody tfoot thead td th tr ul".split()
)
# Compiled on first use: `cleaner clean` on text pays nothing for them.
_SPACE = lazy_compile(r"\s+")
_WORD_BREAK = lazy_compile(r"[^a-z0-9]+")
_CAMEL = lazy_compile(r"(?<=[a-z])(?=[A-Z])")
_CONTROL = lazy_compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START = lazy_compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)",
    re.IGNORECASE | re.DOTALL,
)

# Whole words of class, id, role or aria-label, by the family they mark.
_MARKS = {
    "share": "share shares sharing sharebar sharetools social socials sociable addthis sharethis "
             "bookmark bookmarks",
    "related": "related recommended recommendation recommendations recirc popular trending mostread "
               "mostpopular outbrain taboola promo promos upsell",
    # Not "paywall": a metered page holds the story's last paragraphs in it.
    "newsletter": "newsletter newsletters subscribe subscription signup",
    "advertising": "ad ads advert adverts advertisement advertising adslot adunit sponsor sponsored dfp",
    "cookie": "cookie cookies consent gdpr",
    "comments": "comment comments commentform disqus respond replies",
    "navigation": "breadcrumb breadcrumbs nav navbar navigation menu pagination pager tags",
    "author-bio": "bio authorbio",
    "tools": "toolbar tools utilities fontsize",
    "byline": "byline timestamp",
    "caption": "caption credit",
}
_FAMILY_OF_WORD = {word: family for family, words in _MARKS.items() for word in words.split()}
_FAMILY_OF_TAG = {
    "nav": "navigation", "aside": "aside", "footer": "footer", "form": "form", "label": "form",
    "legend": "form", "figcaption": "caption",
}
# Blocks of at least this many links, with this share of their text in
# links, are lists of links; paragraphs are text with links in it.
_MIN_LINKS = 2
_MIN_LINK_SHARE = 0.6
_MIN_LINE_LINK_SHARE = 0.8
_MIN_ALT_WORDS = 4
_NOT_LINK_LISTS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote a".split())
_DEPTHS = {"pre": "pre", **{f"h{level}": "heading" for level in range(1, 7)}}
# Binary data, not a page: more than one byte in this many a NUL, or more than
# one character in this many (of the first ones) a control character.
_MAX_NUL_SHARE = 1000
_MAX_CONTROL_SHARE = 50
_BINARY_SAMPLE = 65536
# Families whose elements never hold the story, however many paragraphs they
# have. (Not navigation: wrappers named "page-with-left-nav" hold stories.)
_NEVER_THE_STORY = frozenset({"comments"})
# The corpus recipe's thresholds: an <article> this long is the story; a
# paragraph parent with less text than this means a page laid out with <br>.
_MIN_ARTICLE_CHARS = 500
_MIN_PARAGRAPH_CHARS = 200
_MIN_DIRECT_TEXT = 50


def looks_like_html(data: bytes | str, name: str | None = None) -> bool:
    """Whether input is an HTML page: by its name's extension, else by its first kilobytes."""
    if name is not None:
        lowered = name.lower()
        if lowered.endswith(HTML_SUFFIXES):
            return True
        if lowered.endswith(".txt"):
            return False
    head = data[:4096]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or looks_like_utf16(head):
        utf16 = "utf-16" if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else (
            "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be")
        head = head.decode(utf16, "replace").encode("utf-8", "replace")
    return bool(_HTML_START.match(head.removeprefix(codecs.BOM_UTF8)))


def is_page(data: bytes | str, name: str | None, source_format: str) -> bool:
    """Whether to read an input as an HTML page: ``source_format`` is "text",
    "html", or "auto" (by extension, then by sniffing the first kilobytes)."""
    if source_format == "auto":
        return looks_like_html(data, name)
    return source_format == "html"


def decode_page(data: bytes, encoding: Encoding = Encoding()) -> str:
    """An HTML page's text: the encoding asked for, else a BOM, else UTF-8 when
    the bytes are valid UTF-8, else the charset the page declares (found by
    beautifulsoup4's UnicodeDammit, which falls back to Windows-1252).

    A few NUL bytes in a page are debris and go; many, or control characters
    all over the decoded text, mean binary data: an InputError."""
    if encoding.name is None and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        nul = data.find(b"\x00")
        if nul != -1:
            if looks_like_utf16(data):
                encoding = encoding._replace(name="utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
            elif data.count(b"\x00") > len(data) // _MAX_NUL_SHARE:
                raise InputError(f"binary data, not a page (NUL byte at offset {nul})")
            else:
                data = data.replace(b"\x00", b"")
    if encoding.name is not None or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = decode_bytes(data, encoding=encoding)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _declared_or_guessed(data)
    _check_not_binary(text)
    return repair_mojibake(text) if encoding.fix_unicode else text


def _declared_or_guessed(data: bytes) -> str:
    import logging

    from bs4.dammit import UnicodeDammit

    # Its warning about replaced characters is not ours to print.
    logging.getLogger("bs4.dammit").setLevel(logging.ERROR)
    text = UnicodeDammit(data, is_html=True).unicode_markup
    if text is None:
        raise InputError("cannot find the page's encoding; try --encoding")
    return text


def _check_not_binary(text: str) -> None:
    sample = text[:_BINARY_SAMPLE]
    if len(_CONTROL.findall(sample)) > len(sample) // _MAX_CONTROL_SHARE:
        raise InputError("binary data, not a page (control characters all over it)")


def page_lines(page: str, start: int = 1) -> list[Line]:
    """The article's lines, numbered from ``start``, blank lines between paragraphs,
    each with its origin: ``"html"``, or the evidence its markup gives."""
    root = _parse(page)
    if root is None:
        return []
    lengths = _lengths(root)
    article, core = find_article(root, lengths)
    lines: list[Line] = []
    number = start
    for text, origin, new_paragraph in _render(article, core, lengths):
        if new_paragraph and lines:
            lines.append(Line(number, "", HTML_ORIGIN))
            number += 1
        lines.append(Line(number, text, origin))
        number += 1
    return lines


def extracted_text(lines: list[Line]) -> str:
    """The article's text as read from the page, before any filter: what a diff shows as the input."""
    return "".join(line.text + "\n" for line in lines)


def _parse(page: str) -> HtmlElement | None:
    """The parsed document without the content a reader never sees. The whole
    document, not its <body>: text after a stray </body> is still on the page."""
    import lxml.html
    from lxml import etree

    data = page.replace("\x00", "").encode("utf-8", "replace")
    # huge_tree: libxml2's default limits (256 levels, 10 MB text nodes) would
    # silently cut a page nested deeply or holding a large inline script.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):  # an empty or unparsable document
        return None
    if any("Excessive depth" in error.message for error in parser.error_log):
        # libxml2 stops reading there: say so rather than print half a page.
        raise InputError("the page nests elements too deeply to read (over 2,048 levels)")
    for element in list(root.iter(*_SKIPPED)):
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows it
    return root


def find_article(root: HtmlElement, lengths: dict) -> tuple[HtmlElement, HtmlElement]:
    """The element that holds the story, and the one at its core: the element
    whose own paragraphs hold the most text, which no evidence may take away.

    The one sizeable outermost <article> is the story when it holds that core
    (an <article> that is a comment or a teaser card does not); otherwise the
    core's parent, which holds the headline and often the lead paragraph. (The
    grandparent, where the corpus recipe goes, mostly adds other stories.)"""
    core, held = _densest(root, lengths)
    if core is None:
        return root, root
    articles = [a for a in root.iter("article") if lengths[a][0] >= _MIN_ARTICLE_CHARS]
    outermost = [a for a in articles if not any(p.tag == "article" for p in a.iterancestors())]
    if len(outermost) == 1 and (outermost[0] is core or outermost[0] in core.iterancestors()):
        return outermost[0], core
    if held < _MIN_PARAGRAPH_CHARS:
        return core, core
    parent = core.getparent()
    return (core, core) if parent is None else (parent, core)


def _densest(root: HtmlElement, lengths: dict) -> tuple[HtmlElement | None, int]:
    """The element whose own paragraphs (or own lines of text, on a page laid
    out with <br>) hold the most text, and that text's length.

    A paragraph counts for the nearest ancestor that holds more than it, so
    that paragraphs wrapped one by one (<div><div><p>) count together. Comment
    sections, navigation, asides and footers are never the story."""
    from lxml import etree

    held: dict[HtmlElement, int] = {}
    outside = 0  # how many open elements are never the story
    marked: list[bool] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "end":
            outside -= marked.pop()
            continue
        found = _mark(element) if element.attrib and element is not root else None
        never = found is not None and found[0] in _NEVER_THE_STORY
        marked.append(never)
        outside += never
        if outside:
            continue
        if element.tag == "p":
            holder = _holder(element)
            if holder is not None:
                held[holder] = held.get(holder, 0) + lengths[element][0]
        direct = lengths[element][3]
        if direct > _MIN_DIRECT_TEXT:
            held[element] = held.get(element, 0) + direct
    if not held:
        return None, 0
    return max(held.items(), key=lambda item: item[1])


def _holder(paragraph: HtmlElement) -> HtmlElement | None:
    """The paragraph's parent, above any wrapper that holds nothing else."""
    holder = paragraph.getparent()
    while (holder is not None and len(holder) == 1 and not (holder.text or "").strip()
           and holder.getparent() is not None and holder.getparent().tag != "html"):
        holder = holder.getparent()
    return holder


def _mark(element: HtmlElement) -> tuple[str, str] | None:
    """(family, where) when the element's markup says what kind of junk it holds."""
    tag = element.tag
    family = _FAMILY_OF_TAG.get(tag)
    if family is not None:
        return family, tag
    if element.get("hidden") is not None or _is_hidden_style(element.get("style")):
        return "hidden", tag
    if tag == "blockquote":
        return None  # a quotation, whatever its class says ("comment", "tweet")
    for attribute in ("class", "id", "role", "aria-label"):
        value = element.get(attribute)
        if not value:
            continue
        for word in _WORD_BREAK.split(_CAMEL.sub("-", value).lower()):
            family = _FAMILY_OF_WORD.get(word)
            if family is not None:
                return family, _describe(element, attribute, value)
    return None


def _lengths(root: HtmlElement) -> dict[HtmlElement, tuple[int, int, int, int]]:
    """For every element, in one pass: (text, text inside links, links, text
    held directly rather than through children: a <br>-formatted story)."""
    from lxml import etree

    lengths: dict[HtmlElement, tuple[int, int, int, int]] = {}
    empty = (0, 0, 0, 0)
    for _, element in etree.iterwalk(root, events=("end",)):
        if not isinstance(element.tag, str):
            continue
        is_link = element.tag == "a"
        direct = len(element.text.strip()) if element.text else 0
        text, linked, links = direct, 0, 0
        for child in element:
            child_text, child_linked, child_links, _ = lengths.get(child, empty)
            tail = len(child.tail.strip()) if child.tail else 0
            direct += tail
            text += child_text + tail
            linked += child_linked
            links += child_links
        if is_link:
            linked, links = text, links + 1
        lengths[element] = (text, linked, links, direct)
    return lengths


def _link_list(element: HtmlElement, lengths) -> tuple[str, str] | None:
    """A block of links with little else: headlines of other stories, menus, tag lists."""
    if element.tag in _NOT_LINK_LISTS:
        return None
    text, linked, links, _ = lengths.get(element, (0, 0, 0, 0))
    if links >= _MIN_LINKS and linked >= _MIN_LINK_SHARE * text:
        return "links", element.tag
    return None


def _alt_key(text: str | None) -> str:
    # Short alt texts ("photo", "logo") say nothing about a line that repeats them.
    key = " ".join((text or "").split()).casefold()
    return key if key.count(" ") >= _MIN_ALT_WORDS - 1 else ""


def _line_of_links(size: int, linked: int, links: int) -> str | None:
    """A line of several links and little else: "Home | News | Sport", a row of tags.

    A line that is one link stays: on real pages it is as often a cited
    address or a product in a buying guide as a teaser."""
    if links >= _MIN_LINKS and linked >= _MIN_LINE_LINK_SHARE * size:
        return evidence_origin("links", "a line of links")
    return None


def _is_hidden_style(style: str | None) -> bool:
    if not style:
        return False
    compact = style.replace(" ", "").lower()
    return "display:none" in compact or "visibility:hidden" in compact


def _describe(element: HtmlElement, attribute: str, value: str) -> str:
    value = _SPACE.sub(" ", value).strip()[:60]
    if attribute == "class":
        return f"{element.tag}.{value.replace(' ', '.')}"
    if attribute == "id":
        return f"{element.tag}#{value}"
    return f'{element.tag}[{attribute}="{value}"]'


def _render(article: HtmlElement, core: HtmlElement, lengths: dict) -> Iterator[tuple[str, str, bool]]:
    """(line, origin, starts a paragraph) for every non-empty line of the article.

    A line carries evidence only when all of its text lies inside the marked
    element: "<span class=dateline>LONDON</span> -- The minister said" is text."""
    from lxml import etree

    protected = {core, *core.iterancestors()}
    # A line that repeats an image's alt text is that image's caption printed as text.
    alts = {_alt_key(image.get("alt")) for image in article.iter("img") if image.get("alt")}
    alts.discard("")
    pieces: list[str] = []
    origins: set[str | None] = set()  # the evidence under which each piece of the line was written
    marks: list[str | None] = []  # the evidence each open element set, None for most
    current: str | None = None  # the outermost evidence among the open elements
    new_paragraph = True
    link_depth = 0
    counts = [0, 0, 0]  # the line's characters, those inside links, and its links
    depths = {"pre": 0, "heading": 0}  # open <pre> and <h1>-<h6> elements
    line_in = set()  # which of those the line's text was written in

    def add(text: str | None) -> None:
        if text:
            pieces.append(text)
            line_in.update(name for name, depth in depths.items() if depth)
            if not text.isspace():
                origins.add(current)
                size = len(text.strip())
                counts[0] += size
                if link_depth:
                    counts[1] += size

    def flush(paragraph_ends: bool) -> Iterator[tuple[str, str, bool]]:
        nonlocal new_paragraph
        written = "".join(pieces)
        # In <pre>, the page's own line breaks are lines.
        texts = [normalise_line(_SPACE.sub(" ", part).strip(), entities=False)
                 for part in (written.split("\n") if "pre" in line_in else [written])]
        only = next(iter(origins)) if len(origins) == 1 else None
        if only is None and counts[0]:
            only = _line_of_links(*counts)
            # Not a headline: many sites give the top image the headline as its alt text.
            if only is None and alts and "heading" not in line_in and _alt_key(texts[0]) in alts:
                only = evidence_origin("caption", "img alt")
        pieces.clear()
        origins.clear()
        line_in.clear()
        counts[:] = [0, 0, 0]
        for text in texts:
            if text:
                yield text, only or HTML_ORIGIN, new_paragraph
                new_paragraph = False
        if paragraph_ends:
            new_paragraph = True

    for event, element in etree.iterwalk(article, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if tag in _BLOCKS:
                yield from flush(True)
            elif tag == "br":
                yield from flush(False)
            origin = None
            if element is not article and current is None:
                found = _mark(element) or _link_list(element, lengths)
                if found is not None and element not in protected:
                    origin = current = evidence_origin(*found)
            marks.append(origin)
            if tag == "a":
                link_depth += 1
                counts[2] += 1
            elif tag in _DEPTHS:
                depths[_DEPTHS[tag]] += 1
            add(element.text)
        else:
            if tag in _BLOCKS:
                yield from flush(True)
            if marks.pop() is not None:
                current = None
            if tag == "a":
                link_depth -= 1
            elif tag in _DEPTHS:
                depths[_DEPTHS[tag]] -= 1
            if element is not article:
                add(element.tail)
    yield from flush(True)
