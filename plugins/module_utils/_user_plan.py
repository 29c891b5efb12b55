# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""Desired user state + current state -> Plan, for the wikijs_user module.

Plain functions on plain dicts (``params`` is the module's options). Every
check runs while the plan is built, so bad input fails before the first
change. Nothing here knows about check mode.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._groups import ADMINISTRATORS_GROUP_ID, resolve_group_refs
from ansible_collections.wikijs.wikijs.plugins.module_utils._plan import SECRET_MARKER, Operation, Plan
from ansible_collections.wikijs.wikijs.plugins.module_utils._user_create import run_create
from ansible_collections.wikijs.wikijs.plugins.module_utils._users import (
    ADMIN_USER_ID, GUEST_USER_ID, SYSTEM_USER_IDS, create_user_mutation, delete_user, delete_user_mutation,
    find_user_by_email, find_user_by_id, set_user_active, set_user_active_mutation, update_user,
    update_user_mutation, verify_user, verify_user_mutation)

PROFILE_FIELDS = ('location', 'job_title', 'timezone', 'date_format', 'appearance')
# users.update ignores an empty string for these, so "clearing" one would report a change that never happens.
NOT_CLEARABLE = ('name', 'email', 'location', 'job_title', 'timezone')
TRIMMED = ('name', 'location', 'job_title')
# What users.create leaves in the fields it does not take (API.md 4.3).
CREATED_DEFAULTS = {'active': True, 'verified': True, 'system': False, 'tfa_active': False, 'location': '',
                    'job_title': '', 'timezone': 'America/New_York', 'date_format': '', 'appearance': '',
                    'created_at': None, 'updated_at': None, 'last_login_at': None}
DIFF_KEYS = ('email', 'provider', 'name', 'groups', 'active', 'verified') + PROFILE_FIELDS
# The API cannot compare passwords: the diff shows that one is set or changed, never its value.
PASSWORD_SET = '(set)'
PASSWORD_HIDDEN = '(hidden)'
PASSWORD_CHANGED = '(changed)'
# The format Wiki.js checks emails against (ajv "email").
EMAIL_PATTERN = re.compile(r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
                           r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$", re.IGNORECASE)
MAX_LENGTH = 255
MIN_PASSWORD = 6


def describe_user(user_id):
    return {ADMIN_USER_ID: 'user 1 (the administrator)', GUEST_USER_ID: 'user 2 (the guest account)'}.get(
        user_id, 'user %s' % user_id)


def provider_of(params):
    # No default in the argspec, so that one given with ``id`` can be checked against the user's.
    return params.get('provider') or 'local'


def select_user(params, users, providers=None):
    """The listed user the options point at, or None. Under state absent an unknown provider only
    means that the user cannot exist: nothing to do."""
    if params.get('id') is not None:
        user = find_user_by_id(users, params['id'])
        if user is None and params['state'] == 'present':
            raise WikiJsValueError('id', 'user %s does not exist' % params['id'])
        if user is not None and params.get('provider') and params['provider'] != user['provider']:
            raise WikiJsValueError('provider', '"%s" is not the provider of user %s, which is "%s"; drop provider or '
                                   'set it to "%s"' % (params['provider'], user['id'], user['provider'], user['provider']))
        return user
    if not params.get('email'):
        raise WikiJsValueError('email', 'required unless id is given')
    provider = provider_of(params)
    # A strategy removed from the wiki can still own users, so those count as known too.
    if params['state'] == 'present' and providers is not None and provider not in providers and \
            not any(u['provider'] == provider for u in users):
        raise WikiJsValueError('provider', 'unknown authentication strategy "%s"; this wiki has %s'
                               % (provider, ', '.join('"%s"' % key for key in providers) or 'none'))
    return find_user_by_email(users, params['email'], provider)


def check_values(params, creating):
    """Formats and lengths of the values that would be sent."""
    for option in NOT_CLEARABLE:
        if params.get(option) == '':
            raise WikiJsValueError(option, 'cannot be set to an empty string: Wiki.js ignores it, so the field cannot be cleared')
    for option in ('name',) + PROFILE_FIELDS:
        if params.get(option) is not None and len(params[option]) > MAX_LENGTH:
            raise WikiJsValueError(option, 'at most %d characters, got %d' % (MAX_LENGTH, len(params[option])))
    if params.get('name') is not None and len(params['name'].strip()) < 2:
        raise WikiJsValueError('name', 'at least 2 characters, got "%s"' % params['name'])
    email = params.get('email')
    if email is not None and (len(email) > MAX_LENGTH or not EMAIL_PATTERN.match(email)):
        # A pasted 10,000-character value must not flood the message: its start is enough to find it.
        shown = email if len(email) <= 80 else '%s... (%d characters)' % (email[:60], len(email))
        raise WikiJsValueError('email', '"%s" is not a valid email address (at most %d characters)' % (shown, MAX_LENGTH))
    password = params.get('password')
    sent = creating or params.get('update_password') == 'always'
    if password is not None and sent and len(password) < MIN_PASSWORD:
        raise WikiJsValueError('password', 'at least %d characters' % MIN_PASSWORD)


def resolve_reassign_target(ref, users):
    """``reassign_content_to`` (an id or an email) -> the id of an existing user."""
    if isinstance(ref, str) and ref.strip().isdigit():
        ref = int(ref.strip())
    if isinstance(ref, int) and not isinstance(ref, bool):
        if find_user_by_id(users, ref) is None:
            raise WikiJsValueError('reassign_content_to', 'user %d does not exist' % ref)
        return ref
    if not isinstance(ref, str) or '@' not in ref:
        raise WikiJsValueError('reassign_content_to', 'give a user id (integer) or an email, got %r' % (ref,))
    matches = sorted(u['id'] for u in users if u['email'].lower() == ref.strip().lower())
    if not matches:
        raise WikiJsValueError('reassign_content_to', 'no user with email %s' % ref)
    if len(matches) > 1:
        raise WikiJsValueError('reassign_content_to', 'users %s all use %s (under different providers); give the id'
                               % (', '.join(str(i) for i in matches), ref))
    return matches[0]


def target_group_ids(params, current_ids, groups):
    """The sorted group ids the user should end up in, or None to leave membership alone."""
    if params.get('groups') is None:
        return None
    wanted = set(resolve_group_refs(params['groups'], groups))
    action = params.get('groups_action') or 'replace'
    if action == 'add':
        return sorted(set(current_ids) | wanted)
    if action == 'remove':
        return sorted(set(current_ids) - wanted)
    return sorted(wanted)


def group_items(group_ids, groups):
    names = dict((g['id'], g['name']) for g in groups)
    return [{'id': gid, 'name': names.get(gid)} for gid in sorted(group_ids)]


def managed_view(user):
    """The diff form of a user: managed fields only, groups as sorted names."""
    view = dict((key, user[key]) for key in DIFF_KEYS if key in user and key != 'groups')
    view['groups'] = sorted(g['name'] for g in user.get('groups') or [])
    return view


def plan_user(params, current, users, groups):
    """The plan for one ``wikijs_user`` task; ``current`` is the full user or None."""
    if params['state'] == 'absent':
        return _plan_delete(params, current, users)
    check_values(params, creating=current is None)
    if current is None:
        return _plan_create(params, groups)
    return _plan_update(params, current, users, groups)


def _plan_delete(params, current, users):
    # Only what a delete needs, and only when one will happen: an offboarding rerun must be ok
    # even when the user named in reassign_content_to is gone too.
    if current is None:
        return Plan(expected={})
    user_id = current['id']
    if user_id in SYSTEM_USER_IDS:
        raise WikiJsValueError('state', '%s is a system account and cannot be deleted' % describe_user(user_id))
    target_id = resolve_reassign_target(params.get('reassign_content_to', ADMIN_USER_ID), users)
    if target_id == user_id:
        raise WikiJsValueError('reassign_content_to', 'user %d is the user being deleted; name another user' % user_id)
    operation = Operation('users.delete', {'id': user_id, 'replace_id': target_id},
                          lambda transport, context: delete_user(transport, user_id, target_id),
                          mutation=lambda context: delete_user_mutation(user_id, target_id))
    return Plan([operation], before=managed_view(current), after={}, expected={}, context={'user_id': user_id})


def _plan_create(params, groups):
    email = params['email'].lower()
    if not params.get('name'):
        raise WikiJsValueError('name', 'required to create user %s' % email)
    provider = provider_of(params)
    if provider == 'local' and params.get('password') is None:
        raise WikiJsValueError('password', 'required to create a local user (%s)' % email)
    if params.get('verified') is False:
        raise WikiJsValueError('verified', 'Wiki.js creates users verified and cannot un-verify them')
    group_ids = target_group_ids(params, [], groups) or []
    fields = dict(email=email, name=params['name'], password=params.get('password'), provider=provider,
                  groups=group_ids, must_change_password=bool(params.get('must_change_password')),
                  send_welcome_email=bool(params.get('send_welcome_email')))
    args = dict((key, value) for key, value in fields.items() if key != 'password')
    if fields['password'] is not None:
        args['password'] = SECRET_MARKER
    fresh = dict(CREATED_DEFAULTS, id=None, email=email, name=params['name'], provider=provider,
                 groups=group_items(group_ids, groups))
    create = Operation('users.create', args, lambda transport, context: run_create(transport, context, fields),
                       mutation=lambda context: create_user_mutation(**fields))
    follow_ups, dummy, dummy2, expected = _changes(params, fresh, [], groups, user_id=None)
    after = managed_view(expected)
    if fields['password'] is not None:
        after['password'] = PASSWORD_SET
    return Plan([create] + follow_ups, before={}, after=after, expected=expected)


def _plan_update(params, current, users, groups):
    operations, before, after, expected = _changes(params, current, users, groups, user_id=current['id'])
    if current['id'] == GUEST_USER_ID and operations:
        raise WikiJsValueError('id' if params.get('id') is not None else 'email',
                               '%s is never edited by this module; it would change %s'
                               % (describe_user(GUEST_USER_ID), ', '.join(sorted(after))))
    return Plan(operations, before=before, after=after, expected=expected, context={'user_id': current['id']})


def _changes(params, current, users, groups, user_id):
    """Operations, diff and predicted user for the differences between ``params`` and ``current``.

    ``user_id`` is None for a user that ``users.create`` makes earlier in the same plan.
    """
    updates, before, after = {}, {}, {}
    expected = dict(current)
    if params.get('id') is not None and params.get('email') is not None and \
            params['email'].lower() != current['email'].lower():
        new_email = params['email'].lower()
        owner = find_user_by_email(users, new_email, current['provider'])
        if owner is not None and owner['id'] != current['id']:
            raise WikiJsValueError('email', '%s already belongs to user %d (provider "%s")'
                                   % (new_email, owner['id'], current['provider']))
        updates['email'] = new_email
    for key in ('name',) + PROFILE_FIELDS:
        wanted = params.get(key)
        # Wiki.js stores these trimmed; comparing untrimmed would report a change on every run.
        if wanted is not None and key in TRIMMED:
            wanted = wanted.strip()
        if wanted is not None and wanted != current.get(key):
            updates[key] = wanted
    for key, value in updates.items():
        before[key], after[key], expected[key] = current.get(key), value, value
    current_ids = [g['id'] for g in current.get('groups') or []]
    new_ids = target_group_ids(params, current_ids, groups)
    if new_ids is not None and new_ids != sorted(current_ids):
        if current['id'] == ADMIN_USER_ID and ADMINISTRATORS_GROUP_ID not in new_ids:
            raise WikiJsValueError('groups', '%s cannot be taken out of Administrators' % describe_user(ADMIN_USER_ID))
        updates['groups'] = new_ids
        expected['groups'] = group_items(new_ids, groups)
        before['groups'] = managed_view(current)['groups']
        after['groups'] = managed_view(expected)['groups']
    args = dict(updates)
    if user_id is not None and params.get('update_password') == 'always' and params.get('password') is not None:
        updates['password'] = params['password']
        args['password'] = SECRET_MARKER
        before['password'], after['password'] = PASSWORD_HIDDEN, PASSWORD_CHANGED
    operations = []
    if updates:
        if user_id is not None:
            args['id'] = user_id
        operations.append(Operation('users.update', args,
                                    lambda transport, context: update_user(transport, context['user_id'], updates),
                                    mutation=lambda context: update_user_mutation(context['user_id'], updates)))
    operations.extend(_state_operations(params, current, user_id, before, after, expected))
    return operations, before, after, expected


def _state_operations(params, current, user_id, before, after, expected):
    """users.activate / deactivate / verify, recording their diff in ``before``/``after``."""
    operations = []
    args = {'id': user_id} if user_id is not None else {}
    active = params.get('active')
    if active is not None and active != current['active']:
        if not active and current['id'] in SYSTEM_USER_IDS:
            raise WikiJsValueError('active', '%s cannot be deactivated' % describe_user(current['id']))
        operations.append(Operation('users.activate' if active else 'users.deactivate', args,
                                    lambda transport, context: set_user_active(transport, context['user_id'], active),
                                    mutation=lambda context: set_user_active_mutation(context['user_id'], active)))
        before['active'], after['active'], expected['active'] = current['active'], active, active
    verified = params.get('verified')
    if verified is False and current.get('verified'):
        raise WikiJsValueError('verified', '%s is verified, and Wiki.js cannot un-verify a user' % describe_user(current['id']))
    if verified and not current.get('verified'):
        operations.append(Operation('users.verify', args,
                                    lambda transport, context: verify_user(transport, context['user_id']),
                                    mutation=lambda context: verify_user_mutation(context['user_id'])))
        before['verified'], after['verified'], expected['verified'] = False, True, True
    return operations
