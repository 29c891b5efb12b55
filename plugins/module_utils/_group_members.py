# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""Items of the wikijs_group ``members`` option -> user ids, and the membership a group should end up with.

Plain functions on the ``users.list`` rows; nothing here talks to the server.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._groups import ADMINISTRATORS_GROUP_ID
from ansible_collections.wikijs.wikijs.plugins.module_utils._users import (
    ADMIN_USER_ID, GUEST_USER_ID, find_user_by_email, find_user_by_id)


def parse_member_ref(ref):
    """One ``members`` item -> ``('id', N)`` or ``('email', S, provider or None)``, without asking the server.

    A string of digits is an id: templated integers arrive as strings, and no email is only digits.
    """
    if isinstance(ref, dict):
        if set(ref) == {'id'}:
            value = ref['id']
            if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())):
                _refuse('{id: %r} is not an integer user id' % (value,))
            return 'id', int(value)
        if 'email' in ref and set(ref) <= {'email', 'provider'}:
            email, provider = ref['email'], ref.get('provider')
            if not isinstance(email, str) or '@' not in email or (provider is not None and not isinstance(provider, str)):
                _refuse('{email: %r, provider: %r} needs an email and, optionally, a provider key (strings)' % (email, provider))
            return 'email', email.strip(), provider
        _refuse('an item given as a mapping is {id: N} or {email: S} with an optional provider; got keys %s' % sorted(ref))
    if isinstance(ref, int) and not isinstance(ref, bool):
        return 'id', ref
    if isinstance(ref, str) and ref.strip().isdigit():
        return 'id', int(ref.strip())
    if isinstance(ref, str) and '@' in ref:
        return 'email', ref.strip(), None
    return _refuse('%r is neither a user id nor an email address' % (ref,))


def _refuse(message):
    raise WikiJsValueError('members', message)


def resolve_member(ref, users):
    """The id of the existing user one ``members`` item names."""
    parsed = parse_member_ref(ref)
    if parsed[0] == 'id':
        if find_user_by_id(users, parsed[1]) is None:
            _refuse('no user with id %d' % parsed[1])
        return parsed[1]
    email, provider = parsed[1], parsed[2]
    if provider is not None:
        user = find_user_by_email(users, email, provider)
        if user is None:
            _refuse('no user %s with provider "%s"' % (email, provider))
        return user['id']
    matches = sorted(u['id'] for u in users if u['email'].lower() == email.lower())
    if not matches:
        _refuse('no user with email %s' % email)
    if len(matches) > 1:
        _refuse('%s is the email of users %s (different providers); give the id or {email: %s, provider: ...}'
                % (email, ', '.join(str(i) for i in matches), email))
    return matches[0]


def target_member_ids(params, group_id, current_ids, users):
    """(ids to assign, ids to unassign), both sorted, or ``([], [])`` when ``members`` is not given.

    Every item is resolved first, so an unknown member fails before any change.
    """
    if params.get('members') is None:
        return [], []
    wanted = set(resolve_member(ref, users) for ref in params['members'])
    current = set(current_ids)
    action = params.get('members_action') or 'replace'
    target = current | wanted if action == 'add' else (current - wanted if action == 'remove' else wanted)
    to_add, to_remove = sorted(target - current), sorted(current - target)
    if GUEST_USER_ID in to_add or GUEST_USER_ID in to_remove:
        _refuse('user 2 (the guest account) cannot be added to or removed from a group')
    if group_id == ADMINISTRATORS_GROUP_ID and ADMIN_USER_ID in to_remove:
        _refuse('user 1 (the administrator) is never removed from Administrators')
    return to_add, to_remove


def member_item(user):
    return {'id': user['id'], 'email': user['email'], 'name': user['name']}
