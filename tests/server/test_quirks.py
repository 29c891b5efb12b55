"""One test per bullet of API.md section 9 ("Notes for an idempotent client"), plus the list/search quirks."""

import re

from wiki_client import RR  # pylint: disable=import-error


def test_quirk_list_ignores_filter_and_order_and_returns_guest(client):
    client.create_user('zed@example.com', 'Zed')
    body = client.data('{ users { list(filter: "zzz-nomatch", orderBy: "email DESC") { id email isSystem } } }')
    rows = body['users']['list']
    assert {r['email'] for r in rows} == {'admin@example.com', 'guest@example.com', 'zed@example.com'}
    assert [r for r in rows if r['isSystem']] == [{'id': 2, 'email': 'guest@example.com', 'isSystem': True}]


def test_quirk_search_stops_at_10_and_is_case_sensitive(client):
    for n in range(12):
        client.create_user('bulk%02d@example.com' % n, 'Bulk %02d' % n)
    found = client.data('{ users { search(query: "bulk") { id email } } }')['users']['search']
    assert len(found) == 10
    assert client.data('{ users { search(query: "BULK") { id } } }')['users']['search'] == []
    assert len(client.data('{ users { search(query: "Bulk") { id } } }')['users']['search']) == 10


def test_quirk_search_cannot_return_is_system_or_is_active(client):
    body = client.gql('{ users { search(query: "admin@") { id isActive } } }')
    assert body['data'] == {'users': {'search': [None]}}
    assert body['errors'][0]['message'] == 'Cannot return null for non-nullable field UserMinimal.isActive.'
    assert body['errors'][0]['path'] == ['users', 'search', 0, 'isActive']


def test_quirk_identity_emails_lowercased_and_uppercase_duplicate_is_unique_violation(client):
    assert client.create_user('Mixed.Case@Example.COM')['succeeded']
    assert client.create_user('mixed.case@example.com')['errorCode'] == 1004
    client.create_user('other@example.com')
    uid = client.user_id('mixed.case@example.com')
    exact = client.result('users', 'update', 'id: %d, email: "other@example.com"' % uid)
    assert (exact['errorCode'], exact['slug']) == (1004, 'AuthAccountAlreadyExists')
    upper = client.result('users', 'update', 'id: %d, email: "OTHER@example.com", name: "Not Applied"' % uid)
    assert (upper['errorCode'], upper['slug']) == (1, 'UniqueViolationError')
    assert upper['message'].startswith('update "users" set "email" = $1, "name" = $2, "updatedAt" = $3 where')
    assert client.single(uid)['name'] == 'Some User'


def test_quirk_create_returns_no_user(client):
    body = client.data('mutation { users { create(email: "a@example.com", name: "Al", passwordRaw: "secret123", providerKey: "local", '
                       'groups: []) { %s user { id } } } }' % RR)
    assert body['users']['create']['user'] is None
    assert body['users']['create']['responseResult']['message'] == 'User created successfully'
    assert client.user_id('a@example.com') == 3


def test_quirk_create_bad_group_or_welcome_mail_leaves_user_behind(client):
    bad = client.create_user('bob@example.com', groups='[2, 999]')
    assert (bad['errorCode'], bad['slug']) == (1, 'ForeignKeyViolationError')
    assert 'values ($1, $2), ($3, $4)' in bad['message'] and 'usergroups_groupid_foreign' in bad['message']
    assert client.single(client.user_id('bob@example.com'))['groups'] == []
    mail = client.create_user('erin@example.com', extra=', sendWelcomeEmail: true')
    assert (mail['errorCode'], mail['slug']) == (3002, 'MailNotConfigured')
    assert client.create_user('erin@example.com')['errorCode'] == 1004


def test_quirk_create_unknown_provider_uses_up_an_id(client):
    res = client.result('users', 'create', 'email: "c@example.com", name: "Carol", providerKey: "nope", groups: []')
    assert res['slug'] == 'ForeignKeyViolationError' and 'users_providerkey_foreign' in res['message']
    client.create_user('d@example.com')
    assert client.user_id('d@example.com') == 4


def test_quirk_update_groups_replaces_row_by_row(client):
    g3, g4 = client.create_group('G3'), client.create_group('G4')
    client.create_user('m@example.com', groups='[%d]' % g3)
    uid = client.user_id('m@example.com')
    assert client.result('users', 'update', 'id: %d, groups: [%d]' % (uid, g4))['succeeded']
    assert client.single(uid)['groups'] == [{'id': g4}]
    assert client.result('users', 'update', 'id: %d, name: "Renamed"' % uid)['succeeded']
    assert client.single(uid)['groups'] == [{'id': g4}]
    half = client.result('users', 'update', 'id: %d, groups: [%d, 999], location: "Not applied"' % (uid, g3))
    assert half['slug'] == 'ForeignKeyViolationError'
    after = client.single(uid)
    assert after['groups'] == [{'id': g3}, {'id': g4}] and after['location'] == ''  # groups come in the groups' heap order
    assert client.result('users', 'update', 'id: %d, groups: []' % uid)['succeeded']
    assert client.single(uid)['groups'] == []


def test_quirk_assign_already_member_is_error_unassign_is_idempotent(client):
    gid = client.create_group('Team')
    client.create_user('t@example.com')
    uid = client.user_id('t@example.com')
    query = 'mutation { groups { %s(groupId: %d, userId: %d) { %s } } }'
    assert client.data(query % ('assignUser', gid, uid, RR))['groups']['assignUser']['responseResult']['succeeded']
    again = client.gql(query % ('assignUser', gid, uid, RR))
    assert again['errors'][0]['message'] == 'User is already assigned to group.'
    assert again['errors'][0]['extensions']['exception']['message'] == 'User is already assigned to group.'
    for dummy in range(2):
        res = client.data(query % ('unassignUser', gid, uid, RR))['groups']['unassignUser']['responseResult']
        assert res['message'] == 'User has been unassigned from group.'


def test_quirk_update_empty_strings_ignored(client):
    client.create_user('e@example.com', 'Emma')
    uid = client.user_id('e@example.com')
    client.result('users', 'update', 'id: %d, location: "Paris", jobTitle: "Dev", dateFormat: "YYYY-MM-DD"' % uid)
    res = client.result('users', 'update', 'id: %d, email: "", name: "", location: "", jobTitle: "", timezone: "", dateFormat: ""' % uid)
    assert res['succeeded']
    user = client.single(uid)
    assert (user['email'], user['name'], user['location'], user['jobTitle'], user['timezone']) == \
        ('e@example.com', 'Emma', 'Paris', 'Dev', 'America/New_York')
    assert user['dateFormat'] == ''


def test_quirk_group_duplicate_names_allowed(client):
    first, second = client.create_group('Editors'), client.create_group('Editors')
    assert first != second
    names = [g['name'] for g in client.data('{ groups { list { name } } }')['groups']['list']]
    assert names.count('Editors') == 2


def test_quirk_unknown_targets_report_success(client):
    for field in ('activate', 'deactivate', 'verify', 'enableTFA', 'disableTFA'):
        assert client.result('users', field, 'id: 9999')['succeeded'], field
    assert client.result('groups', 'delete', 'id: 9999')['message'] == 'Group has been deleted.'
    res = client.result('groups', 'update', 'id: 9999, name: "X", redirectOnLogin: "/", permissions: [], pageRules: []')
    assert res['message'] == 'Group has been updated.'
    single = client.gql('{ users { single(id: 9999) { id } } }')
    assert single['errors'][0]['message'] == "Cannot set properties of undefined (setting 'password')"
    assert client.gql('{ groups { single(id: 9999) { id } } }') == {'data': {'groups': {'single': None}}}


def test_quirk_system_accounts_protected_only_where_the_server_protects_them(client):
    for uid in (1, 2):
        assert client.result('users', 'deactivate', 'id: %d' % uid)['message'] == 'Cannot deactivate system accounts.'
        assert client.result('users', 'delete', 'id: %d, replaceId: 1' % uid)['errorCode'] == 1018
        assert client.gql('mutation { groups { delete(id: %d) { %s } } }' % (uid, RR))['errors'][0]['message'] == 'Cannot delete this group.'
    refusal = client.gql('mutation { groups { unassignUser(groupId: 1, userId: 1) { %s } } }' % RR)['errors'][0]['message']
    assert refusal == 'Cannot unassign Administrator user from Administrators group.'
    assert client.result('users', 'update', 'id: 2, jobTitle: "Guest Job"')['succeeded']
    assert client.result('users', 'update', 'id: 1, groups: []')['succeeded']
    assert client.single(1)['groups'] == []
    assert client.result('groups', 'update', 'id: 2, name: "Visitors", redirectOnLogin: "", permissions: [], pageRules: []')['succeeded']


def test_quirk_delete_replace_id_not_validated_unless_content(client):
    client.create_user('n@example.com')
    client.create_user('o@example.com')
    assert client.result('users', 'delete', 'id: %d, replaceId: 9999' % client.user_id('n@example.com'))['succeeded']
    owner = client.user_id('o@example.com')
    client.data('mutation { pages { create(content: "x", description: "", editor: "markdown", isPublished: true, isPrivate: false, '
                'locale: "en", path: "p", tags: [], title: "P") { %s } } }' % RR)
    assert client.control('PATCH', '/pages/1', {'authorId': owner}).status_code == 200
    res = client.result('users', 'delete', 'id: %d, replaceId: 9999' % owner)
    assert (res['errorCode'], res['slug']) == (1017, 'UserDeleteForeignConstraint')
    assert client.result('users', 'delete', 'id: %d, replaceId: 1' % owner)['succeeded']
    assert client.data('{ pages { single(id: 1) { authorId } } }')['pages']['single']['authorId'] == 1
    assert client.result('users', 'delete', 'id: %d, replaceId: 1' % owner)['errorCode'] == 1016


def test_quirk_four_error_shapes(client):
    shape1 = client.result('users', 'update', 'id: 9999, name: "Nobody"')
    assert shape1 == {'succeeded': False, 'errorCode': 1016, 'slug': 'UserNotFound', 'message': 'This user does not exist.'}
    shape2 = client.post('{ users { list { id } } }', token='')
    assert shape2.status_code == 200 and list(shape2.json()) == ['errors', 'data']
    assert shape2.json()['errors'][0]['extensions']['code'] == 'INTERNAL_SERVER_ERROR'
    shape3 = client.post('{ users { list { id bogus } } }')
    assert shape3.status_code == 400 and list(shape3.json()) == ['errors']
    assert shape3.json()['errors'][0]['message'] == 'Cannot query field "bogus" on type "UserMinimal".'
    shape4 = client.http.post(client.srv.url + '/graphql', data=b'this is not json', headers={'Content-Type': 'application/json'},
                              timeout=10)
    assert shape4.status_code == 400
    assert shape4.json() == {'data': {}, 'errors': [{'message': 'Unexpected token \'t\', "#" is not valid JSON', 'path': []}]}


def test_quirk_reset_password_returns_null(client):
    assert client.data('mutation { users { resetPassword(id: 1) { %s } } }' % RR) == {'users': {'resetPassword': {'responseResult': None}}}


def test_quirk_api_key_runs_as_user_1_and_locks_itself_out(client):
    assert client.data('{ users { profile { id email groups } } }')['users']['profile'] == \
        {'id': 1, 'email': 'admin@example.com', 'groups': ['Administrators']}
    assert client.result('authentication', 'setApiState', 'enabled: false')['succeeded']
    locked = client.post('{ users { list { id } } }')
    assert locked.status_code == 500
    assert locked.json()['errors'][0]['message'] == 'API is disabled. You must enable it from the Administration Area first.'


def test_quirk_dates_ids_and_unstable_list_order(client):
    rows = client.data('{ users { list { id createdAt } } }')['users']['list']
    assert [r['id'] for r in rows] == [2, 1]
    assert all(re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$', r['createdAt']) for r in rows)
    client.result('users', 'update', 'id: 2, location: "Moon"')
    assert [r['id'] for r in client.data('{ users { list { id } } }')['users']['list']] == [1, 2]
