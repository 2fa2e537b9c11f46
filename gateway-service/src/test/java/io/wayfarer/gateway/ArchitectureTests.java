package io.wayfarer.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.wayfarer.platform.testing.ArchitectureRules;

@AnalyzeClasses(packages = "io.wayfarer.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests style = ArchTests.in(ArchitectureRules.class);
}
