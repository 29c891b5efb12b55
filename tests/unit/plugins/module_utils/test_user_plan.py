# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""wikijs_user planning on plain data: validation, protections, operations and diffs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsRefusedError, WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._plan import PlanApplyError, apply_plan
from ansible_collections.wikijs.wikijs.plugins.module_utils._user_plan import plan_user, select_user

GROUPS = [
    {'id': 1, 'name': 'Administrators'}, {'id': 2, 'name': 'Guests'}, {'id': 3, 'name': 'Editors'},
    {'id': 4, 'name': 'Reviewers'}, {'id': 5, 'name': 'Twins'}, {'id': 6, 'name': 'Twins'},
]


def full_user(user_id, email, groups=(), **fields):
    user = dict(id=user_id, email=email, name='User %d' % user_id, provider='local', active=True, verified=True,
                system=user_id == 2, location='', job_title='', timezone='America/New_York', date_format='',
                appearance='', created_at='2026-01-01T00:00:00.000Z', updated_at='2026-01-01T00:00:00.000Z',
                last_login_at=None, tfa_active=False,
                groups=[g for g in GROUPS if g['id'] in groups])
    user.update(fields)
    return user


ADMIN = full_user(1, 'admin@example.com', [1], name='Administrator')
GUEST = full_user(2, 'guest@example.com', [2], name='Guest')
JANE = full_user(7, 'jane@example.com', [3], name='Jane Doe')
BOB = full_user(8, 'bob@example.com', [], name='Bob Ross')
USERS = [ADMIN, GUEST, JANE, BOB, full_user(9, 'jane@example.com', [], provider='ldap')]
PROVIDERS = ['local', 'ldap']


def params(**given):
    base = dict(state='present', email=None, provider='local', id=None, name=None, password=None,
                update_password='on_create', must_change_password=False, send_welcome_email=False, groups=None,
                groups_action='replace', active=None, verified=None, location=None, job_title=None, timezone=None,
                date_format=None, appearance=None, reassign_content_to=1)
    base.update(given)
    return base


def plan_for(current, **given):
    return plan_user(params(**given), current, USERS, GROUPS)


def fails(option, fragment, current, **given):
    with pytest.raises(WikiJsValueError) as caught:
        plan_for(current, **given)
    assert caught.value.option == option
    assert fragment in str(caught.value)
    return str(caught.value)


# Selecting the user

def test_email_selects_case_insensitively_within_the_provider():
    assert select_user(params(email='JANE@Example.com'), USERS, PROVIDERS)['id'] == 7
    assert select_user(params(email='jane@example.com', provider='ldap'), USERS, PROVIDERS)['id'] == 9
    assert select_user(params(email='new@example.com'), USERS, PROVIDERS) is None


def test_id_selects_and_a_missing_id_fails_only_when_present():
    assert select_user(params(id=8, email='other@example.com'), USERS, PROVIDERS)['id'] == 8
    with pytest.raises(WikiJsValueError, match='^id: user 42 does not exist$'):
        select_user(params(id=42), USERS, PROVIDERS)
    assert select_user(params(id=42, state='absent'), USERS, PROVIDERS) is None


def test_unknown_provider_fails_before_anything_else():
    with pytest.raises(WikiJsValueError, match='^provider: unknown authentication strategy "saml"; this wiki has "local", "ldap"'):
        select_user(params(email='a@example.com', provider='saml'), USERS, PROVIDERS)
    # Users of a strategy that was removed are still reachable, and no strategy list means no check.
    assert select_user(params(email='jane@example.com', provider='ldap'), USERS, ['local'])['id'] == 9
    assert select_user(params(email='a@example.com', provider='saml'), USERS, None) is None


def test_unknown_provider_under_absent_is_ok_since_no_user_can_have_it():
    # An offboarding rerun after the SSO strategy was removed from the wiki.
    assert select_user(params(email='a@example.com', provider='saml', state='absent'), USERS, PROVIDERS) is None


def test_id_with_another_provider_fails_naming_both():
    with pytest.raises(WikiJsValueError) as caught:
        select_user(params(id=9, provider='local'), USERS, PROVIDERS)
    assert caught.value.option == 'provider'
    assert str(caught.value).startswith('provider: "local" is not the provider of user 9, which is "ldap"')
    with pytest.raises(WikiJsValueError, match='^provider: "ldap" is not the provider of user 7, which is "local"'):
        select_user(params(id=7, provider='ldap', state='absent'), USERS, PROVIDERS)
    # The user's own provider, or none at all, is fine.
    assert select_user(params(id=9, provider='ldap'), USERS, PROVIDERS)['id'] == 9
    assert select_user(params(id=9, provider=None), USERS, PROVIDERS)['id'] == 9


def test_no_provider_means_local_for_email_and_create():
    assert select_user(params(email='jane@example.com', provider=None), USERS, PROVIDERS)['id'] == 7
    plan = plan_for(None, email='new@example.com', provider=None, name='New One', password='secret1')
    assert plan.report()[0]['args']['provider'] == 'local'


# Validation

@pytest.mark.parametrize('option', ['name', 'email', 'location', 'job_title', 'timezone'])
def test_fields_that_cannot_be_cleared_refuse_empty_strings(option):
    fails(option, 'cannot be set to an empty string', JANE, **{option: ''})


@pytest.mark.parametrize('option', ['date_format', 'appearance'])
def test_fields_that_can_be_cleared_accept_empty_strings(option):
    plan = plan_for(full_user(7, 'jane@example.com', **{option: 'x'}), **{option: ''})
    assert plan.report() == [{'operation': 'users.update', 'args': {'id': 7, option: ''}}]


@pytest.mark.parametrize('given, option, fragment', [
    (dict(name='J'), 'name', 'at least 2 characters'),
    (dict(name='x' * 256), 'name', 'at most 255'),
    (dict(location='x' * 256), 'location', 'at most 255'),
    (dict(id=7, email='not-an-email'), 'email', 'not a valid email'),
    (dict(id=7, email='a@%s.com' % ('x' * 250)), 'email', 'not a valid email'),
    (dict(password='12345', update_password='always'), 'password', 'at least 6'),
    (dict(verified=False), 'verified', 'cannot un-verify'),
    (dict(groups=['Nobody']), 'groups', 'no group named "Nobody"'),
    (dict(groups=['Twins']), 'groups', 'shared by groups 5, 6'),
    (dict(groups=['3']), 'groups', '{id: 3}'),
    (dict(groups=[True]), 'groups', 'neither a group id'),
    (dict(id=7, email='BOB@example.com'), 'email', 'already belongs to user 8'),
])
def test_bad_input_fails_naming_the_option(given, option, fragment):
    fails(option, fragment, JANE, **given)


def test_password_is_not_checked_when_it_would_not_be_sent():
    assert not plan_for(JANE, password='12345').changed


# Creating

def test_create_sends_one_create_with_groups_and_hides_the_password():
    plan = plan_for(None, email='New@Example.com', name='New Person', password='secret123',
                    groups=['Editors', 4], must_change_password=True)
    assert plan.report() == [{'operation': 'users.create', 'args': {
        'email': 'new@example.com', 'name': 'New Person', 'provider': 'local', 'groups': [3, 4],
        'must_change_password': True, 'send_welcome_email': False, 'password': '********'}}]
    assert plan.diff() == {'before': {}, 'after': {
        'email': 'new@example.com', 'provider': 'local', 'name': 'New Person', 'groups': ['Editors', 'Reviewers'],
        'active': True, 'verified': True, 'location': '', 'job_title': '', 'timezone': 'America/New_York',
        'date_format': '', 'appearance': '', 'password': '(set)'}}
    assert plan.expected['id'] is None
    assert plan.expected['groups'] == [{'id': 3, 'name': 'Editors'}, {'id': 4, 'name': 'Reviewers'}]
    assert 'secret123' not in repr(plan.report()) + repr(plan.diff()) + repr(plan.expected)


def test_create_then_sets_what_create_cannot_take():
    plan = plan_for(None, email='new@example.com', name='New Person', password='secret123', location='Berlin',
                    timezone='America/New_York', active=False, verified=True)
    assert plan.report() == [
        {'operation': 'users.create', 'args': {
            'email': 'new@example.com', 'name': 'New Person', 'provider': 'local', 'groups': [],
            'must_change_password': False, 'send_welcome_email': False, 'password': '********'}},
        {'operation': 'users.update', 'args': {'location': 'Berlin'}},
        {'operation': 'users.deactivate', 'args': {}},
    ]
    assert plan.after['active'] is False and plan.after['location'] == 'Berlin'


@pytest.mark.parametrize('given, option', [
    (dict(password='secret123'), 'name'),
    (dict(name='New Person'), 'password'),
    (dict(name='New Person', password='12345'), 'password'),
    (dict(name='New Person', password='secret123', verified=False), 'verified'),
])
def test_create_needs_name_and_local_password(given, option):
    fails(option, '', None, email='new@example.com', **given)


def test_non_local_users_need_no_password_and_remove_on_create_means_no_groups():
    plan = plan_for(None, email='ext@example.com', provider='ldap', name='Ext User', groups=['Editors'],
                    groups_action='remove')
    assert plan.report()[0]['args']['groups'] == []
    assert 'password' not in plan.report()[0]['args']


# Updating

def test_nothing_to_change_plans_nothing():
    plan = plan_for(JANE, email='JANE@example.com', name='Jane Doe', groups=['Editors'], active=True, verified=True,
                    password='whatever1', must_change_password=True, send_welcome_email=True, timezone='America/New_York')
    assert not plan.changed
    assert plan.diff() == {'before': {}, 'after': {}}
    assert plan.expected == JANE


@pytest.mark.parametrize('option, value', [
    ('name', 'Jane Smith'), ('location', 'Berlin'), ('job_title', 'Writer'), ('timezone', 'Europe/Berlin'),
    ('date_format', 'YYYY-MM-DD'), ('appearance', 'dark'),
])
def test_one_changed_field_is_one_mutation_with_only_that_field(option, value):
    plan = plan_for(JANE, email='jane@example.com', **{option: value})
    assert plan.report() == [{'operation': 'users.update', 'args': {'id': 7, option: value}}]
    assert plan.diff() == {'before': {option: JANE[option]}, 'after': {option: value}}
    assert plan.expected[option] == value


def test_surrounding_spaces_are_not_a_change_since_wikijs_trims_them():
    current = dict(JANE, location='Paris')
    assert not plan_for(current, email='jane@example.com', name=' Jane Doe ', location='Paris  ').changed
    plan = plan_for(current, email='jane@example.com', job_title=' Writer ')
    assert plan.report() == [{'operation': 'users.update', 'args': {'id': 7, 'job_title': 'Writer'}}]


def test_rename_by_id_sends_the_lowercased_email():
    plan = plan_for(JANE, id=7, email='Jane.Smith@Example.com')
    assert plan.report() == [{'operation': 'users.update', 'args': {'id': 7, 'email': 'jane.smith@example.com'}}]
    assert plan.diff() == {'before': {'email': 'jane@example.com'}, 'after': {'email': 'jane.smith@example.com'}}
    assert not plan_for(JANE, id=7, email='JANE@EXAMPLE.COM').changed


@pytest.mark.parametrize('action, refs, ids, names', [
    ('replace', ['Reviewers', 1], [1, 4], ['Administrators', 'Reviewers']),
    ('replace', [], [], []),
    ('add', [{'name': 'Reviewers'}], [3, 4], ['Editors', 'Reviewers']),
    ('remove', [{'id': '3'}], [], []),
])
def test_membership_changes_in_one_update_with_the_full_list(action, refs, ids, names):
    plan = plan_for(JANE, email='jane@example.com', groups=refs, groups_action=action)
    assert plan.report() == [{'operation': 'users.update', 'args': {'id': 7, 'groups': ids}}]
    assert plan.diff() == {'before': {'groups': ['Editors']}, 'after': {'groups': names}}


@pytest.mark.parametrize('action, refs', [('add', ['Editors']), ('remove', ['Reviewers']), ('replace', [3, 'Editors'])])
def test_membership_already_right_is_ok(action, refs):
    assert not plan_for(JANE, email='jane@example.com', groups=refs, groups_action=action).changed


def test_password_always_is_a_change_shown_by_markers_only():
    plan = plan_for(JANE, email='jane@example.com', password='n3w-secret', update_password='always', name='Jane Q')
    assert plan.report() == [{'operation': 'users.update', 'args': {'id': 7, 'name': 'Jane Q', 'password': '********'}}]
    assert plan.diff() == {'before': {'name': 'Jane Doe', 'password': '(hidden)'},
                           'after': {'name': 'Jane Q', 'password': '(changed)'}}
    assert 'n3w-secret' not in repr(plan.report()) + repr(plan.diff()) + repr(plan.expected)


def test_activate_deactivate_and_verify_are_separate_operations():
    plan = plan_for(full_user(7, 'jane@example.com', active=False, verified=False), email='jane@example.com',
                    active=True, verified=True)
    assert plan.report() == [{'operation': 'users.activate', 'args': {'id': 7}},
                             {'operation': 'users.verify', 'args': {'id': 7}}]
    assert plan.diff() == {'before': {'active': False, 'verified': False}, 'after': {'active': True, 'verified': True}}
    assert not plan_for(full_user(7, 'jane@example.com', verified=False), email='jane@example.com', verified=False).changed
    assert plan_for(JANE, email='jane@example.com', active=False).report() == [
        {'operation': 'users.deactivate', 'args': {'id': 7}}]


# System accounts

@pytest.mark.parametrize('current, given, option, fragment', [
    (ADMIN, dict(id=1, state='absent'), 'state', 'user 1 (the administrator) is a system account'),
    (GUEST, dict(id=2, state='absent'), 'state', 'user 2 (the guest account) is a system account'),
    (ADMIN, dict(id=1, active=False), 'active', 'cannot be deactivated'),
    (ADMIN, dict(id=1, groups=[]), 'groups', 'cannot be taken out of Administrators'),
    (ADMIN, dict(id=1, groups=['Administrators'], groups_action='remove'), 'groups', 'Administrators'),
    (GUEST, dict(id=2, name='Visitor'), 'id', 'never edited'),
    (GUEST, dict(email='guest@example.com', groups=['Editors'], groups_action='add'), 'email', 'never edited'),
    (GUEST, dict(id=2, active=False), 'active', 'cannot be deactivated'),
])
def test_system_accounts_are_protected(current, given, option, fragment):
    fails(option, fragment, current, **given)


def test_admin_may_be_edited_and_guest_left_as_is():
    assert plan_for(ADMIN, id=1, name='Root', groups=['Editors'], groups_action='add').report() == [
        {'operation': 'users.update', 'args': {'id': 1, 'name': 'Root', 'groups': [1, 3]}}]
    assert not plan_for(GUEST, id=2, name='Guest', groups=['Guests']).changed


# Deleting

def test_delete_shows_the_managed_fields_before():
    plan = plan_for(JANE, email='jane@example.com', state='absent', reassign_content_to='BOB@example.com')
    assert plan.report() == [{'operation': 'users.delete', 'args': {'id': 7, 'replace_id': 8}}]
    assert plan.diff()['after'] == {} and plan.expected == {}
    assert plan.diff()['before']['groups'] == ['Editors'] and plan.diff()['before']['email'] == 'jane@example.com'


@pytest.mark.parametrize('target, replace_id', [(1, 1), ('8', 8), ('bob@example.com', 8)])
def test_reassign_target_by_id_or_email(target, replace_id):
    plan = plan_for(JANE, email='jane@example.com', state='absent', reassign_content_to=target)
    assert plan.report()[0]['args']['replace_id'] == replace_id


@pytest.mark.parametrize('target, fragment', [
    (42, 'user 42 does not exist'), ('nobody@example.com', 'no user with email'), (7, 'the user being deleted'),
    ('jane@example.com', 'users 7, 9'), (True, 'give a user id'), ('bob', 'give a user id'),
])
def test_bad_reassign_target_fails(target, fragment):
    fails('reassign_content_to', fragment, JANE, id=7, state='absent', reassign_content_to=target)


def test_deleting_a_missing_user_is_ok():
    plan = plan_for(None, email='gone@example.com', state='absent')
    assert not plan.changed and plan.expected == {}


@pytest.mark.parametrize('target', [42, 'nobody@example.com', 'bob', 'jane@example.com'])
def test_receiver_is_checked_only_when_a_delete_happens(target):
    # Both users gone: an offboarding rerun has nothing to do, whatever the receiver.
    plan = plan_for(None, email='gone@example.com', state='absent', reassign_content_to=target)
    assert not plan.changed and plan.report() == []


# Applying a create that Wiki.js only half does (API.md 4.3)

class ScriptedServer(object):
    """Answers GraphQL documents in order with canned data, and records them."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.operations = []

    def execute(self, document, variables=None, operation='graphql', mutation=False):
        self.operations.append(operation)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def listed(*users):
    return {'users': {'list': [dict(id=u[0], email=u[1], name='N', providerKey='local', isSystem=False, isActive=True,
                                    createdAt='x', lastLoginAt=None) for u in users]}}


def create_answer(succeeded=True, code=0, slug='ok', message='User created successfully'):
    return {'users': {'create': {'responseResult': {
        'succeeded': succeeded, 'errorCode': code, 'slug': slug, 'message': message}}}}


def new_user_plan(**given):
    return plan_for(None, email='new@example.com', name='New Person', password='secret123', **given)


def test_create_learns_the_id_for_the_following_operations():
    server = ScriptedServer(create_answer(), listed((1, 'admin@example.com'), (12, 'new@example.com')),
                            {'users': {'deactivate': {'responseResult': {'succeeded': True, 'errorCode': 0, 'slug': 'ok'}}}})
    plan = new_user_plan(active=False)
    assert apply_plan(plan, server) == plan.report()
    assert plan.context['user_id'] == 12
    assert server.operations == ['users.create', 'users.list', 'users.deactivate']


def test_welcome_mail_failure_says_the_user_exists_and_counts_as_done():
    server = ScriptedServer(create_answer(False, 3002, 'MailNotConfigured', 'The mail configuration is incomplete or invalid.'),
                            listed((12, 'new@example.com')))
    plan = new_user_plan(send_welcome_email=True, active=False)
    with pytest.raises(PlanApplyError) as caught:
        apply_plan(plan, server)
    message = str(caught.value)
    assert message.startswith('users.create refused: The mail configuration is incomplete or invalid.')
    assert 'user new@example.com now exists (id 12)' in message and 'run the task again' in message
    assert caught.value.done == plan.report()[:1]
    assert caught.value.error_code == 3002


def test_unknown_provider_at_create_is_a_provider_error_and_nothing_exists():
    server = ScriptedServer(create_answer(False, 1, 'ForeignKeyViolationError',
                                          'insert into "users" ... violates foreign key constraint "users_providerkey_foreign"'))
    with pytest.raises(PlanApplyError) as caught:
        apply_plan(new_user_plan(), server)
    assert str(caught.value) == 'provider: unknown authentication strategy "local"; nothing was created'
    assert caught.value.done == []


def test_failed_create_that_left_nothing_says_so():
    server = ScriptedServer(WikiJsRefusedError('Forbidden', operation='users.create'), listed((1, 'admin@example.com')))
    with pytest.raises(PlanApplyError) as caught:
        apply_plan(new_user_plan(), server)
    assert str(caught.value).endswith('; no user was created')
    assert caught.value.done == []
