package org.entente.survey.domain;

/**
 * One statement of the instrument: its 1-based number (answers[number - 1] rates it), a short theme for reports,
 * and the sentence respondents rate from 1 (strongly disagree) to 5 (strongly agree).
 */
public record Statement(int number, String theme, String text) {
}
