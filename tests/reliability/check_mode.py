# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check mode sends zero mutations: every matrix scenario here, and every check-mode task of the integration targets.

The targets assert it themselves from the request log (run_case.yml, run_refused.yml, call.yml, ...).
This matrix proves that each check-mode task of every target is followed, in its file, by such an
assertion, so a new check-mode task without one fails the gate.
"""

import glob
import os

import yaml

from harness import REPO, run_module, table
from scenarios import SCENARIOS

ZERO_MUTATIONS = "selectattr('mutation') | list | length == 0"


def dynamic(wiki):
    rows, passed, failed = [], 0, 0
    for scenario in SCENARIOS:
        wiki.reset()
        scenario.setup(wiki)
        before = scenario.state(wiki)
        args = dict(scenario.args, url=wiki.url, api_key=wiki.api_key)
        wiki.clear_log()
        check = run_module(scenario.module, args, check=True)
        mutations, requests = wiki.mutations(), len(wiki.log())
        unchanged = scenario.state(wiki) == before
        real = run_module(scenario.module, args)
        same = check.get('diff') == real.get('diff') and check.get('changed') == real.get('changed') and \
            check.get('operations') == real.get('operations')
        ok = not check.get('failed') and mutations == 0 and unchanged and same
        passed, failed = passed + ok, failed + (not ok)
        rows.append(('%s %s' % (scenario.module, scenario.name), check.get('changed'), requests, mutations,
                     'yes' if unchanged else 'NO', 'yes' if same else 'NO', 'pass' if ok else 'FAIL'))
    table('Check mode, matrix scenarios (check run, then real run)',
          ['module / task', 'predicted changed', 'requests', 'mutations', 'server unchanged',
           'same diff and operations as real run', 'row'], rows)
    return passed, failed


def _tasks(items):
    for item in items or []:
        if not isinstance(item, dict):
            continue
        yield item
        for key in ('block', 'rescue', 'always'):
            yield from _tasks(item.get(key))


def static():
    rows, passed, failed = [], 0, 0
    for path in sorted(glob.glob(os.path.join(REPO, 'tests', 'integration', 'targets', '*', 'tasks', '*.yml'))):
        with open(path) as handle:
            tasks = list(_tasks(yaml.safe_load(handle)))
        for index, task in enumerate(tasks):
            module = next((key for key in task if key.startswith('wikijs.wikijs.')), None)
            if module is None or task.get('check_mode') in (None, False):
                continue
            asserted = any(ZERO_MUTATIONS in str((later.get('ansible.builtin.assert') or {}).get('that'))
                           for later in tasks[index + 1:])
            passed, failed = passed + asserted, failed + (not asserted)
            rows.append((os.path.relpath(path, os.path.join(REPO, 'tests', 'integration', 'targets')),
                         task.get('name', '?')[:60], task['check_mode'], 'yes' if asserted else 'NO',
                         'pass' if asserted else 'FAIL'))
    table('Check mode in the integration targets: each check-mode task and its zero-mutation assertion',
          ['file', 'task', 'check_mode', 'asserted from the request log', 'row'], rows)
    return passed, failed


def run(wiki):
    passed, failed = dynamic(wiki)
    more_passed, more_failed = static()
    return passed + more_passed, failed + more_failed
