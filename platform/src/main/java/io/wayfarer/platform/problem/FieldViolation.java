package io.wayfarer.platform.problem;

/** One entry of a 422 problem's {@code errors} array. */
public record FieldViolation(String field, String message) {
}
