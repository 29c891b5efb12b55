# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The generic plan/apply core: order, reports, and what a failure carries."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsConnectionError, WikiJsRefusedError, WikiJsServerError
from ansible_collections.wikijs.wikijs.plugins.module_utils._plan import (
    Operation, Plan, PlanApplyError, apply_and_read, apply_plan, describe_holds, read_after_failure, shows_change)


def recording(calls, name, error=None):
    def run(transport, context):
        calls.append((name, transport, dict(context)))
        context[name] = True
        if error is not None:
            raise error
    return run


def test_empty_plan_is_unchanged_and_reports_nothing():
    plan = Plan()
    assert not plan.changed
    assert plan.report() == []
    assert plan.diff() == {'before': {}, 'after': {}}
    assert apply_plan(plan, 'transport') == []


def test_operations_run_in_order_with_transport_and_shared_context():
    calls = []
    plan = Plan([Operation('users.create', {'email': 'a@example.com'}, recording(calls, 'first')),
                 Operation('users.deactivate', {}, recording(calls, 'second'))],
                before={}, after={'email': 'a@example.com'}, context={'user_id': 9})
    done = apply_plan(plan, 'transport')
    assert [c[0] for c in calls] == ['first', 'second']
    assert calls[1] == ('second', 'transport', {'user_id': 9, 'first': True})
    assert done == plan.report() == [{'operation': 'users.create', 'args': {'email': 'a@example.com'}},
                                     {'operation': 'users.deactivate', 'args': {}}]
    assert plan.changed


def test_failure_carries_the_operations_done_before_it_and_stops():
    calls = []
    refusal = WikiJsRefusedError('Cannot deactivate system accounts.', operation='users.deactivate', error_code=1, slug='Error')
    plan = Plan([Operation('users.update', {'id': 3}, recording(calls, 'update')),
                 Operation('users.deactivate', {'id': 3}, recording(calls, 'deactivate', refusal)),
                 Operation('users.verify', {'id': 3}, recording(calls, 'verify'))])
    with pytest.raises(PlanApplyError) as caught:
        apply_plan(plan, None)
    assert [c[0] for c in calls] == ['update', 'deactivate']
    assert caught.value.done == [{'operation': 'users.update', 'args': {'id': 3}}]
    assert str(caught.value) == str(refusal) + '; done: users.update; not done or not confirmed: users.deactivate, users.verify'
    caught.value.holds = 'user 3 with {"active": true}'
    assert str(caught.value).endswith('; the server now holds user 3 with {"active": true}; run the task again to finish')
    assert (caught.value.operation, caught.value.error_code, caught.value.slug) == ('users.deactivate', 1, 'Error')


def test_a_failure_that_took_effect_counts_as_done():
    refusal = WikiJsRefusedError('The mail configuration is incomplete or invalid.', operation='users.create',
                                 error_code=3002, slug='MailNotConfigured')
    refusal.took_effect = True
    plan = Plan([Operation('users.create', {'email': 'a@example.com'}, recording([], 'create', refusal)),
                 Operation('users.deactivate', {}, recording([], 'deactivate'))])
    with pytest.raises(PlanApplyError) as caught:
        apply_plan(plan, None)
    assert caught.value.done == [{'operation': 'users.create', 'args': {'email': 'a@example.com'}}]
    assert caught.value.pending == ['users.deactivate']


def test_reports_are_copies():
    operation = Operation('users.update', {'id': 3}, recording([], 'x'))
    operation.report()['args']['id'] = 4
    assert operation.report() == {'operation': 'users.update', 'args': {'id': 3}}


def view(resource):
    """A managed view as the planners make one: only some fields, never a password."""
    return dict((key, resource[key]) for key in ('name', 'active', 'groups') if key in resource)


UPDATE = Plan([Operation('users.update', {'id': 5}, recording([], 'update'))],
              before={'name': 'Old', 'password': '(hidden)'}, after={'name': 'New', 'password': '(changed)'})
CREATE = Plan([Operation('users.create', {}, recording([], 'create'))], before={}, after={'name': 'New', 'active': True})
DELETE = Plan([Operation('users.delete', {'id': 5}, recording([], 'delete'))],
              before={'name': 'Old', 'active': True, 'groups': []}, after={})


def test_holds_shows_only_the_fields_the_plan_changes_or_says_there_is_none():
    found = {'id': 5, 'name': 'New', 'active': False, 'groups': ['Editors']}
    assert describe_holds('user', found, view, UPDATE) == 'user 5 with {"name": "New"}'
    assert describe_holds('user', found, view, DELETE) == 'user 5 with {"active": false, "groups": ["Editors"], "name": "New"}'
    assert describe_holds('group', {}, view, UPDATE) == 'no such group'
    assert describe_holds('group', None, view, CREATE) == 'no such group'


def test_a_change_shows_in_the_fields_the_plan_changes_or_in_existence():
    assert not shows_change({'id': 5, 'name': 'Old', 'active': False}, view, UPDATE)
    assert shows_change({'id': 5, 'name': 'New'}, view, UPDATE)
    assert shows_change({}, view, UPDATE)
    assert shows_change({'id': 5, 'name': 'New'}, view, CREATE)
    assert not shows_change({}, view, CREATE)
    assert shows_change(None, view, DELETE)
    assert not shows_change({'id': 5, 'name': 'Old', 'active': True, 'groups': []}, view, DELETE)


def failure(done=()):
    return PlanApplyError(WikiJsServerError('bad gateway', operation='users.update', status=502), list(done), ['users.update'])


def test_read_after_failure_tells_the_truth_from_the_re_read():
    exc = failure()
    read_after_failure(exc, lambda: {'id': 5, 'name': 'New'}, view, UPDATE, 'user')
    assert exc.found == {'id': 5, 'name': 'New'} and exc.changed
    assert str(exc).endswith('(HTTP 502); the server now holds user 5 with {"name": "New"}; run the task again to finish')
    exc = failure()
    read_after_failure(exc, lambda: None, view, CREATE, 'user')
    assert (exc.found, exc.changed, exc.holds) == ({}, False, 'no such user')


def test_a_re_read_that_fails_too_keeps_what_was_done():
    exc = failure(done=[{'operation': 'users.create', 'args': {}}])

    def unreadable():
        raise WikiJsConnectionError('cannot reach the server', operation='users.list')
    read_after_failure(exc, unreadable, view, UPDATE, 'user')
    assert exc.found is None and exc.changed
    assert exc.holds == 'something this run could not read back'


def test_apply_and_read_returns_the_operations_and_the_read_result():
    assert apply_and_read(CREATE, None, lambda: {'id': 6}, None, view, 'user') == (CREATE.report(), {'id': 6})


def test_apply_and_read_completes_a_failed_operation_from_the_read_back():
    refusal = WikiJsRefusedError('This user does not exist.', operation='users.update', error_code=1016, slug='UserNotFound')
    plan = Plan([Operation('users.update', {'id': 5}, recording([], 'update', refusal))], before={'name': 'Old'},
                after={'name': 'New'})
    with pytest.raises(PlanApplyError) as caught:
        apply_and_read(plan, None, lambda: pytest.fail('read after a failed apply'), lambda: None, view, 'user')
    assert (caught.value.cause, caught.value.done, caught.value.holds, caught.value.changed) == (refusal, [], 'no such user', True)


def test_apply_and_read_reports_every_operation_done_when_only_the_read_fails():
    lost = WikiJsServerError('expected a JSON answer', operation='users.single', status=500)

    def read_result():
        raise lost
    with pytest.raises(PlanApplyError) as caught:
        apply_and_read(CREATE, None, read_result, lambda: {'id': 6, 'name': 'New', 'active': True}, view, 'user')
    assert caught.value.cause is lost and caught.value.done == CREATE.report() and caught.value.pending == []
    assert caught.value.changed and caught.value.holds == 'user 6 with {"active": true, "name": "New"}'
