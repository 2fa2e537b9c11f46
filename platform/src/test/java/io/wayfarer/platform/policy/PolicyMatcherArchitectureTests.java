package io.wayfarer.platform.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The matcher is shared by rbac-service and the gateway (docs/adr/0001): plain Java, nothing else. */
@AnalyzeClasses(packages = "io.wayfarer.platform.policy", importOptions = ImportOption.DoNotIncludeTests.class)
class PolicyMatcherArchitectureTests {

    @ArchTest
    static final ArchRule policyMatcherIsSelfContained = classes()
            .that().resideInAPackage("io.wayfarer.platform.policy..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.wayfarer.platform.policy..", "java..")
            .because("rbac-service and every gateway must decide with the same code, in any runtime");
}
