"""HTML and script left in the text by a careless scraper."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Line
from .pagemarkup import HTML_ORIGIN
from .registry import register
from .shapes import lazy_compile, line_cache, quote

# HTML's own element names: "<The Palace: Jang Noksu>" is a title in angle brackets.
_ELEMENTS = (
    "a|abbr|article|aside|audio|b|blockquote|body|br|button|center|code|dd|div|dl|dt|em|embed|"
    "figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|"
    "main|meta|nav|noscript|object|ol|option|p|param|picture|pre|s|script|section|select|small|source|"
    "span|strong|style|sub|sup|svg|table|tbody|td|textarea|th|thead|title|tr|u|ul|video"
)
_TAG = lazy_compile(rf"</?(?i:{_ELEMENTS})(?:\s[^<>]*)?/?>|<!--|-->")
_CODE_SIGNAL = lazy_compile(
    r"document\.(?:write|getElementById|createElement|cookie)|\bfunction\s*\(|\bvar\s+\w+\s*=|"
    r"\b(?:let|const)\s+\w+\s*=|window\.\w+|googletag|adsbygoogle|\$\(|jQuery|\bnew Date\(\)|"
    r"\b\w{1,40}\s*\(\s*\)\s*;|\}\s*\)\s*;|^\s*[.#]?[\w-]{1,60}\s*\{[^}]*:[^}]*\}?\s*$"
)
# Visible words under this share of the line: the line is markup, not text.
_MAX_VISIBLE_SHARE = 0.5


@line_cache
def markup_reason(text: str) -> str | None:
    stripped = text.strip()
    # Code ends with ; } ) or a tag, prose about code ends like a sentence.
    prose = stripped.endswith((".", "!", "?", ":")) and " " in stripped
    if not prose and (";" in stripped or "{" in stripped or "}" in stripped) and _CODE_SIGNAL.search(stripped):
        return f"script code {quote(stripped)!r}"
    if "<" not in stripped or not _TAG.search(stripped):
        return None
    from bs4 import BeautifulSoup  # only for lines that hold tags

    soup = BeautifulSoup(stripped, "html.parser")
    if soup.find(["script", "style", "noscript", "iframe"]) is not None:
        return f"HTML {quote(stripped)!r}"
    visible = soup.get_text(" ", strip=True)
    if len(visible) <= _MAX_VISIBLE_SHARE * len(stripped):
        return f"HTML {quote(stripped)!r}"
    return None


@register("markup", local=True)
def markup(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """HTML tags and script code left in the text ("<a href=...>", "document.write(...);").

    A line counts when beautifulsoup4 finds tags in it and less than half of
    it is visible text, or when it holds script or style, or reads as
    JavaScript or CSS. A sentence with an inline tag in it is mostly text and
    stays as it is (lines are never rewritten).
    """
    for line in lines:
        # A line read from a page is what the page shows: a tag in it was
        # written as text ("Add <meta charset> to the head"), not left over.
        if line.text and not (line.origin and line.origin.startswith(HTML_ORIGIN)):
            reason = markup_reason(line.text)
            if reason:
                yield line, reason
