package dev.smtpdouble.protocol;

import static dev.smtpdouble.protocol.EnvelopeParserTest.assertArgument;
import static dev.smtpdouble.protocol.EnvelopeParserTest.assertPath;
import static dev.smtpdouble.protocol.EnvelopeParserTest.expected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Control characters, 8-bit text and UTF-8 with and without SMTPUTF8 (RFC 6531). */
class EnvelopeParserCharactersTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                // name, path after FROM: / TO:, lenient, strict (RCPT without SMTPUTF8)
                arguments("NUL in local part", "<a\0b@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("NUL in domain", "<a@b\0.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("NUL in quoted string", "<\"a\0b\"@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("NUL after path", "<a@b.example>\0", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("NUL in address literal", "<a@[192.0.2.1\0]>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("NUL unbracketed", "a\0b@c.example", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("CR in local part", "<a\rb@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("CR in domain", "<a@b.exa\rmple>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("CR in quoted string", "<\"a\rb\"@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("bare CR after path", "<a@b.example>\r", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("LF in local part", "<a\nb@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("LF in quoted string", "<\"a\nb\"@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("LF after path", "<a@b.example>\n", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("TAB in local part", "<a\tb@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("TAB in quoted string", "<\"a\tb\"@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("TAB after colon", "\t<a@b.example>", "ok:a@b.example", "SYNTAX"),
                arguments("TAB after path", "<a@b.example>\t", "ok:a@b.example", "SYNTAX"),
                arguments("DEL in local part", "<a\177b@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("DEL in quoted string", "<\"a\177b\"@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("DEL in domain", "<a@b\177.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("ESC in local part", "<a\033b@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("unit separator in domain", "<a@b\037c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("quoted-pair of NUL", "<\"a\\\0\"@b.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("quoted-pair of TAB", "<\"a\\\t\"@b.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("quoted-pair of DEL", "<\"a\\\177\"@b.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("Latin-1 letter in local part", "<j\u00f6rg@b.example>", "ok:j\u00f6rg@b.example",
                        "UTF8_NOT_ENABLED"),
                arguments("U-label domain", "<a@b\u00fccher.example>", "ok:a@b\u00fccher.example", "UTF8_NOT_ENABLED"),
                arguments("CJK mailbox", "<\u7528\u6237@\u4f8b\u5b50.\u5e7f\u544a>",
                        "ok:\u7528\u6237@\u4f8b\u5b50.\u5e7f\u544a", "UTF8_NOT_ENABLED"),
                arguments("emoji (surrogate pair)", "<\ud83d\ude00@b.example>", "ok:\ud83d\ude00@b.example",
                        "UTF8_NOT_ENABLED"),
                arguments("UTF-8 in quoted string", "<\"j\u00f6 rg\"@b.example>", "ok:\"j\u00f6 rg\"@b.example",
                        "UTF8_NOT_ENABLED"),
                arguments("UTF-8 in route", "<@b\u00fccher.example:a@b.example>", "ok:a@b.example", "UTF8_NOT_ENABLED"),
                arguments("lone high surrogate", "<a\ud83db@c.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("lone low surrogate", "<a@b\ude00.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("UTF-8 in general literal", "<a@[tag:\u00fc]>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("Arabic-Indic digit in IPv4", "<a@[1.2.3.\u0664]>", "BAD_ADDRESS", "BAD_ADDRESS"),
                arguments("fullwidth digit in IPv6", "<a@[IPv6:\uff11::]>", "BAD_ADDRESS", "BAD_ADDRESS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void path(String name, String path, String lenient, String strict) {
        assertPath(path, lenient, strict);
    }

    static Stream<Arguments> mailArguments() {
        return Stream.of(
                // name, argument after "MAIL ", lenient, strict, stored parameters
                arguments("UTF-8 with SMTPUTF8", "FROM:<j\u00f6rg@b.example> SMTPUTF8", "ok:j\u00f6rg@b.example",
                        "ok:j\u00f6rg@b.example", "SMTPUTF8="),
                arguments("UTF-8 with smtputf8 lower-case", "FROM:<j\u00f6rg@b.example> smtputf8",
                        "ok:j\u00f6rg@b.example", "ok:j\u00f6rg@b.example", "SMTPUTF8="),
                arguments("UTF-8 with SMTPUTF8 after SIZE", "FROM:<j\u00f6rg@b.example> SIZE=10 SMTPUTF8",
                        "ok:j\u00f6rg@b.example", "ok:j\u00f6rg@b.example", "SIZE=10 SMTPUTF8="),
                arguments("U-label with SMTPUTF8", "FROM:<a@b\u00fccher.example> SMTPUTF8",
                        "ok:a@b\u00fccher.example", "ok:a@b\u00fccher.example", "SMTPUTF8="),
                arguments("UTF-8 quoted with SMTPUTF8", "FROM:<\"j\u00f6 rg\"@b.example> SMTPUTF8",
                        "ok:\"j\u00f6 rg\"@b.example", "ok:\"j\u00f6 rg\"@b.example", "SMTPUTF8="),
                arguments("UTF-8 with other parameters only", "FROM:<j\u00f6rg@b.example> BODY=8BITMIME",
                        "ok:j\u00f6rg@b.example", "UTF8_NOT_ENABLED", "BODY=8BITMIME"),
                arguments("UTF-8 with SMTPUTF8 having a value", "FROM:<j\u00f6rg@b.example> SMTPUTF8=yes",
                        "BAD_PARAMETER:SMTPUTF8", "BAD_PARAMETER:SMTPUTF8", null),
                arguments("UTF-8, a bad parameter comes first", "FROM:<j\u00f6rg@b.example> SIZE=x",
                        "BAD_PARAMETER:SIZE", "BAD_PARAMETER:SIZE", null),
                arguments("ASCII with SMTPUTF8", "FROM:<a@b.example> SMTPUTF8", "ok:a@b.example", "ok:a@b.example",
                        "SMTPUTF8="),
                arguments("bad address with SMTPUTF8", "FROM:<j\u00f6rg@b..example> SMTPUTF8", "BAD_SENDER",
                        "BAD_SENDER", null),
                arguments("UTF-8 in a parameter value", "FROM:<a@b.example> ENVID=j\u00f6rg",
                        "BAD_PARAMETER:ENVID", "BAD_PARAMETER:ENVID", null),
                arguments("control character in a value", "FROM:<a@b.example> SIZE=1\0", "BAD_PARAMETER:SIZE",
                        "BAD_PARAMETER:SIZE", null),
                arguments("TAB between parameters", "FROM:<a@b.example> SIZE=1\tBODY=7BIT", "ok:a@b.example",
                        "MAIL_SYNTAX", "SIZE=1 BODY=7BIT"),
                arguments("TAB before parameters", "FROM:<a@b.example>\tSIZE=1", "ok:a@b.example", "MAIL_SYNTAX",
                        "SIZE=1"),
                arguments("TAB after colon, unbracketed", "FROM:\ta@b.example", "ok:a@b.example", "MAIL_SYNTAX",
                        null),
                arguments("CR at the end of parameters", "FROM:<a@b.example> BODY=7BIT\r", "BAD_PARAMETER:BODY",
                        "BAD_PARAMETER:BODY", null),
                arguments("NUL as a parameter", "FROM:<a@b.example> \0", "UNSUPPORTED_PARAMETER:\0",
                        "UNSUPPORTED_PARAMETER:\0", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mailArguments")
    void mail(String name, String argument, String lenient, String strict, String parameters) {
        assertArgument(true, argument, lenient, strict, parameters);
    }

    static Stream<Arguments> recipients() {
        return Stream.of(
                // name, mode, argument after "RCPT ", whether MAIL had SMTPUTF8, expected, stored parameters
                arguments("strict UTF-8 after SMTPUTF8", SyntaxMode.STRICT, "TO:<j\u00f6rg@d.example>", true,
                        "ok:j\u00f6rg@d.example", null),
                arguments("strict UTF-8 without SMTPUTF8", SyntaxMode.STRICT, "TO:<j\u00f6rg@d.example>", false,
                        "UTF8_NOT_ENABLED", null),
                arguments("strict U-label after SMTPUTF8", SyntaxMode.STRICT, "TO:<c@b\u00fccher.example>", true,
                        "ok:c@b\u00fccher.example", null),
                arguments("strict bad UTF-8 address after SMTPUTF8", SyntaxMode.STRICT, "TO:<j\u00f6rg@>", true,
                        "BAD_RECIPIENT", null),
                arguments("strict ASCII after SMTPUTF8", SyntaxMode.STRICT, "TO:<c@d.example>", true,
                        "ok:c@d.example", null),
                arguments("strict ASCII without SMTPUTF8", SyntaxMode.STRICT, "TO:<c@d.example>", false,
                        "ok:c@d.example", null),
                arguments("lenient UTF-8 without SMTPUTF8", SyntaxMode.LENIENT, "TO:<j\u00f6rg@d.example>", false,
                        "ok:j\u00f6rg@d.example", null),
                arguments("lenient UTF-8 after SMTPUTF8", SyntaxMode.LENIENT, "TO:<j\u00f6rg@d.example>", true,
                        "ok:j\u00f6rg@d.example", null),
                arguments("strict UTF-8 ORCPT after SMTPUTF8", SyntaxMode.STRICT,
                        "TO:<j\u00f6rg@d.example> ORCPT=utf-8;j\u00f6rg@d.example", true, "ok:j\u00f6rg@d.example",
                        "ORCPT=utf-8;j\u00f6rg@d.example"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipients")
    void rcptWithSmtputf8Flag(String name, SyntaxMode mode, String argument, boolean smtputf8, String expected,
            String parameters) {
        EnvelopeParser parser = new EnvelopeParser(mode);
        ArgumentParse result = parser.parseRcpt(argument, smtputf8);
        assertThat(result).isEqualTo(expected(expected, false, parameters));
        if (!smtputf8) {
            assertThat(parser.parseRcpt(argument)).as("parseRcpt(String) means no SMTPUTF8").isEqualTo(result);
        }
    }
}
