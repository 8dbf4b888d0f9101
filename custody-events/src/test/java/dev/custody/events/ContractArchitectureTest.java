package dev.custody.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The contract is plain Java records, readable by any consumer, with no framework or persistence inside: Java and
 * Jackson only (annotations on the records, and databind with its Java time module for {@link EventJson}, the one
 * mapping every producer and consumer shares). No Spring, no Axon, no Kafka, no CloudEvents SDK.
 */
@AnalyzeClasses(packages = "dev.custody", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractArchitectureTest {

    private static final String[] CONTRACT = {"dev.custody.events..", "dev.custody.commands..", "dev.custody.values..",
            "dev.custody.queries.."};

    @ArchTest
    static final ArchRule contractDependsOnlyOnJavaAndJackson = classes()
            .that().resideInAnyPackage(CONTRACT)
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.custody.events..", "dev.custody.commands..", "dev.custody.values..",
                    "dev.custody.queries..", "com.fasterxml.jackson.annotation..", "com.fasterxml.jackson.core..",
                    "com.fasterxml.jackson.databind..", "com.fasterxml.jackson.datatype.jsr310..");

    @ArchTest
    static final ArchRule onlyTheMappingUsesDatabind = classes()
            .that().resideInAnyPackage(CONTRACT)
            .and().doNotHaveFullyQualifiedName(EventJson.class.getName())
            .should().onlyDependOnClassesThat()
            .resideOutsideOfPackages("com.fasterxml.jackson.databind..", "com.fasterxml.jackson.datatype..");

    @ArchTest
    static final ArchRule eventsAndCommandsAreRecords = classes()
            .that().resideInAnyPackage("dev.custody.events..", "dev.custody.commands..")
            .and().areNotInterfaces()
            .and().areNotEnums()
            .and().doNotHaveFullyQualifiedName(EventJson.class.getName())
            .should().beRecords();
}
