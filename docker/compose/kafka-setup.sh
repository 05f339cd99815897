#!/usr/bin/env bash
# The docker compose broker's logins, topics and ACLs, with the Kafka tools of the broker image (apache/kafka, or
# our own entente/kafka): run by the one-shot services of docker-compose.yml, never by hand inside the broker.
#
#   kafka-setup.sh format   before the broker's first start: formats its data volume with the broker's own SCRAM
#                           login (entente-broker, the one super user); a formatted volume is left as it is
#   kafka-setup.sh health   the broker answers its own login (the broker container's health check)
#   kafka-setup.sh grant    once the broker answers, as entente-broker: sets every login of kafka-access.sh to the
#                           password in its variable, creates the missing topics, adds the missing ACLs and removes
#                           any other ACL of those logins; done at every `up`, so a new password or a changed table
#                           takes effect without a new volume. ACLs of other principals are left alone.
#
# What each login may do is kafka-access.sh, rendered from the table in local/ (KafkaAccess) and checked by a test.
# Passwords come from the environment only (ENTENTE_KAFKA_BROKER_PASSWORD, ENTENTE_KAFKA_LOGIN_<NAME>_PASSWORD), are
# written only into files of this container that only its user may read, and reach no command line except the
# formatter's --add-scram, once, when the volume is new. Not done: removing logins that kafka-access.sh no longer
# names (delete them with kafka-configs.sh --alter --delete-config SCRAM-SHA-512 as entente-broker).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bin=${KAFKA_HOME:-/opt/kafka}/bin
broker_user=entente-broker
mechanism=SCRAM-SHA-512
iterations=8192
bootstrap=${ENTENTE_KAFKA_SETUP_BOOTSTRAP:-localhost:9092}
data_dir=${ENTENTE_KAFKA_DATA_DIR:-/var/lib/kafka/data}

umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "kafka-setup: $*" >&2
  exit 1
}

# A password must survive a JAAS string and the tools' config syntax as it is: no quotes, commas or spaces.
password_of() {
  local variable=$1 value
  value=${!variable:-}
  [ -n "$value" ] || fail "$variable is not set (a long random string: openssl rand -hex 24)"
  [[ $value =~ ^[A-Za-z0-9._~-]{16,}$ ]] \
    || fail "$variable must be at least 16 letters, digits, '.', '_', '~' or '-' (openssl rand -hex 24)"
  printf '%s' "$value"
}

# The client settings of the broker's own login, for the tools' --command-config.
admin_config() {
  local password
  password=$(password_of ENTENTE_KAFKA_BROKER_PASSWORD)
  cat >"$work/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=$mechanism
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$broker_user" password="$password";
EOF
}

tool() {
  local name=$1; shift
  "$bin/$name.sh" --bootstrap-server "$bootstrap" --command-config "$work/admin.properties" "$@"
}

format() {
  local password
  password=$(password_of ENTENTE_KAFKA_BROKER_PASSWORD)
  [ -n "${CLUSTER_ID:-}" ] || fail "CLUSTER_ID is not set"
  if [ -e "$data_dir/meta.properties" ]; then
    echo "kafka-setup: $data_dir is formatted already; the broker keeps the login it was formatted with"
    return 0
  fi
  # Only what formatting reads: the node, its roles and where its data and metadata go (the listeners' security
  # is the broker's business, not the formatter's).
  cat >"$work/format.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
controller.listener.names=CONTROLLER
listeners=INTERNAL://localhost:19092,CONTROLLER://localhost:9093
listener.security.protocol.map=INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=INTERNAL
log.dirs=$data_dir
EOF
  "$bin/kafka-storage.sh" format --config "$work/format.properties" --cluster-id "$CLUSTER_ID" \
    --add-scram "$mechanism=[name=$broker_user,iterations=$iterations,password=$password]"
}

health() {
  [ -s "$work/admin.properties" ] || admin_config
  timeout 30 "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$bootstrap" \
    --command-config "$work/admin.properties" >/dev/null 2>&1
}

# --- what kafka-access.sh declares -----------------------------------------------------------------------------
logins=()
topics=()
grants=()
login() {
  password_of "$2" >/dev/null
  logins+=("$1 $2")
}
topic() { topics+=("$*"); }
grant() { grants+=("$*"); }

# Every single ACL of a grant line, as "<principal> <RESOURCE> <PATTERN> <name> <Operation>".
expand_grant() {
  local user=$1 resource=$2 pattern=$3 operations=$4 name operation
  shift 4
  for name in "$@"; do
    for operation in ${operations//,/ }; do
      echo "User:$user ${resource^^} ${pattern^^} $name $operation"
    done
  done
}

# The broker's ACLs of our logins, one per line as expand_grant writes them, from kafka-acls.sh --list.
present_acls() {
  local line type name pattern principal host operation permission
  tool kafka-acls --list | while IFS= read -r line; do
    if [[ $line =~ resourceType=([A-Z_]+),\ name=([^,]+),\ patternType=([A-Z]+) ]]; then
      type=${BASH_REMATCH[1]} name=${BASH_REMATCH[2]} pattern=${BASH_REMATCH[3]}
    elif [[ $line =~ principal=([^,]+),\ host=([^,]+),\ operation=([A-Z_]+),\ permissionType=([A-Z]+) ]]; then
      principal=${BASH_REMATCH[1]} host=${BASH_REMATCH[2]} operation=${BASH_REMATCH[3]} permission=${BASH_REMATCH[4]}
      # Only the logins of the table are ours to keep exact.
      [[ " ${users[*]} " == *" ${principal#User:} "* ]] || continue
      operation=$(pascal "$operation")
      if [ "$host" = "*" ] && [ "$permission" = ALLOW ]; then
        echo "$principal ${type/TRANSACTIONAL_ID/TRANSACTIONAL-ID} $pattern $name $operation"
      else
        echo "$principal ${type/TRANSACTIONAL_ID/TRANSACTIONAL-ID} $pattern $name $operation $host $permission"
      fi
    fi
  done
}

# DESCRIBE_CONFIGS -> DescribeConfigs, as kafka-access.sh and kafka-acls.sh spell operations.
pascal() {
  local word result=""
  for word in ${1//_/ }; do
    word=${word,,}
    result+=${word^}
  done
  printf '%s' "$result"
}

grant_all() {
  admin_config
  # shellcheck source=kafka-access.sh
  . "$here/kafka-access.sh"
  [ ${#logins[@]} -gt 0 ] && [ ${#topics[@]} -gt 0 ] && [ ${#grants[@]} -gt 0 ] \
    || fail "$here/kafka-access.sh declares no logins, topics or grants"
  local partitions=${ENTENTE_TOPICS_PARTITIONS:-3}
  [[ $partitions =~ ^[1-9][0-9]*$ ]] || fail "ENTENTE_TOPICS_PARTITIONS must be a positive number: $partitions"

  echo "kafka-setup: waiting for the broker at $bootstrap"
  local tries=0
  until health; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || fail "the broker at $bootstrap did not answer $broker_user within 60 tries"
    sleep 2
  done

  local entry user variable
  users=()
  for entry in "${logins[@]}"; do
    read -r user variable <<<"$entry"
    users+=("$user")
    printf '%s=iterations=%s,password=%s\n' "$mechanism" "$iterations" "$(password_of "$variable")" \
      >"$work/scram.properties"
    tool kafka-configs --alter --entity-type users --entity-name "$user" \
      --add-config-file "$work/scram.properties" >/dev/null
    rm -f "$work/scram.properties"
  done
  echo "kafka-setup: logins set: ${users[*]}"

  local existing name created=0
  existing=$(tool kafka-topics --list)
  for entry in "${topics[@]}"; do
    read -r name _ <<<"$entry"
    grep -qxF "$name" <<<"$existing" && continue
    local configs=() setting
    for setting in ${entry#"$name"}; do configs+=(--config "$setting"); done
    tool kafka-topics --create --if-not-exists --topic "$name" --partitions "$partitions" \
      --replication-factor 1 "${configs[@]}" >/dev/null
    created=$((created + 1))
  done
  echo "kafka-setup: topics ready (${#topics[@]}, $created created with $partitions partitions)"

  local present wanted line added=0
  present=$(present_acls)
  wanted=""
  for line in "${grants[@]}"; do
    # shellcheck disable=SC2086 # a grant line is a word list
    local singles
    singles=$(expand_grant $line)
    wanted+="$singles"$'\n'
    if grep -qvxF -f <(printf '%s\n' "$present") <<<"$singles"; then
      read -r user resource pattern operations names <<<"$line"
      local arguments=(--add --allow-principal "User:$user" --allow-host '*' --resource-pattern-type "$pattern")
      for operation in ${operations//,/ }; do arguments+=(--operation "$operation"); done
      for name in $names; do arguments+=("--$resource" "$name"); done
      tool kafka-acls "${arguments[@]}" >/dev/null
      added=$((added + 1))
    fi
  done

  local removed=0 principal type extra
  while read -r principal type pattern name operation extra; do
    [ -n "$principal" ] || continue
    local host=${extra%% *} permission=${extra##* }
    local who=(--allow-principal "$principal" --allow-host '*')
    if [ -n "$extra" ]; then
      [ "$permission" = ALLOW ] && who=(--allow-principal "$principal" --allow-host "$host") \
        || who=(--deny-principal "$principal" --deny-host "$host")
    fi
    tool kafka-acls --remove --force "${who[@]}" --resource-pattern-type "${pattern,,}" \
      --operation "$operation" "--${type,,}" "$name" >/dev/null
    removed=$((removed + 1))
  done < <(grep -vxF -f <(printf '%s' "$wanted") <<<"$present" || true)
  echo "kafka-setup: ACLs ready (${#grants[@]} grant lines, $added added, $removed others of these logins removed)"
}

case "${1:-}" in
  format) format ;;
  health) health ;;
  grant) grant_all ;;
  *) fail "usage: kafka-setup.sh format|health|grant" ;;
esac
