-- What catalog-service's product events say of a trip besides its summary (docs/recommendations.md, "Before
-- there is behaviour"): the catalogue's fallback ranks published trips by their reviews and age, and similar
-- trips without evidence share tags. NULL = not known (a trip fetched by Feign before this version, a deletion).
ALTER TABLE trip_summary
    ADD COLUMN tags           text[],
    ADD COLUMN average_rating numeric(3, 2),
    ADD COLUMN review_count   bigint,
    ADD COLUMN created_at     timestamptz;
CREATE INDEX trip_summary_tags ON trip_summary USING gin (tags) WHERE status = 'published';
