"""Fixtures shared by the end-to-end tests, which run ansible-playbook against the test server."""

import pytest

from ci.collection_copy import collections_path as checkout_collections_path


@pytest.fixture
def collections_path():
    """An ANSIBLE_COLLECTIONS_PATH in which wikijs.wikijs is this checkout."""
    with checkout_collections_path() as root:
        yield root
