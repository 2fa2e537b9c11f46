package io.wayfarer.auth.account;

/** Filters of {@code GET /v1/users}: substring of account or email, enabled flag. */
record UserFilter(String account, String email, Boolean enabled) {
}
