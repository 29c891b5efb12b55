# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reliability gate: every matrix as a table, then `reliability: N passed, N failed`.

Run alone: .venv/bin/python tests/reliability/run.py [matrix ...]
Each cell or set counts once; a matrix that cannot run counts as one failure.
"""

import shutil
import sys
import time
import traceback

import harness

MATRICES = ['faults', 'bad_input', 'check_mode', 'secrets', 'concurrency']


def main(argv):
    wanted = argv or MATRICES
    root = harness.collection_root()
    total_passed = total_failed = 0
    try:
        with harness.running_wiki() as wiki:
            for name in wanted:
                start = time.monotonic()
                try:
                    module = __import__({'faults': 'fault_matrix'}.get(name, name))
                    passed, failed = module.run(wiki)
                except Exception:  # pylint: disable=broad-exception-caught
                    traceback.print_exc()
                    passed, failed = 0, 1
                print('%s: %d passed, %d failed (%.1f s)' % (name, passed, failed, time.monotonic() - start), flush=True)
                total_passed, total_failed = total_passed + passed, total_failed + failed
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print('reliability: %d passed, %d failed' % (total_passed, total_failed), flush=True)
    return 1 if total_failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
