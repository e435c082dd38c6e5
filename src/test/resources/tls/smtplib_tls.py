"""Python's smtplib against smtp-double: STARTTLS on the SMTP port, SMTP_SSL on the implicit-TLS port.

Usage: smtplib_tls.py CA_PEM PORT TLS_PORT. Trusts only the CA file and checks the host name.
Prints one line per step; exits non-zero on any error.
"""
import smtplib
import ssl
import sys

ca, port, tls_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
context = ssl.create_default_context(cafile=ca)

with smtplib.SMTP("localhost", port, local_hostname="py.test", timeout=10) as smtp:
    smtp.ehlo()
    print("starttls offered:", smtp.has_extn("starttls"))
    code, _ = smtp.mail("early@example.org")
    print("mail before tls:", code)
    smtp.rset()
    smtp.starttls(context=context)
    smtp.ehlo()
    print("starttls offered inside tls:", smtp.has_extn("starttls"))
    print("version:", smtp.sock.version())
    smtp.sendmail("a@example.org", ["b@example.org"], "Subject: over starttls\r\n\r\nHello.\r\n")
    print("sent over starttls")

with smtplib.SMTP_SSL("localhost", tls_port, local_hostname="py.test", context=context, timeout=10) as smtp:
    smtp.sendmail("a@example.org", ["b@example.org"], "Subject: over implicit tls\r\n\r\nHello.\r\n")
    print("sent over implicit tls")
