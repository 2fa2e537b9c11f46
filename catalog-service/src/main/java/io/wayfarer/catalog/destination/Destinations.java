package io.wayfarer.catalog.destination;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface Destinations extends JpaRepository<Destination, Long>, JpaSpecificationExecutor<Destination> {
}
