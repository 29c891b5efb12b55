# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The wikijs_group planner, members and the page-rule regex test, on plain data."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._group_members import parse_member_ref, resolve_member
from ansible_collections.wikijs.wikijs.plugins.module_utils._group_plan import plan_group, select_group
from ansible_collections.wikijs.wikijs.plugins.module_utils._permissions import PERMISSIONS, is_safe_regex

USERS = [
    {'id': 1, 'email': 'admin@example.com', 'name': 'Admin', 'provider': 'local'},
    {'id': 2, 'email': 'guest@example.com', 'name': 'Guest', 'provider': 'local'},
    {'id': 5, 'email': 'jane@example.com', 'name': 'Jane', 'provider': 'local'},
    {'id': 6, 'email': 'bob@example.com', 'name': 'Bob', 'provider': 'local'},
    {'id': 7, 'email': 'bob@example.com', 'name': 'Bob L', 'provider': 'ldap'},
]
LISTED = [{'id': 1, 'name': 'Administrators'}, {'id': 2, 'name': 'Guests'}, {'id': 3, 'name': 'Editors'},
          {'id': 4, 'name': 'Twins'}, {'id': 8, 'name': 'Twins'}]
RULE = {'id': 'all', 'deny': False, 'match': 'START', 'roles': ['write:pages', 'read:pages'], 'path': '', 'locales': []}


def group(group_id=3, name='Editors', permissions=('read:pages', 'write:pages'), rules=(RULE,), redirect='/', members=(5,)):
    return {'id': group_id, 'name': name, 'is_system': group_id in (1, 2), 'permissions': list(permissions),
            'page_rules': [dict(rule) for rule in rules], 'redirect_on_login': redirect,
            'members': [{'id': u['id'], 'email': u['email'], 'name': u['name']} for u in USERS if u['id'] in members],
            'created_at': 'c', 'updated_at': 'u'}


def params(**options):
    base = dict(state='present', name=None, id=None, permissions=None, page_rules=None, redirect_on_login=None,
                members=None, members_action='replace', force=False)
    base.update(options)
    return base


def names(plan):
    return [operation.name for operation in plan.operations]


def refused(message, *args):
    with pytest.raises(WikiJsValueError) as caught:
        plan_group(*args)
    assert str(caught.value).startswith(message), str(caught.value)


def test_create_shows_the_wikijs_defaults_and_sends_only_create():
    plan = plan_group(params(name='Writers'), None, None)
    assert names(plan) == ['groups.create']
    assert plan.before == {}
    assert plan.after == {'name': 'Writers', 'permissions': ['read:assets', 'read:comments', 'read:pages', 'write:comments'],
                          'page_rules': [{'id': 'default', 'deny': False, 'match': 'START',
                                          'roles': ['read:assets', 'read:comments', 'read:pages', 'write:comments'],
                                          'path': '', 'locales': []}],
                          'redirect_on_login': '/', 'members': []}
    assert plan.expected['id'] is None


def test_create_with_settings_and_members_updates_once_then_assigns():
    plan = plan_group(params(name='Writers', permissions=['read:pages'], page_rules=[], members=['jane@example.com']),
                      None, USERS)
    assert names(plan) == ['groups.create', 'groups.update', 'groups.assignUser']
    assert plan.operations[1].args == {'name': 'Writers', 'permissions': ['read:pages'], 'page_rules': [],
                                       'redirect_on_login': '/'}
    assert plan.operations[2].args == {'user_id': 5}
    assert plan.after['members'] == ['jane@example.com']


def test_nothing_differs_when_sets_match_and_empty_redirect_means_slash():
    reordered = dict(RULE, roles=['read:pages', 'write:pages', 'read:pages'])
    plan = plan_group(params(name='Editors', permissions=['write:pages', 'read:pages'], page_rules=[reordered],
                             redirect_on_login='', members=['5']), group(), USERS)
    assert plan.operations == []
    assert plan.diff() == {'before': {}, 'after': {}}


def test_update_sends_the_full_merged_value_once_with_only_changed_keys_in_the_diff():
    plan = plan_group(params(id=3, redirect_on_login='/home'), group(), None)
    assert names(plan) == ['groups.update']
    assert plan.operations[0].args == {'id': 3, 'name': 'Editors', 'permissions': ['read:pages', 'write:pages'],
                                       'page_rules': [dict(RULE, roles=['read:pages', 'write:pages'])],
                                       'redirect_on_login': '/home'}
    assert plan.diff() == {'before': {'redirect_on_login': '/'}, 'after': {'redirect_on_login': '/home'}}


def test_page_rules_are_a_set_keyed_by_id():
    other = {'id': 'b', 'deny': True, 'match': 'EXACT', 'roles': ['read:pages'], 'path': 'x', 'locales': ['en']}
    plan = plan_group(params(id=3, page_rules=[other, RULE]), group(rules=(RULE,)), None)
    assert [rule['id'] for rule in plan.after['page_rules']] == ['all', 'b']
    assert plan_group(params(id=3, page_rules=[RULE, other]), group(rules=(other, RULE)), None).operations == []


@pytest.mark.parametrize('action, members, added, removed', [
    ('replace', [{'email': 'bob@example.com', 'provider': 'local'}], [6], [5]),
    ('add', [{'id': 6}, 5], [6], []),
    ('remove', ['jane@example.com', 7], [], [5]),
    ('replace', [], [], [5]),
])
def test_members_touch_only_those_that_change(action, members, added, removed):
    plan = plan_group(params(id=3, members=members, members_action=action), group(), USERS)
    assert [op.args['user_id'] for op in plan.operations if op.name == 'groups.assignUser'] == added
    assert [op.args['user_id'] for op in plan.operations if op.name == 'groups.unassignUser'] == removed


def test_delete_needs_force_when_members_remain():
    refused('force: group "Editors" (id 3) still has 1 member;', params(id=3, state='absent'), group(), None)
    plan = plan_group(params(id=3, state='absent', force=True), group(), None)
    assert names(plan) == ['groups.delete'] and plan.after == {} and plan.before['members'] == ['jane@example.com']
    assert plan_group(params(id=3, state='absent'), None, None).operations == []


@pytest.mark.parametrize('options, current, message', [
    (dict(id=1, state='absent', force=True), group(1, 'Administrators', ['manage:system'], (), members=(1,)),
     'state: group 1 (Administrators) is a system group'),
    (dict(id=2, state='absent'), group(2, 'Guests', members=(2,)), 'state: group 2 (Guests) is a system group'),
    (dict(id=2, name='Visitors'), group(2, 'Guests', members=(2,)), 'name: group 2 (Guests) is a system group'),
    (dict(id=1, permissions=['read:pages']), group(1, 'Administrators', ['manage:system'], (), members=(1,)),
     'permissions: the permissions of group 1 (Administrators) are never rewritten'),
    (dict(id=1, page_rules=[RULE]), group(1, 'Administrators', ['manage:system'], (), members=(1,)),
     'page_rules: the page rules of group 1 (Administrators) are never rewritten'),
    (dict(id=1, members=[5]), group(1, 'Administrators', ['manage:system'], (), members=(1,)),
     'members: user 1 (the administrator) is never removed from Administrators'),
    (dict(id=3, members=[2], members_action='add'), group(), 'members: user 2 (the guest account)'),
    (dict(id=3, permissions=['read:pages', 'write:all']), group(), 'permissions: unknown permission "write:all"'),
    (dict(id=3, page_rules=[dict(RULE, roles=['read:page'])]), group(), 'page_rules: unknown permission "read:page"'),
    (dict(id=3, page_rules=[RULE, RULE]), group(), 'page_rules: rule "all" is given twice'),
    (dict(id=3, page_rules=[dict(RULE, match='REGEX', path='(a+)+$')]), group(), 'page_rules: rule "all": Wiki.js refuses'),
    (dict(id=3, members=['nobody@example.com']), group(), 'members: no user with email nobody@example.com'),
    (dict(id=3, members=[99]), group(), 'members: no user with id 99'),
    (dict(id=3, members=['bob@example.com']), group(), 'members: bob@example.com is the email of users 6, 7'),
    (dict(id=3, name='  '), group(), 'name: must not be empty'),
])
def test_refusals_name_the_option(options, current, message):
    refused(message, params(**options), current, USERS)


def test_administrators_accept_members_and_unchanged_settings():
    admins = group(1, 'Administrators', ['manage:system'], (), members=(1,))
    plan = plan_group(params(name='Administrators', permissions=['manage:system'], page_rules=[], members=[5],
                             members_action='add'), admins, USERS)
    assert names(plan) == ['groups.assignUser']


def test_guests_permissions_may_be_managed():
    guests = group(2, 'Guests', ['read:pages', 'read:assets', 'read:comments'], members=(2,))
    plan = plan_group(params(id=2, permissions=[], page_rules=[]), guests, None)
    assert names(plan) == ['groups.update'] and plan.operations[0].args['name'] == 'Guests'


def test_select_group_by_name_is_exact_and_refuses_shared_names():
    assert select_group(params(name='Editors'), LISTED)['id'] == 3
    assert select_group(params(name='editors'), LISTED) is None
    with pytest.raises(WikiJsValueError, match='shared by groups 4, 8'):
        select_group(params(name='Twins'), LISTED)
    assert select_group(params(id=8, name='Twins'), LISTED)['id'] == 8
    with pytest.raises(WikiJsValueError, match='id: group 99 does not exist'):
        select_group(params(id=99), LISTED)
    assert select_group(params(id=99, state='absent'), LISTED) is None


@pytest.mark.parametrize('ref, parsed', [
    (5, ('id', 5)), ('5', ('id', 5)), ({'id': '5'}, ('id', 5)), (' Jane@Example.com ', ('email', 'Jane@Example.com', None)),
    ({'email': 'a@b.c', 'provider': 'ldap'}, ('email', 'a@b.c', 'ldap')),
])
def test_member_items(ref, parsed):
    assert parse_member_ref(ref) == parsed


@pytest.mark.parametrize('ref', [True, 'jane', {'name': 'Jane'}, {'id': 'x'}, 1.5])
def test_bad_member_items_are_refused(ref):
    with pytest.raises(WikiJsValueError, match='^members: '):
        parse_member_ref(ref)


def test_member_email_is_case_insensitive_and_provider_picks_one():
    assert resolve_member('JANE@example.com', USERS) == 5
    assert resolve_member({'email': 'bob@example.com', 'provider': 'ldap'}, USERS) == 7


@pytest.mark.parametrize('pattern, safe', [
    ('^docs/.*$', True), ('(a+)+$', False), ('(a?)?', False), ('(a{2})*', False), ('a*' * 25, True), ('a*' * 26, False),
    ('([a-z', False), ('a**', False), ('(?<=a)*', False), ('(?=a*)+b', True), ('[z-a]', False), ('[^]*x', True),
    ('(?<n>a)(?<n>b)', False), ('a{2,1}', False), ('a{,5}', True), ('x{2}{3}', False), ('\\', False), ('', True),
])
def test_regex_safety_matches_safe_regex_2_1_1(pattern, safe):
    assert is_safe_regex(pattern) is safe


def test_permission_list_is_the_2_5_314_one():
    assert len(PERMISSIONS) == len(set(PERMISSIONS)) == 22
    assert all(name.split(':', maxsplit=1)[0] in ('read', 'write', 'manage', 'delete') for name in PERMISSIONS)
