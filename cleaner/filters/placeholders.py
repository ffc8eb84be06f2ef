"""Loading placeholders left behind by scripts that never ran."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..document import Line
from .registry import register
from .shapes import alternation, fold

# Whole-line placeholders, folded; trailing dots and ellipses are optional.
PLACEHOLDERS = [
    # English
    "loading", "loading video", "loading player", "loading comments", "loading content",
    "loading gallery", "loading image", "loading map", "loading please wait",
    "loading, please wait", "please wait", "video loading", "now loading",
    # German, French, Spanish, Portuguese, Italian, Dutch, Polish
    "wird geladen", "bitte warten", "chargement", "chargement en cours",
    "veuillez patienter", "cargando", "cargando video", "espere por favor",
    "carregando", "aguarde", "caricamento", "caricamento in corso", "attendere",
    "bezig met laden", "even geduld", "ładowanie", "wczytywanie", "proszę czekać",
    # Russian, Arabic, Chinese, Japanese, Korean, Turkish
    "загрузка", "загрузка видео", "подождите", "جار التحميل", "جاري التحميل",
    "正在加载", "加载中", "載入中", "读取中", "読み込み中", "ロード中", "로딩중", "로딩 중",
    "yükleniyor",
]
_PLACEHOLDER = re.compile(
    rf"[\s(\[]*(?:{alternation(PLACEHOLDERS)})\s*(?:\.|…|。|\s)*[)\]]?"
)


@register("placeholders")
def placeholders(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Loading placeholders as whole lines ("Loading...", "Please wait", "Загрузка…").

    Only the whole line counts: "Loading the ship took three days." stays.
    """
    for line in lines:
        if line.text and len(line.text) <= 60 and _PLACEHOLDER.fullmatch(fold(line.text)):
            yield line, f"loading placeholder {line.text.strip()!r}"
