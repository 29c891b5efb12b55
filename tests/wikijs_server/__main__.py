"""python -m wikijs_server [--port N] [--seed-users N] [--ready-file PATH] [--tls-cert PEM --tls-key PEM]: serve until SIGTERM/SIGINT."""

import argparse
import json
import os
import signal
import sys
import threading

from .server import WikiJsTestServer


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m wikijs_server', description=__doc__)
    parser.add_argument('--port', type=int, default=0, help='port on 127.0.0.1 (0 = any free port)')
    parser.add_argument('--seed-users', type=int, default=0, help='add N generated users after the fresh-install state')
    parser.add_argument('--ready-file', help='write {"url","api_key","control_url","pid"} as JSON here once listening')
    parser.add_argument('--tls-cert', help='serve HTTPS with this certificate chain (PEM); needs --tls-key')
    parser.add_argument('--tls-key', help='the private key (PEM) of --tls-cert')
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error('--tls-cert and --tls-key go together')
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    srv = WikiJsTestServer(port=args.port, seed_users=args.seed_users, certfile=args.tls_cert,
                           keyfile=args.tls_key).start()
    try:
        info = {'url': srv.url, 'api_key': srv.api_key, 'control_url': srv.control_url, 'pid': os.getpid()}
        if args.ready_file:
            tmp = args.ready_file + '.tmp'
            with open(tmp, 'w', encoding='utf-8') as handle:
                json.dump(info, handle)
            os.replace(tmp, args.ready_file)
        sys.stdout.write('WIKIJS_URL=%s\nWIKIJS_API_KEY=%s\nWIKIJS_CONTROL_URL=%s\n' % (srv.url, srv.api_key, srv.control_url))
        sys.stdout.flush()
        while not stop.wait(0.2):
            pass
    finally:
        srv.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
