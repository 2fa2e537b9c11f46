package io.wayfarer.rbac;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** rbac-service: Roles, resources (route + HTTP method), categories, grants and user-role assignments. */
@SpringBootApplication
public class RbacServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RbacServiceApplication.class, args);
    }
}
