# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Twenty hosts converge their slices of users on one server at once (forks 20), then rerun.

Each host owns a slice of users; memberships overlap across hosts (five shared groups), so the
same groups gain members from twenty processes at the same time. Each host runs one wikijs_users
task over its 50 users.
Passes when the first run has no error, every user exists once with exactly its groups, nothing
else changed, and the rerun is all ok with zero mutations.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import harness
from harness import table

HOSTS = 20
GROUPS = ['Team A', 'Team B', 'Team C', 'Team D', 'Team E']


def slices(per_host):
    out = {}
    for host in range(HOSTS):
        users = []
        for n in range(per_host):
            groups = sorted(set([GROUPS[n % 5], GROUPS[(n + host) % 5]]))
            users.append({'email': 'c%02d-%02d@example.com' % (host, n), 'name': 'Host %d User %d' % (host, n),
                          'password': 'initial-pw-%d' % n, 'groups': groups})
        out['h%02d' % host] = users
    return out


PLAYBOOK = '''
- hosts: wiki
  gather_facts: false
  tasks:
    - name: Converge this host's slice
      wikijs.wikijs.wikijs_users:
        users: "{{ slice }}"
'''


def play(wiki, workdir, playbook):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=harness.ROOT, ANSIBLE_NOCOLOR='1', WIKIJS_URL=wiki.url,
               WIKIJS_API_KEY=wiki.api_key, ANSIBLE_FORKS=str(HOSTS), ANSIBLE_HOST_KEY_CHECKING='0',
               ANSIBLE_DISPLAY_OK_HOSTS='0', ANSIBLE_DISPLAY_SKIPPED_HOSTS='0')
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i', os.path.join(workdir, 'inventory.json'),
               '-f', str(HOSTS), playbook]
    started = time.monotonic()
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False,
                          stdin=subprocess.DEVNULL, cwd=workdir)
    return proc, time.monotonic() - started


def recap(output):
    totals = {'ok': 0, 'changed': 0, 'failed': 0, 'unreachable': 0}
    for line in output.splitlines():
        if ' : ok=' in line:
            for part in line.split(':', 1)[1].split():
                key, dummy, value = part.partition('=')
                if key in totals:
                    totals[key] += int(value)
    return totals


def run(wiki):
    per_host = 50
    wanted = slices(per_host)
    wiki.reset()
    for name in GROUPS:
        wiki.create_group(name)
    rows, passed, failed = [], 0, 0
    with tempfile.TemporaryDirectory() as workdir:
        inventory = {'wiki': {'hosts': dict((host, {'slice': users}) for host, users in wanted.items()),
                              'vars': {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable}}}
        with open(os.path.join(workdir, 'inventory.json'), 'w') as handle:
            json.dump(inventory, handle)
        playbook = os.path.join(workdir, 'site.yml')
        with open(playbook, 'w') as handle:
            handle.write(PLAYBOOK)
        for label in ('first run', 'rerun'):
            wiki.clear_log()
            proc, seconds = play(wiki, workdir, playbook)
            log = wiki.log()
            totals = recap(proc.stdout)
            users = wiki.users()
            expected = dict((u['email'], u) for hosts in wanted.values() for u in hosts)
            duplicates = sum(1 for email in expected if len(users.get(email, [])) > 1)
            exact = all(len(users.get(email, [])) == 1 and users[email][0]['groups'] == u['groups'] and
                        users[email][0]['name'] == u['name'] for email, u in expected.items())
            extra = len(users) - len(expected) - 2  # admin and guest
            mutations = sum(1 for entry in log if entry['mutation'])
            ok = proc.returncode == 0 and totals['failed'] == 0 and duplicates == 0 and exact and extra == 0
            if label == 'first run':
                ok = ok and totals['changed'] > 0
            else:
                ok = ok and totals['changed'] == 0 and mutations == 0
            if not ok:
                print(proc.stdout[-3000:], proc.stderr[-2000:])
            passed, failed = passed + ok, failed + (not ok)
            rows.append((label, 'wikijs_users (one task per host)', HOSTS,
                         len(expected), '%(ok)d/%(changed)d/%(failed)d' % totals, len(log), mutations, duplicates,
                         'yes' if exact and extra == 0 else 'NO', '%.0f s' % seconds, 'pass' if ok else 'FAIL'))
    table('Concurrency: %d hosts, forks %d, %d users each, five shared groups' % (HOSTS, HOSTS, per_host),
          ['run', 'module', 'hosts', 'users', 'ok/changed/failed', 'requests', 'mutations', 'duplicates',
           'state exact', 'time (not asserted)', 'row'], rows)
    return passed, failed
