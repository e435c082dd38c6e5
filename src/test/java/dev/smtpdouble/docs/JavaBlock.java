package dev.smtpdouble.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown file, and the compilation unit it stands for.
 *
 * <p>The convention the README states: a block is compiled as written, with the imports the README
 * names ({@link #IMPORTS}) in front of it unless it has a {@code package} line of its own. What it
 * is decides how it is wrapped:
 * <ul>
 * <li>a whole file ({@code package} or {@code import} first): compiled as it is;</li>
 * <li>a type declaration (after its annotations): compiled as a file;</li>
 * <li>members (it starts with an annotation, a modifier or a method header): put in a class;</li>
 * <li>anything else is statements: put in a method of a class, a method that may throw.</li>
 * </ul>
 *
 * @param file the Markdown file, as it is named in messages
 * @param line the line of the opening fence
 * @param code the block's text, ending with a line break
 */
record JavaBlock(String file, int line, String code) {

    /** What the README says the Java examples leave out. */
    static final String IMPORTS = """
            import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
            import static org.assertj.core.api.Assertions.assertThat;
            import static org.assertj.core.api.Assertions.assertThatThrownBy;

            import dev.smtpdouble.*;
            import dev.smtpdouble.journal.*;
            import dev.smtpdouble.junit.*;
            import dev.smtpdouble.matrix.*;
            import dev.smtpdouble.protocol.*;
            import dev.smtpdouble.remote.*;
            import dev.smtpdouble.scenario.*;
            import dev.smtpdouble.testcontainers.*;
            import dev.smtpdouble.time.*;
            import dev.smtpdouble.tls.*;
            import jakarta.mail.*;
            import jakarta.mail.internet.*;
            import java.nio.file.*;
            import java.time.*;
            import java.util.*;
            import java.util.stream.*;
            import org.junit.jupiter.api.*;
            import org.junit.jupiter.api.extension.*;
            import org.springframework.mail.*;
            import org.springframework.mail.javamail.*;
            """;

    enum Kind { FILE, TYPE, MEMBERS, STATEMENTS }

    private static final Pattern FENCE = Pattern.compile("^```java\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern LEADING_NOISE = Pattern.compile(
            "\\A(?:\\s+|//[^\\n]*|/\\*.*?\\*/|@[\\w.]+(?:\\s*\\((?:[^()\"]|\"[^\"]*\")*\\))?)", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "(?:(?:public|final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|enum|record)\\s+(\\w+)");
    private static final Pattern MODIFIER = Pattern.compile("(?:public|protected|private|static|final|abstract|default)\\s");
    private static final Pattern METHOD_HEADER = Pattern.compile(
            "[\\w<>\\[\\],.?]+(?:<[^>]*>)?\\s+\\w+\\s*\\([^;{]*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{");

    /** The {@code ```java} blocks of a Markdown text, in order. */
    static List<JavaBlock> in(String file, String markdown) {
        List<JavaBlock> blocks = new ArrayList<>();
        Matcher fence = FENCE.matcher(markdown);
        while (fence.find()) {
            int line = 1 + (int) markdown.substring(0, fence.start()).chars().filter(c -> c == '\n').count();
            blocks.add(new JavaBlock(file, line, fence.group(1)));
        }
        return blocks;
    }

    Kind kind() {
        if (code.startsWith("package ") || code.startsWith("import ")) {
            return Kind.FILE;
        }
        String head = afterAnnotationsAndComments();
        if (TYPE.matcher(head).lookingAt()) {
            return Kind.TYPE;
        }
        if (code.stripLeading().startsWith("@") || MODIFIER.matcher(head).lookingAt() || METHOD_HEADER.matcher(head).lookingAt()) {
            return Kind.MEMBERS;
        }
        return Kind.STATEMENTS;
    }

    /** The name of the file javac is given: a public type must live in a file of its name. */
    String typeName() {
        Matcher type = TYPE.matcher(kind() == Kind.FILE ? code : afterAnnotationsAndComments());
        boolean named = switch (kind()) {
            case FILE -> type.find();
            case TYPE -> type.lookingAt();
            case MEMBERS, STATEMENTS -> false;
        };
        return named ? type.group(1) : "Example";
    }

    /** The compilation unit, and how many lines come before the block's first line in it. */
    String unit() {
        return switch (kind()) {
            case FILE -> code;
            case TYPE -> IMPORTS + code;
            case MEMBERS -> IMPORTS + "class Example {\n" + code + "}\n";
            case STATEMENTS -> IMPORTS + "class Example {\nvoid example() throws Exception {\n" + code + "}\n}\n";
        };
    }

    /** The Markdown line of a line of {@link #unit()}. */
    long markdownLine(long unitLine) {
        long before = switch (kind()) {
            case FILE -> 0;
            case TYPE -> lines(IMPORTS);
            case MEMBERS -> lines(IMPORTS) + 1;
            case STATEMENTS -> lines(IMPORTS) + 2;
        };
        return line + unitLine - before;
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }

    private String afterAnnotationsAndComments() {
        String rest = code;
        for (Matcher noise = LEADING_NOISE.matcher(rest); noise.lookingAt() && noise.end() > 0; noise = LEADING_NOISE.matcher(rest)) {
            rest = rest.substring(noise.end());
        }
        return rest;
    }

    private static long lines(String text) {
        return text.chars().filter(c -> c == '\n').count();
    }
}
