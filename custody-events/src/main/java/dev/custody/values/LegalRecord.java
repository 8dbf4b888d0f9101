package dev.custody.values;

/**
 * The legal record taken at seizure: the answer to "on what basis, for what, and was it fair?".
 * Notice and agreement are null where the basis does not rest on agreement (for example a PACE seizure).
 */
public record LegalRecord(Purpose purpose,
                          LegalBasis basis,
                          Justification justification,
                          WrittenNotice notice,
                          Agreement agreement) {
}
