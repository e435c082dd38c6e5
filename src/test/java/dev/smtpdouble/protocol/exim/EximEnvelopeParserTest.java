package dev.smtpdouble.protocol.exim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.protocol.ArgumentParse;
import dev.smtpdouble.protocol.EnvelopeArgument;
import dev.smtpdouble.protocol.EnvelopeParser;
import dev.smtpdouble.protocol.EnvelopeReplies;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.SyntaxMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exim profile on its own: a command line in, Exim's reply out. Every expectation is what Exim 4.96 (Debian 12,
 * the configuration of EximDifferentialIT: default settings, DSN advertised, ACLs accepting, host name localhost)
 * answers after EHLO and, for RCPT, after {@code MAIL FROM:<s@example.com>}; EximDifferentialIT sends this table to
 * a running Exim as well.
 */
class EximEnvelopeParserTest {
    static final EximEnvelopeParser EXIM = new EximEnvelopeParser("localhost");

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # what                             | line                                            | reply
            a plain sender                     | MAIL FROM:<a@b.example>                         | 250 OK
            the null sender                    | MAIL FROM:<>                                    | 250 OK
            no angle brackets                  | MAIL FROM:a@b.example                           | 250 OK
            blanks after the colon             | MAIL FROM:   <a@b.example>                      | 250 OK
            a phrase and a comment             | MAIL FROM:"Shop" (noreply) <a@b.example>        | 250 OK
            a source route, dropped            | MAIL FROM:<@r.example,@s.example:a@b.example>   | 250 OK
            a quoted blank is no option end    | MAIL FROM:<"a b"@b.example> SIZE=10             | 250 OK
            two dots in the local part         | MAIL FROM:<a..b@b.example>                      | 250 OK
            blank before the colon             | MAIL FROM :<a@b.example>                        | 500 unrecognized command
            TO given to MAIL                   | MAIL TO:<a@b.example>                           | 500 unrecognized command
            no address                         | MAIL FROM:                                      | 501 MAIL must have an address operand
            two dots in the domain             | MAIL FROM:<a@b..c>                              | 501 <a@b..c>: domain missing or malformed
            no domain                          | MAIL FROM:<a>                                   | 501 <a>: sender address must contain a domain
            unclosed bracket                   | MAIL FROM:<a@b.example                          | 501 <a@b.example: '>' missing at end of address
            an extra bracket                   | MAIL FROM:<a@b.example>>                        | 501 <a@b.example>>: malformed address: > may not follow <a@b.example>
            doubled brackets                   | MAIL FROM:<<a@b.example>>                       | 501 <<a@b.example>>: missing or malformed local part
            an IPv4 literal in brackets        | MAIL FROM:<a@[192.0.2.1]>                       | 501 <a@[192.0.2.1]>: domain literals not allowed
            a literal without angle brackets   | MAIL FROM:a@[192.0.2.1]                         | 250 OK
            an underscore in the domain        | MAIL FROM:<a@b_c.example>                       | 501 <a@b_c.example>: malformed address: _c.example> may not follow <a@b
            a route without a local part       | MAIL FROM:<@r.example>                          | 501 <@r.example>: no local part
            an unknown option                  | MAIL FROM:<a@b.example> FOO=bar                 | '501 <a@b.example> FOO=bar: malformed address: FOO=bar may not follow <a@b.example> '
            an option name that is no word     | MAIL FROM:<a@b.example> X-FOO=bar               | '501 <a@b.example> X-FOO=bar: malformed address: X-FOO=bar may not follow <a@b.example> '
            SIZE unreadable: dropped           | MAIL FROM:<a@b.example> SIZE=abc                | 250 OK
            SIZE empty: dropped                | MAIL FROM:<a@b.example> SIZE=                   | 250 OK
            options end at an unreadable SIZE  | MAIL FROM:<a@b.example> BODY=8BITMIME SIZE=abc  | '501 <a@b.example> BODY=8BITMIME: malformed address: BODY=8BITMIME may not follow <a@b.example> '
            BODY 8BITMIME and 7BIT             | MAIL FROM:<a@b.example> BODY=8bitmime BODY=7BIT | 250 OK
            BODY BINARYMIME                    | MAIL FROM:<a@b.example> BODY=BINARYMIME         | 501 invalid data for BODY
            RET twice                          | MAIL FROM:<a@b.example> RET=FULL RET=HDRS       | 501 RET can be specified once only
            RET of another value               | MAIL FROM:<a@b.example> RET=ALL                 | 501 Value for RET is invalid
            ENVID twice                        | MAIL FROM:<a@b.example> ENVID=x ENVID=y         | 501 ENVID can be specified once only
            ENVID unchecked                    | MAIL FROM:<a@b.example> ENVID=a+zz              | 250 OK
            AUTH of the null sender            | MAIL FROM:<a@b.example> AUTH=<>                 | 250 OK
            AUTH as xtext                      | MAIL FROM:<a@b.example> AUTH=a+2Bb@c.example    | 250 OK
            AUTH with a bad xtext escape       | MAIL FROM:<a@b.example> AUTH=a+zz               | 501 invalid data for AUTH
            AUTH twice                         | MAIL FROM:<a@b.example> AUTH=x AUTH=y           | 250 OK
            PRDR, not offered, ignored         | MAIL FROM:<a@b.example> PRDR                    | 250 OK
            a name with a digit ends options   | MAIL FROM:<a@b.example> SMTPUTF8=yes            | '501 <a@b.example> SMTPUTF8=yes: malformed address: SMTPUTF8=yes may not follow <a@b.example> '
            a U-label without SMTPUTF8         | MAIL FROM:<a@bücher.example>                    | 501 <a@bücher.example>: malformed address: ücher.example> may not follow <a@b
            a U-label with SMTPUTF8            | MAIL FROM:<a@bücher.example> SMTPUTF8           | 250 OK
            UTF-8 in the local part            | MAIL FROM:<jörg@b.example>                      | 250 OK
            a comment after the address        | MAIL FROM:<a@b.example> (comment)               | 250 OK
            an unclosed comment swallows all   | MAIL FROM:<a@b.example> (comment                | 250 OK
            a second address                   | MAIL FROM:<a@b.example> <c@d.example>           | '501 <a@b.example> <c@d.example>: malformed address: <c@d.example> may not follow <a@b.example> '
            a plain recipient                  | RCPT TO:<c@d.example>                           | 250 Accepted
            the null recipient                 | RCPT TO:<>                                      | 501 <>: missing or malformed local part
            postmaster unqualified             | RCPT TO:<Postmaster>                            | 250 Accepted
            a recipient without a domain       | RCPT TO:<c>                                     | 501 <c>: recipient address must contain a domain
            no recipient                       | RCPT TO:                                        | 501 RCPT must have an address operand
            blank before the colon (RCPT)      | RCPT TO :<c@d.example>                          | 500 unrecognized command
            FROM given to RCPT                 | RCPT FROM:<c@d.example>                         | 500 unrecognized command
            NOTIFY list                        | RCPT TO:<c@d.example> NOTIFY=SUCCESS,FAILURE    | 250 Accepted
            NOTIFY NEVER with another          | RCPT TO:<c@d.example> NOTIFY=NEVER,DELAY        | 501 Invalid value for NOTIFY parameter
            NOTIFY with an empty item          | RCPT TO:<c@d.example> NOTIFY=SUCCESS,,DELAY     | 501 Invalid value for NOTIFY parameter
            NOTIFY twice                       | RCPT TO:<c@d.example> NOTIFY=SUCCESS NOTIFY=DELAY | 501 NOTIFY can be specified once only
            NOTIFY empty, then NOTIFY          | RCPT TO:<c@d.example> NOTIFY=DELAY NOTIFY=      | 250 Accepted
            ORCPT unchecked                    | RCPT TO:<c@d.example> ORCPT=rfc822;c@d.example  | 250 Accepted
            ORCPT twice                        | RCPT TO:<c@d.example> ORCPT=x ORCPT=y           | 501 ORCPT can be specified once only
            a MAIL option given to RCPT        | RCPT TO:<c@d.example> SIZE=1                    | '501 <c@d.example> SIZE=1: malformed address: SIZE=1 may not follow <c@d.example> '
            a blank inside: joined with '='    | RCPT TO:<c d@e.example>                         | 250 Accepted
            a blank before the bracket         | RCPT TO:<c@d.example >                          | 501 <c@d.example=>: malformed address: => may not follow <c@d.example
            an unknown word after RCPT         | RCPT TO:<c@d.example> FOO                       | 501 <c@d.example>=FOO: malformed address: =FOO may not follow <c@d.example>
            an IPv6 literal                    | RCPT TO:<c@[IPv6:2001:db8::1]>                  | 501 <c@[IPv6:2001:db8::1]>: domain literals not allowed
            a quoted blank in RCPT             | RCPT TO:<"c d"@e.example>                       | 250 Accepted
            an address that is too long        | RCPT TO:<ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc@dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.example> | 501 <ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc@dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.example>: address is ridiculously long: ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc@...
            # control characters, written as Java escapes: Exim echoes them as they came, smtp-double as '?' (TAB stays)
            a NUL refuses the line             | MAIL FROM:<a\\0b@c.example>                   | 501 NUL characters are not allowed in SMTP commands
            a NUL before the keyword is known  | RCPT TO :\\0                                     | 501 NUL characters are not allowed in SMTP commands
            a TAB and an ESC echoed            | MAIL FROM:<"a\\tb"@c\\033.example>              | 501 <"a\\tb"@c?.example>: malformed address: ?.example> may not follow <"a\\tb"@c
            a CR is a blank to the parser      | MAIL FROM:<a@b\\r.example>\\tx                    | '501 <a@b?.example> x: malformed address: x may not follow <a@b?.example> '
            trailing blanks are cut off        | MAIL FROM:<a@b.example> SIZE=10 \\t\\013\\f\\r    | 250 OK
            """)
    void replies(String what, String line, String reply) {
        assertThat(replyTo(line.translateEscapes())).as(what).isEqualTo(reply.translateEscapes());
    }

    /** Exim's reply to the line, as the session would send it. */
    static String replyTo(String line) {
        EnvelopeReplies words = EXIM.replies();
        boolean mail = line.startsWith("MAIL ");
        ArgumentParse parse = mail ? EXIM.parseMail(line.substring(5)) : EXIM.parseRcpt(line.substring(5), false);
        Reply reply = parse instanceof ArgumentParse.Malformed bad ? words.forMalformed(bad)
                : mail ? words.senderOk() : words.recipientOk();
        return reply.toString();
    }





    @Test
    void theAddressIsReportedAsEximKeepsIt() {
        assertThat(parsed(EXIM.parseMail("FROM:<@r.example:\"a b\"@c.example>"))).isEqualTo(
                new EnvelopeArgument("\"a b\"@c.example", Map.of()));
        assertThat(parsed(EXIM.parseMail("FROM:<>"))).isEqualTo(new EnvelopeArgument("", Map.of()));
        assertThat(parsed(EXIM.parseRcpt("TO:<postmaster>", false)).address()).isEqualTo("postmaster@localhost");
        assertThat(parsed(EXIM.parseRcpt("TO:<c d@e.example>", false)).address()).isEqualTo("c=d@e.example");
        assertThat(parsed(EXIM.parseRcpt("TO:<c@bücher.example>", true)).address()).isEqualTo("c@bücher.example");
    }

    @Test
    void optionsAreKeptInTheOrderGivenWithTheValuesEximActsOn() {
        EnvelopeArgument sender = parsed(EXIM.parseMail("FROM:<a@b.example> SIZE=1 BODY=8BITMIME SIZE=2 SMTPUTF8"));
        assertThat(sender.parameters()).containsExactly(Map.entry("SIZE", "1"), Map.entry("BODY", "8BITMIME"),
                Map.entry("SMTPUTF8", ""));
        assertThat(parsed(EXIM.parseRcpt("TO:<c@d.example> notify=never orcpt=rfc822;c@d.example", false))
                .parameters()).containsExactly(Map.entry("NOTIFY", "never"), Map.entry("ORCPT", "rfc822;c@d.example"));
    }

    @Test
    void sizeIsReadAsStrtoulReadsItAndCappedAtIntMax() {
        assertThat(EnvelopeOptions.size("+100")).isEqualTo("100");
        assertThat(EnvelopeOptions.size("-1")).isEqualTo("2147483647");
        assertThat(EnvelopeOptions.size("99999999999999999999999")).isEqualTo("2147483647");
        assertThat(EnvelopeOptions.size("1e3")).isNull();
        assertThat(parsed(EXIM.parseMail("FROM:<a@b.example> SIZE=-1")).parameters()).containsEntry("SIZE", "2147483647");
    }

    @Test
    void theDialectHasNoEnhancedStatusCodes() {
        EnvelopeReplies words = EXIM.replies();
        assertThat(java.util.List.of(words.senderOk(), words.recipientOk(), words.nestedMail(), words.needMail(),
                words.sizeExceeded(), words.tooManyRecipients())).extracting(Reply::toString).containsExactly(
                "250 OK", "250 Accepted", "503 sender already given", "503 sender not yet given",
                "552 Message size exceeds maximum permitted", "452 too many recipients");
    }

    @Test
    void theLenientParserRefusesTheEximMode() {
        assertThatThrownBy(() -> new EnvelopeParser(SyntaxMode.EXIM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EximEnvelopeParser");
    }

    private static EnvelopeArgument parsed(ArgumentParse parse) {
        assertThat(parse).isInstanceOf(ArgumentParse.Parsed.class);
        return ((ArgumentParse.Parsed) parse).argument();
    }
}
