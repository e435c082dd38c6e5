package dev.smtpdouble.matrix;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a client reported from the exception it threw: the class, the innermost cause and the
 * SMTP reply code, wherever in the chain it is. Mail libraries link exceptions in their own ways
 * (Jakarta Mail's {@code getNextException()}, Spring's {@code getMessageExceptions()}), and carry
 * the code in their own ways, so both are found by name, reflectively, without depending on them.
 */
final class FailureReading {

    /** A reply quoted in a message: a 4xx/5xx code with an enhanced status, e.g. {@code 421 4.3.2}. */
    static final Pattern QUOTED_REPLY = Pattern.compile("(?<![0-9.])([45][0-9]{2})[ -][45]\\.[0-9]{1,3}\\.[0-9]{1,3}");
    private static final int MAX_CHAIN = 50;
    private static final int MAX_MESSAGE = 200;

    private final List<ReplyCodeReader> readers;

    FailureReading(List<ReplyCodeReader> readers) {
        this.readers = List.copyOf(readers);
    }

    Reported read(Throwable thrown) {
        if (thrown instanceof CommandFailedException command) {
            return new Reported(false, "exit status " + command.exitStatus(), null, command.replyCode(),
                    command.lastLine());
        }
        List<Throwable> chain = chain(thrown);
        Throwable innermost = innermost(thrown);
        String cause = innermost.getClass().equals(thrown.getClass()) ? null : innermost.getClass().getName();
        return new Reported(false, thrown.getClass().getName(), cause, code(chain), firstLine(thrown.getMessage()));
    }

    private Integer code(List<Throwable> chain) {
        for (Throwable t : chain) {
            for (ReplyCodeReader reader : readers) {
                OptionalInt code = reader.replyCode(t);
                if (code.isPresent()) {
                    return code.getAsInt();
                }
            }
            Object code = call(t, "getReturnCode");
            if (code instanceof Integer value && value >= 200 && value <= 599) {
                return value;
            }
        }
        for (Throwable t : chain) {
            Matcher quoted = t.getMessage() == null ? null : QUOTED_REPLY.matcher(t.getMessage());
            if (quoted != null && quoted.find()) {
                return Integer.valueOf(quoted.group(1));
            }
        }
        return null;
    }

    /** The exception and everything linked to it, depth first, each once. */
    static List<Throwable> chain(Throwable top) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(top, chain, seen);
        return chain;
    }

    private static void collect(Throwable t, List<Throwable> chain, Set<Throwable> seen) {
        if (t == null || chain.size() >= MAX_CHAIN || !seen.add(t)) {
            return;
        }
        chain.add(t);
        for (Throwable linked : linked(t)) {
            collect(linked, chain, seen);
        }
    }

    private static List<Throwable> linked(Throwable t) {
        List<Throwable> linked = new ArrayList<>();
        if (call(t, "getNextException") instanceof Throwable next) {
            linked.add(next);
        }
        if (call(t, "getMessageExceptions") instanceof Throwable[] each) {
            linked.addAll(List.of(each));
        }
        if (t.getCause() != null) {
            linked.add(t.getCause());
        }
        linked.addAll(List.of(t.getSuppressed()));
        return linked;
    }

    /** The end of the first link of each exception: the cause the failure started from. */
    private static Throwable innermost(Throwable top) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = top;
        while (seen.add(t) && seen.size() < MAX_CHAIN) {
            List<Throwable> linked = linked(t);
            if (linked.isEmpty()) {
                break;
            }
            t = linked.get(0);
        }
        return t;
    }

    /** A public no-argument method's result, or null when there is none or it fails. */
    private static Object call(Throwable t, String method) {
        try {
            Method found = t.getClass().getMethod(method);
            return found.getParameterCount() == 0 ? found.invoke(t) : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }
}
