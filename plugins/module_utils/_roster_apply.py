# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""Apply a roster plan: each kind of mutation for every user at once, in aliased batches."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.wikijs.wikijs.plugins.module_utils._batch import MAX_ALIASES, run_batch
from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsConflictError, WikiJsError, WikiJsServerError
from ansible_collections.wikijs.wikijs.plugins.module_utils._plan import describe_holds, shows_change
from ansible_collections.wikijs.wikijs.plugins.module_utils._roster_plan import PHASES
from ansible_collections.wikijs.wikijs.plugins.module_utils._user_plan import managed_view
from ansible_collections.wikijs.wikijs.plugins.module_utils._users import find_user_by_email, find_user_by_id, get_users, list_users


# Wiki.js hashes a local password in each users.create (about 0.25 s, seconds on a busy server), one after the
# other: fifty in one request could outlast the request timeout. Ten keep a request short, and the extra
# requests cost nothing next to the hashing.
CREATE_ALIASES = 10


class RosterResult(object):
    """What a real run did: the reports of the operations that took effect, and the users that failed."""

    def __init__(self):
        self.done = []
        self.failed = []   # (RosterUser, WikiJsError)
        self.completed = []  # RosterUsers whose every operation took effect
        self.holds = {}  # user key -> what the server holds of a failed user, once read back

    def failure_report(self):
        return [dict(user=user.key, operation=exc.operation, message=exc.message, error_code=exc.error_code, slug=exc.slug,
                     holds=self.holds.get(user.key)) for user, exc in self.failed]


def _fail(result, user, exc):
    if all(failed is not user for failed, dummy in result.failed):
        result.failed.append((user, exc))


def _is_failed(result, user):
    return any(failed is user for failed, dummy in result.failed)


def _spec(user, operation, placeholders):
    """The operation's mutation, with the stand-in id of a user created in this run replaced by its id."""
    root, field, arguments = operation.mutation(user.plan.context)
    resolved = []
    for name, kind, value in arguments:
        if isinstance(value, int) and not isinstance(value, bool) and value < 0 and value in placeholders:
            created = placeholders[value]
            value = created.plan.context.get('user_id')
            if value is None:
                raise WikiJsServerError('%s was not created, so it cannot receive the content' % created.key,
                                        operation=operation.name)
        resolved.append((name, kind, value))
    return root, field, resolved


def apply_roster(plan, transport):
    result = RosterResult()
    for phase in PHASES:
        items, specs = [], []
        for user in plan.users:
            for operation in user.plan.operations:
                if operation.name != phase or _is_failed(result, user):
                    continue
                try:
                    specs.append(_spec(user, operation, plan.placeholders))
                except WikiJsError as exc:
                    _fail(result, user, exc)
                    continue
                items.append((user, operation))
        hashing = any(name == 'passwordRaw' and value for dummy, dummy2, arguments in specs for name, dummy3, value in arguments)
        size = CREATE_ALIASES if phase == 'users.create' and hashing else MAX_ALIASES
        errors = run_batch(transport, specs, size) if specs else []
        for (user, operation), error in zip(items, errors):
            if error is None:
                result.done.append(dict(operation.report(), user=user.key))
            else:
                _fail(result, user, error)
        if phase == 'users.create' and items:
            try:
                _learn_created_ids(transport, plan, items, errors, result)
            except WikiJsError as exc:
                # Without their ids the steps after users.create cannot be sent; the read-back says what exists.
                for user, dummy in items:
                    if user.plan.context.get('user_id') is None and len(user.plan.operations) > 1:
                        _fail(result, user, exc)
    result.completed = [user for user in plan.users if not _is_failed(result, user)]
    return result


def _learn_created_ids(transport, plan, items, errors, result):
    """users.create answers ``user: null``: one re-list gives the id of every user created, when one is needed."""
    follow_ups = any(len(user.plan.operations) > 1 for user, dummy in items)
    if not (follow_ups or plan.placeholders and any(op.name == 'users.delete' for u in plan.users for op in u.plan.operations)
            or any(errors)):
        return
    listed = list_users(transport)
    for (user, operation), error in zip(items, errors):
        created = find_user_by_email(listed, user.email, user.provider)
        if created is None:
            continue
        user.plan.context['user_id'] = created['id']
        # users.create is not atomic (API.md 4.3): a failure after the insert still made the user.
        if error is not None and not isinstance(error, WikiJsConflictError):
            result.done.append(dict(operation.report(), user=user.key))
            error.message += '; the user now exists (id %d); run the task again to finish' % created['id']


def read_back_failed(transport, result):
    """Re-read the users that failed, since a failed mutation may have run anyway (a 502): one users.list
    finds them, one batched full read per fifty gives their groups and profile. Fills ``result.holds`` and
    returns whether any of them shows a change."""
    try:
        listed = list_users(transport)
        found = dict((user.key, _find(listed, user)) for user, dummy in result.failed)
        full = dict((u['id'], u) for u in get_users(transport, sorted(set(u['id'] for u in found.values() if u))))
    except WikiJsError:
        result.holds = dict((user.key, 'something this run could not read back') for user, dummy in result.failed)
        return False
    changed = False
    for user, dummy in result.failed:
        now = full.get(found[user.key]['id']) if found[user.key] else None
        result.holds[user.key] = describe_holds('user', now, managed_view, user.plan)
        changed = changed or shows_change(now, managed_view, user.plan)
    return changed


def _find(listed, user):
    user_id = user.plan.context.get('user_id')
    return find_user_by_id(listed, user_id) if user_id is not None else find_user_by_email(listed, user.email, user.provider)
