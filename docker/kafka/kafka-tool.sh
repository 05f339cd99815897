#!/bin/bash
# The few Kafka command-line tools that docker-compose.yml's setup runs (and the console producer and consumer, to
# try a login by hand), under the names and in the place the
# apache/kafka image has them (/opt/kafka/bin/kafka-acls.sh, ...): docker/build-broker.sh copies this file once per
# name. The tool is chosen by the name it is called by; KAFKA_HEAP_OPTS and KAFKA_OPTS go to the JVM as for the
# broker. Other tools of the Kafka distribution are not in this image.
set -euo pipefail

case "$(basename "$0")" in
  kafka-storage.sh) main=kafka.tools.StorageTool ;;
  kafka-configs.sh) main=kafka.admin.ConfigCommand ;;
  kafka-topics.sh) main=org.apache.kafka.tools.TopicCommand ;;
  kafka-acls.sh) main=org.apache.kafka.tools.AclCommand ;;
  kafka-broker-api-versions.sh) main=org.apache.kafka.tools.BrokerApiVersionsCommand ;;
  kafka-console-producer.sh) main=org.apache.kafka.tools.ConsoleProducer ;;
  kafka-console-consumer.sh) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  *) echo "$(basename "$0"): not a Kafka tool this image has" >&2; exit 2 ;;
esac

# shellcheck disable=SC2086 # the option strings are word lists
exec java ${KAFKA_HEAP_OPTS:--Xms32m -Xmx256m} ${KAFKA_OPTS:-} -XX:TieredStopAtLevel=1 -Xshare:auto \
  -Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.properties -cp "/opt/kafka/libs/*" "$main" "$@"
