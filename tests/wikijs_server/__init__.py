"""A Python look-alike of Wiki.js 2.5.314 (users, groups, API keys, system.info) for tests."""

from .server import WikiJsTestServer

__all__ = ['WikiJsTestServer']
