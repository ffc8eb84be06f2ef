"""Read an HTML page as lines for the filters.

The page is decoded (BOM, then UTF-8, then the charset the page declares),
read by lxml's parser as a stream of events, twice (never built into a tree),
and its article found (see :func:`find_article`). The article is
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
from array import array
from collections import Counter
from collections.abc import Iterator

from .document import Line
from .errors import InputError
from .origins import MAX_LIKE_SIBLINGS, PAGE_HEADING, PAGE_ITEM, PAGE_TEXT, Origin, evidence_origin
from .patterns import lazy_compile
from .textio import (  # noqa: F401  (HTML_SUFFIXES, is_page, looks_like_html: where they were first)
    HTML_SUFFIXES,
    Encoding,
    decode_bytes,
    is_page,
    looks_like_html,
    normalise_line,
    repair_mojibake,
    utf16_codec,
)

# Content a reader never sees as article text.
_SKIPPED_TAGS = frozenset((
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "button", "select", "textarea", "input", "datalist", "audio", "video", "map", "head", "title",
    "rt", "rp", "noframes",  # ruby readings beside the text; a frameset's fallback markup
))
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
_NOT_IN_XML_UTF8 = lazy_compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
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
# What the markup says of a line, for the line model (origins.MARKUP_FIELDS):
# words of class and id that name the story's container, and those that name
# furniture (the families above, and the words of page furniture in general).
_STORY_WORDS = frozenset("content article story body text entry post main prose".split())
_FURNITURE_WORDS = frozenset(_FAMILY_OF_WORD) | frozenset(
    "sidebar widget widgets meta footer header teaser teasers card cards more links tag date author info "
    "module rail aside list".split())
_STORY_CLASS, _FURNITURE_CLASS, _FORM, _LIST, _TABLE, _QUOTE, _CODE = 1, 2, 4, 8, 16, 32, 64
_BITS_OF_TAG = {"form": _FORM, "label": _FORM, "legend": _FORM, "fieldset": _FORM, "ul": _LIST, "ol": _LIST,
                "dl": _LIST, "li": _LIST, "dd": _LIST, "dt": _LIST, "menu": _LIST, "table": _TABLE,
                "td": _TABLE, "th": _TABLE, "blockquote": _QUOTE, "pre": _CODE, "code": _CODE}
_BIT_NAMES = (_STORY_CLASS, _FURNITURE_CLASS, _FORM, _LIST, _TABLE, _QUOTE, _CODE)
# A text node this short is counted wherever it stands on the page: a menu's
# item and a teaser's headline stand in two places. A line is looked up whole,
# so a line written in several nodes ("Teaser <b>text</b>") counts 0: the
# feature is of lines that are one node, as links and headings mostly are.
_MAX_REPEATED_CHARS = 300
_MAX_REPEATS = 10
_MAX_DEPTH = 30


def open_page(data: bytes, encoding: Encoding = Encoding()) -> Page:
    """A page given as bytes, decoded, checked and measured (:func:`decode_page`,
    then the first pass of :func:`page_lines`): its lines come when asked
    for. A page in UTF-8 is read from its bytes, never decoded whole (a
    string holding one emoji takes four bytes a character)."""
    if (encoding.name is None and not encoding.fix_unicode
            and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
            and b"\x00" not in data and _is_utf8(data)):
        _check_not_binary(data[:_BINARY_SAMPLE].decode("utf-8", "ignore"))
        return Page(data)
    text = decode_page(data, encoding)
    return Page(_NOT_IN_XML.sub("", text).encode("utf-8", "replace"))


def _is_utf8(data: bytes) -> bool:
    """Whether bytes are valid UTF-8, checked a megabyte at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view, step = memoryview(data), 1 << 20
    try:
        for start in range(0, len(data), step):
            decoder.decode(view[start : start + step], final=start + step >= len(data))
    except UnicodeDecodeError:
        return False
    return True


def decode_page(data: bytes, encoding: Encoding = Encoding()) -> str:
    """An HTML page's text: the encoding asked for, else a BOM, else UTF-8 when
    the bytes are valid UTF-8, else the charset the page declares (found by
    beautifulsoup4's UnicodeDammit, which falls back to Windows-1252).

    A few NUL bytes in a page are debris and go; many, or control characters
    all over the decoded text, mean binary data: an InputError."""
    if encoding.name is None and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        nul = data.find(b"\x00")
        if nul != -1:
            utf16 = utf16_codec(data)
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
    if len(_CONTROL.findall(sample)) > max(_MIN_NULS, len(sample) // _MAX_CONTROL_SHARE):
        raise InputError("binary data, not a page (control characters all over it)")


def page_lines(page: str) -> list[Line]:
    """The article's lines, numbered from 1, blank lines between paragraphs,
    each with its origin: ``"html"``, or the evidence its markup gives.
    Binary data (control characters all over it) is an InputError."""
    _check_not_binary(page)
    return list(Page(_NOT_IN_XML.sub("", page).encode("utf-8", "replace")).lines())


class Page:
    """A page in UTF-8, read as a stream of parser events, never as a tree.

    Made, it has had its first pass: every element measured (how much text,
    links and paragraphs it holds, its parent) in compact arrays, and the
    article found from them. :meth:`lines` is the second pass, which renders
    the article alone, a line at a time. A tree of a page dense with text
    takes five times the page; the arrays take a few bytes an element."""

    def __init__(self, data: bytes) -> None:
        self.data = _without_internal_subset(_NOT_IN_XML_UTF8.sub(b"", data))
        self.structure = _measure(self.data)
        self.article, self.core = find_article(self.structure) if self.structure.tags else (0, 0)

    def lines(self) -> Iterator[Line]:
        """The article's lines, numbered from 1, blank lines between
        paragraphs, each with its origin (see :func:`page_lines`)."""
        if not self.structure.tags:
            return
        number, written = 1, False
        for text, origin, new_paragraph in _render(self.data, self.structure, self.article, self.core):
            if new_paragraph and written:
                yield Line(number, "", PAGE_TEXT)
                number += 1
            yield Line(number, text, origin)
            number += 1
            written = True


def extracted_text(lines: list[Line]) -> str:
    """The article's text as read from the page, before any filter: what a diff shows as the input."""
    return "".join(line.text + "\n" for line in lines)


def _parser(target):
    """An HTML parser that sends its events to ``target``. huge_tree: libxml2's
    default limit on text nodes (10 MB) would silently cut a page holding a
    large inline script."""
    from lxml import etree

    return etree.HTMLParser(target=target, encoding="utf-8", remove_comments=True, remove_pis=True,
                            huge_tree=True)


def _feed(data: bytes, target) -> None:
    """Parse ``data`` into ``target``'s events (no tree: no limit on nesting)."""
    from lxml import etree

    try:
        etree.fromstring(data, _parser(target))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        target.close()  # an empty or unparsable document: whatever was read stands


def _without_internal_subset(page: bytes) -> bytes:
    """The page without the internal subset of its doctype (XHTML's
    ``<!DOCTYPE html ... [ <!ENTITY ...> ]>``), which the HTML parser would
    leave on the page as the text "]>"."""
    head = page[:4096].lower()
    doctype = head.find(b"<!doctype")
    if doctype == -1:
        return page
    opening, end = page.find(b"[", doctype), page.find(b">", doctype)
    if opening == -1 or end == -1 or opening > end:
        return page
    closing = page.find(b"]", opening)
    if closing == -1:
        return page
    return page[:opening] + page[closing + 1 :]


class _Structure:
    """Every element of a page, numbered in document order, in compact arrays:
    its tag, parent, how much text it holds (all of it, inside links, inside
    <p>, and held itself rather than through child elements: a story laid out
    with <br>), how many links, where its subtree ends, and a few flags.
    Content a reader never sees (script, style, ...) is left out, its text
    and all, as if it were not on the page; what follows it stays."""

    def __init__(self) -> None:
        self.tags: list[str] = []  # the tag names themselves are shared: a list of references
        self.parent = array("i")
        self.text = array("i")
        self.linked = array("i")
        self.links = array("i")
        self.direct = array("i")
        self.paragraphs = array("i")
        self.stop = array("i")  # one past the last element of its subtree
        self.children = bytearray()  # 0, 1, or 2 for two or more
        self.flags = bytearray()  # _LEADING_TEXT, _BR_CHILD, _H1_INSIDE, _COMMENT_SECTION
        self.twin = array("l")  # a hash of (tag, class), 0 without a class
        self.alts: list[tuple[int, str]] = []  # images' alt texts long enough to tell a caption
        self.repeated: Counter[int] = Counter()  # how often each short text is on the page (by hash)
        # While reading:
        self._open: list[int] = []
        self._pending: list[str] = []  # text read since the last element started or ended
        self._skipping = 0
        self._tag_names: dict[str, str] = {}

    # The parser's target interface.
    def start(self, tag: str, attrib) -> None:
        if self._skipping or tag in _SKIPPED_TAGS:
            self._skipping += 1
            return
        self._settle_text()
        index = len(self.tags)
        parent = self._open[-1] if self._open else -1
        self.tags.append(self._tag_names.setdefault(tag, tag))
        self.parent.append(parent)
        for values in (self.text, self.linked, self.links, self.direct, self.paragraphs, self.stop):
            values.append(0)
        self.children.append(0)
        flags = _COMMENT_SECTION_FLAG if attrib and tag not in ("html", "body") and _is_comment_section(attrib) else 0
        self.flags.append(flags)
        classes = attrib.get("class") if attrib else None
        self.twin.append(hash((tag, classes)) if classes is not None else 0)
        if tag == "img" and attrib.get("alt"):
            key = _alt_key(attrib.get("alt"))
            if key:
                self.alts.append((index, key))
        if parent >= 0:
            self.children[parent] = min(2, self.children[parent] + 1)
            if tag == "br":
                self.flags[parent] |= _BR_CHILD
        self._open.append(index)

    def end(self, tag: str) -> None:
        if self._skipping:
            self._skipping -= 1
            return
        self._settle_text()
        index = self._open.pop()
        self.stop[index] = len(self.tags)
        if tag == "a":
            self.linked[index], self.links[index] = self.text[index], self.links[index] + 1
        elif tag == "p":
            self.paragraphs[index] = self.text[index]
        parent = self.parent[index]
        if parent >= 0:
            self.text[parent] += self.text[index]
            self.linked[parent] += self.linked[index]
            self.links[parent] += self.links[index]
            self.paragraphs[parent] += self.paragraphs[index]
            if tag == "h1" or self.flags[index] & _H1_INSIDE:
                self.flags[parent] |= _H1_INSIDE

    def data(self, text: str) -> None:
        if not self._skipping:
            self._pending.append(text)

    def close(self) -> None:
        self._settle_text()
        while self._open:  # a document cut short: its open elements end here
            self.end(self.tags[self._open[-1]])

    def _settle_text(self) -> None:
        """The text read since the last element started or ended is one text
        node: the open element's own text, or the tail of its last child."""
        if not self._pending or not self._open:
            self._pending.clear()
            return
        text = "".join(self._pending).strip()
        size = len(text)
        self._pending.clear()
        if size:
            if size <= _MAX_REPEATED_CHARS:
                self.repeated[hash(_text_key(text))] += 1
            holder = self._open[-1]
            self.direct[holder] += size
            self.text[holder] += size
            if not self.children[holder]:
                self.flags[holder] |= _LEADING_TEXT

    # Questions about the elements.
    def ancestors(self, index: int) -> Iterator[int]:
        parent = self.parent[index]
        while parent >= 0:
            yield parent
            parent = self.parent[parent]

    def inside(self, index: int, outer: int) -> bool:
        """Whether element ``index`` lies strictly inside element ``outer``."""
        return outer < index < self.stop[outer]

    def siblings(self, index: int) -> Iterator[int]:
        parent = self.parent[index]
        if parent < 0:
            return
        child = parent + 1
        while child < self.stop[parent]:
            if child != index:
                yield child
            child = self.stop[child]


_LEADING_TEXT, _BR_CHILD, _H1_INSIDE, _COMMENT_SECTION_FLAG = 1, 2, 4, 8


def _measure(data: bytes) -> _Structure:
    """The first pass: every element of the page measured (see :class:`_Structure`)."""
    structure = _Structure()
    _feed(data, structure)
    return structure


def find_article(page: _Structure) -> tuple[int, int]:
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
    core, core_text = _densest(page)
    if core is None:
        return 0, 0
    articles = [i for i, tag in enumerate(page.tags) if tag == "article" and page.text[i] >= _MIN_ARTICLE_CHARS]
    outermost = [i for i in articles if not any(page.tags[up] == "article" for up in page.ancestors(i))]
    if (len(outermost) == 1 and (outermost[0] == core or page.inside(core, outermost[0]))
            and not any(page.tags[sibling] == "article" for sibling in page.siblings(outermost[0]))):
        # (One long entry of a live blog is no more the story than its shorter neighbours.)
        return outermost[0], core
    if core_text < _MIN_PARAGRAPH_CHARS and not page.paragraphs[core]:
        return core, core  # a short story laid out with <br>: its own lines are all
    parent = page.parent[core]
    if parent < 0:
        return core, core
    grandparent = page.parent[parent]
    if grandparent >= 0 and page.tags[grandparent] != "html" and _has_twin(page, parent):
        parent = grandparent
    return _with_story_around(page, parent), core


def _with_story_around(page: _Structure, element: int) -> int:
    """Climb while the parent adds text that reads like the story: mostly
    paragraphs and few links (a lead paragraph in its own block, a standfirst,
    the next chapter), not a sidebar or a list of other stories."""
    while (parent := page.parent[element]) >= 0 and page.tags[parent] != "html":
        added = page.text[parent] - page.text[element]
        if added > 0 and not (
            page.paragraphs[parent] - page.paragraphs[element] >= _MIN_STORY_SHARE_AROUND * added
            and page.linked[parent] - page.linked[element] <= _MAX_LINKS_AROUND * added
        ):
            break
        element = parent
    return element


def _has_twin(page: _Structure, element: int) -> bool:
    kind = page.twin[element]
    return kind != 0 and any(
        page.twin[sibling] == kind and page.tags[sibling] == page.tags[element]
        and page.paragraphs[sibling] >= _MIN_DIRECT_TEXT
        for sibling in page.siblings(element)
    )


def _densest(page: _Structure) -> tuple[int | None, int]:
    """The element whose own paragraphs (or own lines of text, on a page laid
    out with <br>) hold the most text, and that text's length.

    A paragraph counts for the nearest ancestor that holds more than it, so
    that paragraphs wrapped one by one (<div><div><p>) count together; so does
    a <div> holding a paragraph's text itself, on pages without <p>. Nothing in
    a comment section counts."""
    held: dict[int, int] = {}
    page_text = page.text[0]
    excluded_until = -1  # inside a comment section up to this element
    for i, tag in enumerate(page.tags):
        if i < excluded_until:
            continue
        if page.flags[i] & _COMMENT_SECTION_FLAG and page.text[i] < _MAX_NEVER_SHARE * page_text:
            excluded_until = page.stop[i]
            continue
        direct, text = page.direct[i], page.text[i]
        if tag == "p" or (tag in _PARAGRAPH_LIKE and direct > _MIN_DIRECT_TEXT and direct == text
                          and not page.flags[i] & _BR_CHILD):
            holder = _holder(page, i)
            if holder is not None:
                held[holder] = held.get(holder, 0) + text
        elif direct > _MIN_DIRECT_TEXT:
            held[i] = held.get(i, 0) + direct
    if not held:
        return None, 0
    return max(held.items(), key=lambda item: item[1])


def _is_comment_section(attrib) -> bool:
    """A class or id that names a comment section as a whole: "comments",
    "comment-list", "disqus_thread". Not one that merely has the word in it:
    "category-comment" files a story under Comment, "tone-comment" is an
    opinion piece."""
    names = f"{attrib.get('class', '')} {attrib.get('id', '')}"
    if "omment" not in names and "isqus" not in names and "respond" not in names:
        return False  # a quick look first: most elements fail it
    return bool(_COMMENT_SECTION.search(names.lower()))


def _holder(page: _Structure, paragraph: int) -> int | None:
    """The paragraph's parent, above any wrapper that holds nothing else."""
    holder = page.parent[paragraph]
    while (holder >= 0 and page.children[holder] == 1 and not page.flags[holder] & _LEADING_TEXT
           and page.parent[holder] >= 0 and page.tags[page.parent[holder]] != "html"):
        holder = page.parent[holder]
    return holder if holder >= 0 else None


def _mark(tag: str, attrib) -> tuple[str, str] | None:
    """(family, where) when the element's markup says what kind of junk it holds."""
    family = _FAMILY_OF_TAG.get(tag)
    if family is not None:
        return family, tag
    if not attrib:
        return None
    if attrib.get("hidden") is not None or _is_hidden_style(attrib.get("style")):
        return "hidden", tag
    if tag == "blockquote" or tag in _HEADINGS:
        # A quotation, whatever its class says ("comment", "tweet"); a heading's
        # id is often made from its own text ("the-tools-we-use").
        return None
    for attribute in ("class", "id", "role", "aria-label"):
        value = attrib.get(attribute)
        if not value or (attribute == "aria-label" and len(value.split()) > _MAX_LABEL_WORDS):
            continue  # a long aria-label is a headline, not a widget's name
        for name in value.split():
            words = _WORD_BREAK.split(_CAMEL.sub("-", name).lower())
            negated = any(word in _NEGATIONS for word in words)  # "no-ads", "ad-free"
            for word in words:
                family = _FAMILY_OF_WORD.get(word)
                if family is not None and not negated:
                    return family, _describe(tag, attribute, value)
    return None


def _holds_story(page: _Structure, element: int, family: str) -> bool:
    """Whether a marked element holds story text all the same: the headline, or
    paragraphs that are no list of links ("related-content" or a hidden
    "read more" wrapped around half the body, a lede whose class says "no-ads").
    Comment sections, cookie notices and newsletter boxes are paragraphs by
    nature, and go."""
    if family in _PARAGRAPH_FAMILIES:
        return False
    if (page.paragraphs[element] >= _MIN_STORY_PARAGRAPHS
            and page.linked[element] <= _MAX_LINKS_AROUND * page.text[element]):
        return True
    return bool(page.flags[element] & _H1_INSIDE)


def _link_list(page: _Structure, element: int, core: int) -> tuple[str, str] | None:
    """A block of links with little else: headlines of other stories, menus, tag lists.
    Not a table (a league table's team names are links) and not a list inside the
    story's own block (its sources, its further reading)."""
    tag = page.tags[element]
    if tag in _NOT_LINK_LISTS or page.inside(element, core):
        return None
    if page.links[element] >= _MIN_LINKS and page.linked[element] >= _MIN_LINK_SHARE * page.text[element]:
        return "links", tag
    return None


def _alt_key(text: str | None) -> str:
    # Short alt texts ("photo", "logo") say nothing about a line that repeats them.
    key = " ".join((text or "").split()).casefold()
    return key if key.count(" ") >= _MIN_ALT_WORDS - 1 else ""


def _line_of_links(size: int, linked: int, links: int) -> Origin | None:
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


def _describe(tag: str, attribute: str, value: str) -> str:
    value = _SPACE.sub(" ", value).strip()[:60]
    if attribute == "class":
        return f"{tag}.{value.replace(' ', '.')}"
    if attribute == "id":
        return f"{tag}#{value}"
    return f'{tag}[{attribute}="{value}"]'


class _LineBeingRead:
    """What the renderer knows of the line it is reading."""

    __slots__ = ("pieces", "origins", "chars", "linked_chars", "links", "inside", "holder", "block", "bits",
                 "core_state")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.origins: set[Origin | None] = set()  # the evidence each piece was written under
        self.chars = self.linked_chars = self.links = 0
        self.inside: set[str] = set()  # kinds of element ("pre", "heading") it was written in
        # Where its first visible text was written: the element holding it, the
        # innermost block, the class bits of the open elements, and whether
        # the core had not started (0), was open (1) or had ended (2).
        self.holder = self.block = -1
        self.bits = self.core_state = 0


class _Renderer:
    """The second pass: the article's lines as a careful reader sees them,
    each with the evidence of the elements around it (a parser target).

    A line carries evidence only when all of its text lies inside the marked
    element: "<span class=dateline>LONDON</span> -- The minister said" is text."""

    def __init__(self, page: _Structure, article: int, core: int) -> None:
        self.page, self.article, self.core = page, article, core
        self.protected = {core, *page.ancestors(core)}
        # A line that repeats an image's alt text is that image's caption printed as text.
        self.alts = {key for index, key in page.alts if article <= index < page.stop[article]}
        self.lines: list[tuple[str, Origin, bool]] = []  # (line, origin, starts a paragraph)
        self.line = _LineBeingRead()
        self.marks: list[Origin | None] = []  # the evidence each open element set, None for most
        self.current: Origin | None = None  # the outermost evidence among the open elements
        self.new_paragraph = self.first_line = True
        self.link_depth = 0
        self.open_kinds = {kind: 0 for kind in _KIND_OF_TAG.values()}  # open <pre> and heading elements
        self.index = -1  # the element being read, numbered as the first pass numbered them
        self.skipping = 0
        self.pending: list[str] = []
        self.done = False
        # For what the markup says of each line (markup()):
        self.open_elements: list[tuple[int, bool, int]] = []  # (index, is a block, class bits)
        self.open_blocks: list[int] = []
        self.open_bits = [0] * len(_BIT_NAMES)  # open elements having each bit
        self.core_state = 0
        self.children_of: dict[int, tuple[Counter, Counter]] = {}

    def start(self, tag: str, attrib) -> None:
        if self.skipping or tag in _SKIPPED_TAGS:
            self.skipping += 1
            return
        self.index += 1
        if self.done or self.index < self.article:
            return
        self._settle_text()
        if tag in _BLOCKS:
            self._flush(True)
        elif tag == "br":
            self._flush(False)
        origin = None
        if self.index != self.article and self.current is None and self.index not in self.protected:
            found = _mark(tag, attrib) or _link_list(self.page, self.index, self.core)
            if found is not None and not _holds_story(self.page, self.index, found[0]):
                origin = self.current = evidence_origin(*found)
        self.marks.append(origin)
        block, bits = tag in _BLOCKS, _class_bits(tag, attrib)
        self.open_elements.append((self.index, block, bits))
        if block:
            self.open_blocks.append(self.index)
        if bits:
            for k, bit in enumerate(_BIT_NAMES):
                if bits & bit:
                    self.open_bits[k] += 1
        if self.index == self.core:
            self.core_state = 1
        if tag == "a":
            self.link_depth += 1
            self.line.links += 1
        elif tag in _KIND_OF_TAG:
            self.open_kinds[_KIND_OF_TAG[tag]] += 1

    def end(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        if self.done or not self.marks:
            return
        self._settle_text()
        if tag in _BLOCKS:
            self._flush(True)
        if self.marks.pop() is not None:
            self.current = None
        index, block, bits = self.open_elements.pop()
        if block:
            self.open_blocks.pop()
        if bits:
            for k, bit in enumerate(_BIT_NAMES):
                if bits & bit:
                    self.open_bits[k] -= 1
        if index == self.core:
            self.core_state = 2
        if tag == "a":
            self.link_depth -= 1
        elif tag in _KIND_OF_TAG:
            self.open_kinds[_KIND_OF_TAG[tag]] -= 1
        if not self.marks:  # the article's end: its tail is no part of it
            self._flush(True)
            self.done = True

    def data(self, text: str) -> None:
        if not self.skipping and not self.done and self.marks:
            self.pending.append(text)

    def close(self) -> None:
        if not self.done:
            self._settle_text()
            self._flush(True)
            self.done = True

    def taken(self) -> list[tuple[str, Origin, bool]]:
        """The lines read since the last time."""
        lines, self.lines = self.lines, []
        return lines

    def _settle_text(self) -> None:
        """Text read since the last element started or ended is one text node,
        read with what is open now (as a tree gives an element's text, or its
        last child's tail, whole)."""
        if self.pending:
            self._add("".join(self.pending))
            self.pending.clear()

    def _add(self, text: str) -> None:
        line = self.line
        line.pieces.append(text)
        line.inside.update(kind for kind, count in self.open_kinds.items() if count)
        if not text.isspace():
            if line.holder < 0 and self.open_elements:
                line.holder = self.open_elements[-1][0]
                line.block = self.open_blocks[-1] if self.open_blocks else line.holder
                line.bits = sum(bit for bit, count in zip(_BIT_NAMES, self.open_bits) if count)
                line.core_state = self.core_state
            line.origins.add(self.current)
            size = len(text.strip())
            line.chars += size
            if self.link_depth:
                line.linked_chars += size

    def _flush(self, paragraph_ends: bool) -> None:
        line = self.line
        written = "".join(line.pieces)
        # In <pre>, the page's own line breaks are lines.
        texts = [normalise_line(_SPACE.sub(" ", part).strip(), entities=False)
                 for part in (written.split("\n") if "pre" in line.inside else [written])]
        origin = next(iter(line.origins)) if len(line.origins) == 1 else None
        if origin is None and line.chars:
            origin = _line_of_links(line.chars, line.linked_chars, line.links)
            # Not a headline (many sites give the top image the headline as its
            # alt text), nor a name in bold above a product's picture.
            if (origin is None and self.alts and not line.inside & {"heading", "bold"} and not self.first_line
                    and _alt_key(texts[0]) in self.alts):
                origin = evidence_origin("caption", "img alt")
        if origin is None and "heading" in line.inside:
            origin = PAGE_HEADING
        elif origin is None and "item" in line.inside:
            origin = PAGE_ITEM
        self.line = _LineBeingRead()
        if line.chars:
            origin = (origin or PAGE_TEXT).measured(self.markup(line))
        for text in texts:
            if text:
                self.lines.append((text, origin or PAGE_TEXT, self.new_paragraph))
                self.new_paragraph = self.first_line = False
        if paragraph_ends:
            self.new_paragraph = True


    def markup(self, line: _LineBeingRead) -> tuple[float, ...]:
        """What the markup says of a line, named by origins.MARKUP_FIELDS."""
        page = self.page
        holder = line.holder if line.holder >= 0 else self.article
        block = line.block if line.block >= 0 else holder
        # Steps up from the line's element to the article, and to the core's
        # line of ancestors (to the core itself for a line inside it).
        depth, up = 0, holder
        while up > self.article and depth < _MAX_DEPTH:
            up, depth = page.parent[up], depth + 1
        distance, up = 0, holder
        while up >= 0 and up not in self.protected and distance < _MAX_DEPTH:
            up, distance = page.parent[up], distance + 1
        text = page.text[block] or 1
        tag = page.tags[block]
        bits = line.bits
        same_tag, same_twin = self._siblings_like(block)
        written = "".join(line.pieces)
        repeats = page.repeated.get(hash(_text_key(written)), 0) if len(written) <= 2 * _MAX_REPEATED_CHARS else 0
        return (
            float(line.core_state == 1), float(line.core_state == 0), float(line.core_state == 2),
            float(distance), float(depth),
            line.linked_chars / line.chars if line.chars else 0.0, float(min(line.links, 10)),
            page.linked[block] / text, page.paragraphs[block] / text, page.text[block] / (page.text[self.article] or 1),
            float(tag == "p"), float(bool(bits & _LIST)), float(bool(bits & _TABLE)), float(bool(bits & _QUOTE)),
            float(tag[1]) if tag in _HEADINGS else 0.0, float("bold" in line.inside), float(bool(bits & _FORM)),
            float(same_tag), float(same_twin), float(bool(bits & _STORY_CLASS)), float(bool(bits & _FURNITURE_CLASS)),
            float(min(repeats, _MAX_REPEATS)), float(bool(bits & _CODE)),
        )

    def _siblings_like(self, element: int) -> tuple[int, int]:
        """How many siblings share the element's tag, and its tag and class
        (capped); each parent's children are counted once."""
        page = self.page
        parent = page.parent[element]
        if parent < 0:
            return 0, 0
        counts = self.children_of.get(parent)
        if counts is None:
            tags: Counter = Counter()
            twins: Counter = Counter()
            child = parent + 1
            while child < page.stop[parent]:
                tags[page.tags[child]] += 1
                if page.twin[child]:
                    twins[page.twin[child]] += 1
                child = page.stop[child]
            counts = self.children_of[parent] = (tags, twins)
        twin = page.twin[element]
        return (min(counts[0][page.tags[element]] - 1, MAX_LIKE_SIBLINGS),
                min(counts[1][twin] - 1, MAX_LIKE_SIBLINGS) if twin else 0)


def _text_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _class_bits(tag: str, attrib) -> int:
    """The bits of an element for what the markup says of its lines: the kind
    of element (a form, a list, a table, a quotation) and whether its class or
    id names the story's container or page furniture."""
    bits = _BITS_OF_TAG.get(tag, 0)
    if not attrib:
        return bits
    for attribute in ("class", "id"):
        value = attrib.get(attribute)
        if value:
            for name in value.split():
                for word in _WORD_BREAK.split(_CAMEL.sub("-", name).lower()):
                    if word in _STORY_WORDS:
                        bits |= _STORY_CLASS
                    elif word in _FURNITURE_WORDS:
                        bits |= _FURNITURE_CLASS
    return bits


_FED_BYTES = 1 << 16


def _render(data: bytes, page: _Structure, article: int, core: int) -> Iterator[tuple[str, Origin, bool]]:
    """(line, origin, starts a paragraph) for every non-empty line of the
    article: the second pass, fed to the parser a piece at a time so that
    lines come as they are read, and stopped at the article's end."""
    from lxml import etree

    renderer = _Renderer(page, article, core)
    parser = _parser(renderer)
    view = memoryview(data)
    for start in range(0, len(data), _FED_BYTES):
        parser.feed(bytes(view[start : start + _FED_BYTES]))
        yield from renderer.taken()
        if renderer.done:
            break
    try:
        parser.close()
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        renderer.close()  # an empty or unparsable document: whatever was read stands
    yield from renderer.taken()
