#!/usr/bin/env bash
# Side-by-side SMTP server benchmark: smtp-double vs Postfix smtp-sink vs GreenMail.
#
#   bash bench/run.sh           full run (7 rounds, about 5-8 minutes)
#   bash bench/run.sh --quick   short run (3 rounds of small counts)
#
# See bench/README.md. Everything talks to 127.0.0.1 only. Results go to
# stdout and bench/work/results.md (raw samples: bench/work/raw.tsv).
set -u -o pipefail

MODE=full
for arg in "$@"; do
    case "$arg" in
        --quick) MODE=quick ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "unknown argument: $arg (use --quick or nothing)" >&2; exit 2 ;;
    esac
done

if [ "$MODE" = quick ]; then
    ROUNDS=${BENCH_ROUNDS:-3}
    TARGET_S=${BENCH_TARGET_S:-0.4}   # aimed length of one measured run
    WARM_S=${BENCH_WARM_S:-1}         # aimed length of each warm-up run
    JAK_WARM_S=1; JAK_MEASURE_S=1
    MAX_TOTAL_S=${BENCH_MAX_S:-900}
else
    ROUNDS=${BENCH_ROUNDS:-7}
    TARGET_S=${BENCH_TARGET_S:-1.2}
    WARM_S=${BENCH_WARM_S:-2}
    JAK_WARM_S=2; JAK_MEASURE_S=2
    MAX_TOTAL_S=${BENCH_MAX_S:-2400}
fi
STARTUP_N=${BENCH_STARTUP_N:-5}
MSG_BYTES=${BENCH_MSG_BYTES:-1024}    # smtp-source -l (body bytes) and Jakarta body size
PER_SESSION=100                       # messages per session in workload (b)
CONCS=${BENCH_CONCS:-"1 16 64"}     # concurrent sessions of the smtp-source workloads
RUN_TIMEOUT_S=60                      # hard bound for one measured run
SERVER_MAX_S=$((MAX_TOTAL_S + 120))   # hard bound for any server we start

# Bound the whole run: re-run this script under timeout(1) once.
if [ -z "${BENCH_BOUNDED:-}" ]; then
    export BENCH_BOUNDED=1
    exec timeout -k 30 "$MAX_TOTAL_S" bash "$0" "$@"
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
WORK=$BENCH/work
LOGS=$WORK/logs
RAW=$WORK/raw.tsv
mkdir -p "$WORK" "$LOGS"
cd "$ROOT" || exit 1
export PATH="$PATH:/usr/sbin:/sbin"
CLK_TCK=$(getconf CLK_TCK)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- cleanup --
declare -A SPID=() SWRAP=() SPORT=() SOK=()
# "limits" is smtp-double again, with bench/limits.yaml: limits checked and counted on every command, never reached.
SERVERS=${BENCH_SERVERS:-"double limits sink greenmail"}   # a subset, e.g. "double limits", for a longer paired run
declare -A SNAME=([double]=smtp-double [limits]="smtp-double+limits" [sink]=smtp-sink [greenmail]=GreenMail)

stop_pid() { # pid: TERM, wait up to 5 s, then KILL
    local pid=$1 i
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
}

stop_server() {
    local s=$1
    stop_pid "${SPID[$s]:-}"
    stop_pid "${SWRAP[$s]:-}"
    [ -n "${SWRAP[$s]:-}" ] && wait "${SWRAP[$s]}" 2>/dev/null
    SPID[$s]=""; SWRAP[$s]=""
}

cleanup() {
    local s
    trap - EXIT INT TERM
    for s in $SERVERS; do stop_server "$s"; done
}
trap cleanup EXIT
trap 'log "interrupted or time limit reached; stopping servers"; exit 143' INT TERM

# ---------------------------------------------------------------- helpers --
now_us() { local t=${EPOCHREALTIME//[.,]/}; printf '%s' "$t"; }

# utime+stime (clock ticks) of a process, all threads included.
cpu_ticks() {
    local line rest
    read -r line < "/proc/$1/stat" 2>/dev/null || { echo -1; return; }
    rest=${line##*) }
    local -a f=($rest)
    echo $(( f[11] + f[12] ))
}

# Is anything listening on this TCP port (any address)? Reads /proc/net/tcp*.
listening_on() {
    local hex
    hex=$(printf '%04X' "$1")
    awk -v p=":$hex" 'NR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }' \
        /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

port_accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Does a connect to this port get a 220 greeting line within 5 s?
port_greets() {
    (
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        IFS= read -r -t 5 line <&3 || exit 1
        [[ $line == 220* ]]
    ) 2>/dev/null
}

freeport() {
    local p
    p=$(java -cp "$WORK" BenchTools freeport 2>/dev/null) && [ -n "$p" ] && { echo "$p"; return; }
    while :; do
        p=$(( 20000 + RANDOM % 30000 ))
        listening_on "$p" || { echo "$p"; return; }
    done
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ------------------------------------------------------------ preparation --
prepare_postfix_tools() {
    if command -v smtp-sink >/dev/null && command -v smtp-source >/dev/null; then return; fi
    [ "$(id -u)" = 0 ] || die "smtp-sink/smtp-source missing; install the Debian package 'postfix' as root"
    local had25=0
    listening_on 25 && had25=1
    log "installing Postfix (for smtp-sink and smtp-source; the mail daemon is not used)"
    timeout --foreground 900 bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix' \
        > "$LOGS/apt-postfix.log" 2>&1 || die "apt-get install postfix failed, see $LOGS/apt-postfix.log"
    if [ "$had25" = 0 ] && listening_on 25; then
        log "the package install started Postfix; stopping it"
        timeout 60 postfix stop >> "$LOGS/apt-postfix.log" 2>&1 || true
        local i
        for i in $(seq 50); do listening_on 25 || break; sleep 0.2; done
        listening_on 25 && log "warning: something still listens on port 25"
    fi
    command -v smtp-sink >/dev/null && command -v smtp-source >/dev/null || die "smtp-sink/smtp-source still missing"
}

GM_JAR=""
prepare_greenmail() {
    GM_JAR=$(ls "$WORK"/greenmail-standalone-*.jar 2>/dev/null | sort -V | tail -1)
    [ -n "$GM_JAR" ] && return
    local v
    for v in 2.1.8 2.1.7 2.1.6 2.1.5 2.1.4 2.1.3 2.1.2 2.0.1 2.0.0; do
        log "fetching com.icegreen:greenmail-standalone:$v"
        if timeout --foreground 600 mvn -q dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$v" \
            -DoutputDirectory="$WORK" > "$LOGS/mvn-greenmail.log" 2>&1; then break; fi
    done
    GM_JAR=$(ls "$WORK"/greenmail-standalone-*.jar 2>/dev/null | sort -V | tail -1)
    [ -n "$GM_JAR" ] || die "could not fetch greenmail-standalone, see $LOGS/mvn-greenmail.log"
}

JAK_CP=""
prepare_jakarta() {
    if [ ! -s "$WORK/cp-all.txt" ] || [ "$ROOT/pom.xml" -nt "$WORK/cp-all.txt" ]; then
        log "resolving the Angus Mail classpath"
        timeout --foreground 600 mvn -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp-all.txt" \
            > "$LOGS/mvn-classpath.log" 2>&1 || log "warning: classpath resolution failed, see $LOGS/mvn-classpath.log"
    fi
    JAK_CP=$(tr ':' '\n' < "$WORK/cp-all.txt" 2>/dev/null | grep -E '/(angus|jakarta)[^/]*/' | paste -sd: -)
    [ -n "$JAK_CP" ] || log "warning: no Angus Mail jars found; the Jakarta Mail loop is skipped"
}

prepare_helpers() {
    if [ ! -f "$WORK/BenchTools.class" ] || [ "$BENCH/BenchTools.java" -nt "$WORK/BenchTools.class" ] \
        || [ ! -f "$WORK/BareServer.class" ] || [ "$BENCH/BareServer.java" -nt "$WORK/BareServer.class" ]; then
        javac -d "$WORK" "$BENCH/BenchTools.java" "$BENCH/BareServer.java" || die "javac failed"
    fi
}

TARGET_JAR=$ROOT/target/smtp-double.jar
DOUBLE_JAR=$WORK/smtp-double.jar
DOUBLE_INFO="not available"
prepare_double() {
    rm -f "$DOUBLE_JAR"
    if [ ! -f "$TARGET_JAR" ]; then
        log "building smtp-double (mvn -q -DskipTests package)"
        timeout --foreground 900 mvn -q -DskipTests package > "$LOGS/mvn-package.log" 2>&1 \
            || log "warning: build failed, see $LOGS/mvn-package.log"
    fi
    # Run a snapshot of the jar so that a rebuild of target/ during the run
    # cannot change or break the server being measured.
    if [ -f "$TARGET_JAR" ]; then
        local i before
        for i in 1 2 3 4 5; do   # copy again if the jar changed while copying
            before=$(stat -c '%s %Y' "$TARGET_JAR")
            cp "$TARGET_JAR" "$DOUBLE_JAR" || return
            sleep 1
            [ "$before" = "$(stat -c '%s %Y' "$TARGET_JAR")" ] && break
        done
        DOUBLE_INFO="target/smtp-double.jar built $(date -u -r "$TARGET_JAR" '+%Y-%m-%d %H:%M UTC'), sha256 $(sha256sum "$DOUBLE_JAR" | cut -c1-12); repository HEAD then: $(git -C "$ROOT" log -1 --format=%h 2>/dev/null || echo '?')"
    fi
}

# ---------------------------------------------------------------- servers --
server_cmd() { # name port -> CMD array
    local s=$1 port=$2
    case "$s" in
        double) CMD=(java -jar "$DOUBLE_JAR" --host 127.0.0.1 --port "$port") ;;
        limits) CMD=(java -jar "$DOUBLE_JAR" --host 127.0.0.1 --port "$port" --scenario "$BENCH/limits.yaml") ;;
        # No -c (its counter is rewritten to stdout on every event) and no -d/-D
        # (no dump files): smtp-sink only speaks SMTP and throws the mail away.
        sink)
            if [ "$(id -u)" = 0 ]; then CMD=(smtp-sink -u nobody 127.0.0.1:"$port" 256)
            else CMD=(smtp-sink 127.0.0.1:"$port" 256); fi ;;
        greenmail) CMD=(java -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$port"
                        -jar "$GM_JAR") ;;
        bare) CMD=(java -cp "$WORK" BareServer "$port") ;;
    esac
}

start_server() {
    local s=$1 port wrap pid="" i
    SOK[$s]=0
    if { [ "$s" = double ] || [ "$s" = limits ]; } && [ ! -f "$DOUBLE_JAR" ]; then log "smtp-double: no jar"; return 1; fi
    port=$(freeport)
    server_cmd "$s" "$port"
    timeout -k 5 "$SERVER_MAX_S" "${CMD[@]}" > "$LOGS/$s.log" 2>&1 &
    wrap=$!
    SWRAP[$s]=$wrap; SPORT[$s]=$port
    for i in $(seq 200); do
        pid=$(cat "/proc/$wrap/task/$wrap/children" 2>/dev/null || pgrep -P "$wrap" 2>/dev/null)
        pid=${pid%% *}; pid=${pid%%$'\n'*}
        [ -n "$pid" ] && break
        kill -0 "$wrap" 2>/dev/null || break
        sleep 0.02
    done
    SPID[$s]=$pid
    local until=$((SECONDS + 60))
    while [ "$SECONDS" -lt "$until" ]; do   # ready = the port answers with a 220 greeting
        if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then break; fi
        if port_accepts "$port" && port_greets "$port"; then SOK[$s]=1; break; fi
        sleep 0.1
    done
    if [ "${SOK[$s]}" = 1 ]; then
        log "${SNAME[$s]} pid $pid greets on 127.0.0.1:$port"
    else
        log "${SNAME[$s]} did not start (see $LOGS/$s.log); its column will be n/a"
        stop_server "$s"
    fi
}

alive() { [ "${SOK[$1]:-0}" = 1 ] && kill -0 "${SPID[$1]}" 2>/dev/null; }

# --------------------------------------------------------------- workloads --
SRC_COMMON=(-l "$MSG_BYTES" -M bench.local -f sender@bench.local -t rcpt@bench.local)

# run_smtp SERVER WL CONC N ROUND
#   WL=a: one smtp-source run, -s CONC -m N (one message per session)
#   WL=b: N smtp-source runs, each -d -s CONC -m PER_SESSION*CONC (PER_SESSION messages per session)
# Appends a row to raw.tsv (ROUND<0 = warm-up) and sets LAST_RATE (messages/s) or "".
declare -A RATE=()
run_smtp() {
    local s=$1 wl=$2 conc=$3 n=$4 round=$5
    local port=${SPORT[$s]} pid=${SPID[$s]} rc=0 msgs=0 sessions=0 t0 t1 c0 c1 i
    LAST_RATE=""
    alive "$s" || { log "${SNAME[$s]} is not running"; SOK[$s]=0; return; }
    c0=$(cpu_ticks "$pid")
    t0=$(now_us)
    if [ "$wl" = a ]; then
        timeout --foreground "$RUN_TIMEOUT_S" smtp-source -s "$conc" -m "$n" "${SRC_COMMON[@]}" \
            "127.0.0.1:$port" >> "$LOGS/smtp-source.log" 2>&1 || rc=$?
        msgs=$n; sessions=$n
    else
        for ((i = 0; i < n; i++)); do
            timeout --foreground "$RUN_TIMEOUT_S" smtp-source -d -s "$conc" -m $((PER_SESSION * conc)) \
                "${SRC_COMMON[@]}" "127.0.0.1:$port" >> "$LOGS/smtp-source.log" 2>&1 || { rc=$?; break; }
            msgs=$((msgs + PER_SESSION * conc)); sessions=$((sessions + conc))
            (( $(now_us) - t0 > RUN_TIMEOUT_S * 1000000 )) && { rc=124; break; }
        done
    fi
    t1=$(now_us)
    c1=$(cpu_ticks "$pid")
    printf 'smtp\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$s" "$wl" "$conc" "$msgs" "$sessions" \
        $((t1 - t0)) $((c1 - c0)) "$rc" >> "$RAW"
    if [ "$rc" = 0 ] && [ "$c1" -ge 0 ]; then
        LAST_RATE=$(awk -v m="$msgs" -v us=$((t1 - t0)) 'BEGIN { printf "%.1f", m / (us / 1e6) }')
        RATE[$s,$wl,$conc]=$LAST_RATE
    else
        log "${SNAME[$s]} $wl c=$conc: smtp-source failed (rc=$rc, see $LOGS/smtp-source.log)"
        kill -0 "$pid" 2>/dev/null || { log "${SNAME[$s]} died"; SOK[$s]=0; }
    fi
}

# Size of a run lasting about SECONDS at the last seen rate.
size_for() { # server wl conc seconds
    local r=${RATE[$1,$2,$3]:-} conc=$3
    [ -n "$r" ] || r=20
    if [ "$2" = a ]; then
        awk -v r="$r" -v t="$4" -v c="$conc" 'BEGIN { n = int(r * t + 0.5); m = (2 * c > 20 ? 2 * c : 20); if (n < m) n = m; if (n > 500000) n = 500000; print n }'
    else
        awk -v r="$r" -v t="$4" -v c="$conc" -v p="$PER_SESSION" 'BEGIN { n = int(r * t / (p * c) + 0.5); if (n < 1) n = 1; if (n > 300) n = 300; print n }'
    fi
}

rotate() { # round -> server order rotated by round
    local -a a=($SERVERS); local k=$(( $1 % ${#a[@]} )) i out=()
    for ((i = 0; i < ${#a[@]}; i++)); do out+=("${a[(i + k) % ${#a[@]}]}"); done
    echo "${out[@]}"
}

run_jakarta() { # server round
    local s=$1 round=$2 out line msgs secs rc=0
    alive "$s" || return
    out=$(timeout --foreground $((RUN_TIMEOUT_S + 30)) java -cp "$JAK_CP" "$BENCH/JakartaLoop.java" 127.0.0.1 \
        "${SPORT[$s]}" "$JAK_WARM_S" "$JAK_MEASURE_S" 1000000 "$MSG_BYTES" 2>> "$LOGS/jakarta.log") || rc=$?
    line=$(printf '%s\n' "$out" | grep '^RESULT' | tail -1)
    msgs=$(printf '%s' "$line" | sed -n 's/.*messages=\([0-9]*\).*/\1/p')
    secs=$(printf '%s' "$line" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p')
    [ -n "$msgs" ] || { msgs=0; secs=0; [ "$rc" = 0 ] && rc=1; }
    printf 'jakarta\t%s\t%s\tj\t1\t%s\t%s\t%s\t0\t%s\n' "$round" "$s" "$msgs" "$msgs" \
        "$(awk -v s="$secs" 'BEGIN { printf "%d", s * 1e6 }')" "$rc" >> "$RAW"
    [ "$rc" = 0 ] || log "${SNAME[$s]} Jakarta loop failed (rc=$rc, see $LOGS/jakarta.log)"
}

run_startup() { # name index
    # One launch gives both times: until the port accepts, and (SMTP servers)
    # until the 220 greeting is read. The bare JVM greets no one: "-".
    local s=$1 port out acc="" gre="" greet_opt=()
    [ "$s" = bare ] || greet_opt=(--greeting)
    if [ "$s" = double ] && [ ! -f "$DOUBLE_JAR" ]; then out="fail fail"; else
        port=$(freeport)
        server_cmd "$s" "$port"
        out=$(timeout --foreground 120 java -cp "$WORK" BenchTools startup "$port" 60000 "$LOGS/startup-$s.log" \
            "${greet_opt[@]}" -- "${CMD[@]}" 2>>"$LOGS/startup-$s.log" | tail -1)
    fi
    read -r acc gre <<< "$out"
    [ -n "$acc" ] || acc=fail
    [ -n "$gre" ] || gre=fail
    printf 'startup\t%s\t%s\t-\t-\t0\t0\t%s\t0\t%s\n' "$2" "$s" "${acc/fail/0}" "$([ "$acc" = fail ] && echo 1 || echo 0)" >> "$RAW"
    [ "$s" = bare ] && return
    printf 'greeting\t%s\t%s\t-\t-\t0\t0\t%s\t0\t%s\n' "$2" "$s" "${gre/fail/0}" "$([ "$gre" = fail ] && echo 1 || echo 0)" >> "$RAW"
}

# ---------------------------------------------------------------- report --
report() {
    local gmver
    gmver=$(basename "$GM_JAR" .jar | sed 's/greenmail-standalone-//')
    awk -F'\t' -v tck="$CLK_TCK" -v per="$PER_SESSION" -v concs="$CONCS" -f "$BENCH/report.awk" "$RAW" > "$WORK/table.md"

    {
        echo "# SMTP server benchmark ($MODE run, $(date -u '+%Y-%m-%d %H:%M UTC'))"
        echo
        cat "$WORK/table.md"
        echo
        [ -n "$EMBEDDED_INFO" ] && { echo "smtp-double $EMBEDDED_INFO, bench/EmbeddedStartStop.java."; echo; }
        echo "Throughput rows: higher is better, ratio > 1 means smtp-double is faster. CPU and startup rows:"
        echo "lower is better, ratio > 1 means smtp-double costs more. Each cell is the median of $ROUNDS rounds"
        echo "(startup: median of $STARTUP_N); each ratio is the median of the per-round ratios (servers run back to"
        echo "back within a round), so it can differ from the ratio of the two medians. \"(k failed)\" counts"
        echo "rounds whose run failed and were left out. Startup is measured two ways from one launch: until a"
        echo "TCP connect succeeds, and until the first line read on a connection is a 220 greeting (the"
        echo "connection that first succeeds is held open; a server that binds early greets it later). The"
        echo "bare JVM sends no greeting, so its accept time is the baseline for both startup rows."
        echo
        echo "- smtp-double: $DOUBLE_INFO$( [ "${DOUBLE_SEEN:-0}" = 1 ] || echo ' (NOT AVAILABLE in this run: no jar that listens on --port)'); \`java -jar smtp-double.jar --host 127.0.0.1 --port PORT\` (run from a copy in bench/work)"
        echo "- smtp-double+limits: the same jar with \`--scenario bench/limits.yaml\`: four limits (concurrent and per-second connections per client, messages per sender domain and second, recipients per client and recipient domain in fixed minutes) checked and counted on every connection, MAIL, RCPT and message, never reached"
        echo "- smtp-sink / smtp-source: Postfix $(dpkg-query -W -f='${Version}' postfix 2>/dev/null || echo '?'); sink: \`smtp-sink -u nobody 127.0.0.1:PORT 256\`"
        echo "- GreenMail standalone $gmver: \`java -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port=PORT -jar ...\`"
        echo "- load: \`smtp-source -s C -m N ${SRC_COMMON[*]}\` for (a); \`smtp-source -d -s C -m $((PER_SESSION))*C ...\` repeated for (b)"
        echo "- servers started once and kept running for all rounds, warmed up first (not counted); server order rotated each round"
        echo "- Jakarta Mail: bench/JakartaLoop.java, ${JAK_WARM_S}s warm-up then ${JAK_MEASURE_S}s measured, one client JVM per server per round"
        echo "- server resident memory at the end of the run:${RSS_INFO:- n/a}"
        echo "- $(java -version 2>&1 | head -1); $(nproc) cores; load average at start: $LOADAVG; 1-minute load average at the start of each round:$LOADS"
    } > "$WORK/results.md"
    cat "$WORK/results.md"
}

# ------------------------------------------------------------------- main --
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
LOADS=""
log "mode=$MODE rounds=$ROUNDS target=${TARGET_S}s per run, message body ${MSG_BYTES} bytes"
prepare_postfix_tools
prepare_helpers
prepare_greenmail
prepare_jakarta
prepare_double
: > "$RAW"
: > "$LOGS/smtp-source.log"
DOUBLE_SEEN=0

log "startup times (x$STARTUP_N, interleaved)"
for ((i = 1; i <= STARTUP_N; i++)); do
    for s in double bare sink greenmail; do run_startup "$s" "$i"; done
done

for s in $SERVERS; do start_server "$s"; done
[ "${SOK[double]}" = 1 ] && DOUBLE_SEEN=1
[ "$DOUBLE_SEEN" = 1 ] || log "smtp-double is not available: measuring the other two only"

log "warm-up and calibration (not counted)"
for s in $SERVERS; do
    alive "$s" || continue
    for wl in a b; do
        for c in $CONCS; do
            if [ "$wl" = a ]; then n=$(( 2 * c > 20 ? 2 * c : 20 )); else n=1; fi
            run_smtp "$s" "$wl" "$c" "$n" -2
            [ -n "$LAST_RATE" ] && run_smtp "$s" "$wl" "$c" "$(size_for "$s" "$wl" "$c" "$WARM_S")" -1
        done
    done
done

for ((r = 1; r <= ROUNDS; r++)); do
    LOADS="$LOADS $(cut -d' ' -f1 /proc/loadavg)"
    log "round $r/$ROUNDS (load average $(cut -d' ' -f1 /proc/loadavg))"
    order=$(rotate "$r")
    for wl in a b; do
        for c in $CONCS; do
            for s in $order; do
                alive "$s" || continue
                run_smtp "$s" "$wl" "$c" "$(size_for "$s" "$wl" "$c" "$TARGET_S")" "$r"
            done
        done
    done
    if [ -n "$JAK_CP" ]; then
        for s in $order; do run_jakarta "$s" "$r"; done
    fi
done

EMBEDDED_INFO=""
if [ -f "$DOUBLE_JAR" ]; then
    log "embedded start and close in a warm JVM"
    EMBEDDED_INFO=$(timeout --foreground 120 java -cp "$DOUBLE_JAR" "$BENCH/EmbeddedStartStop.java" 30 100 2>>"$LOGS/embedded.log" | tail -1)
fi

RSS_INFO=""
for s in $SERVERS; do
    alive "$s" && RSS_INFO="$RSS_INFO ${SNAME[$s]} $(awk '/^VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/${SPID[$s]}/status");"
    stop_server "$s"
done
report
