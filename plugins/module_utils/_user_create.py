# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""Running ``users.create`` for wikijs_user: it returns no user and is not atomic (API.md 4.3),
so the id is learnt by re-listing, and a failure says whether the user exists anyway."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import (
    WikiJsConflictError, WikiJsError, WikiJsRefusedError, WikiJsServerError, WikiJsValueError)
from ansible_collections.wikijs.wikijs.plugins.module_utils._users import create_user, find_user_by_email, list_users


def run_create(transport, context, fields):
    """Create the user and put its id in ``context['user_id']``."""
    try:
        create_user(transport, **fields)
    except WikiJsError as exc:
        explain_create_failure(transport, context, fields, exc)
    created = find_user_by_email(list_users(transport), fields['email'], fields['provider'])
    if created is None:
        raise WikiJsServerError('the server reported success but does not list %s' % fields['email'],
                                operation='users.create')
    context['user_id'] = created['id']


def explain_create_failure(transport, context, fields, exc):
    """users.create is not atomic (API.md 4.3): say what exists now, then re-raise."""
    if isinstance(exc, WikiJsRefusedError) and exc.slug == 'ForeignKeyViolationError' and \
            'providerkey' in (exc.message or '').lower():
        raise WikiJsValueError('provider', 'unknown authentication strategy "%s"; nothing was created' % fields['provider'])
    try:
        created = find_user_by_email(list_users(transport), fields['email'], fields['provider'])
    except WikiJsError:
        exc.message += '; could not check whether %s was created' % fields['email']
        raise exc
    if created is None:
        exc.message += '; no user was created'
        raise exc
    context['user_id'] = created['id']
    exc.took_effect = not isinstance(exc, WikiJsConflictError)
    exc.message += ('; user %s now exists (id %d) but the steps after users.create were not done; '
                    'run the task again to finish' % (fields['email'], created['id']))
    raise exc
