package org.entente.scoring.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.stream.ScoringTopology;
import org.entente.scoring.config.ScoringStreams;
import org.springframework.stereotype.Service;

/**
 * Answers a score query from the state store of whichever instance owns the assessment: locally when that is this
 * instance, otherwise by forwarding the HTTP request once to the owner's advertised {@code application.server}.
 * A forwarded request is never forwarded again, so two instances that disagree during a rebalance cannot bounce a
 * request between them.
 *
 * <p>A forwarded query carries credentials the owner accepts: the peer token ({@code ENTENTE_PEER_TOKEN}) when
 * configured, otherwise the caller's own {@code Authorization} header (see {@code RelayCredentials}). The caller's
 * roles were checked here, before the query reached this service; a caller signed in with a session and no peer token
 * configured cannot be relayed for, and is told so (503) rather than passed the owner's refusal; an owner refusing the
 * credentials sent is a 502.
 */
@Service
public class ScoreQueryService {

    /** Marks a request one instance forwarded to another. */
    public static final String FORWARDED_HEADER = "X-Entente-Forwarded";

    private final ScoringStreams scoring;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ScoreQueryService(ScoringStreams scoring) {
        this.scoring = scoring;
    }

    /** What a query returns: a local view, or the owner's answer passed through as it came. */
    public sealed interface Answer {
        record Local(Optional<ScoreView> view) implements Answer {
        }

        record Forwarded(int status, String body) implements Answer {
        }
    }

    /**
     * @param authorization what to send as {@code Authorization} if the query must be forwarded; empty when there is
     *        nothing to send
     */
    public Answer score(String assessmentId, boolean forwarded, Optional<String> authorization) {
        KafkaStreams streams = streams();
        KeyQueryMetadata owner = streams.queryMetadataForKey(ScoringTopology.STORE, assessmentId,
                Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new ScoresUnavailableException("the scores are being loaded; try again shortly");
        }
        if (forwarded || isThisInstance(owner.activeHost())) {
            return new Answer.Local(local(streams, assessmentId));
        }
        return forward(owner.activeHost(), assessmentId, authorization);
    }

    private Optional<ScoreView> local(KafkaStreams streams, String assessmentId) {
        try {
            ReadOnlyKeyValueStore<String, AssessmentLedger> store = streams.store(StoreQueryParameters
                    .fromNameAndType(ScoringTopology.STORE, QueryableStoreTypes.<String, AssessmentLedger>keyValueStore()));
            return Optional.ofNullable(store.get(assessmentId)).map(ScoreView::of);
        } catch (InvalidStateStoreException e) {
            throw new ScoresUnavailableException("the scores are being loaded; try again shortly");
        }
    }

    private Answer forward(HostInfo owner, String assessmentId, Optional<String> authorization) {
        if (authorization.isEmpty()) {
            throw new ScoresUnavailableException("this assessment is held by another instance (" + owner + "), and "
                    + "there are no credentials to ask it with: configure the same ENTENTE_PEER_TOKEN on every instance");
        }
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/api/assessments/"
                + URLEncoder.encode(assessmentId, StandardCharsets.UTF_8).replace("+", "%20") + "/score");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header(FORWARDED_HEADER, "true").header("Accept", "application/json")
                .header("Authorization", authorization.get()).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new RelayRefusedException("the instance holding this assessment (" + owner + ") refused the "
                        + "relayed query (" + response.statusCode() + "): configure the same ENTENTE_PEER_TOKEN on "
                        + "every instance");
            }
            return new Answer.Forwarded(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new ScoresUnavailableException("the instance holding this assessment (" + owner
                    + ") did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoresUnavailableException("interrupted while asking " + owner);
        }
    }

    private boolean isThisInstance(HostInfo host) {
        String advertised = scoring.advertisedServer();
        return advertised == null || advertised.equals(host.host() + ":" + host.port());
    }

    private KafkaStreams streams() {
        KafkaStreams streams = scoring.kafkaStreams();
        if (streams == null) {
            throw new ScoresUnavailableException("scoring has not started yet");
        }
        return streams;
    }
}
