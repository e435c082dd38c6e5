package dev.smtpdouble.cli;

import picocli.CommandLine;

/**
 * One {@code --listen PORT=SCENARIO}: an extra SMTP listener on the same host with its own scenario
 * (a file or a name; none means accept-all).
 */
record ListenOption(int port, String scenario) {

    static final class Converter implements CommandLine.ITypeConverter<ListenOption> {
        @Override
        public ListenOption convert(String value) {
            int eq = value.indexOf('=');
            String portText = eq < 0 ? value : value.substring(0, eq);
            String scenario = eq < 0 ? null : value.substring(eq + 1).strip();
            int port;
            try {
                port = Integer.parseInt(portText.strip());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not PORT=SCENARIO (e.g. 2526=greeting-421)");
            }
            if (port < 0 || port > 65535) {
                throw new CommandLine.TypeConversionException("port must be 0-65535 in '" + value + "'");
            }
            return new ListenOption(port, scenario == null || scenario.isEmpty() ? null : scenario);
        }
    }
}
