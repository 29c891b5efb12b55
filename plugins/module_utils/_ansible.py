# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""The one place where Ansible meets the client: connection options, the
transport built from them, and exceptions turned into ``fail_json``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible.module_utils.basic import env_fallback, missing_required_lib

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsError, WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._plan import PlanApplyError
from ansible_collections.wikijs.wikijs.plugins.module_utils._transport import REQUESTS_IMPORT_ERROR, GraphQLTransport

# Option -> environment variable. None of these names may collide with a
# module's own options (name, email, password, groups, id).
CONNECTION_ENV = {
    'url': 'WIKIJS_URL',
    'api_key': 'WIKIJS_API_KEY',
    'validate_certs': 'WIKIJS_VALIDATE_CERTS',
    'ca_path': 'WIKIJS_CA_PATH',
    'timeout': 'WIKIJS_TIMEOUT',
}


def connection_argument_spec():
    """The shared connection options, documented in the ``connection`` doc fragment."""
    return dict(
        url=dict(type='str', fallback=(env_fallback, [CONNECTION_ENV['url']])),
        api_key=dict(type='str', no_log=True, fallback=(env_fallback, [CONNECTION_ENV['api_key']])),
        validate_certs=dict(type='bool', default=True, fallback=(env_fallback, [CONNECTION_ENV['validate_certs']])),
        ca_path=dict(type='path', fallback=(env_fallback, [CONNECTION_ENV['ca_path']])),
        timeout=dict(type='int', default=30, fallback=(env_fallback, [CONNECTION_ENV['timeout']])),
    )


def wikijs_argument_spec(**module_options):
    spec = connection_argument_spec()
    spec.update(module_options)
    return spec


def transport_from_module(module):
    """Build the transport, or fail naming the missing option and its variable."""
    if REQUESTS_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    params = module.params
    for option in ('url', 'api_key'):
        if not params.get(option):
            module.fail_json(msg='%s: no value; set the %s option or the %s environment variable'
                             % (option, option, CONNECTION_ENV[option]))
    if params['timeout'] <= 0:
        module.fail_json(msg='timeout: must be a positive number of seconds, got %s' % params['timeout'])
    if not params['url'].startswith(('http://', 'https://')):
        module.fail_json(msg='url: must start with http:// or https://, got %s' % params['url'])
    return GraphQLTransport(params['url'], params['api_key'], validate_certs=params['validate_certs'],
                            ca_path=ca_path_or_none(module, params['ca_path']), timeout=params['timeout'])


def ca_path_or_none(module, path):
    """The CA bundle to verify with, or None for the system's CAs.

    AWX writes a credential's file injector even when its input is empty, so an
    empty (or blank) file means "no CA given", not "trust nothing".
    """
    if not path:
        return None
    if os.path.isdir(path):  # a hashed CA directory, which requests also takes
        return path
    if not os.path.isfile(path):
        module.fail_json(msg='ca_path: no such file: %s' % path)
    with open(path, 'rb') as handle:
        if not handle.read().strip():
            return None
    return path


def fail_from_exception(module, exc, **result):
    """Report a WikiJsError; option errors keep their ``option: message`` form."""
    message = str(exc)
    if isinstance(exc, WikiJsError) and not isinstance(exc, WikiJsValueError):
        details = dict(status=exc.status, error_code=exc.error_code, slug=exc.slug, operation=exc.operation)
        result.setdefault('error', dict((k, v) for k, v in details.items() if v is not None))
    module.fail_json(msg=message, **result)


def run_plan_module(module, run, resource):
    """``exit_json`` with what ``run(module, transport)`` returns, or fail: after a failed change the result
    says what was done, whether anything changed, and ``resource`` (``user``, ``group``) as read back."""
    transport = transport_from_module(module)
    try:
        module.exit_json(**run(module, transport))
    except PlanApplyError as exc:
        fail_from_exception(module, exc, changed=exc.changed, operations=exc.done, **{resource: exc.found})
    except WikiJsError as exc:
        fail_from_exception(module, exc, changed=False, operations=[])
