"""The `client` fixture: a GraphQL caller bound to the reset `wikijs` fixture."""

import pytest

from wiki_client import Client  # pylint: disable=import-error


@pytest.fixture
def client(wikijs):
    return Client(wikijs)
