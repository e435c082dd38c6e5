#!/usr/bin/env bash
# The container image, before and after, side by side: image size, start to the 220 greeting, and
# resident memory under smtp-source load at 64 concurrent sessions.
#
#   bash bench/container.sh            5 starts and 3 load runs per image (about 3 minutes)
#   BENCH_STARTS=11 bash bench/container.sh
#
# "after" is docker/Dockerfile as it is now; "before" is docker/Dockerfile at BENCH_BEFORE (default
# 5a766d9, the last image on a full JRE 17). Both are built with podman from the local base images
# of .ci/prepare-podman (run with --with-jre17 for the old base). See bench/README.md.
set -euo pipefail

STARTS=${BENCH_STARTS:-5}
LOADS=${BENCH_LOADS:-3}
CONC=${BENCH_CONC:-64}
MESSAGES=${BENCH_MESSAGES:-20000}
MSG_BYTES=${BENCH_MSG_BYTES:-1024}
BEFORE=${BENCH_BEFORE:-5a766d9}
MEMORY=${BENCH_MEMORY:-}              # e.g. 256m: run the containers with --memory
LABEL=dev.smtpdouble.bench=container

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/bench/work
mkdir -p "$WORK/logs"
cd "$ROOT"
export PATH="$PATH:/usr/sbin:/sbin"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

STARTED=$WORK/containers.started      # ids of the containers this run started, to remove on exit
: >"$STARTED"
cleanup() {
  local id
  while read -r id; do podman rm -f "$id" >/dev/null 2>&1 || true; done <"$STARTED"
}
trap cleanup EXIT

# ------------------------------------------------------------------ setup --
bash .ci/prepare-podman --with-jre17 >&2
if ! command -v smtp-source >/dev/null; then
  log "installing Postfix for smtp-source (the mail daemon is stopped again)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >"$WORK/logs/apt-postfix.log" 2>&1
  postfix stop >/dev/null 2>&1 || true
fi
[ -s target/smtp-double.jar ] || mvn -B -q -DskipTests package

AFTER_IMAGE=localhost/smtp-double:bench-after
BEFORE_IMAGE=localhost/smtp-double:bench-before
log "building $AFTER_IMAGE"
podman build --pull=never --format docker -q -f docker/Dockerfile --build-arg JDK_IMAGE=localhost/jdk25-base \
  --build-arg BASE_IMAGE=localhost/debian-slim-base -t "$AFTER_IMAGE" . >/dev/null
log "building $BEFORE_IMAGE from docker/Dockerfile at $BEFORE"
git show "$BEFORE:docker/Dockerfile" >"$WORK/Dockerfile.before"
podman build --pull=never --format docker -q -f "$WORK/Dockerfile.before" --build-arg BASE_IMAGE=localhost/jre17-base \
  -t "$BEFORE_IMAGE" . >/dev/null

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Prints the wall-clock time in ns at which a 220 greeting was read on 127.0.0.1:PORT (polls every 2 ms).
await_greeting() {
  python3 - "$1" <<'PY'
import socket, sys, time
port, deadline = int(sys.argv[1]), time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            line = s.makefile("rb").readline()
            if line.startswith(b"220"):
                print(time.time_ns()); sys.exit(0)
    except OSError:
        pass
    time.sleep(0.002)
sys.exit(1)
PY
}

# run_container IMAGE SMTP_PORT ADMIN_PORT: starts it on the host network with a wrapper that prints
# the time java is launched ("launch NS"), and prints the container id.
run_container() {
  local image=$1 port=$2 admin=$3 entrypoint
  entrypoint=$(podman image inspect "$image" --format '{{json .Config.Entrypoint}}')
  entrypoint='["sh","-c","echo launch $(date +%s%N); exec \"$@\"","sh",'${entrypoint#[}
  podman run -d --rm --network host --label "$LABEL" ${MEMORY:+--memory "$MEMORY"} --entrypoint "$entrypoint" \
    "$image" --port "$port" --admin-port "$admin" 2>/dev/null
}

kib() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status"; }

RESULTS=$WORK/container.tsv
: >"$RESULTS"
# one start: the time from launch to greeting, and from `podman run` to greeting
measure_start() {
  local name=$1 image=$2 port admin t0 greet id launch
  port=$(free_port); admin=$(free_port)
  await_greeting "$port" >"$WORK/greet" &
  local prober=$!
  t0=$(date +%s%N)
  id=$(run_container "$image" "$port" "$admin")
  echo "$id" >>"$STARTED"
  wait "$prober" || { log "$name: no greeting; log:"; podman logs "$id" >&2; exit 1; }
  # CPU time (user + system, all threads) the JVM used until just after the greeting: unlike the
  # wall-clock times, it hardly depends on what else the machine is doing
  local pid ticks
  pid=$(podman inspect --format '{{.State.Pid}}' "$id")
  ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  printf '%s\tcpu_ms\t%s\n' "$name" "$(( ticks * 1000 / $(getconf CLK_TCK) ))" >>"$RESULTS"
  greet=$(cat "$WORK/greet")
  launch=$(podman logs "$id" 2>/dev/null | awk '$1 == "launch" { print $2; exit }')
  printf '%s\tstart_ms\t%s\n' "$name" "$(( (greet - launch) / 1000 ))" | awk -F'\t' '{ printf "%s\t%s\t%.1f\n", $1, $2, $3 / 1000 }' >>"$RESULTS"
  printf '%s\trun_ms\t%s\n' "$name" "$(( (greet - t0) / 1000 ))" | awk -F'\t' '{ printf "%s\t%s\t%.1f\n", $1, $2, $3 / 1000 }' >>"$RESULTS"
  echo "$id $port"
}

for round in $(seq "$STARTS"); do
  for pair in "after $AFTER_IMAGE" "before $BEFORE_IMAGE"; do
    set -- $pair
    read -r id port < <(measure_start "$1" "$2")
    podman stop -t 5 "$id" >/dev/null
    log "start $round/$STARTS $1: $(tail -n 3 "$RESULTS" | cut -f3 | paste -sd ' ') ms (CPU, launch, podman run)"
  done
done

# memory under load: one container per image, LOADS runs of smtp-source at CONC sessions
for pair in "after $AFTER_IMAGE" "before $BEFORE_IMAGE"; do
  set -- $pair
  read -r id port < <(measure_start "$1" "$2")
  pid=$(podman inspect --format '{{.State.Pid}}' "$id")
  printf '%s\tidle_rss_kib\t%s\n' "$1" "$(kib "$pid" VmRSS)" >>"$RESULTS"
  for run in $(seq "$LOADS"); do
    begin=$(date +%s%N)
    timeout 300 smtp-source -s "$CONC" -m "$MESSAGES" -l "$MSG_BYTES" -M bench.local -f sender@bench.local \
      -t rcpt@bench.local "127.0.0.1:$port" >>"$WORK/logs/container-smtp-source.log" 2>&1
    end=$(date +%s%N)
    printf '%s\tload%s_peak_kib\t%s\n' "$1" "$run" "$(kib "$pid" VmHWM)" >>"$RESULTS"
    printf '%s\tload%s_rss_kib\t%s\n' "$1" "$run" "$(kib "$pid" VmRSS)" >>"$RESULTS"
    printf '%s\tload%s_msgs_per_s\t%s\n' "$1" "$run" "$(( MESSAGES * 1000000000 / (end - begin) ))" >>"$RESULTS"
    log "load $run/$LOADS $1: peak $(kib "$pid" VmHWM) KiB, $(( MESSAGES * 1000000000 / (end - begin) )) msg/s"
  done
  podman stop -t 5 "$id" >/dev/null
done

size() { podman image inspect "$1" --format '{{.Size}}'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
value() { awk -F'\t' -v n="$1" -v k="$2" '$1 == n && $2 == k { print $3 }' "$RESULTS"; }
mib() { awk '{ printf "%.0f", $1 / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

{
  echo "| | before ($BEFORE: JRE 17, CDS) | after (jlink JRE 25, AOT cache) | after / before |"
  echo "|---|---|---|---|"
  sb=$(size "$BEFORE_IMAGE"); sa=$(size "$AFTER_IMAGE")
  echo "| image size | $((sb / 1000000)) MB | $((sa / 1000000)) MB | $(ratio "$sa" "$sb") |"
  for key in start_ms cpu_ms run_ms; do
    b=$(value before $key | median); a=$(value after $key | median)
    bmin=$(value before $key | sort -g | head -1); amin=$(value after $key | sort -g | head -1)
    label="java launched → 220 read (median of $STARTS; best)"
    [ $key = cpu_ms ] && label="JVM CPU time (user + system) until the 220 was read (median; best)"
    [ $key = run_ms ] && label="\`podman run\` → 220 read (median of $STARTS; best)"
    echo "| $label | $b ms; $bmin ms | $a ms; $amin ms | $(ratio "$a" "$b") |"
  done
  b=$(value before idle_rss_kib | mib); a=$(value after idle_rss_kib | mib)
  echo "| RSS after start, idle | $b MiB | $a MiB | $(ratio "$a" "$b") |"
  for run in $(seq "$LOADS"); do
    b=$(value before "load${run}_peak_kib" | mib); a=$(value after "load${run}_peak_kib" | mib)
    tb=$(value before "load${run}_msgs_per_s"); ta=$(value after "load${run}_msgs_per_s")
    echo "| peak RSS (VmHWM) after load run $run ($CONC sessions, $MESSAGES msgs) | $b MiB ($tb msg/s) | $a MiB ($ta msg/s) | $(ratio "$a" "$b") |"
  done
  echo
  echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); podman $(podman --version | awk '{print $3}');" \
       "container memory limit: ${MEMORY:-none}; smtp-source -s $CONC -m $MESSAGES -l $MSG_BYTES."
} | tee "$WORK/container.md"
