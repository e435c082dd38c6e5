#!/usr/bin/env python3
"""What a short test run sees: the first messages after a fresh start, smtp-double next to smtp-sink.

Each round starts each server anew (as bench.py does), waits for its 220 greeting, then sends ten
messages one after another with Python's smtplib (connect, EHLO, MAIL, RCPT, DATA, QUIT each) and
times every one. Prints the median of the rounds for the start and for the first, second and tenth
message.

    python3 bench/first_messages.py                                   # bin/smtp-double, 10 rounds
    python3 bench/first_messages.py --double "java -jar target/smtp-double.jar" --rounds 5
"""
import argparse
import os
import shlex
import smtplib
import statistics
import subprocess
import time

from bench import ROOT, peers, start, stop

MESSAGE = "Subject: first messages\r\n\r\nhello\r\n"
SHOWN = {"first message": 0, "second": 1, "tenth": 9}


def one_round(peer):
    """Starts the server, times its greeting and ten messages, stops it."""
    server = start(peer, subprocess.DEVNULL)
    try:
        times = {"start until 220": server.start_ms}
        for n in range(10):
            sent = time.perf_counter()
            with smtplib.SMTP("127.0.0.1", server.port, timeout=10) as client:
                client.sendmail("app@example.com", ["user@example.com"], MESSAGE)
            for label, index in SHOWN.items():
                if index == n:
                    times[label] = (time.perf_counter() - sent) * 1000
        return times
    finally:
        stop(server)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--double", default="bin/smtp-double", help="how smtp-double is started (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    os.chdir(ROOT)
    compared = [peer for peer in peers(shlex.split(args.double), greenmail_jar=None) if peer.key in ("double", "sink")]
    results = {peer.name: [] for peer in compared}
    for _ in range(args.rounds):
        for peer in compared:  # in turn, so that both meet the machine as it is
            results[peer.name].append(one_round(peer))
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
