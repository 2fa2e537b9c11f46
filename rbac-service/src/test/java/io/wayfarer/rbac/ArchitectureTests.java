package io.wayfarer.rbac;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.wayfarer.platform.testing.ArchitectureRules;

/** STYLE.md. The policy matcher's own rule (plain Java only) lives with it in platform (PolicyMatcherArchitectureTests). */
@AnalyzeClasses(packages = "io.wayfarer.rbac", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests style = ArchTests.in(ArchitectureRules.class);
}
