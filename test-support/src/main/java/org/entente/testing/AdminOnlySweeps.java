package org.entente.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.entente.testing.EndpointSweep.Answer;
import org.entente.testing.EndpointSweep.Endpoint;

/**
 * The access matrix of a service where every endpoint needs Admin but its {@code open} ones and the reads given to
 * {@code viewers} (scoring-service and advice-service), swept endpoint by endpoint as each kind of caller:
 * <ul>
 *   <li>no credentials: an open read answers, an open write is refused for want of a CSRF token (403), anything
 *   else needs credentials (401);</li>
 *   <li>credentials that are not ours (an unknown token, the admin token with a letter more, an expired JWT, a JWT
 *   signed by another key): 401, "the credentials were refused", on every endpoint that is not open;</li>
 *   <li>each role that is not Admin (Sales and Marketing viewers, the intake token, a peer instance, and a JWT naming
 *   no Entente role): let through where the matrix says, 403 naming who they are and that Admin is needed
 *   elsewhere.</li>
 * </ul>
 */
public record AdminOnlySweeps(Set<String> open, Set<String> viewers, TestJwts jwts, String adminToken,
        String intakeToken, String peerToken) {

    /** Every sweep's checks on {@code endpoints} of the service at {@code base}; the refused answers. */
    public List<Answer> refusals(String base, List<Endpoint> endpoints) {
        List<Answer> refused = new ArrayList<>();
        for (Answer answer : EndpointSweep.sweep(base, endpoints, null)) {
            boolean isOpen = open.contains(answer.endpoint().toString());
            if (isOpen && !"GET".equals(answer.endpoint().method())) {
                // an open path, but a write with neither credentials nor a session's CSRF token is still refused
                assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
                assertThat(answer.body()).as(answer.toString()).contains("did not come from this site");
            } else if (isOpen) {
                assertThat(answer.status()).as(answer.toString()).isNotIn(401, 403);
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
                assertThat(answer.body()).as(answer.toString()).contains("\"status\":401", "this needs credentials");
                refused.add(answer);
            }
        }
        for (String wrong : List.of("Bearer not-a-token-we-know", "Bearer " + adminToken + "x",
                "Bearer " + jwts.expired("old-admin", "admin"),
                "Bearer " + TestJwts.signedByAnotherKey("forger", "admin"))) {
            for (Answer answer : EndpointSweep.sweep(base, endpoints, wrong)) {
                if (!open.contains(answer.endpoint().toString())) {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
                    assertThat(answer.body()).as(answer.toString()).contains("the credentials were refused");
                    refused.add(answer);
                }
            }
        }
        refused.addAll(as(base, endpoints, jwts.token("sam", "sales-viewer"), viewers,
                "signed in as sam (Sales viewer)"));
        refused.addAll(as(base, endpoints, jwts.token("mia", "marketing-viewer"), viewers,
                "signed in as mia (Marketing viewer)"));
        refused.addAll(as(base, endpoints, intakeToken, Set.of(), "signed in as intake-token (Intake application)"));
        refused.addAll(as(base, endpoints, peerToken, viewers, "signed in as peer (Entente instance)"));
        // a token that names no Entente role is a caller with no rights at all
        refused.addAll(as(base, endpoints, jwts.token("stranger", "auditor"), Set.of(),
                "signed in as stranger (no Entente role)"));
        return refused;
    }

    /** A sweep as {@code who}: the open endpoints and {@code allowed} let through, each other one needs Admin. */
    private List<Answer> as(String base, List<Endpoint> endpoints, String bearer, Set<String> allowed, String who) {
        List<Answer> refused = new ArrayList<>();
        for (Answer answer : EndpointSweep.sweep(base, endpoints, "Bearer " + bearer)) {
            String endpoint = answer.endpoint().toString();
            if (open.contains(endpoint) || allowed.contains(endpoint)) {
                assertThat(answer.status()).as(answer.toString()).isNotIn(401, 403);
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
                assertThat(answer.body()).as(answer.toString()).contains("\"status\":403", who, "this needs Admin");
                refused.add(answer);
            }
        }
        return refused;
    }
}
