# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""The plan/apply core shared by every module that changes things.

A plan is decided once, on plain data, the same way in check and real runs;
only ``apply_plan`` talks to the server. No Ansible imports and no check-mode
flag here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsError

# Shown wherever a secret would be: operation arguments and diffs.
SECRET_MARKER = '********'


class Operation(object):
    """One API call: its name (``users.update``), non-secret ``args`` for
    reporting, and ``run(transport, context)`` that performs it.

    ``mutation(context)``, when given, returns the same call as
    ``(root, field, arguments)`` so that many can be sent in one request.
    """

    def __init__(self, name, args, run, mutation=None):
        self.name = name
        self.args = dict(args)
        self.run = run
        self.mutation = mutation

    def report(self):
        return {'operation': self.name, 'args': dict(self.args)}


class Plan(object):
    """The operations that reach the desired state, and what that changes.

    ``before``/``after`` are the diff of managed fields, ``expected`` the
    resource as it will be afterwards (what check mode returns), and
    ``context`` the values operations share while running, such as the id of
    a user created by an earlier operation.
    """

    def __init__(self, operations=None, before=None, after=None, expected=None, context=None):
        self.operations = list(operations or [])
        self.before = dict(before or {})
        self.after = dict(after or {})
        self.expected = expected
        self.context = dict(context or {})

    @property
    def changed(self):
        return bool(self.operations)

    def report(self):
        return [operation.report() for operation in self.operations]

    def diff(self):
        return {'before': dict(self.before), 'after': dict(self.after)}


class PlanApplyError(WikiJsError):
    """An operation failed; ``done`` lists the reports of what took effect before it, ``pending`` the
    names of the planned operations that did not, and ``context`` the plan's context (the user id).

    It keeps the failing error's details so that it is reported like that error, followed by what was
    and was not done, and ``holds``: what the caller re-read from the server afterwards.
    """

    def __init__(self, cause, done, pending=(), context=None):
        super(PlanApplyError, self).__init__(
            getattr(cause, 'message', str(cause)), operation=getattr(cause, 'operation', None),
            status=getattr(cause, 'status', None), error_code=getattr(cause, 'error_code', None),
            slug=getattr(cause, 'slug', None))
        self.cause = cause
        self.done = list(done)
        self.pending = list(pending)
        self.context = dict(context or {})
        self.holds = None

    def __str__(self):
        text = str(self.cause)
        # A lone failed operation needs no list: its own message says it failed.
        if self.done or len(self.pending) > 1:
            text += '; done: %s; not done or not confirmed: %s' % (
                ', '.join(d['operation'] for d in self.done) or 'nothing',
                ', '.join(self.pending) or 'nothing')
        if self.holds is not None:
            text += '; the server now holds %s; run the task again to finish' % self.holds
        return text


def apply_plan(plan, transport):
    """Run the operations in order; return the reports of those done.

    An operation whose failure still took effect (Wiki.js creates a user and
    then fails on the welcome mail) marks its error ``took_effect``, so it
    is counted as done.
    """
    done = []
    for index, operation in enumerate(plan.operations):
        try:
            operation.run(transport, plan.context)
        except WikiJsError as exc:
            took_effect = getattr(exc, 'took_effect', False)
            if took_effect:
                done.append(operation.report())
            pending = [o.name for o in plan.operations[index + 1 if took_effect else index:]]
            raise PlanApplyError(exc, done, pending, plan.context)
        done.append(operation.report())
    return done


def describe_holds(kind, found, view, plan):
    """What the server holds of one resource after a failure: ``found`` as re-read (falsy when there is
    none), shown by ``view`` (its managed fields) in only the fields ``plan`` changes."""
    if not found:
        return 'no such %s' % kind
    keys = set(plan.after or plan.before)
    shown = dict((key, value) for key, value in view(found).items() if key in keys)
    return '%s %s with %s' % (kind, found['id'], json.dumps(shown, sort_keys=True))


def shows_change(found, view, plan):
    """Whether the re-read resource shows that part of ``plan`` took effect: it was made, removed, or
    differs from ``plan.before`` in a field the plan changes. Only a creation plans from an empty
    ``before``; fields ``view`` does not show (passwords) cannot be compared and are skipped."""
    if not found:
        return bool(plan.before)
    if not plan.before:
        return True
    seen = view(found)
    return any(key in seen and seen[key] != value for key, value in plan.before.items())


def read_after_failure(exc, read_back, view, plan, kind):
    """Complete a PlanApplyError from a re-read, since the failed operation may have run anyway (a 502
    on a mutation): ``exc.found`` is the resource as ``read_back()`` now returns it ({} when gone, None
    when it could not be read), ``exc.holds`` says what the server holds, and ``exc.changed`` is the truth."""
    exc.found, exc.changed = None, bool(exc.done)
    try:
        exc.found = read_back() or {}
    except WikiJsError:
        exc.holds = 'something this run could not read back'
        return
    exc.holds = describe_holds(kind, exc.found, view, plan)
    exc.changed = exc.changed or shows_change(exc.found, view, plan)


def apply_and_read(plan, transport, read_result, read_back, view, kind):
    """``apply_plan``, then ``read_result()`` (the resource after the run); returns both.

    After any failure, including of ``read_result`` once every operation was done, the PlanApplyError
    raised is completed by ``read_after_failure`` from ``read_back()``.
    """
    done = []
    try:
        done = apply_plan(plan, transport)
        return done, read_result()
    except PlanApplyError as exc:
        failure = exc
    except WikiJsError as exc:
        failure = PlanApplyError(exc, done, context=plan.context)
    read_after_failure(failure, read_back, view, plan, kind)
    raise failure
