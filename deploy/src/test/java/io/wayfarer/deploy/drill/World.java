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
 * fresh accounts, one conversation per chat pair, and what the staff change during the load.
 */
record World(long tripId, long departureId, int seats, List<Account> bookers, Account reader,
             List<ChatPair> pairs, Staff staff) {

    static final String DEMO_PASSWORD = "Wayfarer-Demo-2026";
    static final int SEATS = 5000;

    /** Role the staff grant and revoke, and assign and take back; it adds nothing anybody needs. */
    static final String DRILL_ROLE = "DRILL_OBSERVER";

    /**
     * The staff's changes during the load, so that every topic carries events across the faults: {@code paul}
     * revises the trip's summary (product.updated), {@code admin} (the local profile's SUPER_ADMIN) grants and
     * revokes a resource no service serves to {@link #DRILL_ROLE} (rbac.policy.changed) and gives that role to a
     * fresh user and takes it back (user.roles.changed). Harmless: the role only ever holds that resource, and
     * the user keeps TRAVELLER throughout.
     */
    record Staff(Account productAdmin, Account admin, long roleId, long resourceId, Account roleHolder,
                 String roleHolderId) {
    }

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
        return new World(tripId, departureId, SEATS, travellers, reader, pairs, staff(edge, paul, running));
    }

    private static Staff staff(Edge edge, Account paul, BooleanSupplier running) {
        Account admin = new Account(edge, "admin", DEMO_PASSWORD);
        long resource = created(admin.authorised(running, token -> admin.edge().post("setup", "/v1/resources", token,
                Map.of("name", "Fault drill probe", "method", "GET", "pattern", "/v1/fault-drill/probe", "category", "other",
                        "service", "catalog-service", "description", "Granted and revoked by the fault drill; nothing serves it"))),
                "resource").path("id").asLong();
        long role = created(admin.authorised(running, token -> admin.edge().post("setup", "/v1/roles", token,
                Map.of("code", DRILL_ROLE, "name", "Fault drill observer", "description", "Changed by the fault drill"))),
                "role").path("id").asLong();
        Account holder = Account.register(edge, "staffer", running);
        return new Staff(paul, admin, role, resource, holder, holder.userId(running));
    }

    private static tools.jackson.databind.JsonNode created(Edge.Answer answer, String what) {
        if (answer.status() != 201 && answer.status() != 200) {
            throw new IllegalStateException("could not create the " + what + ": " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }
}
