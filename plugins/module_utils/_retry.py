# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""How often and how long the transport retries: urllib3's Retry, bounded in count and in time.

No Ansible imports; used by ``_transport`` only.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time
import traceback

RETRY_IMPORT_ERROR = None
try:
    from urllib3.exceptions import InvalidHeader, MaxRetryError
    from urllib3.util.retry import Retry
except ImportError:
    RETRY_IMPORT_ERROR = traceback.format_exc()

# Retries happen below us, in urllib3. A read is safe to repeat on any gateway
# error; a mutation only when the server cannot have run it (429 and 503 are
# answered before the request reaches Wiki.js), or a second users.create
# could meet the first one's account.
READ_RETRY_STATUSES = (429, 502, 503, 504)
WRITE_RETRY_STATUSES = (429, 503)
# Bounds of every retry loop, stated in docs/reliability.md: at most RETRIES
# resends of one request, waits of 0, 1 and 2 s between them (or what
# Retry-After asks), and no wait that would end more than ``timeout`` seconds
# after the first attempt began; so with each attempt bounded by ``timeout``,
# one request takes at most (RETRIES + 2) * timeout. A Retry-After above
# MAX_RETRY_AFTER is never waited for: a proxy answer must not hang a job.
RETRIES = 3
BACKOFF_FACTOR = 0.5
MAX_RETRY_AFTER = 60


class RetryBudget(object):
    """The time one ``execute`` may spend waiting between attempts, and why it stopped early."""

    def __init__(self, timeout):
        self.timeout = timeout
        self.started = time.monotonic()
        self.refused_wait = None

    def start(self):
        self.started = time.monotonic()
        self.refused_wait = None

    def left(self):
        return self.timeout - (time.monotonic() - self.started)


def make_retry(statuses, budget):
    """A urllib3 Retry that also stops when waiting would outlast ``budget``.

    The subclass is built here, not at import time, because urllib3 may be
    missing when Ansible imports this file (see TOOLING.md).
    """

    class BoundedRetry(Retry):
        def get_retry_after(self, response):
            try:
                return super(BoundedRetry, self).get_retry_after(response)
            except InvalidHeader:
                return None  # not a number nor a date: plain backoff, as if the header were absent

        def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
            retry = super(BoundedRetry, self).increment(method, url, response=response, error=error, _pool=_pool,
                                                        _stacktrace=_stacktrace)
            asked = retry.get_retry_after(response) if response is not None else None
            wait = asked if asked is not None else retry.get_backoff_time()
            left = budget.left()
            if asked is not None and (asked > MAX_RETRY_AFTER or asked > left):
                budget.refused_wait = asked
            # A wait of 0 (the first retry, without Retry-After) is always allowed: RETRIES bounds those.
            if budget.refused_wait is not None or (wait > 0 and wait > left):
                # urllib3 hands back the last response (raise_on_status=False) or raises the connection error.
                raise MaxRetryError(_pool, url, error)
            return retry

    return BoundedRetry(
        total=RETRIES,
        connect=RETRIES,
        # A read timeout on a mutation may mean it ran: never resend it.
        read=RETRIES if statuses == READ_RETRY_STATUSES else 0,
        status=RETRIES,
        other=0,
        backoff_factor=BACKOFF_FACTOR,
        status_forcelist=statuses,
        allowed_methods=frozenset(['POST']),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
