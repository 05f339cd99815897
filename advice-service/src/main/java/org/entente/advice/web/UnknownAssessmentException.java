package org.entente.advice.web;

/** No advice (and no stage) is known for the assessment: answered with 404. */
public class UnknownAssessmentException extends RuntimeException {

    public UnknownAssessmentException(String assessmentId) {
        super("no advice for assessment " + assessmentId + " yet: it is unknown, or its score is not published");
    }
}
