package dev.smtpdouble.scenario;

/**
 * An upper bound of the size of the program a regular expression compiles to, from its text alone:
 * a sequence adds, an alternative adds, a counted repetition {@code {n,m}} multiplies by about {@code m+1}.
 * Enough to refuse a pattern whose repetitions nest into millions of instructions before compiling
 * it; RE2/J itself would try to build them all.
 */
final class PatternSize {

    private static final long CAP = Long.MAX_VALUE / 4;

    private final String text;
    private int at;

    private PatternSize(String text) {
        this.text = text;
    }

    static long estimate(String regex) {
        PatternSize size = new PatternSize(regex);
        long total = size.alternatives();
        while (size.at < regex.length()) { // an unbalanced ')': the compiler will say so
            size.at++;
            total = add(total, size.alternatives());
        }
        return total;
    }

    private long alternatives() {
        long total = sequence();
        while (at < text.length() && text.charAt(at) == '|') {
            at++;
            total = add(total, add(sequence(), 1));
        }
        return total;
    }

    private long sequence() {
        long total = 0;
        while (at < text.length() && text.charAt(at) != '|' && text.charAt(at) != ')') {
            total = add(total, repeated(atom()));
        }
        return total;
    }

    private long atom() {
        char c = text.charAt(at++);
        switch (c) {
            case '(' -> {
                if (at < text.length() && text.charAt(at) == '?') {
                    while (at < text.length() && ":)>".indexOf(text.charAt(at)) < 0) {
                        at++;
                    }
                    if (at < text.length() && text.charAt(at++) == ')') {
                        return 1; // flags only: (?i)
                    }
                }
                long inner = alternatives();
                at++; // the ')'
                return add(inner, 2);
            }
            case '[' -> {
                skipClass();
                return 1;
            }
            case '\\' -> {
                return escape();
            }
            default -> {
                return 1;
            }
        }
    }

    private void skipClass() {
        if (at < text.length() && text.charAt(at) == '^') {
            at++;
        }
        if (at < text.length() && text.charAt(at) == ']') {
            at++;
        }
        while (at < text.length() && text.charAt(at) != ']') {
            if (text.charAt(at) == '\\') {
                at++;
            } else if (text.startsWith("[:", at)) {
                int end = text.indexOf(":]", at + 2);
                at = end < 0 ? at : end + 1;
            }
            at++;
        }
        at++;
    }

    private long escape() {
        if (at >= text.length()) {
            return 1;
        }
        char c = text.charAt(at++);
        if (c == 'Q') {
            int end = text.indexOf("\\E", at);
            int stop = end < 0 ? text.length() : end;
            long quoted = Math.max(1, stop - at);
            at = end < 0 ? stop : end + 2;
            return quoted;
        }
        if ((c == 'p' || c == 'P' || c == 'x') && at < text.length() && text.charAt(at) == '{') {
            int end = text.indexOf('}', at);
            at = end < 0 ? text.length() : end + 1;
        }
        return 1;
    }

    /** Applies the quantifiers after an atom. */
    private long repeated(long atom) {
        long size = atom;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '*' || c == '+' || c == '?') {
                at++;
                size = add(size, 2);
            } else if (c == '{' && counted()) {
                size = multiply(add(size, 1), repeatCount() + 1); // each copy, and the choice to stop
            } else {
                break;
            }
        }
        return size;
    }

    /** Whether a counted repetition {n}, {n,} or {n,m} starts here (otherwise '{' is a literal). */
    private boolean counted() {
        int end = text.indexOf('}', at);
        return end > at + 1 && text.substring(at + 1, end).matches("\\d{1,9}(,\\d{0,9})?");
    }

    private long repeatCount() {
        int end = text.indexOf('}', at);
        String[] bounds = text.substring(at + 1, end).split(",", -1);
        at = end + 1;
        long min = Long.parseLong(bounds[0]);
        return bounds.length == 2 && !bounds[1].isEmpty() ? Math.max(min, Long.parseLong(bounds[1])) : min;
    }

    private static long add(long a, long b) {
        return Math.min(CAP, a + b);
    }

    private static long multiply(long a, long b) {
        return a == 0 || b <= CAP / a ? a * b : CAP;
    }
}
