package org.entente.advice.domain;

/**
 * The organization's answers to "Do we need to be more aligned?", given when the assessment was opened. Every answer
 * defaults to "no" ({@link #NONE}), which is also what the advice assumes while the answers have not arrived.
 */
public record AlignmentContext(
        boolean smallBusiness,
        boolean informalRelationsGood,
        boolean marketingMainlySupportsSales,
        boolean conflictsRecurring,
        boolean competingForResources,
        boolean marketCommoditizing,
        boolean marketCustomizing,
        boolean salesCycleLongOrComplex,
        boolean fastChangingMarket,
        boolean sharedResponsibilityCulture) {

    public static final AlignmentContext NONE =
            new AlignmentContext(false, false, false, false, false, false, false, false, false, false);

    /** The answers as a bit set in declaration order (bit 0 = smallBusiness); handy for exhaustive tests. */
    public static AlignmentContext fromBits(int bits) {
        return new AlignmentContext(bit(bits, 0), bit(bits, 1), bit(bits, 2), bit(bits, 3), bit(bits, 4),
                bit(bits, 5), bit(bits, 6), bit(bits, 7), bit(bits, 8), bit(bits, 9));
    }

    private static boolean bit(int bits, int index) {
        return (bits & (1 << index)) != 0;
    }
}
