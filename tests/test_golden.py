"""No verdict changes unless a rule or the model changes on purpose: the clean
text of every fixture and dev-corpus text is the one recorded in golden.json
(regenerate it with bench/golden.py in the commit that changes a rule)."""

import importlib.util
import json

import pytest
from conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
spec = importlib.util.spec_from_file_location("golden", ROOT / "bench" / "golden.py")
golden = importlib.util.module_from_spec(spec)
spec.loader.exec_module(golden)


@pytest.mark.skipif(not (CORPUS / "dev.jsonl").exists(), reason="needs the dev corpus")
def test_every_clean_text_is_the_recorded_one():
    recorded = json.loads(golden.GOLDEN.read_text())
    now = golden.fingerprints(CORPUS / "dev.jsonl", CORPUS / "dev-html.jsonl.gz")
    assert set(now) == set(recorded)
    for kind in recorded:
        if isinstance(recorded[kind], dict):
            assert now[kind] == recorded[kind], kind
        else:
            changed = [i for i, (a, b) in enumerate(zip(now[kind], recorded[kind])) if a != b]
            assert changed == [] and len(now[kind]) == len(recorded[kind]), f"{kind}: records {changed[:10]} changed"
