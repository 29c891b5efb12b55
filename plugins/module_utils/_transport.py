# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""HTTP transport for the Wiki.js 2.5 GraphQL endpoint.

One requests.Session, Bearer auth, timeouts, TLS options and urllib3 retries.
Every failure shape of Wiki.js 2.5 (API.md section 6) becomes a typed
exception from ``_errors``. No Ansible imports here, so it can be used and
tested on its own.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import traceback

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import (
    WikiJsAuthError,
    WikiJsConflictError,
    WikiJsConnectionError,
    WikiJsError,
    WikiJsNotFoundError,
    WikiJsRefusedError,
    WikiJsRequestError,
    WikiJsServerError,
)
from ansible_collections.wikijs.wikijs.plugins.module_utils._retry import (
    MAX_RETRY_AFTER, READ_RETRY_STATUSES, RETRIES, WRITE_RETRY_STATUSES, RetryBudget, make_retry)

REQUESTS_IMPORT_ERROR = None
try:
    import requests
    from requests.adapters import HTTPAdapter
except ImportError:
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

COLLECTION_VERSION = '0.2.0'
USER_AGENT = 'wikijs.wikijs/%s (Ansible collection)' % COLLECTION_VERSION

# Messages Wiki.js uses for refusals that are not responseResult failures.
NOT_FOUND_MESSAGES = ('Invalid User ID', 'Invalid Group ID')
AUTH_MESSAGES = ('Forbidden', 'Unauthorized')
KEY_POSSIBILITIES = ('check api_key: it may be wrong or garbage (not a key of this wiki, which Wiki.js treats as a guest), '
                     'revoked, or expired, or it may lack the permission for this operation')

# How the version is read when the schema refuses a document: Wiki.js 2.x, then the 3.x form.
VERSION_PROBES = (
    ('query { system { info { currentVersion } } }', ('system', 'info', 'currentVersion')),
    ('query { systemInfo { currentVersion } }', ('systemInfo', 'currentVersion')),
)


def check_response_result(operation, result):
    """Raise the typed error for a failed ``responseResult`` (error shape 1).

    ``None`` is accepted: ``users.resetPassword`` answers that on success.
    """
    if result is None or result.get('succeeded'):
        return
    code = result.get('errorCode')
    slug = result.get('slug')
    message = result.get('message') or 'no message'
    if code == 1004 or slug == 'UniqueViolationError':
        cls = WikiJsConflictError
    elif code == 1016:
        cls = WikiJsNotFoundError
    else:
        cls = WikiJsRefusedError
    raise cls(message, operation=operation, error_code=code, slug=slug)


# Aliases per request, for reads and batched mutations alike: fifty keeps a request well under any
# proxy's body limit while a 500-user wiki still costs only ten full reads.
BATCH_SIZE = 50


def run_mutation(transport, root, field, arguments):
    """Run ``mutation { root { field(args) { responseResult } } }`` and check its result.

    ``arguments`` is a list of ``(name, graphql_type, value)``; only these are sent,
    so fields the caller leaves out stay unchanged on the server.
    """
    operation = '%s.%s' % (root, field)
    declared = ', '.join('$%s: %s' % (name, kind) for name, kind, dummy in arguments)
    passed = ', '.join('%s: $%s' % (name, name) for name, dummy, dummy2 in arguments)
    document = 'mutation (%s) { %s { %s(%s) { responseResult { succeeded errorCode slug message } } } }' % (
        declared, root, field, passed)
    data = transport.execute(document, dict((name, value) for name, dummy, value in arguments),
                             operation=operation, mutation=True)
    check_response_result(operation, data[root][field]['responseResult'])


def read_singles(transport, root, ids, fields):
    """``root.single(id)`` for every id, as aliases, ``BATCH_SIZE`` per request; the raw answers in order.

    An answer is None where Wiki.js answers null (``groups.single`` for an unknown id).
    """
    answers, ids = [], list(ids)
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start:start + BATCH_SIZE]
        declared = ', '.join('$i%d: Int!' % n for n in range(len(chunk)))
        aliases = ' '.join('s%d: single(id: $i%d) { %s }' % (n, n, fields) for n in range(len(chunk)))
        data = transport.execute('query (%s) { %s { %s } }' % (declared, root, aliases),
                                 dict(('i%d' % n, value) for n, value in enumerate(chunk)), operation='%s.single' % root)
        answers.extend(data[root]['s%d' % n] for n in range(len(chunk)))
    return answers


def _reason(exc):
    """The useful end of a requests/urllib3 exception chain, such as '[Errno 111] Connection refused'."""
    text = str(exc)
    found = re.search(r'\[Errno -?\d+\] [^\'")]+', text)
    if found:
        return found.group(0).strip()
    if 'RemoteDisconnected' in text or 'Connection aborted' in text:
        return 'the connection was closed without an answer'
    return text


class GraphQLTransport:
    """Sends GraphQL documents to ``<url>/graphql`` and returns their ``data``."""

    def __init__(self, url, api_key, validate_certs=True, ca_path=None, timeout=30):
        if REQUESTS_IMPORT_ERROR:
            raise ImportError('the requests library is required')
        self.endpoint = url.rstrip('/') + '/graphql'
        self._api_key = api_key
        self._timeout = timeout
        self._verify = (ca_path or True) if validate_certs else False
        self._sessions = {}
        self._budget = RetryBudget(timeout)
        self.request_count = 0

    def _session(self, mutation):
        session = self._sessions.get(mutation)
        if session is None:
            session = requests.Session()
            statuses = WRITE_RETRY_STATUSES if mutation else READ_RETRY_STATUSES
            adapter = HTTPAdapter(max_retries=make_retry(statuses, self._budget))
            session.mount('http://', adapter)
            session.mount('https://', adapter)
            session.headers.update({
                'Authorization': 'Bearer %s' % self._api_key,
                'User-Agent': USER_AGENT,
                'Accept': 'application/json',
            })
            self._sessions[mutation] = session
        return session

    def _scrub(self, text):
        # Short "keys" would mangle every message; real keys are long JWTs.
        if self._api_key and len(self._api_key) >= 8:
            text = text.replace(self._api_key, '********')
        return text

    def execute(self, document, variables=None, operation='graphql', mutation=False):
        """Run one GraphQL document; return its ``data`` or raise a typed error."""
        try:
            return self._post(document, variables, operation, mutation)
        except WikiJsRequestError as exc:
            if exc.slug != 'GRAPHQL_VALIDATION_FAILED':
                raise
            raise self._version_error(exc)

    def _post(self, document, variables, operation, mutation):
        self.request_count += 1
        self._budget.start()
        try:
            response = self._session(mutation).post(
                self.endpoint,
                json={'query': document, 'variables': variables or {}},
                timeout=self._timeout,
                verify=self._verify,
            )
        except requests.exceptions.SSLError as exc:
            raise WikiJsConnectionError(
                'TLS error talking to %s: %s (set ca_path, or validate_certs=false for a test server)'
                % (self.endpoint, self._scrub(str(exc))), operation=operation)
        except requests.exceptions.RequestException as exc:
            # With retries spent, urllib3 reports a read timeout as a connection error.
            if isinstance(exc, requests.exceptions.Timeout) or 'timed out' in str(exc):
                raise WikiJsConnectionError(
                    'no answer from %s within %s seconds (timeout)' % (self.endpoint, self._timeout), operation=operation)
            raise WikiJsConnectionError(
                'cannot reach %s: %s' % (self.endpoint, self._scrub(_reason(exc))), operation=operation)
        return self._data_from(response, operation)

    def _version_error(self, exc):
        """The schema refused our document: say which Wiki.js answers, unless it is a 2.x one.

        Costs one or two reads, and only on this failure path.
        """
        version = None
        for document, path in VERSION_PROBES:
            try:
                data = self._post(document, None, 'system.info', False)
            except WikiJsError:
                continue
            for key in path:
                data = data.get(key) if isinstance(data, dict) else None
            if isinstance(data, str):
                version = data
                break
        if version is not None and version.startswith('2.'):
            return exc
        if version is not None:
            found = 'it runs Wiki.js %s' % version
        else:
            found = 'its GraphQL schema is not the Wiki.js 2.x one (%s)' % exc.message
        return WikiJsRequestError('%s is not a Wiki.js 2.x server: %s; this collection supports Wiki.js 2.x only'
                                  % (self.endpoint, found), operation=exc.operation, status=exc.status, slug=exc.slug)

    def _data_from(self, response, operation):
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise self._error_without_graphql_body(response, operation)
        errors = body.get('errors')
        if errors:
            raise self._error_from_graphql_errors(status, errors, operation)
        if status != 200 or not isinstance(body.get('data'), dict):
            raise WikiJsServerError('unexpected answer without data', operation=operation, status=status)
        return body['data']

    def _error_without_graphql_body(self, response, operation):
        status = response.status_code
        kind = response.headers.get('Content-Type', 'no content type').split(';')[0]
        if status in (401, 403):
            return WikiJsAuthError(
                'access to %s was refused before reaching Wiki.js; check api_key and any proxy in front of it'
                % self.endpoint, operation=operation, status=status)
        if status == 404:
            return WikiJsRequestError(
                'no GraphQL endpoint at %s; url must be the site root, such as https://wiki.example.com'
                % self.endpoint, operation=operation, status=status)
        asked = self._budget.refused_wait
        if asked is not None:
            return WikiJsServerError(
                'the server asked to retry after %d seconds (Retry-After), more than the %.1f seconds left under '
                'timeout (%d s) or the %d s cap; not waited, nothing more was sent'
                % (asked, max(0, self._budget.left()), self._timeout, MAX_RETRY_AFTER), operation=operation, status=status)
        if status == 429:
            return WikiJsServerError('still rate limited after %s retries' % RETRIES, operation=operation, status=status)
        return WikiJsServerError(
            'expected a JSON answer from %s, got %s' % (self.endpoint, kind), operation=operation, status=status)

    def _error_from_graphql_errors(self, status, errors, operation):
        first = errors[0] if isinstance(errors[0], dict) else {}
        message = first.get('message') or 'unknown error'
        path = first.get('path') or []
        extensions = first.get('extensions') or {}
        if status == 500 and path == []:
            # Shape 4: the key (or API access) was refused before GraphQL ran; retrying cannot help.
            return WikiJsAuthError('%s; %s' % (message, KEY_POSSIBILITIES), operation=operation, status=status)
        if status == 400:
            return WikiJsRequestError(message, operation=operation, status=status, slug=extensions.get('code'))
        if status != 200:
            return WikiJsServerError(message, operation=operation, status=status)
        if len(path) >= 2 and all(isinstance(p, str) for p in path[:2]):
            operation = '%s.%s' % (path[0], path[1]) if operation == 'graphql' else operation
        if message in AUTH_MESSAGES:
            # Wiki.js answers a key that is not one of its own as it answers a guest: the same "Forbidden".
            return WikiJsAuthError('%s; %s' % (message, KEY_POSSIBILITIES), operation=operation, status=status)
        if message in NOT_FOUND_MESSAGES:
            return WikiJsNotFoundError(message, operation=operation, status=status)
        if message.startswith('Too many requests'):
            return WikiJsServerError(message, operation=operation, status=status)
        return WikiJsRefusedError(message, operation=operation)
