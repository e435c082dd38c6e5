package dev.smtpdouble.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.smtpdouble.Generators;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties of the command and envelope parsers over generated input: hostile text never breaks
 * them, well-formed addresses always pass as sent, and strict mode never accepts what lenient mode
 * refuses. A failure prints the smallest input found and the seed (rerun with -DQT_SEED=...).
 */
class ParserPropertiesTest {

    private static final EnvelopeParser LENIENT = new EnvelopeParser(SyntaxMode.LENIENT);
    private static final EnvelopeParser STRICT = new EnvelopeParser(SyntaxMode.STRICT);

    @Test
    void theCommandParserSplitsAnyLineWithoutLosingIt() {
        qt().withExamples(2000).forAll(Generators.hostileText()).checkAssert(line -> {
            Command command = CommandParser.parse(line);

            assertThat(command.line()).isEqualTo(line);
            assertThat(command.verb()).isNotNull();
            assertThat(line).endsWith(command.argument());
        });
    }

    @Test
    void anyArgumentIsParsedOrRefusedWithAReasonInBothModes() {
        qt().withExamples(3000).forAll(Generators.hostileText()).checkAssert(argument -> {
            for (EnvelopeParser parser : List.of(LENIENT, STRICT)) {
                for (ArgumentParse result : List.of(parser.parseMail(argument), parser.parseRcpt(argument),
                        parser.parseRcpt(argument, true))) {
                    if (result instanceof ArgumentParse.Parsed parsed) {
                        assertThat(parsed.argument().address()).as("an accepted address holds no control character")
                                .doesNotContainPattern("[\\x00-\\x1f\\x7f]");
                    } else {
                        assertThat(((ArgumentParse.Malformed) result).error()).isNotNull();
                    }
                }
            }
        });
    }

    @Test
    void strictModeAcceptsNothingThatLenientModeRefuses() {
        qt().withExamples(3000).forAll(Generators.hostileText()).checkAssert(path -> {
            if (STRICT.parseMail("FROM:" + path) instanceof ArgumentParse.Parsed strict) {
                assertThat(LENIENT.parseMail("FROM:" + path)).isEqualTo(strict);
            }
            if (STRICT.parseRcpt("TO:" + path) instanceof ArgumentParse.Parsed strict) {
                assertThat(LENIENT.parseRcpt("TO:" + path)).isEqualTo(strict);
            }
        });
    }

    @Test
    void everyWellFormedMailboxPassesInBothModesAsItWasSent() {
        qt().withExamples(2000).forAll(Generators.mailboxes(), Generators.mailParameters())
                .checkAssert((mailbox, parameters) -> {
                    for (EnvelopeParser parser : List.of(LENIENT, STRICT)) {
                        assertThat(parser.parseMail("FROM:<" + mailbox + ">" + parameters))
                                .isInstanceOfSatisfying(ArgumentParse.Parsed.class,
                                        parsed -> assertThat(parsed.argument().address()).isEqualTo(mailbox));
                        assertThat(parser.parseRcpt("TO:<" + mailbox + ">"))
                                .isInstanceOfSatisfying(ArgumentParse.Parsed.class,
                                        parsed -> assertThat(parsed.argument().address()).isEqualTo(mailbox));
                    }
                });
    }
}
