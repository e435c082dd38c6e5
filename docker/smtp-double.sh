#!/bin/sh
# Starts smtp-double in the container: java becomes PID 1 (exec), so SIGTERM reaches the server.
#
# The heap follows the container's memory limit (SMTP_DOUBLE_HEAP_PERCENT of it, default 50 %). Without
# a limit the JVM would size itself from the host's memory (gigabytes); it then sizes itself as if the
# container had SMTP_DOUBLE_MEMORY (default 160m). JAVA_OPTS is added after these defaults, so any
# option given there wins. The image's defaults for the server (listen on all interfaces, SMTP on
# 2525, admin on SMTP_DOUBLE_ADMIN_PORT) come before SMTP_DOUBLE_OPTS and the arguments, which win too.
set -eu

limit=
if [ -r /sys/fs/cgroup/memory.max ]; then
  limit=$(cat /sys/fs/cgroup/memory.max)                       # cgroup v2: a number or "max"
elif [ -r /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
  limit=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)     # cgroup v1: a huge number for none
fi
memory=
if [ -z "$limit" ] || [ "$limit" = max ] || [ "${#limit}" -ge 16 ]; then
  memory="${SMTP_DOUBLE_MEMORY:-160m}"
fi

cache=                                  # written while the image is built (docker/aot-training.sh)
if [ -f /app/smtp-double.aot ]; then
  cache=-XX:AOTCache=/app/smtp-double.aot
fi

# shellcheck disable=SC2086 # JAVA_OPTS and SMTP_DOUBLE_OPTS are lists of options
exec java ${memory:+-XX:MaxRAM=$memory} -XX:MaxRAMPercentage="${SMTP_DOUBLE_HEAP_PERCENT:-50}" \
  ${SMTP_DOUBLE_JVM_DEFAULTS:-} $cache ${JAVA_OPTS:-} \
  -jar /app/smtp-double.jar --host 0.0.0.0 --port 2525 --admin-host 0.0.0.0 \
  --admin-port "${SMTP_DOUBLE_ADMIN_PORT:-8025}" ${SMTP_DOUBLE_OPTS:-} "$@"
