package org.entente.scoring.domain;

import org.entente.rules.ResponseValidity;

/**
 * Why a response does not count. The code is the dead-letter reason code; the message says it in words.
 */
public record Rejection(String code, String message) {

    public static final String UNKNOWN_ASSESSMENT = "UNKNOWN_ASSESSMENT";
    public static final String ASSESSMENT_CLOSED = "ASSESSMENT_CLOSED";
    public static final String WRONG_ANSWER_COUNT = ResponseValidity.WRONG_ANSWER_COUNT;
    public static final String ANSWER_OUT_OF_RANGE = ResponseValidity.ANSWER_OUT_OF_RANGE;
    public static final String INVALID_EVENT = "INVALID_EVENT";
}
