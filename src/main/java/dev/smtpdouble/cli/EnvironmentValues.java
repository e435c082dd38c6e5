package dev.smtpdouble.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/** Errors in values that came from the environment, where the options' defaults are read. */
final class EnvironmentValues {

    private EnvironmentValues() {
    }

    /**
     * A bad value from an environment variable is named by the variable, without the usage: the user
     * never typed the option. Every option's variable is SMTP_DOUBLE_ and its name.
     */
    static int handle(CommandLine.ParameterException e, String[] args,
                      CommandLine.IParameterExceptionHandler usual) throws Exception {
        if (e.getArgSpec() instanceof CommandLine.Model.OptionSpec option && option.longestName().startsWith("--")) {
            String name = option.longestName();
            boolean typed = Arrays.stream(args).anyMatch(arg -> arg.equals(name) || arg.startsWith(name + "="));
            String variable = "SMTP_DOUBLE_" + name.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
            String message = String.valueOf(e.getMessage());
            if (!typed && message.startsWith("Invalid value for option '" + name + "'")) {
                PrintWriter err = e.getCommandLine().getErr();
                err.println("smtp-double: invalid value of the environment variable " + variable + " (" + name + "): "
                        + message.substring(message.indexOf(": ") + 2));
                err.flush();
                return 2;
            }
        }
        return usual.handleParseException(e, args);
    }

}
