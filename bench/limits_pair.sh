#!/bin/bash
# The cost of keyed limits, paired: smtp-double without rules and with bench/limits.yaml (limits counted, never
# reached), each serving smtp-source -s 64 -m 20000 in turn, 2 warm-up runs and 4 measured rounds; sessions/s and
# server CPU ticks per run. Needs the jar (mvn -q -DskipTests package) and Postfix's smtp-source.
#   bash bench/limits_pair.sh
J=${SMTP_DOUBLE_JAR:-target/smtp-double.jar}
java -XX:+UseSerialGC -Xmx128m -jar $J --port 26001 > /dev/null 2>&1 & P1=$!
java -XX:+UseSerialGC -Xmx128m -jar $J --port 26002 --scenario "$(dirname "$0")/limits.yaml" > /dev/null 2>&1 & P2=$!
sleep 3
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
for warm in 1 2; do for p in 26001 26002; do smtp-source -s 64 -m 20000 -l 1024 -f s@bench.local -t r@bench.local 127.0.0.1:$p; done; done
for r in 1 2 3 4; do
  for pp in "26001 $P1" "26002 $P2"; do set -- $pp
    c0=$(cpu $2); t0=$(date +%s.%N); smtp-source -s 64 -m 20000 -l 1024 -f s@bench.local -t r@bench.local 127.0.0.1:$1; t1=$(date +%s.%N); c1=$(cpu $2)
    echo "port $1 round $r: $(echo "20000/($t1-$t0)" | bc -l | cut -c1-7) sessions/s, cpu ticks $((c1-c0))"
  done
done
kill $P1 $P2
