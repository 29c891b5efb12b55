#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: wikijs_ci_read_group
short_description: Test-only independent reader of one Wiki.js group
description:
  - Reads a group with raw GraphQL requests, without the collection's client code, so that integration tests can
    check the server state that wikijs_group left behind.
options:
  url: {description: Wiki.js root URL., type: str, required: true}
  api_key: {description: API key., type: str, required: true}
  name: {description: Name of the group (exact); the first of several with that name., type: str}
  id: {description: Id of the group instead of name., type: int}
author: [wikijs.wikijs contributors (@wikijs-ansible)]
'''

import json

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.urls import open_url

FIELDS = ('id name isSystem redirectOnLogin permissions pageRules { id deny match roles path locales } updatedAt '
          'users { id email }')


def graphql(params, query, variables=None):
    body = json.dumps({'query': query, 'variables': variables or {}})
    response = open_url(params['url'].rstrip('/') + '/graphql', data=body, method='POST', timeout=30,
                        headers={'Content-Type': 'application/json', 'Authorization': 'Bearer %s' % params['api_key']})
    return json.loads(response.read())


def main():
    module = AnsibleModule(argument_spec=dict(
        url=dict(type='str', required=True), api_key=dict(type='str', required=True, no_log=True),
        name=dict(type='str'), id=dict(type='int'),
    ), required_one_of=[('name', 'id')], supports_check_mode=True)
    params = module.params
    group_id = params['id']
    if group_id is None:
        listed = graphql(params, '{ groups { list { id name } } }')['data']['groups']['list']
        matches = sorted(g['id'] for g in listed if g['name'] == params['name'])
        group_id = matches[0] if matches else None
    group = {}
    if group_id is not None:
        answer = graphql(params, 'query ($id: Int!) { groups { single(id: $id) { %s } } }' % FIELDS, {'id': group_id})
        group = answer['data']['groups']['single'] or {}
    module.exit_json(changed=False, group=group)


if __name__ == '__main__':
    main()
