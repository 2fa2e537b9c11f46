package io.wayfarer.catalog.expert;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface Experts extends JpaRepository<Expert, Long>, JpaSpecificationExecutor<Expert> {
}
