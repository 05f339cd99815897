package org.entente.funnel.domain;

import java.util.Map;

/**
 * The who-to-call entries admins edited, as they stand now, which take precedence over the configured ones of the
 * same organization and role ({@link Directory}). Where they are kept is not the domain's business (funnel-service
 * keeps them on a compacted topic).
 */
public interface DirectoryEdits {

    /** No edits: the configured directory as it is. */
    DirectoryEdits NONE = organization -> Map.of();

    /** The edited contacts of an organization by role, or (null) those for every organization. */
    Map<String, Contact> of(String organization);
}
