package dev.smtpdouble;

import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators of hostile and of well-formed SMTP text, shared by the property tests. */
public final class Generators {

    /** Pieces of SMTP a client may send, and pieces that confuse parsers. */
    private static final List<String> WORDS = List.of("MAIL", "RCPT", "FROM:", "TO:", "<", ">", "<>", "@", ".", "..",
            "\"", "\\", "[", "]", "IPv6:", "::", "SIZE=", "BODY=8BITMIME", "SMTPUTF8", "NOTIFY=", "ORCPT=rfc822;", " ",
            "\t", "\r", "\n", "\u0000", "\u007f", "é", "😀", "=", ",", "a", "example.org");

    private Generators() {
    }

    /** Text of up to {@code maxLength} characters drawn from {@code alphabet}. */
    public static Gen<String> text(String alphabet, int minLength, int maxLength) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(chars)).ofSizeBetween(minLength, maxLength)
                .map(list -> list.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** A concatenation of up to {@code maxParts} pieces from {@code parts}. */
    public static Gen<String> joined(Gen<String> parts, int maxParts) {
        return lists().of(parts).ofSizeBetween(0, maxParts).map(list -> String.join("", list));
    }

    /** What a hostile client sends: SMTP words, address syntax, control bytes, any Unicode. */
    public static Gen<String> hostileText() {
        Gen<String> words = Generate.pick(WORDS);
        Gen<String> noise = strings().allPossible().ofLengthBetween(0, 8);
        return joined(Generate.oneOf(words, words, noise), 30);
    }

    /** RFC 5321 mailboxes: a Dot-string or a Quoted-string, an {@code @}, then a domain of LDH labels. */
    public static Gen<String> mailboxes() {
        Gen<String> atom = text("abcxyzABC0189!#$%&'*+-/=?^_`{|}~", 1, 10);
        Gen<String> dotString = lists().of(atom).ofSizeBetween(1, 3).map(atoms -> String.join(".", atoms));
        Gen<String> quoted = text("abc xyz.@,;:<>()[]", 0, 10).map(inside -> "\"" + inside + "\"");
        Gen<String> label = text("abcz09", 1, 1).zip(text("abcz09-", 0, 8), text("abcz09", 1, 1),
                (first, middle, last) -> first + middle + last);
        Gen<String> domain = lists().of(label).ofSizeBetween(1, 4).map(labels -> String.join(".", labels));
        return Generate.oneOf(dotString, dotString, quoted).zip(domain, (local, host) -> local + "@" + host);
    }

    /** Some of the MAIL parameters the server advertises, each at most once. */
    public static Gen<String> mailParameters() {
        List<String> all = List.of(" SIZE=1000", " BODY=8BITMIME", " SMTPUTF8", " RET=HDRS", " ENVID=abc+2B");
        return Generate.range(0, (1 << all.size()) - 1).map(mask -> {
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    chosen.add(all.get(i));
                }
            }
            return String.join("", chosen);
        });
    }
}
