"""`cleaner train`: a line model learned from labelled pages (loaded only when used)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ..errors import CleanerError
from ..files import write_atomically
from .options import BadInput, build_config, check_output, say


@click.command()
@click.argument("corpus", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the model (JSON).")
@click.option("--field", "fields", multiple=True, metavar="NAME",
              help="A field holding scraped text, or \"html\" for the page's HTML (repeatable; "
                   "default: raw and fullpage).")
@click.option("--config", "config_path", metavar="FILE",
              help="Settings whose rules run before the model (default: found upward).")
def train(corpus: Path, output: Path, fields: tuple[str, ...], config_path: str | None) -> None:
    """Train a line model on labelled pages, for --model or `model =` in the settings.

    CORPUS is JSON lines (or .jsonl.gz), one page each: the scraped text
    (in "raw", "fullpage" or the --field you name) and the clean text a
    person made from it, in "gold". A "site" or "url" field groups pages by
    site. With --field html, the model file also holds a model of pages,
    which reads what the markup says of each line (`clean --from html`).
    Needs the train extra: pip install 'cleaner[train]'.

    \b
    Examples:
      cleaner train labelled.jsonl -o my-model.json
      cleaner train pages.jsonl.gz --field raw --field html -o my-model.json
      cleaner clean --model my-model.json article.txt
    """
    from ..scoring.train import train as train_model

    if str(output) == "-":
        raise BadInput("-o -: a model is a file; name one")
    check_output(output, [str(corpus)], "model file")
    if not os.access(output.parent, os.W_OK):
        raise BadInput(f"{output}: cannot write there")  # said now, not after the training
    # The model to be written need not exist yet.
    config = build_config((), (), (), config_path, load_model=False, name=str(corpus))
    try:
        model = train_model(corpus, fields or ("raw", "fullpage"), config, say=lambda m: say(f"train: {m}"))
    except CleanerError as exc:
        raise BadInput(str(exc)) from None
    data = json.dumps(model, separators=(",", ":")).encode()
    try:
        write_atomically(output, [data])
    except OSError as exc:
        raise BadInput(f"{output}: cannot write ({exc.strerror or exc})") from None
    about = model["about"]
    say(f"train: {output}: {about['lines']} lines ({about['junk_lines']} junk) of {about['pages']} pages "
        f"from {about['sites']} sites")
