#!/bin/bash
# Formats the log directory on first start, then runs the broker in the foreground (PID 1, so a
# SIGTERM from the engine shuts it down cleanly). Configuration comes from the environment, like the
# apache/kafka image: every KAFKA_<NAME> variable becomes the property <name> with '_' read as '.',
# '__' as '_' and '___' as '-'. CLUSTER_ID names the cluster; KAFKA_HEAP_OPTS and KAFKA_OPTS go to the JVM.
set -euo pipefail

config=/tmp/kafka-server.properties
declare -A props=(
  [process.roles]=broker,controller
  [node.id]=1
  [listeners]=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
  [advertised.listeners]=PLAINTEXT://127.0.0.1:9092
  [controller.listener.names]=CONTROLLER
  [listener.security.protocol.map]=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
  [controller.quorum.voters]=1@127.0.0.1:9093
  [log.dirs]=/var/lib/kafka/data
  [num.partitions]=3
  [offsets.topic.replication.factor]=1
  [transaction.state.log.replication.factor]=1
  [transaction.state.log.min.isr]=1
  [share.coordinator.state.topic.replication.factor]=1
  [share.coordinator.state.topic.min.isr]=1
  [group.initial.rebalance.delay.ms]=0
)

jvm_only='^KAFKA_(HEAP_OPTS|OPTS|JVM_PERFORMANCE_OPTS|LOG4J_OPTS|GC_LOG_OPTS|JMX_OPTS|DEBUG|HOME)$'
while IFS='=' read -r name value; do
  [[ $name =~ ^KAFKA_ ]] || continue
  [[ $name =~ $jvm_only ]] && continue
  key=${name#KAFKA_}
  key=${key,,}
  key=${key//___/-}
  key=${key//__/@}
  key=${key//_/.}
  key=${key//@/_}
  props[$key]=$value
done < <(env)

: >"$config"
for key in "${!props[@]}"; do
  printf '%s=%s\n' "$key" "${props[$key]}" >>"$config"
done

classpath="/opt/kafka/libs/*"
log_config="-Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties"
java $log_config -cp "$classpath" kafka.tools.StorageTool format \
  --config "$config" --cluster-id "${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}" --ignore-formatted

# shellcheck disable=SC2086 # the option strings are word lists
exec java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} ${KAFKA_OPTS:-} $log_config \
  -cp "$classpath" kafka.Kafka "$config"
