package io.wayfarer.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A trip body built by business names: {@code aTrip().to(kyoto).ledBy(emma).priced("3999.00")}. */
public final class TripFixture {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private TripFixture() {
        fields.put("title", "Tea houses of Uji");
        fields.put("summary", "Three days among tea fields and temples");
        fields.put("description", "Walk, taste, and learn the tea ceremony.");
        fields.put("price", "2999.00");
        fields.put("currency", "CNY");
        fields.put("durationDays", 3);
        fields.put("tags", List.of("tea", "culture"));
        fields.put("coverImageUrl", "https://img.wayfarer.io/uji.jpg");
        fields.put("status", "published");
    }

    public static TripFixture aTrip() {
        return new TripFixture();
    }

    public TripFixture to(long destinationId) {
        return with("destinationId", destinationId);
    }

    public TripFixture ledBy(long expertId) {
        return with("expertId", expertId);
    }

    public TripFixture titled(String title) {
        return with("title", title);
    }

    public TripFixture summary(String summary) {
        return with("summary", summary);
    }

    public TripFixture priced(String price) {
        return with("price", price);
    }

    public TripFixture days(int days) {
        return with("durationDays", days);
    }

    public TripFixture tagged(String... tags) {
        return with("tags", List.of(tags));
    }

    public TripFixture draft() {
        return with("status", "draft");
    }

    public TripFixture with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public String json() {
        return CatalogApi.json.writeValueAsString(fields);
    }
}
