# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The transport against the project's Wiki.js 2.5 test server, over real HTTP.

Faults (429, 5xx, dropped connections, slow answers) come from the server's
control API, so retries are exercised by urllib3 itself, not by a mock.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import socket
import time

import pytest
import requests

from ansible_collections.wikijs.wikijs.plugins.module_utils import _errors, _transport, _users

LIST = 'query { users { list { id email } } }'


def control(server, method, path, body=None):
    response = requests.request(method, server.control_url + path, json=body, timeout=10)
    response.raise_for_status()
    return response.json() if response.content else None


def faults(server, *items):
    control(server, 'POST', '/faults', {'faults': list(items)})


def log_count(server):
    return control(server, 'GET', '/log')['count']


def transport(server, **kwargs):
    kwargs.setdefault('timeout', 5)
    return _transport.GraphQLTransport(server.url, kwargs.pop('api_key', server.api_key), **kwargs)


def assert_no_secret(exc, secret):
    for text in (str(exc), repr(exc), exc.message):
        assert secret not in text


def test_read_returns_data_and_counts_requests(wikijs):
    client = transport(wikijs)
    data = client.execute(LIST, operation='users.list')
    assert {'admin@example.com', 'guest@example.com'} <= set(u['email'] for u in data['users']['list'])
    assert client.request_count == 1
    assert log_count(wikijs) == 1


def test_garbage_key_runs_as_guest_and_is_an_auth_error(wikijs):
    secret = 'not-a-real-token-0123456789'
    with pytest.raises(_errors.WikiJsAuthError) as caught:
        transport(wikijs, api_key=secret).execute(LIST, operation='users.list')
    assert 'Forbidden' in str(caught.value)
    assert caught.value.operation == 'users.list'
    assert_no_secret(caught.value, secret)


def test_revoked_key_is_refused_before_graphql(wikijs):
    created = transport(wikijs).execute(
        'mutation { authentication { createApiKey(name: "revoke-me", expiration: "1d", fullAccess: true) '
        '{ responseResult { succeeded } key } } }', mutation=True)
    key = created['authentication']['createApiKey']['key']
    keys = transport(wikijs).execute('query { authentication { apiKeys { id name } } }')
    key_id = [k['id'] for k in keys['authentication']['apiKeys'] if k['name'] == 'revoke-me'][0]
    transport(wikijs).execute('mutation ($id: Int!) { authentication { revokeApiKey(id: $id) { responseResult { succeeded } } } }',
                              {'id': key_id}, mutation=True)
    with pytest.raises(_errors.WikiJsAuthError) as caught:
        transport(wikijs, api_key=key).execute(LIST, operation='users.list')
    assert caught.value.status == 500
    assert 'revoked' in str(caught.value)
    assert_no_secret(caught.value, key)


def test_invalid_document_is_a_request_error_with_the_graphql_code(wikijs):
    with pytest.raises(_errors.WikiJsRequestError) as caught:
        transport(wikijs).execute('query { users { list { bogusField } } }')
    assert caught.value.status == 400
    assert caught.value.slug == 'GRAPHQL_VALIDATION_FAILED'
    assert 'bogusField' in str(caught.value)


def test_gateway_errors_on_reads_are_retried_until_success(wikijs):
    faults(wikijs, {'kind': 'status', 'status': 503, 'count': 1}, {'kind': 'status', 'status': 502, 'count': 1})
    client = transport(wikijs)
    assert client.execute(LIST)['users']['list']
    assert client.request_count == 1
    assert log_count(wikijs) == 3


def test_retries_are_bounded_and_a_proxy_page_is_a_server_error(wikijs):
    faults(wikijs, {'kind': 'status', 'status': 502, 'count': 10})
    with pytest.raises(_errors.WikiJsServerError) as caught:
        transport(wikijs).execute(LIST, operation='users.list')
    assert caught.value.status == 502
    assert 'expected a JSON answer' in str(caught.value)
    assert log_count(wikijs) == 1 + _transport.RETRIES


def test_rate_limit_is_retried_for_mutations_honouring_retry_after(wikijs):
    faults(wikijs, {'kind': 'status', 'status': 429, 'retry_after': 1, 'count': 1})
    _users.verify_user(transport(wikijs), 1)
    assert log_count(wikijs) == 2


def test_bad_gateway_on_a_mutation_is_not_resent(wikijs):
    # The mutation may have run behind the gateway: a resend could create twice.
    faults(wikijs, {'kind': 'status', 'status': 502, 'count': 1})
    with pytest.raises(_errors.WikiJsServerError):
        _users.verify_user(transport(wikijs), 1)
    assert log_count(wikijs) == 1


def test_dropped_connection_is_retried_for_reads_only(wikijs):
    faults(wikijs, {'kind': 'drop', 'count': 1})
    assert transport(wikijs).execute(LIST)['users']['list']
    faults(wikijs, {'kind': 'drop', 'count': 1})
    with pytest.raises(_errors.WikiJsConnectionError):
        _users.verify_user(transport(wikijs), 1)


def test_slow_answer_times_out_and_reads_retry(wikijs):
    faults(wikijs, {'kind': 'delay', 'seconds': 2, 'count': 1})
    assert transport(wikijs, timeout=1).execute(LIST)['users']['list']
    faults(wikijs, {'kind': 'delay', 'seconds': 2, 'count': 1})
    with pytest.raises(_errors.WikiJsConnectionError) as caught:
        _users.verify_user(transport(wikijs, timeout=1), 1)
    assert 'within 1 seconds' in str(caught.value)


def test_nothing_listening_is_a_connection_error():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    client = _transport.GraphQLTransport('http://127.0.0.1:%d' % port, 'secret-key-value', timeout=2)
    with pytest.raises(_errors.WikiJsConnectionError) as caught:
        client.execute(LIST)
    assert_no_secret(caught.value, 'secret-key-value')


def test_wrong_url_path_is_explained(wikijs):
    client = _transport.GraphQLTransport(wikijs.url + '/no/such/prefix', wikijs.api_key, timeout=5)
    with pytest.raises(_errors.WikiJsRequestError) as caught:
        client.execute(LIST)
    assert caught.value.status == 404
    assert 'site root' in str(caught.value)


def test_refusal_at_http_200_names_the_operation(wikijs):
    with pytest.raises(_errors.WikiJsNotFoundError) as caught:
        _transport.run_mutation(transport(wikijs), 'groups', 'assignUser', [('groupId', 'Int!', 999), ('userId', 'Int!', 1)])
    assert str(caught.value) == 'groups.assignUser refused: Invalid Group ID'


@pytest.mark.parametrize('result, expected', [
    ({'succeeded': False, 'errorCode': 1004, 'slug': 'AuthAccountAlreadyExists', 'message': 'exists'}, _errors.WikiJsConflictError),
    ({'succeeded': False, 'errorCode': 1, 'slug': 'UniqueViolationError', 'message': 'dup'}, _errors.WikiJsConflictError),
    ({'succeeded': False, 'errorCode': 1016, 'slug': 'UserNotFound', 'message': 'gone'}, _errors.WikiJsNotFoundError),
    ({'succeeded': False, 'errorCode': 3002, 'slug': 'MailNotConfigured', 'message': 'mail'}, _errors.WikiJsRefusedError),
])
def test_response_result_failures_map_to_typed_errors(result, expected):
    with pytest.raises(expected) as caught:
        _transport.check_response_result('users.create', result)
    assert str(caught.value) == 'users.create refused: %s (errorCode %s, %s)' % (result['message'], result['errorCode'], result['slug'])


@pytest.mark.parametrize('result', [None, {'succeeded': True, 'errorCode': 0, 'slug': 'ok', 'message': 'fine'}])
def test_success_and_null_response_results_pass(result):
    _transport.check_response_result('users.resetPassword', result)


def test_secrets_in_variables_never_reach_the_request_log(wikijs):
    _users.create_user(transport(wikijs), 'sam@example.com', 'Sam Doe', 'hunter22-secret', 'local', [])
    logged = json.dumps(control(wikijs, 'GET', '/log'))
    assert 'hunter22-secret' not in logged


# Bounds of the retry loops (docs/reliability.md)

@pytest.mark.parametrize('retry_after, timeout', [(61, 120), (3600, 5000), (10, 5)])
def test_a_retry_after_too_long_is_not_waited_for_and_says_what_was_asked(wikijs, retry_after, timeout):
    faults(wikijs, {'kind': 'status', 'status': 429, 'retry_after': retry_after, 'count': 5})
    started = time.monotonic()
    with pytest.raises(_errors.WikiJsServerError) as caught:
        transport(wikijs, timeout=timeout).execute(LIST, operation='users.list')
    assert time.monotonic() - started < 5  # not asserted on wall clock for success, only as "did not wait"
    assert log_count(wikijs) == 1
    assert caught.value.status == 429
    assert 'asked to retry after %d seconds (Retry-After)' % retry_after in str(caught.value)
    assert 'not waited' in str(caught.value)


def test_a_retry_after_on_503_within_bounds_is_honoured(wikijs):
    faults(wikijs, {'kind': 'status', 'status': 503, 'retry_after': 1, 'count': 2})
    assert transport(wikijs, timeout=10).execute(LIST)['users']['list']
    assert log_count(wikijs) == 3


def test_backoff_stops_when_it_would_outlast_timeout(wikijs):
    # Waits are 0, 1, 2 s: with timeout 1 only the immediate retry fits, so 2 requests, not 4.
    faults(wikijs, {'kind': 'status', 'status': 502, 'count': 10})
    with pytest.raises(_errors.WikiJsServerError):
        transport(wikijs, timeout=1).execute(LIST)
    assert log_count(wikijs) == 2


def test_a_garbage_retry_after_falls_back_to_backoff(wikijs):
    faults(wikijs, {'kind': 'status', 'status': 503, 'retry_after': 'soon', 'count': 1})
    assert transport(wikijs).execute(LIST)['users']['list']
    assert log_count(wikijs) == 2


@pytest.mark.parametrize('api_key', ['not-a-wikijs-key-0123456789', 'eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2lnbmF0dXJl'])
def test_a_key_that_is_not_a_wikijs_key_gets_every_possibility_named(wikijs, api_key):
    with pytest.raises(_errors.WikiJsAuthError) as caught:
        transport(wikijs, api_key=api_key).execute(LIST, operation='users.list')
    text = str(caught.value)
    for word in ('api_key', 'wrong', 'garbage', 'revoked', 'expired', 'permission'):
        assert word in text
    assert_no_secret(caught.value, api_key)


def test_a_wikijs_3_server_is_named_with_its_version(wikijs):
    control(wikijs, 'POST', '/major', {'major': 3})
    client = transport(wikijs)
    with pytest.raises(_errors.WikiJsRequestError) as caught:
        _users.list_users(client)
    assert 'is not a Wiki.js 2.x server: it runs Wiki.js 3.0.0-beta.482' in str(caught.value)
    assert 'supports Wiki.js 2.x only' in str(caught.value)
    # the document, the 2.x version probe, the 3.x version probe
    assert log_count(wikijs) == 3


def test_a_document_error_on_a_2x_server_stays_that_error(wikijs):
    with pytest.raises(_errors.WikiJsRequestError) as caught:
        transport(wikijs).execute('query { users { list { bogusField } } }')
    assert 'bogusField' in str(caught.value) and '2.x' not in str(caught.value)
    assert log_count(wikijs) == 2
