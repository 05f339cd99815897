#!/usr/bin/env bash
# Builds the Kafka broker image our tests run ($ENTENTE_BROKER_IMAGE, default entente/kafka:<kafka version>)
# from the Kafka jars the root pom pins, on top of the local JRE base ($ENTENTE_BASE_IMAGE).
set -euo pipefail
cd "$(dirname "$0")/.."

base="${ENTENTE_BASE_IMAGE:-entente/jre-base:17}"
kafka_version=$(./mvnw -B -q -f docker/kafka/pom.xml help:evaluate -Dexpression=kafka.version -DforceStdout)
image="${ENTENTE_BROKER_IMAGE:-entente/kafka:$kafka_version}"

context=$(mktemp -d)
build_log=$(mktemp)
trap 'rm -rf "$context" "$build_log"' EXIT
./mvnw -B -q -f docker/kafka/pom.xml dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$context/libs"
cp docker/kafka/Dockerfile docker/kafka/log4j2.properties docker/kafka/tools-log4j2.properties "$context/"
mkdir "$context/bin"
cp docker/kafka/kafka-start.sh "$context/bin/"
for tool in kafka-storage kafka-configs kafka-topics kafka-acls kafka-broker-api-versions kafka-console-producer \
  kafka-console-consumer; do
  cp docker/kafka/kafka-tool.sh "$context/bin/$tool.sh"
done

# The classic builder: only COPY steps, so no build container needs a network. Its output is shown on failure.
if ! DOCKER_BUILDKIT=0 docker build --build-arg "BASE_IMAGE=$base" -t "$image" "$context" >"$build_log" 2>&1; then
  cat "$build_log" >&2
  exit 1
fi
echo "built $image ($(ls "$context/libs" | wc -l) jars)"
