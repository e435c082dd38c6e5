package dev.smtpdouble.journal;

import java.util.regex.Pattern;

/**
 * How every message names a rule: by its name in quotes ({@code rule 'refuse the first connection'}),
 * or, for a rule without a name, by its number in the scenario counted from 1 and its trigger
 * ({@code rule 2 (rcpt)}), which is the name the loader gives it.
 */
public final class RuleLabel {

    private static final Pattern UNNAMED = Pattern.compile("rule \\d+( \\(\\w+\\))?");

    private RuleLabel() {
    }

    public static String of(String ruleName) {
        return UNNAMED.matcher(ruleName).matches() ? ruleName : "rule '" + ruleName + "'";
    }
}
