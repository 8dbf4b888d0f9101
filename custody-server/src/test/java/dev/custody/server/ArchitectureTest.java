package dev.custody.server;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module boundaries and house rules, checked on every build. */
@AnalyzeClasses(packages = "dev.custody",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestFixtures.class})
class ArchitectureTest {

    /** The shared test fixtures (custody-testing) are test code in a main jar: test scope only, never shipped. */
    static final class NoTestFixtures implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("/dev/custody/testing/");
        }
    }

    /**
     * Each package of every module is a slice (the capture takes the whole package name), so a dependency that runs
     * back up, such as deadline rules reaching into the projector's package, fails the build.
     */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.custody.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule controllersArePackagePrivate = classes()
            .that().areAnnotatedWith(RestController.class)
            .should().notBePublic();

    @ArchTest
    static final ArchRule allTimeGoesThroughTheInjectedClock = noClasses()
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .because("tests control time through the java.time.Clock bean");

    @ArchTest
    static final ArchRule commandSideDoesNotKnowTheServer = noClasses()
            .that().resideInAnyPackage("dev.custody.device..", "dev.custody.idempotency..")
            .should().dependOnClassesThat().resideInAPackage("dev.custody.server..");

    @ArchTest
    static final ArchRule notifierKnowsOnlyTheContract = noClasses()
            .that().resideInAPackage("dev.custody.notifier..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.custody.device..", "dev.custody.server..",
                    "dev.custody.projections..")
            .because("the notifier learns everything from Kafka and speaks to the command side only through the contract");

    @ArchTest
    static final ArchRule readSideKnowsOnlyTheContract = noClasses()
            .that().resideInAPackage("dev.custody.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.custody.device..", "dev.custody.idempotency..",
                    "dev.custody.server..", "dev.custody.notifier..")
            .because("the read side is fed by events only, and runs on nodes without the other roles");

    @ArchTest
    static final ArchRule commandSideDoesNotReadTheReadSide = noClasses()
            .that().resideInAnyPackage("dev.custody.device..", "dev.custody.idempotency..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.custody.projections..", "dev.custody.notifier..")
            .because("commands are judged on the event-sourced record, never on an eventually consistent view");

    @ArchTest
    static final ArchRule pagesSitAboveTheModulesTheyUse = noClasses()
            .that().resideInAPackage("dev.custody.web..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.custody.server..")
            .because("the server assembles the pages; the pages know only the services below them");

    @ArchTest
    static final ArchRule nothingBelowThePagesKnowsThem = noClasses()
            .that().resideInAnyPackage("dev.custody.device..", "dev.custody.idempotency..", "dev.custody.projections..",
                    "dev.custody.notifier..", "dev.custody.events..", "dev.custody.commands..", "dev.custody.values..",
                    "dev.custody.edge..")
            .should().dependOnClassesThat().resideInAPackage("dev.custody.web..");

    @ArchTest
    static final ArchRule pagesNeverCallTheApiOverHttp = noClasses()
            .that().resideInAPackage("dev.custody.web..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "org.springframework.web.client..",
                    "org.springframework.web.reactive.function.client..")
            .because("pages call the same application services as the REST API, never the API itself");

    @ArchTest
    static final ArchRule pageControllersArePackagePrivate = classes()
            .that().areAnnotatedWith(org.springframework.stereotype.Controller.class)
            .should().notBePublic();

    @ArchTest
    static final ArchRule oneProblemMapping = noClasses()
            .that().resideOutsideOfPackage("dev.custody.edge..")
            .should().callMethod(ProblemDetail.class, "forStatusAndDetail", HttpStatusCode.class, String.class)
            .orShould().callMethod(ProblemDetail.class, "forStatus", HttpStatusCode.class)
            .orShould().callMethod(ProblemDetail.class, "forStatus", int.class)
            .orShould().callConstructor(ErrorResponseException.class, HttpStatusCode.class, ProblemDetail.class,
                    Throwable.class)
            .because("every refusal is a dev.custody.edge.Problem: one problem+json shape, with its rule and errors");

    @ArchTest
    static final ArchRule deadlineRulesArePure = noClasses()
            .that().resideInAPackage("dev.custody.projections.deadline..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.springframework.jdbc..",
                    "org.axonframework..", "org.springframework.web..")
            .because("every deadline is a pure function of a device's view, so a rebuild reproduces it exactly");

    @ArchTest
    static final ArchRule aggregateStateChangesOnlyInEventSourcingHandlers = classes()
            .that().areAnnotatedWith(Aggregate.class)
            .should(new ArchCondition<JavaClass>("change fields only in @EventSourcingHandler methods") {
                @Override
                public void check(JavaClass aggregate, ConditionEvents events) {
                    for (JavaFieldAccess access : aggregate.getFieldAccessesFromSelf()) {
                        if (access.getAccessType() != JavaFieldAccess.AccessType.SET
                                || !access.getTargetOwner().equals(aggregate)) {
                            continue;
                        }
                        var origin = access.getOrigin();
                        boolean allowed = origin.isAnnotatedWith(EventSourcingHandler.class)
                                || origin.getName().equals("track")
                                || origin.getName().equals("<clinit>")
                                || origin.getName().equals("<init>") && origin.getParameters().isEmpty();
                        if (!allowed) {
                            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                        }
                    }
                }
            });
}
