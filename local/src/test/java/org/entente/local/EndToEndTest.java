package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.AdviceGenerated;
import org.entente.events.Recommendation;
import org.entente.events.Stage;
import org.entente.events.StageClassified;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.EventSerde;
import org.entente.schemas.SchemaHistory;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite as it runs on one machine: a KRaft broker from the Kafka jars that lets in only clients that log
 * in (SASL SCRAM-SHA-512), and the four services from their built jars, each its own process on free ports, each
 * given its Kafka login and the stack's credentials in its environment; every API call carries the admin token.
 * An assessment is opened over HTTP; Sales and Marketing answer,
 * partly over HTTP and partly as another application would, straight onto the responses topic as raw
 * single-object bytes written from the kept {@code .avsc} alone; the stage and the advice must come out right on
 * their topics and over HTTP, and closing the assessment must produce the final revision. A poison message must
 * land in the dead-letter topic with its reason, and be counted in the service's metrics.
 *
 * <p>Privacy and secrets, once the run has produced its events: respondents answer through personal links labelled
 * with e-mail addresses, then every message on every topic (internal ones included) is read raw, keys, values and
 * headers, and no invitation token and no e-mail address may appear; no log holds a credential; and a service given
 * a wrong Kafka password never reports UP and says why in its log.
 *
 * <p>Least privilege: the broker authorizes, and each service runs with its own login and only the grants of
 * {@link KafkaAccess}, so the run itself proves those grants are enough; the other application publishes with the
 * integration login; a service given another service's login never reports UP and names the refusal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    @TempDir
    static Path home;

    private static LocalStack stack;
    private static StackSecrets secrets;
    private static final ByteArrayOutputStream PROGRESS = new ByteArrayOutputStream();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** Every invitation token the run handed out (the respondents' links and their return links). */
    private static final Set<String> TOKENS = new LinkedHashSet<>();

    @BeforeAll
    static void startTheSuite() {
        secrets = StackSecrets.generate();
        LocalStack.Builder builder = LocalStack.builder()
                .repository(LocalStack.Builder.findRepository(Path.of("").toAbsolutePath()))
                .home(home)
                .secrets(secrets)
                .saslKafka(true)
                .brokerPort(FreePorts.next())
                .controllerPort(FreePorts.next())
                .services(EnumSet.allOf(Service.class))
                .startTimeout(Duration.ofMinutes(4))
                .out(new PrintStream(PROGRESS, true, StandardCharsets.UTF_8));
        for (Service service : Service.values()) {
            builder.servicePort(service, FreePorts.next());
        }
        stack = builder.build();
        stack.start();
    }

    @AfterAll
    static void stopTheSuite() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    @Order(1)
    void anAssessmentAnsweredOverHttpAndKafkaIsClassifiedAndAdvised() throws Exception {
        String assessmentId = openAssessment();

        // Sales: three respondents rating every statement 3, a total of 60 each.
        for (int i = 1; i <= 3; i++) {
            submitOverHttp(assessmentId, "sales-" + i, "SALES", i == 1 ? "HEAD" : "STAFF", Collections.nCopies(20, 3));
        }
        // Marketing: totals of 40 and 60 over HTTP, and 50 from another application on the topic: a mean of 50.
        submitOverHttp(assessmentId, "marketing-1", "MARKETING", "HEAD", Collections.nCopies(20, 2));
        submitOverHttp(assessmentId, "marketing-2", "MARKETING", "STAFF", Collections.nCopies(20, 3));
        List<Integer> mixed = new ArrayList<>(Collections.nCopies(10, 2));
        mixed.addAll(Collections.nCopies(10, 3));
        publishRawFromAnotherApplication(assessmentId, "marketing-3", mixed);

        // Score: the mean of Sales (60) and Marketing (50) = 55, Defined; Sales sees it 10 points rosier.
        StageClassified classified = awaitEvent(Topics.STAGES, assessmentId,
                e -> e.getRespondentCount() == 6, Duration.ofMinutes(2));
        assertThat(classified.getStage()).isEqualTo(Stage.DEFINED);
        assertThat(classified.getScore()).isEqualTo(55.0);
        assertThat(classified.getSales().getMeanTotal()).isEqualTo(60.0);
        assertThat(classified.getMarketing().getMeanTotal()).isEqualTo(50.0);
        assertThat(classified.getPerceptionGap()).isEqualTo(10.0);
        assertThat(classified.getFinal$()).isFalse();

        // Advice: Defined in a commoditizing market moves up to Aligned, with the Aligned playbook.
        AdviceGenerated advice = awaitEvent(Topics.ADVICE, assessmentId,
                e -> e.getBasedOnRevision() == classified.getRevision(), Duration.ofMinutes(1));
        assertThat(advice.getCurrentStage()).isEqualTo(Stage.DEFINED);
        assertThat(advice.getRecommendation()).isEqualTo(Recommendation.MOVE_UP);
        assertThat(advice.getTargetStage()).isEqualTo(Stage.ALIGNED);
        assertThat(advice.getActions()).extracting(a -> a.getId()).containsExactlyInAnyOrder(
                "disciplined-communication", "joint-assignments", "marketing-liaison", "colocation", "sales-feedback");

        String score = get(Service.SCORING, "/api/assessments/" + assessmentId + "/score", 200);
        assertThat(score).contains("\"stage\":\"DEFINED\"").contains("\"score\":55.0");
        String adviceJson = get(Service.ADVICE, "/api/assessments/" + assessmentId + "/advice", 200);
        assertThat(adviceJson).contains("\"recommendation\":\"MOVE_UP\"").contains("\"targetStage\":\"ALIGNED\"");
        assertThat(get(Service.ADVICE, "/assessments/" + assessmentId, 200)).contains("Defined");

        // Closing publishes the final revision with the same score.
        post(Service.SURVEY, "/api/assessments/" + assessmentId + "/close", "{}", 200);
        StageClassified last = awaitEvent(Topics.STAGES, assessmentId, StageClassified::getFinal$,
                Duration.ofMinutes(1));
        assertThat(last.getScore()).isEqualTo(55.0);
        assertThat(last.getRevision()).isGreaterThan(classified.getRevision());
    }

    @Test
    @Order(1)
    void aResponseOverHttpTheRevisionItCompletesAndItsAdviceShareOneTrace() throws Exception {
        String assessmentId = openAssessment();
        for (int i = 1; i <= 3; i++) {
            submitOverHttp(assessmentId, "sales-" + i, "SALES", "STAFF", Collections.nCopies(20, 4));
        }
        for (int i = 1; i <= 2; i++) {
            submitOverHttp(assessmentId, "marketing-" + i, "MARKETING", "STAFF", Collections.nCopies(20, 4));
        }
        // The sixth response completes the threshold: the first revision counts it last and carries its trace.
        String traceId = UUID.randomUUID().toString().replace("-", ""); // 32 hex digits, a W3C trace id
        send(HttpRequest.newBuilder(stack.url(Service.SURVEY).resolve("/api/responses"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"assessmentId":"%s","respondentId":"marketing-3","function":"MARKETING","role":"STAFF",
                         "answers":%s}""".formatted(assessmentId, Collections.nCopies(20, 4)))), 202);

        ConsumerRecord<String, StageClassified> stage = awaitRecord(Topics.STAGES.name(),
                Topics.STAGES.valueSerde().deserializer(), assessmentId, e -> e.getRespondentCount() == 6,
                Duration.ofMinutes(2));
        ConsumerRecord<String, AdviceGenerated> advice = awaitRecord(Topics.ADVICE.name(),
                Topics.ADVICE.valueSerde().deserializer(), assessmentId,
                e -> e.getBasedOnRevision() == stage.value().getRevision(), Duration.ofMinutes(1));
        assertThat(traceIdOf(stage)).as("the revision's trace").isEqualTo(traceId);
        assertThat(traceIdOf(advice)).as("the advice's trace").isEqualTo(traceId);
    }

    private static String traceIdOf(ConsumerRecord<String, ?> record) {
        var header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent on %s", record.topic()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8).split("-")[1];
    }

    @Test
    @Order(2)
    void anUnknownAssessmentIsNotFoundAndAMalformedResponseIsRefused() throws Exception {
        get(Service.SCORING, "/api/assessments/no-such-assessment/score", 404);
        get(Service.ADVICE, "/api/assessments/no-such-assessment/advice", 404);
        String refused = post(Service.SURVEY, "/api/responses", """
                {"assessmentId":"%s","respondentId":"r-1","function":"SALES","role":"STAFF","answers":[1,2,3]}
                """.formatted(openAssessment()), 400);
        assertThat(refused).contains("answers");
    }

    @Test
    @Order(3)
    void aPoisonMessageIsDeadLetteredWithItsReasonAndCounted() throws Exception {
        String assessmentId = openAssessment();
        byte[] poison = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        publish(Topics.RESPONSES.name(), assessmentId, poison);

        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.RESPONSES.dlq(), new ByteArrayDeserializer(),
                assessmentId, bytes -> true, Duration.ofMinutes(1));
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.REASON_CODE)).isEqualTo("NOT_SINGLE_OBJECT");
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.RESPONSES.name());
        assertThat(get(Service.SCORING, "/actuator/prometheus", 200))
                .containsPattern("entente_dead_letters_total\\{[^}]*reason=\"NOT_SINGLE_OBJECT\"[^}]*} [1-9]");
    }

    @Test
    @Order(4)
    void respondentsAnswerThroughPersonalLinksLabelledWithTheirAddresses() throws Exception {
        String assessmentId = openAssessment();
        List<String> links = new ArrayList<>();
        links.addAll(invite(assessmentId, "SALES", "STAFF", List.of("dana@example.com", "lee.wong@example.org")));
        links.addAll(invite(assessmentId, "MARKETING", "STAFF", List.of("sam+survey@example.net")));
        assertThat(links).hasSize(3);
        for (String link : links) {
            TOKENS.add(token(link));
            String thanks = answerThroughTheForm(link, 4);
            TOKENS.add(token(thanks.replaceFirst("/thanks.*$", "")));
        }
        // The answers are events now, under the respondents' pseudonyms.
        // Read raw and decode only this assessment's records: the topic also holds the poison message of another test.
        List<SurveyResponseSubmitted> web = new ArrayList<>();
        Deserializer<SurveyResponseSubmitted> decoder = Topics.RESPONSES.valueSerde().deserializer();
        awaitRecord(Topics.RESPONSES.name(), new ByteArrayDeserializer(), assessmentId, bytes -> {
            web.add(decoder.deserialize(Topics.RESPONSES.name(), bytes));
            return web.size() == links.size();
        }, Duration.ofMinutes(1));
        assertThat(web).extracting(SurveyResponseSubmitted::getSource).containsOnly("web");
        assertThat(web).extracting(SurveyResponseSubmitted::getRespondentId).doesNotHaveDuplicates()
                .noneMatch(id -> EMAIL.matcher(id).find());
    }

    /**
     * The issue's privacy check: after the run, every message on every topic of the broker (events, dead letters,
     * changelogs, repartition topics, survey-service's own invitations topic, Kafka's internal topics), read raw from
     * the beginning, must hold no invitation token and no e-mail address, in its key, value or headers.
     */
    @Test
    @Order(5)
    void noMessageOnAnyTopicCarriesAnInvitationTokenOrAnEmailAddress() throws Exception {
        assertThat(TOKENS).as("the run handed out invitation tokens").isNotEmpty();
        Map<String, Object> config = new HashMap<>(stack.kafkaClientConfig());
        Set<String> topics;
        try (Admin admin = Admin.create(config)) {
            topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
        }
        assertThat(topics).contains(Topics.RESPONSES.name(), Topics.RESPONSES.dlq(), "__consumer_offsets")
                .anyMatch(name -> name.contains("changelog"))
                .anyMatch(name -> name.startsWith("entente.survey") && !Topics.ALL.stream()
                        .anyMatch(t -> t.name().equals(name) || t.dlq().equals(name)));

        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"); // aborted writes count too
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        List<String> findings = new ArrayList<>();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(Instant.now()).as("reading every topic to its end").isBefore(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    inspect(record.topic() + "-" + record.partition() + "@" + record.offset() + " key",
                            record.key(), findings);
                    inspect(record.topic() + "-" + record.partition() + "@" + record.offset() + " value",
                            record.value(), findings);
                    for (Header header : record.headers()) {
                        inspect(record.topic() + "-" + record.partition() + "@" + record.offset() + " header "
                                + header.key(), header.value(), findings);
                    }
                }
            }
        }
        assertThat(read).as("messages read").isGreaterThan(20);
        assertThat(findings).as("tokens or e-mail addresses found in %d messages on %s", read, topics).isEmpty();
    }

    @Test
    @Order(6)
    void noLogHoldsACredential() throws Exception {
        List<String> secretValues = secrets.secretValues();
        assertThat(secretValues).contains(secrets.apiToken(), secrets.brokerLogin().password(),
                secrets.kafkaLogin(KafkaAccess.Principal.SCORING).password(),
                secrets.user("sales-viewer").password());
        List<Path> logs;
        try (var files = Files.list(home.resolve("logs"))) {
            logs = files.filter(f -> f.toString().endsWith(".log")).toList();
        }
        assertThat(logs.stream().map(f -> f.getFileName().toString()))
                .contains("kafka.log", "survey-service.log", "scoring-service.log", "advice-service.log",
                        "funnel-service.log");
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            for (String secret : secretValues) {
                assertThat(text.contains(secret)).as("%s holds a credential", log.getFileName()).isFalse();
            }
        }
    }

    @Test
    @Order(7)
    void aServiceWithAWrongKafkaPasswordNeverReportsUpAndSaysWhy() throws Exception {
        String wrong = "not-the-password-" + UUID.randomUUID();
        String name = "scoring-service-wrong-password";
        String log = assertNeverUp(name, Map.of(StackSecrets.KAFKA_PASSWORD, wrong), "Authentication failed");
        assertThat(log).doesNotContain(wrong);
    }

    /**
     * Least privilege, from the service's side: scoring-service started with funnel-service's login (a valid login,
     * without scoring's grants) never reports UP, and its log names the refusal.
     */
    @Test
    @Order(8)
    void aServiceWithAnotherServicesLoginNeverReportsUpAndSaysWhy() throws Exception {
        var funnel = secrets.kafkaLogin(KafkaAccess.Principal.FUNNEL);
        String name = "scoring-service-funnel-login";
        // The topics it must use are refused to that login: the start stops with the security module's report
        // naming the login and the topics.
        String log = assertNeverUp(name, Map.of(StackSecrets.KAFKA_USERNAME, funnel.name(),
                StackSecrets.KAFKA_PASSWORD, funnel.password()), "Kafka refused the login " + funnel.name());
        assertThat(log).contains("as " + funnel.name()).doesNotContain(funnel.password())
                .contains(Topics.ASSESSMENTS.name()).contains("APPLICATION FAILED TO START");
    }

    /**
     * Starts one more scoring-service with these environment overrides; it must not report UP before its log holds
     * every one of {@code whys}, nor for 15 s after. Returns the log.
     */
    private static String assertNeverUp(String name, Map<String, String> overrides, String... whys) throws Exception {
        int port = FreePorts.next();
        ManagedProcess process = stack.startExtra(Service.SCORING, name, port, overrides);
        try {
            Path log = stack.logFile(name);
            URI url = URI.create("http://127.0.0.1:" + port);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (!(Files.exists(log) && List.of(whys).stream().allMatch(Files.readString(log,
                    StandardCharsets.ISO_8859_1)::contains))) {
                assertThat(Instant.now()).as("%s logs %s", name, List.of(whys)).isBefore(deadline);
                assertThat(stack.healthAt(url)).as("%s reports UP", name).isNotNull();
                Thread.sleep(500);
            }
            // Having been refused, it stays out of service for a while yet.
            Instant watchUntil = Instant.now().plus(Duration.ofSeconds(15));
            while (Instant.now().isBefore(watchUntil) && process.isAlive()) {
                assertThat(stack.healthAt(url)).as("%s reports UP", name).isNotNull();
                Thread.sleep(500);
            }
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } finally {
            process.requestStop();
            process.awaitExit(Duration.ofSeconds(30));
        }
    }

    private static void inspect(String where, byte[] bytes, List<String> findings) {
        if (bytes == null || bytes.length == 0) {
            return;
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte: binary stays searchable
        for (String token : TOKENS) {
            if (text.contains(token)) {
                findings.add(where + " holds invitation token " + token.substring(0, 4) + "...");
            }
        }
        Matcher email = EMAIL.matcher(text);
        while (email.find()) {
            findings.add(where + " holds e-mail address " + email.group());
        }
    }

    /** Personal links for respondents of one function and role, one per label; returns their URLs. */
    private static List<String> invite(String assessmentId, String function, String role, List<String> labels)
            throws Exception {
        String body = post(Service.SURVEY, "/api/assessments/" + assessmentId + "/invitations", """
                {"function":"%s","role":"%s","labels":[%s]}""".formatted(function, role,
                labels.stream().map(l -> "\"" + l + "\"").collect(Collectors.joining(","))), 201);
        List<String> urls = Demo.all(body, "url");
        assertThat(urls).as("links in %s", body).hasSameSizeAs(labels);
        return urls;
    }

    /**
     * What a respondent's browser does: opens the link (a session cookie and the form's CSRF field come back),
     * rates every statement and sends the form; returns the confirmation's address (the private return link).
     */
    private static String answerThroughTheForm(String link, int rating) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(link)).header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as("GET %s answered %s", link, form.body()).isEqualTo(200);
        StringBuilder fields = new StringBuilder();
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"")
                .matcher(form.body());
        if (csrf.find()) {
            fields.append("_csrf=").append(URLEncoder.encode(csrf.group(1) != null ? csrf.group(1) : csrf.group(2),
                    StandardCharsets.UTF_8));
        }
        for (int statement = 1; statement <= 20; statement++) {
            fields.append(fields.isEmpty() ? "" : "&").append('s').append(statement).append('=').append(rating);
        }
        HttpResponse<String> sent = browser.send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(fields.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as("POST %s answered %s", link, sent.body()).isIn(302, 303);
        String location = sent.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/thanks");
        return location;
    }

    private static String token(String link) {
        String path = URI.create(link).getPath();
        return path.substring(path.indexOf("/r/") + 3).replaceFirst("/.*$", "");
    }

    private static String openAssessment() throws Exception {
        String body = post(Service.SURVEY, "/api/assessments", """
                {"organization":"acme","title":"End-to-end check","anonymityThreshold":3,
                 "context":{"marketCommoditizing":true}}
                """, 201);
        Matcher id = Pattern.compile("\"assessmentId\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        assertThat(id.find()).as("assessmentId in %s", body).isTrue();
        return id.group(1);
    }

    private static void submitOverHttp(String assessmentId, String respondentId, String function, String role,
            List<Integer> answers) throws Exception {
        post(Service.SURVEY, "/api/responses", """
                {"assessmentId":"%s","respondentId":"%s","function":"%s","role":"%s","answers":%s}
                """.formatted(assessmentId, respondentId, function, role, answers), 202);
    }

    /**
     * What a non-Java client does: take the newest kept schema of SurveyResponseSubmitted as plain JSON, write a
     * generic record with it, and prefix the single-object header by hand.
     */
    private static void publishRawFromAnotherApplication(String assessmentId, String respondentId,
            List<Integer> answers) throws IOException {
        List<Schema> versions = SchemaHistory.kept().versions(org.entente.events.SurveyResponseSubmitted.class);
        Schema schema;
        try (InputStream in = EndToEndTest.class.getClassLoader().getResourceAsStream(
                "org/entente/schemas/history/SurveyResponseSubmitted/v" + versions.size() + ".avsc")) {
            schema = new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        GenericRecord response = new GenericData.Record(schema);
        response.put("responseId", UUID.randomUUID().toString());
        response.put("assessmentId", assessmentId);
        response.put("respondentId", respondentId);
        response.put("function", new GenericData.EnumSymbol(schema.getField("function").schema(), "MARKETING"));
        response.put("role", new GenericData.EnumSymbol(schema.getField("role").schema(), "STAFF"));
        response.put("instrumentVersion", "1");
        response.put("answers", answers);
        response.put("submittedAt", Instant.now().toEpochMilli());
        response.put("source", "hr-pulse");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(EventSerde.header(SchemaHistory.fingerprint(schema)));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema).write(response, encoder);
        encoder.flush();

        publish(Topics.RESPONSES.name(), assessmentId, bytes.toByteArray());
    }

    /** Publishes as an integrating application does: with the integration login, allowed the inbound topics only. */
    private static void publish(String topic, String key, byte[] value) throws IOException {
        Map<String, Object> config = new HashMap<>(stack.kafkaClientConfig(KafkaAccess.Principal.INTEGRATION));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IOException("could not publish to " + topic, e);
        }
    }

    /** Reads the topic from the start until an event for this key matches, or fails after the timeout. */
    private static <V extends SpecificRecord> V awaitEvent(Topic<V> topic, String key, Predicate<V> wanted,
            Duration timeout) {
        return awaitRecord(topic.name(), topic.valueSerde().deserializer(), key, wanted, timeout).value();
    }

    /** Reads a topic from the start until a record for this key matches, or fails after the timeout. */
    private static <V> ConsumerRecord<String, V> awaitRecord(String topic, Deserializer<V> values, String key,
            Predicate<V> wanted, Duration timeout) {
        Map<String, Object> config = new HashMap<>(stack.kafkaClientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "end-to-end-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<V> seen = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        seen.add(record.value());
                        if (wanted.test(record.value())) {
                            return record;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " for " + key + " within " + timeout
                + "; saw " + seen);
    }

    private static String get(Service service, String path, int expectedStatus) throws Exception {
        return send(HttpRequest.newBuilder(stack.url(service).resolve(path)).GET(), expectedStatus);
    }

    private static String post(Service service, String path, String json, int expectedStatus) throws Exception {
        return send(HttpRequest.newBuilder(stack.url(service).resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), expectedStatus);
    }

    private static String send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        HttpRequest built = request.header("Accept", "*/*").header("Authorization", "Bearer " + secrets.apiToken())
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s answered %s", built.method(), built.uri(), response.body())
                .isEqualTo(expectedStatus);
        return response.body();
    }
}
