"""Prints how many operations agreed between the real Wiki.js and the look-alike (also under pytest-xdist)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

_SUMMARY = {}


def pytest_runtest_logreport(report):
    props = dict(report.user_properties)
    if 'differential_agreed' in props:
        _SUMMARY.update(props)


def pytest_terminal_summary(terminalreporter):
    if _SUMMARY:
        skipped = _SUMMARY['differential_skipped']
        extra = ' (%d skipped: real login rate limit in use)' % skipped if skipped else ''
        terminalreporter.write_line('differential: %d/%d operations agreed%s'
                                    % (_SUMMARY['differential_agreed'], _SUMMARY['differential_total'], extra))
