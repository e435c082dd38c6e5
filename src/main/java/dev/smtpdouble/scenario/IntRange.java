package dev.smtpdouble.scenario;

/** An inclusive range of counts, as in {@code connection: 2}, {@code "2-4"} or {@code "3+"}. */
public record IntRange(long min, long max) {

    public static final long UNBOUNDED = Long.MAX_VALUE;

    public IntRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("bad range " + min + "-" + max);
        }
    }

    public static IntRange exactly(long value) {
        return new IntRange(value, value);
    }

    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return min == max ? Long.toString(min) : max == UNBOUNDED ? min + "+" : min + "-" + max;
    }
}
