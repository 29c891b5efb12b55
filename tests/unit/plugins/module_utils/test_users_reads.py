# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""User reads against the test server: shapes and request counts."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import requests

from ansible_collections.wikijs.wikijs.plugins.module_utils import _groups, _transport, _users


def client(server):
    return _transport.GraphQLTransport(server.url, server.api_key, timeout=10)


def logged(server):
    return requests.get(server.control_url + '/log', timeout=10).json()


def seed(server, users):
    requests.post(server.control_url + '/reset', json={'seed_users': users}, timeout=60).raise_for_status()


def test_users_groups_and_providers_come_in_one_request(wikijs):
    users, groups, providers = _users.list_users_groups_and_providers(client(wikijs))
    assert _users.find_user_by_id(users, 1)['email'] == 'admin@example.com'
    assert [g['name'] for g in sorted(groups, key=lambda g: g['id'])][:2] == ['Administrators', 'Guests']
    assert providers == ['local']
    assert logged(wikijs)['count'] == 1


def test_full_users_are_batched_fifty_per_request(wikijs):
    seed(wikijs, 120)
    transport = client(wikijs)
    ids = sorted(u['id'] for u in _users.list_users(transport))
    requests.delete(wikijs.control_url + '/log', timeout=10)
    full = _users.get_users(transport, ids)
    assert [u['id'] for u in full] == ids
    log = logged(wikijs)
    assert log['count'] == 3  # 122 users: 50 + 50 + 22
    assert [len(entry['operations']) for entry in log['requests']] == [50, 50, 22]


def test_full_user_has_every_documented_key(wikijs):
    admin = _users.get_user(client(wikijs), 1)
    assert sorted(admin) == sorted([
        'id', 'email', 'name', 'provider', 'active', 'verified', 'system', 'location', 'job_title', 'timezone',
        'date_format', 'appearance', 'created_at', 'updated_at', 'last_login_at', 'tfa_active', 'groups'])
    assert admin['groups'] == [{'id': 1, 'name': 'Administrators'}]


def test_find_user_by_email_ignores_case_and_respects_provider():
    users = [{'id': 3, 'email': 'jane@example.com', 'provider': 'local'},
             {'id': 4, 'email': 'jane@example.com', 'provider': 'ldap'}]
    assert _users.find_user_by_email(users, ' Jane@Example.COM', 'ldap')['id'] == 4
    assert _users.find_user_by_email(users, 'jane@example.com', 'local')['id'] == 3
    assert _users.find_user_by_email(users, 'jane@example.com', 'saml') is None


def test_update_sends_only_the_given_fields(wikijs):
    _users.update_user(client(wikijs), 1, {'location': 'Paris', 'job_title': 'Root'})
    entry = logged(wikijs)['requests'][-1]
    assert entry['mutation'] is True
    assert entry['operations'] == ['users.update']
    assert sorted(entry['variables']) == ['id', 'jobTitle', 'location']
    assert _users.get_user(client(wikijs), 1)['location'] == 'Paris'


def test_group_reads_carry_members_and_unknown_ids_are_none(wikijs):
    transport = client(wikijs)
    admins = _groups.get_group(transport, 1)
    assert admins['name'] == 'Administrators'
    assert admins['permissions'] == ['manage:system']
    assert [member['id'] for member in admins['members']] == [1]
    assert admins['page_rules'] == []
    assert _groups.get_group(transport, 999) is None
    assert logged(wikijs)['count'] == 2
