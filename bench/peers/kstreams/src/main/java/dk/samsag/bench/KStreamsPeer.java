package dk.samsag.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The bridge benchmark's Kafka Streams peer: reads the bridge's input topics (keyed by citizen
 * pseudonym, co-partitioned) and folds each citizen's events into one record per key on an output
 * topic, with processing.guarantee=exactly_once_v2 — what a Kafka team would write instead of
 * samsag bridge. The fold does not decode the Protobuf events: it keeps every distinct event's
 * bytes (a re-sent record is the same event, so it is absorbed), in a RocksDB store with its
 * changelog, which is the least a Streams application holding per-citizen state does.
 *
 * <p>Prints "running" once the application runs, "processed N events in S s" when it has seen
 * --expected input records, "committed N events in S s" when its consumer group's committed
 * offsets reach the end of every input partition (the transactions holding them committed: the
 * end samsag bridge's event counter marks too), and "closed in S s" after it closed; seconds
 * since the JVM started. Exit code 1 when --timeout-seconds pass first.
 *
 * <pre>
 *   KStreamsPeer --bootstrap H:P --inputs T1,T2,... --output T --application-id ID
 *                --state-dir DIR --expected N [--threads N] [--timeout-seconds N]
 * </pre>
 */
public final class KStreamsPeer {
  private KStreamsPeer() {}

  /** Appends `event` to `folded` (4-byte length, bytes) unless an identical event is in it. */
  static byte[] fold(byte[] event, byte[] folded) {
    ByteBuffer existing = ByteBuffer.wrap(folded);
    while (existing.remaining() >= 4) {
      int length = existing.getInt();
      if (length == event.length
          && Arrays.equals(
              folded, existing.position(), existing.position() + length, event, 0, length)) {
        return folded;
      }
      existing.position(existing.position() + length);
    }
    return ByteBuffer.allocate(folded.length + 4 + event.length)
        .put(folded)
        .putInt(event.length)
        .put(event)
        .array();
  }

  /** The end offset of every partition of `topics` (the input is complete before the peer runs). */
  static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
      for (var partition : description.partitions()) {
        latest.put(
            new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest());
      }
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get().forEach((where, end) -> ends.put(where, end.offset()));
    return ends;
  }

  /** Whether `group` has committed offsets at (or past) every one of `ends`. */
  static boolean committedToEnd(Admin admin, String group, Map<TopicPartition, Long> ends)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    for (var end : ends.entrySet()) {
      OffsetAndMetadata offset = committed.get(end.getKey());
      if ((offset == null ? 0 : offset.offset()) < end.getValue()) return false;
    }
    return true;
  }

  public static void main(String[] args) throws InterruptedException, ExecutionException {
    Map<String, String> options = parse(args);
    long began = System.nanoTime();
    long expected = Long.parseLong(options.get("--expected"));
    long timeoutNanos =
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("--timeout-seconds", "1800")))
            .toNanos();

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, options.get("--application-id"));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("--bootstrap"));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, options.get("--state-dir"));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.getOrDefault("--threads", "1"));
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

    AtomicLong seen = new AtomicLong();
    StreamsBuilder builder = new StreamsBuilder();
    List<String> inputs = List.of(options.get("--inputs").split(","));
    builder.stream(inputs, Consumed.with(Serdes.Bytes(), Serdes.ByteArray()))
        .peek((key, value) -> seen.incrementAndGet())
        .groupByKey()
        .aggregate(
            () -> new byte[0],
            (key, event, folded) -> fold(event, folded),
            Materialized.<Bytes, byte[], KeyValueStore<Bytes, byte[]>>as("citizen-records")
                .withKeySerde(Serdes.Bytes())
                .withValueSerde(Serdes.ByteArray()))
        .toStream()
        .to(options.get("--output"), Produced.with(Serdes.Bytes(), Serdes.ByteArray()));

    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) System.out.println("running");
          if (now == KafkaStreams.State.ERROR) System.out.println("error: the application failed");
        });
    streams.start();
    boolean done = false;
    while (System.nanoTime() - began < timeoutNanos && streams.state() != KafkaStreams.State.ERROR) {
      if (seen.get() >= expected) {
        done = true;
        break;
      }
      Thread.sleep(10); // the polling interval of the counter
    }
    System.out.printf("processed %d events in %.3f s%n", seen.get(), seconds(began));
    if (done) {
      done = false;
      Properties adminProps = new Properties();
      adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("--bootstrap"));
      try (Admin admin = Admin.create(adminProps)) {
        Map<TopicPartition, Long> ends = endOffsets(admin, inputs);
        while (System.nanoTime() - began < timeoutNanos) {
          if (committedToEnd(admin, options.get("--application-id"), ends)) {
            done = true;
            break;
          }
          Thread.sleep(10); // the polling interval of the committed offsets
        }
      }
      System.out.printf("committed %d events in %.3f s%n", seen.get(), seconds(began));
    }
    streams.close(Duration.ofSeconds(60));
    System.out.printf("closed in %.3f s%n", seconds(began));
    System.exit(done ? 0 : 1);
  }

  private static double seconds(long began) {
    return (System.nanoTime() - began) / 1e9;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) options.put(args[i], args[i + 1]);
    for (String required :
        List.of("--bootstrap", "--inputs", "--output", "--application-id", "--state-dir",
            "--expected")) {
      if (!options.containsKey(required)) {
        System.err.println("KStreamsPeer: " + required + " is required");
        System.exit(2);
      }
    }
    return options;
  }
}
