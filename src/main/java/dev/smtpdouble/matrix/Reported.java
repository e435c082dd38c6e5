package dev.smtpdouble.matrix;

/**
 * What the code under test reported for one call.
 *
 * @param success whether it returned normally
 * @param failure the exception's class name, or {@code exit status N} for a command; null on success
 * @param cause   the class name of the innermost cause, when it differs from {@code failure}; else null
 * @param code    the SMTP reply code found in the exception, its causes or the command's output; else null
 * @param message the first line of the exception's message or the command's last line of output; else null
 */
public record Reported(boolean success, String failure, String cause, Integer code, String message) {

    public static final Reported SUCCESS = new Reported(true, null, null, null, null);

    /** Short, for a table cell: {@code SMTPSendFailedException 421}, {@code MessagingException (SocketException)}. */
    public String brief() {
        if (success) {
            return "success";
        }
        return simpleName(failure) + (cause == null ? "" : " (" + simpleName(cause) + ")")
                + (code == null ? "" : " " + code);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }
}
