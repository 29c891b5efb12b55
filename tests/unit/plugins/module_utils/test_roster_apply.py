# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""wikijs_users reads, batches and request counts against the test server, over real HTTP."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import requests

from ansible_collections.wikijs.wikijs.plugins.module_utils import _batch, _transport, _users
from ansible_collections.wikijs.wikijs.plugins.module_utils._roster_apply import apply_roster, read_back_failed
from ansible_collections.wikijs.wikijs.plugins.module_utils._roster_plan import read_and_plan


def client(server):
    return _transport.GraphQLTransport(server.url, server.api_key, timeout=30)


def log(server, clear=False):
    if clear:
        requests.delete(server.control_url + '/log', timeout=10)
        return None
    entries = requests.get(server.control_url + '/log', timeout=10).json()['requests']
    return len(entries), sum(1 for e in entries if e['mutation'])


def seed(server, users):
    requests.post(server.control_url + '/reset', json={'seed_users': users}, timeout=120).raise_for_status()


def params(users, **given):
    base = dict(users=users, defaults=None, exclusive=False, exclusive_scope=None, unlisted_action='deactivate',
                max_removals=10, reassign_content_to=1)
    base.update(given)
    return base


def test_a_refused_alias_does_not_hide_the_others(wikijs):
    seed(wikijs, 3)
    transport = client(wikijs)
    ids = sorted(u['id'] for u in _users.list_users(transport) if u['id'] > 2)
    log(wikijs, clear=True)
    specs = [_users.update_user_mutation(ids[0], {'location': 'A'}), _users.update_user_mutation(9999, {'location': 'B'}),
             _users.update_user_mutation(ids[1], {'location': 'C'})]
    results = _batch.run_batch(transport, specs)
    assert results[0] is None and results[2] is None
    assert results[1].error_code == 1016 and results[1].slug == 'UserNotFound' and results[1].operation == 'users.update'
    assert log(wikijs) == (1, 1)
    full = _users.get_users(transport, ids[:2])
    assert [u['location'] for u in full] == ['A', 'C']


def test_at_most_fifty_aliases_per_request(wikijs):
    seed(wikijs, 120)
    transport = client(wikijs)
    ids = [u['id'] for u in _users.list_users(transport) if u['id'] > 2]
    log(wikijs, clear=True)
    results = _batch.run_batch(transport, [_users.verify_user_mutation(uid) for uid in ids])
    assert results == [None] * 120
    assert log(wikijs) == (3, 3)


def test_creations_without_password_go_fifty_per_request(wikijs):
    seed(wikijs, 0)
    transport = client(wikijs)
    roster = [{'email': 'p%03d@example.com' % n, 'name': 'Person %d' % n, 'password': 'secret-%03d' % n} for n in range(60)]
    plan = read_and_plan(transport, params(roster))
    for user in plan.users:
        # The test server knows only the local strategy; the batch size depends only on the password being sent.
        user.plan.operations[0].mutation = _without_password(user.plan.operations[0].mutation)
    log(wikijs, clear=True)
    result = apply_roster(plan, transport)
    # ... so the test server refuses them all, each in its own alias; then one re-list to see what exists.
    assert len(result.failed) == 60 and all('blank' in exc.message for dummy, exc in result.failed)
    assert log(wikijs) == (3, 2)


def _without_password(mutation):
    def spec(context):
        root, field, arguments = mutation(context)
        return root, field, [(name, kind, None if name == 'passwordRaw' else value) for name, kind, value in arguments]
    return spec


def test_a_no_op_roster_costs_two_requests_plus_the_full_reads(wikijs):
    seed(wikijs, 1000)
    transport = client(wikijs)
    people = [u for u in _users.list_users(transport) if u['id'] > 2]
    # The seed puts every fifth user in a group named Seeded.
    roster = [{'email': u['email'], 'name': u['name'], 'groups': ['Seeded'] if int(u['email'][4:8]) % 5 == 0 else []}
              for u in people[:600]]
    roster += [{'email': u['email'], 'timezone': 'America/New_York'} for u in people[600:720]]
    log(wikijs, clear=True)
    plan = read_and_plan(transport, params(roster))
    assert not plan.changed and plan.unchanged == 720
    assert log(wikijs) == (2 + 3, 0)   # 120 full reads, 50 per request


def test_creates_then_follow_ups_in_batches_and_a_converging_rerun(wikijs):
    seed(wikijs, 0)
    transport = client(wikijs)
    roster = [{'email': 'p%03d@example.com' % n, 'name': 'Person %d' % n, 'password': 'secret-%03d' % n,
               'location': 'Lab' if n % 2 else None} for n in range(60)]
    plan = read_and_plan(transport, params(roster))
    log(wikijs, clear=True)
    result = apply_roster(plan, transport)
    assert not result.failed and len(result.completed) == 60
    # creates with a password: 6 requests of 10; one re-list for the ids; 30 updates in one request
    assert log(wikijs) == (8, 7)
    log(wikijs, clear=True)
    again = read_and_plan(transport, params(roster))
    assert not again.changed and log(wikijs) == (2, 0)


def test_a_user_deleted_between_the_read_and_the_write_is_reported_alone(wikijs):
    seed(wikijs, 4)
    transport = client(wikijs)
    people = [u for u in _users.list_users(transport) if u['id'] > 2]
    roster = [{'email': u['email'], 'name': 'Renamed %d' % u['id']} for u in people]
    plan = read_and_plan(transport, params(roster))
    _users.delete_user(transport, people[1]['id'], 1)
    result = apply_roster(plan, transport)
    assert [(user.email, exc.error_code) for user, exc in result.failed] == [(people[1]['email'], 1016)]
    assert len(result.done) == 3
    again = read_and_plan(transport, params([e for n, e in enumerate(roster) if n != 1]))
    assert not again.changed


def faults(server, *items):
    requests.post(server.control_url + '/faults', json={'faults': list(items)}, timeout=10).raise_for_status()


def settle(server, seconds=10):
    """Wait, bounded, until the delayed request has been answered (it is logged without its query until then)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        entries = requests.get(server.control_url + '/log', timeout=10).json()['requests']
        if not any(e['status'] is None and e['query'] is None for e in entries):
            return
        time.sleep(0.1)


def test_failed_users_are_read_back_in_two_requests_to_say_what_the_server_holds(wikijs):
    seed(wikijs, 3)
    transport = client(wikijs)
    people = sorted((u for u in _users.list_users(transport) if u['id'] > 2), key=lambda u: u['id'])
    roster = [{'email': u['email'], 'name': 'Renamed %d' % u['id']} for u in people[:2]]
    plan = read_and_plan(transport, params(roster))
    faults(wikijs, {'kind': 'status', 'status': 500, 'on': 'mutation'})
    result = apply_roster(plan, transport)
    assert len(result.failed) == 2
    log(wikijs, clear=True)
    assert not read_back_failed(transport, result)
    assert log(wikijs) == (2, 0)
    assert result.holds == dict((u['email'], 'user %d with {"name": "%s"}' % (u['id'], u['name'])) for u in people[:2])
    assert [item['holds'] for item in result.failure_report()] == [result.holds[u['email']] for u in people[:2]]


def test_a_failed_mutation_that_ran_anyway_shows_in_the_read_back(wikijs):
    seed(wikijs, 1)
    transport = client(wikijs)
    person = [u for u in _users.list_users(transport) if u['id'] > 2][0]
    plan = read_and_plan(transport, params([{'email': person['email'], 'name': 'Renamed'}]))
    # The server acts, then answers after the client has given up: the update ran.
    faults(wikijs, {'kind': 'delay', 'seconds': 1.5, 'on': 'mutation'})
    result = apply_roster(plan, _transport.GraphQLTransport(wikijs.url, wikijs.api_key, timeout=1))
    assert len(result.failed) == 1 and not result.done
    settle(wikijs)
    assert read_back_failed(transport, result)
    assert result.holds == {person['email']: 'user %d with {"name": "Renamed"}' % person['id']}
