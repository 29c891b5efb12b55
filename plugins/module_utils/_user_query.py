# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""The query behind ``wikijs_user_info``, on plain user dicts.

Validates the options before anything is sent, then filters, sorts and pages
users that have already been read. No I/O and no Ansible imports: the module
decides what to read from the ``UserQuery`` this file builds.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import re

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._groups import parse_group_ref
from ansible_collections.wikijs.wikijs.plugins.module_utils._users import GUEST_USER_ID

SORT_KEYS = ('id', 'email', 'name', 'created_at', 'last_login_at')
SORT_ORDERS = ('asc', 'desc')
DATE_OPTIONS = ('created_after', 'created_before', 'last_login_before')

# What users.list gives, and what a full users.single adds: together the keys
# of wikijs_user's ``user``, so results can feed that module directly.
LIST_KEYS = ('id', 'email', 'name', 'provider', 'active', 'system', 'created_at', 'last_login_at')
DETAIL_KEYS = LIST_KEYS + ('verified', 'location', 'job_title', 'timezone', 'date_format', 'appearance',
                           'tfa_active', 'updated_at', 'groups')

_DATETIME = re.compile(
    r'^(\d{4})-(\d{2})-(\d{2})'
    r'(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?'
    r'\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$')

# Sorts before every real date, so that "never logged in" counts as the oldest login.
_NEVER = datetime.datetime(1, 1, 1)


def parse_datetime(text, option=None):
    """ISO date or datetime -> naive datetime in UTC.

    A date alone means 00:00 UTC, and so does a datetime without an offset:
    Wiki.js keeps every date in UTC, so that is the only reading that does not
    depend on where the playbook runs.
    """
    match = _DATETIME.match(str(text).strip())
    if not match:
        raise WikiJsValueError(option, '"%s" is not an ISO 8601 date (YYYY-MM-DD) or datetime (YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])' % text)
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or '0')[:6].ljust(6, '0'))
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), micro)
    except ValueError as exc:
        raise WikiJsValueError(option, '"%s" is not a valid date: %s' % (text, exc))
    if zone and zone not in ('Z', 'z'):
        digits = zone[1:].replace(':', '')
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        moment = moment - offset if zone[0] == '+' else moment + offset
    return moment


def _group_ref_id(ref):
    """The id a ``groups`` item names directly, or None for a name; bad items fail before any request."""
    kind, value = parse_group_ref(ref)
    return value if kind == 'id' else None


class UserQuery:
    """Validated options of one query; built by ``from_params`` before any request."""

    def __init__(self, params):
        self.user_id = params.get('id')
        self.email = params.get('email')
        self.search = params.get('search')
        self.provider = params.get('provider')
        self.active = params.get('active')
        self.verified = params.get('verified')
        self.include_system = bool(params.get('include_system'))
        self.sort_by = params.get('sort_by') or 'id'
        self.sort_order = params.get('sort_order') or 'asc'
        self.limit = params.get('limit')
        self.offset = params.get('offset') or 0
        self.details = bool(params.get('details'))
        self.groups = list(params.get('groups') or [])
        self.dates = {}

    @classmethod
    def from_params(cls, params):
        query = cls(params)
        if query.sort_by not in SORT_KEYS:
            raise WikiJsValueError('sort_by', 'must be one of %s, got "%s"' % (', '.join(SORT_KEYS), query.sort_by))
        if query.sort_order not in SORT_ORDERS:
            raise WikiJsValueError('sort_order', 'must be one of %s, got "%s"' % (', '.join(SORT_ORDERS), query.sort_order))
        for option in ('limit', 'offset'):
            value = getattr(query, option)
            if value is not None and value < 0:
                raise WikiJsValueError(option, 'must be 0 or more, got %d' % value)
        for option in DATE_OPTIONS:
            if params.get(option) not in (None, ''):
                query.dates[option] = parse_datetime(params[option], option)
        query.group_ids = [_group_ref_id(ref) for ref in query.groups]
        return query

    @property
    def groups_by_id_only(self):
        """True when every ``groups`` item is an id: no group list is needed to resolve them."""
        return all(group_id is not None for group_id in self.group_ids)

    def matches(self, user, member_ids=None):
        """Whether ``user`` (list fields) passes every filter except ``verified``.

        ``member_ids`` is the set of users in any of the wanted groups, or None
        when ``groups`` was not given.
        """
        if user['id'] == GUEST_USER_ID or user.get('system'):
            if not self.include_system:
                return False
        if self.user_id is not None and user['id'] != self.user_id:
            return False
        if self.email is not None and user['email'].lower() != self.email.strip().lower():
            return False
        if self.provider is not None and user['provider'] != self.provider:
            return False
        if self.search is not None:
            needle = self.search.lower()
            if needle not in user['email'].lower() and needle not in user['name'].lower():
                return False
        if self.active is not None and user['active'] != self.active:
            return False
        if member_ids is not None and user['id'] not in member_ids:
            return False
        return self._dates_match(user)

    def _dates_match(self, user):
        created = _server_datetime(user['created_at'])
        if 'created_after' in self.dates and not created > self.dates['created_after']:
            return False
        if 'created_before' in self.dates and not created < self.dates['created_before']:
            return False
        if 'last_login_before' in self.dates:
            last_login = _server_datetime(user['last_login_at'])
            if last_login is not None and not last_login < self.dates['last_login_before']:
                return False
        return True

    def matches_verified(self, user):
        return self.verified is None or user['verified'] == self.verified

    def sort(self, users):
        """Sorted copy; ties keep id order in both directions."""
        ordered = sorted(users, key=lambda user: user['id'])
        key = _SORT_KEY_FUNCTIONS[self.sort_by]
        return sorted(ordered, key=key, reverse=self.sort_order == 'desc')

    def page(self, users):
        """The slice that ``offset`` and ``limit`` select, after filtering and sorting."""
        end = None if self.limit is None else self.offset + self.limit
        return users[self.offset:end]

    def shape(self, user):
        """The returned form: list fields, plus what details or the verified filter read."""
        keys = DETAIL_KEYS if self.details else LIST_KEYS + (('verified',) if self.verified is not None else ())
        return dict((key, user[key]) for key in keys if key in user)


def _server_datetime(text):
    """A Wiki.js Date value (ISO, UTC) -> naive UTC datetime; None stays None."""
    return None if text is None else parse_datetime(text)


_SORT_KEY_FUNCTIONS = {
    'id': lambda user: user['id'],
    'email': lambda user: user['email'].lower(),
    'name': lambda user: user['name'].lower(),
    'created_at': lambda user: _server_datetime(user['created_at']),
    'last_login_at': lambda user: _server_datetime(user['last_login_at']) or _NEVER,
}
