package dev.smtpdouble.cli;

import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.scenario.Chunking;
import dev.smtpdouble.time.ManualClock;
import java.time.Clock;
import java.util.Locale;
import picocli.CommandLine;

/** How the command line reads the values of its server options; a wrong value names the ones allowed. */
final class ValueConverters {

    private ValueConverters() {
    }

    static final class SyntaxModeConverter implements CommandLine.ITypeConverter<SyntaxMode> {
        @Override
        public SyntaxMode convert(String value) {
            try {
                return SyntaxMode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not lenient, strict, postfix or exim");
            }
        }
    }

    static final class ChunkingConverter implements CommandLine.ITypeConverter<Chunking> {
        @Override
        public Chunking convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "on", "true" -> Chunking.ON;
                case "off", "false" -> Chunking.OFF;
                case "binarymime" -> Chunking.BINARYMIME;
                default -> throw new CommandLine.TypeConversionException("'" + value + "' is not on, off or binarymime");
            };
        }
    }

    /** One clock for every listener of the process, so the admin API moves them together. */
    static final class ClockConverter implements CommandLine.ITypeConverter<Clock> {
        @Override
        public Clock convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "system" -> Clock.systemUTC();
                case "manual" -> new ManualClock();
                default -> throw new CommandLine.TypeConversionException("'" + value + "' is not system or manual");
            };
        }
    }
}
