# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""A whole roster of users -> one plan, for the wikijs_users module.

Every entry is planned by ``_user_plan.plan_user``, the code wikijs_user uses,
so the rules exist once; this file only merges ``defaults``, finds which users
the entries and ``exclusive`` select, and decides what must be read. All reads
happen in ``read_and_plan``, before anything is changed.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._groups import resolve_group_refs
from ansible_collections.wikijs.wikijs.plugins.module_utils._user_options import USER_OPTION_DEFAULTS
from ansible_collections.wikijs.wikijs.plugins.module_utils._user_plan import (
    PROFILE_FIELDS, group_items, plan_user, provider_of, resolve_reassign_target, select_user)
from ansible_collections.wikijs.wikijs.plugins.module_utils._users import (
    SYSTEM_USER_IDS, get_users, list_users_groups_and_providers, read_users_groups_members)

# The order in which apply sends each kind of mutation: creations first and deletions last, so that a user
# created in this run can receive the content of one deleted.
PHASES = ('users.create', 'users.update', 'users.activate', 'users.verify', 'users.deactivate', 'users.delete')
# Managed fields that users.list does not carry: an entry setting one needs the full user.
FULL_READ_KEYS = ('verified',) + PROFILE_FIELDS
SHOWN_REMOVALS = 5


class RosterUser(object):
    """One user the run changes: its diff key, stored email and provider, summary bucket and per-user plan."""

    def __init__(self, email, provider, plan):
        self.key = user_key(email, provider)
        self.email, self.provider, self.plan = email.lower(), provider, plan
        self.bucket = _bucket(plan)


class RosterPlan(object):
    """The per-user plans in roster order (unlisted users last) and the listed users left alone."""

    def __init__(self, users, unchanged, placeholders):
        self.users = users
        self.unchanged = unchanged
        # id given to a user created in this run while it has none yet -> its RosterUser
        self.placeholders = placeholders

    @property
    def changed(self):
        return bool(self.users)

    def report(self):
        """The operations in the order apply sends them."""
        return [dict(operation.report(), user=user.key) for phase in PHASES for user in self.users
                for operation in user.plan.operations if operation.name == phase]

    def diff(self):
        return {'before': dict((user.key, user.plan.before) for user in self.users),
                'after': dict((user.key, user.plan.after) for user in self.users)}


def user_key(email, provider):
    email = email.lower()
    return email if provider == 'local' else '%s (%s)' % (email, provider)


def summary(buckets, unchanged):
    """Counts per bucket and, for each non-empty one but ``unchanged``, the emails in it."""
    result = dict((name, len(buckets.get(name, []))) for name in ('created', 'updated', 'deactivated', 'activated', 'deleted'))
    result['unchanged'] = unchanged
    for name, emails in buckets.items():
        if emails:
            result[name + '_emails'] = list(emails)
    return result


def _bucket(plan):
    names = [operation.name for operation in plan.operations]
    for operation, bucket in (('users.create', 'created'), ('users.delete', 'deleted'),
                              ('users.deactivate', 'deactivated'), ('users.activate', 'activated')):
        if operation in names:
            return bucket
    return 'updated'


def _in_entry(index, function, *args):
    """Run a per-user check; its option errors name the entry."""
    try:
        return function(*args)
    except WikiJsValueError as exc:
        if exc.option in ('users', 'defaults', 'exclusive_scope', 'max_removals') or exc.option is None:
            raise
        raise WikiJsValueError('users[%d].%s' % (index, exc.option), exc.message)


def entry_params(entry, defaults, reassign_content_to):
    """An entry's options: its own values, then ``defaults``, then wikijs_user's defaults."""
    params = dict(USER_OPTION_DEFAULTS, reassign_content_to=reassign_content_to)
    for source in (defaults or {}, entry or {}):
        params.update((key, value) for key, value in source.items() if value is not None)
    return params


def check_options(params):
    defaults = params.get('defaults') or {}
    given = sorted(key for key in ('email', 'id') if defaults.get(key) is not None)
    if given:
        raise WikiJsValueError('defaults', '%s select one user and cannot be a default' % ' and '.join(given))
    if params['max_removals'] < -1:
        raise WikiJsValueError('max_removals', 'must be -1 (no limit) or at least 0, got %d' % params['max_removals'])
    if params['exclusive'] and not params['users'] and params['max_removals'] != -1:
        raise WikiJsValueError('users', 'is empty and exclusive is true, which would remove every user in scope; '
                               'set max_removals to -1 if that is really meant')


def select_entries(params, users, providers):
    """[(index, params, listed user or None)], refusing two entries that select the same user."""
    selected, seen = [], {}
    for index, entry in enumerate(params['users']):
        options = entry_params(entry, params.get('defaults'), params['reassign_content_to'])
        listed = _in_entry(index, select_user, options, users, providers)
        if listed is not None:
            identity, label = ('id', listed['id']), 'user %d (%s)' % (listed['id'], listed['email'])
        elif options.get('id') is not None:
            identity, label = ('id', options['id']), 'user %d' % options['id']
        else:
            identity = ('new', options['email'].strip().lower(), provider_of(options))
            label = user_key(identity[1], identity[2])
        if identity in seen:
            raise WikiJsValueError('users', 'users[%d] and users[%d] both select %s' % (seen[identity], index, label))
        seen[identity] = index
        selected.append((index, options, listed))
    return selected


def scope_filter(params, groups, providers):
    """The test an unlisted user must pass to be removed."""
    scope = params.get('exclusive_scope') or {}
    scope_providers = scope.get('providers')
    for provider in scope_providers or []:
        if providers is not None and provider not in providers:
            raise WikiJsValueError('exclusive_scope', 'unknown authentication strategy "%s" in providers' % provider)
    group_ids = resolve_group_refs(scope.get('groups'), groups, option='exclusive_scope') if scope.get('groups') else None

    def in_scope(user, members):
        if user['id'] in SYSTEM_USER_IDS:
            return False
        if scope_providers is not None and user['provider'] not in scope_providers:
            return False
        return group_ids is None or any(user['id'] in (members.get(gid) or ()) for gid in group_ids)
    return in_scope


def read_and_plan(transport, params):
    """Every read, then the plan. Nothing here changes the server."""
    check_options(params)
    users, groups, providers = list_users_groups_and_providers(transport)
    selected = select_entries(params, users, providers)
    in_scope = scope_filter(params, groups, providers)
    # Removals show the groups of a deleted user, and a scope by group needs them to decide.
    need_members = params['exclusive'] or any(
        listed is not None and (options['state'] == 'absent' or options.get('groups') is not None)
        for dummy, options, listed in selected)
    members = {}
    if need_members:
        members = read_users_groups_members(transport, users=False, member_group_ids=[g['id'] for g in groups])[2]
    full_ids = [listed['id'] for dummy, options, listed in selected if listed is not None and options['state'] == 'present'
                and any(options.get(key) is not None for key in FULL_READ_KEYS)]
    full = dict((user['id'], user) for user in get_users(transport, full_ids))
    return plan_roster(params, users, groups, selected, members, full, in_scope)


def _current(listed, groups, members, full):
    if listed['id'] in full:
        return full[listed['id']]
    current = dict(listed)
    if members:
        current['groups'] = group_items([gid for gid, ids in members.items() if ids and listed['id'] in ids], groups)
    return current


def plan_roster(params, users, groups, selected, members, full, in_scope):
    """Plain data -> RosterPlan; every check runs here, before any change."""
    # A user created in this run may receive content: until it has an id it stands in with a negative one.
    placeholders, known = {}, list(users)
    for index, options, listed in selected:
        if listed is None and options['state'] == 'present' and options.get('email'):
            known.append({'id': -1 - index, 'email': options['email'].strip().lower(), 'provider': provider_of(options)})
    changes, unchanged = [], 0
    for index, options, listed in selected:
        current = _current(listed, groups, members, full) if listed is not None else None
        plan = _in_entry(index, plan_user, options, current, known, groups)
        if not plan.changed:
            unchanged += 1
            continue
        if current is None:
            user = RosterUser(options['email'].strip(), provider_of(options), plan)
            placeholders[-1 - index] = user
        else:
            user = RosterUser(current['email'], current['provider'], plan)
        changes.append(user)
    changes += _plan_removals(params, users, known, groups, members, selected, in_scope)
    for operation in (operation for user in changes for operation in user.plan.operations):
        # Like any id of a user created in this run, the stand-in id is not shown.
        if (operation.args.get('replace_id') or 0) < 0:
            operation.args['replace_id'] = None
    return RosterPlan(changes, unchanged, placeholders)


def _plan_removals(params, users, known, groups, members, selected, in_scope):
    if not params['exclusive']:
        return []
    listed_ids = set(listed['id'] for dummy, dummy2, listed in selected if listed is not None)
    target = resolve_reassign_target(params['reassign_content_to'], known)
    removals = []
    for user in users:
        if user['id'] in listed_ids or not in_scope(user, members):
            continue
        options = dict(USER_OPTION_DEFAULTS, id=user['id'], reassign_content_to=target)
        if params['unlisted_action'] == 'delete':
            if user['id'] == target:
                raise WikiJsValueError('reassign_content_to', 'user %d (%s) is unlisted and in exclusive_scope, so it '
                                       'would be deleted; list it or name another user' % (user['id'], user['email']))
            options['state'] = 'absent'
        else:
            options['active'] = False
        plan = plan_user(options, _current(user, groups, members, {}), known, groups)
        if plan.changed:
            removals.append(RosterUser(user['email'], user['provider'], plan))
    limit = params['max_removals']
    if limit != -1 and len(removals) > limit:
        shown = ', '.join(user.email for user in removals[:SHOWN_REMOVALS])
        raise WikiJsValueError('max_removals', 'exclusive would %s %d users, more than %d: %s%s; nothing was changed'
                               % (params['unlisted_action'], len(removals), limit, shown,
                                  ', ...' if len(removals) > SHOWN_REMOVALS else ''))
    return removals
