package dev.custody.values;

/**
 * Why extraction is needed, as PCSC Act 2022 s.37(4)-(6) and R v Bater-James require.
 *
 * @param lineOfEnquiry                the reasonable line of enquiry the information is relevant to
 * @param necessityAndProportionality  why extraction is necessary and proportionate
 * @param alternativesConsidered       the other means considered or attempted, and why they do not suffice
 * @param thirdPartyDataLikely         whether other people's data is likely to be caught up (s.37(5))
 */
public record Justification(String lineOfEnquiry,
                            String necessityAndProportionality,
                            String alternativesConsidered,
                            boolean thirdPartyDataLikely) {
}
