# Entente's Kafka logins, topics and ACLs on the docker compose broker, as calls of the functions that
# kafka-setup.sh defines before it reads this file. Rendered from
# local/src/main/java/org/entente/local/KafkaAccess.java (the table ./entente up enforces on the local
# broker, and Kubernetes as Strimzi KafkaUsers) and the topic registry in schemas by
# ComposeKafkaAccessTest; do not edit by hand.
#
#   login <user> <variable holding its password>
#   topic <name> [<config>=<value>...]       (ENTENTE_TOPICS_PARTITIONS partitions, one replica)
#   grant <user> <resource> <pattern> <operations> <name>...   (allowed from any host)

login entente-survey ENTENTE_KAFKA_LOGIN_SURVEY_PASSWORD
login entente-scoring ENTENTE_KAFKA_LOGIN_SCORING_PASSWORD
login entente-advice ENTENTE_KAFKA_LOGIN_ADVICE_PASSWORD
login entente-funnel ENTENTE_KAFKA_LOGIN_FUNNEL_PASSWORD
login entente-integration ENTENTE_KAFKA_LOGIN_INTEGRATION_PASSWORD

topic entente.survey.assessments.v1 cleanup.policy=delete retention.ms=-1
topic entente.survey.assessments.v1.dlq cleanup.policy=delete retention.ms=-1
topic entente.survey.responses.v1
topic entente.survey.responses.v1.dlq
topic entente.scoring.stages.v1
topic entente.scoring.stages.v1.dlq
topic entente.advice.v1
topic entente.advice.v1.dlq
topic entente.funnel.events.v1
topic entente.funnel.events.v1.dlq
topic entente.funnel.metrics.v1
topic entente.funnel.metrics.v1.dlq
topic entente.funnel.alerts.v1
topic entente.funnel.alerts.v1.dlq
topic entente.funnel.targets.v1 cleanup.policy=compact
topic entente.funnel.targets.v1.dlq cleanup.policy=compact
topic entente.funnel.directory.v1 cleanup.policy=compact
topic entente.funnel.directory.v1.dlq cleanup.policy=compact

# survey-service's login.
grant entente-survey topic literal Read,Write,Describe entente.survey.assessments.v1 entente.survey.responses.v1
grant entente-survey topic literal Read,Describe entente.scoring.stages.v1
grant entente-survey topic literal Create,Read,Write,Describe entente.survey.invitations.internal.v1

# scoring-service's login.
grant entente-scoring topic literal Read,Describe entente.survey.assessments.v1 entente.survey.responses.v1
grant entente-scoring topic literal Write,Describe entente.scoring.stages.v1 entente.survey.assessments.v1.dlq entente.survey.responses.v1.dlq
grant entente-scoring group literal Read,Describe scoring-service
grant entente-scoring topic prefixed Create,Read,Write,Delete,Describe,DescribeConfigs scoring-service-
grant entente-scoring transactional-id prefixed Write,Describe scoring-service-

# advice-service's login.
grant entente-advice topic literal Read,Describe entente.scoring.stages.v1 entente.survey.assessments.v1 entente.funnel.metrics.v1
grant entente-advice topic literal Write,Describe entente.advice.v1 entente.scoring.stages.v1.dlq entente.survey.assessments.v1.dlq
grant entente-advice group literal Read,Describe entente-advice-service
grant entente-advice topic prefixed Create,Read,Write,Delete,Describe,DescribeConfigs entente-advice-service-
grant entente-advice transactional-id prefixed Write,Describe entente-advice-service-

# funnel-service's login.
grant entente-funnel topic literal Read,Write,Describe entente.funnel.events.v1 entente.funnel.metrics.v1 entente.funnel.alerts.v1 entente.funnel.targets.v1 entente.funnel.directory.v1
grant entente-funnel topic literal Write,Describe entente.funnel.events.v1.dlq
grant entente-funnel group literal Read,Describe funnel-service funnel-service-alert-delivery
grant entente-funnel topic prefixed Create,Read,Write,Delete,Describe,DescribeConfigs funnel-service-
grant entente-funnel transactional-id prefixed Write,Describe funnel-service-
grant entente-funnel topic literal Create,Read,Write,Describe entente.funnel.alert-deliveries.internal.v1

# Integrating applications: publish responses and funnel events, read the public outbound topics (groups integration-*).
grant entente-integration topic literal Write,Describe entente.survey.responses.v1 entente.funnel.events.v1
grant entente-integration topic literal Read,Describe entente.scoring.stages.v1 entente.advice.v1 entente.funnel.metrics.v1 entente.funnel.alerts.v1
grant entente-integration group prefixed Read,Describe integration-
