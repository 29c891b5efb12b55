#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: wikijs_group
short_description: Create, update or delete a Wiki.js 2.5 group, its permissions, page rules and members
version_added: 0.2.0
description:
  - Makes one Wiki.js 2.5 group exist with the given permissions, page rules, login redirect and members, or makes
    sure it is gone. Groups are where a wiki's access model lives, including whether guests may read.
  - Reads the current state, computes the API operations that reach the desired state, and in check mode returns
    them without sending anything. Check and real runs compute the same plan and the same diff.
  - All input is validated before the first change, so bad input changes nothing. That includes permission names,
    page rules and members.
  - A run that changes nothing costs two GraphQL requests.
  - The system groups are protected. C(Administrators) (id 1) and C(Guests) (id 2) are never deleted or renamed,
    the permissions and page rules of C(Administrators) are never rewritten, and user 1 is never removed from it.
    The permissions and page rules of C(Guests) may be managed. That is how a wiki is made private or public.
extends_documentation_fragment:
  - wikijs.wikijs.connection
  - wikijs.wikijs.attributes
  - wikijs.wikijs.attributes.CHANGES
options:
  state:
    description:
      - V(present) makes the group exist with the given settings; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  name:
    description:
      - Name of the group, compared exactly (case-sensitive). Identifies the group unless O(id) is given.
      - Wiki.js allows several groups with the same name. A name shared by several groups is an error listing
        their ids, unless O(id) is given.
      - With O(id), the group is renamed to this name. Required to create a group.
    type: str
  id:
    description:
      - Select the group by its id instead of O(name); O(name) then becomes a value to set.
      - With O(state=present), an id that does not exist is an error. With O(state=absent) it is V(ok).
    type: int
  permissions:
    description:
      - The global permissions of the group, such as V(read:pages) or V(manage:users), compared as a set.
      - Every name must be one that Wiki.js 2.5 knows; an unknown one is an error naming it.
      - When omitted, an existing group keeps its permissions and a new group gets the Wiki.js defaults
        V(read:pages), V(read:assets), V(read:comments) and V(write:comments).
    type: list
    elements: str
  page_rules:
    description:
      - The page rules of the group, compared as a set keyed by O(page_rules[].id). V([]) removes every rule.
      - When omitted, an existing group keeps its rules and a new group gets the Wiki.js default rule
        (id V(default), V(START) on every path, allowing the default permissions).
    type: list
    elements: dict
    suboptions:
      id:
        description:
          - Identifier of the rule, unique within the group.
        type: str
        required: true
      deny:
        description:
          - V(true) denies O(page_rules[].roles) on the matching pages instead of allowing them.
        type: bool
        default: false
      match:
        description:
          - How O(page_rules[].path) is matched against a page path (or, for V(TAG), a page tag).
          - A V(REGEX) path that Wiki.js would refuse as unsafe (nested quantifiers, more than 25 quantifiers or
            invalid syntax) is an error before anything is sent.
        type: str
        choices: [START, EXACT, END, REGEX, TAG]
        default: START
      roles:
        description:
          - Permission names the rule allows or denies, compared as a set; validated like O(permissions).
        type: list
        elements: str
        required: true
      path:
        description:
          - Path (without leading slash), regular expression or tag the rule applies to. V("") with V(START) is every page.
        type: str
        default: ""
      locales:
        description:
          - Locales the rule applies to, such as V(en), compared as a set. V([]) means every locale.
        type: list
        elements: str
        default: []
  redirect_on_login:
    description:
      - Path members are sent to after logging in. Wiki.js stores V("") as V(/), and so does the comparison.
    type: str
  members:
    description:
      - "Members of the group: user ids (integers, or strings of digits), emails, V({id: 7}) or
        V({email: jane@example.com, provider: local})."
      - An email held by users of several providers is an error naming their ids; give the provider or the id.
      - An unknown member is an error before any change. When omitted, membership is left alone.
      - The guest account (user 2) is never added or removed.
    type: list
    elements: raw
  members_action:
    description:
      - V(replace) makes O(members) exactly the members; V(add) adds them and keeps the others;
        V(remove) removes them and keeps the others.
      - Only the members that change are touched, each with one C(groups.assignUser) or C(groups.unassignUser).
    type: str
    choices: [replace, add, remove]
    default: replace
  force:
    description:
      - With O(state=absent), delete the group even when it still has members (their membership goes with it).
        Without it, deleting a group with members is an error naming the member count.
    type: bool
    default: false
notes:
  - C(groups.update) replaces the name, permissions, page rules and login redirect together, so the module sends
    the full merged value, once, and only when one of them differs.
  - Wiki.js revokes the sessions of a group's members when the group changes, so they log in again.
  - The diff holds only managed fields keyed by option name, with O(members) as sorted emails. On update only the
    fields that change; on create the whole new group, Wiki.js defaults included; on delete the whole old group.
seealso:
  - module: wikijs.wikijs.wikijs_group_info
  - module: wikijs.wikijs.wikijs_user
author:
  - wikijs.wikijs contributors (@wikijs-ansible)
'''

EXAMPLES = r'''
- name: Editors can write every page and are Jane and Raj
  wikijs.wikijs.wikijs_group:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    name: Editors
    permissions: [read:pages, write:pages, read:assets, write:assets, read:comments, write:comments]
    page_rules:
      - id: all-pages
        roles: [read:pages, write:pages, read:assets, write:assets, read:comments, write:comments]
    members:
      - jane.doe@example.com
      - {email: raj@example.com, provider: local}

- name: Make the wiki private (guests may not read)
  wikijs.wikijs.wikijs_group:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    id: 2
    permissions: []
    page_rules: []

- name: Reviewers may not touch the HR section, in English and German
  wikijs.wikijs.wikijs_group:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    name: Reviewers
    permissions: [read:pages, read:comments, write:comments]
    page_rules:
      - id: read-all
        roles: [read:pages, read:comments, write:comments]
      - id: no-hr
        deny: true
        match: REGEX
        path: "^hr/.*$"
        roles: [read:pages]
        locales: [en, de]
    redirect_on_login: /reviews

- name: Add Ann to Editors, keeping the other members
  wikijs.wikijs.wikijs_group:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    name: Editors
    members: [ann@example.com]
    members_action: add

- name: Rename group 4, whatever it is called now
  wikijs.wikijs.wikijs_group:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    id: 4
    name: Proofreaders

# url and api_key left out: they come from WIKIJS_URL and WIKIJS_API_KEY,
# as an AWX credential of the type in docs/awx/credential_type.yml sets them.
- name: Every team group exists with read access
  wikijs.wikijs.wikijs_group:
    name: "{{ item }}"
    permissions: [read:pages, read:assets, read:comments]
  loop: [Support, Sales, Engineering]

- name: Remove an old group and its memberships
  wikijs.wikijs.wikijs_group:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    name: Contractors 2024
    state: absent
    force: true
'''

RETURN = r'''
group:
  description:
    - The group after the run, with the same keys as M(wikijs.wikijs.wikijs_group_info) with O(wikijs.wikijs.wikijs_group_info#module:details=true);
      V({}) when absent.
    - In check mode, the predicted state; values only the server assigns (the id and dates of a new group) are V(null).
    - When an operation fails, the group as read back from the server after the failure (V({}) when there is none),
      and the message says what was done, what was not, and what the server holds. Running the task again finishes
      the job.
  returned: always
  type: dict
  sample:
    id: 3
    name: Editors
    is_system: false
    permissions: [read:assets, read:comments, read:pages, write:comments, write:pages]
    page_rules:
      - {id: all-pages, deny: false, match: START, roles: [read:pages, write:pages], path: "", locales: []}
    redirect_on_login: /
    members:
      - {id: 5, email: jane.doe@example.com, name: Jane Doe}
    created_at: "2026-11-22T18:24:50.332Z"
    updated_at: "2026-11-22T18:30:02.101Z"
operations:
  description:
    - The API operations planned (check mode) or done (real run), in order, with their arguments.
      Operations on a group created in the same run have no group id argument.
    - After a failure, the operations that were done before it.
  returned: always
  type: list
  elements: dict
  sample:
    - operation: groups.update
      args: {id: 3, name: Editors, permissions: [read:pages, write:pages], page_rules: [], redirect_on_login: /}
    - operation: groups.assignUser
      args: {group_id: 3, user_id: 5}
diff:
  description:
    - Managed fields before and after, keyed by option name, with O(members) as sorted emails. On update only the
      fields that change; on create V(before={}); on delete V(after={}). Identical in check and real runs.
  returned: when diff mode is on
  type: dict
  sample:
    before: {members: [jane.doe@example.com]}
    after: {members: [jane.doe@example.com, raj@example.com]}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.wikijs.wikijs.plugins.module_utils._ansible import run_plan_module, wikijs_argument_spec
from ansible_collections.wikijs.wikijs.plugins.module_utils._group_plan import managed_view, plan_group, select_group
from ansible_collections.wikijs.wikijs.plugins.module_utils._groups import get_group, list_groups
from ansible_collections.wikijs.wikijs.plugins.module_utils._permissions import PAGE_RULE_MATCHES
from ansible_collections.wikijs.wikijs.plugins.module_utils._plan import apply_and_read
from ansible_collections.wikijs.wikijs.plugins.module_utils._users import read_users_groups_members


def argument_spec():
    page_rule = dict(
        id=dict(type='str', required=True), deny=dict(type='bool', default=False),
        match=dict(type='str', choices=list(PAGE_RULE_MATCHES), default='START'),
        roles=dict(type='list', elements='str', required=True), path=dict(type='str', default=''),
        locales=dict(type='list', elements='str', default=[]),
    )
    return wikijs_argument_spec(
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        name=dict(type='str'), id=dict(type='int'),
        permissions=dict(type='list', elements='str'),
        page_rules=dict(type='list', elements='dict', options=page_rule),
        redirect_on_login=dict(type='str'),
        members=dict(type='list', elements='raw'),
        members_action=dict(type='str', choices=['replace', 'add', 'remove'], default='replace'),
        force=dict(type='bool', default=False),
    )


def run(module, transport):
    """Read -> plan -> report (check mode) or apply; both modes share everything before apply."""
    params = module.params
    wants_members = params['state'] == 'present' and params['members'] is not None
    users, groups, dummy = read_users_groups_members(transport, users=wants_members, groups=True)
    listed = select_group(params, groups)
    current = get_group(transport, listed['id']) if listed else None
    plan = plan_group(params, current, users)
    result = dict(changed=plan.changed, group=plan.expected, operations=plan.report())
    if module._diff:
        result['diff'] = plan.diff()
    if plan.changed and not module.check_mode:
        result['operations'], result['group'] = apply_and_read(
            plan, transport, lambda: get_group(transport, plan.context['group_id']) if params['state'] == 'present' else {},
            lambda: read_back(transport, params, plan), managed_view, 'group')
    return result


def read_back(transport, params, plan):
    """The group as the server now holds it: by id when this run knows it, else (a creation whose answer
    was lost) by name."""
    group_id = plan.context.get('group_id')
    if group_id is None:
        listed = select_group(params, list_groups(transport))
        group_id = listed['id'] if listed else None
    return get_group(transport, group_id) if group_id is not None else None


def main():
    module = AnsibleModule(argument_spec=argument_spec(), required_one_of=[('name', 'id')], supports_check_mode=True)
    run_plan_module(module, run, 'group')


if __name__ == '__main__':
    main()
