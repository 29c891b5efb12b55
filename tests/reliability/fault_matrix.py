# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every fault the test server injects, at every position, for every scenario.

A cell passes when the run either recovered (server exactly as intended) or failed clearly
(message names the operation and the cause; no mutation after a failed first read), and then a
rerun without the fault converges (exact state, no duplicate) and a third run is ok with no mutation.
"""

import concurrent.futures
import multiprocessing
import re

import harness
from harness import WikiJsTestServer, run_module, table
from scenarios import SCENARIOS

TIMEOUT = 2
FAULTS = [
    ('429 Retry-After 1 s', {'kind': 'status', 'status': 429, 'retry_after': 1}),
    ('429 Retry-After 3600 s', {'kind': 'status', 'status': 429, 'retry_after': 3600}),
    ('500', {'kind': 'status', 'status': 500}),
    ('502', {'kind': 'status', 'status': 502}),
    ('503', {'kind': 'status', 'status': 503}),
    ('504', {'kind': 'status', 'status': 504}),
    ('delay past timeout', {'kind': 'delay', 'seconds': TIMEOUT + 0.5}),
    ('dropped connection', {'kind': 'drop'}),
]
POSITIONS = [('first read', 'read'), ('mutation', 'mutation'), ('read after mutation', 'read_after_mutation')]
CAUSES = ('HTTP ', 'timeout', 'cannot reach', 'Retry-After')
OPERATION = re.compile(r'\b(users|groups)\.[a-zA-Z]+ (failed|refused)')
HOLDS = ('now holds', 'no user was created', 'now exists')


def failure_outcome(result, mutations):
    """'clear failure', or what is missing from the message."""
    msg = result.get('msg') or ''
    if not OPERATION.search(msg) or not any(cause in msg for cause in CAUSES):
        return 'UNCLEAR: %s' % msg
    # After a change began, the message must say what the server holds now (re-read, not guessed).
    if mutations and not any(text in msg for text in HOLDS):
        return 'NO STATE: does not say what the server holds: %s' % msg
    return 'clear failure'


def run_cell(wiki, scenario, fault, on):
    wiki.reset()
    scenario.setup(wiki)
    wiki.clear_log()
    wiki.faults(dict(fault, on=on))
    args = dict(scenario.args, url=wiki.url, api_key=wiki.api_key, timeout=TIMEOUT)
    first = run_module(scenario.module, args)
    reached = not wiki.control('GET', '/faults')['faults']
    wiki.settle()
    if not reached:
        return None
    mutations = wiki.mutations()
    state = scenario.state(wiki)
    wiki.clear_log()
    if first.get('failed'):
        outcome = failure_outcome(first, mutations)
    elif state == scenario.intended and scenario.check_result(first):
        outcome = 'recovered'
    else:
        outcome = 'WRONG STATE'
    second = run_module(scenario.module, args)
    # The run after the one that finished the job must be ok and send nothing.
    wiki.clear_log()
    third = run_module(scenario.module, args) if second.get('changed') else second
    third_mutations = wiki.mutations() if second.get('changed') else 0
    final = scenario.state(wiki)
    converged = not second.get('failed') and final == scenario.intended and not third.get('failed') and \
        not third.get('changed') and third_mutations == 0
    ok = outcome in ('recovered', 'clear failure') and converged
    return {'outcome': outcome, 'mutations': mutations, 'state': 'exact' if state == scenario.intended else 'not yet',
            'rerun': 'converged' if converged else 'NOT CONVERGED: %s' % (second.get('msg') or final), 'ok': ok}


WORKERS = 3
_WIKI = None


def _start_worker():
    """Each worker process has its own test server: cells reset it, and most of a cell's time is waiting."""
    global _WIKI  # pylint: disable=global-statement
    # Forked: the parent's collection root is already on sys.path.
    server = WikiJsTestServer(port=0).start()
    _WIKI = harness.Wiki(server)


def _run_one(cell):
    scenario_index, on, fault_index = cell
    return run_cell(_WIKI, SCENARIOS[scenario_index], FAULTS[fault_index][1], on)


def run(wiki):  # pylint: disable=unused-argument
    cells = [(s, on, f) for s, scenario in enumerate(SCENARIOS) for position, on in POSITIONS
             if on == 'read' or scenario.mutates for f in range(len(FAULTS))]
    with concurrent.futures.ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context('fork'),
                                                initializer=_start_worker) as pool:
        results = list(pool.map(_run_one, cells))
    rows, passed, failed = [], 0, 0
    positions = dict((on, name) for name, on in POSITIONS)
    for (s, on, f), cell in zip(cells, results):
        if cell is None:
            continue
        scenario = SCENARIOS[s]
        passed, failed = passed + cell['ok'], failed + (not cell['ok'])
        rows.append(('%s %s' % (scenario.module, scenario.name), positions[on], FAULTS[f][0], cell['outcome'],
                     cell['mutations'], cell['state'], cell['rerun'], 'pass' if cell['ok'] else 'FAIL'))
    table('Fault matrix (%d cells; timeout %d s; state = server after the faulty run vs intended)' % (len(rows), TIMEOUT),
          ['module / task', 'fault on', 'fault', 'outcome', 'mutations sent', 'state', 'rerun', 'cell'], rows)
    summary(rows)
    return passed, failed


def summary(rows):
    """The same cells, one line per fault: R recovered, F clear failure, then mutations sent; X a failed cell."""
    columns = []
    for row in rows:
        if (row[0], row[1]) not in columns:
            columns.append((row[0], row[1]))
    cells = {}
    for row in rows:
        mark = ('R' if row[3] == 'recovered' else 'F') + ('' if row[7] == 'pass' else ' X')
        cells[(row[0], row[1], row[2])] = '%s %d' % (mark, row[4])
    failing = sorted(set((row[0], row[3].split(':')[0]) for row in rows if row[7] != 'pass'))
    lines = [[name] + [cells.get((task, position, name), '-') for task, position in columns] for name, dummy in FAULTS]
    for task, why in failing:
        print('failing cells: %s: %s' % (task, why))
    table('Fault matrix at a glance (R recovered, F failed, then mutations sent; X a failing cell, see its row)',
          ['fault'] + ['%s, %s' % (task.replace('wikijs_', ''), position) for task, position in columns], lines)
