package io.wayfarer.deploy.drill;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the load needs, created through the public API before it starts: a published trip with one
 * departure of many seats (by the demo product administrator), fresh travellers, travel experts linked to
 * fresh accounts, and one conversation per chat pair.
 */
record World(long tripId, long departureId, int seats, List<Account> bookers, Account reader,
             List<ChatPair> pairs) {

    static final String DEMO_PASSWORD = "Wayfarer-Demo-2026";
    static final int SEATS = 5000;

    /** A traveller and an expert with their conversation. */
    record ChatPair(Account traveller, String travellerId, Account expert, String expertUserId, String conversationId) {
    }

    static World create(Edge edge, int bookers, int chatPairs, BooleanSupplier running) {
        Account paul = new Account(edge, "paul", DEMO_PASSWORD);
        long destination = created(paul.authorised(running, token -> edge.post("setup", "/v1/destinations", token,
                Map.of("name", "Drill Valley", "country", "Japan", "region", "Kansai"))), "destination").path("id").asLong();
        Map<String, Object> trip = new LinkedHashMap<>();
        trip.put("title", "Fault drill food walk");
        trip.put("summary", "A trip the fault drill books over and over");
        trip.put("destinationId", destination);
        trip.put("price", "199.00");
        trip.put("currency", "CNY");
        trip.put("durationDays", 2);
        trip.put("status", "published");
        long tripId = created(paul.authorised(running, token -> edge.post("setup", "/v1/trips", token, trip)), "trip")
                .path("id").asLong();
        long departureId = created(paul.authorised(running, token -> edge.post("setup", "/v1/trips/" + tripId + "/departures",
                token, Map.of("startsOn", LocalDate.now().plusDays(60).toString(), "seatsTotal", SEATS))), "departure")
                .path("id").asLong();

        List<Account> travellers = new ArrayList<>();
        for (int i = 0; i < bookers; i++) {
            travellers.add(Account.register(edge, "booker" + i, running));
        }
        Account reader = Account.register(edge, "reader", running);
        List<ChatPair> pairs = new ArrayList<>();
        for (int i = 0; i < chatPairs; i++) {
            Account traveller = Account.register(edge, "asker" + i, running);
            Account expert = Account.register(edge, "expert" + i, running);
            String expertUserId = expert.userId(running);
            long expertId = created(paul.authorised(running, token -> edge.post("setup", "/v1/experts", token,
                    Map.of("displayName", "Drill expert " + expertUserId.substring(0, 8), "userId", expertUserId))), "expert")
                    .path("id").asLong();
            String conversation = created(traveller.authorised(running, token -> edge.post("setup", "/v1/conversations",
                    token, Map.of("expertId", expertId, "tripId", tripId))), "conversation").path("id").asString();
            pairs.add(new ChatPair(traveller, traveller.userId(running), expert, expertUserId, conversation));
        }
        return new World(tripId, departureId, SEATS, travellers, reader, pairs);
    }

    private static tools.jackson.databind.JsonNode created(Edge.Answer answer, String what) {
        if (answer.status() != 201 && answer.status() != 200) {
            throw new IllegalStateException("could not create the " + what + ": " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }
}
