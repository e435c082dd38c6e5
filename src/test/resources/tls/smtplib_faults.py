"""Python's smtplib, configured as careful production code is (STARTTLS required, the CA trusted,
host names checked), against TLS faults: prints 'SCENARIO: OUTCOME' per line.

Usage: smtplib_faults.py CA_PEM SCENARIO=PORT...
"""
import smtplib
import ssl
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)  # TLS 1.1 is asked for on purpose

ca = sys.argv[1]


def context_for(scenario):
    context = ssl.create_default_context(cafile=ca)
    if scenario in ("tls-old-version-421", "exchange-online"):
        context.minimum_version = ssl.TLSVersion.TLSv1_1
        context.maximum_version = ssl.TLSVersion.TLSv1_1
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
    elif scenario == "tls13-only":
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    return context


def send(scenario, port):
    with smtplib.SMTP("localhost", port, local_hostname="py.test", timeout=3) as smtp:
        smtp.ehlo()
        smtp.starttls(context=context_for(scenario))  # raises when STARTTLS is not offered
        code, text = smtp.ehlo()
        version = smtp.sock.version()
        if code != 250:
            return "EHLO over %s answered %d %s" % (version, code, text.decode())
        smtp.sendmail("a@example.org", ["b@example.org"], "Subject: " + scenario + "\r\n\r\nHello.\r\n")
        return "delivered over " + version


for argument in sys.argv[2:]:
    name, port = argument.split("=")
    try:
        outcome = send(name, int(port))
    except Exception as error:  # the outcome is what is reported
        outcome = type(error).__name__ + ": " + str(error).replace("\n", " ")
    print(name + ": " + outcome, flush=True)
