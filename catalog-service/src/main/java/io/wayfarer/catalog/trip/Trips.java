package io.wayfarer.catalog.trip;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface Trips extends JpaRepository<Trip, Long>, JpaSpecificationExecutor<Trip> {
}
