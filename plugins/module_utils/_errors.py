# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""Typed exceptions raised by every layer below the modules.

No message built here ever contains the API key, a password, a request header
or a request body: only the operation name and what the server said.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class WikiJsError(Exception):
    """Base class. ``status`` is the HTTP status when there was a response."""

    def __init__(self, message, operation=None, status=None, error_code=None, slug=None):
        super(WikiJsError, self).__init__(message)
        self.message = message
        self.operation = operation
        self.status = status
        self.error_code = error_code
        self.slug = slug

    def _details(self, text):
        details = []
        if self.error_code is not None:
            details.append('errorCode %s' % self.error_code)
        if self.slug:
            details.append(self.slug)
        if self.status is not None and self.status != 200:
            details.append('HTTP %s' % self.status)
        return '%s (%s)' % (text, ', '.join(details)) if details else text

    def __str__(self):
        text = '%s failed: %s' % (self.operation, self.message) if self.operation else self.message
        return self._details(text)


class WikiJsConnectionError(WikiJsError):
    """The server could not be reached: DNS, refused, TLS, timeout, dropped connection."""


class WikiJsAuthError(WikiJsError):
    """The key was refused (revoked, expired, API disabled) or lacks a permission."""


class WikiJsRequestError(WikiJsError):
    """The server rejected the GraphQL document itself (HTTP 400): a client bug or a wrong endpoint."""


class WikiJsServerError(WikiJsError):
    """HTTP 5xx, a body that is not JSON (a proxy page), or a resolver crash."""


class WikiJsRefusedError(WikiJsError):
    """The server ran the operation and said no (responseResult failure or a refusal message)."""

    def __str__(self):
        return self._details('%s refused: %s' % (self.operation, self.message))


class WikiJsConflictError(WikiJsRefusedError):
    """Another account already uses this email (errorCode 1004 or the unique index)."""


class WikiJsNotFoundError(WikiJsRefusedError):
    """The target does not exist (errorCode 1016, 'Invalid User ID', 'Invalid Group ID')."""


class WikiJsValueError(WikiJsError):
    """Bad input, detected before anything was sent; ``option`` names the module option."""

    def __init__(self, option, message):
        super(WikiJsValueError, self).__init__(message)
        self.option = option

    def __str__(self):
        return '%s: %s' % (self.option, self.message) if self.option else self.message
