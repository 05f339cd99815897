package org.entente.funnel.domain;

/**
 * One way a funnel event breaks the rules: the field at fault, an upper-snake code (used as the dead-letter reason
 * code) and a message a person can act on.
 */
public record Violation(String field, String code, String message) {
}
