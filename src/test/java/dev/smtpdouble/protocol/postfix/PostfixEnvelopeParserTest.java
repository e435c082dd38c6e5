package dev.smtpdouble.protocol.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.smtpdouble.protocol.ArgumentParse;
import dev.smtpdouble.protocol.EnvelopeArgument;
import dev.smtpdouble.protocol.EnvelopeParser;
import dev.smtpdouble.protocol.SyntaxError;
import dev.smtpdouble.protocol.SyntaxMode;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The postfix profile on its own. Every expectation is what Postfix 3.7.11 (Debian 12, default settings, host name
 * localhost) answered to the same line; PostfixDifferentialIT checks many more lines against a running Postfix.
 * Codes: {@code ok:ADDRESS} (the address as reported), {@code BAD} (501 5.1.7 / 5.1.3), {@code SYNTAX}
 * (501 5.5.4 Syntax:), or a {@link SyntaxError} name with {@code :PARAMETER}.
 */
class PostfixEnvelopeParserTest {
    static final PostfixEnvelopeParser POSTFIX = new PostfixEnvelopeParser("localhost");

    @ParameterizedTest(name = "MAIL {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # where lenient mode is stricter than Postfix
            FROM:<a@b@c.example>              | ok:"a@b"@c.example
            FROM:<<a@b.example>>              | ok:a@b.example
            FROM:<@r.example:>                | ok:
            FROM:<a (comment) @ b . example>  | ok:a@b.example
            FROM:<group: a@b.example;>        | ok:a@b.example
            FROM:<a:b:c@d.example>            | ok:"a:b:c"@d.example
            FROM:<""@b.example:25>            | ok:@b.example:25
            FROM:<a@b.example>\\u000b         | ok:a@b.example
            FROM:<a@b.example>\\u000bx        | UNSUPPORTED_PARAMETER:x
            FROM:<a.@b.example.>              | ok:"a."@b.example.
            FROM:<a%b..c@example.com>         | ok:"a%b..c"@example.com
            FROM:<a@b_c.example>              | ok:a@b_c.example
            # where lenient mode is more lenient than Postfix
            FROM:<a@192.0.2.1>                | BAD
            FROM:<-@b.example>                | BAD
            FROM:<-a@b.example>               | BAD
            FROM:<a@b.example>x               | BAD
            FROM:<a@b.example, c@d.example>   | BAD
            # routing in a local domain is followed, and the domain it leads to is checked
            FROM:<"a@b..c"@localhost>         | BAD
            FROM:<a%b..c@localhost>           | BAD
            FROM:<b..c!a@localhost>           | BAD
            FROM:<a%b..c@[127.0.0.1]>         | BAD
            FROM:<a!b@localhost>              | ok:a!b@localhost
            FROM:<"a@b"@localhost>            | ok:"a@b"@localhost
            # literals
            FROM:<a@[1.2.3.999]>              | BAD
            FROM:<a@[0.1.2.3]>                | BAD
            FROM:<a@[0.0.0.0]>                | ok:a@[0.0.0.0]
            FROM:<a@[IPv6:::1]>               | ok:a@[IPv6:::1]
            FROM:<a@[IPv6:1:2:3:4:5:6:7::]>   | BAD
            FROM:<a@[IPv6:1:2:3:4:5:6::]>     | ok:a@[IPv6:1:2:3:4:5:6::]
            FROM:<a@[IPv6:1:2:3:4:5:6:1.2.3.4]> | ok:a@[IPv6:1:2:3:4:5:6:1.2.3.4]
            FROM:<a@[IPv6:1:2:3:4:5:1.2.3.4]> | ok:a@[IPv6:1:2:3:4:5:1.2.3.4]
            FROM:<a@[tag:content]>            | BAD
            # keywords and parameters
            FROM :<a@b.example>               | SYNTAX
            FROM:                             | SYNTAX
            'FROM: <a@b.example>'             | ok:a@b.example
            FROM:<a@b.example> SIZE=abc       | BAD_PARAMETER:SIZE
            FROM:<a@b.example> SIZE=          | BAD_PARAMETER:SIZE
            FROM:<a@b.example> BODY=BINARYMIME | UNSUPPORTED_PARAMETER:BODY=BINARYMIME
            FROM:<a@b.example> BODY           | UNSUPPORTED_PARAMETER:BODY
            FROM:<a@b.example> RET=ALL        | BAD_PARAMETER:RET
            FROM:<a@b.example> ENVID=a+00b    | ok:a@b.example
            FROM:<a@b.example> ENVID=+00      | BAD_PARAMETER:ENVID
            FROM:<a@b.example> ENVID="a b"    | ok:a@b.example
            FROM:<a@b.example> AUTH=x AUTH=y  | MULTIPLE_AUTH:AUTH
            FROM:<a@b.example> AUTH=<> AUTH=x | ok:a@b.example
            FROM:<a@b.example> XVERP          | UNSUPPORTED_PARAMETER:XVERP
            FROM:<a@b.example> smtputf8       | ok:a@b.example
            """)
    void mail(String argument, String expected) {
        assertThat(withoutParameters(POSTFIX.parseMail(unescape(argument)))).isEqualTo(expected(expected, true));
    }

    @ParameterizedTest(name = "RCPT {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            TO:<>                             | BAD
            TO:<"">                           | BAD
            TO:<@localhost>                   | ok:""@localhost
            TO:<postmaster>                   | ok:postmaster
            TO:<->                            | BAD
            TO:<!a>                           | BAD
            TO:<a!>                           | ok:a!
            TO:<a%>                           | BAD
            TO:<a@>                           | BAD
            TO:<.>                            | ok:"."
            TO:<a@b.example..>                | BAD
            TO:<a@[1.2.3.4] >                 | ok:a@[1.2.3.4]
            TO:<c@d.example> NOTIFY=SUCCESS,,DELAY | ok:c@d.example
            TO:<c@d.example> NOTIFY=NEVER,DELAY | BAD_PARAMETER:NOTIFY
            TO:<c@d.example> NOTIFY=          | BAD_PARAMETER:NOTIFY
            TO:<c@d.example> ORCPT=rfc822;    | ok:c@d.example
            TO:<c@d.example> ORCPT=;a         | BAD_PARAMETER:ORCPT
            TO:<c@d.example> ORCPT=utf-8;\\x{110000} | BAD_PARAMETER:ORCPT
            TO:<c@d.example> SIZE=1           | UNSUPPORTED_PARAMETER:SIZE=1
            """)
    void rcpt(String argument, String expected) {
        assertThat(withoutParameters(POSTFIX.parseRcpt(argument, false))).isEqualTo(expected(expected, false));
    }

    static Stream<Arguments> characters() {
        return Stream.of(
                // argument after "MAIL ", SMTPUTF8 for RCPT, expected
                arguments("FROM:<a\0b@c.example>", false, "BAD"),
                arguments("FROM:<a@b.example>\0 garbage", false, "ok:a@b.example"),
                arguments("FROM:<a@b.example>\r", false, "ok:a@b.example"),
                arguments("FROM:<a@b.example>\f SIZE=1", false, "ok:a@b.example"),
                arguments("FROM:<j\u00f6rg@b.example>", false, "ok:j\u00f6rg@b.example"),
                arguments("FROM:<a@b\u00fccher.example>", false, "BAD"),
                arguments("FROM:<a@b\u00fccher.example> SMTPUTF8", false, "ok:a@b\u00fccher.example"),
                arguments("FROM:<a@\ud83d\ude00.example> SMTPUTF8", false, "ok:a@\ud83d\ude00.example"),
                arguments("FROM:<a@\u00fc_x.example> SMTPUTF8", false, "ok:a@\u00fc_x.example"),
                arguments("FROM:<a@\u0301a.example> SMTPUTF8", false, "BAD"),
                arguments("FROM:<a@\u00fcx--y.example> SMTPUTF8", false, "BAD"),
                arguments("FROM:<a@\u00fc\u0378.example> SMTPUTF8", false, "BAD"),
                arguments("FROM:<a@\u00fc\u3000x.example> SMTPUTF8", false, "BAD"),
                arguments("TO:<a@\u00fc.example>", true, "ok:a@\u00fc.example"),
                arguments("TO:<a@\u00fc.example>", false, "BAD"));
    }

    @ParameterizedTest(name = "{0} (SMTPUTF8 {1}) -> {2}")
    @MethodSource("characters")
    void characters(String argument, boolean smtputf8, String expected) {
        boolean mail = argument.startsWith("FROM");
        ArgumentParse actual = mail ? POSTFIX.parseMail(argument) : POSTFIX.parseRcpt(argument, smtputf8);
        assertThat(withoutParameters(actual)).isEqualTo(expected(expected, mail));
    }

    @Test
    void parametersAreStoredUpperCasedAndTheLastRepeatWins() {
        ArgumentParse parse = POSTFIX.parseMail("FROM:<a@b.example> size=1 body=8bitmime SIZE=2 SMTPUTF8 ret=hdrs");
        assertThat(parse).isEqualTo(new ArgumentParse.Parsed(new EnvelopeArgument("a@b.example",
                Map.of("SIZE", "2", "BODY", "8BITMIME", "SMTPUTF8", "", "RET", "HDRS"))));
    }

    /** Random strings of the characters Postfix's parsers treat specially never throw, and always get a verdict. */
    @Test
    void anyInputGetsAVerdict() {
        String alphabet = "<>()[]\"\\@%!:;,.= \t\r\0-_aZ09\u00fc\u0627\ud83d\ude00";
        java.util.Random random = new java.util.Random(20_240_601L);
        for (int run = 0; run < 50_000; run++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "FROM:" : "TO:");
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String argument = text.toString();
            assertThat(POSTFIX.parseMail(argument)).as(argument).isNotNull();
            assertThat(POSTFIX.parseRcpt(argument, random.nextBoolean())).as(argument).isNotNull();
        }
    }

    @Test
    void theLenientParserDoesNotTakeThePostfixMode() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EnvelopeParser(SyntaxMode.POSTFIX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PostfixEnvelopeParser");
    }

    static ArgumentParse expected(String code, boolean mail) {
        if (code.startsWith("ok:")) {
            return new ArgumentParse.Parsed(new EnvelopeArgument(code.substring(3), Map.of()));
        }
        if (code.equals("BAD")) {
            return new ArgumentParse.Malformed(mail ? SyntaxError.BAD_SENDER : SyntaxError.BAD_RECIPIENT, null);
        }
        if (code.equals("SYNTAX")) {
            return new ArgumentParse.Malformed(mail ? SyntaxError.MAIL_SYNTAX : SyntaxError.RCPT_SYNTAX, null);
        }
        int colon = code.indexOf(':');
        return new ArgumentParse.Malformed(SyntaxError.valueOf(code.substring(0, colon)), code.substring(colon + 1));
    }

    /** The verdict and the address; the parameters are checked on their own. */
    private static ArgumentParse withoutParameters(ArgumentParse parse) {
        return parse instanceof ArgumentParse.Parsed parsed
                ? new ArgumentParse.Parsed(new EnvelopeArgument(parsed.argument().address(), Map.of())) : parse;
    }

    /** "\\u000b" in a table cell is a vertical tab. */
    private static String unescape(String text) {
        return text.replace("\\u000b", "\u000b");
    }
}
