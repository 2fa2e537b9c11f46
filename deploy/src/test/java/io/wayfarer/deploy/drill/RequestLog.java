package io.wayfarer.deploy.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request the load sent through a gateway, with its answer: status, or 0 when none came (connection
 * refused or reset, timeout). Phases are time windows over it, so any window can be counted afterwards.
 */
final class RequestLog {

    /**
     * @param status    the HTTP status, 0 for no answer
     * @param failovers gateways that gave no answer before the one that did
     */
    record Entry(Instant at, String kind, String method, String path, int gateway, int status, String detail, int failovers,
                 String text) {

        boolean failed() {
            // 401 on the load's own calls means a lost session; 429 is a refusal the user sees too
            return status == 0 || status >= 500 || status == 401 || status == 429;
        }
    }

    /** Counts of one window. */
    record Counts(int requests, int ok, int client, int server, int noAnswer, int failed, int failovers,
                  Optional<Instant> lastFailure, List<Entry> failures) {
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();

    void add(String kind, String method, String path, int gateway, int status, String detail, int failovers, String text) {
        entries.add(new Entry(Instant.now(), kind, method, path, gateway, status, detail, failovers, text));
    }

    /** Every entry as CSV, to look into a phase afterwards. */
    String csv() {
        StringBuilder csv = new StringBuilder("at,kind,method,path,gateway,status,problem,failovers,problem detail\n");
        entries.forEach(e -> csv.append(e.at()).append(',').append(e.kind()).append(',').append(e.method()).append(',')
                .append(e.path()).append(',').append(e.gateway()).append(',').append(e.status()).append(',')
                .append(e.detail()).append(',').append(e.failovers()).append(',').append(e.text()).append('\n'));
        return csv.toString();
    }

    Counts between(Instant from, Instant to) {
        return count(window(from, to));
    }

    List<Entry> window(Instant from, Instant to) {
        return entries.stream().filter(e -> !e.at().isBefore(from) && e.at().isBefore(to)).toList();
    }

    static Counts count(List<Entry> window) {
        int ok = 0;
        int client = 0;
        int server = 0;
        int none = 0;
        int failed = 0;
        int failovers = 0;
        Instant last = null;
        List<Entry> failures = new ArrayList<>();
        for (Entry entry : window) {
            int status = entry.status();
            failovers += entry.failovers();
            if (status == 0) {
                none++;
            } else if (status < 400) {
                ok++;
            } else if (status < 500) {
                client++;
            } else {
                server++;
            }
            if (entry.failed()) {
                failed++;
                failures.add(entry);
                last = last == null || entry.at().isAfter(last) ? entry.at() : last;
            }
        }
        return new Counts(window.size(), ok, client, server, none, failed, failovers, Optional.ofNullable(last), failures);
    }

    /** Seconds from {@code since} to the last failure of the window, or empty if nothing failed. */
    static Optional<Duration> recovery(Counts counts, Instant since) {
        return counts.lastFailure().map(last -> last.isBefore(since) ? Duration.ZERO : Duration.between(since, last));
    }
}
