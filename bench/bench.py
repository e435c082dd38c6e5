#!/usr/bin/env python3
"""smtp-double next to Postfix's smtp-sink and GreenMail, side by side in one run.

    python3 bench/bench.py             # 5 rounds, about 10 minutes
    python3 bench/bench.py --quick     # 3 short rounds, about 4 minutes
    python3 bench/bench.py --floors    # and the least a server on Netty, and on the JDK alone, costs

Load comes from Postfix's smtp-source; every figure is also a ratio to smtp-sink, the median of
the ratios of the rounds (the servers run back to back within a round, so a change in the
machine's load hits both sides of a ratio alike). Cold rows start a fresh server for each round
and measure its first sessions; warm rows run against servers that have served 30 000 messages.
Results: stdout and bench/work/results.md; raw samples: bench/work/raw.jsonl. See bench/README.md.

A row is one entry in ROWS (or COLD_ROWS): a label, a unit and the load that produces it; a load
is the commands of a load generator and what they send (see smtp_source below). To add a row, add
a Row; a peer, a Peer in peers().
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
TICKS = os.sysconf("SC_CLK_TCK")
BODY_BYTES = int(os.environ.get("BENCH_MSG_BYTES", "1024"))


# ---------------------------------------------------------------------------------------- peers
@dataclass(frozen=True)
class Peer:
    """A server: how to start it on 127.0.0.1:PORT."""
    key: str
    name: str
    argv: object  # port -> the command line
    env: dict = None  # variables set besides the environment's


def peers(double_command, greenmail_jar, before_command=None, floors=()):
    """floors: (key, name, jar) of floor servers, started as smtp-double is, with their jar for its."""
    before = [Peer("before", "smtp-double before", lambda port: [*before_command, "--port", str(port)])] \
        if before_command else []
    return [
        Peer("double", "smtp-double", lambda port: [*double_command, "--port", str(port)]),
        *before,
        *[floor_peer(key, name, jar, double_command) for key, name, jar in floors],
        Peer("sink", "smtp-sink", lambda port: ["smtp-sink", *(["-u", "nobody"] if os.getuid() == 0 else []),
                                                f"127.0.0.1:{port}", "256"]),
        Peer("limits", "smtp-double+limits",
             lambda port: [*double_command, "--scenario", str(ROOT / "bench" / "limits.yaml"), "--port", str(port)]),
        Peer("greenmail", "GreenMail", lambda port: ["java", "-Dgreenmail.smtp.hostname=127.0.0.1",
                                                     f"-Dgreenmail.smtp.port={port}", "-jar", str(greenmail_jar)]),
    ]


FLOORS = (("netty-floor", "Netty floor", "NettyFloor"), ("nio-floor", "JDK floor", "NioFloor"))


def floor_jars(double_jar):
    """bench/floor's two servers, each in a copy of smtp-double's jar with its own main class: the same
    jar to open and the same relocated Netty, so that start and class loading cost them what they cost
    smtp-double. Returns (key, name, jar) for peers()."""
    classes = WORK / "floor-classes"
    subprocess.run(["rm", "-rf", str(classes)], check=True)
    sources = sorted(str(f) for f in (ROOT / "bench" / "floor").glob("*.java"))
    subprocess.run(["javac", "--release", "17", "-cp", str(double_jar), "-d", str(classes), *sources], check=True)
    made = []
    for key, name, main in FLOORS:
        jar = WORK / f"{key}.jar"
        subprocess.run(["cp", str(double_jar), str(jar)], check=True)
        subprocess.run(["jar", "--update", "--file", str(jar), "--main-class", main, "-C", str(classes), "."],
                       check=True)
        made.append((key, name, jar))
    return made


def floor_peer(key, name, jar, double_command):
    """A floor started as smtp-double is: `java ... -jar` with its jar in the same place, or smtp-double's
    launcher with SMTP_DOUBLE_JAR naming it, so that both run with the same JVM settings."""
    if any(part.endswith(".jar") for part in double_command):
        command = [str(jar) if part.endswith(".jar") else part for part in double_command]
        return Peer(key, name, lambda port: [*command, "--port", str(port)])
    return Peer(key, name, lambda port: [*double_command, "--port", str(port)], env={"SMTP_DOUBLE_JAR": str(jar)})


# ----------------------------------------------------------------------------------------- rows
@dataclass(frozen=True)
class Load:
    """Commands run one after the other, and what they send in all. A load generator that decides
    itself how much it sends (for a time, say) gives `counted`: it reads the last command's standard
    output and returns (messages, units)."""
    commands: list
    messages: int = 0
    units: int = 0  # what the row's rate counts: sessions or messages
    counted: object = None


def runs(row, key):
    """Whether a peer runs a row: an older smtp-double (--before) and the floors run wherever smtp-double does."""
    return key in row.peers or (key in ("before", *(f[0] for f in FLOORS)) and "double" in row.peers)


@dataclass(frozen=True)
class Row:
    """One line of the table: `load(port, units)` makes a load of about that many units."""
    label: str
    unit: str
    load: object
    peers: tuple = ("double", "sink", "greenmail")
    goal: float = None  # smtp-double / smtp-sink at least (rates) or at most (CPU, time, memory)


def smtp_source(at_once, per_session):
    """Postfix's smtp-source: `at_once` sessions in parallel, `per_session` messages each."""
    common = ["-l", str(BODY_BYTES), "-M", "bench.local", "-f", "sender@bench.local", "-t", "rcpt@bench.local"]

    def load(port, units):
        if per_session == 1:
            sessions = max(units, 2 * at_once)
            return Load([["smtp-source", "-s", str(at_once), "-m", str(sessions), *common, f"127.0.0.1:{port}"]],
                        sessions, sessions)
        batch = per_session * at_once  # -d: the next message on the same connection
        runs = max(1, round(units / batch))
        command = ["smtp-source", "-d", "-s", str(at_once), "-m", str(batch), *common, f"127.0.0.1:{port}"]
        return Load([command] * runs, runs * batch, runs * batch)
    return load


def plain_peers(at_once):
    """smtp-double with keyed limits (bench/limits.yaml, never reached) runs the 64-at-once rows, to show what
    counting costs next to the plain path."""
    return ("double", "limits", "sink", "greenmail") if at_once == 64 else ("double", "sink", "greenmail")


ROWS = [Row(f"one message per session, {c} at once", "sessions/s", smtp_source(c, 1), plain_peers(c), goal=1.0)
        for c in (1, 16, 64)]
ROWS += [Row(f"100 messages per session, {c} at once", "messages/s", smtp_source(c, 100), plain_peers(c), goal=1.0)
         for c in (1, 16, 64)]
COLD_SESSIONS = 5000
COLD_ROWS = [
    Row(f"first {COLD_SESSIONS} sessions after start, 16 at once", "sessions/s", smtp_source(16, 1),
        peers=("double", "sink"), goal=0.7),
    Row(f"first {COLD_SESSIONS} messages after start, 100 per session, 16 at once", "messages/s",
        smtp_source(16, 100), peers=("double", "sink"), goal=0.7),
]
GOALS = {"cpu": 1.2}
ABSOLUTE_GOALS = {"start": 150, "rss": 256}  # ms and MiB, smtp-double's own median, whatever smtp-sink does


# ------------------------------------------------------------------------------------- measuring
@dataclass
class Server:
    peer: Peer
    process: subprocess.Popen
    port: int
    start_ms: float = None  # process start until a 220 greeting was read


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(peer, log):
    """Starts the server and waits for a 220 greeting (polled every 2 ms), which it times."""
    port = free_port()
    began = time.perf_counter()
    env = dict(os.environ, **peer.env) if peer.env else None
    process = subprocess.Popen(peer.argv(port), stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = began + 60
    while time.perf_counter() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                if s.makefile("rb").readline().startswith(b"220"):
                    return Server(peer, process, port, (time.perf_counter() - began) * 1000)
        except OSError:
            time.sleep(0.002)
    stop(Server(peer, process, port))
    raise RuntimeError(f"{peer.name} did not greet within 60 s: {peer.argv(port)}")


def stop(server):
    server.process.terminate()
    try:
        server.process.wait(10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def cpu_ticks(pid):
    """utime + stime of the process, all threads."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024


def measure(server, load):
    """Runs the load; returns (units per second, server CPU ms per 1000 messages)."""
    ticks = cpu_ticks(server.process.pid)
    began = time.perf_counter()
    for command in load.commands:
        done = subprocess.run(command, check=True, timeout=120, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    cpu_ms = (cpu_ticks(server.process.pid) - ticks) * 1000 / TICKS
    messages, units = load.counted(done.stdout) if load.counted else (load.messages, load.units)
    return units / seconds, cpu_ms * 1000 / max(messages, 1)


# -------------------------------------------------------------------------------------- the run
@dataclass
class Samples:
    """Per measure, row and peer: the value of each round."""
    values: dict = field(default_factory=dict)

    def add(self, what, row, peer, round_, value):
        self.values.setdefault((what, row, peer), {})[round_] = value
        with open(WORK / "raw.jsonl", "a") as raw:
            raw.write(json.dumps({"measure": what, "row": row, "peer": peer, "round": round_, "value": value}) + "\n")

    def median(self, what, row, peer):
        found = self.values.get((what, row, peer))
        return statistics.median(found.values()) if found else None

    def ratios(self, what, row, peer, base="sink"):
        """The per-round ratios: a round's figure over the base's in the same round."""
        mine, theirs = self.values.get((what, row, peer), {}), self.values.get((what, row, base), {})
        return [mine[r] / theirs[r] for r in mine if r in theirs and theirs[r] > 0]

    def ratio(self, what, row, peer, base="sink"):
        ratios = self.ratios(what, row, peer, base)
        return statistics.median(ratios) if ratios else None


def cold_round(all_peers, round_, samples, log):
    """Each cold row on a fresh server of each peer; every start also times the greeting."""
    for index, row in enumerate(COLD_ROWS):
        for peer in all_peers:
            if not runs(row, peer.key) and (index > 0 or peer.key == "limits"):
                continue  # the first row starts every peer once, for its start time
            server = start(peer, log)
            try:
                samples.add("start", "start", peer.key, f"{round_}.{index}", server.start_ms)
                if runs(row, peer.key):
                    rate, cpu = measure(server, row.load(server.port, COLD_SESSIONS))
                    samples.add("rate", row.label, peer.key, round_, rate)
                    samples.add("cpu", row.label, peer.key, round_, cpu)
                    samples.add("rss", "cold", peer.key, round_, peak_rss_mib(server.process.pid))
            finally:
                stop(server)


def warm_run(all_peers, rounds, seconds, samples, log):
    servers = [start(peer, log) for peer in all_peers]
    rates = {}
    try:
        for server in servers:  # warm-up, not counted: 30 000 messages or 30 s, whichever comes first
            began, sent = time.perf_counter(), 0
            while sent < 30_000 and time.perf_counter() - began < 30:
                for row in ROWS:
                    units = rates.get((row.label, server.peer.key), 200) * seconds
                    load = row.load(server.port, int(units))
                    rates[row.label, server.peer.key] = measure(server, load)[0]
                    sent += load.messages
        for round_ in range(1, rounds + 1):
            print(f"round {round_}/{rounds}, load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
            order = servers[round_ % len(servers):] + servers[:round_ % len(servers)]
            for row in ROWS:
                for server in (s for s in order if runs(row, s.peer.key)):
                    load = row.load(server.port, int(rates[row.label, server.peer.key] * seconds))
                    rate, cpu = measure(server, load)
                    rates[row.label, server.peer.key] = rate
                    samples.add("rate", row.label, server.peer.key, round_, rate)
                    samples.add("cpu", row.label, server.peer.key, round_, cpu)
        for server in servers:
            samples.add("rss", "warm", server.peer.key, 0, peak_rss_mib(server.process.pid))
    finally:
        for server in servers:
            stop(server)


# ---------------------------------------------------------------------------------------- report
def table(samples, all_peers):
    others = [p for p in all_peers if p.key != "sink"]
    head = ["", *[p.name for p in all_peers], *[f"{p.name} / smtp-sink" for p in others], "goal"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def line(label, what, row, goal, better, absolute=False):
        """A goal is on smtp-double's ratio to smtp-sink, or with absolute on its own median."""
        cells = [fmt(samples.median(what, row, p.key)) for p in all_peers]
        ratios = [samples.ratio(what, row, p.key) for p in others]
        mine = samples.median(what, row, "double") if absolute else ratios[0]
        verdict = "" if goal is None or mine is None else (
            f"{'≥' if better == 'higher' else '≤'} {goal}: " + ("ok" if (mine >= goal if better == "higher"
                                                                      else mine <= goal) else "MISSED"))
        spread = samples.ratios(what, row, "double")  # smtp-double's rounds (starts, for the start): the noise
        ratio_cells = [fmt(r, ratio=True) for r in ratios]
        if len(spread) > 1:
            ratio_cells[0] += f" ({min(spread):.2f}–{max(spread):.2f})"
        lines.append("| " + " | ".join([label, *cells, *ratio_cells, verdict]) + " |")

    for row in COLD_ROWS + ROWS:
        kind = "cold" if row in COLD_ROWS else "warm"
        line(f"{kind}: {row.label} ({row.unit})", "rate", row.label, row.goal, "higher")
    for row in COLD_ROWS + ROWS:
        kind = "cold" if row in COLD_ROWS else "warm"
        line(f"{kind} CPU ms per 1000 messages: {row.label}", "cpu", row.label, GOALS["cpu"], "lower")
    for row in (r for r in ROWS if "limits" in r.peers):
        ratio = samples.ratio("rate", row.label, "limits", base="double")
        lines.append(f"| keyed limits: smtp-double+limits / smtp-double, {row.label} | {fmt(ratio, ratio=True)} |"
                     + " |" * (len(head) - 3) + f" ≥ 0.9: {'n/a' if ratio is None else 'ok' if ratio >= 0.9 else 'MISSED'} |")
    line("start until the 220 greeting (ms)", "start", "start", ABSOLUTE_GOALS["start"], "lower", absolute=True)
    line("peak RSS after the cold sessions (MiB)", "rss", "cold", ABSOLUTE_GOALS["rss"], "lower", absolute=True)
    line("peak RSS after the warm rounds (MiB)", "rss", "warm", ABSOLUTE_GOALS["rss"], "lower", absolute=True)
    return "\n".join(lines)


def fmt(value, ratio=False):
    if value is None:
        return "n/a"
    if ratio:
        return f"{value:.2f}"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


# ---------------------------------------------------------------------------------------- set-up
def greenmail_jar():
    jars = sorted(WORK.glob("greenmail-standalone-*.jar"))
    if not jars:
        subprocess.run(["mvn", "-q", "dependency:copy", "-Dartifact=com.icegreen:greenmail-standalone:2.1.8",
                        f"-DoutputDirectory={WORK}"], check=True, cwd=ROOT)
        jars = sorted(WORK.glob("greenmail-standalone-*.jar"))
    return jars[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds of 0.5 s runs")
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--double", default="java -jar target/smtp-double.jar",
                        help="how smtp-double is started (default: as the README says); target/smtp-double.jar "
                             "is copied to bench/work first, so that a build during the run changes nothing")
    parser.add_argument("--before", metavar="COMMAND",
                        help="also run an older build as 'smtp-double before', started by this command (a launcher "
                             "or 'java -jar JAR' of another checkout), in the same rounds")
    parser.add_argument("--floors", action="store_true",
                        help="also run bench/floor's two servers, which answer every command with a fixed reply, one on "
                             "smtp-double's Netty and one on the JDK's selector alone, started as smtp-double is: the "
                             "least a server on each costs on this machine")
    args = parser.parse_args()
    rounds = args.rounds or (3 if args.quick else 5)
    seconds = 0.5 if args.quick else 1.2
    for tool in ("smtp-source", "smtp-sink"):
        if subprocess.run(["which", tool], capture_output=True).returncode:
            sys.exit(f"{tool} is missing: apt-get install postfix (its daemon is not needed)")
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "raw.jsonl").unlink(missing_ok=True)
    jar = WORK / "smtp-double.jar"
    subprocess.run(["cp", str(ROOT / "target" / "smtp-double.jar"), str(jar)], check=True)
    double = [str(jar) if part == "target/smtp-double.jar" else part for part in args.double.split()]
    all_peers = peers(double, greenmail_jar(), args.before.split() if args.before else None,
                      floor_jars(jar) if args.floors else ())
    load_at_start = os.getloadavg()
    samples = Samples()
    with open(WORK / "servers.log", "w") as log:
        os.chdir(ROOT)
        for round_ in range(1, rounds + 1):
            print(f"cold round {round_}/{rounds}", file=sys.stderr)
            cold_round(all_peers, round_, samples, log)
        warm_run(all_peers, rounds, seconds, samples, log)
    report = "\n".join([
        f"# smtp-double, smtp-sink, GreenMail ({rounds} rounds, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "", table(samples, all_peers), "",
        f"- smtp-double: `{args.double} --port PORT`"
        + (f"; smtp-double before: `{args.before} --port PORT`" if args.before else "") + "; smtp-sink: `smtp-sink 127.0.0.1:PORT 256`; GreenMail "
        f"standalone: `{greenmail_jar().name}`; load: Postfix's smtp-source, {BODY_BYTES}-byte messages",
        "- cells: medians of the rounds; ratios: medians of the per-round ratios, smtp-double's with the lowest and "
        "highest round (start, for the start) in brackets; the start and memory goals are on smtp-double's own figures; "
        f"{os.cpu_count()} cores; load "
        f"average at start {load_at_start[0]:.2f} {load_at_start[1]:.2f} {load_at_start[2]:.2f}, at the end "
        f"{os.getloadavg()[0]:.2f}",
    ])
    (WORK / "results.md").write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
