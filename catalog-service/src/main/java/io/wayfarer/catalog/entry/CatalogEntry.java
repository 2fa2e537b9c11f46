package io.wayfarer.catalog.entry;

import io.wayfarer.catalog.cache.Versioned;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * What every editable catalogue row keeps besides its own fields (docs/api-conventions.md): a
 * server-assigned id; the version that is its ETag, optimistic lock and cache version; when it
 * was created and last changed; and when it was deleted. Deletes are soft, so the API answers
 * 410 Gone for a deleted row instead of 404, and lists leave it out ({@code Filters.notDeleted()}).
 *
 * @param <V> the view clients read
 */
@MappedSuperclass
public abstract class CatalogEntry<V> {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Version
    private long version;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant deletedAt;

    protected CatalogEntry() {
    }

    protected CatalogEntry(Instant now) {
        this.createdAt = now;
    }

    public long id() {
        return id;
    }

    public long version() {
        return version;
    }

    /** The view at its version, or "gone" once deleted (the cache keeps that answer like any other). */
    public Versioned<V> versioned() {
        return deleted() ? Versioned.gone(version) : new Versioned<>(version, view());
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public void delete(Instant now) {
        this.deletedAt = now;
        this.updatedAt = now;
    }

    /** Called by the entry's own changes, so {@code updatedAt} says when the client-visible fields last moved. */
    protected void changedAt(Instant now) {
        this.updatedAt = now;
    }

    /** The representation clients read; built from the subclass's fields and the ones below. */
    protected abstract V view();

    protected Instant createdAt() {
        return createdAt;
    }

    protected Instant updatedAt() {
        return updatedAt;
    }

    /** The row a write may change: 404 when there is none, 410 when it was deleted. */
    public static <E extends CatalogEntry<?>> E live(Optional<E> row, String kind, long id) {
        E entry = row.orElseThrow(() -> notFound(kind, id));
        if (entry.deleted()) {
            throw gone(kind, id);
        }
        return entry;
    }

    /** The same answers for a read through the cache, which returns {@link #versioned()}. */
    public static <T> Versioned<T> liveCached(Optional<Versioned<T>> found, String kind, long id) {
        Versioned<T> entry = found.orElseThrow(() -> notFound(kind, id));
        if (entry.gone()) {
            throw gone(kind, id);
        }
        return entry;
    }

    /** {@code kind} is the entry's lower-case name: "No trip 7." */
    public static ProblemException notFound(String kind, long id) {
        return ProblemException.of(ProblemType.NOT_FOUND, "No " + kind + " " + id + ".");
    }

    private static ProblemException gone(String kind, long id) {
        return ProblemException.of(ProblemType.GONE,
                Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " " + id + " was deleted.");
    }
}
