# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make test`: every quality gate in turn, then one line `N passed, N failed`.

Each gate reports its own counts (tests, sanity tests, targets, modules);
the last line sums them. A gate that cannot run counts as one failure, so
the total never hides it. Run one gate with `gates.py NAME`.
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from collection_copy import REPO, collections_path, install_get_pip_stand_in, make_copy

PYTHON = sys.executable
GATE_TIMEOUT = 1200


def run(command, cwd=REPO, env=None, timeout=GATE_TIMEOUT):
    """Run a command, echo its output, return (exit code, output)."""
    print('$ %s' % ' '.join(command), flush=True)
    try:
        proc = subprocess.run(command, cwd=cwd, env=env, timeout=timeout, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired as exc:
        output = exc.stdout or ''
        output = output.decode() if isinstance(output, bytes) else output
        print(output + '\nTIMEOUT after %s s' % timeout, flush=True)
        return 124, output
    print(proc.stdout, end='', flush=True)
    return proc.returncode, proc.stdout


def pytest_counts(output):
    """Sum every pytest summary line in the output ('3 passed, 1 failed in 0.4s')."""
    passed = failed = 0
    for line in output.splitlines():
        if not re.search(r'\b(passed|failed|error|errors|skipped)\b.* in [0-9.]+s', line):
            continue
        passed += sum(int(n) for n in re.findall(r'(\d+) passed', line))
        failed += sum(int(n) for n in re.findall(r'(\d+) (?:failed|errors?)\b', line))
    return passed, failed


def gate_pytest():
    code, output = run([PYTHON, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-rs'])
    passed, failed = pytest_counts(output)
    return passed, failed + (1 if code not in (0, 5) and not failed else 0)


def ansible_test(command):
    """``ansible-test <command>`` in a fresh copy of the collection, removed afterwards."""
    install_get_pip_stand_in()
    root, collection = make_copy(command)
    try:
        return run(['ansible-test', command, '--venv', '--python', '3.11', '--color', 'no'], cwd=collection)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def gate_sanity():
    code, output = ansible_test('sanity')
    ran = set(re.findall(r'^Running sanity test "([a-z0-9-]+)"', output, re.M))
    # A test ansible-test skips (a missing tool, nothing to check) did not pass.
    ran -= set(re.findall(r"^WARNING: Skipping sanity test '([a-z0-9-]+)'", output, re.M))
    tests = sorted(ran)
    # ansible-test ends a failed run with "The N sanity test(s) listed below (out of M) failed." and the names.
    summary = re.search(r'sanity test\(s\) listed below \(out of \d+\) failed[^\n]*\n((?:[a-z0-9-]+\n)+)', output)
    if summary:
        failed = summary.group(1).split()
        return len(set(tests) - set(failed)), len(failed)
    if code != 0 or not tests:
        return 0, 1
    return len(tests), 0


def gate_units():
    code, output = ansible_test('units')
    passed, failed = pytest_counts(output)
    return passed, failed + (1 if code != 0 and not failed else 0)


def gate_integration():
    code, output = run([PYTHON, os.path.join(REPO, 'tests', 'ci', 'integration.py')])
    return _integration_counts(code, output, 'integration')


def gate_integration_live():
    if not (os.environ.get('WIKIJS_TEST_URL') and os.environ.get('WIKIJS_TEST_API_KEY')):
        print('integration-live: WIKIJS_TEST_URL / WIKIJS_TEST_API_KEY not set, no real Wiki.js to test against')
        return None
    code, output = run([PYTHON, os.path.join(REPO, 'tests', 'ci', 'integration.py'), '--live'])
    return _integration_counts(code, output, 'integration-live')


def _integration_counts(code, output, label):
    found = re.search(r'^%s: (\d+) passed, (\d+) failed' % label, output, re.M)
    if not found:
        return 0, 1
    passed, failed = int(found.group(1)), int(found.group(2))
    return passed, failed + (1 if code != 0 and not failed else 0)


def gate_reliability():
    """The matrices of docs/reliability.md: faults, bad input, check mode, secrets, concurrency."""
    code, output = run([PYTHON, os.path.join(REPO, 'tests', 'reliability', 'run.py')])
    found = re.search(r'^reliability: (\d+) passed, (\d+) failed', output, re.M)
    if not found:
        return 0, 1
    passed, failed = int(found.group(1)), int(found.group(2))
    return passed, failed + (1 if code != 0 and not failed else 0)


def _one(command, cwd=REPO):
    code, dummy = run(command, cwd=cwd)
    return (1, 0) if code == 0 else (0, 1)


def gate_lint():
    # Offline, ansible-lint does not install the collection it lints: point it at this checkout.
    with collections_path() as path:
        code, dummy = run(['ansible-lint', '--profile', 'production', '--offline', '--nocolor'],
                          env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=path))
    return (1, 0) if code == 0 else (0, 1)


def gate_changelog():
    return _one(['antsibull-changelog', 'lint'])


def gate_docs():
    return _one(['antsibull-docs', 'lint-collection-docs', '--plugin-docs', '.'])


def gate_build():
    """Build the tarball, install it, and render every module with ansible-doc."""
    work = tempfile.mkdtemp(prefix='wikijs-build-')
    try:
        code, dummy = run(['ansible-galaxy', 'collection', 'build', '--output-path', os.path.join(work, 'build')])
        tarballs = glob.glob(os.path.join(work, 'build', 'wikijs-wikijs-*.tar.gz'))
        if code or not tarballs:
            return 0, 1
        code, dummy = run(['ansible-galaxy', 'collection', 'install', tarballs[0], '-p', os.path.join(work, 'inst')])
        if code:
            return 0, 1
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(work, 'inst'))
        passed = failed = 0
        for path in sorted(glob.glob(os.path.join(REPO, 'plugins', 'modules', '*.py'))):
            module = 'wikijs.wikijs.' + os.path.basename(path)[:-3]
            code, output = run(['ansible-doc', '--json', '-t', 'module', module], env=env)
            # ansible-doc exits 0 for a module it cannot find: insist on real docs.
            ok = code == 0 and '"doc"' in output and '"examples"' in output and '"return"' in output
            passed, failed = passed + ok, failed + (not ok)
        return passed, failed
    finally:
        shutil.rmtree(work, ignore_errors=True)


GATES = [
    ('pytest', gate_pytest),
    ('sanity', gate_sanity),
    ('units', gate_units),
    ('integration', gate_integration),
    ('integration-live', gate_integration_live),
    ('reliability', gate_reliability),
    ('ansible-lint', gate_lint),
    ('changelog', gate_changelog),
    ('docs-lint', gate_docs),
    ('build-install-doc', gate_build),
]


def main(argv):
    wanted = argv or [name for name, dummy in GATES]
    unknown = set(wanted) - set(name for name, dummy in GATES)
    if unknown:
        print('unknown gate(s): %s; gates are: %s' % (', '.join(sorted(unknown)), ', '.join(n for n, d in GATES)))
        return 2
    results, not_run = [], []
    for name, gate in GATES:
        if name not in wanted:
            continue
        print('\n======== gate: %s' % name, flush=True)
        start = time.monotonic()
        try:
            counts = gate()
        except Exception as exc:  # pylint: disable=broad-exception-caught
            print('gate %s could not run: %s' % (name, exc))
            counts = (0, 1)
        if counts is None:
            not_run.append(name)
        else:
            results.append((name, counts[0], counts[1], time.monotonic() - start))
    print('\n======== summary')
    for name, passed, failed, seconds in results:
        print('%-18s %4d passed %4d failed  %6.1f s%s' % (name, passed, failed, seconds, '  <-- FAILED' if failed else ''))
    for name in not_run:
        print('%-18s NOT RUN (see its section above)' % name)
    total_passed = sum(r[1] for r in results)
    total_failed = sum(r[2] for r in results)
    print('%d passed, %d failed' % (total_passed, total_failed), flush=True)
    return 1 if total_failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
