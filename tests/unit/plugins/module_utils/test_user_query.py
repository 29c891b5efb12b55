# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._user_query import (
    DETAIL_KEYS,
    LIST_KEYS,
    UserQuery,
    parse_datetime,
)


def user(uid, email, name, created, last_login=None, active=True, provider='local', system=False, **extra):
    record = {'id': uid, 'email': email, 'name': name, 'provider': provider, 'active': active, 'system': system,
              'created_at': created, 'last_login_at': last_login}
    record.update(extra)
    return record


USERS = [
    user(2, 'guest@example.com', 'Guest', '2026-01-01T00:00:00.000Z', system=True),
    user(1, 'admin@example.com', 'Administrator', '2026-01-01T00:00:00.001Z', '2026-04-01T08:00:00.000Z'),
    user(5, 'bob@example.com', 'bravo', '2026-03-01T00:00:00.000Z', '2026-02-28T23:59:59.999Z'),
    user(3, 'ann@example.com', 'Alpha', '2026-02-15T10:00:00.000Z', None, active=False),
    user(4, 'CAT@example.com', 'Charlie', '2026-03-01T00:00:00.001Z', '2026-03-05T00:00:00.000Z', provider='ldap'),
]


def run(params, users=None, member_ids=None):
    query = UserQuery.from_params(params)
    found = [u for u in (USERS if users is None else users) if query.matches(u, member_ids)]
    return [u['id'] for u in query.page(query.sort(found))]


def error_for(params):
    with pytest.raises(WikiJsValueError) as info:
        UserQuery.from_params(params)
    return str(info.value)


@pytest.mark.parametrize('text, expected', [
    ('2026-03-01', datetime.datetime(2026, 3, 1)),
    ('2026-03-01T12:30', datetime.datetime(2026, 3, 1, 12, 30)),
    ('2026-03-01T12:30:15Z', datetime.datetime(2026, 3, 1, 12, 30, 15)),
    ('2026-03-01 12:30:15', datetime.datetime(2026, 3, 1, 12, 30, 15)),
    ('2026-03-01T12:30:15.5Z', datetime.datetime(2026, 3, 1, 12, 30, 15, 500000)),
    ('2026-11-22T18:24:50.332Z', datetime.datetime(2026, 11, 22, 18, 24, 50, 332000)),
    ('2026-03-01T02:00:00+02:00', datetime.datetime(2026, 3, 1)),
    ('2026-03-01T02:00:00+0200', datetime.datetime(2026, 3, 1)),
    ('2026-02-28T19:00:00-05:00', datetime.datetime(2026, 3, 1)),
    ('2026-02-28T19:00:00-05', datetime.datetime(2026, 3, 1)),
    (' 2026-03-01 ', datetime.datetime(2026, 3, 1)),
])
def test_parse_datetime_reads_dates_and_offsets_as_utc(text, expected):
    assert parse_datetime(text, 'created_after') == expected


@pytest.mark.parametrize('text', ['yesterday', '2026-3-1', '2026-13-01', '2026-02-30', '01/03/2026', '2026-03-01T25:00', ''])
def test_parse_datetime_names_the_option(text):
    with pytest.raises(WikiJsValueError) as info:
        parse_datetime(text, 'last_login_before')
    assert str(info.value).startswith('last_login_before: ')


def test_date_objects_from_yaml_are_accepted():
    query = UserQuery.from_params({'created_after': datetime.date(2026, 3, 1)})
    assert query.dates['created_after'] == datetime.datetime(2026, 3, 1)


@pytest.mark.parametrize('params, option', [
    ({'sort_by': 'size'}, 'sort_by'),
    ({'sort_order': 'up'}, 'sort_order'),
    ({'limit': -1}, 'limit'),
    ({'offset': -5}, 'offset'),
    ({'created_before': 'soon'}, 'created_before'),
    ({'groups': [True]}, 'groups'),
    ({'groups': [1.5]}, 'groups'),
    ({'groups': [{'id': 'x'}]}, 'groups'),
    ({'groups': [{'id': 1, 'name': 'Administrators'}]}, 'groups'),
    ({'groups': [{'name': 3}]}, 'groups'),
    ({'groups': [{'slug': 'a'}]}, 'groups'),
])
def test_bad_values_fail_naming_the_option(params, option):
    assert error_for(params).startswith(option + ': ')


def test_group_items_ids_and_names():
    query = UserQuery.from_params({'groups': [3, {'id': '4'}, {'id': 5}]})
    assert query.group_ids == [3, 4, 5]
    assert query.groups_by_id_only
    query = UserQuery.from_params({'groups': [3, 'Editors', {'name': '7'}]})
    assert query.group_ids == [3, None, None]
    assert not query.groups_by_id_only


def test_defaults_sort_by_id_and_hide_the_guest():
    assert run({}) == [1, 3, 4, 5]


def test_include_system_is_about_the_guest_only():
    assert run({'include_system': True}) == [1, 2, 3, 4, 5]
    assert run({'id': 1}) == [1]
    assert run({'id': 2}) == []
    assert run({'id': 2, 'include_system': True}) == [2]


def test_guest_is_hidden_even_without_the_system_flag():
    assert run({}, users=[user(2, 'guest@example.com', 'Guest', '2026-01-01T00:00:00Z')]) == []


def test_id_and_email_select_exactly():
    assert run({'id': 4}) == [4]
    assert run({'id': 99}) == []
    assert run({'email': 'cat@EXAMPLE.com'}) == [4]
    assert run({'email': ' Bob@example.com '}) == [5]
    assert run({'email': 'cat@example.co'}) == []
    assert run({'email': 'cat@example.com', 'provider': 'ldap'}) == [4]
    assert run({'email': 'cat@example.com', 'provider': 'local'}) == []


def test_search_is_a_case_insensitive_substring_of_email_or_name():
    assert run({'search': 'B'}) == [5]
    assert run({'search': 'ALPHA'}) == [3]
    assert run({'search': 'example.COM'}) == [1, 3, 4, 5]
    assert run({'search': ''}) == [1, 3, 4, 5]
    assert run({'search': 'nobody'}) == []


def test_provider_and_active():
    assert run({'provider': 'ldap'}) == [4]
    assert run({'provider': 'saml'}) == []
    assert run({'active': False}) == [3]
    assert run({'active': True}) == [1, 4, 5]


def test_group_members_filter():
    assert run({'groups': [9]}, member_ids={3, 5, 2}) == [3, 5]
    assert run({'groups': [9]}, member_ids=set()) == []


def test_created_bounds_are_strict():
    assert run({'created_after': '2026-03-01'}) == [4]
    assert run({'created_before': '2026-03-01'}) == [1, 3]
    assert run({'created_after': '2026-03-01T00:00:00.000Z', 'created_before': '2026-03-01T00:00:00.001Z'}) == []
    assert run({'created_after': '2026-02-15T11:00:00+01:00'}) == [4, 5]


def test_last_login_before_includes_users_who_never_logged_in():
    assert run({'last_login_before': '2026-03-01'}) == [3, 5]
    assert run({'last_login_before': '2000-01-01'}) == [3]
    assert run({'last_login_before': '2026-04-01T08:00:00Z'}) == [3, 4, 5]


def test_filters_combine_with_and():
    assert run({'search': 'example', 'active': True, 'created_after': '2026-02-01', 'provider': 'local'}) == [5]


def test_sort_by_name_and_email_ignores_case():
    assert run({'sort_by': 'name'}) == [1, 3, 5, 4]
    assert run({'sort_by': 'name', 'sort_order': 'desc'}) == [4, 5, 3, 1]
    assert run({'sort_by': 'email'}) == [1, 3, 5, 4]
    assert run({'sort_by': 'email', 'sort_order': 'desc'}) == [4, 5, 3, 1]


def test_sort_by_dates_puts_never_logged_in_first_when_ascending():
    assert run({'sort_by': 'created_at'}) == [1, 3, 5, 4]
    assert run({'sort_by': 'created_at', 'sort_order': 'desc'}) == [4, 5, 3, 1]
    assert run({'sort_by': 'last_login_at'}) == [3, 5, 4, 1]
    assert run({'sort_by': 'last_login_at', 'sort_order': 'desc'}) == [1, 4, 5, 3]
    assert run({'sort_by': 'id', 'sort_order': 'desc'}) == [5, 4, 3, 1]


def test_ties_keep_id_order_in_both_directions():
    same = [user(n, 'u%d@example.com' % n, 'Same', '2026-01-01T00:00:00Z') for n in (9, 7, 8)]
    assert run({'sort_by': 'name'}, users=same) == [7, 8, 9]
    assert run({'sort_by': 'name', 'sort_order': 'desc'}, users=same) == [7, 8, 9]
    assert run({'sort_by': 'last_login_at', 'sort_order': 'desc'}, users=same) == [7, 8, 9]


def test_paging_after_sorting():
    assert run({'limit': 2}) == [1, 3]
    assert run({'limit': 2, 'offset': 1}) == [3, 4]
    assert run({'offset': 3}) == [5]
    assert run({'offset': 4}) == []
    assert run({'offset': 40, 'limit': 5}) == []
    assert run({'limit': 0}) == []
    assert run({'limit': 10}) == [1, 3, 4, 5]
    assert run({'sort_order': 'desc', 'limit': 1}) == [5]


def test_verified_filter():
    query = UserQuery.from_params({'verified': False})
    assert query.matches_verified({'verified': False})
    assert not query.matches_verified({'verified': True})
    assert UserQuery.from_params({}).matches_verified({'verified': False})


def test_shape_keeps_list_keys_without_details():
    full = dict(USERS[1], verified=True, location='', job_title='', timezone='UTC', date_format='', appearance='',
                tfa_active=False, updated_at='2026-01-01T00:00:00.000Z', groups=[{'id': 1, 'name': 'Administrators'}])
    assert tuple(UserQuery.from_params({}).shape(full)) == LIST_KEYS
    assert tuple(UserQuery.from_params({'verified': True}).shape(full)) == LIST_KEYS + ('verified',)
    assert tuple(UserQuery.from_params({'details': True}).shape(full)) == DETAIL_KEYS
    assert 'system' in UserQuery.from_params({'details': True}).shape(full)
