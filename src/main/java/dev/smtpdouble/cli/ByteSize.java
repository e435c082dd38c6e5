package dev.smtpdouble.cli;

import picocli.CommandLine;

/** The command line's converter for sizes in bytes ({@link ByteSizes}). */
final class ByteSize implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        try {
            return ByteSizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
