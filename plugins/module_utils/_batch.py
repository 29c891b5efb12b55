# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""Many mutations in one request, as GraphQL aliases.

Wiki.js runs every alias of ``mutation { a0: users { create(...) {...} } a1: ... }``
one after the other and answers each with its own ``responseResult``, so one
refusal does not stop the others and each is checked on its own.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsError
from ansible_collections.wikijs.wikijs.plugins.module_utils._transport import BATCH_SIZE, check_response_result

# The same bound as the batched reads.
MAX_ALIASES = BATCH_SIZE


def _document(specs):
    declared, fields = [], []
    for n, (root, field, arguments) in enumerate(specs):
        declared.extend('$a%d_%s: %s' % (n, name, kind) for name, kind, dummy in arguments)
        passed = ', '.join('%s: $a%d_%s' % (name, n, name) for name, dummy, dummy2 in arguments)
        fields.append('a%d: %s { %s(%s) { responseResult { succeeded errorCode slug message } } }' % (
            n, root, field, passed))
    variables = dict(('a%d_%s' % (n, name), value)
                     for n, (dummy, dummy2, arguments) in enumerate(specs) for name, dummy3, value in arguments)
    return 'mutation (%s) { %s }' % (', '.join(declared), ' '.join(fields)), variables


def run_batch(transport, specs, size=MAX_ALIASES):
    """Send ``specs`` (``(root, field, arguments)`` as for ``run_mutation``), ``size`` per request.

    Returns one entry per spec, in order: ``None`` when it succeeded, else the
    ``WikiJsError`` it met. A request that fails as a whole (connection, key,
    a top-level error) is the error of each of its specs, and the later
    requests are still sent: what they do does not depend on it.
    """
    results = []
    size = max(1, min(size, MAX_ALIASES))
    for start in range(0, len(specs), size):
        chunk = specs[start:start + size]
        operations = sorted(set('%s.%s' % (root, field) for root, field, dummy in chunk))
        document, variables = _document(chunk)
        try:
            data = transport.execute(document, variables, operation=', '.join(operations), mutation=True)
        except WikiJsError as exc:
            results.extend([exc] * len(chunk))
            continue
        for n, (root, field, dummy) in enumerate(chunk):
            try:
                check_response_result('%s.%s' % (root, field), ((data.get('a%d' % n) or {}).get(field) or {}).get(
                    'responseResult', {'succeeded': False, 'message': 'no answer for this alias'}))
            except WikiJsError as exc:
                results.append(exc)
            else:
                results.append(None)
    return results
