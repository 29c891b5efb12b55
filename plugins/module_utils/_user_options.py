# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""The per-user options, defined once for wikijs_user (top level) and wikijs_users (each entry and ``defaults``).

Plain dicts in the argument spec format; no Ansible import is needed to build them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The defaults of wikijs_user. wikijs_users applies them itself, after an entry and ``defaults`` are merged,
# because a default filled in by Ansible could not be told apart from a value the entry gives.
# ``provider`` has none for the same reason: given with ``id`` it must match the user's (``provider_of``).
USER_OPTION_DEFAULTS = {
    'state': 'present',
    'update_password': 'on_create',
    'must_change_password': False,
    'send_welcome_email': False,
    'groups_action': 'replace',
    'reassign_content_to': 1,
}


def user_option_spec(with_defaults=True):
    """The argument spec of the per-user options; without defaults for wikijs_users' entries."""
    text = dict(type='str')
    spec = dict(
        state=dict(type='str', choices=['present', 'absent']),
        email=text, provider=dict(type='str'), id=dict(type='int'), name=text,
        password=dict(type='str', no_log=True),
        update_password=dict(type='str', choices=['on_create', 'always'], no_log=False),
        must_change_password=dict(type='bool', no_log=False), send_welcome_email=dict(type='bool'),
        groups=dict(type='list', elements='raw'),
        groups_action=dict(type='str', choices=['replace', 'add', 'remove']),
        active=dict(type='bool'), verified=dict(type='bool'),
        location=text, job_title=text, timezone=text, date_format=text, appearance=text,
        reassign_content_to=dict(type='raw'),
    )
    spec = dict((name, dict(option)) for name, option in spec.items())
    if with_defaults:
        for name, value in USER_OPTION_DEFAULTS.items():
            spec[name]['default'] = value
    return spec
