package dev.smtpdouble.protocol;

/** An RFC 3463 enhanced status code, e.g. {@code 5.1.7}. */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    public EnhancedStatus {
        if (statusClass < 2 || statusClass > 5 || statusClass == 3) {
            throw new IllegalArgumentException("enhanced status class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("enhanced status subject and detail must be 0-999");
        }
    }

    /** Parses {@code class.subject.detail}; returns null when the text is not of that form. */
    public static EnhancedStatus parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            for (String part : parts) {
                if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                    return null;
                }
            }
            return new EnhancedStatus(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static EnhancedStatus of(String text) {
        EnhancedStatus status = parse(text);
        if (status == null) {
            throw new IllegalArgumentException("not an enhanced status code: " + text);
        }
        return status;
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
