package dev.smtpdouble.protocol;

import static dev.smtpdouble.protocol.EnvelopeParserTest.assertArgument;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ESMTP parameters of MAIL FROM (RFC 1870, 6152, 6531, 3461, 4954) and RCPT TO (RFC 3461). Each row gives the
 * parameters after a fixed path; {@code ok} means the path parsed, and the last column lists the parameters
 * stored, in order.
 */
class EnvelopeParserParameterTest {

    @ParameterizedTest(name = "{0}: MAIL FROM:<a@b.example> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # name                          | parameters                        | lenient              | strict               | stored
            # SIZE (RFC 1870)
            SIZE                            | SIZE=100                          | ok                   | ok                   | SIZE=100
            SIZE zero                       | SIZE=0                            | ok                   | ok                   | SIZE=0
            SIZE lower-case name            | size=100                          | ok                   | ok                   | SIZE=100
            SIZE mixed-case name            | SiZe=100                          | ok                   | ok                   | SIZE=100
            SIZE leading zeros              | SIZE=007                          | ok                   | ok                   | SIZE=007
            SIZE 20 digits                  | SIZE=99999999999999999999         | ok                   | ok                   | SIZE=99999999999999999999
            SIZE 21 digits                  | SIZE=100000000000000000000        | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            SIZE letters                    | SIZE=abc                          | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            SIZE negative                   | SIZE=-1                           | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            SIZE with plus sign             | SIZE=+1                           | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            SIZE decimal                    | SIZE=1.5                          | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            SIZE hex                        | SIZE=0x10                         | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            SIZE empty value                | SIZE=                             | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            SIZE without value              | SIZE                              | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            SIZE double equals              | SIZE==1                           | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            SIZE with unit                  | SIZE=10MB                         | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            # BODY (RFC 6152)
            BODY 7BIT                       | BODY=7BIT                         | ok                   | ok                   | BODY=7BIT
            BODY 8BITMIME                   | BODY=8BITMIME                     | ok                   | ok                   | BODY=8BITMIME
            BODY lower-case                 | body=8bitmime                     | ok                   | ok                   | BODY=8BITMIME
            BODY mixed-case value           | BODY=7bit                         | ok                   | ok                   | BODY=7BIT
            BODY BINARYMIME unsupported     | BODY=BINARYMIME                   | BAD_PARAMETER:BODY   | BAD_PARAMETER:BODY   |
            BODY unknown value              | BODY=8BIT                         | BAD_PARAMETER:BODY   | BAD_PARAMETER:BODY   |
            BODY empty value                | BODY=                             | BAD_PARAMETER:BODY   | BAD_PARAMETER:BODY   |
            BODY without value              | BODY                              | BAD_PARAMETER:BODY   | BAD_PARAMETER:BODY   |
            # SMTPUTF8 (RFC 6531)
            SMTPUTF8                        | SMTPUTF8                          | ok                   | ok                   | SMTPUTF8=
            SMTPUTF8 lower-case             | smtputf8                          | ok                   | ok                   | SMTPUTF8=
            SMTPUTF8 with a value           | SMTPUTF8=yes                      | BAD_PARAMETER:SMTPUTF8 | BAD_PARAMETER:SMTPUTF8 |
            SMTPUTF8 with empty value       | SMTPUTF8=                         | BAD_PARAMETER:SMTPUTF8 | BAD_PARAMETER:SMTPUTF8 |
            # RET (RFC 3461)
            RET FULL                        | RET=FULL                          | ok                   | ok                   | RET=FULL
            RET HDRS                        | RET=HDRS                          | ok                   | ok                   | RET=HDRS
            RET lower-case                  | ret=hdrs                          | ok                   | ok                   | RET=HDRS
            RET unknown value               | RET=ALL                           | BAD_PARAMETER:RET    | BAD_PARAMETER:RET    |
            RET without value               | RET                               | BAD_PARAMETER:RET    | BAD_PARAMETER:RET    |
            # ENVID (RFC 3461)
            ENVID                           | ENVID=QQ314159                    | ok                   | ok                   | ENVID=QQ314159
            ENVID with hexchar              | ENVID=a+2Bb                       | ok                   | ok                   | ENVID=a+2Bb
            ENVID with punctuation          | ENVID=<id.1@b.example>            | ok                   | ok                   | ENVID=<id.1@b.example>
            ENVID lower-case hexchar        | ENVID=a+2bb                       | ok                   | BAD_PARAMETER:ENVID  | ENVID=a+2bb
            ENVID incomplete hexchar        | ENVID=a+2                         | BAD_PARAMETER:ENVID  | BAD_PARAMETER:ENVID  |
            ENVID bad hexchar               | ENVID=a+ZZ                        | BAD_PARAMETER:ENVID  | BAD_PARAMETER:ENVID  |
            ENVID plus at end               | ENVID=abc+                        | BAD_PARAMETER:ENVID  | BAD_PARAMETER:ENVID  |
            ENVID equals sign               | ENVID=a=b                         | BAD_PARAMETER:ENVID  | BAD_PARAMETER:ENVID  |
            ENVID non-ASCII                 | ENVID=café                        | BAD_PARAMETER:ENVID  | BAD_PARAMETER:ENVID  |
            ENVID empty value               | ENVID=                            | BAD_PARAMETER:ENVID  | BAD_PARAMETER:ENVID  |
            # AUTH (RFC 4954): Postfix accepts any value (SMTP-FACTS), the strict mode the RFC grammar
            AUTH in angle brackets          | AUTH=<a@b.example>                | ok                   | BAD_PARAMETER:AUTH   | AUTH=<a@b.example>
            AUTH null                       | AUTH=<>                           | ok                   | ok                   | AUTH=<>
            AUTH mailbox                    | AUTH=e@b.example                  | ok                   | ok                   | AUTH=e@b.example
            AUTH encoded equals sign        | AUTH=e+3Dmc2@b.example            | ok                   | ok                   | AUTH=e+3Dmc2@b.example
            AUTH encoded null               | AUTH=+3C+3E                       | ok                   | ok                   | AUTH=+3C+3E
            AUTH encoded space              | AUTH=a+20b@b.example              | ok                   | BAD_PARAMETER:AUTH   | AUTH=a+20b@b.example
            AUTH without domain             | AUTH=someone                      | ok                   | BAD_PARAMETER:AUTH   | AUTH=someone
            AUTH empty domain               | AUTH=a@                           | ok                   | BAD_PARAMETER:AUTH   | AUTH=a@
            AUTH double dot in local part   | AUTH=a..b@b.example               | ok                   | BAD_PARAMETER:AUTH   | AUTH=a..b@b.example
            AUTH empty value                | AUTH=                             | BAD_PARAMETER:AUTH   | BAD_PARAMETER:AUTH   |
            AUTH bad hexchar                | AUTH=a+G0@b.example               | ok                   | BAD_PARAMETER:AUTH   | AUTH=a+G0@b.example
            # combinations and order
            all six                         | SIZE=1 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=x AUTH=<> | ok | ok         | SIZE=1 BODY=8BITMIME SMTPUTF8= RET=HDRS ENVID=x AUTH=<>
            order kept                      | RET=FULL BODY=7BIT SIZE=5         | ok                   | ok                   | RET=FULL BODY=7BIT SIZE=5
            first error wins                | SIZE=x FOO=1                      | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            unknown after a good one        | SIZE=1 FOO=1                      | UNSUPPORTED_PARAMETER:FOO | UNSUPPORTED_PARAMETER:FOO |
            # repeated parameters: lenient lets SIZE, BODY, SMTPUTF8 repeat, the last one winning
            SIZE twice                      | SIZE=1 SIZE=2                     | ok                   | BAD_PARAMETER:SIZE   | SIZE=2
            SIZE twice, other case          | SIZE=1 size=2                     | ok                   | BAD_PARAMETER:SIZE   | SIZE=2
            SIZE twice around BODY          | SIZE=1 BODY=7BIT SIZE=2           | ok                   | BAD_PARAMETER:SIZE   | SIZE=2 BODY=7BIT
            BODY twice                      | BODY=7BIT BODY=8BITMIME           | ok                   | BAD_PARAMETER:BODY   | BODY=8BITMIME
            SMTPUTF8 twice                  | SMTPUTF8 SMTPUTF8                 | ok                   | BAD_PARAMETER:SMTPUTF8 | SMTPUTF8=
            repeated SIZE second bad        | SIZE=1 SIZE=x                     | BAD_PARAMETER:SIZE   | BAD_PARAMETER:SIZE   |
            RET twice                       | RET=FULL RET=HDRS                 | BAD_PARAMETER:RET    | BAD_PARAMETER:RET    |
            ENVID twice                     | ENVID=a ENVID=b                   | BAD_PARAMETER:ENVID  | BAD_PARAMETER:ENVID  |
            AUTH twice                      | AUTH=<> AUTH=<>                   | BAD_PARAMETER:AUTH   | BAD_PARAMETER:AUTH   |
            # unknown parameters, and RCPT parameters on MAIL
            unknown                         | FOO=bar                           | UNSUPPORTED_PARAMETER:FOO | UNSUPPORTED_PARAMETER:FOO |
            unknown without value           | FOO                               | UNSUPPORTED_PARAMETER:FOO | UNSUPPORTED_PARAMETER:FOO |
            unknown lower-case              | x-custom=1                        | UNSUPPORTED_PARAMETER:X-CUSTOM | UNSUPPORTED_PARAMETER:X-CUSTOM |
            unknown BINARYMIME keyword      | BINARYMIME                        | UNSUPPORTED_PARAMETER:BINARYMIME | UNSUPPORTED_PARAMETER:BINARYMIME |
            keyword with underscore         | SI_ZE=1                           | UNSUPPORTED_PARAMETER:SI_ZE | UNSUPPORTED_PARAMETER:SI_ZE |
            keyword with leading hyphen     | -SIZE=1                           | UNSUPPORTED_PARAMETER:-SIZE | UNSUPPORTED_PARAMETER:-SIZE |
            keyword not ASCII               | GRÖSSE=1                          | UNSUPPORTED_PARAMETER:GRÖSSE | UNSUPPORTED_PARAMETER:GRÖSSE |
            NOTIFY on MAIL                  | NOTIFY=SUCCESS                    | UNSUPPORTED_PARAMETER:NOTIFY | UNSUPPORTED_PARAMETER:NOTIFY |
            NOTIFY with bad value on MAIL   | NOTIFY=BOGUS                      | UNSUPPORTED_PARAMETER:NOTIFY | UNSUPPORTED_PARAMETER:NOTIFY |
            ORCPT on MAIL                   | ORCPT=rfc822;a@b.example          | UNSUPPORTED_PARAMETER:ORCPT | UNSUPPORTED_PARAMETER:ORCPT |
            """)
    void mail(String name, String parameters, String lenient, String strict, String stored) {
        assertArgument(true, "FROM:<a@b.example> " + parameters, address(lenient, "a@b.example"),
                address(strict, "a@b.example"), stored);
    }

    @ParameterizedTest(name = "{0}: RCPT TO:<c@d.example> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # name                          | parameters                        | lenient              | strict               | stored
            # NOTIFY (RFC 3461)
            NOTIFY NEVER                    | NOTIFY=NEVER                      | ok                   | ok                   | NOTIFY=NEVER
            NOTIFY SUCCESS                  | NOTIFY=SUCCESS                    | ok                   | ok                   | NOTIFY=SUCCESS
            NOTIFY FAILURE                  | NOTIFY=FAILURE                    | ok                   | ok                   | NOTIFY=FAILURE
            NOTIFY DELAY                    | NOTIFY=DELAY                      | ok                   | ok                   | NOTIFY=DELAY
            NOTIFY two                      | NOTIFY=SUCCESS,FAILURE            | ok                   | ok                   | NOTIFY=SUCCESS,FAILURE
            NOTIFY three                    | NOTIFY=SUCCESS,FAILURE,DELAY      | ok                   | ok                   | NOTIFY=SUCCESS,FAILURE,DELAY
            NOTIFY lower-case               | notify=delay,success              | ok                   | ok                   | NOTIFY=DELAY,SUCCESS
            NOTIFY never lower-case         | NOTIFY=never                      | ok                   | ok                   | NOTIFY=NEVER
            NOTIFY same one twice           | NOTIFY=SUCCESS,SUCCESS            | ok                   | ok                   | NOTIFY=SUCCESS,SUCCESS
            NOTIFY NEVER with another       | NOTIFY=NEVER,SUCCESS              | BAD_PARAMETER:NOTIFY | BAD_PARAMETER:NOTIFY |
            NOTIFY another with NEVER       | NOTIFY=SUCCESS,NEVER              | BAD_PARAMETER:NOTIFY | BAD_PARAMETER:NOTIFY |
            NOTIFY unknown                  | NOTIFY=BOGUS                      | BAD_PARAMETER:NOTIFY | BAD_PARAMETER:NOTIFY |
            NOTIFY empty value              | NOTIFY=                           | BAD_PARAMETER:NOTIFY | BAD_PARAMETER:NOTIFY |
            NOTIFY without value            | NOTIFY                            | BAD_PARAMETER:NOTIFY | BAD_PARAMETER:NOTIFY |
            NOTIFY trailing comma           | NOTIFY=SUCCESS,                   | BAD_PARAMETER:NOTIFY | BAD_PARAMETER:NOTIFY |
            NOTIFY leading comma            | NOTIFY=,SUCCESS                   | BAD_PARAMETER:NOTIFY | BAD_PARAMETER:NOTIFY |
            NOTIFY empty element            | NOTIFY=SUCCESS,,FAILURE           | BAD_PARAMETER:NOTIFY | BAD_PARAMETER:NOTIFY |
            NOTIFY semicolon separator      | NOTIFY=SUCCESS;FAILURE            | BAD_PARAMETER:NOTIFY | BAD_PARAMETER:NOTIFY |
            NOTIFY prefix of a keyword      | NOTIFY=SUCC                       | BAD_PARAMETER:NOTIFY | BAD_PARAMETER:NOTIFY |
            # ORCPT (RFC 3461, RFC 6533)
            ORCPT rfc822                    | ORCPT=rfc822;c@d.example          | ok                   | ok                   | ORCPT=rfc822;c@d.example
            ORCPT upper-case type           | ORCPT=RFC822;c@d.example          | ok                   | ok                   | ORCPT=RFC822;c@d.example
            ORCPT with hexchar              | ORCPT=rfc822;c+2Bx@d.example      | ok                   | ok                   | ORCPT=rfc822;c+2Bx@d.example
            ORCPT lower-case hexchar        | ORCPT=rfc822;c+2bx@d.example      | ok                   | BAD_PARAMETER:ORCPT  | ORCPT=rfc822;c+2bx@d.example
            ORCPT other address type        | ORCPT=x-local;12345               | ok                   | ok                   | ORCPT=x-local;12345
            ORCPT utf-8 unitext             | ORCPT=utf-8;jörg@d.example        | ok                   | ok                   | ORCPT=utf-8;jörg@d.example
            ORCPT utf-8 embedded code point | ORCPT=utf-8;j\\x{F6}rg@d.example  | ok                   | ok                   | ORCPT=utf-8;j\\x{F6}rg@d.example
            ORCPT utf-8 bad code point      | ORCPT=utf-8;j\\x{Z}rg@d.example   | BAD_PARAMETER:ORCPT  | BAD_PARAMETER:ORCPT  |
            ORCPT utf-8 with plus           | ORCPT=utf-8;a+b@d.example         | BAD_PARAMETER:ORCPT  | BAD_PARAMETER:ORCPT  |
            ORCPT rfc822 not ASCII          | ORCPT=rfc822;jörg@d.example       | BAD_PARAMETER:ORCPT  | BAD_PARAMETER:ORCPT  |
            ORCPT no semicolon              | ORCPT=rfc822                      | BAD_PARAMETER:ORCPT  | BAD_PARAMETER:ORCPT  |
            ORCPT no address type           | ORCPT=;c@d.example                | BAD_PARAMETER:ORCPT  | BAD_PARAMETER:ORCPT  |
            ORCPT no address                | ORCPT=rfc822;                     | BAD_PARAMETER:ORCPT  | BAD_PARAMETER:ORCPT  |
            ORCPT incomplete hexchar        | ORCPT=rfc822;c@d.example+         | BAD_PARAMETER:ORCPT  | BAD_PARAMETER:ORCPT  |
            ORCPT bad address type          | ORCPT=rfc(822);c@d.example        | BAD_PARAMETER:ORCPT  | BAD_PARAMETER:ORCPT  |
            ORCPT without value             | ORCPT                             | BAD_PARAMETER:ORCPT  | BAD_PARAMETER:ORCPT  |
            # combinations and repetitions
            NOTIFY and ORCPT                | NOTIFY=SUCCESS ORCPT=rfc822;c@d.example | ok             | ok                   | NOTIFY=SUCCESS ORCPT=rfc822;c@d.example
            ORCPT and NOTIFY                | ORCPT=rfc822;c@d.example NOTIFY=NEVER | ok               | ok                   | ORCPT=rfc822;c@d.example NOTIFY=NEVER
            NOTIFY twice                    | NOTIFY=SUCCESS NOTIFY=FAILURE     | BAD_PARAMETER:NOTIFY | BAD_PARAMETER:NOTIFY |
            ORCPT twice                     | ORCPT=rfc822;a@b ORCPT=rfc822;c@d | BAD_PARAMETER:ORCPT  | BAD_PARAMETER:ORCPT  |
            # unknown parameters, and MAIL parameters on RCPT
            unknown                         | FOO=bar                           | UNSUPPORTED_PARAMETER:FOO | UNSUPPORTED_PARAMETER:FOO |
            SIZE on RCPT                    | SIZE=100                          | UNSUPPORTED_PARAMETER:SIZE | UNSUPPORTED_PARAMETER:SIZE |
            BODY on RCPT                    | BODY=8BITMIME                     | UNSUPPORTED_PARAMETER:BODY | UNSUPPORTED_PARAMETER:BODY |
            SMTPUTF8 on RCPT                | SMTPUTF8                          | UNSUPPORTED_PARAMETER:SMTPUTF8 | UNSUPPORTED_PARAMETER:SMTPUTF8 |
            RET on RCPT                     | RET=FULL                          | UNSUPPORTED_PARAMETER:RET | UNSUPPORTED_PARAMETER:RET |
            ENVID on RCPT                   | ENVID=x                           | UNSUPPORTED_PARAMETER:ENVID | UNSUPPORTED_PARAMETER:ENVID |
            AUTH on RCPT                    | AUTH=<>                           | UNSUPPORTED_PARAMETER:AUTH | UNSUPPORTED_PARAMETER:AUTH |
            """)
    void rcpt(String name, String parameters, String lenient, String strict, String stored) {
        assertArgument(false, "TO:<c@d.example> " + parameters, address(lenient, "c@d.example"),
                address(strict, "c@d.example"), stored);
    }

    private static String address(String code, String address) {
        return code.equals("ok") ? "ok:" + address : code;
    }
}
