package dev.smtpdouble.session;

import java.util.Locale;
import java.util.Set;

/**
 * What the transcript keeps of each line a client sends outside message content: the one place a line is
 * masked before it is recorded, whichever way it comes (a command, a line that is not UTF-8, a SASL response).
 *
 * <p>An AUTH line keeps at most its verb and mechanism. It is recognised more loosely than any parser reads a
 * command, so that a line one MTA would refuse and another take for AUTH is masked as well: white space and
 * control characters of any kind before the verb are skipped, the verb is compared case-insensitively, and
 * {@code AUTH} followed by anything but a letter counts ({@code AUTH=PLAIN}, {@code AUTH PLAIN} with a vertical
 * tab or a no-break space after the mechanism). The mechanism is shown only when it is a registered SASL
 * mechanism's name and ends at white space: a client that leaves the name out sends its credentials in its
 * place, and unpadded base64 has the form of a name.
 *
 * <p>A client that pipelines its SASL responses behind an AUTH the server refuses sends them as commands. So
 * after an AUTH attempt ends, the lines that name no known command are hidden, up to the next known command.
 */
final class SecretMask {

    /** What the transcript shows instead of a credential. */
    static final String HIDDEN = "<hidden>";
    /** The names shown: this server's mechanisms and the other registered ones clients offer (IANA's SASL registry). */
    private static final Set<String> MECHANISMS = Set.of("PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2", "OAUTHBEARER",
            "DIGEST-MD5", "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS", "SCRAM-SHA-512",
            "SCRAM-SHA-512-PLUS", "GSSAPI", "GS2-KRB5", "NTLM", "EXTERNAL", "ANONYMOUS", "OTP", "SECURID", "XOAUTH");

    /** An AUTH attempt ended and no known command has come since. */
    private boolean afterAuth;

    /** An AUTH command was refused, or its exchange ended: the next lines may be SASL responses sent ahead. */
    void authEnded() {
        afterAuth = true;
    }

    /**
     * A command line as the transcript keeps it.
     *
     * @param known whether the line names a command the server knows
     */
    String command(String line, boolean known) {
        if (afterAuth && !known) {
            return response(line);
        }
        afterAuth = false;
        return masked(line);
    }

    /** A command line that is not valid UTF-8, with replacement characters. */
    String undecodable(String lossyLine) {
        return afterAuth ? HIDDEN : masked(lossyLine);
    }

    /** A SASL response: hidden, except for the cancelling {@code *} and an empty line, which hold nothing. */
    static String response(String line) {
        return line.isEmpty() || line.equals("*") ? line : HIDDEN;
    }

    /** The line itself, or for an AUTH line what comes before its secret and {@code <hidden>}. */
    static String masked(String line) {
        int n = line.length();
        int verb = 0;
        while (verb < n && isGap(line.charAt(verb))) {
            verb++;
        }
        int afterVerb = verb + 4;
        if (!line.regionMatches(true, verb, "AUTH", 0, 4) || afterVerb < n && Character.isLetter(line.charAt(afterVerb))) {
            return line;
        }
        int start = afterVerb;
        while (start < n && (isGap(line.charAt(start)) || line.charAt(start) == '=')) {
            start++;
        }
        if (start == n) {
            return line;
        }
        int end = start;
        while (end < n && isNameCharacter(line.charAt(end))) {
            end++;
        }
        boolean named = start > afterVerb && mechanismName(line.substring(start, end)) != null
                && (end == n || isGap(line.charAt(end)));
        if (!named) {
            return line.substring(0, afterVerb) + " " + HIDDEN;
        }
        int rest = end;
        while (rest < n && isGap(line.charAt(rest))) {
            rest++;
        }
        return rest == n ? line : line.substring(0, end) + " " + HIDDEN;
    }

    /** The word if it names a registered mechanism (in any case), else null: anything else may be a credential. */
    static String mechanismName(String word) {
        return MECHANISMS.contains(word.toUpperCase(Locale.ROOT)) ? word : null;
    }

    /** RFC 4422's mechanism characters, in either case since clients write names in lower case too. */
    private static boolean isNameCharacter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static boolean isGap(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
    }
}
