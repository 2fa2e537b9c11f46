package io.wayfarer.catalog.review;

import io.wayfarer.catalog.rest.MergePatch;
import io.wayfarer.catalog.rest.Preconditions;
import io.wayfarer.catalog.rest.Responses;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Reviews: listed and written under their trip, then addressed as {@code /v1/reviews/{id}}. */
@RestController
class ReviewController {

    private static final Map<String, String> SORTABLE = Map.of("created_at", "createdAt", "rating", "rating");
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final ReviewBook book;

    ReviewController(ReviewBook book) {
        this.book = book;
    }

    @GetMapping(path = "/v1/trips/{tripId}/reviews", produces = JSON)
    ResponseEntity<ListPage<ReviewView>> list(@PathVariable long tripId, Optional<CurrentUser> user,
            HttpServletRequest request, @RequestParam(required = false) Integer rating) {
        ListQuery query = ListQuery.from(request.getParameterMap(), SORTABLE, "created_at");
        return Responses.list(book.list(tripId, rating, query, user), query, Review::view);
    }

    @PostMapping(path = "/v1/trips/{tripId}/reviews", consumes = JSON, produces = JSON)
    ResponseEntity<ReviewView> write(CurrentUser user, @PathVariable long tripId,
            @Valid @RequestBody ReviewRequest body) {
        Review review = book.write(tripId, user, body);
        return Responses.created("/v1/reviews/" + review.id(), review.versioned());
    }

    @GetMapping(path = "/v1/reviews/{id}", produces = JSON)
    ResponseEntity<ReviewView> one(@PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return Responses.one(book.existing(id).versioned(), ifNoneMatch);
    }

    @PutMapping(path = "/v1/reviews/{id}", consumes = JSON, produces = JSON)
    ResponseEntity<ReviewView> rewrite(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ReviewRequest body) {
        return Responses.updated(book.rewrite(id, user, Preconditions.expectedVersion(ifMatch), body).versioned());
    }

    @PatchMapping(path = "/v1/reviews/{id}", consumes = {MergePatch.MEDIA_TYPE, JSON}, produces = JSON)
    ResponseEntity<ReviewView> patch(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode patch) {
        return Responses.updated(book.patch(id, user, Preconditions.expectedVersion(ifMatch), patch).versioned());
    }

    @DeleteMapping("/v1/reviews/{id}")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        book.delete(id, user, Preconditions.expectedVersion(ifMatch));
        return Responses.deleted();
    }
}
