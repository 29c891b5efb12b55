# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""Wiki.js groups: reads (list, full groups batched by alias), create/update/delete, membership changes,
and resolving ``groups`` option items."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._transport import check_response_result, read_singles, run_mutation

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


# Group.users gives UserMinimal; members are shown as id, email and name.
GROUP_FIELDS = ('id name isSystem redirectOnLogin permissions pageRules { id deny match roles path locales } '
                'createdAt updatedAt users { id email name }')
PAGE_RULE_KEYS = ('id', 'deny', 'match', 'roles', 'path', 'locales')


def page_rule_from_api(raw):
    return dict((key, raw[key]) for key in PAGE_RULE_KEYS)


def group_details_from_api(raw):
    """Group -> the plain dict both group modules return; members sorted by id, page rules by rule id."""
    members = sorted(raw['users'] or [], key=lambda user: user['id'])
    return {
        'id': raw['id'],
        'name': raw['name'],
        'is_system': raw['isSystem'],
        'permissions': sorted(raw['permissions'] or []),
        'page_rules': sorted((page_rule_from_api(rule) for rule in raw['pageRules'] or []), key=lambda r: r['id']),
        'redirect_on_login': raw['redirectOnLogin'],
        'members': [{'id': u['id'], 'email': u['email'], 'name': u['name']} for u in members],
        'created_at': raw['createdAt'],
        'updated_at': raw['updatedAt'],
    }


def get_groups(transport, group_ids):
    """Full groups for ``group_ids``, in that order; None for an unknown id
    (``groups.single`` answers null rather than an error)."""
    return [None if raw is None else group_details_from_api(raw)
            for raw in read_singles(transport, 'groups', group_ids, GROUP_FIELDS)]


def get_group(transport, group_id):
    return get_groups(transport, [group_id])[0]


def create_group(transport, name):
    """groups.create; returns the new group's id (Wiki.js answers with the group it made)."""
    document = ('mutation ($name: String!) { groups { create(name: $name) { '
                'responseResult { succeeded errorCode slug message } group { id } } } }')
    data = transport.execute(document, {'name': name}, operation='groups.create', mutation=True)
    check_response_result('groups.create', data['groups']['create']['responseResult'])
    return data['groups']['create']['group']['id']


def update_group(transport, group_id, name, redirect_on_login, permissions, page_rules):
    """groups.update replaces all four values at once, so callers pass the full merged state."""
    run_mutation(transport, 'groups', 'update', [
        ('id', 'Int!', group_id),
        ('name', 'String!', name),
        ('redirectOnLogin', 'String!', redirect_on_login),
        ('permissions', '[String]!', list(permissions)),
        ('pageRules', '[PageRuleInput]!', [dict((key, rule[key]) for key in PAGE_RULE_KEYS) for rule in page_rules]),
    ])


def delete_group(transport, group_id):
    run_mutation(transport, 'groups', 'delete', [('id', 'Int!', group_id)])


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
