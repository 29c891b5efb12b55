# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What each module is asked to do in the fault and check-mode matrices: data, one entry per task.

A scenario names the module, prepares the server, gives the task's options and the
state the server must end in. Adding a module to the matrices is adding entries here.
"""

import json

EMAIL = 'fm@example.com'
OTHER = 'fm-other@example.com'


class Scenario(object):
    def __init__(self, module, name, args, intended, setup=None, emails=(EMAIL,), mutates=True, check_result=None,
                 state=None):
        self.check_result = check_result or (lambda result: True)
        if state is not None:
            self.state = state
        self.module = module
        self.name = name
        self.args = args
        self.intended = intended
        self.setup = setup or (lambda wiki: None)
        self.emails = emails
        self.mutates = mutates

    def state(self, wiki):
        """The users of this scenario as the server holds them; a list per email shows duplicates."""
        users = wiki.users()
        return dict((email, [dict((k, v) for k, v in u.items() if k != 'id') for u in users[email]])
                    for email in self.emails if email in users)


def _groups(wiki):
    wiki.create_group('Editors')
    wiki.create_group('Reviewers')


def _groups_and_user(wiki):
    _groups(wiki)
    wiki.create_user(EMAIL, 'Old Name', groups=[3])


def _user(name, groups, active=True):
    return {'name': name, 'provider': 'local', 'active': active, 'groups': sorted(groups)}


GROUP = 'FM Team'
GROUP_START = ['read:comments', 'read:pages']


def _group_state(wiki):
    groups = wiki.groups()
    return {GROUP: groups[GROUP]} if GROUP in groups else {}


def _group_and_users(wiki):
    wiki.create_user(EMAIL, 'Member One')
    wiki.create_user(OTHER, 'Member Two')
    group_id = wiki.create_group(GROUP)
    wiki.gql('mutation ($id: Int!) { groups { update(id: $id, name: "%s", redirectOnLogin: "/", permissions: %s, '
             'pageRules: []) { responseResult { succeeded } } } }' % (GROUP, json.dumps(GROUP_START)), {'id': group_id})
    wiki.gql('mutation ($g: Int!) { groups { assignUser(groupId: $g, userId: 3) { responseResult { succeeded } } } }',
             {'g': group_id})


def _users_for_group(wiki):
    wiki.create_user(EMAIL, 'Member One')
    wiki.create_user(OTHER, 'Member Two')


def _roster_setup(wiki):
    _groups(wiki)
    wiki.create_user(OTHER, 'Other Old', groups=[3])


SCENARIOS = [
    Scenario('wikijs_user', 'create', setup=_groups,
             args={'email': EMAIL, 'name': 'Fault Matrix', 'password': 'fm-initial-pw', 'groups': ['Editors', 'Reviewers']},
             intended={EMAIL: [_user('Fault Matrix', ['Editors', 'Reviewers'])]}),
    Scenario('wikijs_user', 'update', setup=_groups_and_user,
             args={'email': EMAIL, 'name': 'New Name', 'groups': ['Reviewers'], 'active': False},
             intended={EMAIL: [_user('New Name', ['Reviewers'], active=False)]}),
    Scenario('wikijs_user', 'delete', setup=_groups_and_user,
             args={'email': EMAIL, 'state': 'absent'}, intended={}),
    Scenario('wikijs_user_info', 'read', setup=_groups_and_user,
             args={'email': EMAIL, 'details': True},
             intended={EMAIL: [_user('Old Name', ['Editors'])]}, mutates=False,
             check_result=lambda result: [u['email'] for u in result['users']] == [EMAIL]),
    Scenario('wikijs_group', 'create', setup=_users_for_group, state=_group_state,
             args={'name': GROUP, 'permissions': ['read:pages', 'write:pages'], 'members': [EMAIL, OTHER]},
             intended={GROUP: [{'permissions': ['read:pages', 'write:pages'], 'members': sorted([EMAIL, OTHER])}]}),
    Scenario('wikijs_group', 'update', setup=_group_and_users, state=_group_state,
             args={'name': GROUP, 'permissions': ['read:pages', 'write:pages'], 'members': [OTHER]},
             intended={GROUP: [{'permissions': ['read:pages', 'write:pages'], 'members': [OTHER]}]}),
    Scenario('wikijs_group', 'delete', setup=_group_and_users, state=_group_state,
             args={'name': GROUP, 'state': 'absent', 'force': True}, intended={}),
    Scenario('wikijs_group_info', 'read', setup=_group_and_users, state=_group_state, mutates=False,
             args={'name': GROUP, 'details': True},
             intended={GROUP: [{'permissions': GROUP_START, 'members': [EMAIL]}]},
             check_result=lambda result: [g['name'] for g in result['groups']] == [GROUP]),
    Scenario('wikijs_users', 'roster', setup=_roster_setup, emails=(EMAIL, OTHER),
             args={'users': [{'email': EMAIL, 'name': 'Fault Matrix', 'groups': ['Editors', 'Reviewers']},
                             {'email': OTHER, 'name': 'Other New', 'groups': ['Reviewers'], 'active': False}],
                   'defaults': {'password': 'fm-initial-pw'}},
             intended={EMAIL: [_user('Fault Matrix', ['Editors', 'Reviewers'])],
                       OTHER: [_user('Other New', ['Reviewers'], active=False)]}),
]
