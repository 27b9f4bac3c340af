"""A Hub-shaped HTTP server on 127.0.0.1 for medkg's remote-source tests.

Serves the fixture models in hub_fixtures.json the way the Hugging Face Hub API does
(/api/models/{id}, /api/models?filter=base_model:{id} with Link rel="next" pagination, ETag and
If-None-Match), a JSON Lines dump, and one endpoint per network fault. Every request is logged as
one JSON line (method, path, status, body bytes sent, whether an Authorization header came).
It binds an ephemeral port, writes it to --port-file, and stops by itself after --lifetime s.
"""
import argparse
import hashlib
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
PAGE_SIZE = 2


class State:
    def __init__(self, log_path):
        with open(os.path.join(HERE, "hub_fixtures.json"), encoding="utf-8") as f:
            self.models = {m["id"]: m for m in json.load(f)}
        self.log_path = log_path
        self.lock = threading.Lock()
        self.counts = {}

    def hit(self, key):
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1
            return self.counts[key]

    def log(self, entry):
        with self.lock, open(self.log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")


def bases_of(model):
    out = set()
    for tag in model.get("tags", []):
        if tag.startswith("base_model:"):
            out.add(tag.split(":")[-1])
    base = model.get("cardData", {}).get("base_model")
    if isinstance(base, str):
        out.add(base)
    elif isinstance(base, list):
        out.update(base)
    return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: State = None

    def log_message(self, *args):  # quiet; we keep our own log
        pass

    def send(self, status, body=b"", headers=None, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        # Log before the body goes out: a client that has its answer may read the log at once.
        self.record(status, len(body))
        if body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

    def record(self, status, sent):
        self.state.log({"method": self.command, "path": self.path, "status": status,
                        "bytes": sent, "auth": "Authorization" in self.headers,
                        "ua": self.headers.get("User-Agent", "")})

    def send_cached(self, payload, extra=None):
        body = json.dumps(payload, sort_keys=True).encode()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        headers = {"ETag": etag}
        headers.update(extra or {})
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", "0")
            self.record(304, 0)
            self.end_headers()
            return
        self.send(200, body, headers)

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        path = url.path
        if path.startswith("/api/models/"):
            model_id = path[len("/api/models/"):]
            if model_id in self.state.models:
                return self.send_cached(self.state.models[model_id])
            return self.send(404, b'{"error": "Repository not found"}')
        if path == "/api/models":
            filt = query.get("filter", [""])[0]
            if not filt.startswith("base_model:"):
                return self.send(400, b'{"error": "unsupported filter"}')
            parent = filt[len("base_model:"):]
            children = sorted((m for m in self.state.models.values() if parent in bases_of(m)),
                              key=lambda m: m["id"])
            page = int(query.get("page", ["1"])[0])
            items = children[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
            summary = [{k: m[k] for k in ("id", "author", "tags", "pipeline_tag", "createdAt")
                        if k in m} for m in items]
            extra = {}
            if page * PAGE_SIZE < len(children):
                host = self.headers.get("Host")
                extra["Link"] = (f'<http://{host}/api/models?filter={filt}&page={page + 1}>; '
                                 'rel="next"')
            return self.send_cached(summary, extra)
        if path == "/dump.jsonl":
            body = "".join(json.dumps(m) + "\n" for m in self.state.models.values()).encode()
            return self.send(200, body, content_type="application/x-ndjson")
        if path == "/entries.json":
            with open(os.path.join(HERE, "remote_entries.json"), "rb") as f:
                return self.send(200, f.read())
        return self.fault(path, url.query)

    def fault(self, path, query):
        key = path + "?" + query
        n = self.state.hit(key)
        ok = json.dumps(self.state.models["epfl-llm/meditron-7b"]).encode()
        if path == "/fault/404":
            return self.send(404, b'{"error": "not found"}')
        if path == "/fault/500-then-ok":
            return self.send(500, b"oops") if n == 1 else self.send(200, ok)
        if path == "/fault/429":
            if n == 1:
                return self.send(429, b"slow down", {"Retry-After": "1"})
            return self.send(200, ok)
        if path == "/fault/always-503":
            return self.send(503, b"unavailable")
        if path == "/fault/stall":
            time.sleep(3)
            return self.send(200, ok)
        if path == "/fault/truncated":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(ok[:100])
            self.wfile.flush()
            self.record(200, 100)
            self.close_connection = True
            return None
        if path == "/fault/invalid-json":
            return self.send(200, b'{"id": "broken", "tags": [')
        if path == "/fault/redirect-loop":
            return self.send(302, b"", {"Location": "/fault/redirect-loop?" + query})
        if path == "/fault/oversized":
            return self.send(200, b"x" * (3 << 20))
        if path == "/fault/slow-body":
            self.state.log({"event": "start", "path": self.path})
            body = ok * 200
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            sent = 0
            try:
                for i in range(0, len(body), 1024):
                    self.wfile.write(body[i:i + 1024])
                    self.wfile.flush()
                    sent += len(body[i:i + 1024])
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.record(200, sent)
            return None
        return self.send(404, b'{"error": "no such fixture"}')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--lifetime", type=float, default=600)
    args = parser.parse_args()
    Handler.state = State(args.log)
    class QuietServer(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # clients that hang up mid-response are part of the fault tests

    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    tmp = args.port_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    timer = threading.Timer(args.lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    server.serve_forever()


if __name__ == "__main__":
    main()
