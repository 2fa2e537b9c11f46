package io.wayfarer.rbac.policy;

import io.wayfarer.platform.policy.CompiledPolicy;
import io.wayfarer.platform.policy.PolicyDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decision latency, 10,000 resources and 50 roles: the compiled matcher (what the gateway runs per
 * request) against jCasbin's RESTful RBAC model on the same policy. Run: see rbac-service/BENCHMARK.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyDecisionBenchmark {

    static final String CASBIN_MODEL = """
            [request_definition]
            r = sub, obj, act

            [policy_definition]
            p = sub, obj, act

            [role_definition]
            g = _, _

            [policy_effect]
            e = some(where (p.eft == allow))

            [matchers]
            m = g(r.sub, p.sub) && keyMatch2(r.obj, p.obj) && regexMatch(r.act, p.act)
            """;

    private BenchmarkPolicy policy;
    private CompiledPolicy compiled;
    private Enforcer casbin;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        policy = new BenchmarkPolicy(42);
        compiled = CompiledPolicy.compile(policy.snapshot);
        Model model = new Model();
        model.loadModelFromText(CASBIN_MODEL);
        casbin = new Enforcer(model);
        casbin.enableLog(false);
        casbin.addPolicies(policy.casbinPolicies());
        List<List<String>> memberships = new ArrayList<>();
        for (int i = 0; i < policy.requests.size(); i++) {
            String user = "u" + i;
            memberships.add(List.of(user, "ANONYMOUS"));
            for (String role : policy.requests.get(i).roles()) {
                memberships.add(List.of(user, role));
            }
        }
        casbin.addGroupingPolicies(memberships);
        checkAgreement();
    }

    /** Both engines must give the same answers, or the comparison means nothing. */
    private void checkAgreement() {
        int allowed = 0;
        for (int i = 0; i < policy.requests.size(); i++) {
            BenchmarkPolicy.Request request = policy.requests.get(i);
            boolean fast = compiled.allows(request.method(), request.path(), request.roles());
            boolean reference = casbin.enforce("u" + i, request.path(), request.method());
            if (fast != reference) {
                throw new IllegalStateException("disagreement on " + request);
            }
            allowed += fast ? 1 : 0;
        }
        System.out.printf("%n%d resources, %d casbin policy lines, %d requests (%d allowed)%n",
                compiled.resourceCount(), policy.casbinPolicies().size(), policy.requests.size(), allowed);
    }

    @Benchmark
    public boolean compiledMatcher() {
        int i = next++ & (BenchmarkPolicy.REQUESTS - 1);
        BenchmarkPolicy.Request request = policy.requests.get(i);
        return compiled.allows(request.method(), request.path(), request.roles());
    }

    @Benchmark
    public PolicyDecision compiledMatcherWithExplanation() {
        int i = next++ & (BenchmarkPolicy.REQUESTS - 1);
        BenchmarkPolicy.Request request = policy.requests.get(i);
        return compiled.decide(request.method(), request.path(), request.roles());
    }

    @Benchmark
    @Warmup(iterations = 1, time = 5)
    @Measurement(iterations = 3, time = 5)
    public boolean jcasbin() {
        int i = next++ & (BenchmarkPolicy.REQUESTS - 1);
        BenchmarkPolicy.Request request = policy.requests.get(i);
        return casbin.enforce("u" + i, request.path(), request.method());
    }
}
