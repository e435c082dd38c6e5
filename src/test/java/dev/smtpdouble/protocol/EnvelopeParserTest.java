package dev.smtpdouble.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The path grammar, checked with MAIL FROM and RCPT TO in both modes.
 *
 * <p>Expected results, here and in the other EnvelopeParser*Test classes: {@code ok:ADDRESS} for a parsed
 * argument with that address ({@code ok:} for the null path), otherwise a {@link SyntaxError} name, followed by
 * {@code :PARAMETER} for parameter errors. {@code BAD_ADDRESS} stands for BAD_SENDER on MAIL and BAD_RECIPIENT on
 * RCPT, {@code SYNTAX} for MAIL_SYNTAX / RCPT_SYNTAX.
 */
class EnvelopeParserTest {
    static final EnvelopeParser LENIENT = new EnvelopeParser(SyntaxMode.LENIENT);
    static final EnvelopeParser STRICT = new EnvelopeParser(SyntaxMode.STRICT);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # name                         | path (after FROM: / TO:)                  | lenient            | strict
            # plain mailboxes
            simple                         | <a@b.example>                             | ok:a@b.example     | ok:a@b.example
            single-label domain            | <a@localhost>                             | ok:a@localhost     | ok:a@localhost
            case kept                      | <John.Doe@Example.COM>                    | ok:John.Doe@Example.COM | ok:John.Doe@Example.COM
            hyphens digits plus            | <user-1.x+tag@sub-1.b-2.example>          | ok:user-1.x+tag@sub-1.b-2.example | ok:user-1.x+tag@sub-1.b-2.example
            atext specials                 | <!#$%&*+-/=?^_`{}~@b.example>             | ok:!#$%&*+-/=?^_`{}~@b.example | ok:!#$%&*+-/=?^_`{}~@b.example
            atext pipe                     | '<a|b@b.example>'                         | 'ok:a|b@b.example' | 'ok:a|b@b.example'
            atext apostrophe               | '<o''brien@b.example>'                    | 'ok:o''brien@b.example' | 'ok:o''brien@b.example'
            numeric labels                 | <a@123.45.example>                        | ok:a@123.45.example | ok:a@123.45.example
            dotted quad as domain name     | <a@192.0.2.1>                             | ok:a@192.0.2.1     | ok:a@192.0.2.1
            double hyphen inside label     | <a@xn--bcher-kva.example>                 | ok:a@xn--bcher-kva.example | ok:a@xn--bcher-kva.example
            # brackets
            no brackets                    | a@b.example                               | ok:a@b.example     | BAD_ADDRESS
            no brackets quoted local       | "a b"@b.example                           | ok:"a b"@b.example | BAD_ADDRESS
            missing close                  | <a@b.example                              | BAD_ADDRESS        | BAD_ADDRESS
            missing open                   | a@b.example>                              | BAD_ADDRESS        | BAD_ADDRESS
            doubled brackets               | <<a@b.example>>                           | BAD_ADDRESS        | BAD_ADDRESS
            extra close                    | <a@b.example>>                            | BAD_ADDRESS        | BAD_ADDRESS
            open only                      | <                                         | BAD_ADDRESS        | BAD_ADDRESS
            close only                     | >                                         | BAD_ADDRESS        | BAD_ADDRESS
            bracket inside                 | <a<b@c.example>                           | BAD_ADDRESS        | BAD_ADDRESS
            text after path                | <a@b.example>x                            | BAD_ADDRESS        | BAD_ADDRESS
            second path                    | <a@b.example><c@d.example>                | BAD_ADDRESS        | BAD_ADDRESS
            # whitespace
            empty                          | ''                                        | SYNTAX             | SYNTAX
            only a space                   | ' '                                       | SYNTAX             | SYNTAX
            space after colon              | ' <a@b.example>'                          | ok:a@b.example     | SYNTAX
            spaces after colon             | '   <a@b.example>'                        | ok:a@b.example     | SYNTAX
            trailing space                 | '<a@b.example> '                          | ok:a@b.example     | SYNTAX
            trailing spaces                | '<a@b.example>   '                        | ok:a@b.example     | SYNTAX
            space after open bracket       | '< a@b.example>'                          | BAD_ADDRESS        | BAD_ADDRESS
            space before close bracket     | '<a@b.example >'                          | BAD_ADDRESS        | BAD_ADDRESS
            space in local part            | '<a b@b.example>'                         | BAD_ADDRESS        | BAD_ADDRESS
            space before at                | '<a @b.example>'                          | BAD_ADDRESS        | BAD_ADDRESS
            space after at                 | '<a@ b.example>'                          | BAD_ADDRESS        | BAD_ADDRESS
            space in domain                | '<a@b .example>'                          | BAD_ADDRESS        | BAD_ADDRESS
            unbracketed then a word        | 'a b@c.example'                           | UNSUPPORTED_PARAMETER:B@C.EXAMPLE | BAD_ADDRESS
            # dots in the local part
            dot inside                     | <a.b.c@b.example>                         | ok:a.b.c@b.example | ok:a.b.c@b.example
            leading dot                    | <.a@b.example>                            | ok:.a@b.example    | BAD_ADDRESS
            trailing dot                   | <a.@b.example>                            | ok:a.@b.example    | BAD_ADDRESS
            doubled dot                    | <a..b@b.example>                          | ok:a..b@b.example  | BAD_ADDRESS
            dots only                      | <...@b.example>                           | ok:...@b.example   | BAD_ADDRESS
            # domains
            double dot in domain           | <a@b..example>                            | BAD_ADDRESS        | BAD_ADDRESS
            domain starts with dot         | <a@.b.example>                            | BAD_ADDRESS        | BAD_ADDRESS
            domain ends with dot           | <a@b.example.>                            | BAD_ADDRESS        | BAD_ADDRESS
            label starts with hyphen       | <a@-b.example>                            | BAD_ADDRESS        | BAD_ADDRESS
            label ends with hyphen         | <a@b-.example>                            | BAD_ADDRESS        | BAD_ADDRESS
            last label ends with hyphen    | <a@b.example->                            | BAD_ADDRESS        | BAD_ADDRESS
            underscore in domain           | <a@b_c.example>                           | BAD_ADDRESS        | BAD_ADDRESS
            empty domain                   | <a@>                                      | BAD_ADDRESS        | BAD_ADDRESS
            empty local part               | <@b.example>                              | BAD_ADDRESS        | BAD_ADDRESS
            at sign only                   | <@>                                       | BAD_ADDRESS        | BAD_ADDRESS
            two at signs                   | <a@b@c.example>                           | BAD_ADDRESS        | BAD_ADDRESS
            no domain                      | <user>                                    | ok:user            | BAD_ADDRESS
            no domain quoted               | <"a b">                                   | ok:"a b"           | BAD_ADDRESS
            no domain unbracketed          | user                                      | ok:user            | BAD_ADDRESS
            colon in domain                | <a@b:c>                                   | BAD_ADDRESS        | BAD_ADDRESS
            slash in domain                | <a@b/c.example>                           | BAD_ADDRESS        | BAD_ADDRESS
            # specials in an unquoted local part
            comma                          | <a,b@c.example>                           | BAD_ADDRESS        | BAD_ADDRESS
            semicolon                      | <a;b@c.example>                           | BAD_ADDRESS        | BAD_ADDRESS
            parentheses comment            | <a(comment)@b.example>                    | BAD_ADDRESS        | BAD_ADDRESS
            backslash                      | <a\\b@c.example>                          | BAD_ADDRESS        | BAD_ADDRESS
            square bracket                 | <a[b@c.example>                           | BAD_ADDRESS        | BAD_ADDRESS
            colon                          | <a:b@c.example>                           | BAD_ADDRESS        | BAD_ADDRESS
            # quoted local parts
            quoted                         | <"a"@b.example>                           | ok:"a"@b.example   | ok:"a"@b.example
            quoted with space              | <"a b"@b.example>                         | ok:"a b"@b.example | ok:"a b"@b.example
            quoted with at                 | <"a@b"@c.example>                         | ok:"a@b"@c.example | ok:"a@b"@c.example
            quoted with specials           | <"<a>,[b];(c):d"@e.example>               | ok:"<a>,[b];(c):d"@e.example | ok:"<a>,[b];(c):d"@e.example
            quoted with dots anywhere      | <".a..b."@c.example>                      | ok:".a..b."@c.example | ok:".a..b."@c.example
            escaped quote                  | <"a\\"b"@c.example>                       | ok:"a\\"b"@c.example | ok:"a\\"b"@c.example
            quoted-pair of a letter        | <"a\\b"@c.example>                        | ok:"a\\b"@c.example | ok:"a\\b"@c.example
            escaped backslash              | <"a\\\\b"@c.example>                      | ok:"a\\\\b"@c.example | ok:"a\\\\b"@c.example
            quoted-pair of a space         | <"a\\ b"@c.example>                       | ok:"a\\ b"@c.example | ok:"a\\ b"@c.example
            empty quoted string            | <""@b.example>                            | ok:""@b.example    | ok:""@b.example
            unterminated quote             | <"a@b.example>                            | BAD_ADDRESS        | BAD_ADDRESS
            closing quote escaped          | <"a\\"@b.example>                         | BAD_ADDRESS        | BAD_ADDRESS
            quote inside atom              | <a"b"@c.example>                          | BAD_ADDRESS        | BAD_ADDRESS
            quoted then atom               | <"a".b@c.example>                         | BAD_ADDRESS        | BAD_ADDRESS
            atom then quoted               | <a."b"@c.example>                         | BAD_ADDRESS        | BAD_ADDRESS
            lone quote                     | <">                                       | BAD_ADDRESS        | BAD_ADDRESS
            # IPv4 address literals
            ipv4                           | <a@[192.0.2.1]>                           | ok:a@[192.0.2.1]   | ok:a@[192.0.2.1]
            ipv4 zeros                     | <a@[0.0.0.0]>                             | ok:a@[0.0.0.0]     | ok:a@[0.0.0.0]
            ipv4 maximum                   | <a@[255.255.255.255]>                     | ok:a@[255.255.255.255] | ok:a@[255.255.255.255]
            ipv4 three-digit leading zeros | <a@[001.002.003.004]>                     | ok:a@[001.002.003.004] | ok:a@[001.002.003.004]
            ipv4 octet 256                 | <a@[1.2.3.256]>                           | BAD_ADDRESS        | BAD_ADDRESS
            ipv4 octet 999                 | <a@[1.2.3.999]>                           | BAD_ADDRESS        | BAD_ADDRESS
            ipv4 three octets              | <a@[1.2.3]>                               | BAD_ADDRESS        | BAD_ADDRESS
            ipv4 five octets               | <a@[1.2.3.4.5]>                           | BAD_ADDRESS        | BAD_ADDRESS
            ipv4 four-digit octet          | <a@[1.2.3.0004]>                          | BAD_ADDRESS        | BAD_ADDRESS
            ipv4 empty octet               | <a@[1..3.4]>                              | BAD_ADDRESS        | BAD_ADDRESS
            ipv4 trailing dot              | <a@[1.2.3.4.]>                            | BAD_ADDRESS        | BAD_ADDRESS
            ipv4 letter                    | <a@[1.2.3.a]>                             | BAD_ADDRESS        | BAD_ADDRESS
            ipv4 negative                  | <a@[-1.2.3.4]>                            | BAD_ADDRESS        | BAD_ADDRESS
            ipv4 with space                | '<a@[1.2.3. 4]>'                          | BAD_ADDRESS        | BAD_ADDRESS
            empty literal                  | <a@[]>                                    | BAD_ADDRESS        | BAD_ADDRESS
            unclosed literal               | <a@[1.2.3.4>                              | BAD_ADDRESS        | BAD_ADDRESS
            literal then text              | <a@[1.2.3.4]x>                            | BAD_ADDRESS        | BAD_ADDRESS
            literal then domain            | <a@[1.2.3.4].example>                     | BAD_ADDRESS        | BAD_ADDRESS
            nested literal                 | <a@[[1.2.3.4]]>                           | BAD_ADDRESS        | BAD_ADDRESS
            # IPv6 address literals
            ipv6 full                      | <a@[IPv6:2001:db8:0:0:0:0:0:1]>           | ok:a@[IPv6:2001:db8:0:0:0:0:0:1] | ok:a@[IPv6:2001:db8:0:0:0:0:0:1]
            ipv6 full four-digit groups    | <a@[IPv6:2001:0db8:85a3:0000:0000:8a2e:0370:7334]> | ok:a@[IPv6:2001:0db8:85a3:0000:0000:8a2e:0370:7334] | ok:a@[IPv6:2001:0db8:85a3:0000:0000:8a2e:0370:7334]
            ipv6 compressed                | <a@[IPv6:2001:db8::1]>                    | ok:a@[IPv6:2001:db8::1] | ok:a@[IPv6:2001:db8::1]
            ipv6 loopback                  | <a@[IPv6:::1]>                            | ok:a@[IPv6:::1]    | ok:a@[IPv6:::1]
            ipv6 unspecified               | <a@[IPv6:::]>                             | ok:a@[IPv6:::]     | ok:a@[IPv6:::]
            ipv6 trailing compression      | <a@[IPv6:fe80::]>                         | ok:a@[IPv6:fe80::] | ok:a@[IPv6:fe80::]
            ipv6 lower-case tag            | <a@[ipv6:2001:db8::1]>                    | ok:a@[ipv6:2001:db8::1] | ok:a@[ipv6:2001:db8::1]
            ipv6 upper-case hex            | <a@[IPv6:2001:DB8::ABCD]>                 | ok:a@[IPv6:2001:DB8::ABCD] | ok:a@[IPv6:2001:DB8::ABCD]
            ipv6 six groups and ::         | <a@[IPv6:1:2:3::4:5:6]>                   | ok:a@[IPv6:1:2:3::4:5:6] | ok:a@[IPv6:1:2:3::4:5:6]
            ipv6 seven groups and ::       | <a@[IPv6:1:2:3:4:5:6:7::]>                | ok:a@[IPv6:1:2:3:4:5:6:7::] | BAD_ADDRESS
            ipv6 eight groups and ::       | <a@[IPv6:1:2:3:4::5:6:7:8]>               | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 ipv4-mapped               | <a@[IPv6:::ffff:1.2.3.4]>                 | ok:a@[IPv6:::ffff:1.2.3.4] | ok:a@[IPv6:::ffff:1.2.3.4]
            ipv6v4 full                    | <a@[IPv6:0:0:0:0:0:ffff:1.2.3.4]>         | ok:a@[IPv6:0:0:0:0:0:ffff:1.2.3.4] | ok:a@[IPv6:0:0:0:0:0:ffff:1.2.3.4]
            ipv6v4 four groups and ::      | <a@[IPv6:1:2:3:4::1.2.3.4]>               | ok:a@[IPv6:1:2:3:4::1.2.3.4] | ok:a@[IPv6:1:2:3:4::1.2.3.4]
            ipv6v4 five groups and ::      | <a@[IPv6:1:2:3:4:5::1.2.3.4]>             | ok:a@[IPv6:1:2:3:4:5::1.2.3.4] | BAD_ADDRESS
            ipv6v4 too few groups          | <a@[IPv6:1:2:3:4:5:1.2.3.4]>              | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 too many groups           | <a@[IPv6:1:2:3:4:5:6:7:8:9]>              | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 too few groups            | <a@[IPv6:1:2:3:4:5:6:7]>                  | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 double compression        | <a@[IPv6:1::2::3]>                        | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 triple colon              | <a@[IPv6:1:::2]>                          | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 five hex digits           | <a@[IPv6:12345::]>                        | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 bad hex                   | <a@[IPv6:2001:db8::g]>                    | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 leading single colon      | <a@[IPv6::1:2:3:4:5:6:7]>                 | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 trailing single colon     | <a@[IPv6:1:2:3:4:5:6:7:]>                 | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 ipv4 not last             | <a@[IPv6:::1.2.3.4:1]>                    | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 embedded octet 999        | <a@[IPv6:::ffff:1.2.3.999]>               | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 empty                     | <a@[IPv6:]>                               | BAD_ADDRESS        | BAD_ADDRESS
            ipv6 no tag is general literal | <a@[2001:db8::1]>                         | ok:a@[2001:db8::1] | ok:a@[2001:db8::1]
            # general address literals
            general                        | <a@[x-tag:some-content]>                  | ok:a@[x-tag:some-content] | ok:a@[x-tag:some-content]
            general with colons            | <a@[tag:a:b:c]>                           | ok:a@[tag:a:b:c]   | ok:a@[tag:a:b:c]
            general empty content          | <a@[tag:]>                                | BAD_ADDRESS        | BAD_ADDRESS
            general empty tag              | <a@[:content]>                            | BAD_ADDRESS        | BAD_ADDRESS
            general tag ends with hyphen   | <a@[tag-:x]>                              | BAD_ADDRESS        | BAD_ADDRESS
            general tag with underscore    | <a@[t_g:x]>                               | BAD_ADDRESS        | BAD_ADDRESS
            general backslash              | <a@[tag:a\\b]>                            | BAD_ADDRESS        | BAD_ADDRESS
            general open bracket           | <a@[tag:a[b]>                             | BAD_ADDRESS        | BAD_ADDRESS
            general space                  | '<a@[tag:a b]>'                           | BAD_ADDRESS        | BAD_ADDRESS
            # source routes
            route                          | <@r1.example:a@b.example>                 | ok:a@b.example     | ok:a@b.example
            route of two                   | <@r1.example,@r2.example:a@b.example>     | ok:a@b.example     | ok:a@b.example
            route to quoted local part     | <@r.example:"a b"@c.example>              | ok:"a b"@c.example | ok:"a b"@c.example
            route to literal               | <@r.example:a@[192.0.2.1]>                | ok:a@[192.0.2.1]   | ok:a@[192.0.2.1]
            route without mailbox          | <@r1.example:>                            | BAD_ADDRESS        | BAD_ADDRESS
            route without colon            | <@r1.example,a@b.example>                 | BAD_ADDRESS        | BAD_ADDRESS
            route second without at        | <@r1.example,r2.example:a@b.example>      | BAD_ADDRESS        | BAD_ADDRESS
            route trailing comma           | <@r1.example,:a@b.example>                | BAD_ADDRESS        | BAD_ADDRESS
            route bad domain               | <@r1..example:a@b.example>                | BAD_ADDRESS        | BAD_ADDRESS
            route empty domain             | <@:a@b.example>                           | BAD_ADDRESS        | BAD_ADDRESS
            route through literal          | <@[192.0.2.1]:a@b.example>                | BAD_ADDRESS        | BAD_ADDRESS
            route without brackets         | @r1.example:a@b.example                   | BAD_ADDRESS        | BAD_ADDRESS
            """)
    void paths(String name, String path, String lenient, String strict) {
        assertPath(path == null ? "" : path, lenient, strict);
    }

    /** Checks {@code FROM:path} and {@code TO:path} in both modes; RCPT is parsed without SMTPUTF8. */
    static void assertPath(String path, String lenient, String strict) {
        SoftAssertions softly = new SoftAssertions();
        for (EnvelopeParser parser : new EnvelopeParser[] {LENIENT, STRICT}) {
            String expected = parser == LENIENT ? lenient : strict;
            String mode = parser == LENIENT ? "lenient" : "strict";
            softly.assertThat(parser.parseMail("FROM:" + path)).as("%s MAIL FROM:%s", mode, path)
                    .isEqualTo(expected(expected, true, null));
            softly.assertThat(parser.parseRcpt("TO:" + path)).as("%s RCPT TO:%s", mode, path)
                    .isEqualTo(expected(expected, false, null));
        }
        softly.assertAll();
    }

    /** Checks a whole MAIL argument (mail = true) or RCPT argument in both modes, and the parameters' order. */
    static void assertArgument(boolean mail, String argument, String lenient, String strict, String parameters) {
        SoftAssertions softly = new SoftAssertions();
        for (EnvelopeParser parser : new EnvelopeParser[] {LENIENT, STRICT}) {
            String expected = parser == LENIENT ? lenient : strict;
            ArgumentParse actual = mail ? parser.parseMail(argument) : parser.parseRcpt(argument);
            ArgumentParse wanted = expected(expected, mail, parameters);
            softly.assertThat(actual).as("%s %s %s", parser == LENIENT ? "lenient" : "strict",
                    mail ? "MAIL" : "RCPT", argument).isEqualTo(wanted);
            if (actual instanceof ArgumentParse.Parsed parsed && wanted instanceof ArgumentParse.Parsed want) {
                softly.assertThat(parsed.argument().parameters()).as("parameter order")
                        .containsExactlyEntriesOf(want.argument().parameters());
            }
        }
        softly.assertAll();
    }

    /**
     * The expected result for a code of the tables (see the class comment).
     *
     * @param parameters the expected parameters of a parsed argument, "NAME=VALUE" separated by spaces, or null
     */
    static ArgumentParse expected(String code, boolean mail, String parameters) {
        if (code.startsWith("ok:")) {
            return new ArgumentParse.Parsed(new EnvelopeArgument(code.substring(3), parameters(parameters)));
        }
        int colon = code.indexOf(':');
        String name = colon < 0 ? code : code.substring(0, colon);
        SyntaxError error = switch (name) {
            case "BAD_ADDRESS" -> mail ? SyntaxError.BAD_SENDER : SyntaxError.BAD_RECIPIENT;
            case "SYNTAX" -> mail ? SyntaxError.MAIL_SYNTAX : SyntaxError.RCPT_SYNTAX;
            default -> SyntaxError.valueOf(name);
        };
        return new ArgumentParse.Malformed(error, colon < 0 ? null : code.substring(colon + 1));
    }

    static Map<String, String> parameters(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String entry : text.trim().split(" +")) {
                int equals = entry.indexOf('=');
                map.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return map;
    }

    @Test
    void oneParserServesManyThreads() throws Exception {
        String[] arguments = {"FROM:<a@b.example> SIZE=100", "FROM:<.a@b.example>", "FROM:<a@[IPv6:1::2::3]>",
                "FROM:<\"a b\"@c.example> BODY=8BITMIME", "FROM: <>", "FROM:<j\u00f6rg@b.example>"};
        for (EnvelopeParser parser : new EnvelopeParser[] {LENIENT, STRICT}) {
            ArgumentParse[] sequential = new ArgumentParse[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                sequential[i] = parser.parseMail(arguments[i]);
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        for (int round = 0; round < 5_000; round++) {
                            int i = round % arguments.length;
                            if (!parser.parseMail(arguments[i]).equals(sequential[i])) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> result : results) {
                    assertThat(result.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
