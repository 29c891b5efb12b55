#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: wikijs_user_info
short_description: List and filter Wiki.js users
version_added: 0.1.0
description:
  - Reads the users of a Wiki.js 2.5 site, filters, sorts and pages them, for audits and as the input of loops.
  - Never changes anything; RV(ignore:changed) is always V(false), and check mode runs the same query.
  - Without O(details), the whole query costs one GraphQL request however many users the site has (two when
    O(groups) names a group by name). With O(details), full users are read 50 to a request, and only for the users
    returned, so the query costs at most one more request per 50 users returned.
  - All filters combine with AND. An O(id) or O(email) that matches nothing gives an empty list, not a failure.
author:
  - wikijs.wikijs contributors (@wikijs-ansible)
extends_documentation_fragment:
  - wikijs.wikijs.connection
  - wikijs.wikijs.attributes
  - wikijs.wikijs.attributes.INFO
options:
  id:
    description:
      - Only the user with this id.
    type: int
  email:
    description:
      - Only the user with this email, compared case-insensitively. Combine with O(provider) to pick one account
        when the same email exists under several authentication strategies.
    type: str
  search:
    description:
      - Only users whose email or name contains this text, compared case-insensitively.
      - Unlike the server's own search, this is not case-sensitive and not limited to 10 results.
    type: str
  provider:
    description:
      - Only users of this authentication strategy, such as V(local). An unknown strategy gives an empty list.
    type: str
  active:
    description:
      - V(true) for active users only, V(false) for deactivated users only. Not set means both.
    type: bool
  verified:
    description:
      - V(true) for verified users only, V(false) for unverified users only. Not set means both.
      - The users list of Wiki.js lacks this flag, so every user that passes the other filters is read in full, 50 to a
        request, as with O(details). Narrow the query with other filters first on large sites.
    type: bool
  groups:
    description:
      - Only users in at least one of these groups.
      - "Each item is a group id (integer), an exact group name (string), or a mapping V({id: 5}) or
        V({name: Editors}) for values that come from templates as strings."
      - A group that does not exist, or a name shared by several groups, fails the task naming it.
      - Ids cost no extra request; any name costs one more request, to look the names up first.
      - An empty list does not filter.
    type: list
    elements: raw
  created_after:
    description:
      - Only users created strictly after this moment.
      - An ISO 8601 date (V(2026-03-01), meaning 00:00 UTC) or datetime (V(2026-03-01T12:00:00Z),
        V(2026-03-01T14:00:00+02:00)). A datetime without an offset is taken as UTC.
    type: str
  created_before:
    description:
      - Only users created strictly before this moment. Same format as O(created_after).
    type: str
  last_login_before:
    description:
      - Only users whose last login is strictly before this moment, B(including users who never logged in).
      - Same format as O(created_after).
    type: str
  include_system:
    description:
      - Include the guest account (id 2), which stands for anonymous visitors.
      - The administrator (id 1) is a normal user here and is always included when it matches.
    type: bool
    default: false
  sort_by:
    description:
      - The field to sort on. Ties are broken by id.
      - V(name) and V(email) sort case-insensitively. For V(last_login_at), a user who never logged in counts as the
        oldest login (first in ascending order).
    type: str
    choices: [id, email, name, created_at, last_login_at]
    default: id
  sort_order:
    description:
      - V(asc) for ascending, V(desc) for descending.
    type: str
    choices: [asc, desc]
    default: asc
  limit:
    description:
      - Return at most this many users, after filtering, sorting and O(offset). Not set means all matches.
      - V(0) returns no users but still counts the matches in RV(total).
    type: int
  offset:
    description:
      - Skip this many matching users first. An offset past the end gives an empty list.
    type: int
    default: 0
  details:
    description:
      - V(true) returns full users, with the profile fields, RV(users[].verified), RV(users[].tfa_active), RV(users[].updated_at)
        and RV(users[].groups). V(false) returns only the fields the users list of Wiki.js carries, in a single request.
    type: bool
    default: false
notes:
  - The API key needs C(write:users), C(manage:users) or C(manage:system). O(details) and O(verified) need
    C(manage:users) or C(manage:system); O(groups) needs C(write:groups), C(manage:groups) or C(manage:system).
seealso:
  - module: wikijs.wikijs.wikijs_user
    description: Create, change and delete the users this module finds.
'''

EXAMPLES = r'''
- name: Audit the wiki with one set of connection options
  module_defaults:
    group/wikijs.wikijs.wikijs:
      url: https://wiki.example.com
      api_key: "{{ vault_wikijs_api_key }}"
  block:
    # created_before matters: last_login_before also matches accounts that never
    # logged in, including the ones created yesterday.
    - name: Find active accounts created before March that have not logged in since
      wikijs.wikijs.wikijs_user_info:
        active: true
        last_login_before: "2026-03-01"
        created_before: "2026-03-01"
        sort_by: last_login_at
      register: stale_accounts

    - name: Remove the stale accounts, never the administrator
      wikijs.wikijs.wikijs_user:
        email: "{{ item.email }}"
        provider: "{{ item.provider }}"
        state: absent
      loop: "{{ stale_accounts.users | rejectattr('id', 'equalto', 1) }}"
      loop_control:
        label: "{{ item.email }}"

# url and api_key left out: they come from WIKIJS_URL and WIKIJS_API_KEY,
# as an AWX credential of the type in docs/awx/credential_type.yml sets them.
- name: List the members of Administrators
  wikijs.wikijs.wikijs_user_info:
    groups:
      - Administrators
    sort_by: email
  register: admins

- name: Show who can administer the wiki
  ansible.builtin.debug:
    msg: "{{ admins.users | map(attribute='email') | list }}"

- name: Read every user in full for an export
  wikijs.wikijs.wikijs_user_info:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    details: true
  register: everyone

- name: Export the users to CSV
  ansible.builtin.copy:
    dest: /tmp/wikijs-users.csv
    mode: "0600"
    content: |
      id,email,name,active,last_login_at,groups
      {% for user in everyone.users %}
      {{ user.id }},{{ user.email }},"{{ user.name }}",{{ user.active }},{{ user.last_login_at or 'never' }},"{{
        user.groups | map(attribute='name') | join(';') }}"
      {% endfor %}
  delegate_to: localhost

- name: Look one user up by email
  wikijs.wikijs.wikijs_user_info:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    email: Jane.Doe@example.com
    details: true
  register: jane

- name: Page through the newest users, 20 at a time
  wikijs.wikijs.wikijs_user_info:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    sort_by: created_at
    sort_order: desc
    limit: 20
    offset: "{{ item * 20 }}"
  loop: "{{ range(0, 3) | list }}"
  register: newest_pages
'''

RETURN = r'''
users:
  description:
    - The matching users after sorting and paging, with the keys of the C(user) result of M(wikijs.wikijs.wikijs_user).
    - Without O(details), only the keys from RV(users[].id) to RV(users[].last_login_at) below, plus
      RV(users[].verified) when O(verified) was given.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 7
      email: jane.doe@example.com
      name: Jane Doe
      provider: local
      active: true
      system: false
      created_at: "2026-02-11T09:30:12.118Z"
      last_login_at: "2026-02-27T16:02:45.901Z"
  contains:
    id:
      description: User id.
      type: int
      returned: always
      sample: 7
    email:
      description: Email address, lowercase as Wiki.js stores it.
      type: str
      returned: always
      sample: jane.doe@example.com
    name:
      description: Display name.
      type: str
      returned: always
      sample: Jane Doe
    provider:
      description: Authentication strategy key.
      type: str
      returned: always
      sample: local
    active:
      description: Whether the account may log in.
      type: bool
      returned: always
      sample: true
    system:
      description: V(true) only for the guest account (id 2), listed only with O(include_system=true).
      type: bool
      returned: always
      sample: false
    created_at:
      description: Creation time, ISO 8601 UTC.
      type: str
      returned: always
      sample: "2026-02-11T09:30:12.118Z"
    last_login_at:
      description: Last login time, ISO 8601 UTC; V(null) if the user never logged in.
      type: str
      returned: always
      sample: "2026-02-27T16:02:45.901Z"
    verified:
      description: Whether the email address is verified.
      type: bool
      returned: when O(details=true) or O(verified) is set
      sample: true
    tfa_active:
      description: Whether two-factor authentication is on.
      type: bool
      returned: when O(details=true)
      sample: false
    location:
      description: Profile location.
      type: str
      returned: when O(details=true)
      sample: Lyon
    job_title:
      description: Profile job title.
      type: str
      returned: when O(details=true)
      sample: Technical writer
    timezone:
      description: Profile timezone.
      type: str
      returned: when O(details=true)
      sample: Europe/Paris
    date_format:
      description: Profile date format; empty for the site default.
      type: str
      returned: when O(details=true)
      sample: YYYY-MM-DD
    appearance:
      description: Profile appearance; empty for the site default.
      type: str
      returned: when O(details=true)
      sample: dark
    updated_at:
      description: Last change, ISO 8601 UTC.
      type: str
      returned: when O(details=true)
      sample: "2026-02-20T08:00:00.000Z"
    groups:
      description: The groups of the user, as C(id) and C(name), sorted by id.
      type: list
      elements: dict
      returned: when O(details=true)
      sample: [{id: 3, name: Editors}]
total:
  description: How many users matched, before O(offset) and O(limit).
  returned: always
  type: int
  sample: 42
count:
  description: How many users RV(users) holds.
  returned: always
  type: int
  sample: 1
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.wikijs.wikijs.plugins.module_utils._ansible import (
    fail_from_exception,
    transport_from_module,
    wikijs_argument_spec,
)
from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsError, WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._groups import resolve_group_refs
from ansible_collections.wikijs.wikijs.plugins.module_utils._user_query import SORT_KEYS, SORT_ORDERS, UserQuery
from ansible_collections.wikijs.wikijs.plugins.module_utils._users import get_users, list_users, read_users_groups_members

OPTIONS = dict(
    id=dict(type='int'),
    email=dict(type='str'),
    search=dict(type='str'),
    provider=dict(type='str'),
    active=dict(type='bool'),
    verified=dict(type='bool'),
    groups=dict(type='list', elements='raw'),
    created_after=dict(type='str'),
    created_before=dict(type='str'),
    last_login_before=dict(type='str'),
    include_system=dict(type='bool', default=False),
    sort_by=dict(type='str', choices=list(SORT_KEYS), default='id'),
    sort_order=dict(type='str', choices=list(SORT_ORDERS), default='asc'),
    limit=dict(type='int'),
    offset=dict(type='int', default=0),
    details=dict(type='bool', default=False),
)


def read_candidates(transport, query):
    """Users passing every filter but ``verified``: one request, or two when a group is named."""
    if not query.groups:
        users = list_users(transport)
        return [user for user in users if query.matches(user)]
    if query.groups_by_id_only:
        group_ids = sorted(set(query.group_ids))
        users, dummy, members = read_users_groups_members(transport, member_group_ids=group_ids)
        for group_id in group_ids:
            if members[group_id] is None:
                raise WikiJsValueError('groups', 'no group with id %d' % group_id)
    else:
        users, groups, dummy = read_users_groups_members(transport, groups=True)
        group_ids = resolve_group_refs(query.groups, groups)
        users = [user for user in users if query.matches(user)]
        if not users:
            return []
        members = read_users_groups_members(transport, users=False, member_group_ids=group_ids)[2]
    member_ids = set()
    for ids in members.values():
        member_ids.update(ids or ())
    return [user for user in users if query.matches(user, member_ids)]


def run_query(transport, query):
    users = read_candidates(transport, query)
    if query.verified is not None:
        # users.list does not carry the flag: every candidate has to be read in full.
        users = [user for user in get_users(transport, [u['id'] for u in users]) if query.matches_verified(user)]
    ordered = query.sort(users)
    page = query.page(ordered)
    if query.details and query.verified is None:
        page = get_users(transport, [user['id'] for user in page])
    return [query.shape(user) for user in page], len(ordered)


def main():
    module = AnsibleModule(argument_spec=wikijs_argument_spec(**OPTIONS), supports_check_mode=True)
    try:
        query = UserQuery.from_params(module.params)
    except WikiJsValueError as exc:
        fail_from_exception(module, exc, changed=False)
    transport = transport_from_module(module)
    try:
        users, total = run_query(transport, query)
    except WikiJsError as exc:
        fail_from_exception(module, exc, changed=False)
    module.exit_json(changed=False, users=users, total=total, count=len(users))


if __name__ == '__main__':
    main()
