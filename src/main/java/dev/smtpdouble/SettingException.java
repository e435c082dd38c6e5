package dev.smtpdouble;

import java.util.Objects;

/**
 * Settings that load but cannot work on a server: require-auth without an account, require-TLS
 * without TLS, a certificate file that cannot be read, a CA file that cannot be written. It names
 * the setting by its scenario key, so that a caller can point at the line that set it, or at the
 * option.
 */
public final class SettingException extends IllegalArgumentException {

    private final String key;

    public SettingException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = Objects.requireNonNull(key, "key");
    }

    public SettingException(String key, String message) {
        this(key, message, null);
    }

    /** The scenario key of the setting at fault, under {@code server:}: {@code tls_cert}, {@code require_auth}, ... */
    public String key() {
        return key;
    }
}
