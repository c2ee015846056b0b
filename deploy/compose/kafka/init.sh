#!/bin/bash
# Runs once when the three nodes answer: creates the evaluation's topics with the layout
# `samsag topics ensure` would give them (domain.md §11 retention, co-partitioned per-citizen
# topics, a compacted case topic) and the ACLs of deploy/kubernetes: each adapter writes only
# its own sector topic and the dead letters; only the bridge reads the sector, consent and plan
# topics and writes the case, audit and membership topics. Idempotent.
set -euo pipefail
m=${MUNICIPALITY:-evaluering}
partitions=${PARTITIONS:-6}
bootstrap=kafka-1:9093,kafka-2:9093,kafka-3:9093
admin=/tmp/admin.properties
cat > "$admin" <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(cat /secrets/admin.password)";
ssl.truststore.type=PEM
ssl.truststore.location=/secrets/kafka-ca.pem
PROPERTIES
bin=/opt/kafka/bin
day=86400000

topic() {  # NAME PARTITIONS CONFIG...
  local name=$1 count=$2
  shift 2
  local configs=()
  for config in "$@"; do configs+=(--config "$config"); done
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --create \
    --if-not-exists --topic "$name" --partitions "$count" --replication-factor 3 \
    --config min.insync.replicas=2 "${configs[@]}"
}
for sector in employment social health region; do
  topic "$m.$sector.v1" "$partitions" cleanup.policy=delete retention.ms=$((30 * day))
done
topic "$m.consent.v1" "$partitions" cleanup.policy=delete retention.ms=$((730 * day))
topic "$m.plan.v1" "$partitions" cleanup.policy=delete retention.ms=$((730 * day))
topic "$m.case.v1" "$partitions" cleanup.policy=compact
topic "$m.audit.v1" "$partitions" cleanup.policy=delete retention.ms=$((1825 * day))
topic "$m.dlq.v1" "$partitions" cleanup.policy=delete retention.ms=$((14 * day))
topic "$m.members.v1" 1 cleanup.policy=compact

acl() {  # PRINCIPAL OPERATION... -- RESOURCE ARGS...
  local user=$1
  shift
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add \
    --allow-principal "User:$user" "$@"
}
for sector in employment social health region; do
  user=samsag-adapter-$sector
  acl "$user" --operation Write --operation Describe --topic "$m.$sector.v1"
  acl "$user" --operation Write --operation Describe --topic "$m.dlq.v1"
done
for input in employment social health region; do
  acl samsag-bridge --operation Read --operation Describe --topic "$m.$input.v1"
done
for both in consent plan case members; do
  acl samsag-bridge --operation Read --operation Write --operation Describe --topic "$m.$both.v1"
done
for output in audit dlq; do
  acl samsag-bridge --operation Write --operation Describe --topic "$m.$output.v1"
done
acl samsag-bridge --operation Read --operation Describe --group "samsag-bridge.$m" \
  --resource-pattern-type prefixed
acl samsag-bridge --operation Write --operation Describe --transactional-id "samsag-bridge.$m" \
  --resource-pattern-type prefixed
echo "init: topics and ACLs of $m are in place"
