# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the integration targets with ansible-test, one target at a time.

Against the project's Wiki.js 2.5 test server (default: started here on a
free loopback port, reset before each target), or with --live against the
server named by WIKIJS_TEST_URL / WIKIJS_TEST_API_KEY. The targets get the
connection through integration_config.yml, the file ansible-test passes to
every playbook as extra vars.

usage: integration.py [--live] [TARGET ...]
"""

import json
import os
import secrets
import shutil
import subprocess
import sys

from collection_copy import install_get_pip_stand_in, make_copy
from server_process import TestServer

TARGET_TIMEOUT = 900


def list_targets(collection):
    base = os.path.join(collection, 'tests', 'integration', 'targets')
    names = []
    for name in sorted(os.listdir(base)):
        aliases = os.path.join(base, name, 'aliases')
        text = open(aliases).read() if os.path.exists(aliases) else ''
        if name.startswith('setup_') or 'disabled' in text.split() or 'unsupported' in text.split():
            continue
        names.append(name)
    return names


def write_config(collection, variables):
    path = os.path.join(collection, 'tests', 'integration', 'integration_config.yml')
    with open(path, 'w') as handle:
        # JSON is YAML; written with mode 600 because it holds the key.
        os.fchmod(handle.fileno(), 0o600)
        json.dump(variables, handle, indent=2)


def run(live, wanted):
    install_get_pip_stand_in()
    root, collection = make_copy('integration')
    server = None
    passed, failed = [], []
    try:
        # Pipelining runs each module over one exec instead of four (temp dir, copy, chmod, run): about 15% less CPU.
        variables = {'wikijs_prefix': 'it-%s' % secrets.token_hex(3), 'ansible_pipelining': True}
        if live:
            variables.update(wikijs_url=os.environ['WIKIJS_TEST_URL'], wikijs_api_key=os.environ['WIKIJS_TEST_API_KEY'],
                             wikijs_test_server=False)
        else:
            server = TestServer()
            variables.update(wikijs_url=server.info['url'], wikijs_api_key=server.info['api_key'],
                             wikijs_control_url=server.info['control_url'], wikijs_test_server=True)
        write_config(collection, variables)
        for target in wanted or list_targets(collection):
            if server:
                server.reset()
            print('=== integration target %s (%s)' % (target, 'live Wiki.js' if live else 'test server'), flush=True)
            command = ['ansible-test', 'integration', '--venv', '--python', '3.11', '--color', 'no', target]
            try:
                code = subprocess.run(command, cwd=collection, timeout=TARGET_TIMEOUT, check=False).returncode
            except subprocess.TimeoutExpired:
                code = 'timeout'
            (passed if code == 0 else failed).append(target)
    finally:
        if server:
            server.stop()
        shutil.rmtree(root, ignore_errors=True)
    label = 'integration-live' if live else 'integration'
    if failed:
        print('%s: failed targets: %s' % (label, ', '.join(failed)))
    print('%s: %d passed, %d failed' % (label, len(passed), len(failed)), flush=True)
    return 1 if failed or not passed else 0


def main(argv):
    live = '--live' in argv
    targets = [arg for arg in argv if not arg.startswith('--')]
    if live and not (os.environ.get('WIKIJS_TEST_URL') and os.environ.get('WIKIJS_TEST_API_KEY')):
        print('--live needs WIKIJS_TEST_URL and WIKIJS_TEST_API_KEY')
        return 2
    return run(live, targets)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
