package dev.custody.values;

/** The paper an evidence label is printed on. */
public enum LabelFormat {
    /** One label on a 62 mm wide continuous roll, as label printers at a front desk or in a car take. */
    ROLL_62MM,
    /** The label on an A4 sheet, for an office printer. */
    A4_SHEET
}
