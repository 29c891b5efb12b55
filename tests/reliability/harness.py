# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared plumbing of the reliability matrices: the test server, modules run in-process, tables.

Modules run in this process (``main()`` with AnsibleModule's argument hook): hundreds of runs
cost seconds, where as many ansible-playbook runs would cost minutes. They still talk real
HTTP to the test server, which runs on a thread of the same process.
"""

import contextlib
import importlib
import io
import json
import os
import shutil
import sys
import tempfile
import time

import requests

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(TESTS)
sys.path.insert(0, TESTS)

from wikijs_server import WikiJsTestServer  # noqa: E402 pylint: disable=wrong-import-position


ROOT = None


def collection_root():
    """A directory holding ansible_collections/wikijs/wikijs -> this checkout, on sys.path (and in ROOT)."""
    global ROOT  # pylint: disable=global-statement
    ROOT = root = tempfile.mkdtemp(prefix='wikijs-reliability-')
    os.makedirs(os.path.join(root, 'ansible_collections', 'wikijs'))
    os.symlink(REPO, os.path.join(root, 'ansible_collections', 'wikijs', 'wikijs'))
    sys.path.insert(0, root)
    return root


def remove_collection_root():
    if ROOT:
        shutil.rmtree(ROOT, ignore_errors=True)


class Wiki(object):
    """The test server plus the calls the matrices need: control API, GraphQL as admin, state reads."""

    def __init__(self, server):
        self.server = server
        self.url = server.url
        self.api_key = server.api_key
        self.http = requests.Session()

    def control(self, method, path, body=None):
        response = self.http.request(method, self.server.control_url + path, json=body, timeout=30)
        response.raise_for_status()
        return response.json()

    def reset(self):
        self.control('POST', '/reset')

    def faults(self, *faults):
        self.control('POST', '/faults', {'faults': list(faults)})

    def clear_log(self):
        self.control('DELETE', '/log')

    def log(self):
        return self.control('GET', '/log')['requests']

    def mutations(self):
        return sum(1 for entry in self.log() if entry['mutation'])

    def settle(self, seconds=10):
        """Wait (bounded) until every logged request has been answered: a delayed mutation lands late."""
        self.control('DELETE', '/faults')
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            # A delayed request is logged without its query until it is answered; a dropped one keeps its query.
            if not any(e['status'] is None and e['query'] is None for e in self.log()):
                return
            time.sleep(0.2)

    def gql(self, query, variables=None):
        response = self.http.post(self.url + '/graphql', json={'query': query, 'variables': variables or {}},
                                  headers={'Authorization': 'Bearer %s' % self.api_key}, timeout=30)
        body = response.json()
        assert not body.get('errors'), body
        return body['data']

    def users(self):
        """Every user with its groups, by email (lower case) -> list of users with that email (one request per 100)."""
        listed = self.gql('{ users { list { id } } }')['users']['list']
        found = {}
        for start in range(0, len(listed), 100):
            chunk = [u['id'] for u in listed[start:start + 100]]
            fields = ' '.join('u%d: single(id: %d) { id email name providerKey isActive groups { name } }' % (n, uid)
                              for n, uid in enumerate(chunk))
            data = self.gql('{ users { %s } }' % fields)['users']
            for n in range(len(chunk)):
                full = data['u%d' % n]
                found.setdefault(full['email'].lower(), []).append({
                    'id': full['id'], 'name': full['name'], 'provider': full['providerKey'], 'active': full['isActive'],
                    'groups': sorted(g['name'] for g in full['groups'])})
        return found

    def groups(self):
        """Every group by name -> list of {permissions, members (emails)}; a list shows duplicates."""
        listed = self.gql('{ groups { list { id } } }')['groups']['list']
        fields = ' '.join('g%d: single(id: %d) { name permissions users { email } }' % (n, g['id'])
                          for n, g in enumerate(listed))
        data = self.gql('{ groups { %s } }' % fields)['groups'] if listed else {}
        found = {}
        for n in range(len(listed)):
            group = data['g%d' % n]
            found.setdefault(group['name'], []).append({'permissions': sorted(group['permissions']),
                                                        'members': sorted(u['email'] for u in group['users'])})
        return found

    def create_group(self, name):
        data = self.gql('mutation ($n: String!) { groups { create(name: $n) { group { id } } } }', {'n': name})
        return data['groups']['create']['group']['id']

    def create_user(self, email, name, groups=()):
        self.gql('mutation ($e: String!, $n: String!, $g: [Int]!) { users { create(email: $e, name: $n, '
                 'passwordRaw: "initial-pw-1", providerKey: "local", groups: $g) { responseResult { succeeded } } } }',
                 {'e': email, 'n': name, 'g': list(groups)})


@contextlib.contextmanager
def running_wiki():
    with WikiJsTestServer(port=0) as server:
        yield Wiki(server)


def run_module(name, args, check=False, diff=True):
    """Run wikijs.wikijs.<name> in-process; return its result dict (``failed`` set on failure)."""
    from ansible.module_utils import basic  # pylint: disable=import-outside-toplevel
    payload = dict(args, _ansible_check_mode=check, _ansible_diff=diff, _ansible_remote_tmp='/tmp',
                   _ansible_keep_remote_files=False)
    basic._ANSIBLE_ARGS = json.dumps({'ANSIBLE_MODULE_ARGS': payload}).encode('utf-8')  # pylint: disable=protected-access
    setattr(basic, '_ANSIBLE_PROFILE', 'legacy')
    module = importlib.import_module('ansible_collections.wikijs.wikijs.plugins.modules.%s' % name)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            module.main()
        except SystemExit:
            pass
    text = out.getvalue().strip()
    try:
        return json.loads(text[text.index('{'):])
    except ValueError:
        return {'failed': True, 'msg': 'no JSON result: %s' % text[:300]}


def table(title, headers, rows):
    """Print a Markdown table (so docs/reliability.md can take it as it is)."""
    print('\n### %s\n' % title)
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h)) for i, h in enumerate(headers)]
    print('| ' + ' | '.join(str(h).ljust(w) for h, w in zip(headers, widths)) + ' |')
    print('|' + '|'.join('-' * (w + 2) for w in widths) + '|')
    for row in rows:
        print('| ' + ' | '.join(str(c).ljust(w) for c, w in zip(row, widths)) + ' |')
    sys.stdout.flush()
