package org.entente.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.Topics;

/**
 * Loads a demo into a running stack, through the services' public HTTP contracts and the responses topic, so a
 * newcomer sees a stage and advice within a minute: an assessment of a company whose market is commoditizing,
 * responses from Sales and Marketing (two of them published straight onto the topic, as a CRM would), and a quarter
 * of history in the shared funnel (with stable event ids, so loading it twice counts it once, and rules of
 * engagement that fire). It then waits, for a bounded time, for the advice.
 *
 * <p>It calls the APIs as the admin, with the stack's API token, and publishes with the services' Kafka login.
 * Every step reports what it sent and what came back; a step that fails is reported and the demo goes on with
 * what still makes sense. It never changes the stack itself.
 */
final class Demo {

    static final String ORGANIZATION = "acme";

    /** How Sales rates the 20 statements, before each respondent's own variation: a Defined relationship. */
    private static final int[] SALES = {3, 2, 2, 2, 2, 4, 3, 3, 2, 2, 2, 2, 2, 2, 3, 2, 1, 2, 3, 2};
    /** Marketing sees it a little better, except that Sales gives it little feedback (statement 6). */
    private static final int[] MARKETING = {3, 3, 3, 2, 4, 1, 3, 3, 3, 3, 2, 2, 3, 3, 3, 3, 1, 2, 3, 3};

    private final URI survey;
    private final URI scoring;
    private final URI advice;
    private final URI funnel;
    private final Map<String, Object> kafka;
    private final String authorization;
    private final Duration adviceTimeout;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Demo(LocalStack stack, Duration adviceTimeout, PrintStream out) {
        this.survey = stack.url(Service.SURVEY);
        this.scoring = stack.url(Service.SCORING);
        this.advice = stack.url(Service.ADVICE);
        this.funnel = stack.url(Service.FUNNEL);
        this.kafka = stack.kafkaClientConfig();
        this.authorization = stack.secrets() == null ? null : "Bearer " + stack.secrets().apiToken();
        this.adviceTimeout = adviceTimeout;
        this.out = out;
    }

    /** Runs the demo; true when the advice for the demo assessment came back. */
    boolean run() {
        out.println();
        out.println("Loading the demo ...");
        Optional<String> assessmentId = openAssessment();
        int responsesIn = 0;
        if (assessmentId.isPresent()) {
            awaitScoringKnows(assessmentId.get());
            responsesIn = submitResponses(assessmentId.get());
        }
        sendFunnelTraffic();
        if (assessmentId.isEmpty()) {
            out.println("The demo could not open its assessment, so there is no stage or advice to show.");
            return false;
        }
        String id = assessmentId.get();
        boolean adviced = responsesIn > 0 && showAdvice(id, responsesIn);
        out.println();
        out.println("The demo assessment: " + id);
        out.println("  report page:  " + advice.resolve("/assessments/" + id)
                + "   (sign in as sales, marketing or admin)");
        out.println("  funnel board: " + funnel.resolve("/") + "   (sign in as sales, marketing or admin)");
        out.println("  organizer:    " + survey.resolve("/assessments/" + id) + "   (sign in as admin)");
        out.println("  APIs, with the header Authorization: Bearer <API token>:");
        out.println("    score:   " + scoring.resolve("/api/assessments/" + id + "/score"));
        out.println("    advice:  " + advice.resolve("/api/assessments/" + id + "/advice"));
        out.println("    metrics: " + funnel.resolve("/api/funnel/metrics?organization=" + ORGANIZATION));
        return adviced;
    }

    private Optional<String> openAssessment() {
        String body = """
                {"organization":"%s","title":"Demo: are Sales and Marketing at war?","anonymityThreshold":3,
                 "context":{"marketCommoditizing":true,"conflictsRecurring":true,"competingForResources":true}}"""
                .formatted(ORGANIZATION);
        Optional<HttpResponse<String>> response = post(survey.resolve("/api/assessments"), body);
        if (response.isEmpty()) {
            return Optional.empty();
        }
        if (response.get().statusCode() != 201) {
            report("survey-service did not open the demo assessment", response.get());
            return Optional.empty();
        }
        Optional<String> id = text(response.get().body(), "assessmentId");
        id.ifPresentOrElse(
                value -> out.println("  opened assessment " + value + " (market commoditizing, anonymity threshold 3)"),
                () -> out.println("  survey-service answered 201 without an assessmentId: " + response.get().body()));
        return id;
    }

    /** Gives scoring a moment to see the opening before the responses arrive; goes on regardless after 30 s. */
    private void awaitScoringKnows(String id) {
        URI score = scoring.resolve("/api/assessments/" + id + "/score");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<HttpResponse<String>> response = get(score);
            if (response.isPresent() && response.get().statusCode() == 200) {
                return;
            }
            pause(Duration.ofMillis(500));
        }
        out.println("  (scoring-service does not know the assessment yet after 30 s; sending the responses anyway)");
    }

    /** Sends the demo responses; returns how many were accepted. */
    private int submitResponses(String id) {
        record Respondent(String id, BusinessFunction function, Role role, int[] base, boolean viaTopic) {
        }
        List<Respondent> respondents = List.of(
                new Respondent("demo-sales-head", BusinessFunction.SALES, Role.HEAD, SALES, false),
                new Respondent("demo-sales-1", BusinessFunction.SALES, Role.STAFF, SALES, false),
                new Respondent("demo-sales-2", BusinessFunction.SALES, Role.STAFF, SALES, false),
                new Respondent("demo-sales-3", BusinessFunction.SALES, Role.STAFF, SALES, true),
                new Respondent("demo-marketing-head", BusinessFunction.MARKETING, Role.HEAD, MARKETING, false),
                new Respondent("demo-marketing-1", BusinessFunction.MARKETING, Role.STAFF, MARKETING, false),
                new Respondent("demo-marketing-2", BusinessFunction.MARKETING, Role.STAFF, MARKETING, true));
        int accepted = 0;
        List<SurveyResponseSubmitted> viaTopic = new ArrayList<>();
        for (int i = 0; i < respondents.size(); i++) {
            Respondent r = respondents.get(i);
            List<Integer> answers = answers(r.base(), i);
            if (r.viaTopic()) {
                viaTopic.add(SurveyResponseSubmitted.newBuilder()
                        .setResponseId(UUID.randomUUID().toString())
                        .setAssessmentId(id)
                        .setRespondentId(r.id())
                        .setFunction(r.function())
                        .setRole(r.role())
                        .setInstrumentVersion("1")
                        .setAnswers(answers)
                        .setSubmittedAt(Instant.now())
                        .setSource("demo-crm")
                        .build());
                continue;
            }
            String body = """
                    {"assessmentId":"%s","respondentId":"%s","function":"%s","role":"%s","answers":[%s]}"""
                    .formatted(id, r.id(), r.function(), r.role(),
                            answers.stream().map(String::valueOf).collect(Collectors.joining(",")));
            Optional<HttpResponse<String>> response = post(survey.resolve("/api/responses"), body);
            if (response.isPresent() && response.get().statusCode() == 202) {
                accepted++;
            } else {
                response.ifPresent(rejected -> report("survey-service refused the response of " + r.id(), rejected));
            }
        }
        out.println("  " + accepted + " of " + (respondents.size() - viaTopic.size())
                + " responses accepted over HTTP (POST /api/responses)");
        int published = publish(viaTopic);
        out.println("  " + published + " responses published straight onto " + Topics.RESPONSES.name()
                + ", as another application would");
        return accepted + published;
    }

    /** The respondent's ratings: the function's view, nudged per person, each still from 1 to 5. */
    private static List<Integer> answers(int[] base, int respondent) {
        List<Integer> answers = new ArrayList<>(base.length);
        for (int statement = 0; statement < base.length; statement++) {
            int nudge = (respondent + statement) % 4 == 0 ? 1 : (respondent + statement) % 5 == 0 ? -1 : 0;
            if (statement < 2 * (respondent % 3)) {
                nudge++; // some people are a little more generous than others
            }
            answers.add(Math.max(1, Math.min(5, base[statement] + nudge)));
        }
        return answers;
    }

    private int publish(List<SurveyResponseSubmitted> responses) {
        Map<String, Object> config = new java.util.HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        int published = 0;
        try (KafkaProducer<String, SurveyResponseSubmitted> producer = new KafkaProducer<>(config,
                Topics.RESPONSES.keySerde().serializer(), Topics.RESPONSES.valueSerde().serializer())) {
            for (SurveyResponseSubmitted response : responses) {
                producer.send(new ProducerRecord<>(Topics.RESPONSES.name(), response.getAssessmentId(), response))
                        .get(20, TimeUnit.SECONDS);
                published++;
            }
        } catch (Exception e) {
            out.println("  could not publish onto " + Topics.RESPONSES.name() + ": " + e);
        }
        return published;
    }

    private void sendFunnelTraffic() {
        List<FunnelStoryEvent> story = funnelStory(Instant.now());
        int accepted = 0;
        for (FunnelStoryEvent event : story) {
            Optional<HttpResponse<String>> response = post(funnel.resolve("/api/funnel/events"), event.json());
            if (response.isPresent() && response.get().statusCode() == 202) {
                accepted++;
            } else {
                response.ifPresent(refused -> report("funnel-service refused a funnel event", refused));
                if (accepted == 0) {
                    break; // the first one failed: the others would too
                }
            }
        }
        out.println("  " + accepted + " of " + story.size() + " funnel events accepted: ten leads over the last"
                + " quarter (wins in each month, a rejection and a recycle, a loss, a handoff answered late, one"
                + " waiting for Sales), a $2.5M opportunity that calls in the brand manager and enters the top"
                + " accounts, and collateral reviewed by Sales; sent again, they count once (stable event ids)");
    }

    /** One event of the demo's funnel story: when it happened and the JSON the intake takes. */
    record FunnelStoryEvent(String eventId, Instant occurredAt, String json) {
    }

    /**
     * The demo's funnel: ten leads of the demo organization over the last quarter, counted back in days from
     * {@code now}, in event-time order (so no handoff looks overdue before its answer arrives). Event ids are fixed,
     * so loading the demo again adds nothing: the funnel counts each eventId once.
     */
    static List<FunnelStoryEvent> funnelStory(Instant now) {
        List<FunnelStoryEvent> story = new ArrayList<>();
        StoryWriter w = new StoryWriter(story, now);
        // L-101: all the way, with Marketing's case study near the decision; won some 75 days ago.
        w.marketing("L-101", 88, "STAGE_ENTERED", "BRAND_AWARENESS", "")
                .marketing("L-101", 86, "STAGE_ENTERED", "BRAND_CONSIDERATION", "")
                .marketing("L-101", 84, "STAGE_ENTERED", "BRAND_PREFERENCE", "")
                .marketing("L-101", 83, "HANDED_OFF", null, "")
                .sales("L-101", 82.7, "ACCEPTED", null, "")
                .sales("L-101", 80, "STAGE_ENTERED", "PURCHASE_INTENTION", ",\"amountCents\":4800000")
                .marketing("L-101", 79, "STAGE_ENTERED", "PURCHASE_INTENTION", ",\"contribution\":\"CASE_STUDY\"")
                .sales("L-101", 75, "WON", null, ",\"amountCents\":4800000,\"grossProfitCents\":1900000");
        // L-102: rejected for budget, recycled to Marketing.
        w.marketing("L-102", 80, "STAGE_ENTERED", "BRAND_AWARENESS", "")
                .marketing("L-102", 78, "STAGE_ENTERED", "BRAND_CONSIDERATION", "")
                .marketing("L-102", 77, "STAGE_ENTERED", "BRAND_PREFERENCE", "")
                .marketing("L-102", 76, "HANDED_OFF", null, "")
                .sales("L-102", 75.5, "REJECTED", null, ",\"reason\":\"no budget until the next fiscal year\"")
                .marketing("L-102", 70, "RECYCLED", "BRAND_CONSIDERATION", "");
        // L-103: handed off hours ago, waiting for Sales: its handoff clock runs on the board.
        w.marketing("L-103", 20, "STAGE_ENTERED", "BRAND_AWARENESS", "")
                .marketing("L-103", 10, "STAGE_ENTERED", "BRAND_CONSIDERATION", "")
                .marketing("L-103", 3, "STAGE_ENTERED", "BRAND_PREFERENCE", "")
                .marketing("L-103", 0.1, "HANDED_OFF", null, "");
        // L-104: won last month.
        w.marketing("L-104", 60, "STAGE_ENTERED", "BRAND_AWARENESS", "")
                .marketing("L-104", 55, "STAGE_ENTERED", "BRAND_CONSIDERATION", "")
                .marketing("L-104", 52, "STAGE_ENTERED", "BRAND_PREFERENCE", "")
                .marketing("L-104", 50, "HANDED_OFF", null, "")
                .sales("L-104", 49.8, "ACCEPTED", null, "")
                .sales("L-104", 47, "STAGE_ENTERED", "PURCHASE_INTENTION", ",\"amountCents\":12000000")
                .sales("L-104", 40, "WON", null, ",\"amountCents\":12000000,\"grossProfitCents\":5000000");
        // L-105: lost to a competitor.
        w.marketing("L-105", 58, "STAGE_ENTERED", "BRAND_AWARENESS", "")
                .marketing("L-105", 50, "STAGE_ENTERED", "BRAND_PREFERENCE", "")
                .marketing("L-105", 45, "HANDED_OFF", null, "")
                .sales("L-105", 44.9, "ACCEPTED", null, "")
                .sales("L-105", 40, "STAGE_ENTERED", "PURCHASE_INTENTION", ",\"amountCents\":3000000")
                .sales("L-105", 30, "LOST", null, ",\"reason\":\"chose a competitor\"");
        // L-106: Sales answered its handoff two days late (an SLA breach), then won it this month.
        w.marketing("L-106", 42, "STAGE_ENTERED", "BRAND_AWARENESS", "")
                .marketing("L-106", 38, "STAGE_ENTERED", "BRAND_PREFERENCE", "")
                .marketing("L-106", 36, "HANDED_OFF", null, "")
                .sales("L-106", 34, "ACCEPTED", null, "")
                .sales("L-106", 30, "STAGE_ENTERED", "PURCHASE_INTENTION", ",\"amountCents\":6500000")
                .sales("L-106", 9, "WON", null, ",\"amountCents\":6500000,\"grossProfitCents\":2400000");
        // L-107: a $2.5M opportunity (the brand manager is called in; a top account), collateral reviewed by Sales.
        w.marketing("L-107", 35, "STAGE_ENTERED", "BRAND_AWARENESS", "")
                .marketing("L-107", 30, "STAGE_ENTERED", "BRAND_CONSIDERATION", "")
                .marketing("L-107", 25, "STAGE_ENTERED", "BRAND_PREFERENCE", "")
                .marketing("L-107", 24, "HANDED_OFF", null, "")
                .sales("L-107", 23.8, "ACCEPTED", null, "")
                .sales("L-107", 20, "STAGE_ENTERED", "PURCHASE_INTENTION", ",\"amountCents\":250000000")
                .marketing("L-107", 6, "STAGE_ENTERED", null,
                        ",\"collateralReview\":{\"collateralId\":\"solution-brochure\",\"status\":\"REQUESTED\"}")
                .sales("L-107", 5, "STAGE_ENTERED", null,
                        ",\"collateralReview\":{\"collateralId\":\"solution-brochure\",\"status\":\"APPROVED\"}")
                .marketing("L-107", 4, "STAGE_ENTERED", "PURCHASE_INTENTION",
                        ",\"contribution\":\"SOLUTION_COLLATERAL\"");
        // L-108: an open opportunity whose case study waits for Sales' review.
        w.marketing("L-108", 28, "STAGE_ENTERED", "BRAND_AWARENESS", "")
                .marketing("L-108", 18, "STAGE_ENTERED", "BRAND_PREFERENCE", "")
                .marketing("L-108", 15, "HANDED_OFF", null, "")
                .sales("L-108", 14.9, "ACCEPTED", null, "")
                .sales("L-108", 12, "STAGE_ENTERED", "PURCHASE_INTENTION", ",\"amountCents\":18000000")
                .marketing("L-108", 0.2, "STAGE_ENTERED", null,
                        ",\"collateralReview\":{\"collateralId\":\"case-study-deck\",\"status\":\"REQUESTED\"}");
        // L-109, L-110: still with Marketing.
        w.marketing("L-109", 14, "STAGE_ENTERED", "BRAND_AWARENESS", "")
                .marketing("L-109", 7, "STAGE_ENTERED", "BRAND_CONSIDERATION", "")
                .marketing("L-110", 2, "STAGE_ENTERED", "BRAND_AWARENESS", "");
        story.sort(java.util.Comparator.comparing(FunnelStoryEvent::occurredAt));
        return List.copyOf(story);
    }

    /** Writes the story's events: ids numbered per lead in the order written, times counted back from now. */
    private static final class StoryWriter {
        private final List<FunnelStoryEvent> story;
        private final Instant now;
        private final Map<String, Integer> written = new java.util.HashMap<>();

        StoryWriter(List<FunnelStoryEvent> story, Instant now) {
            this.story = story;
            this.now = now;
        }

        StoryWriter marketing(String lead, double daysAgo, String type, String step, String extra) {
            return add(lead, daysAgo, type, step, "MARKETING", "maria.marketing", extra);
        }

        StoryWriter sales(String lead, double daysAgo, String type, String step, String extra) {
            return add(lead, daysAgo, type, step, "SALES", "sam.sales", extra);
        }

        private StoryWriter add(String lead, double daysAgo, String type, String step, String team, String actor,
                String extra) {
            String eventId = "demo-" + lead + "-" + written.merge(lead, 1, Integer::sum);
            Instant at = now.minus(Duration.ofMinutes(Math.round(daysAgo * 24 * 60)))
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String json = ("{\"eventId\":\"%s\",\"organization\":\"%s\",\"leadId\":\"%s\",\"accountId\":\"%s\","
                    + "\"type\":\"%s\",%s\"team\":\"%s\",\"actor\":\"%s\",\"occurredAt\":\"%s\"%s}")
                    .formatted(eventId, ORGANIZATION, lead, "ACC-" + lead.substring(2), type,
                            step == null ? "" : "\"step\":\"" + step + "\",", team, actor, at, extra);
            story.add(new FunnelStoryEvent(eventId, at, json));
            return this;
        }
    }

    /**
     * Polls, within the bounded wait, until the score counts every demo response and the advice is based on that
     * score's revision; prints the stage and the recommendation.
     */
    private boolean showAdvice(String id, int responses) {
        out.println("  waiting up to " + adviceTimeout.toSeconds() + " s for the score and the advice ...");
        URI scoreUri = scoring.resolve("/api/assessments/" + id + "/score");
        URI adviceUri = advice.resolve("/api/assessments/" + id + "/advice");
        long started = System.nanoTime();
        long deadline = started + adviceTimeout.toNanos();
        String lastAnswer = "no answer";
        while (System.nanoTime() < deadline) {
            Optional<HttpResponse<String>> score = get(scoreUri);
            Optional<HttpResponse<String>> advised = get(adviceUri);
            lastAnswer = describe(scoreUri, score) + "; " + describe(adviceUri, advised);
            if (isOk(score) && isOk(advised) && scored(score.get().body(), responses)
                    && basedOn(advised.get().body()) >= revision(score.get().body())) {
                String scoreBody = score.get().body();
                String adviceBody = advised.get().body();
                out.printf("  after %.0f s: score %s, stage %s (Sales %s, Marketing %s, %d respondents)%n",
                        (System.nanoTime() - started) / 1e9, oneDecimal(number(scoreBody, "score")),
                        text(scoreBody, "stage").orElse("?"), oneDecimal(numberAfter(scoreBody, "sales", "meanTotal")),
                        oneDecimal(numberAfter(scoreBody, "marketing", "meanTotal")), responses);
                out.printf("  advice: %s%s%n", text(adviceBody, "recommendation").orElse("?"),
                        text(adviceBody, "targetStage").map(t -> " to " + t).orElse(""));
                List<String> actions = all(adviceBody, "id");
                if (!actions.isEmpty()) {
                    out.println("  first actions: " + String.join(", ", actions));
                }
                return true;
            }
            pause(Duration.ofSeconds(1));
        }
        out.println("  no advice for all " + responses + " demo responses after " + adviceTimeout.toSeconds()
                + " s (last answers: " + lastAnswer + "). Look at the logs of scoring-service and advice-service.");
        return false;
    }

    private static boolean isOk(Optional<HttpResponse<String>> response) {
        return response.isPresent() && response.get().statusCode() == 200;
    }

    /** True once the score is published and counts every demo respondent (the first respondentCount is the total). */
    private static boolean scored(String score, int responses) {
        return "SCORED".equals(text(score, "status").orElse(""))
                && number(score, "respondentCount").map(n -> Double.parseDouble(n) >= responses).orElse(false);
    }

    private static long revision(String score) {
        return number(score, "revision").map(n -> (long) Double.parseDouble(n)).orElse(Long.MAX_VALUE);
    }

    private static long basedOn(String advice) {
        return number(advice, "basedOnRevision").map(n -> (long) Double.parseDouble(n)).orElse(-1L);
    }

    private static String oneDecimal(Optional<String> number) {
        return number.map(n -> String.format(Locale.ROOT, "%.1f", Double.parseDouble(n))).orElse("?");
    }

    private static String describe(URI uri, Optional<HttpResponse<String>> response) {
        return uri.getPath() + " " + response.map(r -> "HTTP " + r.statusCode() + " " + abbreviate(r.body()))
                .orElse("no answer");
    }

    private Optional<HttpResponse<String>> post(URI uri, String json) {
        HttpRequest request = authorized(HttpRequest.newBuilder(uri)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return send(request);
    }

    private Optional<HttpResponse<String>> get(URI uri) {
        return send(authorized(HttpRequest.newBuilder(uri)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build());
    }

    /** The demo acts as the admin, with the stack's API token. */
    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private Optional<HttpResponse<String>> send(HttpRequest request) {
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            out.println("  " + request.method() + " " + request.uri() + " failed: " + e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void report(String what, HttpResponse<String> response) {
        out.println("  " + what + ": " + response.request().method() + " " + response.request().uri() + " answered HTTP "
                + response.statusCode() + " " + abbreviate(response.body()));
    }

    // The demo reads a handful of fields from small JSON answers; patterns keep the launcher free of a JSON library.

    static Optional<String> text(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static Optional<String> number(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?[0-9.]+)").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> numberAfter(String json, String object, String field) {
        int at = json.indexOf("\"" + object + "\"");
        return at < 0 ? Optional.empty() : number(json.substring(at), field);
    }

    static List<String> all(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
