package dev.smtpdouble.protocol.postfix;

/**
 * Postfix's permissive RFC 822 address tokenizer and parser (tok822_scan, tok822_parse, tok822_internalize in
 * Postfix 3.7): it never rejects anything, it groups tokens into address nodes from right to left, and it adds
 * the commas it thinks are missing. Postfix's smtpd counts those address nodes to decide whether an envelope
 * path holds exactly one address, so the grouping rules are reproduced as they are.
 */
final class Rfc822Tokens {
    /** The operators: "|%!" and the RFC 822 specials. */
    private static final String OPERATORS = "|%!()<>@,;:\\\".[]";
    private static final int DO_WORD = 1;
    private static final int DO_GROUP = 2;

    private Rfc822Tokens() {
    }

    static boolean isSpaceTabCrLf(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isOperator(char c) {
        return OPERATORS.indexOf(c) >= 0;
    }

    /** Turns text into a flat token list; returns its head, or null for no tokens. */
    static Token scan(String s) {
        Token head = null;
        Token tail = null;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i++);
            if (isSpaceTabCrLf(c)) {
                continue;
            }
            Token tp;
            if (c == '(') {
                tp = new Token(Token.COMMENT);
                i = comment(tp, s, i);
            } else if (c == '[') {
                tp = new Token(Token.DOMLIT);
                i = skipLast(s, collect(tp, s, i, ']'));
            } else if (c == '"') {
                tp = new Token(Token.QSTRING);
                i = skipLast(s, collect(tp, s, i, '"'));
            } else if (c != '\\' && isOperator(c)) {
                tp = new Token(c);
            } else {
                tp = new Token(Token.ATOM);
                i = collect(tp, s, i - 1, (char) 0);
                quoteAtom(tp);
            }
            tail = head == null ? (head = tp) : Token.append(tail, tp);
        }
        return head;
    }

    /**
     * Postfix's COLLECT: copies characters until {@code stop} (or, for an atom, {@code stop == 0}, until a blank or
     * an operator); a backslash takes the next character as it is; blanks become spaces.
     */
    private static int collect(Token tp, String s, int i, char stop) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (++i == n) {
                    break;
                }
                c = s.charAt(i);
            } else if (stop == 0 ? isSpaceTabCrLf(c) || isOperator(c) : c == stop) {
                break;
            }
            tp.text.append(isSpaceTabCrLf(c) ? ' ' : c);
            i++;
        }
        return i;
    }

    private static int skipLast(String s, int i) {
        return i < s.length() ? i + 1 : i;
    }

    /** An atom holding a blank, a control character or an operator (all escaped) is a quoted string. */
    private static void quoteAtom(Token tp) {
        for (int i = 0; i < tp.text.length(); i++) {
            char c = tp.text.charAt(i);
            if (c == ' ' || c < 0x20 || c == 0x7f || isOperator(c)) {
                tp.type = Token.QSTRING;
                return;
            }
        }
    }

    /** Comments nest and are kept in their external form, parentheses included. */
    private static int comment(Token tp, String s, int i) {
        int level = 1;
        int n = s.length();
        tp.text.append('(');
        while (i < n) {
            char c = s.charAt(i++);
            tp.text.append(c);
            if (c == '(') {
                level++;
            } else if (c == ')') {
                if (--level == 0) {
                    break;
                }
            } else if (c == '\\') {
                if (i == n) {
                    break;
                }
                tp.text.append(s.charAt(i++));
            }
        }
        return i;
    }

    /** Parses an address list into a tree: the top-level list, with ADDR nodes owning their tokens. */
    static Token parse(String s) {
        Token first = scan(s);
        if (first == null) {
            return null;
        }
        Token last = first;
        while (last.next != null) {
            last = last.next;
        }
        Token head = new Token(0);
        glue(head, first);
        Token tail = new Token(0);
        glue(last, tail);

        int state = DO_WORD;
        Token right = tail;
        Token tp = tail.prev;
        while (tp.type != 0) {
            if (tp.type == Token.COMMENT) {
                Token before = Token.unlink(tp);
                right = Token.prepend(right, tp);
                tp = before;
                continue;
            } else if (tp.type == ';') {
                right = group(tp, right, ',');
                state = DO_GROUP | DO_WORD;
            } else if (tp.type == ':' && (state & DO_GROUP) != 0) {
                tp.type = Token.STARTGRP;
                group(tp, right, 0);
                while (tp.type != 0 && tp.type != ',') {
                    tp = tp.prev;
                }
                right = tp;
                continue;
            } else if (tp.type == '>') {
                right = group(tp, right, ',');
                while (tp.type != 0 && tp.type != '<') {
                    if (tp.type == Token.COMMENT) {
                        // comments inside <...> move out of the address, to the right side
                        Token before = Token.unlink(tp);
                        right = Token.prepend(right, tp);
                        tp = before;
                    } else {
                        tp = tp.prev;
                    }
                }
                group(tp, right, 0);
                while (tp.type != 0 && (tp.type > 0xff || ">;,:".indexOf(tp.type) < 0)) {
                    tp = tp.prev;
                }
                right = tp;
                state |= DO_WORD;
                continue;
            } else if (tp.type == Token.ATOM || tp.type == Token.QSTRING || tp.type == Token.DOMLIT) {
                if ((state & DO_WORD) == 0) {
                    right = group(tp, right, ',').next;
                }
                state &= ~DO_WORD;
            } else if (tp.type == ',') {
                right = group(tp, right, 0);
                state |= DO_WORD;
            } else {
                state |= DO_WORD;
            }
            tp = tp.prev;
        }
        group(tp, right, 0);

        Token result = head.next != tail ? head.next : null;
        Token.cutBefore(head.next);
        Token.cutBefore(tail);
        return result;
    }

    private static void glue(Token left, Token rite) {
        left.next = rite;
        rite.prev = left;
    }

    /** tok822_group: puts the tokens strictly between left and right under a new ADDR node. */
    private static Token group(Token left, Token right, int sync) {
        Token first = left.next;
        if (left != right && first != right) {
            Token.cutBefore(right);
            Token.cutBefore(first);
            Token group = new Token(Token.ADDR);
            Token.subAppend(group, first);
            Token.append(left, group);
            Token.append(group, right);
            if (sync != 0) {
                Token.append(left, new Token(sync));
            }
        }
        return left;
    }
}
