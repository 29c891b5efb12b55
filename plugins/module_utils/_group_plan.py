# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""Desired group state + current state -> Plan, for the wikijs_group module.

Plain functions on plain dicts (``params`` is the module's options). Every check runs while the plan is built,
so bad input fails before the first change. Nothing here knows about check mode.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._group_members import member_item, target_member_ids
from ansible_collections.wikijs.wikijs.plugins.module_utils._groups import (
    ADMINISTRATORS_GROUP_ID, GUESTS_GROUP_ID, assign_user, create_group, delete_group, unassign_user, update_group)
from ansible_collections.wikijs.wikijs.plugins.module_utils._permissions import (
    DEFAULT_PAGE_RULES, DEFAULT_PERMISSIONS, DEFAULT_REDIRECT, PAGE_RULE_MATCHES, PERMISSIONS, is_safe_regex,
    unknown_permissions)
from ansible_collections.wikijs.wikijs.plugins.module_utils._plan import Operation, Plan
from ansible_collections.wikijs.wikijs.plugins.module_utils._users import find_user_by_id

SYSTEM_GROUPS = {ADMINISTRATORS_GROUP_ID: 'Administrators', GUESTS_GROUP_ID: 'Guests'}
# groups.update takes these four together; the diff keys them by option name.
SETTINGS = ('name', 'permissions', 'page_rules', 'redirect_on_login')
MAX_NAME = 255


def describe_group(group_id, name=None):
    if group_id in SYSTEM_GROUPS:
        return 'group %d (%s)' % (group_id, SYSTEM_GROUPS[group_id])
    return 'group %s' % group_id if name is None else 'group "%s" (id %s)' % (name, group_id)


def select_group(params, groups):
    """The listed group the options point at, or None; fails for a missing ``id`` under state present
    and for a name that several groups share."""
    if params.get('id') is not None:
        for group in groups:
            if group['id'] == params['id']:
                return group
        if params['state'] == 'present':
            raise WikiJsValueError('id', 'group %d does not exist' % params['id'])
        return None
    if params.get('name') is None:
        raise WikiJsValueError('name', 'required unless id is given')
    matches = sorted((g for g in groups if g['name'] == params['name']), key=lambda g: g['id'])
    if len(matches) > 1:
        raise WikiJsValueError('name', 'the name "%s" is shared by groups %s; give the id instead' % (
            params['name'], ', '.join(str(g['id']) for g in matches)))
    return matches[0] if matches else None


def check_permissions(names, option):
    unknown = unknown_permissions(names)
    if unknown:
        raise WikiJsValueError(option, 'unknown permission %s; Wiki.js 2.5 knows %s' % (
            ', '.join('"%s"' % name for name in unknown), ', '.join(PERMISSIONS)))


def canonical_rule(rule):
    """A page rule as compared and sent: roles and locales as sorted sets (their order means nothing)."""
    return {'id': str(rule['id']), 'deny': bool(rule.get('deny', False)), 'match': rule.get('match', 'START'),
            'roles': sorted(set(rule.get('roles') or [])), 'path': rule.get('path', ''),
            'locales': sorted(set(rule.get('locales') or []))}


def canonical_rules(rules):
    return sorted((canonical_rule(rule) for rule in rules), key=lambda r: (r['id'], repr(sorted(r.items()))))


def check_page_rules(rules):
    """Validate ``page_rules`` as Wiki.js would, and before it would: return them canonical, sorted by id."""
    seen = set()
    for rule in rules:
        rule_id = rule.get('id')
        if rule_id is None or str(rule_id) == '':
            raise WikiJsValueError('page_rules', 'every rule needs an id')
        label = 'rule "%s"' % rule_id
        if str(rule_id) in seen:
            raise WikiJsValueError('page_rules', '%s is given twice; rules are keyed by id' % label)
        seen.add(str(rule_id))
        if rule.get('match', 'START') not in PAGE_RULE_MATCHES:
            raise WikiJsValueError('page_rules', '%s: match must be one of %s, got %r' % (
                label, ', '.join(PAGE_RULE_MATCHES), rule.get('match')))
        check_permissions(rule.get('roles') or [], 'page_rules')
        if rule.get('match') == 'REGEX' and not is_safe_regex(rule.get('path', '')):
            raise WikiJsValueError('page_rules', '%s: Wiki.js refuses the REGEX path "%s" as unsafe (invalid syntax, '
                                   'a quantifier inside a quantified group, or more than 25 quantifiers)'
                                   % (label, rule.get('path')))
    return canonical_rules(rules)


def check_values(params):
    if params.get('name') is not None and not params['name'].strip():
        raise WikiJsValueError('name', 'must not be empty')
    if params.get('name') is not None and len(params['name']) > MAX_NAME:
        raise WikiJsValueError('name', 'at most %d characters, got %d' % (MAX_NAME, len(params['name'])))
    check_permissions(params.get('permissions') or [], 'permissions')
    if params.get('page_rules') is not None:
        check_page_rules(params['page_rules'])


def settings_of(group):
    """The four groups.update values of a group, canonical, so that equal settings compare equal."""
    return {'name': group['name'], 'permissions': sorted(set(group['permissions'])),
            'page_rules': canonical_rules(group['page_rules']), 'redirect_on_login': group['redirect_on_login']}


def wanted_settings(params, current):
    wanted = dict(current)
    if params.get('name') is not None:
        wanted['name'] = params['name']
    if params.get('permissions') is not None:
        wanted['permissions'] = sorted(set(params['permissions']))
    if params.get('page_rules') is not None:
        wanted['page_rules'] = canonical_rules(params['page_rules'])
    if params.get('redirect_on_login') is not None:
        # groups.update stores "" as "/": comparing "" would report a change on every run.
        wanted['redirect_on_login'] = params['redirect_on_login'] or DEFAULT_REDIRECT
    return wanted


def managed_view(group):
    """The diff form of a group: managed fields keyed by option name, members as sorted emails."""
    view = settings_of(group)
    view['members'] = sorted(member['email'] for member in group['members'])
    return view


def new_group(name):
    """What groups.create makes (server/app/data.yml of 2.5.314); the server fills id and dates."""
    return {'id': None, 'name': name, 'is_system': False, 'permissions': list(DEFAULT_PERMISSIONS),
            'page_rules': [dict(rule) for rule in DEFAULT_PAGE_RULES], 'redirect_on_login': DEFAULT_REDIRECT,
            'members': [], 'created_at': None, 'updated_at': None}


def plan_group(params, current, users):
    """The plan for one ``wikijs_group`` task; ``current`` is the full group or None, ``users`` the
    ``users.list`` rows (None when ``members`` is not given)."""
    if params['state'] == 'absent':
        return _plan_delete(params, current)
    check_values(params)
    if current is None:
        if params.get('name') is None:
            raise WikiJsValueError('name', 'required to create a group')
        operation = Operation('groups.create', {'name': params['name']},
                              lambda transport, context: context.update(group_id=create_group(transport, params['name'])))
        plan = _plan_changes(params, new_group(params['name']), users, [operation])
        plan.before, plan.after = {}, managed_view(plan.expected)
        return plan
    return _plan_changes(params, current, users, [])


def _plan_delete(params, current):
    if current is None:
        return Plan(expected={})
    group_id = current['id']
    if group_id in SYSTEM_GROUPS:
        raise WikiJsValueError('state', '%s is a system group and cannot be deleted' % describe_group(group_id))
    if current['members'] and not params.get('force'):
        raise WikiJsValueError('force', '%s still has %d member%s; set force: true to delete it with its memberships'
                               % (describe_group(group_id, current['name']), len(current['members']),
                                  '' if len(current['members']) == 1 else 's'))
    operation = Operation('groups.delete', {'id': group_id}, lambda transport, context: delete_group(transport, group_id))
    return Plan([operation], before=managed_view(current), after={}, expected={})


def _check_system(group_id, current, wanted):
    if group_id not in SYSTEM_GROUPS:
        return
    if wanted['name'] != current['name']:
        raise WikiJsValueError('name', '%s is a system group and is never renamed' % describe_group(group_id))
    if group_id == ADMINISTRATORS_GROUP_ID:
        for key in ('permissions', 'page_rules'):
            if wanted[key] != current[key]:
                raise WikiJsValueError(key, 'the %s of %s are never rewritten' % (
                    key.replace('_', ' '), describe_group(group_id)))


def _plan_changes(params, group, users, operations):
    """Operations, diff and predicted group for the differences between ``params`` and ``group``.

    ``group['id']`` is None for a group that groups.create makes earlier in the same plan.
    """
    group_id = group['id']
    current = settings_of(group)
    wanted = wanted_settings(params, current)
    _check_system(group_id, current, wanted)
    before, after = {}, {}
    expected = dict(group, **wanted)
    changed = [key for key in SETTINGS if wanted[key] != current[key]]
    for key in changed:
        before[key], after[key] = current[key], wanted[key]
    with_id = {'id': group_id} if group_id is not None else {}
    if changed:
        args = dict(with_id, **wanted)
        operations.append(Operation('groups.update', args, lambda transport, context: update_group(
            transport, context['group_id'], wanted['name'], wanted['redirect_on_login'], wanted['permissions'],
            wanted['page_rules'])))
    current_ids = [member['id'] for member in group['members']]
    to_add, to_remove = target_member_ids(params, group_id, current_ids, users or [])
    for user_id in to_add:
        operations.append(_membership('groups.assignUser', assign_user, group_id, user_id))
    for user_id in to_remove:
        operations.append(_membership('groups.unassignUser', unassign_user, group_id, user_id))
    if to_add or to_remove:
        kept = [member for member in group['members'] if member['id'] not in to_remove]
        expected['members'] = sorted(kept + [member_item(find_user_by_id(users, uid)) for uid in to_add],
                                     key=lambda member: member['id'])
        before['members'] = managed_view(group)['members']
        after['members'] = managed_view(expected)['members']
    return Plan(operations, before=before, after=after, expected=expected, context={'group_id': group_id})


def _membership(name, call, group_id, user_id):
    args = {'group_id': group_id, 'user_id': user_id} if group_id is not None else {'user_id': user_id}
    return Operation(name, args,
                     lambda transport, context: call(transport, context['group_id'], user_id))
