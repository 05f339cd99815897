package org.entente.scoring.web;

/** No assessment with this id has been opened (as far as scoring has seen). */
public class UnknownAssessmentException extends RuntimeException {

    public UnknownAssessmentException(String assessmentId) {
        super("no assessment " + assessmentId + " is known to scoring");
    }
}
