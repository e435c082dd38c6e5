#!/usr/bin/env bash
# TLS sessions per second: smtp-double next to GreenMail (SMTPS) and aiosmtpd, in one run.
#
#   bash bench/tls.sh                 3 rounds of 3 s per cell, about 3 minutes
#   BENCH_BEFORE_JAR=old.jar bash bench/tls.sh   also the plain path: that jar against the current one
#
# One load client for all (bench/TlsLoad.java: C threads, whole sessions back to back, one 1 KiB
# message each, a full TLS handshake per session); cells are medians over rounds; servers are
# interleaved, their order rotated per round. Writes bench/work/tls-results.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
WORK="$BENCH/work"
LOGS="$WORK/logs"
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_PER_RUN=${BENCH_RUN_S:-3}
CONC=${BENCH_CONCURRENCY:-8}
BODY=${BENCH_MSG_BYTES:-1024}
mkdir -p "$WORK" "$LOGS"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
log() { echo "[tls-bench] $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_greeting() { # port [tls]
    for _ in $(seq 300); do
        if [ "${2:-}" = tls ]; then
            timeout 20 python3 -c 'import socket, ssl, sys
c = ssl.create_default_context(); c.check_hostname = False; c.verify_mode = ssl.CERT_NONE
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=15) as s, c.wrap_socket(s) as t:
    sys.exit(0 if t.recv(100).startswith(b"220") else 1)' "$1" 2>/dev/null && return 0
        else
            timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1; head -1 <&3" 2>/dev/null | grep -q '^220' && return 0
        fi
        sleep 0.2
    done
    echo "no greeting on $1" >&2; return 1
}

# ---- preparation
[ -f "$ROOT/target/smtp-double.jar" ] || (cd "$ROOT" && mvn -q -DskipTests package)
cp "$ROOT/target/smtp-double.jar" "$WORK/smtp-double-tls.jar"
GM_JAR=$(ls "$WORK"/greenmail-standalone-*.jar 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$GM_JAR" ]; then
    (cd "$ROOT" && mvn -q dependency:copy -Dartifact=com.icegreen:greenmail-standalone:2.1.8 -DoutputDirectory="$WORK") \
        > "$LOGS/mvn-greenmail.log" 2>&1
    GM_JAR=$(ls "$WORK"/greenmail-standalone-*.jar | sort -V | tail -1)
fi
AIO_PY=/usr/bin/python3
if ! "$AIO_PY" -c 'import aiosmtpd' 2>/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd > "$LOGS/apt.log" 2>&1
fi
[ -f "$WORK/peer-key.pem" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
    -subj /CN=localhost -keyout "$WORK/peer-key.pem" -out "$WORK/peer-cert.pem" > "$LOGS/openssl.log" 2>&1
javac -d "$WORK" "$BENCH/TlsLoad.java"

# ---- servers: NAME STARTTLS_PORT TLS_PORT
declare -A PLAIN_PORT TLS_PORT
start_double() { # name jar [plain]: with "plain", no TLS options (a jar from before TLS has none)
    local p t; p=$(free_port); t=$(free_port)
    if [ "${3:-}" = plain ]; then
        java -jar "$2" --host 127.0.0.1 --port "$p" > "$LOGS/$1.log" 2>&1 & PIDS+=($!)
        t=""
    else
        java -jar "$2" --host 127.0.0.1 --port "$p" --tls --tls-port "$t" > "$LOGS/$1.log" 2>&1 & PIDS+=($!)
    fi
    PLAIN_PORT[$1]=$p; TLS_PORT[$1]=$t
}
start_double double "$WORK/smtp-double-tls.jar"
p=$(free_port); t=$(free_port)
java -Dgreenmail.startup.timeout=60000 -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$p" -Dgreenmail.smtps.hostname=127.0.0.1 \
    -Dgreenmail.smtps.port="$t" -jar "$GM_JAR" > "$LOGS/greenmail.log" 2>&1 & PIDS+=($!)
PLAIN_PORT[greenmail]=$p; TLS_PORT[greenmail]=$t
p=$(free_port); t=$(free_port)
"$AIO_PY" "$BENCH/aiosmtpd_tls.py" "$WORK/peer-cert.pem" "$WORK/peer-key.pem" "$p" "$t" > "$LOGS/aiosmtpd.log" 2>&1 & PIDS+=($!)
PLAIN_PORT[aiosmtpd]=$p; TLS_PORT[aiosmtpd]=$t
SERVERS=(double greenmail aiosmtpd)
if [ -n "${BENCH_BEFORE_JAR:-}" ]; then
    cp "$BENCH_BEFORE_JAR" "$WORK/smtp-double-before.jar"
    start_double before "$WORK/smtp-double-before.jar" plain
fi
for s in "${!PLAIN_PORT[@]}"; do
    wait_greeting "${PLAIN_PORT[$s]}"
    [ -z "${TLS_PORT[$s]}" ] || wait_greeting "${TLS_PORT[$s]}" tls
done
offers_starttls() { timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1; head -1 <&3 >/dev/null; printf 'EHLO t\r\n' >&3; \
    while read -r l <&3; do echo \"\$l\"; case \"\$l\" in 250\ *) break;; esac; done; printf 'QUIT\r\n' >&3" | grep -qi STARTTLS; }

run() { # server mode -> rate
    local port=${PLAIN_PORT[$1]}; [ "$2" = implicit ] && port=${TLS_PORT[$1]}
    timeout $((SECONDS_PER_RUN + 60)) java -cp "$WORK" TlsLoad 127.0.0.1 "$port" "$2" "$CONC" "$SECONDS_PER_RUN" "$BODY" \
        2>>"$LOGS/load-$1-$2.log" | tee -a "$LOGS/load-$1-$2.log" | sed -n 's/.*rate=\([0-9.]*\) errors=\([0-9]*\).*/\1 \2/p'
}
RAW="$WORK/tls-raw.tsv"; : > "$RAW"
CELLS=()
for s in "${SERVERS[@]}"; do
    offers_starttls "${PLAIN_PORT[$s]}" && CELLS+=("$s starttls") || log "$s does not offer STARTTLS"
    CELLS+=("$s implicit")
done
[ -n "${BENCH_BEFORE_JAR:-}" ] && CELLS+=("before plain" "double plain")
log "cold (first run after start), then $ROUNDS rounds of ${SECONDS_PER_RUN}s, $CONC concurrent sessions"
for cell in "${CELLS[@]}"; do set -- $cell; echo -e "cold\t$1\t$2\t$(run "$1" "$2")" >> "$RAW"; done
for r in $(seq "$ROUNDS"); do
    n=${#CELLS[@]}
    for i in $(seq 0 $((n - 1))); do
        cell=${CELLS[$(((i + r) % n))]}; set -- $cell
        echo -e "$r\t$1\t$2\t$(run "$1" "$2")" >> "$RAW"
    done
done
python3 - "$RAW" "$ROUNDS" "$CONC" "$SECONDS_PER_RUN" > "$WORK/tls-results.md" <<'PY'
import sys, statistics, collections
raw, rounds, conc, secs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
cold, warm, errors = {}, collections.defaultdict(list), collections.Counter()
for line in open(raw):
    r, server, mode, result = line.rstrip("\n").split("\t")
    rate, err = (result.split() + ["0", "0"])[:2] if result else ("0", "0")
    errors[(server, mode)] += int(err)
    (cold.__setitem__((server, mode), float(rate)) if r == "cold" else warm[(server, mode)].append(float(rate)))
med = {k: statistics.median(v) for k, v in warm.items()}
print(f"TLS sessions/s, {conc} concurrent clients, one 1 KiB message per session, full handshake each; "
      f"median of {rounds} runs of {secs} s (warm), and the first run after start (cold)\n")
print("| server | mode | cold | warm | smtp-double / this (warm) | errors |")
print("| --- | --- | --- | --- | --- | --- |")
for (server, mode), rate in sorted(med.items()):
    ours = med.get(("double", mode))
    ratio = f"{ours / rate:.2f}" if ours and rate and server != "double" else "-"
    print(f"| {server} | {mode} | {cold.get((server, mode), 0):.0f} | {rate:.0f} | {ratio} | {errors[(server, mode)]} |")
PY
cat "$WORK/tls-results.md"
