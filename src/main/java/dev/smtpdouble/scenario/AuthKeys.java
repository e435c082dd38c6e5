package dev.smtpdouble.scenario;

import dev.smtpdouble.sasl.AuthSettings;
import dev.smtpdouble.sasl.Credentials;
import dev.smtpdouble.sasl.Mechanism;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The AUTH keys of a scenario: {@code auth}, {@code require_auth}, {@code allow_plaintext_auth} and
 * {@code auth_mechanisms} in the {@code server:} block, and mechanism names in rules. Problems never
 * quote a password or a token.
 */
final class AuthKeys {

    static final List<String> SERVER_KEYS = List.of("auth", "require_auth", "allow_plaintext_auth", "auth_mechanisms");
    private static final Set<String> ACCOUNT_KEYS = new LinkedHashSet<>(List.of("user", "password", "token"));

    private AuthKeys() {
    }

    /** The changes the server block makes to the AUTH settings; accounts add to those given elsewhere. */
    static UnaryOperator<AuthSettings> server(YamlReader yaml, Map<String, Node> keys) {
        List<UnaryOperator<AuthSettings>> changes = new ArrayList<>();
        if (keys.containsKey("auth")) {
            List<Credentials.Account> accounts = accounts(yaml, keys.get("auth"));
            changes.add(auth -> {
                Credentials credentials = auth.credentials();
                for (Credentials.Account account : accounts) {
                    credentials = credentials.with(account);
                }
                return auth.withCredentials(credentials);
            });
        }
        Boolean required = keys.containsKey("require_auth") ? yaml.bool(keys.get("require_auth"), "require_auth") : null;
        if (required != null) {
            changes.add(auth -> auth.withRequired(required));
        }
        Boolean plaintext = keys.containsKey("allow_plaintext_auth")
                ? yaml.bool(keys.get("allow_plaintext_auth"), "allow_plaintext_auth") : null;
        if (plaintext != null) {
            changes.add(auth -> auth.withPlaintextAllowed(plaintext));
        }
        if (keys.containsKey("auth_mechanisms")) {
            List<Mechanism> offered = mechanisms(yaml, keys.get("auth_mechanisms"), "auth_mechanisms").stream()
                    .map(name -> Mechanism.named(name).orElseThrow()).toList();
            if (!offered.isEmpty()) {
                changes.add(auth -> auth.withMechanisms(offered));
            }
        }
        return auth -> {
            AuthSettings result = auth;
            for (UnaryOperator<AuthSettings> change : changes) {
                result = change.apply(result);
            }
            return result;
        };
    }

    /** Known mechanism names, upper case, in the order given; an unknown one is a problem with a hint. */
    static Set<String> mechanisms(YamlReader yaml, Node node, String key) {
        Set<String> names = new LinkedHashSet<>();
        List<String> known = Mechanism.ALL.stream().map(Mechanism::saslName).toList();
        for (String value : yaml.texts(node, key)) {
            Mechanism mechanism = Mechanism.named(value.strip()).orElse(null);
            if (mechanism == null) {
                String nearest = Spelling.nearest(value.strip(), known.stream().map(String::toLowerCase).toList());
                yaml.problem(node, "'" + value + "' is not a SASL mechanism this server knows; "
                        + (nearest == null ? "use one of " + String.join(", ", known)
                        : "did you mean '" + nearest.toUpperCase(java.util.Locale.ROOT) + "'?"));
            } else if (!names.add(mechanism.saslName())) {
                yaml.problem(node, "'" + key + "' lists " + mechanism.saslName() + " twice");
            }
        }
        return names;
    }

    /** {@code - alice:secret} or {@code - {user: bob, password: x, token: y}}, one item or a list. */
    private static List<Credentials.Account> accounts(YamlReader yaml, Node node) {
        List<Node> items = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
        List<Credentials.Account> accounts = new ArrayList<>();
        Set<String> users = new LinkedHashSet<>();
        for (Node item : items) {
            Credentials.Account account = account(yaml, item);
            if (account != null && !users.add(account.user())) {
                yaml.problem(item, "user '" + account.user() + "' is given twice in 'auth'");
            } else if (account != null) {
                accounts.add(account);
            }
        }
        return accounts;
    }

    private static Credentials.Account account(YamlReader yaml, Node item) {
        try {
            if (item instanceof ScalarNode scalar) {
                return Credentials.Account.parse(scalar.getValue());
            }
            if (item instanceof MappingNode) {
                Map<String, Node> keys = yaml.mapping(item, "an 'auth' account (write 'alice:secret', without a "
                        + "space after the colon, or user/password/token)", ACCOUNT_KEYS);
                if (!keys.containsKey("user") || !keys.containsKey("password")) {
                    yaml.problem(item, "an 'auth' account needs 'user' and 'password'");
                    return null;
                }
                String user = yaml.text(keys.get("user"), "user");
                String password = yaml.text(keys.get("password"), "password");
                String token = keys.containsKey("token") ? yaml.text(keys.get("token"), "token") : null;
                return user == null || password == null ? null : new Credentials.Account(user, password, token);
            }
            yaml.problem(item, "'auth' takes accounts written 'USER:PASSWORD', or with user, password and token");
        } catch (IllegalArgumentException e) { // the message names the user at most, never the secret
            yaml.problem(item, "'auth': " + e.getMessage());
        }
        return null;
    }
}
