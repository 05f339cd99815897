package org.entente.survey.domain;

/** How many respondents answered, by function and role. Counts only: never anyone's answers. */
public record ResponseCounts(int salesHeads, int salesStaff, int marketingHeads, int marketingStaff) {

    public static final ResponseCounts NONE = new ResponseCounts(0, 0, 0, 0);

    public int sales() {
        return salesHeads + salesStaff;
    }

    public int marketing() {
        return marketingHeads + marketingStaff;
    }

    public int total() {
        return sales() + marketing();
    }
}
