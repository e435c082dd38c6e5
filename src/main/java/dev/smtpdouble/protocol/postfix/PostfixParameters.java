package dev.smtpdouble.protocol.postfix;

import dev.smtpdouble.protocol.ArgumentParse;
import dev.smtpdouble.protocol.SyntaxError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The ESMTP parameters as Postfix 3.7's smtpd checks them (mail_cmd and rcpt_cmd): SIZE must be digits,
 * BODY is 7BIT or 8BITMIME (anything else is an unknown option), SIZE, BODY, SMTPUTF8 may repeat, RET, ENVID,
 * NOTIFY and ORCPT may not, AUTH= is taken as it is but only once, and the first bad parameter decides.
 */
final class PostfixParameters {

    private PostfixParameters() {
    }

    /** Checks MAIL parameters in order, storing the good ones; returns the first error, or null. */
    static ArgumentParse.Malformed mail(List<String> words, Map<String, String> stored) {
        for (String word : words) {
            String upper = asciiUpperCase(word);
            String value = afterEquals(word);
            if (upper.equals("BODY=8BITMIME") || upper.equals("BODY=7BIT")) {
                stored.put("BODY", asciiUpperCase(value));
            } else if (upper.startsWith("SIZE=")) {
                if (!isDigits(value)) {
                    return bad("SIZE");
                }
                stored.put("SIZE", value);
            } else if (upper.equals("SMTPUTF8")) {
                stored.put("SMTPUTF8", "");
            } else if (upper.startsWith("AUTH=")) {
                if (stored.containsKey("AUTH") && !stored.get("AUTH").equals("<>")) {
                    return new ArgumentParse.Malformed(SyntaxError.MULTIPLE_AUTH, "AUTH");
                }
                stored.put("AUTH", value);
            } else if (upper.startsWith("RET=")) {
                if (stored.containsKey("RET") || !(upper.equals("RET=FULL") || upper.equals("RET=HDRS"))) {
                    return bad("RET");
                }
                stored.put("RET", asciiUpperCase(value));
            } else if (upper.startsWith("ENVID=")) {
                if (stored.containsKey("ENVID") || !isPrintable(xtextDecode(value))) {
                    return bad("ENVID");
                }
                stored.put("ENVID", value);
            } else {
                return new ArgumentParse.Malformed(SyntaxError.UNSUPPORTED_PARAMETER, word);
            }
        }
        return null;
    }

    /** Checks RCPT parameters in order, storing the good ones; returns the first error, or null. */
    static ArgumentParse.Malformed rcpt(List<String> words, Map<String, String> stored) {
        for (String word : words) {
            String upper = asciiUpperCase(word);
            String value = afterEquals(word);
            if (upper.startsWith("NOTIFY=")) {
                if (stored.containsKey("NOTIFY") || !isNotify(value)) {
                    return bad("NOTIFY");
                }
                stored.put("NOTIFY", asciiUpperCase(value));
            } else if (upper.startsWith("ORCPT=")) {
                if (stored.containsKey("ORCPT") || !isOrcpt(value)) {
                    return bad("ORCPT");
                }
                stored.put("ORCPT", value);
            } else {
                return new ArgumentParse.Malformed(SyntaxError.UNSUPPORTED_PARAMETER, word);
            }
        }
        return null;
    }

    /** C's toupper() in the "C" locale: only a-z change (Java would also turn 'ſ' into 'S'). */
    static String asciiUpperCase(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] -= 'a' - 'A';
            }
        }
        return new String(chars);
    }

    private static ArgumentParse.Malformed bad(String name) {
        return new ArgumentParse.Malformed(SyntaxError.BAD_PARAMETER, name);
    }

    private static String afterEquals(String word) {
        int equals = word.indexOf('=');
        return equals < 0 ? "" : word.substring(equals + 1);
    }

    private static boolean isDigits(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** NOTIFY: names separated by commas or blanks, any case: NEVER alone, or some of SUCCESS, FAILURE, DELAY. */
    private static boolean isNotify(String value) {
        boolean never = false;
        boolean other = false;
        for (String name : value.split("[, \t\r\n]+")) {
            switch (asciiUpperCase(name)) {
                case "" -> { }
                case "NEVER" -> never = true;
                case "SUCCESS", "FAILURE", "DELAY" -> other = true;
                default -> {
                    return false;
                }
            }
        }
        return never != other;
    }

    /** ORCPT: a non-empty type, ";", and an xtext (for type utf-8: a uxtext) that decodes; an empty address is fine. */
    private static boolean isOrcpt(String value) {
        int semicolon = value.indexOf(';');
        if (semicolon <= 0) {
            return false;
        }
        String address = value.substring(semicolon + 1);
        return value.substring(0, semicolon).equalsIgnoreCase("utf-8") ? isUxtext(address)
                : xtextDecode(address) != null;
    }

    /** xtext_unquote: "+" and two hex digits of any case is one octet; null when a "+" is not followed by them. */
    static byte[] xtextDecode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '+') {
                int high = i + 1 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
                int low = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    return null;
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toByteArray();
    }

    /** allprint on the C string: up to the first NUL, at least one octet, every octet printable ASCII. */
    private static boolean isPrintable(byte[] decoded) {
        if (decoded == null || decoded.length == 0 || decoded[0] == 0) {
            return false;
        }
        for (byte b : decoded) {
            if (b == 0) {
                return true;
            }
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** uxtext_unquote: every "\x{" must be followed by hex digits (at most U+10FFFF) and "}". */
    private static boolean isUxtext(String value) {
        int i = value.indexOf("\\x{");
        while (i >= 0) {
            int code = 0;
            int j = i + 3;
            while (true) {
                char c = j < value.length() ? value.charAt(j) : 0;
                if (c == '}') {
                    break;
                }
                int digit = c < 0x80 ? Character.digit(c, 16) : -1;
                if (digit < 0) {
                    return false;
                }
                code = code << 4 | digit;
                if (code > 0x10ffff) {
                    return false;
                }
                j++;
            }
            i = value.indexOf("\\x{", j + 1);
        }
        return true;
    }
}
