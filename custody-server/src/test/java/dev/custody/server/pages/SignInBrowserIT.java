package dev.custody.server.pages;

import dev.custody.server.support.Api;
import dev.custody.server.support.BrowserIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in and out of the pages, each role's start page, and the pages' security next to the stateless API. */
class SignInBrowserIT extends BrowserIT {

    @AfterEach
    void forgetSession() {
        browser.driver().manage().deleteAllCookies();
    }

    @Test
    void aSignedOutVisitorIsSentToSignInAndThenToThePageTheyAskedFor() {
        browser.go("/officer");
        assertThat(browser.path()).isEqualTo("/sign-in");
        assertThat(browser.focused().getAttribute("id")).as("the user name has the focus").isEqualTo("username");
        browser.check("sign-in");

        browser.signIn("officer");
        assertThat(browser.path()).isEqualTo("/officer");
        assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("My devices");
    }

    @Test
    void aWrongPasswordShowsTheErrorSummaryLinkedToTheField() {
        browser.go("/sign-in");
        browser.waitFor(By.id("username")).sendKeys("lab");
        browser.driver().findElement(By.id("password")).sendKeys("wrong\n");
        browser.waitFor(By.cssSelector(".govuk-error-summary"));
        assertThat(browser.driver().getTitle()).startsWith("Error: ");
        assertThat(browser.focused().getAttribute("class")).as("GOV.UK Frontend focuses the summary")
                .contains("govuk-error-summary");
        assertThat(browser.driver().findElement(By.cssSelector(".govuk-error-summary a")).getAttribute("href"))
                .endsWith("#username");
        assertThat(browser.driver().findElement(By.id("username")).getAttribute("aria-describedby"))
                .isEqualTo("username-error");
        browser.check("sign-in-error");
    }

    @Test
    void eachRoleStartsOnItsOwnPageWithItsOwnNavigation() {
        Map<String, String> homes = Map.of("officer", "/officer", "supervisor", "/supervisor",
                "inspector", "/reports/retention", "admin", "/admin");
        homes.forEach((user, home) -> {
            browser.signIn(user);
            browser.go("/");
            assertThat(browser.path()).as(user).isEqualTo(home);
            assertThat(browser.driver().findElements(By.cssSelector(".govuk-service-navigation__item--active a")))
                    .as(user + "'s navigation marks the current page").hasSize(1);
            browser.check("home-" + user);
            browser.signOut();
        });
    }

    @Test
    void anotherRolesPageIsRefused() {
        browser.signIn("officer");
        browser.go("/admin");
        assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("You cannot see this page");
        browser.check("forbidden");
    }

    @Test
    void signingOutEndsTheSession() {
        browser.signIn("supervisor");
        browser.signOut();
        assertThat(browser.text(By.cssSelector(".govuk-notification-banner__heading"))).isEqualTo("You have signed out");
        browser.check("signed-out");
        browser.go("/supervisor");
        assertThat(browser.path()).isEqualTo("/sign-in");
    }

    @Test
    void theSessionCookieIsSecureHttpOnlyAndSameSiteLaxAndTheApiIgnoresIt() {
        browser.signIn("officer");
        Cookie session = browser.driver().manage().getCookieNamed("custody-session");
        assertThat(session).isNotNull();
        assertThat(session.isSecure()).isTrue();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");

        Map<String, String> cookie = Map.of("Cookie", "custody-session=" + session.getValue());
        Api.Response api = this.api.send(null, "GET", "/api/v1/devices", null, cookie);
        assertThat(api.status()).as("the REST API is stateless: a page session is no credential").isEqualTo(401);
        assertThat(api.header("set-cookie")).isNull();

        Api.Response page = this.api.send(null, "GET", "/officer", null, cookie);
        assertThat(page.status()).as("the same cookie opens a page").isEqualTo(200);
        Api.Response forged = this.api.send(null, "POST", "/sign-out", null, cookie);
        assertThat(forged.status()).as("a form post without the CSRF token is refused").isEqualTo(403);
        assertThat(this.api.send(null, "GET", "/officer", null, cookie).status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void pagesAllowNoInlineScriptOrStyle() {
        Api.Response page = api.get(null, "/sign-in");
        String csp = page.header("content-security-policy");
        assertThat(csp).contains("script-src 'self'", "style-src 'self'", "default-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }
}
