# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The connection options are written twice (argspec, doc fragment): keep them in step."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import yaml

from ansible_collections.wikijs.wikijs.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.wikijs.wikijs.plugins.module_utils import _ansible, _transport

REPO = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..')


def test_doc_fragment_and_argspec_agree():
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']
    spec = _ansible.connection_argument_spec()
    assert sorted(documented) == sorted(spec)
    for name, option in spec.items():
        assert documented[name]['type'] == option['type']
        assert documented[name].get('default') == option.get('default')


def test_every_environment_variable_is_documented():
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']
    for option, variable in _ansible.CONNECTION_ENV.items():
        assert 'E(%s)' % variable in ' '.join(documented[option]['description'])


def test_secrets_are_no_log_and_names_leave_module_options_free():
    spec = _ansible.connection_argument_spec()
    assert spec['api_key']['no_log'] is True
    assert not set(spec) & {'name', 'email', 'password', 'groups', 'id'}


def test_user_agent_carries_the_galaxy_version():
    with open(os.path.join(REPO, 'galaxy.yml')) as handle:
        version = yaml.safe_load(handle)['version']
    assert _transport.COLLECTION_VERSION == version
    assert version in _transport.USER_AGENT


class FailJson(Exception):
    pass


class FakeModule:
    def fail_json(self, msg, **kwargs):
        raise FailJson(msg)


def test_an_empty_or_blank_ca_file_means_the_system_cas(tmp_path):
    for content in (b'', b'\n  \n'):
        path = tmp_path / 'ca.pem'
        path.write_bytes(content)
        assert _ansible.ca_path_or_none(FakeModule(), str(path)) is None


def test_a_ca_file_with_content_is_used_and_a_missing_one_is_an_option_error(tmp_path):
    path = tmp_path / 'ca.pem'
    path.write_text('-----BEGIN CERTIFICATE-----\n')
    assert _ansible.ca_path_or_none(FakeModule(), str(path)) == str(path)
    assert _ansible.ca_path_or_none(FakeModule(), None) is None
    assert _ansible.ca_path_or_none(FakeModule(), str(tmp_path)) == str(tmp_path)  # a hashed CA directory
    try:
        _ansible.ca_path_or_none(FakeModule(), str(tmp_path / 'missing.pem'))
    except FailJson as exc:
        assert str(exc) == 'ca_path: no such file: %s' % (tmp_path / 'missing.pem')
    else:
        raise AssertionError('a missing CA file was accepted')
