package dev.smtpdouble.protocol.postfix;

/**
 * One node of Postfix's RFC 822 token list (tok822): an operator character, an atom, a quoted string, a comment,
 * a domain literal, or an address group that owns a sub-list. The list operations keep Postfix's pointer
 * semantics (including the owner links that decide where spaces go when a list is turned back into text),
 * because the verdicts depend on them.
 */
final class Token {
    /** Types below 256 are the operator character itself. */
    static final int ATOM = 256;
    static final int QSTRING = 257;
    static final int COMMENT = 258;
    static final int DOMLIT = 259;
    static final int ADDR = 260;
    static final int STARTGRP = 261;

    int type;
    final StringBuilder text = new StringBuilder();
    Token prev;
    Token next;
    Token head;
    Token tail;
    Token owner;

    Token(int type) {
        this.type = type;
    }

    Token(int type, String text) {
        this.type = type;
        this.text.append(text);
    }

    /** Inserts the list starting at t2 after t1; returns the end of the inserted list. */
    static Token append(Token t1, Token t2) {
        Token after = t1.next;
        t1.next = t2;
        t2.prev = t1;
        t2.owner = t1.owner;
        while (t2.next != null) {
            t2 = t2.next;
            t2.owner = t1.owner;
        }
        t2.next = after;
        if (after != null) {
            after.prev = t2;
        }
        return t2;
    }

    /** Inserts the list starting at t2 before t1; returns the end of the inserted list. */
    static Token prepend(Token t1, Token t2) {
        Token before = t1.prev;
        if (before != null) {
            before.next = t2;
        }
        t2.prev = before;
        t2.owner = t1.owner;
        while (t2.next != null) {
            t2 = t2.next;
            t2.owner = t1.owner;
        }
        t2.next = t1;
        t1.prev = t2;
        return t2;
    }

    /** Splits the list before tp; returns tp's former predecessor. */
    static Token cutBefore(Token tp) {
        Token before = tp.prev;
        if (before != null) {
            before.next = null;
            tp.prev = null;
        }
        return before;
    }

    /** Splits the list after tp; returns tp's former successor. */
    static Token cutAfter(Token tp) {
        Token after = tp.next;
        if (after != null) {
            after.prev = null;
            tp.next = null;
        }
        return after;
    }

    /** Takes tp out of its list; returns its former predecessor. */
    static Token unlink(Token tp) {
        Token before = tp.prev;
        Token after = tp.next;
        if (before != null) {
            before.next = after;
        }
        if (after != null) {
            after.prev = before;
        }
        tp.prev = null;
        tp.next = null;
        return before;
    }

    /** Appends the list t2 to the sub-list of t1. */
    static Token subAppend(Token t1, Token t2) {
        if (t1.head != null) {
            t1.tail = append(t1.tail, t2);
            return t1.tail;
        }
        t1.head = t2;
        t2.owner = t1;
        while (t2.next != null) {
            t2 = t2.next;
            t2.owner = t1;
        }
        t1.tail = t2;
        return t2;
    }

    /** Prepends the list t2 to the sub-list of t1. */
    static void subPrepend(Token t1, Token t2) {
        if (t1.head != null) {
            prepend(t1.head, t2);
            t1.head = t2;
            return;
        }
        subAppend(t1, t2);
    }

    /** Keeps the part of t1's sub-list before t2 (t2 and what follows are cut off). */
    static void subKeepBefore(Token t1, Token t2) {
        t1.tail = cutBefore(t2);
        if (t1.tail == null) {
            t1.head = null;
        }
    }

    /** Keeps the part of t1's sub-list after t2. */
    static void subKeepAfter(Token t1, Token t2) {
        t1.head = cutAfter(t2);
        if (t1.head == null) {
            t1.tail = null;
        }
    }

    static Token find(Token head, int type) {
        Token tp = head;
        while (tp != null && tp.type != type) {
            tp = tp.next;
        }
        return tp;
    }

    static Token findBackwards(Token tail, int type) {
        Token tp = tail;
        while (tp != null && tp.type != type) {
            tp = tp.prev;
        }
        return tp;
    }

    /** The internal (unquoted) text of a token list; spaces only between top-level words, as Postfix does. */
    static String internalize(Token list) {
        StringBuilder out = new StringBuilder();
        internalize(out, list);
        return out.toString();
    }

    private static void internalize(StringBuilder out, Token list) {
        for (Token tp = list; tp != null; tp = tp.next) {
            switch (tp.type) {
                case Token.ADDR -> internalize(out, tp.head);
                case Token.COMMENT, Token.ATOM, Token.QSTRING -> out.append(tp.text);
                case Token.DOMLIT -> out.append('[').append(tp.text).append(']');
                case Token.STARTGRP -> out.append(':');
                default -> out.append((char) tp.type);
            }
            if (needsSpaceAfter(tp)) {
                out.append(' ');
            }
        }
    }

    private static boolean needsSpaceAfter(Token tp) {
        Token after = tp.next;
        if (after == null || tp.owner != null) {
            return false;
        }
        if (tp.type == ',' || tp.type == Token.STARTGRP || after.type == '<') {
            return true;
        }
        return isWord(tp) && isWord(after);
    }

    private static boolean isWord(Token tp) {
        return tp.type == Token.ATOM || tp.type == Token.QSTRING || tp.type == Token.COMMENT
                || tp.type == Token.DOMLIT || tp.type == Token.ADDR;
    }
}
