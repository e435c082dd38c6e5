package dev.smtpdouble.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes as people write it: {@code 65536}, {@code 512k}, {@code 64m}, {@code 1g} (also {@code 64MiB}). Apart
 * from the command line library, so that the plain start reads the image's sizes without loading it.
 */
final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(?:([kmg])(?:i?b)?|b)?");

    private ByteSizes() {
    }

    /** @throws IllegalArgumentException naming the value, when it is no size or too large */
    static long parse(String value) {
        Matcher matcher = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a size such as 65536, 512k, 64m or 1g");
        }
        long number = Long.parseLong(matcher.group(1));
        int shift = matcher.group(2) == null ? 0 : switch (matcher.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            default -> 30;
        };
        if (number > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("'" + value + "' is too large");
        }
        return number << shift;
    }
}
