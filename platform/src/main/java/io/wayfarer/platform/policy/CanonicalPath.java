package io.wayfarer.platform.policy;

/**
 * The request paths the matcher accepts: already percent-decoded once and normalised by the caller
 * (the gateway). Anything else is refused rather than guessed at, so a normalisation bug upstream
 * fails closed: no empty segment ({@code //}, trailing {@code /}), no {@code .} or {@code ..}
 * segment, no {@code % ; \ ? #}, no whitespace or control character, no U+FFFD (a failed decode).
 */
public final class CanonicalPath {

    public static final int MAX_LENGTH = 2048;
    private static final String[] ROOT = new String[0];

    private CanonicalPath() {
    }

    /** The segments of a canonical path ({@code /} has none), or null when it is not canonical. */
    public static String[] segments(String path) {
        int length = path == null ? 0 : path.length();
        if (length == 0 || length > MAX_LENGTH || path.charAt(0) != '/') {
            return null;
        }
        if (length == 1) {
            return ROOT;
        }
        int count = 1;
        for (int i = 1; i < length; i++) {
            char c = path.charAt(i);
            if (c == '/') {
                count++;
            } else if (!allowed(c)) {
                return null;
            }
        }
        String[] segments = new String[count];
        int start = 1;
        for (int n = 0; n < count; n++) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            if (end == start || isDotSegment(path, start, end)) {
                return null;
            }
            segments[n] = path.substring(start, end);
            start = end + 1;
        }
        return segments;
    }

    private static boolean allowed(char c) {
        if (c <= 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\uFFFD') {
            return false;
        }
        return c != '%' && c != ';' && c != '\\' && c != '?' && c != '#';
    }

    private static boolean isDotSegment(String path, int start, int end) {
        int length = end - start;
        return (length == 1 && path.charAt(start) == '.')
                || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.');
    }
}
