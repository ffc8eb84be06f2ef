"""Ad labels, share and follow lines, newsletter calls to action, cookie notices."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..document import Line
from .registry import register
from .shapes import alternation, fold, line_cache, quote, word_count

# Whole-line ad labels, folded.
AD_LABELS = [
    "advertisement", "advertisements", "advertising", "advert", "ad", "ads",
    "sponsored", "sponsored content", "sponsored links", "sponsored link", "sponsored post",
    "sponsored by", "paid content", "paid post", "promoted", "promoted content",
    "promoted stories", "partner content", "story continues below advertisement",
    "article continues below advertisement", "article continues below",
    "story continues below", "continue reading below", "continue reading below advertisement",
    "content continues below", "advertisement - scroll to continue",
    "scroll to continue with content", "ad feedback", "report an ad", "place an ad",
    "anzeige", "werbung", "publicité", "publicidad", "publicidade", "pubblicità",
    "advertentie", "reklama", "реклама", "广告", "広告", "광고", "إعلان", "اعلان", "iklan",
    "annonce", "mainos", "reklame",
]
_AD_LINE = re.compile(rf"[\s\-–—*•\[(]*(?:{alternation(AD_LABELS)})[\s\-–—*•\])]*:?")

# Words a share bar is made of: networks and share verbs in several languages.
SHARE_WORDS = {
    "share", "shares", "sharing", "shared", "tweet", "retweet", "email", "e", "mail",
    "print", "facebook", "twitter", "x", "linkedin", "reddit", "whatsapp", "telegram",
    "pinterest", "pin", "pint", "it", "tumblr", "digg", "this", "flipboard",
    "stumbleupon", "delicious", "del", "icio", "us", "newsvine", "mixx", "technorati",
    "google", "messenger", "sms", "vk", "viber", "line", "copy", "link", "url",
    "on", "via", "to", "a", "friend", "article", "story", "page", "the", "save",
    "bookmark", "comment", "comments", "options", "all", "sharing", "more", "yahoo",
    "myweb", "my", "web", "buzz", "live", "windows", "fark", "threads", "bluesky",
    "mastodon", "instagram", "youtube", "rss", "feed", "send", "post",
    "teilen", "drucken", "partager", "imprimer", "compartir", "imprimir", "compartilhe",
    "compartilhar", "condividi", "stampa", "delen", "udostępnij", "drukuj",
    "поделиться", "печать", "分享", "分享到", "微信", "微博", "シェア", "シェアする",
    "ツイート", "مشاركة", "شارك",
}
# At least one of these must be there: "on the" alone is no share bar.
_SHARE_CORE = {
    "share", "shares", "sharing", "tweet", "email", "print", "facebook", "twitter",
    "linkedin", "reddit", "whatsapp", "telegram", "pinterest", "tumblr", "digg",
    "flipboard", "stumbleupon", "delicious", "icio", "newsvine", "mixx", "technorati", "vk",
    "teilen", "partager", "compartir", "compartilhe", "compartilhar", "condividi",
    "delen", "udostępnij", "поделиться", "分享", "分享到", "シェア", "シェアする",
    "مشاركة", "شارك",
}
_SHARE_TOKEN = re.compile(r"[^\W\d_]+")
_MAX_SHARE_WORDS = 14

_NETWORK = r"(?:facebook|twitter|x|instagram|linkedin|youtube|tiktok|telegram|whatsapp|pinterest|threads|bluesky|mastodon|google news|social media)"
# "Follow us on Twitter", "Like us on Facebook", "Follow @handle".
_FOLLOW = re.compile(
    rf"(?:follow|like|join|find|connect with|subscribe to) (?:us|me|@\w+|our \w+ (?:page|channel|account))"
    rf"(?: (?:on|at|via) {_NETWORK}(?:(?:,| and| or| &) {_NETWORK})*)?[\s.!:]*"
    rf"|(?:follow|like|join) \S+(?: \S+){{0,4}} on {_NETWORK}[\s.!:]*"
)
# Newsletter, subscription and app calls to action: an imperative at the start
# and the thing offered in the same short line.
_CTA = re.compile(
    r"(?:click here to |tap here to |please |>+ ?)?"
    r"(?:sign up|signup|subscribe|register|get|download|join|try|install|receive|enter your email)\b"
    r".*\b(?:newsletters?|briefing|digest|inbox|email alerts?|breaking news alerts?|"
    r"our app|the app|\w+ app|apps?|free trial|subscription|subscribers?|unlimited access|podcast)\b.*"
)
_MAX_CTA_WORDS = 20
# Comment widgets: "Post a comment", "View Comments", "12 Comments",
# "[Offensive? Report this comment.]".
_COMMENT_UI = re.compile(
    r"[\s\[(]*(?:"
    r"(?:post|add|leave|write|view|show|read|hide|see|load|display|submit|sign in to|log in to)"
    r"(?: all| the)?(?: a| your| new| my)? comments?"
    r"|\d[\d,.]*\s*comments?|comments?(?: \(\d+\))?|no comments(?: yet)?"
    r"|be the first to comment|join the (?:discussion|conversation)"
    r"|(?:[\w ]+\? )*(?:report|flag) (?:this )?(?:comment|post|abuse)|inappropriate\? alert us"
    r")[\s.!:\])]*"
)
# Cookie notices speak to the reader about this site's cookies; news about
# cookies speaks about others ("Regulators said sites must ask before ...").
_COOKIE_NOTICE = re.compile(
    r".*(?:\bwe (?:use|serve|place) cookies|\b(?:this|our) (?:web)?site uses cookies"
    r"|\bby (?:continuing|using|browsing)\b.*\b(?:this|our|the) (?:web)?site\b"
    r"|\byou (?:agree|consent) to (?:the|our) use of cookies).*"
)
# Cookie buttons and links: only as short lines.
_COOKIE_BUTTON = re.compile(
    r"(?:accept|allow|reject|decline|manage) (?:all )?cookies|cookies? (?:policy|settings|preferences)"
    r"|(?:i )?(?:accept|agree|ok|got it)[\s,!]*(?:cookie policy)?"
)
_MAX_COOKIE_WORDS = 80


@line_cache
def promo_reason(text: str) -> str | None:
    """Why the line is an ad label, share line, call to action or cookie notice."""
    folded = fold(text).strip()
    words = word_count(folded)
    if words <= 8 and _AD_LINE.fullmatch(folded):
        return f"ad label {quote(text.strip())!r}"
    if words <= _MAX_SHARE_WORDS:
        tokens = _SHARE_TOKEN.findall(folded)
        if tokens and set(tokens) <= SHARE_WORDS and not _SHARE_CORE.isdisjoint(tokens):
            return f"share line {quote(text.strip())!r}"
    if words <= 8 and _COMMENT_UI.fullmatch(folded):
        return f"comment widget {quote(text.strip())!r}"
    if words <= 12 and _FOLLOW.fullmatch(folded):
        return f"follow call {quote(text.strip())!r}"
    if words <= _MAX_CTA_WORDS and _CTA.fullmatch(folded):
        return f"call to action {quote(text.strip())!r}"
    if "cookie" in folded and (
        words <= _MAX_COOKIE_WORDS and _COOKIE_NOTICE.fullmatch(folded)
        or words <= 6 and _COOKIE_BUTTON.fullmatch(folded.strip(" .!:"))
    ):
        return f"cookie notice {quote(text.strip())!r}"
    return None


@register("promos")
def promos(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Ad labels, share and follow lines, newsletter and app calls to action, cookie notices.

    Whole-line shapes only: "Advertisement", a line made only of network names
    and share words, "Sign up for our newsletter", "This site uses cookies ...".
    A line that merely starts with such a word ("Werbung nervt.") stays.
    """
    for line in lines:
        if line.text:
            reason = promo_reason(line.text)
            if reason:
                yield line, reason
