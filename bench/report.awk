# Turns bench/work/raw.tsv into the markdown tables of bench/run.sh.
#
# raw.tsv columns (tab separated):
#   1 kind (smtp | jakarta | startup | greeting)  2 round (< 0: warm-up, not counted)
#   3 server  4 workload (a | b | j | -)  5 concurrency  6 messages  7 sessions
#   8 elapsed (microseconds; for startup and greeting: milliseconds from process
#     start until the port accepts / until the 220 greeting is read)
#   9 server CPU ticks  10 exit code
#
# Variables: tck (clock ticks per second), per (messages per session in b), concs.
#
# Cells are medians over rounds. Ratios are medians of per-round ratios: the
# three servers run back to back within a round, so pairing them by round
# cancels much of the drift in background load on a noisy machine.

function isort(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
}
function median(a, n) {
    if (n == 0) return ""
    isort(a, n)
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function add(key, s, round, v) {
    cnt[key, s]++; val[key, s, cnt[key, s]] = v
    per_round[key, s, round] = v
    if (round > maxround) maxround = round
}
function values(key, s, a,   i, n) {
    n = cnt[key, s] + 0
    for (i = 1; i <= n; i++) a[i] = val[key, s, i]
    return n
}
function med(key, s,   a, n) { n = values(key, s, a); return median(a, n) }
function spread(key, s,   a, n) {
    n = values(key, s, a); if (n == 0) return "n/a"
    isort(a, n)
    return fmt(a[1]) "-" fmt(a[n])
}
function pratio(key, s1, s2,   r, n, a) {
    n = 0
    for (r = 1; r <= maxround; r++)
        if (((key, s1, r) in per_round) && ((key, s2, r) in per_round) && per_round[key, s2, r] > 0)
            a[++n] = per_round[key, s1, r] / per_round[key, s2, r]
    return n ? sprintf("%.2f", median(a, n)) : "n/a"
}
# Like pratio, but the two sides may come from different measurements
# (the greeting time of a server against the accept time of the bare JVM).
function pratio2(k1, s1, k2, s2,   r, n, a) {
    n = 0
    for (r = 1; r <= maxround; r++)
        if (((k1, s1, r) in per_round) && ((k2, s2, r) in per_round) && per_round[k2, s2, r] > 0)
            a[++n] = per_round[k1, s1, r] / per_round[k2, s2, r]
    return n ? sprintf("%.2f", median(a, n)) : "n/a"
}
function fmt(v) {
    if (v == "") return "n/a"
    if (v >= 100) return sprintf("%.0f", v)
    if (v >= 10) return sprintf("%.1f", v)
    return sprintf("%.2f", v)
}
function cell(key, s,   f) { f = fails[key, s] + 0; return fmt(med(key, s)) (f ? " (" f " failed)" : "") }
function row(label, c, key) {
    printf "| %s | %s | %s | %s | %s | %s | %s |\n", label, c, cell(key, "double"), cell(key, "sink"),
        cell(key, "greenmail"), pratio(key, "double", "sink"), pratio(key, "double", "greenmail")
    nrows++; rlabel[nrows] = label; rconc[nrows] = c; rkey[nrows] = key
}

function lrow(label, c, key) {
    printf "| %s | %s | %s | %s | %s | %s |\n", label, c, cell(key, "double"), cell(key, "limits"),
        pratio(key, "limits", "double"), pratio(key, "limits", "sink")
}

$2 < 0 { next }
$1 == "smtp" {
    k = $4 SUBSEP $5
    if ($10 != 0) { fails["rate" SUBSEP k, $3]++; fails["sess" SUBSEP k, $3]++; fails["cpu" SUBSEP k, $3]++; next }
    secs = $8 / 1e6
    add("rate" SUBSEP k, $3, $2, $6 / secs)
    add("sess" SUBSEP k, $3, $2, $7 / secs)
    add("cpu" SUBSEP k, $3, $2, ($9 / tck * 1000) / $6 * 1000)
}
$1 == "jakarta" {
    if ($10 != 0 || $6 == 0) { fails["jak", $3]++; next }
    add("jak", $3, $2, $6 / ($8 / 1e6))
}
$1 == "startup" {
    if ($10 != 0) { fails["start", $3]++; next }
    add("start", $3, $2, $8)
}
$1 == "greeting" {
    if ($10 != 0) { fails["greet", $3]++; next }
    add("greet", $3, $2, $8)
}

END {
    n = split(concs, C, " ")
    print "| workload | concurrency | smtp-double | smtp-sink | GreenMail | ratio double/sink | ratio double/greenmail |"
    print "|---|---|---|---|---|---|---|"
    for (i = 1; i <= n; i++) row("(a) 1 msg/session: sessions/s (= messages/s)", C[i], "rate" SUBSEP "a" SUBSEP C[i])
    for (i = 1; i <= n; i++) row("(b) " per " msgs/session: messages/s", C[i], "rate" SUBSEP "b" SUBSEP C[i])
    for (i = 1; i <= n; i++) row("(b) " per " msgs/session: sessions/s", C[i], "sess" SUBSEP "b" SUBSEP C[i])
    row("Jakarta Mail loop, 1 connection/msg with EHLO: messages/s", 1, "jak")
    for (i = 1; i <= n; i++) row("server CPU ms per 1000 msgs, (a) 1 msg/session", C[i], "cpu" SUBSEP "a" SUBSEP C[i])
    for (i = 1; i <= n; i++) row("server CPU ms per 1000 msgs, (b) " per " msgs/session", C[i], "cpu" SUBSEP "b" SUBSEP C[i])
    row("startup: process start until port accepts, ms", "-", "start")
    row("startup: process start until the 220 greeting is read, ms", "-", "greet")

    print ""
    print "| startup, ms (median) | smtp-double | smtp-sink | GreenMail | bare JVM (ServerSocket only) | ratio double/bare accept | ratio sink/bare accept | ratio greenmail/bare accept | ratio double/sink | ratio greenmail/sink |"
    print "|---|---|---|---|---|---|---|---|---|---|"
    printf "| process start until port accepts | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
        cell("start", "double"), cell("start", "sink"), cell("start", "greenmail"), cell("start", "bare"),
        pratio("start", "double", "bare"), pratio("start", "sink", "bare"), pratio("start", "greenmail", "bare"),
        pratio("start", "double", "sink"), pratio("start", "greenmail", "sink")
    printf "| process start until the 220 greeting is read | %s | %s | %s | - | %s | %s | %s | %s | %s |\n",
        cell("greet", "double"), cell("greet", "sink"), cell("greet", "greenmail"),
        pratio2("greet", "double", "start", "bare"), pratio2("greet", "sink", "start", "bare"),
        pratio2("greet", "greenmail", "start", "bare"),
        pratio("greet", "double", "sink"), pratio("greet", "greenmail", "sink")

    print ""
    print "| the cost of keyed limits (bench/limits.yaml) | concurrency | smtp-double | smtp-double+limits | ratio limits/plain | ratio limits/sink |"
    print "|---|---|---|---|---|---|"
    for (i = 1; i <= n; i++) lrow("(a) 1 msg/session: sessions/s", C[i], "rate" SUBSEP "a" SUBSEP C[i])
    for (i = 1; i <= n; i++) lrow("(b) " per " msgs/session: messages/s", C[i], "rate" SUBSEP "b" SUBSEP C[i])
    for (i = 1; i <= n; i++) lrow("server CPU ms per 1000 msgs, (a)", C[i], "cpu" SUBSEP "a" SUBSEP C[i])
    for (i = 1; i <= n; i++) lrow("server CPU ms per 1000 msgs, (b)", C[i], "cpu" SUBSEP "b" SUBSEP C[i])
    lrow("Jakarta Mail loop: messages/s", 1, "jak")

    print ""
    print "Spread over rounds (min-max), to judge the noise:"
    print ""
    print "| workload | concurrency | smtp-double | smtp-double+limits | smtp-sink | GreenMail |"
    print "|---|---|---|---|---|---|"
    for (i = 1; i <= nrows; i++)
        printf "| %s | %s | %s | %s | %s | %s |\n", rlabel[i], rconc[i], spread(rkey[i], "double"), spread(rkey[i], "limits"),
            spread(rkey[i], "sink"), spread(rkey[i], "greenmail")
    print ""
    printf "Startup of the bare JVM (ServerSocket only), ms: %s\n", spread("start", "bare")
}
