package io.wayfarer.rbac;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.wayfarer.platform.testing.ArchitectureRules;

@AnalyzeClasses(packages = "io.wayfarer.rbac", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests style = ArchTests.in(ArchitectureRules.class);

    /** The matcher is shared with the gateway (and may move to the platform): plain Java, nothing else. */
    @ArchTest
    static final ArchRule policyMatcherIsSelfContained = classes()
            .that().resideInAPackage("io.wayfarer.rbac.policy..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.wayfarer.rbac.policy..", "java..")
            .because("the gateway compiles the same policy with the same code");
}
