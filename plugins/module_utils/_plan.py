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
