# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rules for items of a `groups` option, on plain group lists."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.wikijs.wikijs.plugins.module_utils._errors import WikiJsValueError
from ansible_collections.wikijs.wikijs.plugins.module_utils._groups import resolve_group_refs

GROUPS = [
    {'id': 1, 'name': 'Administrators'},
    {'id': 2, 'name': 'Guests'},
    {'id': 3, 'name': 'Editors'},
    {'id': 4, 'name': 'Editors'},
    {'id': 5, 'name': 'Reviewers'},
    {'id': 6, 'name': '2024'},
]


@pytest.mark.parametrize('refs, ids', [
    ([1, 'Reviewers'], [1, 5]),
    ([{'id': 3}, {'id': '4'}, {'name': 'Reviewers'}], [3, 4, 5]),
    (['Reviewers', 5, {'id': 5}], [5]),
    (['2024'], [6]),
    ([], []),
    (None, []),
])
def test_items_resolve_to_unique_ids_in_order(refs, ids):
    assert resolve_group_refs(refs, GROUPS) == ids


@pytest.mark.parametrize('refs, message', [
    (['Editors'], 'groups: the name "Editors" is shared by groups 3, 4; give the id instead'),
    (['editors'], 'groups: no group named "editors"'),
    ([99], 'groups: no group with id 99'),
    (['7'], 'groups: no group named "7"; to give a group id, write it as an integer or as {id: 7}'),
    ([True], 'groups: True is neither a group id (integer) nor a group name (string)'),
    ([1.5], 'groups: 1.5 is neither a group id (integer) nor a group name (string)'),
    ([{'id': 'x'}], 'groups: {id: "x"} is not an integer group id'),
    ([{'name': 3}], 'groups: {name: 3} is not a group name (string)'),
    ([{'id': 1, 'name': 'Administrators'}], "groups: an item given as a mapping needs exactly one key, id or name; got ['id', 'name']"),
])
def test_bad_items_fail_naming_the_option(refs, message):
    with pytest.raises(WikiJsValueError) as caught:
        resolve_group_refs(refs, GROUPS)
    assert str(caught.value) == message


def test_option_name_is_carried_for_other_options():
    with pytest.raises(WikiJsValueError) as caught:
        resolve_group_refs(['Nobody'], GROUPS, option='filter_groups')
    assert str(caught.value).startswith('filter_groups: ')
