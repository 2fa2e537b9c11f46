package io.wayfarer.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.springframework.web.util.UriUtils;

/**
 * Decodes a raw request path exactly once and refuses every form that a router, a permission check
 * and a backend could read differently: encoded or literal backslashes, encoded slashes,
 * {@code .}/{@code ..} segments (also encoded), {@code ;} path parameters, empty segments ({@code //}),
 * control characters, double encoding ({@code %25}), broken escapes and invalid UTF-8.
 *
 * <p>Refusing instead of repairing is deliberate: a repaired path is a guess, and guesses are where
 * bypasses live. Legitimate clients never send these forms.
 */
final class PathNormaliser {

    private PathNormaliser() {
    }

    static CanonicalPath normalise(String rawPath) throws RejectedPathException {
        String raw = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (raw.charAt(0) != '/') {
            throw new RejectedPathException("the path must start with '/'");
        }
        String decoded = utf8(decodeOnce(raw));
        return new CanonicalPath(decoded, reencode(segments(decoded)));
    }

    private static byte[] decodeOnce(String raw) throws RejectedPathException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int value = escapedByte(raw, i);
                i += 2;
                switch (value) {
                    case '%' -> throw new RejectedPathException("double encoding (%25) is not allowed");
                    case '/' -> throw new RejectedPathException("an encoded '/' is not allowed");
                    case '\\' -> throw new RejectedPathException("an encoded '\\' is not allowed");
                    case ';' -> throw new RejectedPathException("an encoded ';' is not allowed");
                    default -> rejectControl(value);
                }
                bytes.write(value);
            } else {
                rejectControl(c);
                if (c > 0x7e) {
                    throw new RejectedPathException("non-ASCII characters must be percent-encoded");
                }
                if (c == '\\') {
                    throw new RejectedPathException("'\\' is not allowed");
                }
                if (c == ';') {
                    throw new RejectedPathException("path parameters (';') are not allowed");
                }
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    private static int escapedByte(String raw, int at) throws RejectedPathException {
        if (at + 2 >= raw.length()) {
            throw new RejectedPathException("a '%' must be followed by two hex digits");
        }
        int high = Character.digit(raw.charAt(at + 1), 16);
        int low = Character.digit(raw.charAt(at + 2), 16);
        if (high < 0 || low < 0) {
            throw new RejectedPathException("a '%' must be followed by two hex digits");
        }
        return (high << 4) | low;
    }

    private static void rejectControl(int c) throws RejectedPathException {
        if (c < 0x20 || c == 0x7f) {
            throw new RejectedPathException("control characters are not allowed");
        }
    }

    private static String utf8(byte[] bytes) throws RejectedPathException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (text.codePoints().anyMatch(Character::isISOControl)) {
                throw new RejectedPathException("control characters are not allowed");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new RejectedPathException("the path is not valid UTF-8");
        }
    }

    private static String[] segments(String decoded) throws RejectedPathException {
        String[] segments = decoded.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty() && i < segments.length - 1) {
                throw new RejectedPathException("empty path segments ('//') are not allowed");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new RejectedPathException("'.' and '..' segments are not allowed");
            }
        }
        return segments;
    }

    private static String reencode(String[] segments) {
        StringJoiner path = new StringJoiner("/", "/", "");
        for (String segment : segments) {
            path.add(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
        }
        return path.toString();
    }
}
