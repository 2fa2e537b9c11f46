package io.wayfarer.rbac.resource;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface RouteResources extends JpaRepository<RouteResource, Long>, JpaSpecificationExecutor<RouteResource> {

    /** Resources of the method whose pattern has the given shape (variable names ignored). */
    @Query(value = "SELECT id FROM resource WHERE method = ?1 "
            + "AND regexp_replace(pattern, '\\{[^}/]*\\}', '{}', 'g') = ?2", nativeQuery = true)
    List<Long> idsWithShape(String method, String shape);
}
