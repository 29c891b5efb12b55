"""Prints how many captures matched at the end of the run (also under pytest-xdist)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

_SEEN = {}


def pytest_runtest_logreport(report):
    # Runs on the controlling process, so worker results are counted too.
    if '::test_capture[' in report.nodeid and report.when == 'call':
        _SEEN[report.nodeid] = report.passed


def pytest_terminal_summary(terminalreporter):
    if _SEEN:
        matched = sum(1 for ok in _SEEN.values() if ok)
        terminalreporter.write_line('contract: %d/%d captures matched' % (matched, len(_SEEN)))
