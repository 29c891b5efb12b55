"""The /_test control API: reset, request log (with secret redaction), fault injection, raw state edits."""

import base64
import json
import time

import pytest
import requests

from wiki_client import RR  # pylint: disable=import-error


def test_binds_loopback_and_serves_healthz(client):
    assert client.srv.url.startswith('http://127.0.0.1:')
    assert client.srv.control_url == client.srv.url + '/_test'
    resp = client.http.get(client.srv.url + '/healthz', timeout=5)
    assert resp.json() == {'ok': True}
    assert client.http.get(client.srv.url + '/nope', timeout=5).status_code == 404


def test_api_key_looks_like_a_wikijs_key(client):
    header, payload = [json.loads(base64.urlsafe_b64decode(part + '==')) for part in client.srv.api_key.split('.')[:2]]
    assert header == {'alg': 'RS256', 'typ': 'JWT'}
    assert (payload['api'], payload['grp'], payload['aud'], payload['iss']) == (1, 1, 'urn:wiki.js', 'urn:wiki.js')
    assert payload['exp'] - payload['iat'] == int(365.25 * 86400)


def test_reset_restores_fresh_install_and_keeps_the_key(client):
    client.create_user('gone@example.com')
    client.create_group('Gone')
    key = client.srv.api_key
    assert client.control('POST', '/reset').json() == {'ok': True}
    assert client.srv.api_key == key
    assert [(u['id'], u['email']) for u in client.users()] == [(2, 'guest@example.com'), (1, 'admin@example.com')]
    groups = client.data('{ groups { list { id name userCount } } }')['groups']['list']
    assert groups == [{'id': 1, 'name': 'Administrators', 'userCount': 1}, {'id': 2, 'name': 'Guests', 'userCount': 1}]
    client.create_user('again@example.com')
    assert client.user_id('again@example.com') == 3


def test_reset_with_seed_users(client):
    assert client.control('POST', '/reset', {'seed_users': 35}).json() == {'ok': True}
    rows = client.data('{ users { list { id email name isActive lastLoginAt createdAt } } }')['users']['list']
    seeded = sorted((r for r in rows if r['id'] > 2), key=lambda r: r['id'])
    assert len(seeded) == 35 and seeded[0]['id'] == 3
    assert (seeded[0]['email'], seeded[0]['name']) == ('user0001@example.com', 'User 0001')
    assert [r['email'] for r in seeded if not r['isActive']] == ['user%04d@example.com' % n for n in range(7, 36, 7)]
    assert any(r['lastLoginAt'] for r in seeded) and any(r['lastLoginAt'] is None for r in seeded)
    assert len({r['createdAt'][:7] for r in seeded}) > 5
    group = [g for g in client.data('{ groups { list { id name userCount } } }')['groups']['list'] if g['name'] == 'Seeded']
    assert group and group[0]['userCount'] == 7


def test_log_counts_operations_and_status(client):
    client.data('{ a: users { single(id: 1) { id } } b: users { single(id: 2) { id } } groups { list { id } } }')
    client.post('{ users { list { bogus } } }')
    client.result('users', 'verify', 'id: 1')
    log = client.control('GET', '/log').json()
    assert log['count'] == 3
    first, second, third = log['requests']
    assert first['operations'] == ['users.single', 'users.single', 'groups.list'] and first['mutation'] is False
    assert (first['index'], first['status'], second['status']) == (0, 200, 400)
    assert third['operations'] == ['users.verify'] and third['mutation'] is True
    assert client.control('DELETE', '/log').json()['ok']
    assert client.control('GET', '/log').json() == {'count': 0, 'requests': []}


def test_log_redacts_secrets(client):
    query = ('mutation($e:String!,$p:String,$pw:String){ users { create(email:$e, name:"Pat", passwordRaw:$p, providerKey:"local", '
             'groups:[]) { %s } update(id: 1, newPassword: "inline-secret", location: $pw) { %s } } }' % (RR, RR))
    client.gql(query, {'e': 'pat@example.com', 'p': 'var-secret', 'pw': 'not-a-secret', 'myPassword': 'x'})
    entry = client.control('GET', '/log').json()['requests'][0]
    assert entry['variables'] == {'e': 'pat@example.com', 'p': '********', 'pw': 'not-a-secret', 'myPassword': '********'}
    assert 'inline-secret' not in entry['query'] and 'newPassword: "********"' in entry['query']
    assert 'var-secret' not in str(entry)


@pytest.mark.parametrize('status', [429, 500, 502, 503, 504])
def test_fault_status(client, status):
    client.control('POST', '/faults', {'faults': [{'kind': 'status', 'status': status, 'retry_after': 2, 'count': 2}]})
    for dummy in range(2):
        resp = client.post('{ users { list { id } } }')
        assert resp.status_code == status
        assert resp.headers['Retry-After'] == '2'
    assert client.post('{ users { list { id } } }').status_code == 200
    assert [e['status'] for e in client.control('GET', '/log').json()['requests']] == [status, status, 200]


def test_fault_delay_then_normal_answer(client):
    client.control('POST', '/faults', {'faults': [{'kind': 'delay', 'seconds': 0.6, 'count': 1}]})
    start = time.monotonic()
    assert client.post('{ users { list { id } } }').status_code == 200
    assert time.monotonic() - start >= 0.6
    start = time.monotonic()
    client.post('{ users { list { id } } }')
    assert time.monotonic() - start < 0.5


def test_fault_drop_closes_the_connection(client):
    client.control('POST', '/faults', {'faults': [{'kind': 'drop', 'count': 1}]})
    with pytest.raises(requests.ConnectionError):
        requests.post(client.srv.url + '/graphql', json={'query': '{ users { list { id } } }'}, timeout=5)
    assert client.post('{ users { list { id } } }').status_code == 200
    entries = client.control('GET', '/log').json()['requests']
    assert [(e['operations'], e['status']) for e in entries] == [(['users.list'], None), (['users.list'], 200)]


def test_faults_list_clear_and_order(client):
    faults = [{'kind': 'status', 'status': 503, 'count': 1}, {'kind': 'status', 'status': 502, 'count': 1}]
    assert len(client.control('POST', '/faults', {'faults': faults}).json()['faults']) == 2
    assert client.post('{ users { list { id } } }').status_code == 503
    assert [f['status'] for f in client.control('GET', '/faults').json()['faults']] == [502]
    assert client.control('DELETE', '/faults').json()['faults'] == []
    assert client.post('{ users { list { id } } }').status_code == 200
    assert client.control('POST', '/faults', {'faults': [{'kind': 'bogus'}]}).status_code == 400


def test_faults_aimed_at_mutations_reads_after_mutations_and_the_nth_request(client):
    read, verify = '{ users { list { id } } }', 'mutation { users { verify(id: 1) { responseResult { succeeded } } } }'
    client.control('POST', '/faults', {'faults': [
        {'kind': 'status', 'status': 502, 'on': 'mutation'},
        {'kind': 'status', 'status': 504, 'on': 'read_after_mutation'},
        {'kind': 'status', 'status': 500, 'on': 'read', 'skip': 2},
    ]})
    statuses = [client.post(q).status_code for q in (read, verify, read, verify, read, read, read)]
    # read ok; mutation 502; read after it 504; mutation ok; read after it ok (fault spent); the 3rd read 500; then ok
    assert statuses == [200, 502, 504, 200, 200, 500, 200]
    assert client.control('GET', '/faults').json()['faults'] == []
    for bad in ({'kind': 'drop', 'on': 'writes'}, {'kind': 'drop', 'skip': -1}, {'kind': 'drop', 'count': 0}):
        assert client.control('POST', '/faults', {'faults': [bad]}).status_code == 400


def test_major_3_answers_with_another_schema_until_reset(client):
    assert client.control('POST', '/major', {'major': 3}).status_code == 200
    assert client.post('{ users { list { id } } }').status_code == 400
    assert client.data('{ systemInfo { currentVersion } }')['systemInfo']['currentVersion'].startswith('3.')
    assert client.control('POST', '/major', {'major': 4}).status_code == 400
    client.control('POST', '/reset')
    assert client.post('{ users { list { id } } }').status_code == 200


def test_patch_user_and_page(client):
    assert client.control('PATCH', '/users/1', {'isVerified': False, 'lastLoginAt': '2026-01-01T00:00:00.000Z'}).status_code == 200
    user = client.data('{ users { single(id: 1) { isVerified lastLoginAt } } }')['users']['single']
    assert user == {'isVerified': False, 'lastLoginAt': '2026-01-01T00:00:00.000Z'}
    assert client.control('PATCH', '/users/999', {'isVerified': False}).status_code == 404
    assert client.control('PATCH', '/users/1', {'password': 'x'}).status_code == 400
    assert client.control('PATCH', '/pages/1', {'authorId': 1}).status_code == 404
    assert client.control('GET', '/nothing').status_code == 404
