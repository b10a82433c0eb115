from __future__ import annotations

import pytest

from console.domain.district import load_district
from console.store import open_store
from tests.positions.broker import broker_or_skip

DEMO = __import__("pathlib").Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture(scope="session")
def district():
    return load_district(DEMO)


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'positions.db'}")
    yield s
    s.close()


@pytest.fixture
def broker(tmp_path):
    b = broker_or_skip(tmp_path)
    yield b
    b.stop()
