"""Fixtures for tests that need the Wiki.js look-alike (tests/wikijs_server)."""

import os
import sys

import pytest

# ansible-test units loads this file too, with its own pytest config: make the
# server importable without pytest.ini's pythonpath.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from wikijs_server import WikiJsTestServer  # noqa: E402 pylint: disable=wrong-import-position


@pytest.fixture(scope='session')
def wikijs_server():
    """One running look-alike for the session (127.0.0.1, random port)."""
    with WikiJsTestServer(port=0) as srv:
        yield srv


@pytest.fixture
def wikijs(wikijs_server):  # pylint: disable=redefined-outer-name
    """The session's look-alike, reset to a fresh install (same API key)."""
    wikijs_server.reset()
    return wikijs_server
