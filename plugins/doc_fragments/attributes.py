# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    # Attributes shared by every module of the collection.
    DOCUMENTATION = r'''
attributes:
  action_group:
    description: Use C(group/wikijs.wikijs.wikijs) in C(module_defaults) to set connection options once for all modules.
    support: full
    membership:
      - wikijs.wikijs.wikijs
'''

    # For modules that change things.
    CHANGES = r'''
attributes:
  check_mode:
    description: Can run in check mode and return the changed status prediction without modifying the target.
    support: full
    details:
      - A check run reads the current state and computes the same plan as a real run; only sending it is skipped.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: full
    details:
      - The diff is identical in check and real runs.
'''

    # For read-only modules.
    INFO = r'''
attributes:
  check_mode:
    description: Can run in check mode and return the changed status prediction without modifying the target.
    support: full
    details:
      - This module only reads; it runs the same in check mode.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: N/A
    details:
      - This module never changes anything.
'''
