package dev.smtpdouble.protocol;

import static dev.smtpdouble.protocol.EnvelopeParserTest.assertArgument;
import static dev.smtpdouble.protocol.EnvelopeParserTest.assertPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 5321 §4.5.3.1 limits, in octets: local part 64, domain 255, path 256 (with the angle brackets); labels 63
 * (RFC 1035); and the parameter limits SIZE 20 digits, ENVID 100 characters. Lenient mode enforces only the
 * label and domain limits on the path.
 */
class EnvelopeParserLimitsTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                // name, path after FROM: / TO:, lenient, strict
                row("local part 64 octets", "<" + x(64) + "@b.example>", "ok", "ok"),
                row("local part 65 octets", "<" + x(65) + "@b.example>", "ok", "BAD_ADDRESS"),
                row("local part 1000 octets", "<" + x(1000) + "@b.example>", "ok", "BAD_ADDRESS"),
                row("quoted local part 64 octets", "<\"" + x(62) + "\"@b.example>", "ok", "ok"),
                row("quoted local part 65 octets", "<\"" + x(63) + "\"@b.example>", "ok", "BAD_ADDRESS"),
                row("local part 65 octets, no domain", "<" + x(65) + ">", "ok", "BAD_ADDRESS"),
                row("label 63 octets", "<a@" + x(63) + ".example>", "ok", "ok"),
                row("label 64 octets", "<a@" + x(64) + ".example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                row("last label 63 octets", "<a@b." + x(63) + ">", "ok", "ok"),
                row("last label 64 octets", "<a@b." + x(64) + ">", "BAD_ADDRESS", "BAD_ADDRESS"),
                row("route label 64 octets", "<@" + x(64) + ".example:a@b.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                row("domain 252 octets, path 256", "<a@" + domain(252) + ">", "ok", "ok"),
                row("domain 253 octets, path 257", "<a@" + domain(253) + ">", "ok", "BAD_ADDRESS"),
                row("domain 255 octets", "<a@" + domain(255) + ">", "ok", "BAD_ADDRESS"),
                row("domain 256 octets", "<a@" + domain(256) + ">", "BAD_ADDRESS", "BAD_ADDRESS"),
                row("route domain 255 octets", "<@" + domain(255) + ":a@b.example>", "ok", "BAD_ADDRESS"),
                row("route domain 256 octets", "<@" + domain(256) + ":a@b.example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                row("path 256 octets, local part 64", "<" + x(64) + "@" + domain(189) + ">", "ok", "ok"),
                row("path 257 octets, local part 64", "<" + x(64) + "@" + domain(190) + ">", "ok", "BAD_ADDRESS"),
                row("path 256 octets with a route", "<@" + domain(100) + ":" + x(60) + "@" + domain(91) + ">", "ok",
                        "ok"),
                row("path 257 octets with a route", "<@" + domain(100) + ":" + x(60) + "@" + domain(92) + ">", "ok",
                        "BAD_ADDRESS"),
                row("path 256 octets, quoted local part", "<\"" + x(62) + "\"@" + domain(189) + ">", "ok", "ok"),
                row("path 257 octets, quoted local part", "<\"" + x(62) + "\"@" + domain(190) + ">", "ok",
                        "BAD_ADDRESS"),
                row("unbracketed 300 octets", x(64) + "@" + domain(235), "ok", "BAD_ADDRESS"),
                row("U-label 63 octets", "<a@" + "\u00fc".repeat(31) + "x.example>", "ok", "UTF8_NOT_ENABLED"),
                row("U-label 64 octets", "<a@" + "\u00fc".repeat(32) + ".example>", "BAD_ADDRESS", "BAD_ADDRESS"),
                row("U-label 63 octets of 3-octet chars", "<a@" + "\u4f8b".repeat(21) + ".example>", "ok",
                        "UTF8_NOT_ENABLED"),
                row("U-label 66 octets of 3-octet chars", "<a@" + "\u4f8b".repeat(22) + ".example>", "BAD_ADDRESS",
                        "BAD_ADDRESS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void path(String name, String path, String lenient, String strict) {
        assertPath(path, lenient, strict);
    }

    static Stream<Arguments> mailArguments() {
        return Stream.of(
                // name, argument after "MAIL ", lenient, strict, stored parameters
                arguments("UTF-8 local part 64 octets (32 chars)", "FROM:<" + "\u00fc".repeat(32) + "@b.example> SMTPUTF8",
                        "ok:" + "\u00fc".repeat(32) + "@b.example", "ok:" + "\u00fc".repeat(32) + "@b.example",
                        "SMTPUTF8="),
                arguments("UTF-8 local part 66 octets (33 chars)", "FROM:<" + "\u00fc".repeat(33) + "@b.example> SMTPUTF8",
                        "ok:" + "\u00fc".repeat(33) + "@b.example", "BAD_SENDER", "SMTPUTF8="),
                arguments("UTF-8 local part 65 octets (1 emoji and 61 chars)",
                        "FROM:<\ud83d\ude00" + x(61) + "@b.example> SMTPUTF8", "ok:\ud83d\ude00" + x(61) + "@b.example",
                        "BAD_SENDER", "SMTPUTF8="),
                arguments("UTF-8 path 257 octets", "FROM:<\u00fc@" + domain(252) + "> SMTPUTF8",
                        "ok:\u00fc@" + domain(252), "BAD_SENDER", "SMTPUTF8="),
                arguments("SIZE 20 digits", "FROM:<a@b.example> SIZE=" + "9".repeat(20), "ok:a@b.example",
                        "ok:a@b.example", "SIZE=" + "9".repeat(20)),
                arguments("SIZE 21 digits", "FROM:<a@b.example> SIZE=" + "1".repeat(21), "BAD_PARAMETER:SIZE",
                        "BAD_PARAMETER:SIZE", null),
                arguments("ENVID 100 characters", "FROM:<a@b.example> ENVID=" + x(100), "ok:a@b.example",
                        "ok:a@b.example", "ENVID=" + x(100)),
                arguments("ENVID 101 characters", "FROM:<a@b.example> ENVID=" + x(101), "BAD_PARAMETER:ENVID",
                        "BAD_PARAMETER:ENVID", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mailArguments")
    void mail(String name, String argument, String lenient, String strict, String parameters) {
        assertArgument(true, argument, lenient, strict, parameters);
    }

    @Test
    void helpersBuildWhatTheyPromise() {
        for (int octets : new int[] {91, 189, 252, 255, 256}) {
            assertThat(domain(octets).getBytes(StandardCharsets.UTF_8)).hasSize(octets);
        }
        assertThat(("<" + x(64) + "@" + domain(189) + ">").length()).isEqualTo(256);
        assertThat(("<\"" + x(62) + "\"@" + domain(189) + ">").length()).isEqualTo(256);
        assertThat(("<a@" + domain(252) + ">").length()).isEqualTo(256);
        assertThat(("<@" + domain(100) + ":" + x(60) + "@" + domain(91) + ">").length()).isEqualTo(256);
    }

    private static Arguments row(String name, String path, String lenient, String strict) {
        String address = expectedAddress(path);
        return arguments(name, path, lenient.equals("ok") ? "ok:" + address : lenient,
                strict.equals("ok") ? "ok:" + address : strict);
    }

    /** The mailbox of a path: without brackets and source route. */
    private static String expectedAddress(String path) {
        String address = path.startsWith("<") ? path.substring(1, path.length() - 1) : path;
        return address.startsWith("@") ? address.substring(address.indexOf(':') + 1) : address;
    }

    private static String x(int count) {
        return "x".repeat(count);
    }

    /** An ASCII domain of exactly {@code octets} octets, labels of at most 63 octets. */
    static String domain(int octets) {
        StringBuilder domain = new StringBuilder();
        int remaining = octets;
        while (remaining > 0) {
            if (domain.length() > 0) {
                domain.append('.');
                remaining--;
            }
            int label = remaining > 63 ? Math.min(63, remaining - 2) : remaining;
            domain.append(String.valueOf((char) ('a' + domain.length() % 26)).repeat(label));
            remaining -= label;
        }
        return domain.toString();
    }
}
