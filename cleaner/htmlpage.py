"""Read an HTML page as lines for the filters.

The page is decoded (BOM, then UTF-8, then the charset the page declares),
parsed with lxml, and its article found (see :func:`find_article`). The article is
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
from typing import TYPE_CHECKING, NamedTuple

from .document import Line
from .errors import InputError
from .filters.pagemarkup import HTML_HEADING, HTML_ITEM, HTML_ORIGIN, evidence_origin
from .filters.shapes import lazy_compile
from .textio import (
    Encoding,
    decode_bytes,
    looks_like_utf16,
    normalise_line,
    repair_mojibake,
)

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
# Characters lxml refuses in a tree's text: they would fail the parse.
_NOT_IN_XML = lazy_compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Comments before the first tag are read as one span, from the first "<!--" to
# a "-->" that the tag follows: "<!--.*?-->" repeated could split a run of
# comments in exponentially many ways before failing.
_HTML_START = lazy_compile(
    rb"\s*+(?:<\?xml[^>]*+>\s*+)?(?:<!--.*-->\s*)?<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)",
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
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A class name with one of these words says the opposite: "no-ads", "ad-free".
_NEGATIONS = frozenset({"no", "non", "free", "without", "less"})
# An aria-label longer than this is a headline, not a widget's name.
_MAX_LABEL_WORDS = 3
_NOT_LINK_LISTS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote a table thead tbody tfoot tr td th".split())
# A marked element with this much text in paragraphs (few of them links) holds
# story text; but these families are paragraphs by nature.
_MIN_STORY_PARAGRAPHS = 160
_PARAGRAPH_FAMILIES = frozenset({"comments", "cookie", "newsletter", "author-bio"})
# Elements whose inside changes how a line is read: <pre> keeps its line
# breaks; headings and list items keep their place at the story's edges; a
# heading or a name in bold is no image caption.
_KIND_OF_TAG = {"pre": "pre", "li": "item", "dd": "item", "dt": "item", "strong": "bold", "b": "bold",
                **{f"h{level}": "heading" for level in range(1, 7)}}
# Binary data, not a page: more than one byte in this many a NUL (and more than
# a few), or more than one character in this many (of the first ones) a
# control character.
_MAX_NUL_SHARE = 1000
_MIN_NULS = 8
_MAX_CONTROL_SHARE = 50
_BINARY_SAMPLE = 65536
# Text around the story's block joins it when this share of it is in
# paragraphs and at most this share in links.
_MIN_STORY_SHARE_AROUND = 0.7
_MAX_LINKS_AROUND = 0.2
# A class or id naming a comment section as a whole: nothing in it is the
# story, however many paragraphs it holds. Not "category-comment" (a story
# filed under Comment) nor "comments-open" (a state); and an element with at
# least this share of the page's text is no comment section.
_COMMENT_SECTION = lazy_compile(
    r"(?:^|\s)(?:comments?|commentlist|comment[-_](?:list|section|thread|area)s?|comments[-_](?:list|section|thread)"
    r"|disqus_thread|respond)(?:\s|$)"
)
_MAX_NEVER_SHARE = 0.8
# Elements that hold a paragraph's text directly when a page has no <p>.
_PARAGRAPH_LIKE = frozenset({"div", "section"})
# The corpus recipe's thresholds: an <article> this long is the story; a
# paragraph parent with less text than this means a page laid out with <br>.
_MIN_ARTICLE_CHARS = 500
_MIN_PARAGRAPH_CHARS = 200
_MIN_DIRECT_TEXT = 50


def named_as_page(name: str) -> bool | None:
    """True for a page's extension (.html, .htm, .xhtml, .shtml, any case),
    False for .txt, None when the name says nothing."""
    lowered = name.lower()
    if lowered.endswith(HTML_SUFFIXES):
        return True
    return False if lowered.endswith(".txt") else None


def looks_like_html(data: bytes | str, name: str | None = None) -> bool:
    """Whether input is an HTML page: by its name's extension, else by its first kilobytes."""
    by_name = named_as_page(name) if name is not None else None
    if by_name is not None:
        return by_name
    head = data[:4096]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    else:
        utf16 = _utf16_codec(head)
        if utf16 is not None:
            head = head.decode(utf16, "replace").encode("utf-8", "replace")
    return bool(_HTML_START.match(head.removeprefix(codecs.BOM_UTF8)))


def _utf16_codec(data: bytes) -> str | None:
    """The codec of UTF-16 bytes, with or without a BOM; None for other bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if looks_like_utf16(data):
        return "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
    return None


def is_page(data: bytes | str, name: str | None, source_format: str) -> bool:
    """Whether to read an input as an HTML page: ``source_format`` is "text",
    "html", or "auto" (by extension, then by sniffing the first kilobytes)."""
    if source_format not in SOURCE_FORMATS:
        raise ValueError(f"source format must be one of {', '.join(SOURCE_FORMATS)}, not {source_format!r}")
    if source_format == "auto":
        return looks_like_html(data, name)
    return source_format == "html"


def is_page_by_name(name: str, source_format: str) -> bool:
    """Whether a file's name alone makes it a page, before it is read: any
    name with --from html, a page's extension with auto."""
    return source_format == "html" or (source_format == "auto" and named_as_page(name) is True)


def read_page(data: bytes, encoding: Encoding = Encoding()) -> list[Line]:
    """The lines of a page given as bytes: :func:`decode_page`, then :func:`page_lines`."""
    return page_lines(decode_page(data, encoding))


def decode_page(data: bytes, encoding: Encoding = Encoding()) -> str:
    """An HTML page's text: the encoding asked for, else a BOM, else UTF-8 when
    the bytes are valid UTF-8, else the charset the page declares (found by
    beautifulsoup4's UnicodeDammit, which falls back to Windows-1252).

    A few NUL bytes in a page are debris and go; many, or control characters
    all over the decoded text, mean binary data: an InputError."""
    if encoding.name is None and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        nul = data.find(b"\x00")
        if nul != -1:
            utf16 = _utf16_codec(data)
            if utf16 is not None:
                encoding = encoding._replace(name=utf16)
            elif data.count(b"\x00") > max(_MIN_NULS, len(data) // _MAX_NUL_SHARE):
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
    logger = logging.getLogger("bs4.dammit")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        text = UnicodeDammit(data, is_html=True).unicode_markup
    finally:
        logger.setLevel(level)
    if text is None:
        raise InputError("cannot find the page's encoding; try --encoding")
    return text


def _check_not_binary(text: str) -> None:
    sample = text[:_BINARY_SAMPLE]
    if len(_CONTROL.findall(sample)) > len(sample) // _MAX_CONTROL_SHARE:
        raise InputError("binary data, not a page (control characters all over it)")


def page_lines(page: str) -> list[Line]:
    """The article's lines, numbered from 1, blank lines between paragraphs,
    each with its origin: ``"html"``, or the evidence its markup gives."""
    root = _parse(page)
    if root is None:
        return []
    sizes = _sizes(root)
    article, core = find_article(root, sizes)
    lines: list[Line] = []
    number = 1
    for text, origin, new_paragraph in _render(article, core, sizes):
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

    data = _NOT_IN_XML.sub("", page).encode("utf-8", "replace")
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


def find_article(root: HtmlElement, sizes: dict) -> tuple[HtmlElement, HtmlElement]:
    """The element that holds the story, and the one at its core: the element
    whose own paragraphs hold the most text, which no evidence may take away.

    The one sizeable outermost <article> is the story when it holds that core
    and is not one of several (a comment, a teaser card, an entry of a live
    blog). Otherwise the core's parent, which holds the headline and often the
    lead paragraph, or the grandparent when the parent has a twin beside it
    (the same element with the same class holding paragraphs: a story split by
    an advertisement); then up while what is added reads like the story. The
    grandparent in general, where the corpus recipe goes, mostly adds other
    stories."""
    core, core_text = _densest(root, sizes)
    if core is None:
        return root, root
    articles = [a for a in root.iter("article") if sizes[a].text >= _MIN_ARTICLE_CHARS]
    outermost = [a for a in articles if not any(p.tag == "article" for p in a.iterancestors())]
    if (len(outermost) == 1 and (outermost[0] is core or outermost[0] in core.iterancestors())
            and not _has_sibling_articles(outermost[0])):
        return outermost[0], core
    if core_text < _MIN_PARAGRAPH_CHARS and not sizes[core].paragraphs:
        return core, core  # a short story laid out with <br>: its own lines are all
    parent = core.getparent()
    if parent is None:
        return core, core
    grandparent = parent.getparent()
    if grandparent is not None and grandparent.tag != "html" and _has_twin(parent, sizes):
        parent = grandparent
    return _with_story_around(parent, sizes), core


def _has_sibling_articles(article: HtmlElement) -> bool:
    # One long entry of a live blog is no more the story than its shorter neighbours.
    return any(sibling.tag == "article" for sibling in _siblings(article))


def _with_story_around(element: HtmlElement, sizes: dict) -> HtmlElement:
    """Climb while the parent adds text that reads like the story: mostly
    paragraphs and few links (a lead paragraph in its own block, a standfirst,
    the next chapter), not a sidebar or a list of other stories."""
    while (parent := element.getparent()) is not None and parent.tag != "html":
        outer, inner = sizes[parent], sizes[element]
        added = outer.text - inner.text
        if added > 0 and not (
            outer.paragraphs - inner.paragraphs >= _MIN_STORY_SHARE_AROUND * added
            and outer.linked - inner.linked <= _MAX_LINKS_AROUND * added
        ):
            break
        element = parent
    return element


def _has_twin(element: HtmlElement, sizes: dict) -> bool:
    kind = (element.tag, element.get("class"))
    return kind[1] is not None and any(
        (sibling.tag, sibling.get("class")) == kind and sizes[sibling].paragraphs >= _MIN_DIRECT_TEXT
        for sibling in _siblings(element)
    )


def _siblings(element: HtmlElement) -> Iterator[HtmlElement]:
    yield from element.itersiblings(preceding=True)
    yield from element.itersiblings()


def _densest(root: HtmlElement, sizes: dict) -> tuple[HtmlElement | None, int]:
    """The element whose own paragraphs (or own lines of text, on a page laid
    out with <br>) hold the most text, and that text's length.

    A paragraph counts for the nearest ancestor that holds more than it, so
    that paragraphs wrapped one by one (<div><div><p>) count together; so does
    a <div> holding a paragraph's text itself, on pages without <p>. Nothing in
    a comment section counts."""
    from lxml import etree

    held: dict[HtmlElement, int] = {}
    page_text = sizes[root].text
    excluded = 0  # how many open elements are comment sections
    marked: list[bool] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "end":
            excluded -= marked.pop()
            continue
        never = (bool(element.attrib) and element.tag not in ("html", "body") and _is_comment_section(element)
                 and sizes[element].text < _MAX_NEVER_SHARE * page_text)
        marked.append(never)
        excluded += never
        if excluded:
            continue
        size = sizes[element]
        if element.tag == "p" or (element.tag in _PARAGRAPH_LIKE and size.direct > _MIN_DIRECT_TEXT
                                  and size.direct == size.text and element.find("br") is None):
            holder = _holder(element)
            if holder is not None:
                held[holder] = held.get(holder, 0) + size.text
        elif size.direct > _MIN_DIRECT_TEXT:
            held[element] = held.get(element, 0) + size.direct
    if not held:
        return None, 0
    return max(held.items(), key=lambda item: item[1])


def _is_comment_section(element: HtmlElement) -> bool:
    """A class or id that names a comment section as a whole: "comments",
    "comment-list", "disqus_thread". Not one that merely has the word in it:
    "category-comment" files a story under Comment, "tone-comment" is an
    opinion piece."""
    names = f"{element.get('class', '')} {element.get('id', '')}"
    if "omment" not in names and "isqus" not in names and "respond" not in names:
        return False  # a quick look first: most elements fail it
    return bool(_COMMENT_SECTION.search(names.lower()))


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
    if tag == "blockquote" or tag in _HEADINGS:
        # A quotation, whatever its class says ("comment", "tweet"); a heading's
        # id is often made from its own text ("the-tools-we-use").
        return None
    for attribute in ("class", "id", "role", "aria-label"):
        value = element.get(attribute)
        if not value or (attribute == "aria-label" and len(value.split()) > _MAX_LABEL_WORDS):
            continue  # a long aria-label is a headline, not a widget's name
        for name in value.split():
            words = _WORD_BREAK.split(_CAMEL.sub("-", name).lower())
            negated = any(word in _NEGATIONS for word in words)  # "no-ads", "ad-free"
            for word in words:
                family = _FAMILY_OF_WORD.get(word)
                if family is not None and not negated:
                    return family, _describe(element, attribute, value)
    return None


class _Size(NamedTuple):
    """How much text an element holds."""

    text: int  # all of it
    linked: int  # inside links
    links: int
    direct: int  # held itself rather than through child elements: a <br>-formatted story
    paragraphs: int  # inside <p> elements


_NO_SIZE = _Size(0, 0, 0, 0, 0)


def _sizes(root: HtmlElement) -> dict[HtmlElement, _Size]:
    """The size of every element's text, in one pass from the leaves up."""
    from lxml import etree

    sizes: dict[HtmlElement, _Size] = {}
    for _, element in etree.iterwalk(root, events=("end",)):
        if not isinstance(element.tag, str):
            continue
        direct = len(element.text.strip()) if element.text else 0
        text, linked, links, paragraphs = direct, 0, 0, 0
        for child in element:
            size = sizes.get(child, _NO_SIZE)
            tail = len(child.tail.strip()) if child.tail else 0
            direct += tail
            text += size.text + tail
            linked += size.linked
            links += size.links
            paragraphs += size.paragraphs
        if element.tag == "a":
            linked, links = text, links + 1
        elif element.tag == "p":
            paragraphs = text
        sizes[element] = _Size(text, linked, links, direct, paragraphs)
    return sizes


def _holds_story(element: HtmlElement, family: str, sizes: dict) -> bool:
    """Whether a marked element holds story text all the same: the headline, or
    paragraphs that are no list of links ("related-content" or a hidden
    "read more" wrapped around half the body, a lede whose class says "no-ads").
    Comment sections, cookie notices and newsletter boxes are paragraphs by
    nature, and go."""
    if family in _PARAGRAPH_FAMILIES:
        return False
    size = sizes.get(element, _NO_SIZE)
    if size.paragraphs >= _MIN_STORY_PARAGRAPHS and size.linked <= _MAX_LINKS_AROUND * size.text:
        return True
    return element.find(".//h1") is not None


def _link_list(element: HtmlElement, sizes: dict, core: HtmlElement) -> tuple[str, str] | None:
    """A block of links with little else: headlines of other stories, menus, tag lists.
    Not a table (a league table's team names are links) and not a list inside the
    story's own block (its sources, its further reading)."""
    if element.tag in _NOT_LINK_LISTS or core in element.iterancestors():
        return None
    size = sizes.get(element, _NO_SIZE)
    if size.links >= _MIN_LINKS and size.linked >= _MIN_LINK_SHARE * size.text:
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


class _LineBeingRead:
    """What the renderer knows of the line it is reading."""

    __slots__ = ("pieces", "origins", "chars", "linked_chars", "links", "inside")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.origins: set[str | None] = set()  # the evidence each piece was written under
        self.chars = self.linked_chars = self.links = 0
        self.inside: set[str] = set()  # kinds of element ("pre", "heading") it was written in


def _render(article: HtmlElement, core: HtmlElement, sizes: dict) -> Iterator[tuple[str, str, bool]]:
    """(line, origin, starts a paragraph) for every non-empty line of the article.

    A line carries evidence only when all of its text lies inside the marked
    element: "<span class=dateline>LONDON</span> -- The minister said" is text."""
    from lxml import etree

    protected = {core, *core.iterancestors()}
    # A line that repeats an image's alt text is that image's caption printed as text.
    alts = {_alt_key(image.get("alt")) for image in article.iter("img") if image.get("alt")}
    alts.discard("")
    line = _LineBeingRead()
    marks: list[str | None] = []  # the evidence each open element set, None for most
    current: str | None = None  # the outermost evidence among the open elements
    new_paragraph = first_line = True
    link_depth = 0
    open_kinds = {kind: 0 for kind in _KIND_OF_TAG.values()}  # open <pre> and heading elements

    def add(text: str | None) -> None:
        if text:
            line.pieces.append(text)
            line.inside.update(kind for kind, count in open_kinds.items() if count)
            if not text.isspace():
                line.origins.add(current)
                size = len(text.strip())
                line.chars += size
                if link_depth:
                    line.linked_chars += size

    def flush(paragraph_ends: bool) -> Iterator[tuple[str, str, bool]]:
        nonlocal line, new_paragraph, first_line
        written = "".join(line.pieces)
        # In <pre>, the page's own line breaks are lines.
        texts = [normalise_line(_SPACE.sub(" ", part).strip(), entities=False)
                 for part in (written.split("\n") if "pre" in line.inside else [written])]
        origin = next(iter(line.origins)) if len(line.origins) == 1 else None
        if origin is None and line.chars:
            origin = _line_of_links(line.chars, line.linked_chars, line.links)
            # Not a headline (many sites give the top image the headline as its
            # alt text), nor a name in bold above a product's picture.
            if (origin is None and alts and not line.inside & {"heading", "bold"} and not first_line
                    and _alt_key(texts[0]) in alts):
                origin = evidence_origin("caption", "img alt")
        if origin is None and "heading" in line.inside:
            origin = HTML_HEADING
        elif origin is None and "item" in line.inside:
            origin = HTML_ITEM
        line = _LineBeingRead()
        for text in texts:
            if text:
                yield text, origin or HTML_ORIGIN, new_paragraph
                new_paragraph = first_line = False
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
            if element is not article and current is None and element not in protected:
                found = _mark(element) or _link_list(element, sizes, core)
                if found is not None and not _holds_story(element, found[0], sizes):
                    origin = current = evidence_origin(*found)
            marks.append(origin)
            if tag == "a":
                link_depth += 1
                line.links += 1
            elif tag in _KIND_OF_TAG:
                open_kinds[_KIND_OF_TAG[tag]] += 1
            add(element.text)
        else:
            if tag in _BLOCKS:
                yield from flush(True)
            if marks.pop() is not None:
                current = None
            if tag == "a":
                link_depth -= 1
            elif tag in _KIND_OF_TAG:
                open_kinds[_KIND_OF_TAG[tag]] -= 1
            if element is not article:
                add(element.tail)
    yield from flush(True)
