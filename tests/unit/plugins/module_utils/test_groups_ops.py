# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Group operations against the test server: shapes, batching and what each mutation sends."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import requests

from ansible_collections.wikijs.wikijs.plugins.module_utils import _groups, _transport


def client(server):
    return _transport.GraphQLTransport(server.url, server.api_key, timeout=10)


def logged(server):
    return requests.get(server.control_url + '/log', timeout=10).json()


def test_full_groups_are_batched_fifty_per_request_and_unknown_ids_are_none(wikijs):
    transport = client(wikijs)
    created = [_groups.create_group(transport, 'Batch %d' % n) for n in range(60)]
    requests.delete(wikijs.control_url + '/log', timeout=10)
    found = _groups.get_groups(transport, [1] + created + [9999])
    assert logged(wikijs)['count'] == 2
    assert [g['id'] for g in found[:-1]] == [1] + created and found[-1] is None
    assert found[1]['permissions'] == ['read:assets', 'read:comments', 'read:pages', 'write:comments']
    assert found[1]['page_rules'][0]['id'] == 'default' and found[1]['redirect_on_login'] == '/'
    assert [(m['id'], m['email']) for m in found[0]['members']] == [(1, 'admin@example.com')]


def test_update_sends_all_four_values_and_delete_removes(wikijs):
    transport = client(wikijs)
    group_id = _groups.create_group(transport, 'Writers')
    rule = {'id': 'r', 'deny': True, 'match': 'EXACT', 'roles': ['read:pages'], 'path': 'hr', 'locales': ['en']}
    _groups.update_group(transport, group_id, 'Writers 2', '/home', ['read:pages'], [rule])
    entry = logged(wikijs)['requests'][-1]
    assert entry['operations'] == ['groups.update'] and entry['mutation'] is True
    assert sorted(entry['variables']) == ['id', 'name', 'pageRules', 'permissions', 'redirectOnLogin']
    group = _groups.get_group(transport, group_id)
    assert (group['name'], group['redirect_on_login'], group['permissions'], group['page_rules']) == \
        ('Writers 2', '/home', ['read:pages'], [rule])
    _groups.delete_group(transport, group_id)
    assert _groups.get_group(transport, group_id) is None
