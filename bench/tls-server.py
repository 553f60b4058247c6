"""Serves DIRECTORY over https on 127.0.0.1:PORT with CERT and KEY (PEM), for bench/download.sh.

Usage: python3 bench/tls-server.py PORT DIRECTORY CERT KEY
The same handler as `python3 -m http.server`, behind the ssl module's default server settings (TLS 1.2 or 1.3).
"""
import functools
import http.server
import ssl
import sys


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def main():
    port, directory, cert, key = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    handler = functools.partial(Quiet, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
