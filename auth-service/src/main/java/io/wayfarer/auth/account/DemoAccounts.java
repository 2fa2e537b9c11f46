package io.wayfarer.auth.account;

import io.wayfarer.platform.problem.ProblemException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo logins of the local launcher — only in the {@code local} profile, never elsewhere.
 * Their password is {@code WAYFARER_DEMO_PASSWORD} (default in the README). Roles: admin is a
 * bootstrap SUPER_ADMIN; the others get theirs from rbac-service once W3 seeds them.
 */
@Component
@Profile("local")
class DemoAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);
    private static final List<Registration> DEMO = List.of(
            demo("admin", "Ada Admin"),
            demo("alice", "Alice Traveller"),
            demo("emma", "Emma Expert"),
            demo("paul", "Paul Products"),
            demo("olga", "Olga Orders"));

    private final Accounts accounts;
    private final UserAccounts users;
    private final String password;

    DemoAccounts(Accounts accounts, UserAccounts users, @Value("${wayfarer.auth.demo-password}") String password) {
        this.accounts = accounts;
        this.users = users;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Registration demo : DEMO) {
            if (users.findByAccount(demo.account()).isEmpty()) {
                try {
                    accounts.register(new Registration(demo.account(), demo.displayName(), demo.email(), password));
                    log.info("Created demo account {}", demo.account());
                } catch (ProblemException alreadyMadeByAnotherInstance) {
                    log.debug("Demo account {} not created: {}", demo.account(), alreadyMadeByAnotherInstance.getMessage());
                }
            }
        }
    }

    private static Registration demo(String account, String name) {
        return new Registration(account, name, account + "@demo.wayfarer.local", null);
    }
}
