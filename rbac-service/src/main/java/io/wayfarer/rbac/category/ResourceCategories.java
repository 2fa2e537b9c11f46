package io.wayfarer.rbac.category;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ResourceCategories extends JpaRepository<ResourceCategory, Long>, JpaSpecificationExecutor<ResourceCategory> {

    Optional<ResourceCategory> findByCode(String code);
}
