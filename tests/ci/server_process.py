# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The project's Wiki.js 2.5 test server as a child process (for the integration runner and the demo)."""

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request

from collection_copy import REPO

READY_TIMEOUT = 30


class TestServer:
    """The look-alike, started with the Python running this script, on a free loopback port."""

    def __init__(self):
        self.ready_file = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'wikijs-ready-%s.json' % secrets.token_hex(4))
        env = dict(os.environ, PYTHONPATH=os.path.join(REPO, 'tests'))
        self.process = subprocess.Popen([sys.executable, '-m', 'wikijs_server', '--port', '0', '--ready-file', self.ready_file],
                                        env=env, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + READY_TIMEOUT
        while not os.path.exists(self.ready_file):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError('the Wiki.js test server did not start within %s s' % READY_TIMEOUT)
            time.sleep(0.1)
        with open(self.ready_file) as handle:
            self.info = json.load(handle)

    def reset(self):
        request = urllib.request.Request(self.info['control_url'] + '/reset', data=b'{}', method='POST',
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()

    def graphql(self, document, variables=None):
        body = json.dumps({'query': document, 'variables': variables or {}}).encode()
        request = urllib.request.Request(self.info['url'] + '/graphql', data=body, method='POST', headers={
            'Content-Type': 'application/json', 'Authorization': 'Bearer %s' % self.info['api_key']})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if os.path.exists(self.ready_file):
            os.remove(self.ready_file)
