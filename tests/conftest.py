import errno
import os
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


@pytest.fixture
def full_disk(monkeypatch):
    """Every write of an output file fails as on a full disk (ENOSPC)."""
    import cleaner.files

    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cleaner.files.os, "fdopen",
                        lambda fd, mode, **options: FullDisk(real_fdopen(fd, mode, **options)))
