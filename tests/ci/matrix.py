# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The support matrix: the demo and one integration target under every ansible-core that README promises.

Each version gets its own venv, cached under ~/.cache/wikijs-ansible/ and keyed by the
version and this file's pins, so a warm run installs nothing. The target runs as a
role with ansible-playbook (ansible-test would build its own venvs for every version),
with the variables ansible-test would pass, against a test server of its own. Two
versions run at a time (each with its own server). The version of the project venv
runs only the demo here: the integration gate already runs every target under it.

usage: matrix.py [VERSION ...]     (default: all of CORE_VERSIONS)
"""

import concurrent.futures
import io
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time

from collection_copy import REPO, collections_path
from server_process import TestServer

# Newest patch release of each ansible-core that installs on Python 3.11 (2.20 needs 3.12).
CORE_VERSIONS = ('2.16.19', '2.17.14', '2.18.19', '2.19.14')


def _project_core():
    """The ansible-core pinned for the project venv (tests/requirements.txt), which runs the integration gate."""
    with open(os.path.join(REPO, 'tests', 'requirements.txt')) as handle:
        for line in handle:
            if line.startswith('ansible-core=='):
                return line.split('==')[1].strip()
    return None


PROJECT_CORE = _project_core()
REQUESTS = 'requests==2.34.2'
TARGET = 'wikijs_user_info'
RUN_TIMEOUT = 600
CACHE = os.path.join(os.path.expanduser('~'), '.cache', 'wikijs-ansible')
DEMO_GROUPS = ('Editors', 'Reviewers')
WORKERS = 2


def venv_for(version):
    """The cached venv for one ansible-core, created on first use."""
    path = os.path.join(CACHE, 'core-%s-py%d%d' % ((version,) + sys.version_info[:2]))
    stamp = os.path.join(path, '.installed-%s' % REQUESTS)
    if not os.path.exists(stamp):
        shutil.rmtree(path, ignore_errors=True)
        # The base interpreter, not this venv's: each version stands alone.
        subprocess.run([getattr(sys, '_base_executable', sys.executable), '-m', 'venv', path], check=True)
        subprocess.run([os.path.join(path, 'bin', 'python'), '-m', 'pip', 'install', '-q', '--disable-pip-version-check',
                        'ansible-core==%s' % version, REQUESTS], check=True, timeout=RUN_TIMEOUT)
        open(stamp, 'w').close()
    return os.path.join(path, 'bin')


def playbook(bin_dir, args, env, cwd):
    env = dict(env, PATH=bin_dir + os.pathsep + os.environ.get('PATH', ''), ANSIBLE_NOCOLOR='1',
               ANSIBLE_LOCALHOST_WARNING='0', ANSIBLE_INVENTORY_UNPARSED_WARNING='0')
    try:
        proc = subprocess.run([os.path.join(bin_dir, 'ansible-playbook')] + args, env=env, cwd=cwd, timeout=RUN_TIMEOUT,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              check=False)
    except subprocess.TimeoutExpired:
        return 124, 'TIMEOUT after %s s' % RUN_TIMEOUT
    return proc.returncode, proc.stdout


def run_demo(bin_dir, server, collections):
    server.reset()
    for name in DEMO_GROUPS:
        server.graphql('mutation ($n: String!) { groups { create(name: $n) { responseResult { succeeded } } } }', {'n': name})
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections, WIKIJS_URL=server.info['url'],
               WIKIJS_API_KEY=server.info['api_key'], DEMO_INITIAL_PASSWORD=secrets.token_urlsafe(12))
    return playbook(bin_dir, [os.path.join('docs', 'examples', 'demo.yml'), '--diff'], env, REPO)


def run_target(bin_dir, server, collections, work):
    """The target as a role, with the variables integration.py gives it through ansible-test."""
    server.reset()
    variables = {'wikijs_prefix': 'mx-%s' % secrets.token_hex(3), 'wikijs_url': server.info['url'],
                 'wikijs_api_key': server.info['api_key'], 'wikijs_control_url': server.info['control_url'],
                 'wikijs_test_server': True, 'output_dir': work}
    vars_file = os.path.join(work, 'vars.json')
    with open(vars_file, 'w') as handle:
        os.fchmod(handle.fileno(), 0o600)
        json.dump(variables, handle)
    play = os.path.join(work, 'target.yml')
    with open(play, 'w') as handle:
        handle.write('- hosts: localhost\n  gather_facts: false\n'
                     '  vars: {ansible_python_interpreter: "{{ ansible_playbook_python }}"}\n'
                     '  roles: [%s]\n' % TARGET)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections,
               ANSIBLE_ROLES_PATH=os.path.join(REPO, 'tests', 'integration', 'targets'))
    return playbook(bin_dir, [play, '-e', '@' + vars_file], env, work)


def one_version(version, collections):
    """Demo, then the target (unless the integration gate covers this version); returns (log, results)."""
    log, results = io.StringIO(), []
    start = time.monotonic()
    bin_dir = venv_for(version)
    steps = [('demo', lambda server, work: run_demo(bin_dir, server, collections))]
    if version != PROJECT_CORE:
        steps.append((TARGET, lambda server, work: run_target(bin_dir, server, collections, work)))
    server = TestServer()
    try:
        for label, runner in steps:
            work = tempfile.mkdtemp(prefix='wikijs-matrix-')
            try:
                code, output = runner(server, work)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            recap = [line for line in output.splitlines() if line.startswith('localhost')]
            log.write('--- ansible-core %s, %s: rc %s; %s\n' % (version, label, code, recap[-1] if recap else 'no recap'))
            if code != 0:
                log.write(output[-6000:] + '\n')
            results.append(code == 0)
    finally:
        server.stop()
    log.write('ansible-core %s: %.0f s\n' % (version, time.monotonic() - start))
    return log.getvalue(), results


def main(argv):
    versions = argv or CORE_VERSIONS
    results = []
    with collections_path() as collections:
        with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
            futures = [pool.submit(one_version, version, collections) for version in versions]
            for future in futures:
                log, done = future.result()
                print(log, end='', flush=True)
                results.extend(done)
    print('matrix: %d passed, %d failed' % (results.count(True), results.count(False)), flush=True)
    return 0 if all(results) and results else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
