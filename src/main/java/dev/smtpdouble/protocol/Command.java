package dev.smtpdouble.protocol;

/**
 * A command line split into its verb and argument.
 *
 * @param verb     what the first word names
 * @param line     the whole line as received, without the line ending
 * @param argument the text after the verb and one space; empty when there is none
 */
public record Command(Verb verb, String line, String argument) {

    public boolean hasArgument() {
        return !argument.isEmpty();
    }
}
