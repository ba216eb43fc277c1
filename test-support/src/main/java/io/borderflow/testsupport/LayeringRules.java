package io.borderflow.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering of the house style, the same for every service ({@code io.borderflow.<service>}):
 * {@code grpc -> service -> (domain, repository, client)}, {@code repository -> model}; nothing points back up;
 * proto types stop at {@code grpc} and {@code client}; {@code domain} is plain Java (no Quarkus, Vert.x, Mutiny,
 * Hibernate or I/O); no main code blocks on a reactive result.
 */
public final class LayeringRules {
    private LayeringRules() {}

    /** Checks every rule against the main classes of {@code basePackage}; throws AssertionError listing violations. */
    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
        if (classes.stream().noneMatch(c -> c.getPackageName().startsWith(basePackage + ".grpc"))) {
            throw new AssertionError("no classes found under " + basePackage + ".grpc: wrong package?");
        }
        String p = basePackage;

        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("grpc")
                .definedBy(p + ".grpc..")
                .layer("service")
                .definedBy(p + ".service..")
                .layer("domain")
                .definedBy(p + ".domain..")
                .layer("repository")
                .definedBy(p + ".repository..")
                .layer("client")
                .definedBy(p + ".client..")
                .layer("model")
                .definedBy(p + ".model..")
                .layer("config")
                .definedBy(p + ".config..")
                .whereLayer("grpc")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("service")
                .mayOnlyBeAccessedByLayers("grpc")
                .whereLayer("domain")
                .mayOnlyBeAccessedByLayers("service")
                .whereLayer("repository")
                .mayOnlyBeAccessedByLayers("service")
                .whereLayer("client")
                .mayOnlyBeAccessedByLayers("service")
                .whereLayer("model")
                .mayOnlyBeAccessedByLayers("grpc", "service", "domain", "repository", "client")
                .check(classes);

        noClasses()
                .that()
                .resideInAnyPackage(p + ".service..", p + ".domain..", p + ".repository..", p + ".model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.borderflow.api..", "io.grpc..", "com.google.protobuf..")
                .because("proto and gRPC types stop at the grpc and client packages")
                .check(classes);

        noClasses()
                .that()
                .resideInAPackage(p + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "io.vertx..",
                        "io.smallrye..",
                        "org.hibernate..",
                        "jakarta.persistence..",
                        "jakarta.inject..",
                        "jakarta.enterprise..",
                        "java.io..",
                        "java.nio.file..",
                        "java.nio.channels..",
                        "java.net..",
                        "java.sql..")
                .because("domain logic is plain Java, free of frameworks and I/O")
                .check(classes);

        noClasses()
                .should()
                .callMethod("io.smallrye.mutiny.groups.UniAwait", "indefinitely")
                .orShould()
                .callMethod("io.smallrye.mutiny.groups.UniAwait", "atMost", "java.time.Duration")
                .because("main code is reactive end to end and never blocks on a Uni")
                .check(classes);
    }
}
