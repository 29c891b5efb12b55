# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What each module is asked to do in the fault and check-mode matrices: data, one entry per task.

A scenario names the module, prepares the server, gives the task's options and the
state the server must end in. Adding a module to the matrices is adding entries here.
"""

EMAIL = 'fm@example.com'
OTHER = 'fm-other@example.com'


class Scenario(object):
    def __init__(self, module, name, args, intended, setup=None, emails=(EMAIL,), mutates=True, check_result=None):
        self.check_result = check_result or (lambda result: True)
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
]
