package dev.smtpdouble.protocol.exim;

import dev.smtpdouble.protocol.ArgumentParse;
import dev.smtpdouble.protocol.SyntaxError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ESMTP options of one MAIL FROM / RCPT TO, taken off the end of the command as Exim 4.96 takes them, the last
 * first. MAIL knows SIZE, BODY, AUTH, PRDR, RET, ENVID and SMTPUTF8; RCPT knows ORCPT and NOTIFY. An option Exim
 * does not know is put back and ends the options, so the address parser refuses the line ("malformed address: X
 * may not follow ..."); a known option with an empty or unreadable value (SIZE=abc, SIZE=) is dropped unread and
 * ends the options too. Some values are refused with a 501 of their own (BODY, AUTH, RET, NOTIFY, repeats).
 */
final class EnvelopeOptions {
    /** What strtoul() reads whole in base 10. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+");
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final List<String> MAIL_OPTIONS = List.of("SIZE", "BODY", "AUTH", "PRDR", "RET", "ENVID", "SMTPUTF8");
    private static final List<String> NEED_VALUE = List.of("SIZE", "BODY", "AUTH", "RET", "ENVID");

    private final CommandData data;
    /** The options read, the last of the line first. */
    private final List<Map.Entry<String, String>> read = new ArrayList<>();
    private boolean smtputf8;

    EnvelopeOptions(CommandData data) {
        this.data = data;
    }

    /** The options read, in the order of the line, names in upper case. */
    List<Map.Entry<String, String>> parameters() {
        List<Map.Entry<String, String>> inOrder = new ArrayList<>(read);
        Collections.reverse(inOrder);
        return inOrder;
    }

    /** Whether MAIL declared SMTPUTF8: UTF-8 is then allowed in domains. */
    boolean smtputf8() {
        return smtputf8;
    }

    /** MAIL's options; a 501 of its own for a bad BODY, AUTH or RET, else null. */
    ArgumentParse.Malformed mail() {
        for (CommandData.Option option; (option = data.extractOption()) != null; ) {
            String name = data.string(option, true);
            String value = data.string(option, false);
            String known = MAIL_OPTIONS.stream().filter(o -> Octets.equalsIgnoreCase(name, o)).findFirst().orElse(null);
            if (known != null && NEED_VALUE.contains(known) && value.isEmpty()) {
                return null;
            }
            if (known == null) {
                data.restore(option);
                return null;
            }
            String kept = value;
            switch (known) {
                case "SIZE" -> kept = size(value);
                case "BODY" -> {
                    if (!Octets.equalsIgnoreCase(value, "8BITMIME") && !Octets.equalsIgnoreCase(value, "7BIT")) {
                        return refused("BODY", EximReplies.BODY_INVALID);
                    }
                }
                case "AUTH" -> {
                    if (!value.equals("<>") && !isXtext(value)) {
                        return refused("AUTH", EximReplies.AUTH_INVALID);
                    }
                }
                case "RET" -> {
                    if (has("RET")) {
                        return refused("RET", EximReplies.RET_TWICE);
                    } else if (!Octets.equalsIgnoreCase(value, "HDRS") && !Octets.equalsIgnoreCase(value, "FULL")) {
                        return refused("RET", EximReplies.RET_INVALID);
                    }
                }
                case "ENVID" -> {
                    if (has("ENVID")) {
                        return refused("ENVID", EximReplies.ENVID_TWICE);
                    }
                }
                case "SMTPUTF8" -> smtputf8 = true;
                default -> kept = "";
            }
            if (kept == null) {
                return null; // SIZE=abc: dropped, and the options end here
            }
            read.add(Map.entry(known, known.equals("SMTPUTF8") || known.equals("PRDR") ? "" : kept));
        }
        return null;
    }

    /** RCPT's options; a 501 of its own for a bad NOTIFY or a repeated ORCPT or NOTIFY, else null. */
    ArgumentParse.Malformed rcpt() {
        boolean notified = false;
        for (CommandData.Option option; (option = data.extractOption()) != null; ) {
            String name = data.string(option, true);
            String value = data.string(option, false);
            if (Octets.equalsIgnoreCase(name, "ORCPT")) {
                if (has("ORCPT")) {
                    return refused("ORCPT", EximReplies.ORCPT_TWICE);
                }
                read.add(Map.entry("ORCPT", value));
            } else if (Octets.equalsIgnoreCase(name, "NOTIFY")) {
                if (notified) {
                    return refused("NOTIFY", EximReplies.NOTIFY_TWICE);
                } else if (!isNotify(value)) {
                    return refused("NOTIFY", EximReplies.NOTIFY_INVALID);
                }
                notified = !value.isEmpty(); // Exim counts NOTIFY= as no NOTIFY at all
                read.add(Map.entry("NOTIFY", value));
            } else {
                data.restoreAsRcpt(option);
                return null;
            }
        }
        return null;
    }

    private boolean has(String name) {
        return read.stream().anyMatch(option -> option.getKey().equals(name));
    }

    /** SIZE as Exim reads it: a decimal number, capped at INT_MAX (a negative one wraps to the cap); else null. */
    static String size(String value) {
        if (!NUMBER.matcher(value).matches()) {
            return null;
        }
        BigInteger number = new BigInteger(value.startsWith("+") ? value.substring(1) : value);
        return number.signum() < 0 || number.compareTo(INT_MAX) > 0 ? INT_MAX.toString() : number.toString();
    }

    /** auth_xtextdecode: printable ASCII but '=', '+' followed by two hex digits. */
    static boolean isXtext(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 33 || c > 127 || c == '=') {
                return false;
            }
            if (c == '+') {
                if (i + 2 >= value.length() || !Octets.isXdigit(value.charAt(i + 1))
                        || !Octets.isXdigit(value.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    /** NEVER, or a comma-separated list of SUCCESS, FAILURE and DELAY in which no item is empty. */
    static boolean isNotify(String value) {
        if (Octets.equalsIgnoreCase(value, "NEVER")) {
            return true;
        }
        int i = 0;
        while (i < value.length()) {
            int comma = value.indexOf(',', i);
            int end = comma < 0 ? value.length() : comma;
            String item = value.substring(i, end);
            if (!Octets.equalsIgnoreCase(item, "SUCCESS") && !Octets.equalsIgnoreCase(item, "FAILURE")
                    && !Octets.equalsIgnoreCase(item, "DELAY")) {
                return false;
            }
            i = comma < 0 ? end : comma + 1;
        }
        return true;
    }

    private static ArgumentParse.Malformed refused(String parameter, String reason) {
        return new ArgumentParse.Malformed(SyntaxError.BAD_PARAMETER, parameter, reason);
    }
}
