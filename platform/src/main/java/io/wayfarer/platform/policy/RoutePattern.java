package io.wayfarer.platform.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A resource's path pattern, parsed once: literal segments (matched exactly, case-sensitive),
 * {@code {name}} (exactly one non-empty segment) and a final {@code **} (zero or more remaining
 * segments). Nothing else: no partial-segment wildcards, no regular expressions, no trailing slash.
 * Two patterns with the same {@link #shape()} (variable names ignored) match the same paths.
 */
public final class RoutePattern {

    public static final int MAX_LENGTH = 300;

    /** What a segment of a pattern is; the order is specificity (literal beats variable beats rest). */
    public enum Kind { LITERAL, VARIABLE, REST }

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()+,=:@-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\{[A-Za-z][A-Za-z0-9_]{0,30}}");

    private final String text;
    private final List<String> segments;
    private final List<Kind> kinds;

    private RoutePattern(String text, List<String> segments, List<Kind> kinds) {
        this.text = text;
        this.segments = segments;
        this.kinds = kinds;
    }

    /** @throws IllegalArgumentException with a message fit for a 422 field error */
    public static RoutePattern parse(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) != '/') {
            throw new IllegalArgumentException("must start with /");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        List<String> segments = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        if (text.length() > 1) {
            String[] parts = text.substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                Kind kind = kindOf(part, i == parts.length - 1);
                segments.add(kind == Kind.VARIABLE ? part.substring(1, part.length() - 1) : part);
                kinds.add(kind);
            }
        }
        return new RoutePattern(text, List.copyOf(segments), List.copyOf(kinds));
    }

    private static Kind kindOf(String part, boolean last) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("must not contain empty segments (// or a trailing /)");
        }
        if (part.equals("**")) {
            if (!last) {
                throw new IllegalArgumentException("may use ** only as the last segment");
            }
            return Kind.REST;
        }
        if (part.startsWith("{")) {
            if (!VARIABLE.matcher(part).matches()) {
                throw new IllegalArgumentException("has a malformed variable segment: " + part);
            }
            return Kind.VARIABLE;
        }
        if (part.equals(".") || part.equals("..") || !LITERAL.matcher(part).matches()) {
            throw new IllegalArgumentException("has a segment that is not a plain literal, {variable} or **: " + part);
        }
        return Kind.LITERAL;
    }

    /** The pattern with variable names dropped ({@code /v1/trips/{}}): the uniqueness key with the method. */
    public String shape() {
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            shape.append('/').append(kinds.get(i) == Kind.VARIABLE ? "{}" : segments.get(i));
        }
        return shape.toString();
    }

    public String text() {
        return text;
    }

    /** Literal text, variable name (without braces) or {@code **}, per segment. */
    public List<String> segments() {
        return segments;
    }

    public List<Kind> kinds() {
        return kinds;
    }

    @Override
    public String toString() {
        return text;
    }
}
