package dev.custody.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The contract is plain Java records: readable by any consumer, with no framework or persistence inside. */
@AnalyzeClasses(packages = "dev.custody", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractArchitectureTest {

    @ArchTest
    static final ArchRule contractDependsOnlyOnJavaAndJacksonAnnotations = classes()
            .that().resideInAnyPackage("dev.custody.events..", "dev.custody.commands..", "dev.custody.values..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.custody.events..", "dev.custody.commands..", "dev.custody.values..",
                    "com.fasterxml.jackson.annotation..");

    @ArchTest
    static final ArchRule eventsAndCommandsAreRecords = classes()
            .that().resideInAnyPackage("dev.custody.events..", "dev.custody.commands..")
            .and().areNotInterfaces()
            .should().beRecords();
}
