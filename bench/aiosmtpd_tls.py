"""aiosmtpd (Debian's python3-aiosmtpd) as a TLS peer for the benchmark: STARTTLS on one port,
implicit TLS on another, messages discarded. Usage: aiosmtpd_tls.py CERT KEY STARTTLS_PORT TLS_PORT"""
import asyncio
import ssl
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"


async def main(cert, key, starttls_port, tls_port):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    loop = asyncio.get_running_loop()
    plain = await loop.create_server(lambda: SMTP(Sink(), tls_context=context, hostname="localhost"),
                                     "127.0.0.1", starttls_port)
    implicit = await loop.create_server(lambda: SMTP(Sink(), hostname="localhost"), "127.0.0.1", tls_port,
                                        ssl=context)
    print("aiosmtpd listening", flush=True)
    async with plain, implicit:
        await asyncio.gather(plain.serve_forever(), implicit.serve_forever())


asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
