package dev.graphids.can.read;

import dev.graphids.error.BadInputException;
import dev.graphids.error.GraphidsException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens capture files: gzip is recognised by its magic bytes (not the file name) and the layout from the first
 * non-blank line, unless {@link ReadOptions#format()} names it.
 */
public final class FrameReaders {
    private static final int BUFFER = 1 << 16;

    private FrameReaders() {
    }

    /** Opens a file; the caller closes the reader. */
    public static FrameReader open(Path file, ReadOptions options) {
        InputStream raw;
        try {
            if (Files.isDirectory(file)) {
                throw GraphidsException.usage(file + ": is a directory, expected a capture file");
            }
            raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        } catch (NoSuchFileException e) {
            throw GraphidsException.environment(file + ": no such file");
        } catch (IOException e) {
            throw GraphidsException.environment(file + ": cannot open: " + e.getMessage(), e);
        }
        return open(file, raw, options);
    }

    /** Reads a stream (standard input, say) named {@code name} in messages; the reader closes the stream. */
    public static FrameReader open(Path name, InputStream stream, ReadOptions options) {
        InputStream raw = stream.markSupported() ? stream : new BufferedInputStream(stream, BUFFER);
        ReadReport report = new ReadReport(name);
        try {
            boolean gzip = startsWithGzipMagic(raw);
            InputStream in = gzip ? new GZIPInputStream(raw, BUFFER) : raw;
            LineSource lines = new LineSource(in, options.maxLineBytes());
            if (!nextNonBlank(lines)) {
                throw new BadInputException(name + ": empty capture: no lines to read");
            }
            String first = Ascii.text(lines.buffer(), lines.start(), lines.end());
            if (lines.tooLong() || !Ascii.isText(lines.buffer(), lines.start(), lines.end())) {
                throw new BadInputException(name + ":" + lines.lineNumber() + ": not a CAN capture: the first line "
                        + (lines.tooLong() ? "is " + lines.length() + " bytes long" : "holds binary bytes, found "
                        + BadInputException.quote(first)));
            }
            CaptureFormat format = options.format() != null ? options.format() : detect(name, lines, first);
            report.setFormat(format, gzip);
            boolean firstIsData = looksLikeData(first);
            return switch (format) {
                case CSV -> {
                    if (firstIsData) {
                        throw BadInputException.at(name, lines.lineNumber(), "(header)",
                                CsvFrameReader.EXPECTED_HEADER, first);
                    }
                    yield CsvFrameReader.open(name, options, in, lines, report, first);
                }
                case CANDUMP -> new CandumpFrameReader(name, options, in, lines, report);
                case HCRL -> new HcrlFrameReader(name, options, in, lines, report, firstIsData);
            };
        } catch (EOFException e) {
            closeQuietly(raw);
            throw new BadInputException(name + ": rejected: the gzip stream ends early (truncated file)");
        } catch (ZipException e) {
            closeQuietly(raw);
            throw new BadInputException(name + ": rejected: corrupt gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            closeQuietly(raw);
            throw GraphidsException.environment(name + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    private static boolean nextNonBlank(LineSource lines) throws IOException {
        while (lines.next()) {
            if (lines.tooLong()) {
                return true;
            }
            for (int i = lines.start(); i < lines.end(); i++) {
                if (!Ascii.isBlank(lines.buffer()[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A line whose first comma-separated field is a number is a data row, not a header. */
    private static boolean looksLikeData(String line) {
        int comma = line.indexOf(',');
        String first = (comma < 0 ? line : line.substring(0, comma)).strip();
        if (first.startsWith("\ufeff")) {
            first = first.substring(1);
        }
        return !first.isEmpty() && (Character.isDigit(first.charAt(0)) || first.charAt(0) == '(');
    }

    private static CaptureFormat detect(Path name, LineSource lines, String first) {
        String line = first.strip();
        if (line.startsWith("(")) {
            return CaptureFormat.CANDUMP;
        }
        if (looksLikeData(line)) {
            String[] parts = line.split(",", -1);
            String last = parts[parts.length - 1].strip();
            if (parts.length >= 4 && (last.equals("R") || last.equals("T"))) {
                return CaptureFormat.HCRL;
            }
            if (parts.length >= 3) {
                throw BadInputException.at(name, lines.lineNumber(), "(header)", CsvFrameReader.EXPECTED_HEADER,
                        first);
            }
        } else if (CsvFrameReader.isHeader(line)) {
            return CaptureFormat.CSV;
        } else if (line.toLowerCase(java.util.Locale.ROOT).replace(" ", "").startsWith("timestamp,canid,dlc")) {
            return CaptureFormat.HCRL;
        }
        throw new BadInputException(name + ":" + lines.lineNumber() + ": cannot tell the capture format from "
                + BadInputException.quote(first) + ": expected " + CsvFrameReader.EXPECTED_HEADER
                + ", a candump -L line '(seconds) can0 123#DEADBEEF', or an HCRL row 'seconds,ID,DLC,bytes...,R|T'"
                + "; name the format with --format");
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Already failing; the original error is the one to report.
        }
    }
}
