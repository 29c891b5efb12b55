# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The docs site: antsibull-docs + Sphinx, offline, into build/docsite/ (git-ignored).

usage: docs_site.py build    build the site (`make docs`); prints where the HTML is
       docs_site.py check    build, check every internal link and page, and render the collection
                             index and the wikijs_user page to PNG with headless Chromium
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag

from collection_copy import REPO, collections_path

SITE = os.path.join(REPO, 'build', 'docsite')
HTML = os.path.join(SITE, 'build', 'html')
COLLECTION_DIR = os.path.join(HTML, 'collections', 'wikijs', 'wikijs')
TIMEOUT = 300
# The generated conf.py fetches intersphinx inventories from the network. Offline, references to
# ansible.builtin plugins (the module docs cite the user module) become plain links to docs.ansible.com,
# and the two Ansible docsite labels are ignored; any other unresolved reference still fails the build.
CONF_OFFLINE = r'''
intersphinx_mapping = {}
nitpick_ignore = [('std:ref', 'common_return_values'), ('std:ref', 'ansible_configuration_settings')]


def _ansible_builtin_link(app, env, node, contnode):
    import re
    from docutils import nodes
    found = re.match(r'ansible_collections\.ansible\.builtin\.(\w+)_(module|lookup|filter|test)(?:__parameter-([\w-]+))?$',
                     node.get('reftarget', ''))
    if not found:
        return None
    url = 'https://docs.ansible.com/ansible/latest/collections/ansible/builtin/%s_%s.html' % found.group(1, 2)
    if found.group(3):
        url += '#parameter-' + found.group(3)
    link = nodes.reference('', '', internal=False, refuri=url)
    link += contnode
    return link


def setup(app):
    app.connect('missing-reference', _ansible_builtin_link)
'''
CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
                  '--disable-component-update', '--disable-sync', '--disable-quic', '--host-resolver-rules=MAP * ~NOTFOUND',
                  '--proxy-server=127.0.0.1:9', '--window-size=1280,900']
SHOTS = (('index', 'index.html'), ('wikijs_user', 'wikijs_user_module.html'))


def run(command, **kwargs):
    print('$ %s' % ' '.join(command), flush=True)
    return subprocess.run(command, timeout=TIMEOUT, stdin=subprocess.DEVNULL, check=False, **kwargs)


def build():
    """Build the site from this checkout; return the exit code (Sphinx runs with -W: warnings fail)."""
    shutil.rmtree(SITE, ignore_errors=True)
    os.makedirs(SITE, mode=0o700)
    os.chmod(SITE, 0o700)  # sphinx-init refuses a directory others can write to
    with collections_path() as path:
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=path)
        code = run(['antsibull-docs', 'sphinx-init', '--use-current', '--dest-dir', SITE, 'wikijs.wikijs'], env=env).returncode
        if code:
            return code
        with open(os.path.join(SITE, 'conf.py'), 'a') as handle:
            handle.write(CONF_OFFLINE)
        code = run(['bash', os.path.join(SITE, 'build.sh')], cwd=SITE, env=env).returncode
    if code == 0:
        print('docs site: %s' % os.path.join(HTML, 'index.html'))
    return code


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get('id'):
            self.ids.add(attrs['id'])
        if tag == 'a' and attrs.get('href'):
            self.links.append(attrs['href'])


def _parse(path):
    parser = _Links()
    with open(path, encoding='utf-8') as handle:
        parser.feed(handle.read())
    return parser


def broken_links():
    """Internal links (and their #anchors) that lead nowhere, as 'page -> href'."""
    pages = {}
    for path in glob.glob(os.path.join(HTML, '**', '*.html'), recursive=True):
        pages[os.path.normpath(path)] = _parse(path)
    broken = []
    for path, parsed in sorted(pages.items()):
        for href in parsed.links:
            # '/' is the theme's link to the web site root, outside this build.
            if re.match(r'^[a-z]+:', href) or href.startswith('/'):
                continue
            target, anchor = urldefrag(href)
            target = os.path.normpath(os.path.join(os.path.dirname(path), unquote(target))) if target else path
            if os.path.isdir(target):
                target = os.path.join(target, 'index.html')
            if not os.path.exists(target):
                broken.append('%s -> %s' % (os.path.relpath(path, HTML), href))
            elif anchor and target in pages and unquote(anchor) not in pages[target].ids:
                broken.append('%s -> %s (no such anchor)' % (os.path.relpath(path, HTML), href))
    return broken


def expected_pages():
    """One page per module of this checkout, one per guide of docs/docsite/rst, and the index."""
    pages = ['index.html']
    for path in sorted(glob.glob(os.path.join(REPO, 'plugins', 'modules', '*.py'))):
        pages.append('%s_module.html' % os.path.basename(path)[:-3])
    for path in sorted(glob.glob(os.path.join(REPO, 'docs', 'docsite', 'rst', '*.rst'))):
        pages.append(os.path.join('docsite', os.path.basename(path)[:-4] + '.html'))
    return pages


def chromium():
    return shutil.which('chromium') or shutil.which('chromium-browser')


def screenshot(browser, page, png, profile):
    """Render one page to PNG; return (ok, why)."""
    from PIL import Image  # pylint: disable=import-outside-toplevel
    url = 'file://' + os.path.join(COLLECTION_DIR, page)
    code = run([browser] + CHROMIUM_FLAGS + ['--user-data-dir=' + profile, '--screenshot=' + png, url],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    if code or not os.path.exists(png):
        return False, 'chromium exited %s without a screenshot' % code
    dom = run([browser] + CHROMIUM_FLAGS + ['--user-data-dir=' + profile, '--dump-dom', url],
              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    text = re.sub(r'<[^>]+>', ' ', re.sub(r'(?s)<(script|style)\b.*?</\1>', ' ', dom))
    words = len(text.split())
    with Image.open(png) as image:
        colours = image.convert('RGB').getcolors(1 << 20)
    # A blank or error page has a handful of colours and almost no words.
    if words < 100 or colours is None or len(colours) < 50:
        return False, 'looks empty: %d words, %s colours' % (words, len(colours) if colours else 'many')
    return True, '%d words, %d colours' % (words, len(colours))


def check():
    """Print one line per check and 'docs-site: N passed, N failed'; None when Chromium is missing."""
    browser = chromium()
    if not browser:
        print('docs-site: chromium not found (Debian package "chromium"; .ci/run installs it), not run')
        return None
    results = []

    def record(ok, what):
        print('%s %s' % ('ok  ' if ok else 'FAIL', what), flush=True)
        results.append(ok)

    code = build()
    record(code == 0, 'the site builds with sphinx -W (exit %s)' % code)
    if code == 0:
        for page in expected_pages():
            record(os.path.exists(os.path.join(COLLECTION_DIR, page)), 'page %s' % page)
        broken = broken_links()
        record(not broken, 'internal links and anchors (%d broken%s)' % (len(broken), ': ' + '; '.join(broken[:10]) if broken else ''))
        profile = tempfile.mkdtemp(prefix='wikijs-chromium-')
        try:
            for name, page in SHOTS:
                png = os.path.join(SITE, 'screenshot-%s.png' % name)
                ok, why = screenshot(browser, page, png, profile)
                record(ok, 'screenshot of %s: %s (%s)' % (page, png, why))
        finally:
            shutil.rmtree(profile, ignore_errors=True)
    print('docs-site: %d passed, %d failed' % (results.count(True), results.count(False)), flush=True)
    return results.count(True), results.count(False)


def main(argv):
    if argv == ['build']:
        return build()
    if argv == ['check']:
        counts = check()
        return 0 if counts is None or not counts[1] else 1
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
