package io.wayfarer.rbac.category;

/** A resource category as the API shows it; {@code code} is what resource filters and bodies use. */
public record CategoryView(Long id, String code, String name, int sortOrder) {
}
