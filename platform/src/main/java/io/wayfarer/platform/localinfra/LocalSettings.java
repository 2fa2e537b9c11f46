package io.wayfarer.platform.localinfra;

/** Reads a local-infrastructure setting from a system property or, failing that, the environment. */
final class LocalSettings {

    private LocalSettings() {
    }

    static String get(String name, String defaultValue) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }

    /** {@code WAYFARER_EMBEDDED=true} ignores the machine's servers (proves the laptop path). */
    static boolean forceEmbedded() {
        return Boolean.parseBoolean(get("WAYFARER_EMBEDDED", "false"));
    }
}
