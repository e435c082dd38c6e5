#!/bin/bash
# The image's HEALTHCHECK: healthy while GET /health on the admin port answers 200 (it answers 503
# once the server is shutting down). Talks HTTP through bash's /dev/tcp: the image has no curl.
# Never probes an SMTP port: a probe would be a session in the journal and fire "on: connect" rules.
set -eu
exec 3<>"/dev/tcp/127.0.0.1/${SMTP_DOUBLE_ADMIN_PORT:-8025}"
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 2 protocol status rest <&3
[ "$status" = 200 ]
