#!/usr/bin/python3
"""HTTP sink for tests/unit/channels: an SMS gateway stand-in built on
Python's http.server, on 127.0.0.1 and a port the kernel picks.

    http_sink.py OUTDIR

Prints the port on the first line of stdout once it listens. Records each
request as OUTDIR/N.json ({"method", "path", "headers", "body"}) before it
answers. The path decides the answer:

    .../status/NNN   status NNN with a JSON body that holds control characters
    .../hang         no answer at all (the client's timeout must end it)
    anything else    202 {"id": "gw-N"}
"""
import json
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
count = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global count
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        with lock:
            count += 1
            n = count
        record = {
            "method": self.command,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8", errors="replace"),
        }
        path = os.path.join(self.server.outdir, "%d.json" % n)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(path + ".tmp", path)

        if self.path.endswith("/hang"):
            threading.Event().wait()
        m = re.search(r"/status/(\d{3})$", self.path)
        status = int(m.group(1)) if m else 202
        if m:
            answer = {"error": "number\tblocked\r\nby gateway (%d)" % status}
        else:
            answer = {"id": "gw-%d" % n}
        data = json.dumps(answer).encode("utf-8")
        # json.dumps escapes the controls; put them raw in the body as a
        # careless gateway would.
        data = data.replace(b"\\t", b"\t").replace(b"\\r\\n", b"\r\n")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        pass


def main(outdir):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.outdir = outdir
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
