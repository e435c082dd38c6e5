package dev.smtpdouble.scenario;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A regular expression of a scenario ({@code argument:}, {@code helo:}), in RE2 syntax. It is matched
 * by RE2/J, which never backtracks: the time is linear in the text, and the program a pattern
 * compiles to is bounded at load, so no pattern can stall the event loop that asks it. What RE2 has
 * no linear-time answer for — backreferences ({@code \1}), lookahead and lookbehind, possessive
 * quantifiers — is refused when the scenario loads.
 */
public final class TextPattern {

    /** The most instructions a pattern may compile to; each repetition of {@code x{1,100}} counts. */
    public static final int MAX_PROGRAM = 1000;

    private final Pattern pattern;

    private TextPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * @throws IllegalArgumentException when the text is not an RE2 pattern or too large a one; the
     *                                  message says why, worded to follow the key's name ("'argument' is ...")
     */
    public static TextPattern compile(String regex) {
        // Counted repetitions multiply: measured before compiling, so ((a{1000}){1000}){1000} never expands.
        long estimate = PatternSize.estimate(regex);
        if (estimate > 100L * MAX_PROGRAM) {
            throw tooLarge(regex, "about " + estimate);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("is not a valid regular expression: " + e.getDescription() + ": `"
                    + e.getPattern() + "` in '" + regex + "'" + hint(e.getDescription()), e);
        }
        if (pattern.programSize() > MAX_PROGRAM) {
            throw tooLarge(regex, String.valueOf(pattern.programSize()));
        }
        return new TextPattern(pattern);
    }

    private static IllegalArgumentException tooLarge(String regex, String size) {
        return new IllegalArgumentException("is too large a regular expression: '" + regex + "' compiles to " + size
                + " instructions, at most " + MAX_PROGRAM + " are allowed (a counted repetition such as x{10}"
                + " compiles x ten times)");
    }

    private static String hint(String description) {
        return description.contains("escape") || description.contains("named capture") || description.contains("Perl")
                || description.contains("nested repetition")
                ? " (RE2 syntax: no backreferences, lookaround or possessive quantifiers)" : "";
    }

    /** Whether the pattern occurs somewhere in {@code text}. */
    public boolean find(CharSequence text) {
        return pattern.matcher(text).find();
    }

    /** Whether the pattern matches the whole of {@code text}. */
    public boolean matches(CharSequence text) {
        return pattern.matcher(text).matches();
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern.pattern();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TextPattern that && pattern().equals(that.pattern());
    }

    @Override
    public int hashCode() {
        return pattern().hashCode();
    }

    @Override
    public String toString() {
        return pattern();
    }
}
