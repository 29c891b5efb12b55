#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: wikijs_users
short_description: Converge a whole roster of Wiki.js 2.5 users in one task, exclusively if asked
version_added: 0.2.0
description:
  - Makes every user of O(users) match its entry, in one task, and with O(exclusive=true) removes the users that
    are not listed (within O(exclusive_scope)).
  - Each entry takes the per-user options of M(wikijs.wikijs.wikijs_user) with the same meaning, validation and
    protections, and is planned by the same code.
  - All input is validated and everything is read before the first change. A run that changes nothing costs one
    request for users, groups and strategies, one for group members (when groups or O(exclusive) are used), and one
    per 50 listed users whose entry sets a field that the user list does not carry (O(users[].verified) or a
    profile field).
  - Changes are sent as aliased GraphQL mutations, at most 50 per request (10 for creations with a password, which
    Wiki.js hashes one after the other), in the order creations, updates,
    activations, verifications, deactivations, deletions. A refused mutation does not stop the others; the task
    then fails naming every user that failed, and reports what was done. A rerun converges.
  - The system accounts (users 1 and 2) are never removed by O(exclusive).
extends_documentation_fragment:
  - wikijs.wikijs.connection
  - wikijs.wikijs.attributes
  - wikijs.wikijs.attributes.CHANGES
options:
  users:
    description:
      - The roster. Each entry selects a user by O(users[].email) and O(users[].provider), or by O(users[].id), as
        M(wikijs.wikijs.wikijs_user) does. Two entries that select the same user are an error naming both positions.
      - An entry with O(users[].state=absent) deletes its user whatever O(unlisted_action) says, and is not counted
        against O(max_removals).
    type: list
    elements: dict
    required: true
    suboptions: &user_options
      state:
        description: V(present) or V(absent), as O(wikijs.wikijs.wikijs_user#module:state). Default V(present).
        type: str
        choices: [present, absent]
      email:
        description: As O(wikijs.wikijs.wikijs_user#module:email). Required unless O(users[].id) is given.
        type: str
      provider:
        description: As O(wikijs.wikijs.wikijs_user#module:provider). Default V(local).
        type: str
      id:
        description: As O(wikijs.wikijs.wikijs_user#module:id).
        type: int
      name:
        description: As O(wikijs.wikijs.wikijs_user#module:name).
        type: str
      password:
        description: As O(wikijs.wikijs.wikijs_user#module:password).
        type: str
      update_password:
        description: As O(wikijs.wikijs.wikijs_user#module:update_password). Default V(on_create).
        type: str
        choices: [on_create, always]
      must_change_password:
        description: As O(wikijs.wikijs.wikijs_user#module:must_change_password). Default V(false).
        type: bool
      send_welcome_email:
        description: As O(wikijs.wikijs.wikijs_user#module:send_welcome_email). Default V(false).
        type: bool
      groups:
        description: As O(wikijs.wikijs.wikijs_user#module:groups).
        type: list
        elements: raw
      groups_action:
        description: As O(wikijs.wikijs.wikijs_user#module:groups_action). Default V(replace).
        type: str
        choices: [replace, add, remove]
      active:
        description: As O(wikijs.wikijs.wikijs_user#module:active).
        type: bool
      verified:
        description: As O(wikijs.wikijs.wikijs_user#module:verified).
        type: bool
      location:
        description: As O(wikijs.wikijs.wikijs_user#module:location).
        type: str
      job_title:
        description: As O(wikijs.wikijs.wikijs_user#module:job_title).
        type: str
      timezone:
        description: As O(wikijs.wikijs.wikijs_user#module:timezone).
        type: str
      date_format:
        description: As O(wikijs.wikijs.wikijs_user#module:date_format).
        type: str
      appearance:
        description: As O(wikijs.wikijs.wikijs_user#module:appearance).
        type: str
      reassign_content_to:
        description:
          - As O(wikijs.wikijs.wikijs_user#module:reassign_content_to); defaults to the top-level O(reassign_content_to).
          - May name, by email, a user this task creates.
        type: raw
  defaults:
    description:
      - Per-user options applied under every entry of O(users); a value the entry gives wins.
      - Takes the same options as an entry, except O(users[].email) and O(users[].id).
    type: dict
    suboptions: *user_options
  exclusive:
    description:
      - V(true) also removes, by O(unlisted_action), every user that is not in O(users) and is inside
        O(exclusive_scope). Users 1 and 2 are never removed.
    type: bool
    default: false
  exclusive_scope:
    description:
      - Limits O(exclusive) to some users. Without it, every user but the system ones is in scope.
      - Given both, a user must match both.
    type: dict
    suboptions:
      providers:
        description: Keys of authentication strategies; only their users are in scope.
        type: list
        elements: str
      groups:
        description: Groups (names or ids, same item rules as O(users[].groups)); only their members are in scope.
        type: list
        elements: raw
  unlisted_action:
    description:
      - What O(exclusive) does to an unlisted user in scope. V(deactivate) is reversible. V(delete) gives the
        user's content to O(reassign_content_to).
    type: str
    choices: [deactivate, delete]
    default: deactivate
  max_removals:
    description:
      - If O(exclusive) would deactivate or delete more users than this, the task fails before any change and names
        the count and the first emails. V(-1) means no limit.
      - An empty O(users) with O(exclusive=true) is refused unless this is V(-1).
    type: int
    default: 10
  reassign_content_to:
    description:
      - The user (id or email) who receives the content of users deleted by this task, unless an entry names its own.
        It may be a user this task creates.
    type: raw
    default: 1
notes:
  - The diff is keyed by user (the email, followed by the provider in parentheses when it is not V(local)) and holds
    only the users that change, each with only the fields that change. Passwords appear only as markers.
  - A no-op run over any roster costs at most 2 + ceil(K/50) requests, K being the listed users whose entry sets
    O(users[].verified), O(users[].location), O(users[].job_title), O(users[].timezone), O(users[].date_format) or
    O(users[].appearance).
seealso:
  - module: wikijs.wikijs.wikijs_user
  - module: wikijs.wikijs.wikijs_user_info
author:
  - wikijs.wikijs contributors (@wikijs-ansible)
'''

EXAMPLES = r'''
- name: Make the wiki match the HR roster, deactivating everyone else who logs in locally
  wikijs.wikijs.wikijs_users:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    defaults:
      password: "{{ vault_initial_password }}"
      must_change_password: true
      groups: [Editors]
    users:
      - {email: ann@example.com, name: Ann Lee}
      - {email: raj@example.com, name: Raj Patel, groups: [Editors, Reviewers]}
      - {email: bob@example.com, state: absent}
    exclusive: true
    exclusive_scope:
      providers: [local]

- name: Delete the contractors that left, giving their pages to Ann
  wikijs.wikijs.wikijs_users:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    users: "{{ contractors }}"
    exclusive: true
    exclusive_scope:
      groups: [Contractors]
    unlisted_action: delete
    reassign_content_to: ann@example.com
    max_removals: 3
'''

RETURN = r'''
operations:
  description:
    - The API operations planned (check mode) or done (real run), in the order sent, with their non-secret arguments
      and the user they concern (the diff key). Operations on a user created in the same run have no C(id) argument.
  returned: always
  type: list
  elements: dict
  sample:
    - {operation: users.create, args: {email: ann@example.com, name: Ann Lee, provider: local, groups: [3],
       password: "********", must_change_password: true, send_welcome_email: false}, user: ann@example.com}
    - {operation: users.deactivate, args: {id: 12}, user: old@example.com}
summary:
  description:
    - How many users are in each bucket, and the emails (as stored, lower case) of each non-empty bucket but
      C(unchanged). In a real run that failed, only the users whose every operation was done are counted.
  returned: always
  type: dict
  sample:
    created: 1
    updated: 0
    deactivated: 1
    activated: 0
    deleted: 0
    unchanged: 40
    created_emails: [ann@example.com]
    deactivated_emails: [old@example.com]
failed_users:
  description:
    - When some mutations failed, one item per user that failed, with the Wiki.js error and, in C(holds), what the
      server holds of that user as read back after the run, in the fields the run changes (the message says it too).
    - C(changed) is V(true) when anything took effect, including a failed mutation that the read-back shows ran anyway.
  returned: on failure after changes began
  type: list
  elements: dict
  sample:
    - {user: gone@example.com, operation: users.update, error_code: 1016, slug: UserNotFound,
       message: This user does not exist., holds: no such user}
diff:
  description: Per user key, the managed fields that change, before and after. Users that do not change are left out.
  returned: when diff mode is on
  type: dict
  sample:
    before: {raj@example.com: {groups: [Editors]}, old@example.com: {active: true}}
    after: {raj@example.com: {groups: [Editors, Reviewers]}, old@example.com: {active: false}}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.wikijs.wikijs.plugins.module_utils._ansible import (
    fail_from_exception, transport_from_module, wikijs_argument_spec)
from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsError
from ansible_collections.wikijs.wikijs.plugins.module_utils._roster_apply import apply_roster, read_back_failed
from ansible_collections.wikijs.wikijs.plugins.module_utils._roster_plan import read_and_plan, summary
from ansible_collections.wikijs.wikijs.plugins.module_utils._user_options import user_option_spec


def argument_spec():
    return wikijs_argument_spec(
        users=dict(type='list', elements='dict', required=True, options=user_option_spec(with_defaults=False)),
        defaults=dict(type='dict', options=user_option_spec(with_defaults=False)),
        exclusive=dict(type='bool', default=False),
        exclusive_scope=dict(type='dict', options=dict(providers=dict(type='list', elements='str'),
                                                       groups=dict(type='list', elements='raw'))),
        unlisted_action=dict(type='str', choices=['deactivate', 'delete'], default='deactivate'),
        max_removals=dict(type='int', default=10),
        reassign_content_to=dict(type='raw', default=1),
    )


def buckets(users):
    found = {}
    for user in users:
        found.setdefault(user.bucket, []).append(user.email)
    return found


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    transport = transport_from_module(module)
    try:
        plan = read_and_plan(transport, module.params)
    except WikiJsError as exc:
        fail_from_exception(module, exc, changed=False, operations=[])
    result = dict(changed=plan.changed, operations=plan.report(), summary=summary(buckets(plan.users), plan.unchanged))
    if module._diff:
        result['diff'] = plan.diff()
    if plan.changed and not module.check_mode:
        done = apply_roster(plan, transport)
        result.update(changed=bool(done.done), operations=done.done,
                      summary=summary(buckets(done.completed), plan.unchanged))
        if done.failed:
            result['changed'] = read_back_failed(transport, done) or result['changed']
            module.fail_json(msg='%d of %d users could not be changed: %s; everything else was done, and a rerun '
                             'converges' % (len(done.failed), len(plan.users), '; '.join(
                                 '%s: %s; the server now holds %s' % (user.key, exc, done.holds[user.key])
                                 for user, exc in done.failed[:10])),
                             failed_users=done.failure_report(), **result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
