package dev.custody.values;

/** The five things a PCSC Act 2022 s.39 written notice must tell the person. */
public enum NoticeElement {
    INFORMATION_SOUGHT,
    REASON_SOUGHT,
    HOW_IT_WILL_BE_HANDLED,
    MAY_REFUSE,
    REFUSAL_ALONE_DOES_NOT_END_INVESTIGATION
}
