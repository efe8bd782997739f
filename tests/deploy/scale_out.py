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
Then, still under the load, a rolling rotation of the offer-signing key (docs/deploy.md,
"Signing keys"): each instance's verify-key file goes from {k1} to {k1, k2} (SIGHUP, one
instance at a time), the signer switches to k2, and each goes to {k2}; a client posting
signed offers to /v1/quote?strict=true through nginx the whole time sees no failure, and
each instance refuses k1 (UNKNOWN_KEY) at the end. Keys are made by the CLI
(`taoquote offers generate-key`) in a temporary directory. Standard library only; every wait
is bounded.

    scale_out.py --binary build/native-release/native/service/taoquote-service [--seconds 12]
                 [--cli build/native-release/native/cli/taoquote]
"""
import argparse
import datetime
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
import urllib.error
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
        self.offer_keys = self.dir / "offer-keys.json"
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
                   TAOQUOTE_DRAIN_TIMEOUT_MS="5000", TAOQUOTE_OFFER_KEYS=str(self.offer_keys))
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


def write_atomically(path, data):
    tmp = Path(str(path) + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class Signer:
    """Two Ed25519 keys made by the CLI, their public JWKs, and the reference request signed
    with each (at = now, offers valid for an hour)."""

    def __init__(self, cli, workdir):
        self.cli = cli
        self.dir = Path(workdir) / "signer"
        self.dir.mkdir()
        self.jwk = {}
        self.request = {}
        for kid in ("k1", "k2"):
            pem = self.dir / (kid + ".pem")
            self.run("offers", "generate-key", "--out", str(pem))
            self.jwk[kid] = json.loads(self.run("offers", "public-key", "--key", str(pem),
                                                "--kid", kid))["keys"][0]
        self.refresh()

    def run(self, *args):
        return subprocess.run([self.cli, *args], check=True, capture_output=True,
                              timeout=30).stdout

    def refresh(self):
        """Signs the reference request afresh with both keys (its `at` is the clock's now)."""
        rq = json.loads(REQUEST.read_text(encoding="utf-8"))
        rq["at"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        src = self.dir / "request.json"
        src.write_text(json.dumps(rq))
        for kid in ("k1", "k2"):
            self.request[kid] = self.run("offers", "sign", str(src), "--key",
                                         str(self.dir / (kid + ".pem")), "--kid", kid,
                                         "--valid-for", "3600")

    def jwks(self, *kids):
        return json.dumps({"keys": [self.jwk[k] for k in kids]}).encode()


def post_strict(port, body, timeout=5):
    req = urllib.request.Request("http://127.0.0.1:%d/v1/quote?strict=true" % port, data=body,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, ""
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read()).get("error", {}).get("code", "")


def rotate_signing_keys(instances, signer, nginx_port):
    """The rolling key rotation (module comment). Returns (report, failures)."""
    failures = []
    state = {"kid": "k1", "stop": False, "sent": 0, "failed": []}

    def client():  # a product page checking out through nginx the whole time
        while not state["stop"]:
            status, code = post_strict(nginx_port, signer.request[state["kid"]])
            state["sent"] += 1
            if status != 200:
                state["failed"].append((state["kid"], status, code))
            time.sleep(0.005)

    def roll(*kids):
        for inst in instances:
            write_atomically(inst.offer_keys, signer.jwks(*kids))
            inst.proc.send_signal(signal.SIGHUP)
            # In force on this instance (asked directly, not through nginx) before the next.
            probe = signer.request[kids[-1]]
            deadline = time.monotonic() + 5
            while post_strict(inst.port, probe)[0] != 200:
                if time.monotonic() > deadline:
                    failures.append("instance %d did not take keys %s" % (inst.port, kids))
                    break
                time.sleep(0.02)

    signer.refresh()
    thread = threading.Thread(target=client)
    thread.start()
    try:
        time.sleep(0.3)
        roll("k1", "k2")     # 1. every verifier accepts old and new
        state["kid"] = "k2"  # 2. the signer switches
        time.sleep(0.3)
        roll("k2")           # 3. the old key retires
        time.sleep(0.3)
    finally:
        state["stop"] = True
        thread.join(10)
    retired = {inst.port: post_strict(inst.port, signer.request["k1"]) for inst in instances}
    if any(v != (422, "UNKNOWN_KEY") for v in retired.values()):
        failures.append("k1 still accepted after its retirement: %s" % retired)
    if state["failed"] or not state["sent"]:
        failures.append("signed checkouts failed during the key rotation: %s of %d"
                        % (state["failed"][:5], state["sent"]))
    return {"strict_requests": state["sent"], "failed": len(state["failed"]),
            "old_key_refused_by": len(retired)}, failures


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
    parser.add_argument("--cli", help="taoquote CLI (default: beside the service's build)")
    args = parser.parse_args()
    binary = str(Path(args.binary).resolve())
    cli = str(Path(args.cli).resolve()) if args.cli else \
        str(Path(binary).parents[1] / "cli" / "taoquote")
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
        signer = Signer(cli, work)
        for inst in instances:
            write_atomically(inst.offer_keys, signer.jwks("k1"))
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
        key_rotation, key_failures = rotate_signing_keys(instances, signer, nginx_port)
        failures += key_failures
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
