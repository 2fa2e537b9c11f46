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
 * pay two bookings in three at the Alipay stand-in's cashier and read the order back, and chat pairs
 * exchange a message a second over WebSockets. Each user pauses about a second between rounds.
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

    MixedLoad(Edge edge, World world, Ledger ledger, int alipayPort, BooleanSupplier retrying) {
        this.edge = edge;
        this.world = world;
        this.ledger = ledger;
        this.alipayPort = alipayPort;
        this.retrying = retrying;
    }

    void start() {
        user("browse-anonymous", () -> browse(null));
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
        if (sender.connected()) {
            sender.send(conversation, "p" + pair + "-" + sender.name() + "-" + n, "Drill message " + n + " from " + sender.name());
        }
        Account.sleep(1000);
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
