#!/usr/bin/env python3
"""Start of the container images given, side by side: for each, 9 starts alternating with the others
(podman run --network host), the time from the java process's start (/proc/PID/stat) until a 220 greeting
is read on 127.0.0.1, and the JVM's CPU time until then. Medians and best.

    python3 bench/container_start.py localhost/smtp-double:before localhost/smtp-double:after
"""
import os, socket, subprocess, time, statistics, sys
TICKS = os.sysconf("SC_CLK_TCK")
def free():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
def uptime():
    return float(open("/proc/uptime").read().split()[0])
def one(image):
    port, admin = free(), free()
    cid = subprocess.run(["podman", "run", "-d", "--rm", "--network", "host", "--label", "dev.smtpdouble.bench=cstart",
                          "-e", f"SMTP_DOUBLE_ADMIN_PORT={admin}", image, "--port", str(port)],
                         capture_output=True, text=True, check=True).stdout.strip()
    try:
        pid = 0
        deadline = time.time() + 60
        while not pid and time.time() < deadline:
            pid = int(subprocess.run(["podman", "inspect", "-f", "{{.State.Pid}}", cid], capture_output=True, text=True).stdout.strip() or 0)
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                    if s.makefile("rb").readline().startswith(b"220"):
                        break
            except OSError:
                time.sleep(0.002)
        now = uptime()
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        cpu = (int(f[11]) + int(f[12])) * 1000 / TICKS
        wall = (now - int(f[19]) / TICKS) * 1000
        return wall, cpu
    finally:
        subprocess.run(["podman", "rm", "-f", cid], capture_output=True)
images = sys.argv[1:]
res = {i: [] for i in images}
for r in range(9):
    for i in (images if r % 2 == 0 else images[::-1]):
        res[i].append(one(i))
for i in images:
    w = [x[0] for x in res[i]]; c = [x[1] for x in res[i]]
    print(f"{i}: java start -> 220 median {statistics.median(w):.0f} ms (best {min(w):.0f}); JVM CPU until 220 median {statistics.median(c):.0f} ms (best {min(c):.0f}); load {os.getloadavg()[0]:.1f}")
