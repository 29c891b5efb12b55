# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fresh copies of the collection for ansible-test, and what ansible-test needs offline.

ansible-test only runs from a path ending in ansible_collections/<ns>/<name>
that is outside any git tree, and bootstraps pip from a get-pip script it
would otherwise download (see docs/development.md).
"""

import contextlib
import os
import shutil
import subprocess
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GET_PIP_STAND_IN = '''import subprocess, sys
args = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
pip = [sys.executable, '-m', 'pip']
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'])
subprocess.check_call(pip + ['install', '-q'] + args)
if '--no-setuptools' in sys.argv:
    subprocess.check_call(pip + ['uninstall', '-y', '-q', 'setuptools'])
'''


def install_get_pip_stand_in():
    cache = os.path.expanduser('~/.ansible/test/cache')
    os.makedirs(cache, exist_ok=True)
    for version in ('24_2', '23_1_2'):
        path = os.path.join(cache, 'get_pip_%s.py' % version)
        if not os.path.exists(path):
            with open(path, 'w') as handle:
                handle.write(GET_PIP_STAND_IN)


def tracked_files():
    out = subprocess.run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
                         cwd=REPO, check=True, capture_output=True).stdout
    return [name for name in out.decode().split('\0') if name and os.path.exists(os.path.join(REPO, name))]


def make_copy(label):
    """Copy what git would ship into a new temp tree; return (root, collection_dir)."""
    root = tempfile.mkdtemp(prefix='wikijs-%s-' % label)
    target = os.path.join(root, 'ansible_collections', 'wikijs', 'wikijs')
    for name in tracked_files():
        destination = os.path.join(target, name)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copy2(os.path.join(REPO, name), destination)
    return root, target


@contextlib.contextmanager
def collections_path():
    """A temporary ANSIBLE_COLLECTIONS_PATH in which wikijs.wikijs is this checkout (a symlink)."""
    root = tempfile.mkdtemp(prefix='wikijs-collections-')
    try:
        os.makedirs(os.path.join(root, 'ansible_collections', 'wikijs'))
        os.symlink(REPO, os.path.join(root, 'ansible_collections', 'wikijs', 'wikijs'))
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)
