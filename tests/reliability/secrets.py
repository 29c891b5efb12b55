# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Secrets never reach any output: one real ansible-playbook run, every marker, every channel.

The default callback at -vvvv with --diff and results printed as JSON (stdout, stderr), plus the tree
callback (the results as a JSON file per host) and the junit callback (XML with task output), which is
how machines read results. ansible.posix's json callback is not part of ansible-core; tree is core's
JSON writer.
ANSIBLE_DEBUG=1 prints module arguments by design (Ansible documents this); docs/reliability.md says so.
Each marker is looked for in clear, base64 and URL-quoted form.
"""

import base64
import glob
import os
import subprocess
import sys
import tempfile
import urllib.parse

import harness
from harness import table

MARKERS = {
    'password (create)': 'MARKER-pw-create-7f3a91',
    'password (rotation)': 'MARKER-pw-rotate-9c1e42',
    'password (too short)': 'Mk-1!',
    'password (rotation that fails)': 'MARKER-pw-failing-5d2b77',
    'api_key (refused)': 'MARKER-api-key-0d8e4f6a2c',
}

PLAYBOOK = '''
- hosts: localhost
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
    pw: "{{ lookup('ansible.builtin.env', 'SECRET_MARKERS') | from_json }}"
  tasks:
    - name: Create with a password, in check mode and for real
      wikijs.wikijs.wikijs_user: {email: sec@example.com, name: Sec Ret, password: "{{ pw.create }}"}
      check_mode: "{{ item }}"
      loop: [true, false]
    - name: Rotate the password, in check mode and for real
      wikijs.wikijs.wikijs_user: {email: sec@example.com, password: "{{ pw.rotate }}", update_password: always}
      check_mode: "{{ item }}"
      loop: [true, false]
    - name: A password too short is refused
      wikijs.wikijs.wikijs_user: {email: other@example.com, name: Oth Er, password: "{{ pw.short }}"}
      ignore_errors: true
    - name: The next mutation gets a 502 from the proxy
      ansible.builtin.uri:
        url: "{{ lookup('ansible.builtin.env', 'WIKIJS_CONTROL_URL') }}/faults"
        method: POST
        body_format: json
        body: {faults: [{kind: status, status: 502, 'on': mutation}]}
    - name: A rotation that fails after reaching the server
      wikijs.wikijs.wikijs_user:
        email: sec@example.com
        password: "{{ pw.failing }}"
        update_password: always
        name: Sec Ret Renamed
      ignore_errors: true
    - name: A refused key (wikijs_user_info)
      wikijs.wikijs.wikijs_user_info: {api_key: "{{ pw.key }}", email: sec@example.com}
      ignore_errors: true
    - name: A refused key (wikijs_user)
      wikijs.wikijs.wikijs_user: {api_key: "{{ pw.key }}", email: sec@example.com}
      ignore_errors: true
    - name: Read the user in full
      wikijs.wikijs.wikijs_user_info: {email: sec@example.com, details: true}
'''


def forms(secret):
    return [secret, base64.b64encode(secret.encode()).decode(), urllib.parse.quote(secret, safe='')]


def run_playbook(wiki, workdir, args, extra_env):
    playbook = os.path.join(workdir, 'secrets.yml')
    with open(playbook, 'w') as handle:
        handle.write(PLAYBOOK)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=harness.ROOT, ANSIBLE_NOCOLOR='1', WIKIJS_URL=wiki.url,
               WIKIJS_API_KEY=wiki.api_key, WIKIJS_CONTROL_URL=wiki.server.control_url,
               SECRET_MARKERS='{"create": "%s", "rotate": "%s", "short": "%s", "failing": "%s", "key": "%s"}' % (
                   MARKERS['password (create)'], MARKERS['password (rotation)'], MARKERS['password (too short)'],
                   MARKERS['password (rotation that fails)'], MARKERS['api_key (refused)']),
               ANSIBLE_LOCALHOST_WARNING='0', ANSIBLE_INVENTORY_UNPARSED_WARNING='0')
    env.update(extra_env)
    ansible_playbook = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
    proc = subprocess.run([ansible_playbook] + args + [playbook], env=env, capture_output=True, text=True,
                          timeout=300, check=False, stdin=subprocess.DEVNULL)
    return proc


def run(wiki):
    wiki.reset()
    channels = {}
    with tempfile.TemporaryDirectory() as workdir:
        tree, junit = os.path.join(workdir, 'tree'), os.path.join(workdir, 'junit')
        first = run_playbook(wiki, workdir, ['-vvvv', '--diff'], {
            'ANSIBLE_CALLBACK_RESULT_FORMAT': 'json', 'ANSIBLE_CALLBACKS_ENABLED': 'ansible.builtin.tree,ansible.builtin.junit',
            'ANSIBLE_CALLBACK_TREE_DIR': tree, 'JUNIT_OUTPUT_DIR': junit, 'JUNIT_TASK_CLASS': 'true'})
        channels['-vvvv stdout'] = first.stdout
        channels['-vvvv stderr'] = first.stderr
        channels['tree callback (JSON)'] = ''.join(open(p).read() for p in glob.glob(os.path.join(tree, '*')))
        channels['junit callback (XML)'] = ''.join(open(p).read() for p in glob.glob(os.path.join(junit, '*')))
    rows, passed, failed = [], 0, 0
    # The runs must really have done what the matrix claims: created, rotated, refused, failed after a 502.
    sanity = [
        ('the run finished (rc 0)', first.returncode == 0),
        ('create and rotation changed', 'changed=2' in first.stdout),
        ('a diff was printed', '"after"' in first.stdout or '+++ after' in first.stdout),
        ('the failing rotation failed after the 502', 'HTTP 502' in first.stdout and 'now holds' in first.stdout),
        ('the refused key was refused', 'check api_key' in first.stdout),
        ('tree and junit wrote files', bool(channels['tree callback (JSON)']) and bool(channels['junit callback (XML)'])),
        ('module arguments in -vvvv were censored', 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' in first.stdout),
    ]
    for what, ok in sanity:
        passed, failed = passed + ok, failed + (not ok)
        rows.append(('(run check) ' + what, '', 'yes' if ok else 'NO', 'pass' if ok else 'FAIL'))
    if not all(ok for dummy, ok in sanity):
        print(first.stdout[-3000:], first.stderr[-2000:])
    for label, marker in sorted(MARKERS.items()) + [('api_key (valid)', wiki.api_key)]:
        for channel, text in channels.items():
            leaked = any(form in text for form in forms(marker))
            passed, failed = passed + (not leaked), failed + leaked
            rows.append((label, channel, 'LEAKED' if leaked else 'absent', 'FAIL' if leaked else 'pass'))
    table('Secrets (markers in clear, base64 and URL-quoted form)', ['marker', 'channel', 'found', 'cell'], rows)
    return passed, failed
