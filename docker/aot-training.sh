#!/bin/bash
# Run once while the image is built: starts the server with the image's own launcher, has one SMTP
# session deliver a message, reads the journal and the scenario through the admin API, and stops the
# server with SIGTERM. The JVM records what this start-up loaded and compiled into
# /app/smtp-double.aot (Java 25's AOT cache, JEP 483/514/515), which every later start maps instead
# of loading, linking and profiling those classes again.
set -euo pipefail

log=/tmp/aot-training.log
SMTP_DOUBLE_ADMIN_PORT=8025 JAVA_OPTS=-XX:AOTCacheOutput=/app/smtp-double.aot /app/smtp-double --port 2525 >"$log" 2>&1 &
pid=$!
for _ in $(seq 600); do grep -q 'admin on' "$log" && break; sleep 0.1; done
grep -q 'admin on' "$log" || { cat "$log"; exit 1; }

exec 3<>/dev/tcp/127.0.0.1/2525
printf 'EHLO aot.test\r\nMAIL FROM:<app@aot.test> SIZE=100\r\nRCPT TO:<user@aot.test>\r\nDATA\r\n' >&3
printf 'Subject: training\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n.\r\nQUIT\r\n' >&3
cat <&3 >/dev/null
exec 3<&-
for path in /health /journal /scenario /messages/0000000001; do
  exec 3<>/dev/tcp/127.0.0.1/8025
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
  cat <&3 >/dev/null
  exec 3<&-
done

kill -TERM "$pid"
wait "$pid" || { cat "$log"; exit 1; }
rm -f "$log"
chmod 644 /app/smtp-double.aot
ls -l /app/smtp-double.aot
