#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: wikijs_user
short_description: Create, update, deactivate or delete a Wiki.js 2.5 user and its group membership
version_added: 0.1.0
description:
  - Makes one Wiki.js 2.5 user exist with the given properties and groups, or makes sure it is gone.
  - Reads the current state, computes the list of API operations that reach the desired state, and in check mode
    returns that list without sending anything. Check and real runs compute the same plan and the same diff.
  - All input is validated before the first change, so bad input changes nothing.
  - A run that changes nothing costs two GraphQL requests, whatever the number of users and groups.
  - The system accounts are protected. User 1 (the administrator) is never deleted, deactivated or taken out of
    C(Administrators). User 2 (the guest) is never edited or deleted.
extends_documentation_fragment:
  - wikijs.wikijs.connection
  - wikijs.wikijs.attributes
  - wikijs.wikijs.attributes.CHANGES
options:
  state:
    description:
      - V(present) makes the user exist with the given properties; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  email:
    description:
      - Email address of the user. Together with O(provider) it identifies the user, compared case-insensitively
        (Wiki.js stores emails lowercased and this module sends them lowercased).
      - Required unless O(id) is given. With O(id), the user is renamed to this email.
      - Another user of the same provider already having this email is an error.
    type: str
  provider:
    description:
      - Key of the Wiki.js authentication strategy the user belongs to. V(local) is the built-in one.
      - When not set, V(local), except when O(id) selects the user.
      - With O(state=present), must be a strategy configured in Wiki.js (or one that existing users belong to).
        With O(state=absent) an unknown strategy is V(ok), since no user can belong to it.
      - With O(id), a value that is not the provider of that user is an error; a user's provider cannot be changed.
    type: str
  id:
    description:
      - Select the user by its id instead of O(email) and O(provider); O(email) then becomes a value to set.
      - With O(state=present), an id that does not exist is an error. With O(state=absent) it is V(ok).
    type: int
  name:
    description:
      - Display name, 2 to 255 characters. Required to create a user.
    type: str
  password:
    description:
      - Password, at least 6 characters. Required to create a V(local) user.
      - Only set on an existing user when O(update_password=always).
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the user is created, so that reruns stay V(ok). This differs from
        M(ansible.builtin.user), whose default is V(always), because the Wiki.js API cannot compare passwords.
      - V(always) sets O(password) on every run and therefore always reports V(changed) when a password is given.
    type: str
    choices: [on_create, always]
    default: on_create
  must_change_password:
    description:
      - Make the user choose a new password at first login.
      - Applied at creation only; the API cannot change it later, so it is ignored for an existing user.
    type: bool
    default: false
  send_welcome_email:
    description:
      - Send a welcome email when the user is created. Wiki.js creates the user even when the mail is not
        configured and then fails; the module says so, and a rerun without this option finishes the job.
      - Applied at creation only; ignored for an existing user.
    type: bool
    default: false
  groups:
    description:
      - "Groups, as names (strings, exact and case-sensitive) or ids (integers). V({id: 3}) or V({name: Editors})
        say which explicitly, for templated values that arrive as strings."
      - A name shared by several groups is an error listing their ids; give the id instead.
      - When omitted, membership is left alone. V([]) with O(groups_action=replace) removes the user from every group.
    type: list
    elements: raw
  groups_action:
    description:
      - V(replace) makes the user a member of exactly O(groups).
      - V(add) makes it a member of at least O(groups), like O(ansible.builtin.user#module:append=true).
      - V(remove) makes it a member of none of O(groups).
    type: str
    choices: [replace, add, remove]
    default: replace
  active:
    description:
      - V(true) activates the user, V(false) deactivates it (it can no longer log in). Omitted leaves it alone.
    type: bool
  verified:
    description:
      - V(true) marks the user's email as verified. Users created by this module are already verified.
      - V(false) is accepted only for a user that is not verified; the API cannot un-verify a user.
    type: bool
  location:
    description:
      - Location shown in the profile. Cannot be cleared with V(""), because the API ignores empty values.
    type: str
  job_title:
    description:
      - Job title shown in the profile. Cannot be cleared with V("").
    type: str
  timezone:
    description:
      - Timezone of the user, such as V(Europe/Berlin). Wiki.js defaults to V(America/New_York). Cannot be set to V("").
    type: str
  date_format:
    description:
      - Date format of the user; V("") means the site default.
    type: str
  appearance:
    description:
      - Appearance (theme) preference of the user; V("") means the site default.
    type: str
  reassign_content_to:
    description:
      - With O(state=absent), the user (id or email) who receives the deleted user's pages, history, assets and comments.
      - Must exist, and must not be the user being deleted. Checked only when there is a user to delete, so a rerun
        after both users are gone is V(ok).
    type: raw
    default: 1
notes:
  - The diff holds only managed fields and, on update, only those that change. Passwords appear only as markers.
    V((set)) on creation, V((hidden)) and V((changed)) when O(update_password=always) sets one.
  - With O(update_password=always) the task reports V(changed) on every run that has a password, because the API
    cannot tell whether the password differs.
  - O(must_change_password) and O(send_welcome_email) have an effect only when the user is created.
seealso:
  - module: wikijs.wikijs.wikijs_user_info
author:
  - wikijs.wikijs contributors (@wikijs-ansible)
'''

EXAMPLES = r'''
- name: Onboard Jane to Editors
  wikijs.wikijs.wikijs_user:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    email: jane.doe@example.com
    name: Jane Doe
    password: "{{ vault_jane_initial_password }}"
    must_change_password: true
    groups:
      - Editors
    job_title: Technical writer
    timezone: Europe/Berlin

- name: Offboard Bob and give his pages to Alice
  wikijs.wikijs.wikijs_user:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    email: bob@example.com
    state: absent
    reassign_content_to: alice@example.com

- name: Suspend Carol without deleting her content
  wikijs.wikijs.wikijs_user:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    email: carol@example.com
    active: false

- name: Move Jane from Editors to Reviewers, keeping her other groups
  block:
    - name: Take Jane out of Editors
      wikijs.wikijs.wikijs_user:
        url: https://wiki.example.com
        api_key: "{{ vault_wikijs_api_key }}"
        email: jane.doe@example.com
        groups: [Editors]
        groups_action: remove
    - name: Add Jane to Reviewers
      wikijs.wikijs.wikijs_user:
        url: https://wiki.example.com
        api_key: "{{ vault_wikijs_api_key }}"
        email: jane.doe@example.com
        groups: [Reviewers]
        groups_action: add

- name: Rename user 42 after a change of email address
  wikijs.wikijs.wikijs_user:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    id: 42
    email: jane.smith@example.com
    name: Jane Smith

# No url or api_key here: they come from WIKIJS_URL and WIKIJS_API_KEY
# (an AWX credential of the type in docs/awx/credential_type.yml sets both).
- name: Manage the documentation team from a list
  block:
    - name: Make every team member exist, in exactly their groups
      wikijs.wikijs.wikijs_user:
        email: "{{ item.email }}"
        name: "{{ item.name }}"
        password: "{{ vault_initial_passwords[item.email] }}"
        groups: "{{ item.groups }}"
      loop:
        - {email: ann@example.com, name: Ann Lee, groups: [Editors]}
        - {email: raj@example.com, name: Raj Patel, groups: [Editors, {id: 7}]}
      loop_control:
        label: "{{ item.email }}"

- name: Reset a forgotten password (reports changed on every run)
  wikijs.wikijs.wikijs_user:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    email: jane.doe@example.com
    password: "{{ vault_jane_new_password }}"
    update_password: always
'''

RETURN = r'''
user:
  description:
    - The user after the run, with the same keys as M(wikijs.wikijs.wikijs_user_info); V({}) when absent.
    - In check mode, the predicted state; values only the server assigns (such as the id of a user to create) are V(null).
    - When an operation fails, the user as read back from the server after the failure (V({}) when there is none),
      and the message says what was done, what was not, and what the server holds. Running the task again finishes
      the job.
  returned: always
  type: dict
  sample:
    id: 7
    email: jane.doe@example.com
    name: Jane Doe
    provider: local
    active: true
    verified: true
    system: false
    location: ""
    job_title: Technical writer
    timezone: Europe/Berlin
    date_format: ""
    appearance: ""
    created_at: "2026-11-22T18:24:50.332Z"
    updated_at: "2026-11-22T18:24:50.512Z"
    last_login_at: null
    tfa_active: false
    groups:
      - {id: 3, name: Editors}
operations:
  description:
    - The API operations planned (check mode) or done (real run), in order, with their non-secret arguments.
      A password appears as V(********). Operations on a user created in the same run have no C(id) argument.
    - After a failure, the operations that were done before it.
  returned: always
  type: list
  elements: dict
  sample:
    - operation: users.update
      args: {id: 7, name: Jane Doe, groups: [1, 3]}
    - operation: users.deactivate
      args: {id: 7}
diff:
  description:
    - Managed fields before and after, keyed by option name, with O(groups) as sorted names. On update only the
      fields that change; on create V(before={}); on delete V(after={}). Identical in check and real runs.
  returned: when diff mode is on
  type: dict
  sample:
    before: {groups: [Editors], job_title: Writer}
    after: {groups: [Editors, Reviewers], job_title: Technical writer}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.wikijs.wikijs.plugins.module_utils._ansible import run_plan_module, wikijs_argument_spec
from ansible_collections.wikijs.wikijs.plugins.module_utils._plan import apply_and_read
from ansible_collections.wikijs.wikijs.plugins.module_utils._user_options import user_option_spec
from ansible_collections.wikijs.wikijs.plugins.module_utils._user_plan import managed_view, plan_user, select_user
from ansible_collections.wikijs.wikijs.plugins.module_utils._users import get_user, list_users, list_users_groups_and_providers


def argument_spec():
    return wikijs_argument_spec(**user_option_spec())


def run(module, transport):
    """Read -> plan -> report (check mode) or apply; both modes share everything before apply."""
    params = module.params
    users, groups, providers = list_users_groups_and_providers(transport)
    listed = select_user(params, users, providers)
    current = get_user(transport, listed['id']) if listed else None
    plan = plan_user(params, current, users, groups)
    result = dict(changed=plan.changed, user=plan.expected if plan.expected is not None else current,
                  operations=plan.report())
    if module._diff:
        result['diff'] = plan.diff()
    if plan.changed and not module.check_mode:
        result['operations'], result['user'] = apply_and_read(
            plan, transport, lambda: get_user(transport, plan.context['user_id']) if params['state'] == 'present' else {},
            lambda: read_back(transport, params), managed_view, 'user')
    return result


def read_back(transport, params):
    listed = select_user(params, list_users(transport))
    return get_user(transport, listed['id']) if listed else None


def main():
    module = AnsibleModule(argument_spec=argument_spec(), required_one_of=[('email', 'id')], supports_check_mode=True)
    run_plan_module(module, run, 'user')


if __name__ == '__main__':
    main()
