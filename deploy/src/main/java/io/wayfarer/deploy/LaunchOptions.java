package io.wayfarer.deploy;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The command line: {@code [run] [--timeout SECONDS] [--replicas N]} or {@code stop}. The repository root comes
 * from {@code -Dwayfarer.root} (run.sh sets it), else the working directory.
 */
record LaunchOptions(Command command, Path root, Duration timeout, int replicas) {

    enum Command { RUN, STOP, HELP }

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(240);
    static final int MAX_REPLICAS = 3;

    static final String USAGE = """
            Usage: ./deploy/run.sh [--build] [--timeout SECONDS] [--replicas N]
                                                            start everything, stop with Ctrl-C; N (1-3)
                                                            instances of the gateway and of every service
                   ./deploy/run.sh stop                            stop a run from another terminal
            Environment: WAYFARER_EMBEDDED=true ignores the machine's PostgreSQL/Redis;
                         WAYFARER_EMBEDDED_PG_PORT (15432), WAYFARER_EMBEDDED_REDIS_PORT (16379);
                         WAYFARER_PG_HOST/PORT/USER/PASSWORD, WAYFARER_REDIS_HOST/PORT pick the machine's servers.""";

    static LaunchOptions parse(String... args) {
        Command command = Command.RUN;
        Duration timeout = DEFAULT_TIMEOUT;
        int replicas = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "run" -> command = Command.RUN;
                case "stop" -> command = Command.STOP;
                case "-h", "--help", "help" -> command = Command.HELP;
                case "--timeout" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]*")) {
                        throw new LaunchFailure("--timeout needs a number of seconds\n" + USAGE);
                    }
                    timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                }
                case "--replicas" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[1-" + MAX_REPLICAS + "]")) {
                        throw new LaunchFailure("--replicas needs a number from 1 to " + MAX_REPLICAS + "\n" + USAGE);
                    }
                    replicas = Integer.parseInt(args[++i]);
                }
                default -> throw new LaunchFailure("Unknown argument: " + args[i] + "\n" + USAGE);
            }
        }
        Path root = Path.of(System.getProperty("wayfarer.root", "")).toAbsolutePath().normalize();
        return new LaunchOptions(command, root, timeout, replicas);
    }

    /** Gitignored; an embedded PostgreSQL keeps its data here between runs. */
    Path dataDirectory() {
        return root.resolve(".wayfarer");
    }

    Path logDirectory() {
        return dataDirectory().resolve("logs");
    }

    Path runDirectory() {
        return dataDirectory().resolve("run");
    }

    Path tmpDirectory() {
        return dataDirectory().resolve("tmp");
    }
}
