#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: wikijs_ci_read_user
short_description: Test-only independent reader of one Wiki.js user
description:
  - Reads a user with raw GraphQL requests, without the collection's client code, so that integration tests can
    check the server state that wikijs_user left behind.
options:
  url: {description: Wiki.js root URL., type: str, required: true}
  api_key: {description: API key., type: str, required: true}
  email: {description: Email of the user (case-insensitive)., type: str}
  provider: {description: Provider key., type: str, default: local}
  id: {description: Id of the user instead of email., type: int}
author: [wikijs.wikijs contributors (@wikijs-ansible)]
'''

import json

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.urls import open_url

FIELDS = ('id email name providerKey isActive isVerified location jobTitle timezone dateFormat appearance updatedAt '
          'groups { id name }')


def graphql(params, query, variables=None):
    body = json.dumps({'query': query, 'variables': variables or {}})
    response = open_url(params['url'].rstrip('/') + '/graphql', data=body, method='POST', timeout=30,
                        headers={'Content-Type': 'application/json', 'Authorization': 'Bearer %s' % params['api_key']})
    return json.loads(response.read())


def main():
    module = AnsibleModule(argument_spec=dict(
        url=dict(type='str', required=True), api_key=dict(type='str', required=True, no_log=True),
        email=dict(type='str'), provider=dict(type='str', default='local'), id=dict(type='int'),
    ), required_one_of=[('email', 'id')], supports_check_mode=True)
    params = module.params
    user_id = params['id']
    if user_id is None:
        listed = graphql(params, '{ users { list { id email providerKey } } }')['data']['users']['list']
        matches = [u['id'] for u in listed
                   if u['email'] == params['email'].lower() and u['providerKey'] == params['provider']]
        user_id = matches[0] if matches else None
    user = {}
    if user_id is not None:
        # Wiki.js answers an unknown id with a resolver error instead of null.
        answer = graphql(params, 'query ($id: Int!) { users { single(id: $id) { %s } } }' % FIELDS, {'id': user_id})
        user = {} if answer.get('errors') else answer['data']['users']['single']
    module.exit_json(changed=False, user=user)


if __name__ == '__main__':
    main()
