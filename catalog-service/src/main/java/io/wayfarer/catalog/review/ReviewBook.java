package io.wayfarer.catalog.review;

import io.wayfarer.catalog.access.CatalogAccess;
import io.wayfarer.catalog.entry.CatalogEntry;
import io.wayfarer.catalog.query.Filters;
import io.wayfarer.catalog.rest.MergePatch;
import io.wayfarer.catalog.rest.Preconditions;
import io.wayfarer.catalog.trip.TripCatalog;
import io.wayfarer.catalog.trip.TripRatings;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.data.domain.Page;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Reviews of trips. Travellers write one per trip; only the author edits it; the author or staff
 * (moderation) delete it. Every change moves the trip's and its expert's aggregates by a delta
 * in the same transaction.
 */
@Service
class ReviewBook {

    private final Reviews reviews;
    private final TripCatalog trips;
    private final TripRatings ratings;
    private final MergePatch mergePatch;
    private final ReviewEvents events;
    private final Clock clock;

    ReviewBook(Reviews reviews, TripCatalog trips, TripRatings ratings, MergePatch mergePatch, ReviewEvents events,
            Clock clock) {
        this.reviews = reviews;
        this.trips = trips;
        this.ratings = ratings;
        this.mergePatch = mergePatch;
        this.events = events;
        this.clock = clock;
    }

    Page<Review> list(long tripId, Integer rating, ListQuery query, Optional<CurrentUser> user) {
        trips.visible(tripId, user);
        List<Specification<Review>> where = new ArrayList<>();
        where.add(Filters.notDeleted());
        where.add(Filters.equal("tripId", tripId));
        if (rating != null) {
            where.add(Filters.equal("rating", rating.shortValue()));
        }
        return reviews.findAll(Filters.all(where), query.pageable("id"));
    }

    @Transactional
    Review write(long tripId, CurrentUser author, ReviewRequest request) {
        CatalogAccess.requireTraveller(author);
        trips.visible(tripId, Optional.of(author));
        if (reviews.existsByTripIdAndUserIdAndDeletedAtIsNull(tripId, author.userId())) {
            throw ProblemException.custom("review-exists", "Already reviewed", HttpStatus.CONFLICT,
                    "You have already reviewed this trip; change your review instead.");
        }
        Review review = reviews.saveAndFlush(new Review(tripId, author.userId(), request, clock.instant()));
        ratings.add(tripId, 1, review.rating());
        events.written(review.view(), false);
        return review;
    }

    @Transactional
    Review rewrite(long id, CurrentUser author, OptionalLong expectedVersion, ReviewRequest request) {
        Review review = existing(id);
        if (!review.writtenBy(author.userId())) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "Only the author changes a review.");
        }
        Preconditions.check(expectedVersion, review.version());
        boolean hadText = !review.view().text().isBlank();
        int delta = review.rewrite(request, clock.instant());
        reviews.flush();
        ratings.add(review.tripId(), 0, delta);
        events.written(review.view(), hadText);
        return review;
    }

    @Transactional
    Review patch(long id, CurrentUser author, OptionalLong expectedVersion, JsonNode patch) {
        Review review = existing(id);
        return rewrite(id, author, expectedVersion, mergePatch.apply(review.asRequest(), patch, ReviewRequest.class));
    }

    @Transactional
    void delete(long id, CurrentUser user, OptionalLong expectedVersion) {
        Review review = existing(id);
        if (!review.writtenBy(user.userId()) && !CatalogAccess.isStaff(user)) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "Only the author or staff delete a review.");
        }
        Preconditions.check(expectedVersion, review.version());
        review.delete(clock.instant());
        reviews.flush();
        ratings.add(review.tripId(), -1, -review.rating());
        events.deleted(review.view());
    }

    Review existing(long id) {
        return CatalogEntry.live(reviews.findById(id), "review", id);
    }
}
