package io.wayfarer.catalog.departure;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface Departures extends JpaRepository<Departure, Long>, JpaSpecificationExecutor<Departure> {
}
