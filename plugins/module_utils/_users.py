# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""Wiki.js users: reads (alone, batched by alias, or with the group list) and mutations.

Everything returns plain dicts with snake_case keys; GraphQL names stay in here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.wikijs.wikijs.plugins.module_utils._groups import GROUP_LIST_FIELDS, group_from_api
from ansible_collections.wikijs.wikijs.plugins.module_utils._transport import read_singles, run_mutation

ADMIN_USER_ID = 1
GUEST_USER_ID = 2
SYSTEM_USER_IDS = (ADMIN_USER_ID, GUEST_USER_ID)

USER_LIST_FIELDS = 'id name email providerKey isSystem isActive createdAt lastLoginAt'
USER_FIELDS = ('id name email providerKey isSystem isActive isVerified location jobTitle timezone dateFormat '
               'appearance createdAt updatedAt lastLoginAt tfaIsActive groups { id name }')

# snake_case key -> (users.update argument, GraphQL type)
UPDATE_ARGUMENTS = {
    'email': ('email', 'String'),
    'name': ('name', 'String'),
    'password': ('newPassword', 'String'),
    'groups': ('groups', '[Int]'),
    'location': ('location', 'String'),
    'job_title': ('jobTitle', 'String'),
    'timezone': ('timezone', 'String'),
    'date_format': ('dateFormat', 'String'),
    'appearance': ('appearance', 'String'),
}


def user_from_api(raw):
    """UserMinimal or User -> plain dict; keys the API did not send are left out."""
    names = (
        ('id', 'id'), ('email', 'email'), ('name', 'name'), ('provider', 'providerKey'),
        ('active', 'isActive'), ('verified', 'isVerified'), ('system', 'isSystem'),
        ('location', 'location'), ('job_title', 'jobTitle'), ('timezone', 'timezone'),
        ('date_format', 'dateFormat'), ('appearance', 'appearance'), ('created_at', 'createdAt'),
        ('updated_at', 'updatedAt'), ('last_login_at', 'lastLoginAt'), ('tfa_active', 'tfaIsActive'),
    )
    user = dict((key, raw[api]) for key, api in names if api in raw)
    if 'groups' in raw:
        user['groups'] = sorted(({'id': g['id'], 'name': g['name']} for g in raw['groups'] or []),
                                key=lambda g: g['id'])
    return user


def list_users(transport):
    """Every user, the guest included, with the UserMinimal fields (one request)."""
    data = transport.execute('query { users { list { %s } } }' % USER_LIST_FIELDS, operation='users.list')
    return [user_from_api(raw) for raw in data['users']['list']]


def list_users_groups_and_providers(transport):
    """Users, groups and the keys of the configured authentication strategies, in one request.

    ``authentication.activeStrategies`` needs no permission, so the provider
    can be checked before any change at no extra cost. The keys are ``None``
    when the server leaves that field out.
    """
    document = 'query { users { list { %s } } groups { list { %s } } authentication { activeStrategies { key } } }' % (
        USER_LIST_FIELDS, GROUP_LIST_FIELDS)
    data = transport.execute(document, operation='users.list')
    strategies = (data.get('authentication') or {}).get('activeStrategies')
    providers = None if strategies is None else sorted(set(item['key'] for item in strategies if item))
    return ([user_from_api(raw) for raw in data['users']['list']],
            [group_from_api(raw) for raw in data['groups']['list']],
            providers)


def read_users_groups_members(transport, users=True, groups=False, member_group_ids=()):
    """Any of users.list, groups.list and the members of some groups, in one request.

    Returns ``(users, groups, members)``: ``None`` for a part not asked for, and
    ``members`` maps each group id to the set of its member ids, or to ``None``
    when there is no such group (``groups.single`` answers null, not an error).
    """
    member_group_ids = list(member_group_ids)
    declared = ', '.join('$g%d: Int!' % n for n in range(len(member_group_ids)))
    group_parts = ['g%d: single(id: $g%d) { id users { id } }' % (n, n) for n in range(len(member_group_ids))]
    if groups:
        group_parts.insert(0, 'list { %s }' % GROUP_LIST_FIELDS)
    parts = []
    if users:
        parts.append('users { list { %s } }' % USER_LIST_FIELDS)
    if group_parts:
        parts.append('groups { %s }' % ' '.join(group_parts))
    document = 'query %s{ %s }' % ('(%s) ' % declared if declared else '', ' '.join(parts))
    operation = 'users.list' if users else ('groups.list' if groups else 'groups.single')
    data = transport.execute(document, dict(('g%d' % n, gid) for n, gid in enumerate(member_group_ids)),
                             operation=operation)
    members = {}
    for n, group_id in enumerate(member_group_ids):
        found = data['groups']['g%d' % n]
        members[group_id] = None if found is None else set(member['id'] for member in found['users'] or [])
    return ([user_from_api(raw) for raw in data['users']['list']] if users else None,
            [group_from_api(raw) for raw in data['groups']['list']] if groups else None,
            members)


def get_users(transport, user_ids):
    """Full users for ``user_ids``, in that order.

    Callers pass ids taken from ``users.list``: Wiki.js answers an unknown id
    with a resolver crash rather than null.
    """
    return [user_from_api(raw) for raw in read_singles(transport, 'users', user_ids, USER_FIELDS)]


def get_user(transport, user_id):
    return get_users(transport, [user_id])[0]


def find_user_by_email(users, email, provider=None):
    """The user with this email (case-insensitive) and provider, or None."""
    wanted = email.strip().lower()
    for user in users:
        if user['email'].lower() == wanted and (provider is None or user['provider'] == provider):
            return user
    return None


def find_user_by_id(users, user_id):
    for user in users:
        if user['id'] == user_id:
            return user
    return None


# Each mutation exists twice: as a spec, (root, field, arguments) for run_mutation or an aliased batch,
# and as the function that sends that spec alone.

def create_user_mutation(email, name, password, provider, groups, must_change_password=False, send_welcome_email=False):
    return 'users', 'create', [
        ('email', 'String!', email),
        ('name', 'String!', name),
        ('passwordRaw', 'String', password),
        ('providerKey', 'String!', provider),
        ('groups', '[Int]!', list(groups)),
        ('mustChangePassword', 'Boolean', bool(must_change_password)),
        ('sendWelcomeEmail', 'Boolean', bool(send_welcome_email)),
    ]


def update_user_mutation(user_id, changes):
    """Only the keys in ``changes`` (snake_case, see UPDATE_ARGUMENTS) are sent."""
    arguments = [('id', 'Int!', user_id)]
    for key in sorted(changes):
        api_name, kind = UPDATE_ARGUMENTS[key]
        arguments.append((api_name, kind, changes[key]))
    return 'users', 'update', arguments


def delete_user_mutation(user_id, replace_id):
    return 'users', 'delete', [('id', 'Int!', user_id), ('replaceId', 'Int!', replace_id)]


def set_user_active_mutation(user_id, active):
    return 'users', 'activate' if active else 'deactivate', [('id', 'Int!', user_id)]


def verify_user_mutation(user_id):
    return 'users', 'verify', [('id', 'Int!', user_id)]


def create_user(transport, *args, **kwargs):
    run_mutation(transport, *create_user_mutation(*args, **kwargs))


def update_user(transport, user_id, changes):
    run_mutation(transport, *update_user_mutation(user_id, changes))


def delete_user(transport, user_id, replace_id):
    run_mutation(transport, *delete_user_mutation(user_id, replace_id))


def set_user_active(transport, user_id, active):
    run_mutation(transport, *set_user_active_mutation(user_id, active))


def verify_user(transport, user_id):
    run_mutation(transport, *verify_user_mutation(user_id))
