#!/usr/bin/env python3
"""Scale-out test: three taoquote-service instances behind nginx (issue 14 §3).

Starts 3 instances on loopback ports (rulebook A), nginx in front of them (Debian's nginx,
tests/deploy/nginx.conf.in), and a bounded wrk load through nginx (tests/deploy/
scale-out.lua). While the load runs it performs a rolling rulebook update: one instance at a
time is drained (SIGTERM: stop accepting, finish in-flight requests, exit 0) and started
again on the same port with rulebook B, and the next one is touched only once this one
answers /healthz with B's digest. Passes when:
  - wrk saw zero failed responses (non-200, socket errors) and zero mixed-rulebook
    responses (X-Taoquote-Rulebook different from the quote's own rulebook digest);
  - every instance exited 0 when drained and converged on B (its /healthz digest);
  - a second short load after the rollout sees only B.
Signing-key rotation (issue 14 §1) does not exist yet: rotate_signing_keys() marks where
it goes. Standard library only; every wait is bounded.

    scale_out.py --binary build/native-release/native/service/taoquote-service [--seconds 12]
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURE_A = REPO / "tests" / "vectors" / "rulebooks" / "fixture-a.json"
REQUEST = REPO / "tests" / "bad" / "base-request.json"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rulebook_b():
    """fixture-a with a changed fee: a second valid rulebook with another digest."""
    rb = json.loads(FIXTURE_A.read_text(encoding="utf-8"))
    rb["warehouse"]["consolidation_per_parcel"] = "12.00"
    return json.dumps(rb, indent=1, ensure_ascii=False).encode("utf-8")


def get(port, path, timeout=2):
    with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=timeout) as r:
        return r.status, r.read()


class Instance:
    """One service process on a fixed port, its rulebook file in its own directory."""

    def __init__(self, binary, workdir, index):
        self.binary = binary
        self.dir = Path(workdir) / ("instance%d" % index)
        self.dir.mkdir()
        self.rulebook = self.dir / "rulebook.json"
        self.port = free_port()
        self.proc = None
        self.log = None

    def start(self, rulebook_bytes):
        tmp = self.rulebook.with_suffix(".tmp")
        tmp.write_bytes(rulebook_bytes)
        os.replace(tmp, self.rulebook)  # atomic, as docs/deploy.md asks
        self.log = open(self.dir / "service.log", "ab")
        # Configuration by environment, as an orchestrator would pass it.
        env = dict(os.environ, TAOQUOTE_PORT=str(self.port), TAOQUOTE_RULEBOOK=str(self.rulebook),
                   TAOQUOTE_STATIC_DIR="", TAOQUOTE_THREADS="1", TAOQUOTE_QUOTE_WORKERS="1",
                   TAOQUOTE_MAX_CONNECTIONS_PER_CLIENT="0", TAOQUOTE_ACCESS_LOG="off",
                   TAOQUOTE_DRAIN_TIMEOUT_MS="5000")
        self.proc = subprocess.Popen([self.binary], env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=self.log)

    def ready_digest(self, timeout=10):
        """Waits for /healthz 200 (readiness) and returns the digest it reports."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                status, body = get(self.port, "/healthz")
                if status == 200:
                    return json.loads(body)["rulebook"]["digest"]
            except OSError:
                pass
            time.sleep(0.02)
        raise AssertionError("instance on port %d not ready" % self.port)

    def drain(self, timeout=15):
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout)
        self.log.close()
        return code

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.log:
            self.log.close()


def rotate_signing_keys(instances):
    """Signing-key rotation across the instances (issue 14 §1, signed offers). There are no
    signing keys yet; when they exist, roll the new key out here the same way as the
    rulebook: one instance at a time, verifying with old and new keys during the overlap."""
    return "not applicable yet: the service has no signing keys"


def run_wrk(nginx_port, seconds, connections, digests):
    cmd = ["wrk", "-t1", "-c%d" % connections, "-d%ds" % seconds, "--timeout", "5s",
           "-s", str(HERE / "scale-out.lua"), "http://127.0.0.1:%d/v1/quote" % nginx_port,
           "--", str(REQUEST), *digests]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30)
    lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if out.returncode != 0 or not lines:
        raise AssertionError("wrk failed: %s %s" % (out.stdout, out.stderr))
    return json.loads(lines[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seconds", type=int, default=12)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    binary = str(Path(args.binary).resolve())
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool) and not Path("/usr/sbin/" + tool).exists():
            print("scale_out: %s is not installed (tests/setup-debian.sh)" % tool, file=sys.stderr)
            return 1
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"

    work = tempfile.mkdtemp(prefix="taoquote-deploy-")
    instances = [Instance(binary, work, i) for i in range(3)]
    nginx_proc = None
    failures = []
    try:
        a_bytes, b_bytes = FIXTURE_A.read_bytes(), rulebook_b()
        for inst in instances:
            inst.start(a_bytes)
        digest_a = {inst.ready_digest() for inst in instances}
        assert len(digest_a) == 1, digest_a
        digest_a = digest_a.pop()

        prefix = Path(work) / "nginx"
        prefix.mkdir()
        nginx_port = free_port()
        servers = "\n".join("    server 127.0.0.1:%d max_fails=1 fail_timeout=1s;" % i.port
                            for i in instances)
        conf = (HERE / "nginx.conf.in").read_text().replace("@PREFIX@", str(prefix)) \
            .replace("@SERVERS@", servers).replace("@PORT@", str(nginx_port))
        (prefix / "nginx.conf").write_text(conf)
        nginx_proc = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                                       "-e", str(prefix / "error.log")],
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                if get(nginx_port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("nginx did not start: %s" %
                                     (prefix / "error.log").read_text(errors="replace"))
            time.sleep(0.05)

        # B's digest is known once the first instance has loaded it, so the load counts A's
        # responses as "old" and every other digest as "other" (all checked unmixed).
        result = {}
        load = threading.Thread(target=lambda: result.update(
            run_wrk(nginx_port, args.seconds, args.connections, [digest_a, "?"])))
        started = time.monotonic()
        load.start()
        time.sleep(1.0)  # load established on all three instances
        digest_b = None
        rollout = []
        for inst in instances:
            t0 = time.monotonic()
            code = inst.drain()
            if code != 0:
                failures.append("instance %d exited %d on drain" % (inst.port, code))
            inst.start(b_bytes)
            got = inst.ready_digest()
            digest_b = digest_b or got
            if got != digest_b or got == digest_a:
                failures.append("instance %d reports %s" % (inst.port, got))
            rollout.append(round(time.monotonic() - t0, 3))
            # nginx's passive health check may have marked the drained instance failed for
            # fail_timeout (1 s): let it take traffic again before the next one goes down.
            time.sleep(1.2)
        key_rotation = rotate_signing_keys(instances)
        rollout_done = time.monotonic() - started
        load.join(args.seconds + 40)
        during = result
        if rollout_done > args.seconds - 1:
            failures.append("rollout (%.1f s) did not finish within the load" % rollout_done)

        converged = {inst.port: inst.ready_digest() for inst in instances}
        if set(converged.values()) != {digest_b}:
            failures.append("not converged: %s" % converged)
        after = run_wrk(nginx_port, 2, args.connections, [digest_a, digest_b])

        # "old" counts A; responses on B land in "other" during the rollout (B's digest was
        # not known when wrk started), all in "new" afterwards.
        if during.get("failed") or during.get("socket_errors") or during.get("non_2xx"):
            failures.append("failed responses during the rollout: %s" % during)
        if during.get("mixed"):
            failures.append("mixed-rulebook responses during the rollout: %s" % during)
        if not during.get("old") or not during.get("other"):
            failures.append("the load did not see both rulebooks: %s" % during)
        if after.get("failed") or after.get("socket_errors") or after.get("mixed") \
                or after.get("old") or after.get("other") or not after.get("new"):
            failures.append("after the rollout: %s" % after)

        report = {"instances": 3, "load_seconds": args.seconds, "connections": args.connections,
                  "during_rollout": during, "after_rollout": after,
                  "per_instance_rollout_seconds": rollout, "digest_a": digest_a,
                  "digest_b": digest_b, "signing_key_rotation": key_rotation}
        print(json.dumps(report))
    finally:
        if nginx_proc and nginx_proc.poll() is None:
            nginx_proc.send_signal(signal.SIGQUIT)  # graceful stop
            try:
                nginx_proc.wait(10)
            except subprocess.TimeoutExpired:
                nginx_proc.kill()
                nginx_proc.wait()
        for inst in instances:
            inst.kill()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("scale_out: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("scale_out: ok", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
