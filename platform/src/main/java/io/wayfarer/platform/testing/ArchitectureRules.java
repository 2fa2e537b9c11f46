package io.wayfarer.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * STYLE.md's rules as ArchUnit rules. Each service runs them from its {@code ArchitectureTests}:
 * <pre>
 * &#64;AnalyzeClasses(packages = "io.wayfarer.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTests {
 *     &#64;ArchTest static final ArchTests style = ArchTests.in(ArchitectureRules.class);
 * }
 * </pre>
 */
public final class ArchitectureRules {

    @ArchTest
    public static final ArchRule constructorInjectionOnly = noFields()
            .should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
            .orShould().beAnnotatedWith("jakarta.annotation.Resource")
            .orShould().beAnnotatedWith("jakarta.inject.Inject")
            .allowEmptyShould(true)
            .because("STYLE.md: constructor injection only, final fields");

    @ArchTest
    public static final ArchRule packageByFeatureNotByLayer = noClasses()
            .should().resideInAnyPackage("..controller..", "..service..", "..dao..", "..dto..", "..impl..",
                    "..util..", "..utils..", "..common..", "..helper..")
            .allowEmptyShould(true)
            .because("STYLE.md: package by feature, no global layer trees");

    @ArchTest
    public static final ArchRule namesSayTheBusinessThing = noClasses()
            .should().haveSimpleNameEndingWith("Impl")
            .orShould().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Manager")
            .allowEmptyShould(true)
            .because("STYLE.md: names say the business thing; no Service+ServiceImpl pairs");

    @ArchTest
    public static final ArchRule entitiesAreNotPublic = classes()
            .that().areAnnotatedWith("jakarta.persistence.Entity")
            .should().notBePublic()
            .allowEmptyShould(true)
            .because("STYLE.md: entities stay inside their feature");

    @ArchTest
    public static final ArchRule repositoriesAreNotPublic = classes()
            .that().areAssignableTo("org.springframework.data.repository.Repository")
            .and().areInterfaces()
            .should().notBePublic()
            .allowEmptyShould(true)
            .because("STYLE.md: a feature's repository is its own business");

    @ArchTest
    public static final ArchRule controllersAreNotPublic = classes()
            .that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
            .should().notBePublic()
            .allowEmptyShould(true)
            .because("STYLE.md: package-private controllers, as in spring-petclinic");

    @ArchTest
    public static final ArchRule domainDoesNotCallWeb = noClasses()
            .that().resideOutsideOfPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage("io.wayfarer.(*)..web..")
            .allowEmptyShould(true)
            .because("STYLE.md: web may call the domain, never the other way round");

    private ArchitectureRules() {
    }
}
