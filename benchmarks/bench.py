# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""make bench: a wikijs_user loop, wikijs_users and a hand-written uri playbook, timed on the same rosters.

Against the real Wiki.js when WIKIJS_TEST_URL / WIKIJS_TEST_API_KEY are set, else the test server.
BENCH_SIZES (default 100,300,1000), BENCH_OTHERS (default 5000), BENCH_METHODS (default loop,roster,uri) and
BENCH_SLOW_MAX (largest roster for the loop and uri playbooks; default all) make a quicker run possible.
Each measurement is appended to benchmarks/results.jsonl (BENCH_OUT: another folder) as it is made, so an
interrupted run still leaves its numbers; results.md and results.png are written at the end.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, 'tests'))
sys.path.insert(0, os.path.join(REPO, 'tests', 'ci'))

from collection_copy import collections_path  # noqa: E402 pylint: disable=wrong-import-position

PREFIX = 'bench-'
SSO = 'bench-sso'
# Every playbook run is bounded; the slowest (1,000 loop items with password hashing) takes about 10 minutes.
RUN_TIMEOUT = 3600
HASH_SAMPLES = 10


class Wiki(object):
    """The server under test, and how to seed it directly."""

    def __init__(self):
        self.url = os.environ.get('WIKIJS_TEST_URL')
        self.api_key = os.environ.get('WIKIJS_TEST_API_KEY')
        self.real = bool(self.url and self.api_key)
        self.server = None
        if not self.real:
            from wikijs_server import WikiJsTestServer  # pylint: disable=import-outside-toplevel
            self.server = WikiJsTestServer(port=0).__enter__()
            self.url, self.api_key = self.server.url, self.server.api_key
        self.session = requests.Session()
        self.session.headers['Authorization'] = 'Bearer %s' % self.api_key

    def gql(self, query, variables=None):
        response = self.session.post(self.url + '/graphql', json={'query': query, 'variables': variables or {}}, timeout=120)
        body = response.json()
        if body.get('errors'):
            raise RuntimeError('%s: %s' % (query[:60], body['errors'][0].get('message')))
        return body['data']

    def psql(self, sql):
        home = os.environ.get('WIKIJS_HOME', '/tmp/wikijs-live')
        port = os.environ.get('PG_PORT') or open(os.path.join(home, 'ports')).read().split()[1]
        pg_bin = sorted(d for d in os.listdir('/usr/lib/postgresql'))[-1]
        command = ['/usr/lib/postgresql/%s/bin/psql' % pg_bin, '-h', os.path.join(home, 'pgsock'), '-p', port,
                   '-U', 'postgres', '-d', 'wiki', '-X', '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql]
        if os.geteuid() == 0:
            command = ['runuser', '-u', 'postgres', '--'] + command
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=300).stdout

    def prepare(self, others):
        """A wiki with ``others`` users that are not in any roster, no roster user, and the bench group."""
        if self.real:
            # Direct inserts into the tables users.create writes, as Wiki.js would fill them (no password hash:
            # nobody logs in as these users, and list reads do not look at it).
            self.psql(
                "DELETE FROM \"userGroups\" WHERE \"userId\" IN (SELECT id FROM users WHERE email LIKE '%s%%');"
                "DELETE FROM users WHERE email LIKE '%s%%';"
                "INSERT INTO users (email, name, \"providerKey\", \"isActive\", \"isVerified\", \"createdAt\", \"updatedAt\")"
                " SELECT 'other' || n || '@example.com', 'Other ' || n, 'local', true, true, now()::text, now()::text"
                " FROM generate_series((SELECT count(*) FROM users WHERE email LIKE 'other%%'), %d - 1) AS n;"
                % (PREFIX, PREFIX, others))
            self.add_strategy()
        else:
            self.session.post(self.server.control_url + '/reset', json={'seed_users': others}, timeout=300).raise_for_status()
        groups = self.gql('{ groups { list { id name } } }')['groups']['list']
        found = [g['id'] for g in groups if g['name'] == 'bench-staff']
        if not found:
            found = [self.gql('mutation { groups { create(name: "bench-staff") { group { id } } } }')['groups']['create']['group']['id']]
        return found[0]

    def add_strategy(self):
        """A second enabled strategy (a second instance of the local one), for users of a non-local provider.

        Through the API, so that Wiki.js loads it: users.single crashes on a user whose strategy is not loaded.
        updateStrategies replaces the whole list, so the local one is sent too.
        """
        strategies = [dict(key=key, strategyKey='local', displayName=name, order=order, isEnabled=True, config=[],
                           selfRegistration=False, domainWhitelist=[], autoEnrollGroups=[])
                      for order, (key, name) in enumerate((('local', 'Local'), (SSO, 'Bench SSO')))]
        self.gql('mutation ($s: [AuthenticationStrategyInput]!) { authentication { updateStrategies(strategies: $s)'
                 ' { responseResult { succeeded } } } }', {'s': strategies})

    def request_log(self, clear=False):
        if self.real:
            return None
        if clear:
            self.session.delete(self.server.control_url + '/log', timeout=30)
            return None
        entries = self.session.get(self.server.control_url + '/log', timeout=30).json()['requests']
        return len(entries), sum(1 for e in entries if e['mutation'])

    def hash_seconds(self):
        """Median time of users.create for a local user with a password, sent alone: the server's own cost."""
        samples = []
        for n in range(HASH_SAMPLES):
            # A fresh address each time: an existing one is refused (1004) before any hashing, in no time.
            email = '%shash-%d-%d@example.com' % (PREFIX, time.time_ns(), n)
            started = time.monotonic()
            data = self.gql('mutation ($e: String!) { users { create(email: $e, name: "Hash Probe", passwordRaw: '
                            '"Probe-pass-1", providerKey: "local", groups: []) { responseResult { succeeded message } } } }',
                            {'e': email})
            samples.append(time.monotonic() - started)
            result = data['users']['create']['responseResult']
            if not result['succeeded']:
                raise RuntimeError('hash probe %s refused: %s' % (email, result['message']))
        return statistics.median(samples)


def roster(size, group_id, provider, renamed=False):
    people = []
    for n in range(size):
        person = {'email': '%s%04d@example.com' % (PREFIX, n), 'name': 'Bench Person %04d%s' % (n, ' Jr' if renamed else ''),
                  'groups': [group_id]}
        if provider == 'local':
            person['password'] = 'Bench-pass-%04d' % n
        else:
            person['provider'] = provider
        people.append(person)
    return people


def playbook(copy, wiki, name, people, group_id):
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as handle:
        json.dump({'roster': people, 'bench_url': wiki.url, 'bench_api_key': wiki.api_key,
                   'bench_group_ids': [group_id]}, handle)
        extra = handle.name
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=copy, ANSIBLE_HOST_KEY_CHECKING='False',
               ANSIBLE_LOCALHOST_WARNING='False', ANSIBLE_INVENTORY_UNPARSED_WARNING='False')
    started = time.monotonic()
    try:
        done = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'),
                               os.path.join(HERE, name), '-e', '@' + extra], env=env, capture_output=True, text=True,
                              timeout=RUN_TIMEOUT, check=False)
    finally:
        os.unlink(extra)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError('%s failed:\n%s' % (name, done.stdout[-3000:]))
    return elapsed


def main():
    sizes = [int(s) for s in os.environ.get('BENCH_SIZES', '100,300,1000').split(',') if s.strip()]
    others = int(os.environ.get('BENCH_OTHERS', '5000'))
    methods = [m for m in os.environ.get('BENCH_METHODS', 'loop,roster,uri').split(',') if m]
    # On a loaded machine a 1,000-item loop takes most of an hour: BENCH_SLOW_MAX=300 times the loop and the uri
    # playbook only up to that size (the table then says "not run").
    slow_max = int(os.environ.get('BENCH_SLOW_MAX', '0') or 0)
    wiki = Wiki()
    target = 'the real Wiki.js at %s' % wiki.url if wiki.real else 'the test server (tests/wikijs_server)'
    print('bench: against %s; sizes %s; %d other users' % (target, sizes, others), flush=True)
    out = os.environ.get('BENCH_OUT') or HERE
    os.makedirs(out, exist_ok=True)
    jsonl = os.path.join(out, 'results.jsonl')
    rows = []
    # BENCH_RESUME=1 keeps the measurements of an interrupted run and makes only the missing ones.
    if os.environ.get('BENCH_RESUME') and os.path.exists(jsonl):
        with open(jsonl) as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
    else:
        open(jsonl, 'w').close()
    measured = set((r['size'], r['method'], r['provider'], r['step']) for r in rows if r.get('kind') == 'run')

    def record(**row):
        rows.append(row)
        with open(jsonl, 'a') as handle:
            handle.write(json.dumps(row) + '\n')
        print('bench: %s' % json.dumps(row), flush=True)

    with collections_path() as copy:
        wiki.prepare(others)
        floor = next((r['seconds'] for r in rows if r.get('kind') == 'ansible-startup'), None)
        if floor is None:
            floor = min(playbook(copy, wiki, 'empty.yml', [], 0) for dummy in range(3))
            record(kind='ansible-startup', seconds=round(floor, 3))
        # wikijs_users first: its numbers are the point, and the loops take most of the time.
        for method in sorted(methods, key=lambda m: m != 'roster'):
            for size in sizes:
                if slow_max and method != 'roster' and size > slow_max:
                    continue
                # Non-local users exist to compare creations without password hashing: loop and roster only.
                for provider in ['local', SSO] if wiki.real and method != 'uri' else ['local']:
                    label = 'local' if provider == 'local' else 'other'
                    if (size, method, label, 'create') in measured:
                        continue
                    group_id = wiki.prepare(others)
                    steps = [('create', roster(size, group_id, provider))]
                    if provider == 'local':
                        steps += [('noop', roster(size, group_id, provider)),
                                  ('update', roster(size, group_id, provider, renamed=True))]
                    if method == 'roster' and provider == 'local':
                        # The server's own cost, measured next to the creation it bounds: the load of a shared
                        # machine changes within minutes.
                        record(kind='server-create-local', size=size, seconds=round(wiki.hash_seconds(), 4))
                        wiki.prepare(others)
                    for step, people in steps:
                        wiki.request_log(clear=True)
                        seconds = playbook(copy, wiki, '%s.yml' % method, people, group_id) - floor
                        counts = wiki.request_log()
                        record(kind='run', size=size, method=method, provider=label,
                               step=step, seconds=round(seconds, 3), requests=counts[0] if counts else None,
                               mutations=counts[1] if counts else None)
    from bench_report import write_report  # pylint: disable=import-outside-toplevel
    write_report(rows, target, others, out)
    if wiki.server is not None:
        wiki.server.__exit__(None, None, None)


if __name__ == '__main__':
    main()
