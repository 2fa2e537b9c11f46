package io.wayfarer.deploy.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/**
 * The steady mixed load, one thread per virtual user, through both gateways: an anonymous and a signed-in
 * reader browse, bookers log in, view, book (with an Idempotency-Key, retried until the API confirms),
 * pay two bookings in three at the Alipay stand-in's cashier and read the order back, chat pairs
 * exchange a message a second over WebSockets, and the staff revise the trip and change a grant and a
 * user's roles every few seconds. Each user pauses about a second between rounds.
 */
final class MixedLoad implements AutoCloseable {

    private final Edge edge;
    private final World world;
    private final Ledger ledger;
    private final int alipayPort;
    /** The load runs while this is true; retries of an operation already begun run until {@link #finish}. */
    private volatile boolean on = true;
    private final BooleanSupplier retrying;
    private final List<Thread> users = new ArrayList<>();
    private final List<ChatClient> chats = new ArrayList<>();
    final AtomicInteger chatSent = new AtomicInteger();
    private final Map<String, AtomicInteger> rounds = new ConcurrentHashMap<>();
    private final AtomicInteger staffRounds = new AtomicInteger();
    /** The drill role's grant and the holder's role as last confirmed (only the staff thread reads and writes them). */
    private boolean granted;
    private boolean holding;
    /** The staff change something every this often (about 100 times in a drill, a few during each outage). */
    private static final long STAFF_PAUSE_MILLIS = 3000;

    MixedLoad(Edge edge, World world, Ledger ledger, int alipayPort, BooleanSupplier retrying) {
        this.edge = edge;
        this.world = world;
        this.ledger = ledger;
        this.alipayPort = alipayPort;
        this.retrying = retrying;
    }

    void start() {
        ledger.loadStarted = java.time.Instant.now();
        user("browse-anonymous", () -> browse(null));
        user("staff", this::changeTripGrantAndRoles);
        user("browse-signed-in", () -> browse(world.reader()));
        for (Account booker : world.bookers()) {
            user(booker.name(), () -> book(booker));
        }
        for (int i = 0; i < world.pairs().size(); i++) {
            World.ChatPair pair = world.pairs().get(i);
            ChatClient traveller = new ChatClient("traveller" + i, pair.traveller(), pair.travellerId(), edge, 0, ledger, retrying);
            ChatClient expert = new ChatClient("expert" + i, pair.expert(), pair.expertUserId(), edge, 1, ledger, retrying);
            for (ChatClient client : List.of(traveller, expert)) {
                client.track(pair.conversationId());
                client.start();
                chats.add(client);
            }
            int index = i;
            user("chat-pair" + i, () -> chat(index, pair.conversationId(), traveller, expert));
        }
    }

    List<ChatClient> chats() {
        return chats;
    }

    private void user(String name, Runnable round) {
        Thread thread = new Thread(() -> {
            while (on) {
                try {
                    round.run();
                } catch (RuntimeException e) {
                    System.err.println("[drill] " + name + ": " + e.getMessage());
                    Account.sleep(1000);
                }
            }
        }, "drill-" + name);
        thread.setDaemon(true);
        users.add(thread);
        thread.start();
    }

    private void browse(Account reader) {
        String token = reader == null ? null : reader.token(retrying);
        Edge edge = reader == null ? this.edge : reader.edge();
        int page = ThreadLocalRandom.current().nextInt(1, 4);
        Edge.Answer list = edge.get("browse", "/v1/trips?per_page=5&page=" + page, token);
        long trip = world.tripId();
        if (list.ok() && list.json().path("items").size() > 0) {
            JsonNode items = list.json().path("items");
            trip = items.get(ThreadLocalRandom.current().nextInt(items.size())).path("id").asLong(trip);
        }
        edge.get("browse", "/v1/trips/" + trip, token);
        edge.get("browse", "/v1/trips/" + trip + "/departures", token);
        if (reader != null) {
            edge.get("recommend", "/v1/recommendations?limit=5", token);
        }
        Account.sleep(1000);
    }

    private void book(Account booker) {
        int round = rounds.computeIfAbsent(booker.name(), name -> new AtomicInteger()).incrementAndGet();
        // the per-account login bucket regains one attempt a minute: a person logs in far less often than that
        if (round % 30 == 0) {
            booker.logoutAndLogin(retrying);
        }
        Edge edge = booker.edge();
        booker.authorised(retrying, token -> edge.get("browse", "/v1/trips/" + world.tripId(), token));

        Ledger.Booking booking = ledger.booking(UUID.randomUUID().toString(), booker.name());
        booking.userId = booker.userId(retrying);
        Map<String, Object> order = Map.of("tripId", world.tripId(), "departureId", world.departureId(), "travellers", 1);
        Edge.Answer placed = booker.authorised(retrying, token -> edge.call("book", "POST", "/v1/orders", token, order,
                Map.of("Idempotency-Key", booking.idempotencyKey)));
        if (placed.status() != 201 && placed.status() != 200) {
            booking.refusal = placed.status() + " " + placed.body();
            return;
        }
        String orderId = placed.json().path("id").asString();
        booking.orderId = orderId;

        if (round % 3 != 0) {
            Edge.Answer payment = booker.authorised(retrying, token -> edge.post("pay", "/v1/orders/" + orderId + "/payments", token, null));
            if (payment.status() == 201 || payment.status() == 200) {
                String outTradeNo = payment.json().path("outTradeNo").asString();
                Edge.Answer cashier = edge.absolute(payment.json().path("payUrl").asString());
                Edge.Answer paid = cashier.status() == 200
                        ? edge.absolute("http://localhost:" + alipayPort + "/cashier/pay?out_trade_no=" + outTradeNo)
                        : cashier;
                if (paid.status() == 302) {
                    booking.paidAtCashier = true;
                } else {
                    booking.refusal = "cashier " + cashier.status() + "/" + paid.status();
                }
            } else {
                booking.refusal = "payment " + payment.status() + " " + payment.body();
            }
        }
        booker.authorised(retrying, token -> edge.get("order", "/v1/orders/" + orderId, token));
        Account.sleep(800);
    }

    private void chat(int pair, String conversation, ChatClient traveller, ChatClient expert) {
        int n = chatSent.incrementAndGet();
        ChatClient sender = n % 2 == 0 ? expert : traveller;
        // sent whether the socket is up or not: as chat-client.js does, a send is queued and goes again with the same
        // client id on the next socket, so a client that never comes back leaves unacknowledged messages (lost)
        sender.send(conversation, "p" + pair + "-" + sender.name() + "-" + n, "Drill message " + n + " from " + sender.name());
        Account.sleep(1000);
    }

    /** One staff round: paul revises the trip's summary, admin toggles the drill role's grant and the holder's roles. */
    private void changeTripGrantAndRoles() {
        int round = staffRounds.incrementAndGet();
        World.Staff staff = world.staff();
        Account.sleep(STAFF_PAUSE_MILLIS / 3);
        reviseTrip(staff.productAdmin(), "A trip the fault drill books over and over (revision " + round + ")");
        Account admin = staff.admin();
        // PUTs of a whole set, each the opposite of the last confirmed one: a real change every time, while a retry
        // after a lost answer repeats the same set, which changes and publishes nothing
        Map<String, Object> grants = Map.of("resourceIds", granted ? List.of() : List.of(staff.resourceId()));
        confirm(admin.authorised(retrying, token -> admin.edge().call("staff", "PUT",
                "/v1/roles/" + staff.roleId() + "/resources", token, grants, Map.of())), "grant change", ledger.grantChanges);
        granted = !granted;
        Account.sleep(STAFF_PAUSE_MILLIS / 3);
        Map<String, Object> roles = Map.of("roles", holding ? List.of("TRAVELLER") : List.of("TRAVELLER", World.DRILL_ROLE));
        confirm(admin.authorised(retrying, token -> admin.edge().call("staff", "PUT",
                "/v1/users/" + staff.roleHolderId() + "/roles", token, roles, Map.of())), "role change", ledger.roleChanges);
        holding = !holding;
        Account.sleep(STAFF_PAUSE_MILLIS / 3);
    }

    private static void confirm(Edge.Answer answer, String what, AtomicInteger confirmed) {
        if (answer.status() != 200) {
            throw new IllegalStateException(what + " not confirmed: " + answer.status() + " " + answer.body());
        }
        confirmed.incrementAndGet();
    }

    /**
     * A conditional PATCH (If-Match the version just read), so a retry of a PATCH whose answer was lost cannot
     * apply it a second time: it gets 412, and the trip read again shows whether the first one was applied.
     */
    private void reviseTrip(Account paul, String summary) {
        String path = "/v1/trips/" + world.tripId();
        for (int attempt = 0; attempt < 20 && retrying.getAsBoolean(); attempt++) {
            Edge.Answer trip = paul.authorised(retrying, token -> paul.edge().get("staff", path, token));
            if (trip.status() != 200) {
                throw new IllegalStateException("trip read refused: " + trip.status() + " " + trip.body());
            }
            if (summary.equals(trip.json().path("summary").asString())) {
                ledger.revisions.add(summary); // an earlier attempt was applied; its answer was lost
                return;
            }
            String version = trip.header("ETag");
            if (version == null) {
                throw new IllegalStateException("the trip came without an ETag: a revision could not be made conditional");
            }
            Edge.Answer patched = paul.authorised(retrying, token -> paul.edge().call("staff", "PATCH", path, token,
                    Map.of("summary", summary), Map.of("If-Match", version)));
            if (patched.status() == 200) {
                ledger.revisions.add(summary);
                return;
            }
            if (patched.status() != 412) {
                throw new IllegalStateException("trip revision refused: " + patched.status() + " " + patched.body());
            }
            Account.sleep(200);
        }
        throw new IllegalStateException("trip revision not confirmed after 20 conditional attempts: " + summary);
    }

    /** Stops starting new rounds and waits for the rounds under way (their retries end at the hard deadline). */
    void stop() {
        on = false;
        for (Thread user : users) {
            try {
                user.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        on = false;
        chats.forEach(ChatClient::close);
    }
}
