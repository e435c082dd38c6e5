#!/usr/bin/env python3
"""TLS sessions per second: smtp-double (STARTTLS and implicit TLS) next to GreenMail (SMTPS) and
aiosmtpd (STARTTLS and implicit TLS), in one run, with one load client for all (bench/tls_load.py).

    python3 bench/tls.py                          # 5 rounds of 6 s per cell after a warm-up, about 12 minutes
    python3 bench/tls.py --quick                  # 3 rounds of 4 s, short warm-up
    python3 bench/tls.py --before-jar old.jar     # also that jar, TLS and plain, next to the current one
    python3 bench/tls.py --other-java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
                                                  # also the current jar on that JVM (the image's Java 25)

Every cell (server, mode) gets a *cold* run right after start, a warm-up, then rounds in which the
cells take turns, their order rotated per round; a cell's warm figure is the median over rounds,
a ratio is the median of the per-round ratios. Besides sessions/s, the server's CPU time per session
(all its threads, JIT and GC included, from /proc/PID/stat) is measured: on a shared machine it moves
far less than the rate, which mostly follows the share of the CPU the server gets.
Writes bench/work/tls-results.md; raw rows in bench/work/tls-raw.tsv, logs in bench/work/logs/.
"""
import argparse
import os
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / "work"
LOGS = WORK / "logs"
PY = "/usr/bin/python3"  # Debian's Python: python3-aiosmtpd lives there
JAVA = os.environ.get("BENCH_JAVA", "java")
GREENMAIL = "2.1.8"
TICKS = os.sysconf("SC_CLK_TCK")


def log(text):
    print(f"[tls-bench] {text}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def greeted(port, implicit):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            conn = context.wrap_socket(raw) if implicit else raw
            with conn:
                return conn.recv(100).startswith(b"220")
    except OSError:
        return False


def offers_starttls(port):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        f = s.makefile("rwb")
        f.readline()
        f.write(b"EHLO t\r\n")
        f.flush()
        lines = []
        while True:
            line = f.readline()
            lines.append(line.upper())
            if not line or line[3:4] != b"-":
                break
        f.write(b"QUIT\r\n")
        f.flush()
        return any(b"STARTTLS" in line for line in lines)


class Server:
    def __init__(self, name, command, plain_port, tls_port, plain_cell=False):
        self.name, self.plain_port, self.tls_port, self.plain_cell = name, plain_port, tls_port, plain_cell
        self.log = open(LOGS / f"tls-{name}.log", "w")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)

    def wait(self):
        deadline = time.monotonic() + 120
        for port, implicit in ((self.plain_port, False), (self.tls_port, True)):
            while port and not greeted(port, implicit):
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit(f"{self.name} did not greet on {port}; see {self.log.name}")
                time.sleep(0.2)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def prepare(args):
    WORK.mkdir(exist_ok=True)
    LOGS.mkdir(exist_ok=True)
    jar = ROOT / "target" / "smtp-double.jar"
    if not jar.exists():
        subprocess.run(["mvn", "-q", "-DskipTests", "package"], cwd=ROOT, check=True)
    shutil.copy(jar, WORK / "smtp-double-tls.jar")
    greenmail = WORK / f"greenmail-standalone-{GREENMAIL}.jar"
    if not greenmail.exists():
        subprocess.run(["mvn", "-q", "dependency:copy", f"-Dartifact=com.icegreen:greenmail-standalone:{GREENMAIL}",
                        f"-DoutputDirectory={WORK}"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    if subprocess.run([PY, "-c", "import aiosmtpd"], stderr=subprocess.DEVNULL).returncode != 0:
        subprocess.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd",
                       shell=True, check=True, stdout=subprocess.DEVNULL)
    if not (WORK / "peer-key.pem").exists():  # the same key type as smtp-double's generated one: EC P-256
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-days", "30", "-subj", "/CN=localhost", "-keyout", str(WORK / "peer-key.pem"),
                        "-out", str(WORK / "peer-cert.pem")], check=True, capture_output=True)
    if args.before_jar:
        shutil.copy(args.before_jar, WORK / "smtp-double-before.jar")
    return greenmail


def start_servers(args, greenmail):
    servers = []

    def double(name, jar, java=JAVA):
        p, t = free_port(), free_port()
        help_text = subprocess.run([java, "-jar", str(jar), "--help"], capture_output=True, text=True).stdout
        tls = ["--tls", "--tls-port", str(t)] if "--tls-port" in help_text else []
        servers.append(Server(name, [java, "-jar", str(jar), "--host", "127.0.0.1", "--port", str(p)] + tls,
                              p, t if tls else None, plain_cell=True))

    double("double", WORK / "smtp-double-tls.jar")
    if args.before_jar:
        double("before", WORK / "smtp-double-before.jar")
    if args.other_java:
        double("other-java", WORK / "smtp-double-tls.jar", args.other_java)
    p, t = free_port(), free_port()
    servers.append(Server("greenmail", [JAVA, "-Dgreenmail.startup.timeout=60000", "-Dgreenmail.smtp.hostname=127.0.0.1",
                                        f"-Dgreenmail.smtp.port={p}", "-Dgreenmail.smtps.hostname=127.0.0.1",
                                        f"-Dgreenmail.smtps.port={t}", "-jar", str(greenmail)], p, t))
    p, t = free_port(), free_port()
    servers.append(Server("aiosmtpd", [PY, str(BENCH / "aiosmtpd_tls.py"), str(WORK / "peer-cert.pem"),
                                       str(WORK / "peer-key.pem"), str(p), str(t)], p, t))
    for server in servers:
        server.wait()
    return servers


def cells_of(servers):
    cells = []
    for server in servers:
        if offers_starttls(server.plain_port):
            cells.append((server, "starttls"))
        else:
            log(f"{server.name} does not offer STARTTLS")
        if server.tls_port:
            cells.append((server, "implicit"))
        if server.plain_cell:
            cells.append((server, "plain"))
    return cells


def run(cell, seconds, concurrency, size):
    server, mode = cell
    port = server.tls_port if mode == "implicit" else server.plain_port
    before = cpu_seconds(server.process.pid)
    out = subprocess.run([PY, str(BENCH / "tls_load.py"), "127.0.0.1", str(port), mode, str(concurrency),
                          str(seconds), str(size)], capture_output=True, text=True, timeout=seconds + 120)
    used = cpu_seconds(server.process.pid) - before
    with open(LOGS / f"tls-load-{server.name}-{mode}.log", "a") as f:
        f.write(out.stdout + out.stderr)
    result = dict(item.split("=", 1) for item in out.stdout.split())
    sessions = int(result["sessions"])
    return {"rate": float(result["rate"]), "errors": int(result["errors"]), "tls": result["tls"],
            "server_ms": 1000 * used / sessions if sessions else float("nan"),
            "client_ms": 1000 * float(result["cpu"]) / sessions if sessions else float("nan")}


def java_version(java):
    return subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]


def report(raw, cells, args, loads):
    names = {"double": "smtp-double", "before": "smtp-double (before)", "greenmail": f"GreenMail {GREENMAIL}",
             "aiosmtpd": "aiosmtpd", "other-java": f"smtp-double on {java_version(args.other_java or JAVA)}"}
    keys = [(server.name, mode) for server, mode in cells]
    warm = {key: [r for r in raw if (r["server"], r["mode"]) == key and r["round"] != "cold"] for key in keys}
    cold = {key: next(r for r in raw if (r["server"], r["mode"]) == key and r["round"] == "cold") for key in keys}

    def ratio(ours, theirs):  # median over rounds of ours/theirs, both from the same round
        values = []
        for a in warm.get(ours, []):
            b = next((r for r in warm[theirs] if r["round"] == a["round"]), None)
            if b and b["rate"] > 0:
                values.append(a["rate"] / b["rate"])
        return f"{statistics.median(values):.2f}" if values else "-"

    lines = [f"TLS sessions/s: {args.concurrency} sessions at once, one {args.size}-byte message per session, a full "
             f"handshake each (no resumption); cold = first {args.seconds:g} s run after start; warm = median of "
             f"{args.rounds} interleaved rounds of {args.seconds:g} s after a {args.warmup:g} s warm-up per cell. "
             f"Server CPU = its CPU time (all threads) per session. Java servers on {java_version(JAVA)}. Load average "
             f"(1 min) at start {loads[0]}, at end {loads[1]}, on {os.cpu_count()} processors.", "",
             "| server | mode | negotiated | cold /s | warm /s | server CPU ms/session, cold | warm "
             "| smtp-double STARTTLS / this | smtp-double implicit / this | errors |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for key in keys:
        runs = warm[key]
        errors = sum(r["errors"] for r in runs) + cold[key]["errors"]
        theirs = key[0] != "double"
        lines.append(f"| {names[key[0]]} | {key[1]} | {cold[key]['tls']} | {cold[key]['rate']:.0f} "
                     f"| {statistics.median(r['rate'] for r in runs):.0f} | {cold[key]['server_ms']:.1f} "
                     f"| {statistics.median(r['server_ms'] for r in runs):.1f} "
                     f"| {ratio(('double', 'starttls'), key) if theirs and key[1] != 'plain' else '-'} "
                     f"| {ratio(('double', 'implicit'), key) if theirs and key[1] != 'plain' else '-'} | {errors} |")
    if ("before", "plain") in keys:
        lines += ["", f"Plain path, this jar / the before jar (median of per-round ratios): "
                      f"{ratio(('double', 'plain'), ('before', 'plain'))}"]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--warmup", type=float, default=20, help="seconds of untimed load per cell after the cold run")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--size", type=int, default=1024, help="message body bytes")
    parser.add_argument("--before-jar", help="an older smtp-double jar to run next to the current one")
    parser.add_argument("--other-java", help="another java launcher: the current jar runs on it too")
    parser.add_argument("--quick", action="store_true", help="3 rounds of 4 s, 8 s warm-up")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.seconds, args.warmup = 3, 4, 8
    greenmail = prepare(args)
    loads = [f"{os.getloadavg()[0]:.1f}"]
    servers = start_servers(args, greenmail)
    raw = []
    try:
        cells = cells_of(servers)
        log(f"{len(cells)} cells: cold, {args.warmup:g} s warm-up each, {args.rounds} rounds of {args.seconds:g} s")
        for cell in cells:
            raw.append({"round": "cold", "server": cell[0].name, "mode": cell[1],
                        **run(cell, args.seconds, args.concurrency, args.size)})
        for cell in cells:
            run(cell, args.warmup, args.concurrency, args.size)
        for r in range(args.rounds):
            for i in range(len(cells)):
                cell = cells[(i + r) % len(cells)]
                raw.append({"round": str(r), "server": cell[0].name, "mode": cell[1],
                            **run(cell, args.seconds, args.concurrency, args.size)})
            log(f"round {r + 1}/{args.rounds} done, load {os.getloadavg()[0]:.1f}")
        loads.append(f"{os.getloadavg()[0]:.1f}")
    finally:
        for server in servers:
            server.stop()
        with open(WORK / "tls-raw.tsv", "w") as f:
            for r in raw:
                f.write("\t".join(str(r[k]) for k in ("round", "server", "mode", "rate", "errors", "server_ms",
                                                      "client_ms", "tls")) + "\n")
    text = report(raw, cells, args, loads)
    (WORK / "tls-results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
