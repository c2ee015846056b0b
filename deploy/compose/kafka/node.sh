#!/bin/bash
# One Apache Kafka 3.9 node of the evaluation cluster (KRaft, combined broker and controller),
# configured as Kafka's documentation describes: clients and brokers on SASL_SSL with
# SCRAM-SHA-512, controllers on SSL with client certificates (SCRAM cannot authenticate the
# controller listener: its credentials live in the metadata the controllers serve), ACLs by the
# StandardAuthorizer. SCRAM credentials of every user are written when the storage is formatted
# (kafka-storage.sh format --add-scram), so the brokers can authenticate to each other on first
# start. Environment: NODE_ID (1-3), EXTERNAL_PORT (the host-facing listener).
set -euo pipefail
: "${NODE_ID:?}" "${EXTERNAL_PORT:?}"
secrets=/secrets
config=/tmp/server.properties
admin_password=$(cat "$secrets/admin.password")

cat > "$config" <<PROPERTIES
process.roles=broker,controller
node.id=${NODE_ID}
controller.quorum.voters=1@kafka-1:9094,2@kafka-2:9094,3@kafka-3:9094
listeners=INTERNAL://:9093,EXTERNAL://:${EXTERNAL_PORT},CONTROLLER://:9094
advertised.listeners=INTERNAL://kafka-${NODE_ID}:9093,EXTERNAL://localhost:${EXTERNAL_PORT}
listener.security.protocol.map=INTERNAL:SASL_SSL,EXTERNAL:SASL_SSL,CONTROLLER:SSL
inter.broker.listener.name=INTERNAL
controller.listener.names=CONTROLLER
log.dirs=/var/lib/kafka/data

sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${admin_password}";
listener.name.controller.ssl.client.auth=required

ssl.keystore.type=PEM
ssl.keystore.location=${secrets}/kafka-${NODE_ID}.keystore.pem
ssl.key.password=$(cat "$secrets/kafka-key.password")
ssl.truststore.type=PEM
ssl.truststore.location=${secrets}/kafka-ca.pem
# Certificate principals "CN=kafka-1" become "kafka-1".
ssl.principal.mapping.rules=RULE:^CN=([a-z0-9-]+)\$/\$1/,DEFAULT

authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin;User:kafka-1;User:kafka-2;User:kafka-3
allow.everyone.if.no.acl.found=false

auto.create.topics.enable=false
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
PROPERTIES

if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  scram=()
  for file in "$secrets"/*.password; do
    user=$(basename "$file" .password)
    [ "$user" = kafka-key ] && continue
    scram+=(--add-scram "SCRAM-SHA-512=[name=${user},password=$(cat "$file")]")
  done
  # All three nodes must be formatted with the same cluster id.
  /opt/kafka/bin/kafka-storage.sh format --config "$config" \
    --cluster-id "${CLUSTER_ID:-c2Ftc2FnLWV2YWx1ZXJpbg}" "${scram[@]}"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$config"
