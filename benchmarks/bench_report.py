# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The table, benchmarks/results.md and benchmarks/results.png from the measurements of bench.py.

``python benchmarks/bench_report.py`` rebuilds them from results.jsonl (for example after an interrupted run).
"""

import json
import os
import platform
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = (('create', 'local'), ('noop', 'local'), ('update', 'local'), ('create', 'other'))
LABELS = {('create', 'local'): 'create (local, password)', ('noop', 'local'): 'no-op rerun',
          ('update', 'local'): 'one-field update', ('create', 'other'): 'create (non-local provider)'}


def machine():
    cpus = os.cpu_count()
    model = ''
    try:
        with open('/proc/cpuinfo') as handle:
            model = next((line.split(':', 1)[1].strip() for line in handle if line.startswith('model name')), '')
    except OSError:
        pass
    return '%s, %s CPUs (%s), Python %s' % (platform.platform(), cpus, model or 'unknown model', platform.python_version())


def table(rows):
    runs = dict(((r['size'], r['method'], r['step'], r['provider']), r) for r in rows if r.get('kind') == 'run')
    hashing = dict((r.get('size'), r['seconds']) for r in rows if r.get('kind') == 'server-create-local')
    lines = ['| roster | step | loop s (req) | wikijs_users s (req) | uri s (req) | loop / wikijs_users | uri / wikijs_users |'
             ' server hashing s |', '|---|---|---|---|---|---|---|---|']
    for size in sorted(set(key[0] for key in runs)):
        for step, provider in STEPS:
            cells = {}
            for method in ('loop', 'roster', 'uri'):
                cells[method] = runs.get((size, method, step, provider))
            if not any(cells.values()):
                continue

            def show(row):
                if row is None:
                    return 'not run'
                return '%.2f (%s)' % (row['seconds'], row['requests'] if row['requests'] is not None else 'n/a')

            def ratio(row):
                if row is None or cells['roster'] is None or cells['roster']['seconds'] <= 0:
                    return '-'
                return '%.0fx' % (row['seconds'] / cells['roster']['seconds'])
            per_user = hashing.get(size, hashing.get(None))
            floor = '%.1f' % (per_user * size) if per_user and (step, provider) == ('create', 'local') else '-'
            lines.append('| %d | %s | %s | %s | %s | %s | %s | %s |' % (
                size, LABELS[(step, provider)], show(cells['loop']), show(cells['roster']), show(cells['uri']),
                ratio(cells['loop']), ratio(cells['uri']), floor))
    return '\n'.join(lines)


def chart(rows, path):
    import matplotlib  # pylint: disable=import-outside-toplevel
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt  # pylint: disable=import-outside-toplevel
    figure, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    for axis, (step, provider) in zip(axes, STEPS[:3]):
        for method, label in (('loop', 'wikijs_user loop'), ('roster', 'wikijs_users'), ('uri', 'ansible.builtin.uri')):
            points = sorted((r['size'], r['seconds']) for r in rows if r.get('kind') == 'run' and r['method'] == method
                            and r['step'] == step and r['provider'] == provider)
            if points:
                axis.plot([p[0] for p in points], [max(p[1], 0.01) for p in points], marker='o', label=label)
        axis.set_title(LABELS[(step, provider)])
        axis.set_xlabel('users in the roster')
        axis.set_ylabel('seconds (log scale)')
        axis.set_yscale('log')
        axis.grid(True, alpha=0.3)
        axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def write_report(rows, target, others, out=HERE):
    text = table(rows)
    startup = next((r['seconds'] for r in rows if r.get('kind') == 'ansible-startup'), None)
    body = ['# wikijs_users benchmark', '',
            'Against %s, with %d other users in the wiki. Machine: %s.' % (target, others, machine()), '',
            'Times are playbook wall-clock minus an empty playbook (Ansible start-up: %s s). Request counts come from '
            "the test server's request log (n/a against a real Wiki.js). Server hashing: the median time of a users.create "
            'of a local user sent alone, measured just before the roster is created, times the roster size.' % startup,
            '', text, '']
    with open(os.path.join(out, 'results.md'), 'w') as handle:
        handle.write('\n'.join(body))
    try:
        chart(rows, os.path.join(out, 'results.png'))
    except ImportError:
        print('bench: matplotlib is not installed; no chart (make bench installs it)')
    print(text)


if __name__ == '__main__':
    with open(os.path.join(HERE, 'results.jsonl')) as handle:
        measured = [json.loads(line) for line in handle if line.strip()]
    write_report(measured, sys.argv[1] if len(sys.argv) > 1 else 'the recorded server',
                 int(os.environ.get('BENCH_OTHERS', '5000')))
