# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Invalid parameter sets: each must fail naming its option, before any mutation, in check and real runs.

One entry per set: (module, option the message must name, options). Adding a module is adding entries.
"""

from harness import run_module, table

JANE = 'jane@example.com'
BOB = 'bob@example.com'
LONG = 'x' * 10000

# Options every set starts from, per module: a valid task that the one bad value spoils.
BASE = {
    'wikijs_user': {'email': 'new.user@example.com', 'name': 'New User', 'password': 'long-enough-pw'},
    'wikijs_user_info': {},
    'wikijs_group': {'name': 'New Group'},
    'wikijs_group_info': {},
    'wikijs_users': {'users': [{'email': 'new.user@example.com', 'name': 'New User', 'password': 'long-enough-pw'}]},
}

ENTRY = {'email': 'new.user@example.com', 'name': 'New User', 'password': 'long-enough-pw'}

SETS = [
    # emails
    ('wikijs_user', 'email', {'email': 'not-an-email'}),
    ('wikijs_user', 'email', {'email': 'a@b@example.com'}),
    ('wikijs_user', 'email', {'email': 'x' * 250 + '@example.com'}),
    ('wikijs_user', 'email', {'email': ''}),
    ('wikijs_user', 'email', {'email': 'two words@example.com'}),
    ('wikijs_user', 'email', {'email': u'j\u00fcrgen@ex\u00e4mple.com'}),
    ('wikijs_user', 'email', {'email': LONG}),
    ('wikijs_user', 'email', {'email': 'bob@example.com', 'id': 3}),
    # names and profile fields: lengths, blanks, unicode
    ('wikijs_user', 'name', {'name': LONG}),
    ('wikijs_user', 'name', {'name': u'\u00e9' * 10000}),
    ('wikijs_user', 'name', {'name': 'A'}),
    ('wikijs_user', 'name', {'name': '   '}),
    ('wikijs_user', 'name', {'name': ''}),
    ('wikijs_user', 'name', {'name': None}),
    ('wikijs_user', 'location', {'location': 'y' * 256}),
    ('wikijs_user', 'job_title', {'job_title': LONG}),
    ('wikijs_user', 'timezone', {'timezone': ''}),
    ('wikijs_user', 'location', {'email': JANE, 'location': ''}),
    ('wikijs_user', 'appearance', {'appearance': u'\U0001F600' * 300}),
    # passwords
    ('wikijs_user', 'password', {'password': 'abc'}),
    ('wikijs_user', 'password', {'password': None}),
    ('wikijs_user', 'password', {'email': JANE, 'password': 'x', 'update_password': 'always'}),
    ('wikijs_user', 'update_password', {'update_password': 'sometimes'}),
    # groups: unknown, ambiguous, bad shapes, YAML type traps
    ('wikijs_user', 'groups', {'groups': ['No Such Group']}),
    ('wikijs_user', 'groups', {'groups': ['Twins']}),
    ('wikijs_user', 'groups', {'groups': [999999]}),
    ('wikijs_user', 'groups', {'groups': [{'id': 'abc'}]}),
    ('wikijs_user', 'groups', {'groups': [{'name': 'Editors', 'id': 4}]}),
    ('wikijs_user', 'groups', {'groups': [True]}),
    ('wikijs_user', 'groups', {'groups': ['yes']}),
    ('wikijs_user', 'groups', {'groups': ['1']}),
    ('wikijs_user', 'groups', {'groups': [None]}),
    ('wikijs_user', 'groups', {'groups': [1.5]}),
    ('wikijs_user', 'groups', {'groups': [[3]]}),
    ('wikijs_user', 'groups_action', {'groups_action': 'append'}),
    # conflicting or impossible options
    ('wikijs_user', 'state', {'state': 'deleted'}),
    ('wikijs_user', 'id', {'id': 'abc'}),
    ('wikijs_user', 'id', {'id': 999999}),
    ('wikijs_user', 'provider', {'id': 3, 'provider': 'ldap'}),
    ('wikijs_user', 'provider', {'provider': 'saml'}),
    ('wikijs_user', 'active', {'active': 'maybe'}),
    ('wikijs_user', 'must_change_password', {'must_change_password': 'perhaps'}),
    ('wikijs_user', 'verified', {'verified': False}),
    ('wikijs_user', 'verified', {'email': JANE, 'verified': False}),
    ('wikijs_user', 'email', {'email': None}),
    ('wikijs_user', 'frobnicate', {'frobnicate': True}),
    # system accounts
    ('wikijs_user', 'active', {'id': 1, 'active': False}),
    ('wikijs_user', 'state', {'id': 1, 'state': 'absent'}),
    ('wikijs_user', 'state', {'id': 2, 'state': 'absent'}),
    ('wikijs_user', 'id', {'id': 2, 'name': 'Not A Guest'}),
    ('wikijs_user', 'groups', {'id': 1, 'groups': ['Editors']}),
    ('wikijs_user', 'active', {'id': 2, 'active': False}),
    # content receiver on a real delete
    ('wikijs_user', 'reassign_content_to', {'email': JANE, 'state': 'absent', 'reassign_content_to': 999999}),
    ('wikijs_user', 'reassign_content_to', {'email': JANE, 'state': 'absent', 'reassign_content_to': 'nobody@example.com'}),
    ('wikijs_user', 'reassign_content_to', {'email': JANE, 'state': 'absent', 'reassign_content_to': JANE}),
    ('wikijs_user', 'reassign_content_to', {'email': JANE, 'state': 'absent', 'reassign_content_to': 'bob'}),
    ('wikijs_user', 'reassign_content_to', {'email': JANE, 'state': 'absent', 'reassign_content_to': [1]}),
    # connection options
    ('wikijs_user', 'url', {'url': 'ftp://wiki.example.com'}),
    ('wikijs_user', 'url', {'url': None}),
    ('wikijs_user', 'api_key', {'api_key': None}),
    ('wikijs_user', 'timeout', {'timeout': 0}),
    ('wikijs_user', 'timeout', {'timeout': 'soon'}),
    ('wikijs_user', 'validate_certs', {'validate_certs': 'sometimes'}),
    # wikijs_user_info
    ('wikijs_user_info', 'sort_by', {'sort_by': 'size'}),
    ('wikijs_user_info', 'sort_order', {'sort_order': 'up'}),
    ('wikijs_user_info', 'created_after', {'created_after': 'last tuesday'}),
    ('wikijs_user_info', 'created_before', {'created_before': '2026-02-30'}),
    ('wikijs_user_info', 'last_login_before', {'last_login_before': '03/01/2026'}),
    ('wikijs_user_info', 'limit', {'limit': -1}),
    ('wikijs_user_info', 'offset', {'offset': -3}),
    ('wikijs_user_info', 'groups', {'groups': [True]}),
    ('wikijs_user_info', 'groups', {'groups': [{'id': 'Editors'}]}),
    ('wikijs_user_info', 'groups', {'groups': [{'id': 3, 'name': 'Editors'}]}),
    ('wikijs_user_info', 'groups', {'groups': ['Twins']}),
    ('wikijs_user_info', 'id', {'id': 'abc'}),
    ('wikijs_user_info', 'active', {'active': 'maybe'}),
    ('wikijs_user_info', 'url', {'url': 'wiki.example.com'}),
    ('wikijs_user_info', 'timeout', {'timeout': -5}),
    # wikijs_group
    ('wikijs_group', 'name', {'name': LONG}),
    ('wikijs_group', 'name', {'name': ''}),
    ('wikijs_group', 'name', {'name': 'Twins'}),
    ('wikijs_group', 'permissions', {'permissions': ['read:pages', 'fly:pages']}),
    ('wikijs_group', 'members', {'members': ['nobody@example.com']}),
    ('wikijs_group', 'members', {'members': [{'id': 'abc'}]}),
    ('wikijs_group', 'members', {'members': [True]}),
    ('wikijs_group', 'members_action', {'members_action': 'append'}),
    ('wikijs_group', 'page_rules', {'page_rules': [{'id': 'r1', 'roles': ['read:pages'], 'match': 'REGEX', 'path': '(a+)+$'}]}),
    ('wikijs_group', 'state', {'id': 1, 'state': 'absent'}),
    ('wikijs_group', 'id', {'id': 999999}),
    ('wikijs_group', 'id', {'name': 'yes', 'id': 'yes'}),
    ('wikijs_group', 'page_rules', {'page_rules': [{'id': 'r1', 'roles': ['fly:pages']}]}),
    # wikijs_group_info
    ('wikijs_group_info', 'id', {'id': 'three'}),
    ('wikijs_group_info', 'details', {'details': 'maybe'}),
    # wikijs_users: an entry is named by its position
    ('wikijs_users', 'users[0].email', {'users': [dict(ENTRY, email='not-an-email')]}),
    ('wikijs_users', 'users[1].groups', {'users': [ENTRY, {'email': 'x@example.com', 'name': 'X Y', 'password': 'long-enough-pw',
                                                           'groups': ['No Such Group']}]}),
    ('wikijs_users', 'users', {'users': [ENTRY, dict(ENTRY, email='NEW.user@example.com')]}),
    ('wikijs_users', 'users[0].password', {'users': [dict(ENTRY, password='abc')]}),
    ('wikijs_users', 'defaults', {'defaults': {'email': 'all@example.com'}}),
    ('wikijs_users', 'max_removals', {'max_removals': -5}),
    ('wikijs_users', 'users', {'users': [], 'exclusive': True}),
    ('wikijs_users', 'users[0].provider', {'users': [dict(ENTRY, provider='saml')]}),
    ('wikijs_users', 'users[0].name', {'users': [dict(ENTRY, name=LONG)]}),
    ('wikijs_users', 'unlisted_action', {'unlisted_action': 'archive'}),
    ('wikijs_users', 'exclusive_scope', {'exclusive': True, 'exclusive_scope': {'providers': ['saml']}}),
]


def prepare(wiki):
    wiki.reset()
    for name in ('Editors', 'Reviewers', 'Twins', 'Twins'):
        wiki.create_group(name)
    wiki.create_user(JANE, 'Jane Doe', groups=[3])
    wiki.create_user(BOB, 'Bob Ross')


def describe(options):
    text = repr(options)
    return text if len(text) <= 60 else text[:57] + '...'


def run(wiki):
    prepare(wiki)
    rows, passed, failed = [], 0, 0
    for module, option, bad in SETS:
        args = dict(BASE[module], url=wiki.url, api_key=wiki.api_key)
        args.update(bad)
        args = dict((k, v) for k, v in args.items() if v is not None)
        ok = True
        for check in (True, False):
            wiki.clear_log()
            result = run_module(module, args, check=check)
            mutations = wiki.mutations()
            msg = result.get('msg') or ''
            named = option in msg
            ok = ok and bool(result.get('failed')) and named and mutations == 0 and not result.get('changed')
        passed, failed = passed + ok, failed + (not ok)
        rows.append((module, option, describe(bad), 'first' if msg.startswith(option) else 'inside' if named else 'NO',
                     mutations, (msg[:90] + '...') if len(msg) > 90 else msg, 'pass' if ok else 'FAIL'))
    table('Bad input (%d sets, each run in check mode and for real)' % len(SETS),
          ['module', 'option', 'bad value(s)', 'option named', 'mutations', 'message (real run)', 'set'], rows)
    return passed, failed
