package dev.smtpdouble.scenario;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Durations as scenario files write them: {@code 1500} (ms), {@code 250ms}, {@code 2s}, {@code 1.5s},
 * {@code 5m}, {@code 2h}, {@code 35d}. Public for the layers above that read durations from people
 * (the admin API), so that they read the same forms.
 */
public final class Durations {

    private Durations() {
    }

    /** At most 12 digits and 3 decimals: no exponent that BigDecimal would have to expand. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d{1,12}(\\.\\d{1,3})?");

    /** @return milliseconds, or null when the text is not a duration */
    public static Long parseMillis(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        long unit;
        String number;
        if (value.endsWith("ms")) {
            unit = 1;
            number = value.substring(0, value.length() - 2);
        } else if (value.endsWith("s")) {
            unit = 1000;
            number = value.substring(0, value.length() - 1);
        } else if (value.endsWith("m")) {
            unit = 60_000;
            number = value.substring(0, value.length() - 1);
        } else if (value.endsWith("h")) {
            unit = 3_600_000;
            number = value.substring(0, value.length() - 1);
        } else if (value.endsWith("d")) {
            unit = 86_400_000;
            number = value.substring(0, value.length() - 1);
        } else {
            unit = 1;
            number = value;
        }
        if (!NUMBER.matcher(number.strip()).matches()) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(number.strip()).multiply(BigDecimal.valueOf(unit));
            return amount.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    public static String format(long millis) {
        if (millis % 86_400_000 == 0 && millis > 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 && millis > 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
