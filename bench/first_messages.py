#!/usr/bin/env python3
"""What a short test run sees: the first messages after a fresh start, smtp-double next to smtp-sink.

Each round starts each server anew, waits for its 220 greeting, then sends ten messages one after
another with Python's smtplib (connect, EHLO, MAIL, RCPT, DATA, QUIT each) and times every one.
Prints the median of the rounds for the start and for the first, second and tenth message.

    python3 bench/first_messages.py                                   # bin/smtp-double, 10 rounds
    python3 bench/first_messages.py --double "java -jar target/smtp-double.jar" --rounds 5
"""
import argparse
import os
import shlex
import smtplib
import socket
import statistics
import subprocess
import time

MESSAGE = "Subject: first messages\r\n\r\nhello\r\n"
SHOWN = {"first message": 0, "second": 1, "tenth": 9}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_greeting(server, port, began, limit=30):
    """Milliseconds from began until a connection reads 220; the port may not be bound yet."""
    while time.perf_counter() - began < limit:
        if server.poll() is not None:
            raise SystemExit(f"{server.args[0]} ended with status {server.returncode} before its greeting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                if s.makefile("rb").readline().startswith(b"220"):
                    return (time.perf_counter() - began) * 1000
        except OSError:
            time.sleep(0.002)
    raise SystemExit(f"{server.args[0]}: no 220 greeting on port {port} within {limit} s")


def one_round(command, port):
    """Starts the server, times its greeting and ten messages, stops it (by its PID)."""
    began = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        times = {"start until 220": wait_for_greeting(server, port, began)}
        for n in range(10):
            sent = time.perf_counter()
            with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                client.sendmail("app@example.com", ["user@example.com"], MESSAGE)
            for label, index in SHOWN.items():
                if index == n:
                    times[label] = (time.perf_counter() - sent) * 1000
        return times
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--double", default="bin/smtp-double", help="how smtp-double is started (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(root)
    peers = {
        "smtp-double": lambda port: [*shlex.split(args.double), "--port", str(port)],
        "smtp-sink": lambda port: ["smtp-sink", *(["-u", "nobody"] if os.getuid() == 0 else []),
                                   f"127.0.0.1:{port}", "256"],
    }
    results = {name: [] for name in peers}
    for _ in range(args.rounds):
        for name, command in peers.items():  # in turn, so that both meet the machine as it is
            port = free_port()
            results[name].append(one_round(command(port), port))
    labels = ["start until 220", *SHOWN]
    print(f"# the first messages after a fresh start ({args.rounds} rounds, medians in ms, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n")
    print("| | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    for name, rounds in results.items():
        cells = [f"{statistics.median(r[label] for r in rounds):.1f}" for label in labels]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
