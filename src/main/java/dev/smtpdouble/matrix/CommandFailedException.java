package dev.smtpdouble.matrix;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An external mail command ended with a non-zero exit status: the command reports a failure. */
public final class CommandFailedException extends Exception {

    private static final long serialVersionUID = 1L;
    /** A reply line as clients echo it: {@code <** 421 4.3.2 ...} (swaks), {@code < 421 ...} (curl -v). */
    private static final Pattern REPLY_LINE = Pattern.compile("(?m)^[<*\\s]*([45][0-9]{2})[ -]");
    /** A code in an error message: {@code MAIL failed: 421}, {@code unexpected smtp-server response: 421} (curl). */
    private static final Pattern IN_A_MESSAGE = Pattern.compile("(?i)(?:failed|response):\\s*([45][0-9]{2})\\b");

    private final int exitStatus;
    private final transient List<String> output;

    public CommandFailedException(String command, int exitStatus, List<String> output) {
        super(command + " exited with status " + exitStatus);
        this.exitStatus = exitStatus;
        this.output = List.copyOf(output);
    }

    public int exitStatus() {
        return exitStatus;
    }

    /** What the command printed (standard output and error, interleaved), the last lines. */
    public List<String> output() {
        return output;
    }

    /** The last line of output that is not blank, or null. */
    public String lastLine() {
        for (int i = output.size() - 1; i >= 0; i--) {
            if (!output.get(i).isBlank()) {
                return FailureReading.firstLine(output.get(i));
            }
        }
        return null;
    }

    /** The last 4xx/5xx reply the output quotes, or null. */
    public Integer replyCode() {
        String text = String.join("\n", output);
        for (Pattern pattern : List.of(FailureReading.QUOTED_REPLY, REPLY_LINE, IN_A_MESSAGE)) {
            Integer code = last(pattern.matcher(text));
            if (code != null) {
                return code;
            }
        }
        return null;
    }

    private static Integer last(Matcher matcher) {
        Integer code = null;
        while (matcher.find()) {
            code = Integer.valueOf(matcher.group(1));
        }
        return code;
    }
}
