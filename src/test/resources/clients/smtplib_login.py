"""Logs in with Python's smtplib and sends one message; prints what smtplib reported, one line.

usage: smtplib_login.py PORT MECHANISM USER PASSWORD [CA_PEM]
MECHANISM: login (smtplib picks, CRAM-MD5 first), PLAIN, LOGIN or CRAM-MD5; none: send without AUTH.
CA_PEM: STARTTLS first, trusting only this CA and checking the name 127.0.0.1.
"""
import smtplib
import ssl
import sys

port, mechanism, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ca = sys.argv[5] if len(sys.argv) > 5 else None
try:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        if ca:
            smtp.starttls(context=ssl.create_default_context(cafile=ca))
        if mechanism == "login":
            smtp.login(user, password)
        elif mechanism != "none":
            smtp.ehlo_or_helo_if_needed()
            smtp.user, smtp.password = user, password
            method = getattr(smtp, "auth_" + mechanism.lower().replace("-", "_"))
            code, text = smtp.auth(mechanism, method)
        smtp.sendmail("sender@example.org", ["rcpt@example.org"], "Subject: from smtplib\r\n\r\nHello.\r\n")
    print("sent")
except smtplib.SMTPResponseException as e:
    print(type(e).__name__, e.smtp_code, e.smtp_error.decode().replace("\n", " | "))
except smtplib.SMTPException as e:
    print(type(e).__name__, str(e).replace("\n", " | "))
