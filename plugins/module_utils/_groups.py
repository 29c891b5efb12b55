# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""Wiki.js groups: reads, membership changes, and resolving ``groups`` option items."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._transport import run_mutation

GROUP_LIST_FIELDS = 'id name isSystem userCount createdAt updatedAt'
ADMINISTRATORS_GROUP_ID = 1
GUESTS_GROUP_ID = 2

LIST_GROUPS = 'query { groups { list { %s } } }' % GROUP_LIST_FIELDS


def group_from_api(raw):
    """GroupMinimal -> plain snake_case dict."""
    return {
        'id': raw['id'],
        'name': raw['name'],
        'system': raw['isSystem'],
        'user_count': raw.get('userCount'),
        'created_at': raw.get('createdAt'),
        'updated_at': raw.get('updatedAt'),
    }


def list_groups(transport):
    data = transport.execute(LIST_GROUPS, operation='groups.list')
    return [group_from_api(raw) for raw in data['groups']['list']]


def get_group(transport, group_id):
    """One group with its permissions and member ids, or None: ``groups.single`` answers null for an unknown id."""
    document = ('query ($id: Int!) { groups { single(id: $id) { id name isSystem redirectOnLogin permissions '
                'createdAt updatedAt users { id } } } }')
    raw = transport.execute(document, {'id': group_id}, operation='groups.single')['groups']['single']
    if raw is None:
        return None
    group = group_from_api(raw)
    group.update(redirect_on_login=raw['redirectOnLogin'], permissions=sorted(raw['permissions']),
                 user_ids=sorted(user['id'] for user in raw['users'] or []), user_count=len(raw['users'] or []))
    return group


def assign_user(transport, group_id, user_id):
    run_mutation(transport, 'groups', 'assignUser', [('groupId', 'Int!', group_id), ('userId', 'Int!', user_id)])


def unassign_user(transport, group_id, user_id):
    run_mutation(transport, 'groups', 'unassignUser', [('groupId', 'Int!', group_id), ('userId', 'Int!', user_id)])


def _describe(ref):
    return repr(ref) if not isinstance(ref, str) else '"%s"' % ref


def parse_group_ref(ref, option='groups'):
    """One ``groups`` item -> ``('id', N)`` or ``('name', S)``, without asking the server.

    An integer is an id, a string a name (exact, case-sensitive), and
    ``{id: N}`` / ``{name: S}`` say which explicitly, for templated values
    that arrive as strings. Booleans and other types are refused rather than
    guessed at.
    """
    if isinstance(ref, dict):
        if len(ref) != 1 or not set(ref) <= {'id', 'name'}:
            raise WikiJsValueError(option, 'an item given as a mapping needs exactly one key, id or name; got %s' % sorted(ref))
        key, value = list(ref.items())[0]
        if key == 'id':
            if isinstance(value, bool):
                raise WikiJsValueError(option, '{id: %s} is not an integer group id' % _describe(value))
            try:
                return 'id', int(value)
            except (TypeError, ValueError):
                raise WikiJsValueError(option, '{id: %s} is not an integer group id' % _describe(value))
        if not isinstance(value, str):
            raise WikiJsValueError(option, '{name: %s} is not a group name (string)' % _describe(value))
        return 'name', value
    if isinstance(ref, bool) or not isinstance(ref, (int, str)):
        raise WikiJsValueError(
            option, '%s is neither a group id (integer) nor a group name (string)' % _describe(ref))
    return ('id', ref) if isinstance(ref, int) else ('name', ref)


def resolve_group_ref(ref, groups, option='groups'):
    """Return the id of the existing group that one ``groups`` item names."""
    kind, value = parse_group_ref(ref, option)
    if kind == 'id':
        if not any(group['id'] == value for group in groups):
            raise WikiJsValueError(option, 'no group with id %d' % value)
        return value
    matches = sorted(group['id'] for group in groups if group['name'] == value)
    if len(matches) > 1:
        raise WikiJsValueError(option, 'the name "%s" is shared by groups %s; give the id instead' % (
            value, ', '.join(str(i) for i in matches)))
    if not matches:
        hint = ''
        if value.strip().isdigit():
            hint = '; to give a group id, write it as an integer or as {id: %s}' % value.strip()
        raise WikiJsValueError(option, 'no group named "%s"%s' % (value, hint))
    return matches[0]


def resolve_group_refs(refs, groups, option='groups'):
    """Resolve every item of a ``groups`` option; return the ids, unique, in order."""
    ids = []
    for ref in refs or []:
        group_id = resolve_group_ref(ref, groups, option)
        if group_id not in ids:
            ids.append(group_id)
    return ids
