# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  url:
    description:
      - Root URL of the Wiki.js site, such as V(https://wiki.example.com). The module talks to C(<url>/graphql).
      - If not set, the value of the E(WIKIJS_URL) environment variable is used. One of the two is required.
    type: str
  api_key:
    description:
      - A Wiki.js API key (Administration > API Access). It needs the C(manage:users) or C(manage:system) permission
        to change users, and C(write:users) or more to read them.
      - If not set, the value of the E(WIKIJS_API_KEY) environment variable is used. One of the two is required.
      - Never logged, and never part of any message, diff or result.
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the server.
      - If not set, the value of the E(WIKIJS_VALIDATE_CERTS) environment variable is used, and V(true) if that is not set either.
      - Set to V(false) only for test servers with self-signed certificates; prefer O(ca_path).
    type: bool
    default: true
  ca_path:
    description:
      - Path to a CA bundle (PEM) used to verify the server certificate, for sites behind an internal CA.
      - If not set, the value of the E(WIKIJS_CA_PATH) environment variable is used. If neither is set, the system's
        trusted CAs are used.
      - An empty file counts as not set (an AWX credential without a CA certificate gives one), so the system's
        trusted CAs apply. A path that does not exist is an error.
    type: path
  timeout:
    description:
      - Seconds to wait for the server to connect and to answer each request.
      - If not set, the value of the E(WIKIJS_TIMEOUT) environment variable is used, and V(30) if that is not set either.
      - Also bounds retries, which wait only while the wait ends within this many seconds of the first attempt, and
        never for a C(Retry-After) above 60 seconds, so one request takes at most five times this value.
    type: int
    default: 30
notes:
  - Requests that fail with HTTP 429, 502, 503 or 504 are retried up to three times with exponential backoff,
    honouring a C(Retry-After) of at most 60 seconds that ends within O(timeout); a longer one fails at once, naming
    the wait the server asked for. Changes are retried only on 429 and 503, which a server answers before running them.
requirements:
  - requests
'''
