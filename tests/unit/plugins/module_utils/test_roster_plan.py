# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""wikijs_users planning on plain data: defaults, identity, exclusive scope, max_removals, diff and summary."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._roster_plan import (
    entry_params, check_options, plan_roster, scope_filter, select_entries, summary)

GROUPS = [{'id': 1, 'name': 'Administrators'}, {'id': 2, 'name': 'Guests'}, {'id': 3, 'name': 'Staff'},
          {'id': 4, 'name': 'Alumni'}]


def listed(user_id, email, provider='local', active=True, name=None):
    return {'id': user_id, 'email': email, 'name': name or 'User %d' % user_id, 'provider': provider, 'active': active,
            'system': user_id <= 2}


USERS = [listed(1, 'admin@example.com'), listed(2, 'guest@example.com'), listed(7, 'ann@example.com', name='Ann Lee'),
         listed(8, 'bob@example.com', name='Bob Ross'), listed(9, 'cat@example.com', name='Cat Stevens'),
         listed(10, 'dan@example.com', provider='sso', name='Dan Brown'), listed(11, 'old@example.com', active=False)]
MEMBERS = {1: {1}, 2: {2}, 3: {7, 8, 9, 10}, 4: {9, 11}}
PROVIDERS = ['local', 'sso']


def options(users, **given):
    base = dict(users=users, defaults=None, exclusive=False, exclusive_scope=None, unlisted_action='deactivate',
                max_removals=10, reassign_content_to=1)
    base.update(given)
    return base


def plan(users, members=None, full=None, **given):
    params = options(users, **given)
    check_options(params)
    selected = select_entries(params, USERS, PROVIDERS)
    in_scope = scope_filter(params, GROUPS, PROVIDERS)
    return plan_roster(params, USERS, GROUPS, selected, MEMBERS if members is None else members, full or {}, in_scope)


def fails(option, fragment, users, **given):
    with pytest.raises(WikiJsValueError) as caught:
        plan(users, **given)
    assert caught.value.option == option, str(caught.value)
    assert fragment in str(caught.value)


def test_an_entry_wins_over_defaults_which_win_over_the_wikijs_user_defaults():
    merged = entry_params({'email': 'a@example.com', 'groups': [], 'provider': None}, {'groups': ['Staff'], 'location': 'Lab'}, 5)
    assert merged['groups'] == [] and merged['location'] == 'Lab'
    # provider stays unset (it means local), so that with an id it is checked only when given
    assert 'provider' not in merged and merged['update_password'] == 'on_create'
    assert merged['reassign_content_to'] == 5


def test_a_roster_that_matches_changes_nothing():
    result = plan([{'email': 'ANN@example.com', 'name': 'Ann Lee', 'groups': ['Staff']}, {'email': 'bob@example.com'}])
    assert not result.changed and result.unchanged == 2
    assert result.diff() == {'before': {}, 'after': {}}


def test_the_diff_is_keyed_by_user_and_holds_only_what_changes():
    result = plan([{'email': 'ann@example.com', 'name': 'Ann Lee'}, {'email': 'bob@example.com', 'name': 'Bob Ross Jr'},
                   {'email': 'dan@example.com', 'provider': 'sso', 'active': False}])
    assert result.diff() == {'before': {'bob@example.com': {'name': 'Bob Ross'}, 'dan@example.com (sso)': {'active': True}},
                             'after': {'bob@example.com': {'name': 'Bob Ross Jr'}, 'dan@example.com (sso)': {'active': False}}}
    assert [u.bucket for u in result.users] == ['updated', 'deactivated']
    assert [op['user'] for op in result.report()] == ['bob@example.com', 'dan@example.com (sso)']


def test_a_new_user_is_planned_by_the_wikijs_user_rules_and_passwords_are_markers():
    result = plan([{'email': 'New@Example.com', 'name': 'New One', 'password': 'secret-pass', 'groups': ['Staff'],
                    'location': 'Lab'}])
    report = result.report()
    assert [op['operation'] for op in report] == ['users.create', 'users.update']
    assert report[0]['args']['password'] == '********' and report[0]['args']['email'] == 'new@example.com'
    assert 'secret-pass' not in repr(result.diff()) + repr(report)
    assert result.diff()['after']['new@example.com']['password'] == '(set)'
    assert summary({'created': ['new@example.com']}, 0)['created_emails'] == ['new@example.com']


def test_entry_errors_name_the_entry_and_the_option():
    fails('users[1].password', 'required to create a local user', [{'email': 'bob@example.com'}, {'email': 'x@example.com', 'name': 'X Y'}])
    fails('users[0].groups', 'no group named "Nope"', [{'email': 'ann@example.com', 'groups': ['Nope']}])
    fails('users[0].email', 'required unless id is given', [{'name': 'No Email'}])
    fails('users[0].id', 'user 2 (the guest account) is never edited', [{'id': 2, 'name': 'Someone'}])
    fails('users[0].provider', 'unknown authentication strategy "ldap"', [{'email': 'ann@example.com', 'provider': 'ldap'}])


def test_two_entries_that_select_the_same_user_name_both_positions():
    fails('users', 'users[0] and users[2] both select user 7 (ann@example.com)',
          [{'email': 'ann@example.com'}, {'email': 'bob@example.com'}, {'id': 7}])
    fails('users', 'users[0] and users[1] both select new@example.com',
          [{'email': 'new@example.com', 'name': 'N N', 'password': 'secret-pass'}, {'email': 'NEW@example.com'}])


def test_the_same_email_under_two_providers_is_two_users():
    result = plan([{'email': 'dan@example.com', 'provider': 'sso'},
                   {'email': 'dan@example.com', 'name': 'Dan Local', 'password': 'secret-pass'}])
    assert [u.key for u in result.users] == ['dan@example.com']


def test_exclusive_without_scope_spares_the_system_users_and_the_listed():
    result = plan([{'email': 'ann@example.com'}], exclusive=True)
    assert [(u.email, u.bucket) for u in result.users] == [
        ('bob@example.com', 'deactivated'), ('cat@example.com', 'deactivated'), ('dan@example.com', 'deactivated')]


def test_exclusive_scope_by_group_and_by_provider():
    by_group = plan([{'email': 'ann@example.com'}], exclusive=True, exclusive_scope={'groups': ['Alumni']})
    assert [u.email for u in by_group.users] == ['cat@example.com']   # old@ is already inactive
    by_provider = plan([], exclusive=True, exclusive_scope={'providers': ['sso']}, max_removals=-1)
    assert [u.key for u in by_provider.users] == ['dan@example.com (sso)']
    both = plan([], exclusive=True, exclusive_scope={'providers': ['local'], 'groups': [3]}, max_removals=-1)
    assert [u.email for u in both.users] == ['ann@example.com', 'bob@example.com', 'cat@example.com']


def test_an_unlisted_user_outside_the_scope_is_not_planned():
    result = plan([{'email': 'ann@example.com'}], exclusive=True, exclusive_scope={'groups': ['Alumni']},
                  unlisted_action='delete')
    assert [u.email for u in result.users] == ['cat@example.com', 'old@example.com']
    assert all(op['operation'] == 'users.delete' for op in result.report())


def test_unlisted_delete_reassigns_content_and_shows_the_deleted_user():
    result = plan([{'email': 'ann@example.com'}], exclusive=True, exclusive_scope={'groups': ['Alumni']},
                  unlisted_action='delete', reassign_content_to='ann@example.com')
    assert result.report()[0]['args'] == {'id': 9, 'replace_id': 7}
    assert result.diff()['before']['cat@example.com']['groups'] == ['Alumni', 'Staff']
    assert result.diff()['after']['cat@example.com'] == {}


def test_content_may_go_to_a_user_created_in_the_same_run():
    result = plan([{'email': 'heir@example.com', 'name': 'Heir One', 'password': 'secret-pass'}], exclusive=True,
                  exclusive_scope={'groups': ['Alumni']}, unlisted_action='delete', reassign_content_to='heir@example.com')
    deletes = [op for op in result.report() if op['operation'] == 'users.delete']
    assert [op['args']['replace_id'] for op in deletes] == [None, None]
    assert list(result.placeholders.values())[0].email == 'heir@example.com'


def test_the_reassign_target_cannot_be_an_unlisted_user_being_deleted():
    fails('reassign_content_to', 'user 9 (cat@example.com) is unlisted', [{'email': 'ann@example.com'}], exclusive=True,
          exclusive_scope={'groups': ['Alumni']}, unlisted_action='delete', reassign_content_to=9)


def test_max_removals_names_the_count_and_the_first_users():
    fails('max_removals', 'exclusive would deactivate 3 users, more than 2: bob@example.com, cat@example.com, dan@example.com',
          [{'email': 'ann@example.com'}], exclusive=True, max_removals=2)
    assert len(plan([{'email': 'ann@example.com'}], exclusive=True, max_removals=-1).users) == 3


def test_an_absent_entry_is_deleted_and_not_counted_against_max_removals():
    result = plan([{'email': 'ann@example.com'}, {'email': 'bob@example.com', 'state': 'absent'}], exclusive=True,
                  exclusive_scope={'groups': ['Alumni']}, max_removals=1)
    assert [(u.email, u.bucket) for u in result.users] == [('bob@example.com', 'deleted'), ('cat@example.com', 'deactivated')]


def test_bad_top_level_options_are_refused():
    fails('users', 'is empty and exclusive is true', [], exclusive=True)
    fails('defaults', 'email select one user', [{'email': 'ann@example.com'}], defaults={'email': 'x@example.com'})
    fails('max_removals', 'must be -1', [{'email': 'ann@example.com'}], max_removals=-2)
    fails('exclusive_scope', 'unknown authentication strategy "ldap"', [{'email': 'ann@example.com'}], exclusive=True,
          exclusive_scope={'providers': ['ldap']})
    fails('exclusive_scope', 'no group named "Nope"', [{'email': 'ann@example.com'}], exclusive=True,
          exclusive_scope={'groups': ['Nope']})


def test_a_full_read_is_used_for_profile_fields():
    full = {7: dict(USERS[2], location='Lab', verified=False, groups=[{'id': 3, 'name': 'Staff'}])}
    result = plan([{'email': 'ann@example.com', 'location': 'Lab', 'verified': True}], full=full)
    assert [op['operation'] for op in result.report()] == ['users.verify']
