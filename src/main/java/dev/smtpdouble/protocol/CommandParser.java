package dev.smtpdouble.protocol;

/**
 * Splits a command line into verb and argument. Pure and stateless: what the argument means is the
 * session's business (MAIL and RCPT arguments go through {@link EnvelopeParser}).
 */
public final class CommandParser {

    private CommandParser() {
    }

    /** @param line a command line without its line ending */
    public static Command parse(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
            end++;
        }
        Verb verb = end == 0 ? Verb.UNKNOWN : Verb.of(line.substring(0, end));
        String argument = end < line.length() ? line.substring(end + 1) : "";
        return new Command(verb, line, argument);
    }

    /** The first word of a command line in upper case, e.g. {@code AUTH} for {@code auth plain}. */
    public static String verbWord(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
            end++;
        }
        return line.substring(0, end).toUpperCase(java.util.Locale.ROOT);
    }
}
