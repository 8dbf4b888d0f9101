package dev.custody.server.victim;

import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.Browser;
import dev.custody.server.support.BrowserIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Seizure;
import dev.custody.server.support.StatusPages;
import dev.custody.server.support.TestMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Victims open the link in their email on a phone, 375 px wide: a Welsh speaker reads Welsh and an English speaker
 * English, each can switch, and the Exit this page button is there. A link that expired, was withdrawn by an officer
 * (on the device page) or whose contact was erased shows the same nothing as one that never existed.
 */
class VictimStatusBrowserIT extends BrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A date as the page writes it in English: 1 December 2026. */
    private static final String DAY = "\\d{1,2} [A-Z][a-z]+ \\d{4}";

    @BeforeEach
    void aPhoneOfItsOwn() {
        browser.driver().manage().deleteAllCookies();
        browser.driver().manage().window().setSize(new Dimension(Browser.NARROW_WIDTH, 900));
    }

    @Test
    void aWelshAndAnEnglishVictimOpenTheLinkFromTheirEmailOnAPhone() {
        String welsh = contact("cy");
        Device welshPhone = Device.seize(api, "officer", "lab",
                Seizure.at(now().minus(Duration.ofHours(2))).timeSensitive(false).contact(welsh).json());
        mail(welsh, welshPhone, "Dyma ddiweddariad am eich dyfais");
        clock.advance(Duration.ofSeconds(1));
        welshPhone.labReceipt(now().minus(Duration.ofHours(1))).replacementIssued(now().minus(Duration.ofMinutes(30)));
        TestMail.Mail replacement = mail(welsh, welshPhone, "ffôn dros dro i chi ei ddefnyddio");
        welshPhone.status("officer");

        browser.go(StatusPages.path(replacement));
        browser.waitFor(By.cssSelector("[data-test=where]"));
        assertThat(browser.driver().getTitle()).isEqualTo("Diweddariad am eitem");
        assertThat(htmlLang()).isEqualTo("cy");
        assertThat(browser.text(By.cssSelector("[data-test=heading]"))).isEqualTo("Diweddariad am eich dyfais");
        assertThat(browser.text(By.cssSelector("[data-test=where]"))).isEqualTo("Yn y labordy");
        assertThat(browser.text(By.cssSelector("[data-test=replacement]")))
                .startsWith("Gwnaethom roi benthyg ffôn dros dro i chi ar");
        assertThat(browser.text(By.cssSelector("[data-test=last-message]")))
                .contains("Roedd yn dweud ein bod wedi rhoi benthyg ffôn dros dro i chi.");
        assertThat(browser.text(By.cssSelector("[data-test=contact]"))).startsWith("Ffoniwch Heddlu Dyfed-Powys");
        assertExitThisPage("Gadael y dudalen hon");
        assertFitsTheScreen();
        browser.check("victim-status-cy");

        press(By.cssSelector("a[data-test=language-en]"));
        browser.waitUntil("the page is in English", b -> "en".equals(htmlLang()));
        assertThat(browser.text(By.cssSelector("[data-test=where]"))).isEqualTo("At the lab");
        assertThat(browser.driver().getTitle()).isEqualTo("Update on an item");
        assertThat(browser.text(By.cssSelector("[data-test=language-cy]"))).isEqualTo("Cymraeg");
        browser.assertNoBrowserErrors("victim-status-cy-in-english");

        String english = contact("en");
        Device englishPhone = Device.seize(api, "officer", "lab",
                Seizure.at(now().minus(Duration.ofHours(1))).timeSensitive(false).contact(english).json());
        TestMail.Mail receipt = mail(english, englishPhone, "We have your device and it is being kept safely");
        englishPhone.status("officer");
        browser.go(StatusPages.path(receipt));
        browser.waitFor(By.cssSelector("[data-test=where]"));
        assertThat(htmlLang()).isEqualTo("en");
        assertThat(browser.text(By.cssSelector("[data-test=where]"))).isEqualTo("With the police");
        assertThat(browser.text(By.cssSelector("[data-test=last-message]")))
                .contains("It said that we have your device and are keeping it safely.");
        assertExitThisPage("Exit this page");
        assertFitsTheScreen();
        browser.check("victim-status-en");

        press(By.cssSelector("a[data-test=language-cy]"));
        browser.waitUntil("the page is in Welsh", b -> "cy".equals(htmlLang()));
        assertThat(browser.text(By.cssSelector("[data-test=where]"))).isEqualTo("Gyda’r heddlu");

        // At a lab that completed an examination lately: the page gives the expected return as a range of dates.
        Instant t = now().minus(Duration.ofMinutes(50));
        Device.seize(api, "officer", "lab", Seizure.at(t).timeSensitive(false).json())
                .labReceipt(t.plus(Duration.ofMinutes(1))).downloadStarted(t.plus(Duration.ofMinutes(2)))
                .downloadCompleted(t.plus(Duration.ofMinutes(3))).downloadVerified(t.plus(Duration.ofMinutes(4)))
                .examinationStarted(t.plus(Duration.ofMinutes(5))).examinationCompleted(t.plus(Duration.ofMinutes(6)),
                        false).status("officer");
        englishPhone.labReceipt(now().minus(Duration.ofMinutes(5))).status("officer");
        browser.go(StatusPages.path(receipt) + "?lang=en");
        browser.waitFor(By.cssSelector("[data-test=expected]"));
        assertThat(browser.text(By.cssSelector("[data-test=where]"))).isEqualTo("At the lab");
        assertThat(browser.text(By.cssSelector("[data-test=expected]")))
                .matches("We expect to return it between " + DAY + " and " + DAY
                        + "\\. This is an estimate, not a promise\\.");
        assertFitsTheScreen();
        browser.check("victim-status-en-at-lab");
    }

    @Test
    void anExpiredAWithdrawnAndAnErasedLinkShowNothingAsAnUnknownOneShowsNothing() {
        String ref = contact("en");
        Device returnedLongAgo = Device.seize(api, "officer", "lab",
                Seizure.at(now().minus(Duration.ofDays(40))).timeSensitive(false).contact(ref).json());
        String expired = StatusPages.path(mail(ref, returnedLongAgo, "We have your device"));
        returnedLongAgo.returned(now().minus(Duration.ofDays(31)));
        mail(ref, returnedLongAgo, "has been returned");

        // An officer withdraws a working link from the device page.
        Device phone = Device.seize(api, "officer", "lab",
                Seizure.at(now().minus(Duration.ofHours(1))).timeSensitive(false).contact(ref).json());
        String withdrawn = StatusPages.path(mail(ref, phone, "We have your device"));
        browser.go(withdrawn);
        assertThat(browser.text(By.cssSelector("[data-test=where]"))).isEqualTo("With the police");
        // The officer is at a desk, not on a phone: the staff pages' navigation is folded into a menu at 375 px.
        browser.driver().manage().window().setSize(new Dimension(Browser.DESKTOP_WIDTH, 900));
        browser.signIn("officer").go("/devices/" + phone.id());
        press(By.linkText("Withdraw the update links"));
        browser.waitFor(By.cssSelector("[data-test=withdraw]"));
        browser.check("withdraw-update-links");
        press(By.cssSelector("[data-test=withdraw]"));
        browser.waitUntil("back on the device page", b -> b.path().equals("/devices/" + phone.id()));
        assertThat(browser.text(By.cssSelector("[data-test=done]"))).contains("Update links withdrawn");
        assertThat(browser.driver().findElements(By.linkText("Withdraw the update links"))).isEmpty();
        browser.signOut();
        browser.driver().manage().window().setSize(new Dimension(Browser.NARROW_WIDTH, 900));

        // Erasing the contact kills its links.
        String erasedRef = contact("cy");
        Device erasedPhone = Device.seize(api, "officer", "lab",
                Seizure.at(now().minus(Duration.ofHours(1))).timeSensitive(false).contact(erasedRef).json());
        String erased = StatusPages.path(mail(erasedRef, erasedPhone, "Dyma ddiweddariad"));
        browser.go(erased);
        assertThat(browser.text(By.cssSelector("[data-test=where]"))).isEqualTo("Gyda’r heddlu");
        assertThat(api.send("officer", "DELETE", "/api/v1/contacts/" + erasedRef, null, Map.of()).status())
                .isEqualTo(204);

        browser.go("/status/" + UUID.randomUUID().toString().replace("-", ""));
        String nothing = browser.text(By.id("main-content"));
        assertThat(nothing).contains("Nid yw’r ddolen hon yn gweithio", "This link does not work");
        browser.check("victim-status-dead-link");
        for (String dead : List.of(expired, withdrawn, erased)) {
            browser.go(dead);
            assertThat(browser.text(By.id("main-content"))).as(dead).isEqualTo(nothing);
            assertThat(browser.driver().getTitle()).isEqualTo("Diweddariad am eitem / Update on an item");
        }
    }

    private String contact(String language) {
        String ref = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response registered = api.send("officer", "PUT", "/api/v1/contacts/" + ref, "{\"channel\":\"EMAIL\","
                + "\"address\":\"" + ref + "@example.org\",\"language\":\"" + language + "\",\"safeToContact\":true}",
                Map.of());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return ref;
    }

    /** The message at the SMTP sink to the contact about the device that contains {@code words}. */
    private static TestMail.Mail mail(String contact, Device device, String words) {
        String reference = device.id().substring(0, 8).toUpperCase();
        Predicate<TestMail.Mail> which = m -> m.body().contains(reference) && m.body().contains(words);
        return Await.until(WAIT, () -> TestMail.to(contact + "@example.org").stream().filter(which).toList(),
                m -> !m.isEmpty()).get(0);
    }

    /** Reaches a link or button with the Tab key and presses Enter, as a keyboard user does. */
    private void press(By by) {
        browser.tabTo(by);
        browser.type(Keys.ENTER);
    }

    private String htmlLang() {
        return browser.driver().findElement(By.tagName("html")).getAttribute("lang");
    }

    /** GOV.UK's Exit this page: first on the page, started by GOV.UK Frontend's script, leaving for a neutral site. */
    private void assertExitThisPage(String words) {
        var exit = browser.waitFor(By.cssSelector("[data-test=exit]"));
        browser.waitUntil("Exit this page is started", b -> exit.getAttribute("data-govuk-exit-this-page-init")
                != null);
        var button = exit.findElement(By.cssSelector(".govuk-exit-this-page__button"));
        // Screen readers hear "Emergency" (in the page's language) before the words everybody sees.
        assertThat(button.getText()).endsWith(words);
        assertThat(button.findElement(By.cssSelector(".govuk-visually-hidden")).getAttribute("textContent"))
                .isNotBlank();
        assertThat(button.getAttribute("href")).isEqualTo("https://www.bbc.co.uk/weather");
        assertThat(button.getAttribute("rel")).contains("noreferrer");
    }

    /** Nothing wider than the phone's screen: no sideways scrolling at 375 px. */
    private void assertFitsTheScreen() {
        Number width = (Number) ((JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth");
        assertThat(width.intValue()).isLessThanOrEqualTo(Browser.NARROW_WIDTH);
    }
}
