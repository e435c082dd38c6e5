package dev.smtpdouble.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why reading or writing a file failed, in a few words. The JDK's own messages are often just the
 * path ({@code NoSuchFileException}) or a decoder's count ({@code Input length = 3}).
 */
public final class FileProblems {

    private FileProblems() {
    }

    /** E.g. {@code no such file}, {@code no such folder /tmp/x}, {@code permission denied}, {@code not UTF-8 text}. */
    public static String reason(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (!(e instanceof FileSystemException fs)) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        Path file = path(fs.getFile());
        if (e instanceof NoSuchFileException) {
            Path missing = firstMissingFolder(file);
            return missing == null ? "no such file" : "no such folder " + missing;
        } else if (e instanceof AccessDeniedException) {
            return "permission denied";
        } else if (e instanceof NotDirectoryException) {
            return "not a folder";
        } else if (e instanceof FileAlreadyExistsException) {
            return file == null ? "it exists and is not a folder" : file + " exists and is not a folder";
        }
        String reason = fs.getReason() == null ? e.getClass().getSimpleName()
                : fs.getReason().substring(0, 1).toLowerCase(Locale.ROOT) + fs.getReason().substring(1);
        // the OS names the part of the path that failed, which may not be the file the user gave
        return file == null ? reason : reason + " (" + file + ")";
    }

    /** The reason a folder cannot be written into, without writing: null when it exists and is writable. */
    public static String unwritableFolder(Path folder) {
        if (!Files.exists(folder)) {
            Path missing = firstMissingFolder(folder.resolve("x"));
            return "no such folder " + (missing == null ? folder : missing);
        }
        if (!Files.isDirectory(folder)) {
            return folder + " is not a folder";
        }
        return Files.isWritable(folder) ? null : "permission denied on the folder " + folder;
    }

    /**
     * The bytes as UTF-8 text.
     *
     * @throws NotUtf8Exception at the first byte that is not UTF-8, with its offset, line and column
     */
    public static String utf8(byte[] bytes) throws NotUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (decoder.decode(in, out, true).isError()) {
            throw new NotUtf8Exception(bytes, in.position());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** The shallowest folder above {@code file} that does not exist, or null when its folder exists. */
    private static Path firstMissingFolder(Path file) {
        Path parent = file == null ? null : file.toAbsolutePath().getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return null;
        }
        Path missing = parent;
        while (missing.getParent() != null && !Files.exists(missing.getParent())) {
            missing = missing.getParent();
        }
        return file.isAbsolute() ? missing : Path.of("").toAbsolutePath().relativize(missing);
    }

    private static Path path(String file) {
        try {
            return file == null ? null : Path.of(file);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Text that is not UTF-8: where the first bad byte is. */
    public static final class NotUtf8Exception extends CharacterCodingException {
        private final long offset;
        private final int line;
        private final int column;
        private final int value;

        NotUtf8Exception(byte[] bytes, int offset) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            this.offset = offset;
            this.line = line;
            this.column = offset - lineStart + 1;
            this.value = bytes[offset] & 0xff;
        }

        public int line() {
            return line;
        }

        /** Counted in bytes from the start of the line, from 1. */
        public int column() {
            return column;
        }

        @Override
        public String getMessage() {
            return String.format("not UTF-8 text: byte 0x%02X at offset %d", value, offset);
        }
    }
}
