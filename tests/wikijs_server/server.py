"""WikiJsTestServer: the look-alike on a thread, bound to 127.0.0.1."""

import os
import ssl
import sys
import threading
import time
from http.server import ThreadingHTTPServer

from . import groups, keys, users
from .app import Handler
from .auth import Authenticator, RateLimiter, Signer
from .control import Control
from .schema import build_schema
from .store import Store

KEY_LIFETIME = 365.25 * 86400


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # A client that gave up on a delayed answer (a timeout test) is expected, not an error to print.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class WikiJsTestServer:
    """A Wiki.js 2.5.314 look-alike for users, groups, API keys and system.info.

    The API key (key id 1, full access) stays valid with the same string across reset() for the
    life of the object, so a runner can reset between test targets without re-reading it.
    """

    def __init__(self, port=0, seed_users=0, certfile=None, keyfile=None):
        self.port = port
        # HTTPS only when given a certificate (the AWX job test serves with a CA made for it).
        self.certfile = certfile
        self.keyfile = keyfile
        self.seed_users = seed_users
        self.signer = Signer(os.urandom(32))
        self.store = Store()
        self.limiter = RateLimiter()
        self.auth = Authenticator(self.store, self.signer)
        self.control = Control(self)
        resolvers = {}
        for module in (users, groups, keys):
            resolvers.update(module.RESOLVERS)
        self.schema = build_schema(resolvers)
        self._key = self.signer.api_key(1, 1, KEY_LIFETIME)
        self.api_key = self._key['key']
        self._httpd = None
        self._thread = None
        self.url = None
        self.control_url = None
        self.major = 2
        self.reset(seed_users=seed_users)

    def reset(self, seed_users=0, key_name='ci'):
        """Fresh-install state; clears the request log, pending faults and the login rate limit."""
        with self.store.lock:
            self.store.reset(self._key, key_name=key_name, seed_users=seed_users)
            self.limiter.clear()
            self.auth.revoked.clear()
            self.control.clear()
            self.major = 2

    def restart(self):
        """What a Wiki.js restart does to in-memory state: rate limits gone, older user JWTs get renewed."""
        with self.store.lock:
            self.auth.started_at = time.time()
            self.limiter.clear()

    def start(self):
        self._httpd = _HTTPServer(('127.0.0.1', self.port), Handler)
        self._httpd.wiki = self
        self.port = self._httpd.server_address[1]
        scheme = 'http'
        if self.certfile:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.certfile, self.keyfile)
            # The handshake then happens in the request thread, so a client that stalls cannot block accept().
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True, do_handshake_on_connect=False)
            scheme = 'https'
        self.url = '%s://127.0.0.1:%d' % (scheme, self.port)
        self.control_url = self.url + '/_test'
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={'poll_interval': 0.1}, daemon=True,
                                        name='wikijs-test-server')
        self._thread.start()
        return self

    def stop(self):
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
            self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
