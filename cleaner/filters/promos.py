"""Ad labels, share and follow lines, newsletter calls to action, cookie notices."""

from __future__ import annotations

from .phrasebook import phrase_key, phrases, words
from .predicates import is_comment_widget
from .registry import line_filter
from .shapes import ends_sentence, fold, in_order, lazy_compile, line_cache, quote, word_count

_SHARE_TOKEN = lazy_compile(r"[^\W\d_]+")
_MAX_SHARE_WORDS = 14
# Verbs that open a share link: "Post to del.icio.us", "Add to Digg".
_SHARE_VERBS = frozenset({"post", "add", "save", "send", "share", "bookmark", "email", "print"})
_MAX_PHRASE_CHARS = 80

_NETWORK = r"(?:facebook|twitter|x|instagram|linkedin|youtube|tiktok|telegram|whatsapp|pinterest|threads|bluesky|mastodon|google news|social media)"  # noqa: E501  (a pattern reads best whole)
# "Follow us on Twitter", "Like us on Facebook", "Follow @handle".
_FOLLOW = lazy_compile(
    rf"(?:follow|like|join|find|connect with|subscribe to) (?:us|me|@\w+|our \w+ (?:page|channel|account))"
    rf"(?: (?:on|at|via) {_NETWORK}(?:(?:,| and| or| &) {_NETWORK})*)?[\s.!:]*"
)
# "Follow Jane Doe on Twitter": a name, so matched on the line as written.
_FOLLOW_NAME = lazy_compile(
    rf"(?i:follow) (?:@\w+|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){{0,3}})(?i: (?:on|at) {_NETWORK}).*"
)
# Newsletter, subscription and app calls to action: an imperative at the start
# and the thing offered in the same short line.
_CTA = lazy_compile(
    r"(?:click here to |tap here to |please |>+ ?)?"
    r"(?:sign up|signup|subscribe|register|get|download|join|try|install|receive|enter your email)\b"
    r".*\b(?:newsletters?|briefing|digest|inbox|email alerts?|breaking news alerts?|"
    r"our app|the app|\w+ app|apps?|free trial|subscription|subscribers?|unlimited access|podcast)\b.*"
)
_MAX_CTA_WORDS = 20
# Cheap tests that a line can match at all, before any pattern runs.
_FOLLOW_VERBS = ("follow", "like", "join", "find", "connect", "subscribe")
_CTA_OPENINGS = ("click here", "tap here", "please", "sign", "subscribe", "register", "get", "download",
                 "join", "try", "install", "receive", "enter your email")
# A call to action is short, or at least not a long sentence with a full stop:
# "Try the new app, the mayor urged residents." is news.
_MAX_CTA_SENTENCE_WORDS = 7
_QUOTES = "\"'“‘«„"
# Cookie notices speak to the reader about this site's cookies; news about
# cookies speaks about others ("Regulators said sites must ask before ...").
_COOKIE_NOTICE = lazy_compile(
    r"\bwe (?:use|serve|place) cookies|\b(?:this|our) (?:web)?site uses cookies"
    r"|\byou (?:agree|consent) to (?:the|our) use of cookies"
)
# "By continuing to browse this site ...": two parts, anything between.
_COOKIE_CONSENT = (
    lazy_compile(r"\bby (?:continuing|using|browsing)\b"), lazy_compile(r"\b(?:this|our|the) (?:web)?site\b"),
)
# Cookie buttons and links: only as short lines.
_COOKIE_BUTTON = lazy_compile(
    r"(?:accept|allow|reject|decline|manage) (?:all )?cookies|cookies? (?:policy|settings|preferences)"
    r"|(?:i )?(?:accept|agree|ok|got it)[\s,!]*(?:cookie policy)?"
)
_MAX_COOKIE_WORDS = 80
_MAX_PROMO_CHARS = 2000


def _is_share_line(folded: str) -> bool:
    tokens = _SHARE_TOKEN.findall(folded.replace("del.icio.us", "delicious"))
    if not tokens or not set(tokens) <= words("share", "words"):
        return False
    core = words("share", "core")
    cores = sum(token in core for token in tokens)
    # "Facebook Twitter Email", "Share this", "Post to del.icio.us"; not "Twitter to X".
    return cores >= 2 or (cores > 0 and (len(tokens) <= 2 and tokens[0] in core or tokens[0] in _SHARE_VERBS))


def _is_call_to_action(text: str, folded: str, words_: float) -> bool:
    if words_ > _MAX_CTA_WORDS or folded.startswith(tuple(_QUOTES)):
        return False
    if ends_sentence(folded) and not folded.endswith("!") and words_ > _MAX_CTA_SENTENCE_WORDS:
        return False
    if folded.lstrip("> ").startswith(_CTA_OPENINGS) and _CTA.fullmatch(folded):
        return True
    # A label from the table, alone or opening a short line: "Abonnez-vous à partir de 1 €".
    labels = phrases("calls-to-action")
    first_words = folded.split()
    return words_ <= 12 and any(
        phrase_key(" ".join(first_words[:n])) in labels for n in range(1, min(5, len(first_words)) + 1)
    )


def _is_cookie_notice(folded: str) -> bool:
    return bool(_COOKIE_NOTICE.search(folded)) or in_order(folded, *_COOKIE_CONSENT)


@line_cache
def promo_reason(text: str) -> str | None:
    """Why the line is an ad label, share line, call to action or cookie notice.

    >>> promo_reason("Share this article")
    "share line 'Share this article'"
    >>> promo_reason("He shared the prize.") is None
    True
    """
    if len(text) > _MAX_PROMO_CHARS:
        return None  # the longest of them, a cookie notice, has at most 80 words
    folded = fold(text).strip()
    count = word_count(folded)
    if count <= 8 and len(text) <= _MAX_PHRASE_CHARS and phrase_key(text) in phrases("ads"):
        return f"ad label {quote(text.strip())!r}"
    if count <= _MAX_SHARE_WORDS and _is_share_line(folded):
        return f"share line {quote(text.strip())!r}"
    if is_comment_widget(text):
        return f"comment widget {quote(text.strip())!r}"
    if count <= 12 and folded.startswith(_FOLLOW_VERBS) and (
        _FOLLOW.fullmatch(folded) or _FOLLOW_NAME.fullmatch(text.strip())
    ):
        return f"follow call {quote(text.strip())!r}"
    if _is_call_to_action(text, folded, count):
        return f"call to action {quote(text.strip())!r}"
    if "cookie" in folded and not folded.startswith(tuple(_QUOTES)) and (
        (count <= _MAX_COOKIE_WORDS and _is_cookie_notice(folded))
        or (count <= 6 and _COOKIE_BUTTON.fullmatch(folded.strip(" .!:")))
    ):
        return f"cookie notice {quote(text.strip())!r}"
    return None


@line_filter("promos")
def promos(text: str) -> str | None:
    """Ad labels, share and follow lines, newsletter and app calls to action, cookie notices.

    Whole-line shapes only: "Advertisement", a line made only of network names
    and share words, "Sign up for our newsletter", "This site uses cookies ...".
    A line that merely starts with such a word ("Werbung nervt.") stays.

    >>> promos("Advertisement")
    "ad label 'Advertisement'"
    >>> promos("Werbung nervt.") is None
    True
    """
    return promo_reason(text)
