"""Fixtures for the domain tests: the generated demo district, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.domain.district import District, load_district

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture(scope="session")
def demo_district() -> District:
    return load_district(DEMO_DIR)
