package io.wayfarer.recommend.model.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes the MovieLens {@code u.data} format: {@code user<TAB>item<TAB>rating<TAB>timestamp}, one
 * rating per line (any run of tabs, spaces or commas separates; blank lines and lines starting with # are skipped).
 */
public final class RatingsFile {

    private RatingsFile() {
    }

    public static List<Rating> read(Path file) throws IOException {
        List<Rating> ratings = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] f = trimmed.split("[\\t ,]+");
            if (f.length < 3) {
                throw new IOException(file + ":" + lineNumber + ": expected user, item, rating[, timestamp]");
            }
            try {
                ratings.add(new Rating(f[0], f[1], Double.parseDouble(f[2]), f.length > 3 ? Long.parseLong(f[3]) : 0));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return ratings;
    }

    public static void write(Path file, List<Rating> ratings) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Rating r : ratings) {
                String value = r.value() == Math.rint(r.value()) ? Long.toString((long) r.value())
                        : String.format(Locale.ROOT, "%s", r.value());
                out.write(r.user() + "\t" + r.item() + "\t" + value + "\t" + r.timestamp() + "\n");
            }
        }
    }
}
