# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make demo`: docs/examples/demo.yml then roster.yml, with --diff, against a fresh Wiki.js 2.5 test server."""

import os
import secrets
import subprocess
import sys

from collection_copy import REPO, collections_path
from server_process import TestServer


def main():
    server = TestServer()
    try:
        # A fresh wiki: only Administrators and Guests; demo.yml creates the rest with wikijs_group.
        print('Wiki.js 2.5 test server on %s\n' % server.info['url'], flush=True)
        with collections_path() as path:
            env = dict(os.environ,
                       ANSIBLE_COLLECTIONS_PATH=path,
                       ANSIBLE_NOCOLOR='1',
                       ANSIBLE_LOCALHOST_WARNING='0',
                       ANSIBLE_INVENTORY_UNPARSED_WARNING='0',
                       WIKIJS_URL=server.info['url'],
                       WIKIJS_API_KEY=server.info['api_key'],
                       DEMO_INITIAL_PASSWORD=secrets.token_urlsafe(12))
            for name in ('demo.yml', 'roster.yml'):
                playbook = os.path.join('docs', 'examples', name)
                print('$ ansible-playbook %s --diff' % playbook, flush=True)
                code = subprocess.run(['ansible-playbook', playbook, '--diff'], env=env, cwd=REPO,
                                      stdin=subprocess.DEVNULL, check=False).returncode
                if code:
                    return code
            return 0
    finally:
        server.stop()


if __name__ == '__main__':
    sys.exit(main())
