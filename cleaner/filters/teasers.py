"""Links to other stories: "READ MORE: <headline>", "See also", "Lire aussi"."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..document import Line
from .registry import register
from .shapes import alternation, ends_sentence, fold, line_cache, word_count

# Labels that announce a link to another story, in many languages. A label
# alone is junk; a label with a colon or bar and a headline after it is junk.
TEASER_LABELS = [
    # English
    "read more", "read also", "also read", "read next", "see also", "see more",
    "related", "related articles", "related article", "related stories", "related story",
    "related content", "related news", "related coverage", "related links", "related link",
    "related topics", "more", "more on this", "more on this story", "more stories",
    "more news", "more from", "recommended", "recommended reading", "recommended for you",
    "you may also like", "you might also like", "you may be interested in",
    "don't miss", "dont miss", "must read", "must watch", "top stories", "latest news",
    "trending", "watch", "watch now", "watch video", "watch the video", "listen",
    "in pictures", "in depth", "further reading", "next article", "previous article",
    "editor's picks", "editors' picks", "popular", "most popular", "most read",
    "what to read next", "keep reading", "continue reading", "click here",
    # German
    "lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant",
    "das könnte sie auch interessieren", "weiterlesen", "siehe auch", "mehr lesen",
    # French
    "lire aussi", "à lire aussi", "a lire aussi", "lire la suite", "voir aussi",
    "à voir aussi", "sur le même sujet", "à lire", "en savoir plus",
    # Spanish
    "leer más", "lee también", "lea también", "te puede interesar", "puede interesarte",
    "mirá también", "puedes ver", "ver también", "noticias relacionadas", "relacionado",
    "relacionadas", "más información", "también te puede interesar",
    # Portuguese
    "leia também", "leia mais", "veja também", "veja mais", "saiba mais",
    "notícias relacionadas", "relacionadas", "relacionados",
    # Italian
    "leggi anche", "leggi di più", "articoli correlati", "potrebbe interessarti",
    "vedi anche", "approfondisci",
    # Dutch
    "lees ook", "lees meer", "zie ook", "meer over", "gerelateerd", "gerelateerde artikelen",
    # Polish
    "czytaj też", "czytaj także", "czytaj więcej", "zobacz też", "zobacz także",
    "przeczytaj też", "przeczytaj także", "polecamy",
    # Russian
    "читайте также", "читать далее", "читать также", "смотрите также", "см. также",
    "материалы по теме", "также по теме", "по теме", "подробнее",
    # Arabic
    "اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "إقرأ أيضا", "اقرأ المزيد", "مواضيع ذات صلة",
    "أخبار ذات صلة", "الأكثر قراءة", "الأكثر تصفحاً", "الأكثر تصفحا",
    # Chinese
    "相关内容", "相关阅读", "相关新闻", "相关文章", "延伸阅读", "推荐阅读", "阅读下一篇",
    "阅读全文", "查看更多", "更多",
    # Japanese
    "あわせて読みたい", "関連記事", "関連キーワード", "関連ニュース", "続きを読む",
    "もっと見る", "こちらもおすすめ",
]
_LABEL = alternation(TEASER_LABELS)
# Decorations around a label: "» Read more «", "[Related]", "READ MORE >>".
_OPEN = r"[\s\[(【«»>›▶►•*|\-–—]*"
_CLOSE = r"[\s\])】»«>›▶►:：.…|\-–—!]*"
_LABEL_ALONE = re.compile(rf"{_OPEN}(?P<label>{_LABEL}){_CLOSE}")
_LABEL_AND_REST = re.compile(
    rf"{_OPEN}(?P<label>{_LABEL})\s*[\])】]?\s*(?:[:：|»›>▶►]+|\s[-–—]|\.\.\.|…)\s*(?P<rest>.+)"
)
# A headline is a short line that does not end like a sentence.
_MAX_HEADLINE_WORDS = 25


def is_headline(text: str) -> bool:
    """A short line that does not end with a full stop (may end in ? or !)."""
    stripped = text.strip()
    if not stripped or word_count(stripped) > _MAX_HEADLINE_WORDS:
        return False
    return not ends_sentence(stripped) or stripped.rstrip("\"'”’»)]").endswith(("?", "!"))


@line_cache
def teaser_reason(text: str) -> str | None:
    """Why the line is a teaser, or None."""
    folded = fold(text)
    alone = _LABEL_ALONE.fullmatch(folded)
    if alone:
        return f"teaser label {text.strip()!r}"
    labelled = _LABEL_AND_REST.fullmatch(folded)
    if labelled and is_headline(labelled.group("rest")):
        # Folding can change the length ("ß" -> "ss"); quote the original when it did not.
        label = text[: labelled.end("label")] if len(folded) == len(text) else labelled["label"]
        return f"teaser label {label.strip() + ':'!r} and headline"
    return None


@register("teasers")
def teasers(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Teasers for other stories: "READ MORE: <headline>", "See also", "Lire aussi : ...".

    A label alone, or a label with a colon, bar or arrow and a headline-shaped
    rest (short, no final full stop). A label that stands alone and ends with a
    colon also takes the headline on the next line with it. "Read more about the
    plan in the report published on Monday." is a sentence and stays.
    """
    previous_label: Line | None = None
    for line in lines:
        if not line.text:
            continue
        reason = teaser_reason(line.text)
        if reason:
            yield line, reason
            alone = _LABEL_ALONE.fullmatch(fold(line.text))
            previous_label = line if alone and line.text.rstrip().endswith((":", "：")) else None
            continue
        if previous_label and is_headline(line.text):
            yield line, f"headline after the teaser label on line {previous_label.number}"
        previous_label = None
