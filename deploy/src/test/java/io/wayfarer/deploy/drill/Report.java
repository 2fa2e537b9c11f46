package io.wayfarer.deploy.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The drill's record: phases (time windows over the request log) and the verdict, written as Markdown. */
final class Report {

    /** One phase: a window of the load; the fault ends at {@code restoredAt} (a kill "ends" at once). */
    static final class Phase {
        final String name;
        final String fault;
        final Instant start = Instant.now();
        Instant restoredAt;
        Instant end;
        final List<String> notes = new ArrayList<>();
        String load;

        Phase(String name, String fault) {
            this.name = name;
            this.fault = fault;
            this.restoredAt = start;
            this.load = MachineLoad.now();
        }

        void restored() {
            restoredAt = Instant.now();
        }

        void note(String note) {
            notes.add(note);
            System.out.println("[drill] " + name + ": " + note);
        }
    }

    private final List<Phase> phases = new ArrayList<>();
    private final List<String> facts = new ArrayList<>();
    private final List<Audit.Check> checks = new ArrayList<>();
    private final List<EventAudit.FlowCount> flows = new ArrayList<>();

    Phase begin(String name, String fault) {
        Phase phase = new Phase(name, fault);
        phases.add(phase);
        System.out.println("[drill] --- " + name + ": " + fault + " (load " + phase.load + ")");
        return phase;
    }

    void end(Phase phase) {
        phase.end = Instant.now();
    }

    void fact(String fact) {
        facts.add(fact);
        System.out.println("[drill] " + fact);
    }

    void checks(List<Audit.Check> more) {
        checks.addAll(more);
    }

    void flows(List<EventAudit.FlowCount> counts) {
        flows.addAll(counts);
    }

    int lost() {
        return checks.stream().mapToInt(Audit.Check::lost).sum()
                + flows.stream().mapToInt(EventAudit.FlowCount::lost).sum();
    }

    int duplicated() {
        return checks.stream().mapToInt(Audit.Check::duplicated).sum()
                + flows.stream().mapToInt(EventAudit.FlowCount::duplicated).sum();
    }

    List<Audit.Check> checks() {
        return checks;
    }

    String markdown(RequestLog log, Instant from, Instant to) {
        StringBuilder md = new StringBuilder();
        md.append("## Fault drill — ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(from.atOffset(ZoneOffset.UTC)
                .withNano(0))).append(" UTC\n\n");
        facts.forEach(fact -> md.append("- ").append(fact).append('\n'));
        md.append("\n### Phases (requests through the gateways, as the virtual users saw them)\n\n")
                .append("| phase | fault | requests | 2xx/3xx | 4xx | 5xx | no answer | failed | failovers | recovered | what failed | load (1 min) | notes |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|\n");
        for (Phase phase : phases) {
            Instant end = phase.end == null ? to : phase.end;
            RequestLog.Counts counts = log.between(phase.start, end);
            Optional<Duration> recovery = RequestLog.recovery(counts, phase.restoredAt);
            String recovered = recovery.map(d -> lastStretch(counts, end)
                    ? "still failing at the end (" + seconds(Duration.between(phase.restoredAt, end)) + ")"
                    : seconds(d) + " after " + (phase.restoredAt.equals(phase.start) ? "the fault" : "the restore"))
                    .orElse("no failure");
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %d | %s | %s | %s | %s |%n", phase.name,
                    phase.fault, counts.requests(), counts.ok(), counts.client(), counts.server(), counts.noAnswer(),
                    counts.failed(), counts.failovers(), recovered, why(counts), phase.load, String.join("; ", phase.notes)));
        }
        RequestLog.Counts all = log.between(from, to);
        md.append(String.format(Locale.ROOT, "| **all** | | **%d** | %d | %d | %d | %d | %d | %d | | | | |%n%n", all.requests(),
                all.ok(), all.client(), all.server(), all.noAnswer(), all.failed(), all.failovers()));
        md.append("\"failed\" = no answer, 5xx, 401 or 429 on a request of the load; each was retried by its virtual user ")
                .append("(a POST /v1/orders with the same Idempotency-Key) until it succeeded, so a failure is a delay, not a loss. ")
                .append("\"failovers\" = attempts the load balancer (the drill's client) moved to the other gateway because one gave no answer; ")
                .append("the user got the other gateway's answer. ")
                .append("\"recovered\" = time from the fault (a kill) or the restore (an outage) to the last failed request of the phase. ")
                .append("\"what failed\" = kind status problem-type × count.\n\n");

        md.append("### Requests by kind (whole drill)\n\n| kind | requests | 2xx/3xx | 4xx | 5xx | no answer | failures seen (status problem-type × count) |\n")
                .append("|---|---:|---:|---:|---:|---:|---|\n");
        Map<String, List<RequestLog.Entry>> byKind = log.window(from, to).stream()
                .collect(Collectors.groupingBy(RequestLog.Entry::kind, TreeMap::new, Collectors.toList()));
        byKind.forEach((kind, entries) -> {
            RequestLog.Counts counts = RequestLog.count(entries);
            Map<String, Long> why = counts.failures().stream().collect(Collectors.groupingBy(
                    e -> e.status() + (e.detail().isEmpty() ? "" : " " + e.detail()), TreeMap::new, Collectors.counting()));
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %s |%n", kind, counts.requests(), counts.ok(),
                    counts.client(), counts.server(), counts.noAnswer(),
                    why.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "))));
        });

        md.append("\n### Events: produced (outbox rows of the types the consumer applies) vs applied (processed_event rows) ")
                .append("vs their effects\n\n")
                .append("| topic | consumer | types | produced | unpublished | applied | missing | published twice | effect counted | ")
                .append("expected | found | effect missing | effect twice |\n")
                .append("|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (EventAudit.FlowCount flow : flows) {
            EventAudit.Effects effects = flow.effects();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %s | %s | %d | %s | %d | %d | %d | %d |%n",
                    flow.flow().topic(), flow.flow().consumer(), String.join(", ", new java.util.TreeSet<>(flow.flow().types())),
                    flow.produced(), flow.unpublished(), flow.applied() < 0 ? "n/a" : String.valueOf(flow.applied()),
                    flow.applied() < 0 ? "n/a" : String.valueOf(flow.missing()), flow.repeated(), effects.what(),
                    effects.expected(), effects.found(), effects.missing(), effects.duplicated()));
        }
        md.append("\n\"published twice\" = outbox rows repeating one change (same order and type, same view, same trip version, ")
                .append("same session, a user's same roles twice in a row, same policy version). The effect columns count what applying ")
                .append("the events left behind, so that an event applied twice — which processed_event's key cannot show — would. ")
                .append("They count as lost/duplicated except where the effect says \"reported\".\n");

        md.append("\n### What the load did vs what the databases hold\n\n| check | checked | lost | duplicated | details |\n")
                .append("|---|---:|---:|---:|---|\n");
        for (Audit.Check check : checks) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s |%n", check.what(), check.checked(), check.lost(),
                    check.duplicated(), check.note().isEmpty() ? "—" : check.note().replace("|", "/")));
        }
        md.append(String.format(Locale.ROOT, "%n**lost = %d, duplicated = %d**%n", lost(), duplicated()));
        return md.toString();
    }

    /** The failures of a window, grouped: "book 502 bad-gateway ×3". */
    private static String why(RequestLog.Counts counts) {
        return counts.failures().stream().collect(Collectors.groupingBy(e -> e.kind() + " " + e.status()
                        + (e.detail().isEmpty() ? "" : " " + e.detail()), TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static boolean lastStretch(RequestLog.Counts counts, Instant end) {
        return counts.lastFailure().map(last -> Duration.between(last, end).toMillis() < 1500).orElse(false);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The machine's load average and memory, for the record: the drill shares two cores with whatever else runs. */
    static final class MachineLoad {

        private MachineLoad() {
        }

        static String now() {
            try {
                String[] average = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return average[0];
            } catch (IOException | RuntimeException e) {
                return "?";
            }
        }

        static String describe() {
            String memory = "?";
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
                long total = kib(lines, "MemTotal:");
                long available = kib(lines, "MemAvailable:");
                memory = String.format(Locale.ROOT, "%.1f of %.1f GiB available", available / 1048576.0, total / 1048576.0);
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            long javaProcesses = ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/java"))
                    .orElse(false)).count();
            String average = "?";
            try {
                average = Files.readString(Path.of("/proc/loadavg")).trim();
            } catch (IOException e) {
                // not Linux
            }
            return Runtime.getRuntime().availableProcessors() + " cores, load average " + average + ", " + memory + ", "
                    + javaProcesses + " java processes on the machine";
        }

        private static long kib(List<String> lines, String key) {
            return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
        }
    }
}
