"""TLS load for the benchmark: one process, one asyncio event loop, C sessions at once, each running
whole SMTP sessions back to back for a fixed time: connect, (implicit TLS handshake,) greeting, EHLO,
(STARTTLS, handshake, EHLO,) MAIL, RCPT, DATA with a body of B bytes, QUIT. One message per session,
so sessions/s = messages/s. The same client for every server; TLS is OpenSSL's (through Python's ssl),
so the client's share of the CPU is small and equal for all. Every session is a full handshake: no
session is ever handed back for resumption. Certificates are not checked (the servers' differ), but the
handshake's signature still is.

Usage: tls_load.py HOST PORT starttls|implicit|plain CONCURRENCY SECONDS BODY_BYTES
Prints: sessions=N seconds=S rate=R errors=E cpu=CLIENT_CPU_SECONDS tls=VERSION/CIPHER
"""
import asyncio
import os
import ssl
import sys
import time


def body(size):
    text = "Subject: bench\r\n\r\n"
    while len(text) < size:
        text += "0123456789012345678901234567890123456789012345678901234567890123456789012\r\n"
    return (text + ".\r\n").encode("ascii")


def client_context():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


async def expect(reader, code):
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError(f"closed while waiting for {code}")
        if len(line) < 4 or line[3:4] != b"-":
            break
    if not line.startswith(str(code).encode()):
        raise ConnectionError(f"expected {code}, got {line[:80]!r}")


async def command(reader, writer, line, code):
    writer.write(line)
    await expect(reader, code)


async def session(host, port, mode, context, message, seen):
    implicit = context if mode == "implicit" else None
    reader, writer = await asyncio.open_connection(host, port, ssl=implicit,
                                                   server_hostname=host if implicit else None)
    try:
        await expect(reader, 220)
        await command(reader, writer, b"EHLO bench.test\r\n", 250)
        if mode == "starttls":
            await command(reader, writer, b"STARTTLS\r\n", 220)
            await writer.start_tls(context, server_hostname=host)
            await command(reader, writer, b"EHLO bench.test\r\n", 250)
        if not seen and mode != "plain":
            tls = writer.get_extra_info("ssl_object")
            seen.append(f"{tls.version()}/{tls.cipher()[0]}")
        await command(reader, writer, b"MAIL FROM:<bench@example.org>\r\n", 250)
        await command(reader, writer, b"RCPT TO:<sink@example.org>\r\n", 250)
        await command(reader, writer, b"DATA\r\n", 354)
        await command(reader, writer, message, 250)
        await command(reader, writer, b"QUIT\r\n", 221)
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except (ConnectionError, ssl.SSLError):
            pass


async def main(host, port, mode, concurrency, seconds, size):
    context = client_context()
    message = body(size)
    counts = {"sessions": 0, "errors": 0}
    seen = []
    start = time.monotonic()
    end = start + seconds

    async def worker():
        while time.monotonic() < end:
            try:
                await asyncio.wait_for(session(host, port, mode, context, message, seen), 30)
                counts["sessions"] += 1
            except Exception as e:  # counted and reported once: the run goes on
                counts["errors"] += 1
                if counts["errors"] == 1:
                    print(f"first error: {e!r}", file=sys.stderr)

    cpu = os.times()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    took = time.monotonic() - start
    used = os.times()
    print(f"sessions={counts['sessions']} seconds={took:.3f} rate={counts['sessions'] / took:.1f} "
          f"errors={counts['errors']} cpu={used.user + used.system - cpu.user - cpu.system:.2f} "
          f"tls={seen[0] if seen else '-'}")


if __name__ == "__main__":
    h, p, m, c, s, b = sys.argv[1:7]
    asyncio.run(main(h, int(p), m, int(c), float(s), int(b)))
