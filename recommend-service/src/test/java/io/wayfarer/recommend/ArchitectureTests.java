package io.wayfarer.recommend;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.wayfarer.platform.testing.ArchitectureRules;

@AnalyzeClasses(packages = "io.wayfarer.recommend", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests style = ArchTests.in(ArchitectureRules.class);

    /** The service reaches the algorithms only through the contract and the registry (the model package itself). */
    @ArchTest
    static final ArchRule serviceUsesTheModelContractOnly = noClasses()
            .that().resideOutsideOfPackage("io.wayfarer.recommend.model..")
            .should().dependOnClassesThat().resideInAPackage("io.wayfarer.recommend.model.(*)..")
            .because("algorithms may change freely behind Trainer, TrainedModel, ModelCodec and Trainers");

    /** The algorithms are plain Java: they know nothing of signals, HTTP, Kafka or the database. */
    @ArchTest
    static final ArchRule algorithmsDoNotKnowTheService = noClasses()
            .that().resideInAPackage("io.wayfarer.recommend.model..")
            .should().dependOnClassesThat(resideInAPackage("io.wayfarer.recommend..")
                    .and(resideOutsideOfPackage("io.wayfarer.recommend.model..")))
            .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..")
            .because("the offline evaluation runs the same algorithms without the service");
}
