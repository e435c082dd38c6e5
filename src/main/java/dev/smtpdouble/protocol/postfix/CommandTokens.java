package dev.smtpdouble.protocol.postfix;

import java.util.ArrayList;
import java.util.List;

/**
 * Postfix smtpd's command tokenizer (smtpd_token.c in Postfix 3.7): words separated by white space, where
 * {@code <...>} and {@code "..."} may hold white space and nest, a backslash escapes the next character, and a
 * word ends right after "FROM:" or "TO:". A bracket or quote left open marks its word as an error.
 *
 * @param words   the words, with brackets, quotes and backslashes kept
 * @param unended for each word, whether a bracket or quote in it was left open
 */
record CommandTokens(List<String> words, List<Boolean> unended) {

    static CommandTokens of(String text) {
        Scanner scanner = new Scanner(text);
        List<String> words = new ArrayList<>();
        List<Boolean> unended = new ArrayList<>();
        while (scanner.nextWord()) {
            words.add(scanner.word.toString());
            unended.add(scanner.unended);
        }
        return new CommandTokens(List.copyOf(words), List.copyOf(unended));
    }

    /** One pass over the text; {@link #nextWord()} leaves the word and its error flag in the fields. */
    private static final class Scanner {
        private final String text;
        private final StringBuilder word = new StringBuilder();
        private int i;
        private boolean unended;

        Scanner(String text) {
            this.text = text;
        }

        boolean nextWord() {
            word.setLength(0);
            unended = false;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i++);
                if (isSpace(c)) {
                    while (i < n && isSpace(text.charAt(i))) {
                        i++;
                    }
                    if (word.length() > 0) {
                        break;
                    }
                } else if (c == '<') {
                    quoted(c, '>');
                } else if (c == '"') {
                    quoted(c, c);
                } else if (c == ':') {
                    word.append(c);
                    if (word.toString().equalsIgnoreCase("to:") || word.toString().equalsIgnoreCase("from:")) {
                        break;
                    }
                } else {
                    if (c == '\\') {
                        word.append(c);
                        if (i == n) {
                            break;
                        }
                        c = text.charAt(i++);
                    }
                    word.append(c);
                }
            }
            return word.length() > 0;
        }

        /** Reads up to the matching {@code last}; '"' nests inside anything, '<' inside '<'. */
        private void quoted(char start, char last) {
            StringBuilder wanted = new StringBuilder().append(last);
            word.append(start);
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i++);
                word.append(c);
                char expected = wanted.charAt(wanted.length() - 1);
                if (c == '\\') {
                    if (i == n) {
                        break;
                    }
                    word.append(text.charAt(i++));
                } else if (c == expected) {
                    if (wanted.length() == 1) {
                        return;
                    }
                    wanted.setLength(wanted.length() - 1);
                } else if (c == '"') {
                    wanted.append('"');
                } else if (c == '<' && expected == '>') {
                    wanted.append('>');
                }
            }
            unended = true;
        }

        /** C isspace() in the "C" locale. */
        private static boolean isSpace(char c) {
            return c == ' ' || c >= '\t' && c <= '\r';
        }
    }
}
