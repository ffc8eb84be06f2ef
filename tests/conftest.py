from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture
def seed_raw() -> Path:
    return FIXTURES / "moscow-taliban-talks.raw.txt"


@pytest.fixture
def seed_clean() -> Path:
    return FIXTURES / "moscow-taliban-talks.clean.txt"
