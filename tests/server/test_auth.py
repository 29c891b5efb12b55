"""Credentials: how the look-alike treats keys, user JWTs, the guest and the login rate limit."""

import time

from wiki_client import RR  # pylint: disable=import-error

LIST = '{ users { list { id } } }'


def _message(body):
    return body['errors'][0]['message']


def test_scheme_is_case_insensitive_and_cookie_works(client):
    key = client.srv.api_key
    for headers in ({'Authorization': 'bearer ' + key}, {'Authorization': 'BEARER ' + key}, {'Cookie': 'jwt=' + key}):
        resp = client.post(LIST, token='', headers=headers)
        assert 'errors' not in resp.json(), headers


def test_unusable_credentials_run_as_guest(client):
    for headers in ({}, {'Authorization': 'Bearer not-a-real-token'}, {'Authorization': client.srv.api_key},
                    {'Authorization': 'Bearer ' + client.srv.api_key[:-4] + 'AAAA'}):
        body = client.post(LIST, token='', headers=headers).json()
        assert _message(body) == 'Forbidden' and body['data'] == {'users': {'list': None}}


def test_limited_key_permissions_follow_its_group(client):
    gid = client.create_group('Limited')
    client.result('groups', 'update', 'id: %d, name: "Limited", redirectOnLogin: "/", permissions: ["read:pages", "write:users"], '
                  'pageRules: []' % gid)
    body = client.data('mutation { authentication { createApiKey(name: "lim", expiration: "1h", fullAccess: false, group: %d) '
                       '{ %s key } } }' % (gid, RR))
    key = body['authentication']['createApiKey']['key']
    assert 'errors' not in client.gql(LIST, token=key)
    assert _message(client.gql('{ users { single(id: 1) { id } } }', token=key)) == 'Forbidden'
    refused = client.result('users', 'create', 'email: "z@example.com", name: "Zed", passwordRaw: "secret123", providerKey: "local", '
                            'groups: [1]', token=key)
    assert refused['message'] == 'You are not authorized to create a user with an assignment to an administrative group.'
    client.result('groups', 'update', 'id: %d, name: "Limited", redirectOnLogin: "/", permissions: [], pageRules: []' % gid)
    assert _message(client.gql(LIST, token=key)) == 'Forbidden'


def test_revoked_and_expired_keys(client):
    made = {}
    for name, expiration in (('rev', '1h'), ('short', '1s')):
        body = client.data('mutation { authentication { createApiKey(name: "%s", expiration: "%s", fullAccess: true) { key } } }'
                           % (name, expiration))
        made[name] = body['authentication']['createApiKey']['key']
    keys = client.data('{ authentication { apiKeys { id name keyShort isRevoked } } }')['authentication']['apiKeys']
    assert [k['name'] for k in keys] == ['ci', 'rev', 'short']
    assert keys[1]['keyShort'] == '...' + made['rev'][-20:]
    client.result('authentication', 'revokeApiKey', 'id: %d' % keys[1]['id'])
    revoked = client.post(LIST, token=made['rev'])
    assert revoked.status_code == 500
    assert revoked.json() == {'data': {}, 'errors': [{'message': 'API Key is invalid or was revoked.', 'path': []}]}
    time.sleep(1.1)
    assert _message(client.gql(LIST, token=made['short'])) == 'Unauthorized'


def test_login_jwt_and_rate_limit(client):
    login = 'mutation { authentication { login(username: "%s", password: "%s", strategy: "local") { %s jwt } } }'
    body = client.data(login % ('ADMIN@example.com', 'AdminPass123!', RR), token='')
    token = body['authentication']['login']['jwt']
    assert body['authentication']['login']['responseResult']['message'] == 'Login success'
    assert 'errors' not in client.gql(LIST, token=token)
    codes = [client.data(login % ('admin@example.com', 'nope', RR), token='')['authentication']['login']['responseResult']['errorCode']
             for dummy in range(4)]
    assert codes == [1002] * 4
    limited = client.gql(login % ('admin@example.com', 'nope', RR), token='')
    assert _message(limited).startswith('Too many requests, please try again in ')
    assert limited['errors'][0]['extensions']['exception']['message'] == _message(limited)


def test_login_refusals(client):
    client.create_user('dee@example.com', password='secret123')
    uid = client.user_id('dee@example.com')
    client.result('users', 'deactivate', 'id: %d' % uid)
    login = 'mutation { authentication { login(username: "%s", password: "%s", strategy: "%s") { %s } } }'
    banned = client.data(login % ('dee@example.com', 'secret123', 'local', RR), token='')['authentication']['login']
    assert banned['responseResult']['errorCode'] == 1013
    wrong = client.data(login % ('dee@example.com', 'bad', 'local', RR), token='')['authentication']['login']
    assert wrong['responseResult']['errorCode'] == 1002
    provider = client.data(login % ('dee@example.com', 'secret123', 'ldap', RR), token='')['authentication']['login']
    assert provider['responseResult']['errorCode'] == 1003


def test_user_jwt_issued_before_restart_is_renewed(client):
    login = 'mutation { authentication { login(username: "admin@example.com", password: "AdminPass123!", strategy: "local") { jwt } } }'
    # Like Wiki.js, a token whose iat (whole seconds) is not after the start time counts as issued before the start.
    time.sleep(max(0.0, int(client.srv.auth.started_at) + 1.05 - time.time()))
    token = client.data(login, token='')['authentication']['login']['jwt']
    assert 'new-jwt' not in client.post(LIST, token=token).headers
    client.control('POST', '/restart')
    renewed = client.post(LIST, token=token)
    assert renewed.headers.get('new-jwt') and 'errors' not in renewed.json()


def test_unimplemented_fields_say_so(client):
    body = client.gql('{ navigation { config { mode } } }')
    assert body['errors'][0]['message'] == 'wikijs_server does not implement NavigationQuery.config'
