# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make demo`: docs/examples/demo.yml, with --diff, against a fresh Wiki.js 2.5 test server."""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile

from collection_copy import REPO
from server_process import TestServer

# The demo wiki already has these groups, as a real one would.
GROUPS = ('Editors', 'Reviewers')


def main():
    server = TestServer()
    collections = tempfile.mkdtemp(prefix='wikijs-demo-')
    try:
        for name in GROUPS:
            server.graphql('mutation ($n: String!) { groups { create(name: $n) { responseResult { succeeded } } } }', {'n': name})
        os.makedirs(os.path.join(collections, 'ansible_collections', 'wikijs'))
        os.symlink(REPO, os.path.join(collections, 'ansible_collections', 'wikijs', 'wikijs'))
        env = dict(os.environ,
                   ANSIBLE_COLLECTIONS_PATH=collections,
                   ANSIBLE_FORCE_COLOR='0',
                   ANSIBLE_NOCOLOR='1',
                   ANSIBLE_LOCALHOST_WARNING='0',
                   ANSIBLE_INVENTORY_UNPARSED_WARNING='0',
                   WIKIJS_URL=server.info['url'],
                   WIKIJS_API_KEY=server.info['api_key'],
                   DEMO_INITIAL_PASSWORD=secrets.token_urlsafe(12))
        print('Wiki.js 2.5 test server on %s (groups: %s)\n' % (server.info['url'], ', '.join(GROUPS)), flush=True)
        command = ['ansible-playbook', os.path.join(REPO, 'docs', 'examples', 'demo.yml'), '--diff']
        print('$ %s' % ' '.join(command[:1] + [os.path.relpath(command[1], REPO)] + command[2:]), flush=True)
        return subprocess.run(command, env=env, cwd=REPO, stdin=subprocess.DEVNULL, check=False).returncode
    finally:
        server.stop()
        shutil.rmtree(collections, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
