#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: wikijs_group_info
short_description: List Wiki.js 2.5 groups, with their permissions, page rules and members on request
version_added: 0.2.0
description:
  - Returns every group of a Wiki.js 2.5 wiki, or those with a given O(name) or O(id), sorted by id.
  - Without O(details), one GraphQL request. With O(details=true), one more request per 50 groups returned.
  - An unknown name or id gives an empty list, not an error.
extends_documentation_fragment:
  - wikijs.wikijs.connection
  - wikijs.wikijs.attributes
  - wikijs.wikijs.attributes.INFO
options:
  name:
    description:
      - Only the groups with exactly this name (case-sensitive). Wiki.js allows several groups with one name.
    type: str
  id:
    description:
      - Only the group with this id.
    type: int
  details:
    description:
      - Also return the permissions, page rules, login redirect and members of each group.
    type: bool
    default: false
seealso:
  - module: wikijs.wikijs.wikijs_group
author:
  - wikijs.wikijs contributors (@wikijs-ansible)
'''

EXAMPLES = r'''
- name: List every group
  wikijs.wikijs.wikijs_group_info:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
  register: all_groups

- name: Who is in Editors, and what may they do?
  wikijs.wikijs.wikijs_group_info:
    url: https://wiki.example.com
    api_key: "{{ vault_wikijs_api_key }}"
    name: Editors
    details: true
  register: editors

- name: Show the members' emails
  ansible.builtin.debug:
    msg: "{{ editors.groups | map(attribute='members') | flatten | map(attribute='email') | list }}"

# url and api_key left out: they come from WIKIJS_URL and WIKIJS_API_KEY.
- name: Read the Guests group
  wikijs.wikijs.wikijs_group_info:
    id: 2
    details: true
  register: guests

- name: Fail when guests may read the wiki
  ansible.builtin.assert:
    that: "'read:pages' not in guests.groups[0].permissions"
'''

RETURN = r'''
groups:
  description: The groups found, sorted by id.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Group id.
      type: int
      returned: always
      sample: 3
    name:
      description: Group name.
      type: str
      returned: always
      sample: Editors
    is_system:
      description: V(true) for the system groups C(Administrators) (id 1) and C(Guests) (id 2).
      type: bool
      returned: always
      sample: false
    user_count:
      description: Number of members.
      type: int
      returned: when O(details=false)
      sample: 4
    created_at:
      description: Creation date.
      type: str
      returned: always
      sample: "2026-11-22T18:24:50.332Z"
    updated_at:
      description: Date of the last change.
      type: str
      returned: always
      sample: "2026-11-22T18:30:02.101Z"
    permissions:
      description: Global permissions, sorted.
      type: list
      elements: str
      returned: when O(details=true)
      sample: [read:assets, read:comments, read:pages, write:comments]
    page_rules:
      description: Page rules sorted by id, each with C(id), C(deny), C(match), C(roles), C(path) and C(locales).
      type: list
      elements: dict
      returned: when O(details=true)
      sample:
        - {id: default, deny: false, match: START, roles: [read:pages], path: "", locales: []}
    redirect_on_login:
      description: Path members land on after logging in.
      type: str
      returned: when O(details=true)
      sample: /
    members:
      description: Members as C(id), C(email) and C(name), sorted by id.
      type: list
      elements: dict
      returned: when O(details=true)
      sample: [{id: 5, email: jane.doe@example.com, name: Jane Doe}]
count:
  description: How many groups RV(groups) holds.
  returned: always
  type: int
  sample: 1
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.wikijs.wikijs.plugins.module_utils._ansible import (
    fail_from_exception, transport_from_module, wikijs_argument_spec)
from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsError
from ansible_collections.wikijs.wikijs.plugins.module_utils._groups import get_groups, list_groups


def summary(group):
    return {'id': group['id'], 'name': group['name'], 'is_system': group['system'], 'user_count': group['user_count'],
            'created_at': group['created_at'], 'updated_at': group['updated_at']}


def find_groups(transport, params):
    listed = sorted(list_groups(transport), key=lambda group: group['id'])
    found = [group for group in listed if (params['id'] is None or group['id'] == params['id'])
             and (params['name'] is None or group['name'] == params['name'])]
    if not params['details']:
        return [summary(group) for group in found]
    # A group deleted between the two reads is left out rather than reported as null.
    return [group for group in get_groups(transport, [g['id'] for g in found]) if group is not None]


def main():
    module = AnsibleModule(argument_spec=wikijs_argument_spec(
        name=dict(type='str'), id=dict(type='int'), details=dict(type='bool', default=False)), supports_check_mode=True)
    transport = transport_from_module(module)
    try:
        groups = find_groups(transport, module.params)
    except WikiJsError as exc:
        fail_from_exception(module, exc, changed=False)
    module.exit_json(changed=False, groups=groups, count=len(groups))


if __name__ == '__main__':
    main()
