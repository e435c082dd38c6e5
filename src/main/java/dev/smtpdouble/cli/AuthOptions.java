package dev.smtpdouble.cli;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.sasl.Credentials;
import dev.smtpdouble.sasl.Mechanism;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The AUTH options of the command line, each with its environment variable, and how they set up a server. */
final class AuthOptions {

    @Option(names = "--auth", paramLabel = "USER:PASSWORD", split = "\\s+", hideParamSyntax = true,
            converter = AccountConverter.class,
            defaultValue = "${env:SMTP_DOUBLE_AUTH}",
            description = "An account AUTH accepts (repeatable); with one, AUTH is offered (env SMTP_DOUBLE_AUTH, "
                    + "accounts separated by spaces).")
    List<Credentials.Account> auth = new ArrayList<>();

    @Option(names = "--require-auth", defaultValue = "${env:SMTP_DOUBLE_REQUIRE_AUTH:-false}",
            description = "MAIL before AUTH gets 530 5.7.0 Authentication required (env SMTP_DOUBLE_REQUIRE_AUTH).")
    boolean requireAuth;

    @Option(names = "--allow-plaintext-auth", defaultValue = "${env:SMTP_DOUBLE_ALLOW_PLAINTEXT_AUTH:-false}",
            description = "Offer AUTH before STARTTLS too (env SMTP_DOUBLE_ALLOW_PLAINTEXT_AUTH).")
    boolean allowPlaintextAuth;

    @Option(names = "--auth-mechanisms", paramLabel = "LIST", split = ",", converter = MechanismConverter.class,
            description = "SASL mechanisms offered, in order (default: PLAIN,LOGIN,CRAM-MD5,XOAUTH2,OAUTHBEARER).")
    List<Mechanism> authMechanisms;

    SmtpDouble.Builder applyTo(SmtpDouble.Builder builder) {
        builder.auth(new Credentials(auth.stream().filter(Objects::nonNull).toList()))
                .requireAuth(requireAuth).allowPlaintextAuth(allowPlaintextAuth);
        return authMechanisms == null ? builder : builder.authMechanisms(authMechanisms.toArray(Mechanism[]::new));
    }

    /** {@code USER:PASSWORD}; a refusal never repeats the value, which holds a password. */
    static final class AccountConverter implements CommandLine.ITypeConverter<Credentials.Account> {
        @Override
        public Credentials.Account convert(String value) {
            if (value.isBlank()) {
                return null; // SMTP_DOUBLE_AUTH set but empty: no account
            }
            try {
                return Credentials.Account.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class MechanismConverter implements CommandLine.ITypeConverter<Mechanism> {
        @Override
        public Mechanism convert(String value) {
            return Mechanism.named(value.strip()).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not one of PLAIN, LOGIN, CRAM-MD5, XOAUTH2, OAUTHBEARER"));
        }
    }
}
