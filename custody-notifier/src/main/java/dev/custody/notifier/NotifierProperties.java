package dev.custody.notifier;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code custody.notifier.*}. Every number has a default that suits production; tests shorten the intervals.
 *
 * @param consumerGroup      the Kafka consumer group of both topics
 * @param dltTopic           where records go that could not be handled or delivered
 * @param maxAttempts        delivery attempts of one message before it is dead-lettered
 * @param retryBackoff       wait after the first failed delivery; doubles with each further failure
 * @param retryBackoffMax    the longest wait between two delivery attempts
 * @param consumerRetries    retries of a record whose handling failed (database down, device not yet known) before
 *                           it is parked on the dead-letter topic; unreadable records are parked at once
 * @param consumerBackoff    first wait between those retries; doubles up to ten times this
 * @param dispatchInterval   how often due messages are looked for
 * @param scheduleInterval   how often regular updates and erasures are looked for
 * @param batchSize          messages claimed per dispatch round
 * @param lease              how long a node owns a message it is sending before another node may retry it
 * @param eraseAfterReturn   contact details are erased this long after the last of the person's devices is returned
 * @param defaultUpdateEvery regular update interval when the seizure agreed none
 * @param maxEventAge        events recorded longer ago than this update the notifier's state but send nothing, so a
 *                           new notifier replaying history does not message every past victim
 * @param notifyOwnerRoles   owners who get device messages (victims by default; a force may add WITNESS)
 * @param queryTimeout       how long the expected-return query may take before the estimate is left out
 * @param commandTimeout     how long recording VictimNotified may take before it is retried
 * @param mailFrom           sender address of SMTP email
 * @param templates          where a force's edited templates live
 * @param govUkNotify        GOV.UK Notify account
 * @param forces             per-force names, contact number, supervisor address and channel
 * @param fallbackForce      used for a force that has no entry in {@code forces}
 */
@ConfigurationProperties("custody.notifier")
public record NotifierProperties(String consumerGroup, String dltTopic, Integer maxAttempts, Duration retryBackoff,
                                 Duration retryBackoffMax, Integer consumerRetries, Duration consumerBackoff,
                                 Duration dispatchInterval, Duration scheduleInterval, Integer batchSize,
                                 Duration lease, Duration eraseAfterReturn, Duration defaultUpdateEvery,
                                 Duration maxEventAge, Set<String> notifyOwnerRoles, Duration queryTimeout,
                                 Duration commandTimeout, String mailFrom, Templates templates, Notify govUkNotify,
                                 Map<String, Force> forces, Force fallbackForce) {

    public NotifierProperties {
        consumerGroup = consumerGroup == null ? "custody-notifier" : consumerGroup;
        dltTopic = dltTopic == null ? "custody.notifier.dlt" : dltTopic;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(30) : retryBackoff;
        retryBackoffMax = retryBackoffMax == null ? Duration.ofMinutes(30) : retryBackoffMax;
        consumerRetries = consumerRetries == null ? 4 : consumerRetries;
        consumerBackoff = consumerBackoff == null ? Duration.ofMillis(500) : consumerBackoff;
        dispatchInterval = dispatchInterval == null ? Duration.ofSeconds(1) : dispatchInterval;
        scheduleInterval = scheduleInterval == null ? Duration.ofMinutes(1) : scheduleInterval;
        batchSize = batchSize == null ? 50 : batchSize;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        eraseAfterReturn = eraseAfterReturn == null ? Duration.ofDays(30) : eraseAfterReturn;
        defaultUpdateEvery = defaultUpdateEvery == null ? Duration.ofDays(28) : defaultUpdateEvery;
        maxEventAge = maxEventAge == null ? Duration.ofDays(7) : maxEventAge;
        notifyOwnerRoles = notifyOwnerRoles == null || notifyOwnerRoles.isEmpty() ? Set.of("VICTIM") : Set.copyOf(notifyOwnerRoles);
        queryTimeout = queryTimeout == null ? Duration.ofSeconds(2) : queryTimeout;
        commandTimeout = commandTimeout == null ? Duration.ofSeconds(10) : commandTimeout;
        mailFrom = mailFrom == null ? "notifications@custody.invalid" : mailFrom;
        templates = templates == null ? new Templates(null) : templates;
        govUkNotify = govUkNotify == null ? new Notify(null, null, null, null) : govUkNotify;
        forces = forces == null ? Map.of() : Map.copyOf(forces);
        fallbackForce = fallbackForce == null ? new Force(null, null, null, null, null, null) : fallbackForce;
    }

    /** The settings of one force, or the fallback's where the force leaves a setting out. */
    public Force force(String code) {
        Force own = forces.get(code);
        return (own == null ? new Force(null, null, null, null, null, null) : own).orElse(fallbackForce);
    }

    /** @param directory a directory of template files that override the built-in ones; none by default */
    public record Templates(String directory) {
    }

    /**
     * @param apiKey          the Notify API key (its last 73 characters carry service id and secret)
     * @param baseUrl         the Notify API
     * @param emailTemplateId a Notify email template whose subject is {@code ((subject))} and body {@code ((body))}
     * @param smsTemplateId   a Notify text message template whose body is {@code ((body))}
     */
    public record Notify(String apiKey, String baseUrl, String emailTemplateId, String smsTemplateId) {
        public Notify {
            baseUrl = baseUrl == null ? "https://api.notifications.service.gov.uk" : baseUrl;
        }

        public boolean configured() {
            return apiKey != null && !apiKey.isBlank();
        }
    }

    /** How a force's email leaves: its own SMTP relay, or GOV.UK Notify. Text messages always go through Notify. */
    public enum EmailVia {
        SMTP,
        NOTIFY
    }

    /**
     * One force's settings as configured; any left out come from {@code fallback-force}, then from the built-in
     * defaults ("the police", 101, SMTP, English, no supervisor address).
     *
     * @param nameEn             the force's name in English, as victims know it
     * @param nameCy             the force's name in Welsh; the English name when absent
     * @param contactNumber      the number victims are given to call
     * @param supervisorEmail    where raised alerts go; none means supervisors are not emailed
     * @param supervisorLanguage en, cy or bilingual
     * @param emailVia           SMTP or NOTIFY
     */
    public record Force(String nameEn, String nameCy, String contactNumber, String supervisorEmail,
                        String supervisorLanguage, EmailVia emailVia) {

        Force orElse(Force fallback) {
            String en = nameEn != null ? nameEn : fallback.nameEn() != null ? fallback.nameEn() : "the police";
            String cy = nameCy != null ? nameCy
                    : nameEn != null ? nameEn
                    : fallback.nameCy() != null ? fallback.nameCy()
                    : fallback.nameEn() != null ? fallback.nameEn() : "yr heddlu";
            return new Force(en, cy,
                    // 101 is the police non-emergency number throughout England and Wales.
                    first(contactNumber, fallback.contactNumber(), "101"),
                    first(supervisorEmail, fallback.supervisorEmail(), null),
                    first(supervisorLanguage, fallback.supervisorLanguage(), "en"),
                    emailVia != null ? emailVia : fallback.emailVia() != null ? fallback.emailVia() : EmailVia.SMTP);
        }

        private static String first(String own, String fallback, String builtIn) {
            return own != null && !own.isBlank() ? own : fallback != null && !fallback.isBlank() ? fallback : builtIn;
        }
    }
}
