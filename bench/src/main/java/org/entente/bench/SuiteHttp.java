package org.entente.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmarks' HTTP client of the suite under test: every call carries the suite's admin token, as in
 * production. Knows the few calls the benchmarks make besides their load (opening an assessment, one response).
 */
final class SuiteHttp {

    private static final Pattern ASSESSMENT_ID = Pattern.compile("\"assessmentId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String bearer;

    SuiteHttp(String apiToken) {
        this.bearer = "Bearer " + apiToken;
    }

    /** The Authorization header's value. */
    String bearer() {
        return bearer;
    }

    HttpClient client() {
        return http;
    }

    String openAssessment(URI survey, int threshold) throws Exception {
        // below 3 only for a named (non-anonymous) assessment, which the benchmark's synthetic respondents may be
        String body = "{\"organization\":\"bench\",\"title\":\"benchmark\",\"anonymityThreshold\":" + threshold
                + ",\"named\":" + (threshold < 3) + "}";
        HttpResponse<String> response = post(survey.resolve("/api/assessments"), body);
        Matcher m = ASSESSMENT_ID.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("could not open an assessment: " + response.statusCode() + " "
                    + response.body());
        }
        return m.group(1);
    }

    void postResponse(URI survey, String assessmentId, String respondentId, String function) throws Exception {
        String body = "{\"assessmentId\":\"" + assessmentId + "\",\"respondentId\":\"" + respondentId
                + "\",\"function\":\"" + function + "\",\"role\":\"HEAD\","
                + "\"answers\":[3,4,2,5,3,4,1,2,3,4,5,4,3,2,1,2,3,4,5,3]}";
        HttpResponse<String> response = post(survey.resolve("/api/responses"), body);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("response refused: " + response.statusCode() + " " + response.body());
        }
    }

    HttpResponse<String> post(URI uri, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
