package org.hotcore.explorer.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.hotcore.explorer.core.CommandBatch;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/** The sampler against real servers. */
@ExtendWith(RedisTestServer.class)
class MonitorSamplerTest {

    private static RedisConnection connect(String url) {
        return new RedisConnection(RedisSettings.parse(url).connectTimeoutMillis(1_000).readTimeoutMillis(2_000)
                .build(), new CommandGuard(CommandGuard.DEFAULT_LIMIT));
    }

    @Test
    void countsOwnConnectionsWithTheirMultiQueueButNotItself(LocalRedisServer server) {
        try (RedisConnection connection = connect(RedisTestServer.url());
             MonitorSampler sampler = new MonitorSampler(connection, () -> new Sample.Jobs(2, 1));
             Jedis explorer = new Jedis(server.host(), server.port())) {
            // Jedis keeps a transaction's commands in its buffer until EXEC, so MULTI is sent by hand here.
            explorer.clientSetname(RedisConnection.CLIENT_NAME);
            explorer.sendCommand(Protocol.Command.MULTI);
            explorer.sendCommand(Protocol.Command.SET, "a", "1");
            explorer.sendCommand(Protocol.Command.SET, "b", "2");
            explorer.sendCommand(Protocol.Command.SET, "c", "3");

            Sample sample = sampler.sample(true);

            assertThat(sample.detailed()).isTrue();
            assertThat(sample.clients().status()).isEqualTo(Sample.Status.AVAILABLE);
            assertThat(sample.clients().connections()).isEqualTo(1);
            assertThat(sample.clients().multiQueued()).isEqualTo(3);
            assertThat(sample.jobs()).isEqualTo(new Sample.Jobs(2, 1));
            assertThat(sample.redis().connectedClients()).isGreaterThanOrEqualTo(2);
            assertThat(sample.redis().maxmemory()).isNotNull();
            explorer.sendCommand(Protocol.Command.DISCARD);
        }
    }

    @Test
    void queueFiguresComeFromTheGuard() {
        try (RedisConnection connection = connect(RedisTestServer.url());
             MonitorSampler sampler = new MonitorSampler(connection, () -> Sample.Jobs.NONE);
             Jedis pooled = connection.borrow();
             CommandBatch pipeline = connection.guard().pipeline(pooled, "a test pipeline")) {
            pipeline.queue(p -> p.exists("a"));
            pipeline.queue(p -> p.exists("b"));

            Sample open = sampler.sample(true);
            pipeline.sync();
            Sample sent = sampler.sample(true);

            assertThat(open.queue().queuedNow()).isEqualTo(2);
            assertThat(sent.queue().queuedNow()).isZero();
            assertThat(sent.queue().maxQueued()).isEqualTo(2);
            assertThat(sent.queue().sent()).isEqualTo(2);
            assertThat(sent.queue().sentPerSecond()).isPositive();
            assertThat(sent.queue().limit()).isEqualTo(CommandGuard.DEFAULT_LIMIT);
        }
    }

    @Test
    void commandsOfTheSamplerDoNotCount() {
        try (RedisConnection connection = connect(RedisTestServer.url());
             MonitorSampler sampler = new MonitorSampler(connection, () -> Sample.Jobs.NONE)) {
            sampler.sample(true);
            Sample second = sampler.sample(true);

            assertThat(second.queue().sent()).isZero();
            assertThat(second.queue().sentPerSecond()).isZero();
        }
    }

    @Test
    void summarySampleSkipsClientList() {
        try (RedisConnection connection = connect(RedisTestServer.url());
             MonitorSampler sampler = new MonitorSampler(connection, () -> Sample.Jobs.NONE)) {
            Sample sample = sampler.sample(false);

            assertThat(sample.detailed()).isFalse();
            assertThat(sample.clients().status()).isEqualTo(Sample.Status.NOT_SAMPLED);
            assertThat(sample.redis().usedMemory()).isPositive();
            assertThat(sample.redis().opsPerSecond()).isNull();
        }
    }

    @Test
    void stoppedServerGivesUnavailable() throws IOException {
        LocalRedisServer server = LocalRedisServer.builder().start();
        try (RedisConnection connection = connect(server.url());
             MonitorSampler sampler = new MonitorSampler(connection, () -> Sample.Jobs.NONE)) {
            assertThat(sampler.sample(true).redis().status()).isEqualTo(Sample.Status.AVAILABLE);
            server.close();

            Sample lost = sampler.sample(true);

            assertThat(lost.redis().status()).isEqualTo(Sample.Status.UNAVAILABLE);
            assertThat(lost.redis().error()).contains("cannot reach Redis");
            assertThat(lost.clients().status()).isEqualTo(Sample.Status.UNAVAILABLE);
            assertThat(lost.jvm().heapUsed()).isPositive();
        }
    }

    @Test
    void withoutConnectionOnlyJvmAndJobs() {
        try (MonitorSampler sampler = new MonitorSampler(null, () -> new Sample.Jobs(1, 0))) {
            Sample sample = sampler.sample(true);

            assertThat(sample.queue()).isNull();
            assertThat(sample.redis().error()).isEqualTo(MonitorSampler.NOT_CONNECTED);
            assertThat(sample.jobs().running()).isEqualTo(1);
        }
    }
}
