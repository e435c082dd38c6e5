package dev.smtpdouble.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts AUTH accepts: user names with their password and, for XOAUTH2 and OAUTHBEARER, a
 * bearer token (the password when none is given). Printing it shows the user names only.
 *
 * <pre>{@code
 * Credentials.of("alice", "secret").with("bob", "hunter2").withToken("bob", "ya29.token")
 * }</pre>
 */
public record Credentials(List<Account> accounts) {

    /** No account: AUTH is off. */
    public static final Credentials NONE = new Credentials(List.of());

    /**
     * One account.
     *
     * @param user     the authentication identity, compared exactly
     * @param password what PLAIN, LOGIN and CRAM-MD5 check
     * @param token    what XOAUTH2 and OAUTHBEARER check; null: the password
     */
    public record Account(String user, String password, String token) {

        public Account {
            if (user == null || user.isEmpty() || user.chars().anyMatch(c -> c < ' ' || c == 127)) {
                throw new IllegalArgumentException("a user name must be non-empty printable text");
            }
            requireSecret(password, "password", user);
            if (token != null) {
                requireSecret(token, "token", user);
            }
        }

        public Account(String user, String password) {
            this(user, password, null);
        }

        /** Reads {@code USER:PASSWORD}; the message of a refusal never repeats the text, which holds a password. */
        public static Account parse(String userColonPassword) {
            int colon = userColonPassword == null ? -1 : userColonPassword.indexOf(':');
            if (colon <= 0 || colon == userColonPassword.length() - 1) {
                throw new IllegalArgumentException("an account is written USER:PASSWORD, both non-empty");
            }
            return new Account(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
        }

        private static void requireSecret(String secret, String what, String user) {
            // A NUL cannot travel in PLAIN; control characters are almost surely a quoting mistake.
            if (secret == null || secret.isEmpty() || secret.chars().anyMatch(c -> c < ' ' || c == 127)) {
                throw new IllegalArgumentException("the " + what + " of user '" + user
                        + "' must be non-empty printable text");
            }
        }

        /** The token that bearer mechanisms accept. */
        String bearerToken() {
            return token != null ? token : password;
        }

        @Override
        public String toString() {
            return "Account[user=" + user + ", password=***" + (token == null ? "" : ", token=***") + "]";
        }
    }

    public Credentials {
        accounts = List.copyOf(accounts);
        Set<String> users = new HashSet<>();
        for (Account account : accounts) {
            if (!users.add(account.user())) {
                throw new IllegalArgumentException("user '" + account.user() + "' is given twice");
            }
        }
    }

    public static Credentials of(String user, String password) {
        return NONE.with(user, password);
    }

    /** These credentials with the account added, or its password replaced. */
    public Credentials with(String user, String password) {
        return with(new Account(user, password, account(user).map(Account::token).orElse(null)));
    }

    /** These credentials with the user's bearer token set; the user must exist already. */
    public Credentials withToken(String user, String token) {
        Account account = account(user).orElseThrow(() -> new IllegalArgumentException(
                "no user '" + user + "' to give a token to: add the user with a password first"));
        return with(new Account(user, account.password(), token));
    }

    /** These credentials with the account added, or replacing the one of the same user. */
    public Credentials with(Account account) {
        List<Account> changed = new ArrayList<>(accounts);
        changed.removeIf(existing -> existing.user().equals(account.user()));
        changed.add(account);
        return new Credentials(changed);
    }

    public boolean isEmpty() {
        return accounts.isEmpty();
    }

    public List<String> users() {
        return accounts.stream().map(Account::user).toList();
    }

    Optional<Account> account(String user) {
        return accounts.stream().filter(account -> account.user().equals(user)).findFirst();
    }

    /** Whether the password is the user's, compared in constant time. */
    boolean passwordMatches(String user, String password) {
        return account(user).map(account -> same(account.password(), password)).orElse(false);
    }

    /** Whether the token is the user's bearer token, compared in constant time. */
    boolean tokenMatches(String user, String token) {
        return account(user).map(account -> same(account.bearerToken(), token)).orElse(false);
    }

    /** The user whose bearer token this is (OAUTHBEARER may leave the user name out). */
    Optional<String> ownerOfToken(String token) {
        return accounts.stream().filter(account -> same(account.bearerToken(), token)).map(Account::user).findFirst();
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[users=" + users() + "]";
    }
}
