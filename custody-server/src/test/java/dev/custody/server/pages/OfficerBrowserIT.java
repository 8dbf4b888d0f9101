package dev.custody.server.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import dev.custody.server.support.Browser;
import dev.custody.server.support.BrowserIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Requests;
import dev.custody.server.support.Seizure;
import dev.custody.testing.Await;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The officer's side in a real browser: a victim's phone seized through the question pages (one round of errors
 * first), its label printed and read back as a scanner would, the lab scanning that label and taking the phone
 * through, and the officer giving it back. And two officers on one device at once: nothing is overwritten.
 */
class OfficerBrowserIT extends BrowserIT {

    private static final ZoneId UK = ZoneId.of("Europe/London");

    @BeforeEach
    void signIn() {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("officer");
    }

    /** An officer with more devices than a page holds pages through them (the pagination once failed to render). */
    @Test
    void myDevicesPageThroughMoreThanOnePage() {
        for (int i = 0; i < 26; i++) {
            seizeVictimPhone();
        }
        browser.waitUntil("my devices has a second page", b -> {
            b.go("/officer");
            return !b.driver().findElements(By.cssSelector(".govuk-pagination__item a[aria-label='Page 2']")).isEmpty();
        });
        browser.assertNoBrowserErrors("officer-devices");
        browser.driver().findElement(By.cssSelector(".govuk-pagination__item a[aria-label='Page 2']")).click();
        browser.waitFor(By.cssSelector(".govuk-pagination__item--current"));
        assertThat(browser.text(By.cssSelector(".govuk-pagination__item--current"))).isEqualTo("2");
        browser.assertNoBrowserErrors("officer-devices-page-2");
        browser.assertAccessible("officer-devices-page-2");
    }

    /**
     * An officer finds a returned phone by searching, opens its case with the other device in it, and seizes the
     * phone again: the journey comes back with the last seizure's answers and asks only for what must be new, the
     * seal of the new bag; the phone is then held again, as its second seizure.
     */
    @Test
    void anOfficerFindsAReturnedPhoneBySearchOpensItsCaseAndSeizesItAgain() {
        String caseReference = "DP/2026/RS-" + System.nanoTime() % 100000;
        Instant seized = now().minus(Duration.ofDays(3));
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(seized).caseReference(caseReference).json())
                .returned(seized.plus(Duration.ofDays(1)));
        Device laptop = Device.seize(api, "officer", "lab",
                Seizure.at(seized).caseReference(caseReference).owner("WITNESS").type("LAPTOP").json());
        phone.status("officer");
        laptop.status("officer");

        // Search, from the navigation: the case reference and the stage "Returned" find the phone alone.
        browser.go("/officer");
        browser.driver().findElement(By.linkText("Search devices")).click();
        browser.waitFor(By.id("caseReference"));
        assertThat(browser.text(By.cssSelector(".govuk-service-navigation__item--active a")))
                .isEqualTo("Search devices");
        fill("caseReference", caseReference);
        new Select(browser.driver().findElement(By.id("stage"))).selectByValue("RETURNED");
        browser.driver().findElement(By.cssSelector("[data-test=apply]")).click();
        browser.waitUntil("one device found", b -> b.text(By.cssSelector("[data-test=count]")).equals("1 device"));
        assertThat(browser.driver().findElements(By.cssSelector("[data-test=devices] a[href='/devices/" + phone.id()
                + "']"))).hasSize(1);
        browser.check("officer-search");

        // The case: both devices, each linking to its page.
        browser.driver().findElement(By.linkText(caseReference)).click();
        browser.waitUntil("the case page", b -> b.path().startsWith("/officer/cases"));
        for (Device device : List.of(phone, laptop)) {
            assertThat(browser.driver().findElements(By.cssSelector("a[href='/devices/" + device.id() + "']")))
                    .as("the case lists device " + device.id()).isNotEmpty();
        }
        browser.check("officer-case");

        // Seize it again: the last seizure's answers are filled in; the seal of the new bag is not.
        browser.go("/devices/" + phone.id());
        browser.tabTo(By.linkText("Seize it again"));
        browser.type(Keys.ENTER);
        browser.waitFor(By.id("caseReference"));
        assertThat(browser.driver().findElement(By.id("caseReference")).getAttribute("value")).isEqualTo(caseReference);
        assertThat(browser.driver().findElement(By.name("sealNumber")).getAttribute("value")).isEmpty();
        fill("sealNumber", "SEAL-8802");
        next();
        for (String question : List.of("Whose device is it?", "Why and under what power are you taking it?",
                "Why is extraction necessary?", "The written notice", "Who agreed, and when?",
                "What may be extracted?", "Is any data at risk of disappearing?", "Keeping the victim updated")) {
            heading(question);
            assertThat(browser.driver().findElements(By.cssSelector(".govuk-error-summary"))).as(question).isEmpty();
            next();
        }
        heading("How should the victim be contacted?");
        choose("contactChannel", "SMS");
        fill("contactAddress", "07700 900456");
        choose("contactLanguage", "en");
        next();

        browser.waitUntil("check your answers", b -> b.path().endsWith("/check"));
        assertThat(browser.text(By.cssSelector("[data-test=answers]"))).contains(caseReference, "SEAL-8802",
                "Messages from the suspect in March").doesNotContain("Not answered");
        browser.check("officer-reseize-check");
        browser.tabTo(By.cssSelector("[data-test=seize]"));
        browser.type(Keys.ENTER);

        browser.waitUntil("the confirmation", b -> b.path().equals("/officer/seized/" + phone.id()));
        JsonNode last = history(phone.id()).get(history(phone.id()).size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("DeviceSeized");
        assertThat(last.toString()).contains("SEAL-8802").doesNotContain("900456");
        JsonNode status = Await.until(Duration.ofSeconds(20), () -> api.get("officer", "/api/v1/devices/"
                + phone.id()).json(), j -> "SEIZED".equals(j.get("stage").asText()));
        assertThat(status.get("seizureNumber").asInt()).isEqualTo(2);
    }

    @Test
    void anOfficerSeizesAPhoneLabelsItTheLabScansItAndTheOfficerGivesItBack() throws Exception {
        browser.go("/officer");
        browser.tabTo(By.cssSelector("[data-test=seize-a-device]"));
        browser.type(Keys.ENTER);

        // About the device: Continue with nothing filled in, one round of errors.
        browser.waitFor(By.id("caseReference"));
        assertThat(browser.text(By.cssSelector(".govuk-caption-l"))).as("how many questions depends on the answers")
                .isEqualTo("Seize a device");
        next();
        browser.waitFor(By.cssSelector(".govuk-error-summary"));
        assertThat(browser.driver().getTitle()).startsWith("Error: ");
        assertThat(browser.focused().getAttribute("class")).as("the summary takes the focus")
                .contains("govuk-error-summary");
        List<String> targets = new ArrayList<>();
        for (WebElement a : browser.driver().findElements(By.cssSelector(".govuk-error-summary__list a"))) {
            targets.add(a.getAttribute("href").replaceAll(".*#", ""));
        }
        assertThat(targets).contains("caseReference", "device-type", "device-sealNumber");
        for (String target : targets) {
            assertThat(browser.driver().findElements(By.id(target))).as("the error links to #" + target).hasSize(1);
        }
        assertThat(browser.text(By.cssSelector("#caseReference-error"))).contains("Enter the case reference");
        browser.check("officer-seize-errors");
        browser.driver().findElement(By.cssSelector(".govuk-error-summary__list a")).click();
        browser.waitUntil("the first link moves the focus to its field",
                b -> "caseReference".equals(b.focused().getAttribute("id")));

        String caseReference = "DP/2026/0415-" + System.nanoTime() % 100000;
        browser.type(caseReference);
        choose("deviceType", "MOBILE_PHONE");
        fill("description", "Samsung Galaxy A54, black, cracked screen");
        fill("sealNumber", "SEAL-7731");
        next();

        heading("Whose device is it?");
        choose("ownerRole", "VICTIM");
        next();

        heading("Why and under what power are you taking it?");
        choose("purpose", "CRIME");
        choose("basis", "PCSC_S37_AGREEMENT");
        next();

        heading("Why is extraction necessary?");
        assertThat(browser.text(By.cssSelector(".govuk-caption-l"))).isEqualTo("Seize a device – question 4 of 10");
        fill("lineOfEnquiry", "Messages between the victim and the suspect on WhatsApp in November, which she "
                + "says show the threats made to her.");
        fill("necessityAndProportionality", "The messages are the only record of the threats; only one chat, "
                + "for two weeks, is sought.");
        fill("alternativesConsidered", "Screenshots were offered but some messages were deleted; the suspect's "
                + "phone is not available.");
        choose("thirdPartyDataLikely", "no");
        next();

        heading("The written notice");
        for (WebElement box : browser.driver().findElements(By.cssSelector("input[name=noticeElements]"))) {
            label(box).click();
        }
        fill("noticeVersion", "DPP-DPN-2024-03");
        choose("noticeLanguage", "EN");
        next();

        heading("Who agreed, and when?");
        assertThat(browser.driver().findElement(By.id("legal-agreement-agreedAt")).getAttribute("value"))
                .as("agreement is offered as just now").isNotBlank();
        choose("agreedBy", "DEVICE_USER");
        next();

        heading("What may be extracted?");
        LocalDate today = now().atZone(UK).toLocalDate();
        date("from", today.minusDays(30));
        date("to", today.minusDays(1));
        choose("categories", "MESSAGES");
        next();

        heading("Is any data at risk of disappearing?");
        next();

        heading("Keeping the victim updated");
        choose("victimTier", "STANDARD");
        fill("updateEveryDays", "28");
        next();

        heading("How should the victim be contacted?");
        choose("contactChannel", "SMS");
        fill("contactAddress", "07700 900123");
        choose("contactLanguage", "en");
        next();

        browser.waitUntil("check your answers", b -> b.path().endsWith("/check"));
        String answers = browser.text(By.cssSelector("[data-test=answers]"));
        assertThat(answers).contains(caseReference, "Mobile phone", "SEAL-7731", "A victim",
                "The user agreed (PCSC Act 2022 s.37)", "Text message, 07700 900123");
        assertThat(answers).doesNotContain("Not answered");
        browser.check("officer-check-answers");
        browser.tabTo(By.cssSelector("[data-test=seize]"));
        browser.type(Keys.ENTER);

        browser.waitUntil("the confirmation", b -> b.path().startsWith("/officer/seized/"));
        String id = browser.path().substring("/officer/seized/".length());
        String reference = browser.text(By.cssSelector("[data-test=device-reference]"));
        assertThat(reference).isNotBlank();
        browser.check("officer-seized");

        // Print label: the print is recorded, and the browser is sent to the label's PDF (which a headless browser
        // may download rather than show, so the test fetches it as the browser would, with its session).
        browser.driver().findElement(By.cssSelector("[data-test=print-roll]")).click();
        String labelPath = "/devices/" + id + "/labels/1";
        browser.waitUntil("the print is recorded", b -> history(id).size() == 2);
        assertThat(history(id).get(1).get("type").asText()).isEqualTo("LabelPrinted");
        byte[] pdf = fetch(labelPath);
        String code = decode(pdf, BarcodeFormat.QR_CODE);
        assertThat(decode(pdf, BarcodeFormat.CODE_128)).isEqualTo(code);
        assertThat(code.replaceAll("[^A-Za-z0-9]", "")).isEqualTo(reference.replaceAll("[^A-Za-z0-9]", ""));
        String words = text(pdf);
        assertThat(words).contains("SEAL-7731", caseReference).doesNotContain("07700", "900123", "WhatsApp", "victim",
                "Victim");

        // The lab scans the label (a USB scanner types the QR code's text and Enter) and takes it through.
        try (Browser lab = Browser.open(port)) {
            lab.signIn("lab");
            lab.go("/lab");
            lab.waitFor(By.id("code"));
            lab.type(code, Keys.ENTER);
            lab.waitUntil("the scanned device's page", b -> b.path().equals("/devices/" + id));
            DeviceSteps.throughTheLab(lab, id, "SEAL-7731");
        }

        // The officer gives it back.
        browser.go("/devices/" + id);
        DeviceSteps.open(browser, "Return the device");
        assertThat(browser.driver().findElement(By.id("returnedTo")).isSelected()).as("the owner, by default").isTrue();
        browser.check("officer-return");
        DeviceSteps.save(browser);
        DeviceSteps.expectDone(browser, id, "Device returned", "Returned");

        List<String> types = new ArrayList<>();
        for (JsonNode event : history(id)) {
            types.add(event.get("type").asText());
        }
        assertThat(types).containsExactly("DeviceSeized", "LabelPrinted", "DeviceReceivedAtLab", "DownloadStarted",
                "DownloadCompleted", "DownloadVerified", "ExaminationStarted", "ExaminationCompleted",
                "DeviceReadyForCollection", "DeviceReturned");
        JsonNode seizure = history(id).get(0);
        assertThat(seizure.get("actor").get("id").asText()).as("the actor is the signed-in officer").isEqualTo("officer");
        assertThat(seizure.toString()).as("the victim's number stays in the contact vault").doesNotContain("900123");
    }

    @Test
    void twoOfficersLendAReplacementAtOnceAndTheSecondIsToldWhatChanged() {
        Device phone = Device.seize(api, "officer", "lab", Requests.seizeVictimPhone(now().minusSeconds(3600)));
        String lend = "/devices/" + phone.id() + "/officer/replacement";
        try (Browser other = Browser.open(port)) {
            other.signIn("officer");
            browser.go(lend);
            other.go(lend);
            browser.waitFor(By.cssSelector("[data-test=step-form]"));
            other.waitFor(By.cssSelector("[data-test=step-form]"));

            other.driver().findElement(By.cssSelector("label[for=kind]")).click();
            other.driver().findElement(By.cssSelector("[data-test=save]")).click();
            other.waitUntil("the other is done", b -> b.path().equals("/devices/" + phone.id()));

            choose("kind", "BASIC_HANDSET");
            browser.driver().findElement(By.cssSelector("[data-test=save]")).click();
            browser.waitFor(By.cssSelector("[data-test=changed]"));
            assertThat(browser.text(By.cssSelector("[data-test=changed]")))
                    .contains("This device changed since you opened the form", "Replacement 1 lent", "officer");
            browser.check("officer-changed-since");
        }
        JsonNode events = history(phone.id());
        assertThat(events).hasSize(2);
        assertThat(events.get(1).toString()).as("the first loan stands").contains("SWAP_OUT")
                .doesNotContain("BASIC_HANDSET");
    }

    private void heading(String question) {
        browser.waitUntil("the question " + question,
                b -> b.driver().findElements(By.cssSelector("h1")).stream().anyMatch(h -> h.getText().equals(question)));
    }

    private void next() {
        browser.driver().findElement(By.cssSelector("[data-test=continue]")).click();
    }

    private void fill(String name, String value) {
        WebElement input = browser.driver().findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    private void date(String prefix, LocalDate date) {
        fill(prefix + "Day", String.valueOf(date.getDayOfMonth()));
        fill(prefix + "Month", String.valueOf(date.getMonthValue()));
        fill(prefix + "Year", String.valueOf(date.getYear()));
    }

    /** Selects a radio or checkbox by its label, as a person does (GOV.UK hides the input itself). */
    private void choose(String name, String value) {
        label(browser.driver().findElement(By.cssSelector("input[name=" + name + "][value='" + value + "']"))).click();
    }

    private WebElement label(WebElement input) {
        return browser.driver().findElement(By.cssSelector("label[for='" + input.getAttribute("id") + "']"));
    }

    /** What the signed-in browser would download at {@code path}, with its session. */
    private byte[] fetch(String path) throws Exception {
        String cookies = browser.driver().manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).header("Cookie", cookies).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        return response.body();
    }

    /** The PDF rendered as a printer would (300 dpi) and read as a scanner would. */
    private static String decode(byte[] pdf, BarcodeFormat format) throws Exception {
        BufferedImage image;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            image = new PDFRenderer(document).renderImageWithDPI(0, 300, ImageType.GRAY);
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(format),
                DecodeHintType.TRY_HARDER, true)).getText();
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
