# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The generic plan/apply core: order, reports, and what a failure carries."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsRefusedError
from ansible_collections.wikijs.wikijs.plugins.module_utils._plan import Operation, Plan, PlanApplyError, apply_plan


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
