"""Loading placeholders and page chrome: what scripts and players leave behind."""

from __future__ import annotations

import re

from .phrasebook import phrase_key, phrases
from .registry import line_filter
from .shapes import lazy_compile, quote

# "Image 1 of 23", "Photo 3/12", "Slide 2 of 9": gallery counters; and a
# slideshow's bare "2 of 12" (never "2/12" alone, which may be a fraction or a date).
_GALLERY_COUNTER = lazy_compile(
    r"(?:image|photo|picture|slide|foto|bild|imagen|immagine|фото)\s*\d+\s*(?:of|/|von|de|di|из)\s*\d+"
    r"|\d{1,4}\s+(?:of|von|de|di|из)\s+\d{1,4}",
    re.IGNORECASE,
)
_MAX_PHRASE_CHARS = 80


@line_filter("placeholders")
def placeholders(text: str) -> str | None:
    """Loading placeholders as whole lines ("Loading...", "Please wait", "Загрузка…").

    Only the whole line counts: "Loading the ship took three days." stays.

    >>> placeholders("Loading...")
    "loading placeholder 'Loading...'"
    >>> placeholders("Loading the ship took three days.") is None
    True
    """
    if len(text) <= _MAX_PHRASE_CHARS and phrase_key(text) in phrases("placeholders"):
        return f"loading placeholder {text.strip()!r}"
    return None


@line_filter("ui-chrome")
def ui_chrome(text: str) -> str | None:
    """Player and page chrome ("Media playback is unsupported on your device", "Close", "Image 1 of 23").

    Whole lines only, from a table of buttons and widget messages in many
    languages, and gallery counters. Single words that could be a subheading
    ("Search", "Video") are not in the table.

    >>> ui_chrome("Image 1 of 23")
    "gallery counter 'Image 1 of 23'"
    >>> ui_chrome("2 of 12")
    "gallery counter '2 of 12'"
    >>> ui_chrome("2/12") is None
    True
    >>> ui_chrome("Search") is None
    True
    """
    if len(text) > 2 * _MAX_PHRASE_CHARS:
        return None
    if phrase_key(text) in phrases("chrome"):
        return f"page chrome {quote(text.strip())!r}"
    if _GALLERY_COUNTER.fullmatch(text.strip(" ()[]")):
        return f"gallery counter {quote(text.strip())!r}"
    return None
