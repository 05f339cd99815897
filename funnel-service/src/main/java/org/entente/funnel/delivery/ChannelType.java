package org.entente.funnel.delivery;

/** Where an alert goes: a Slack or Microsoft Teams incoming webhook, or e-mail through SMTP. */
public enum ChannelType {
    SLACK, TEAMS, MAIL
}
