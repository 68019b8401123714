package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests parsing of redis:// and rediss:// URLs and that no message or log form shows the password. */
class RedisSettingsTest {

    private static final String SECRET = "s3cret-Pw";

    @Test
    void defaultsForHostOnly() {
        RedisSettings settings = RedisSettings.parse("redis://127.0.0.1").build();

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(6379);
        assertThat(settings.database()).isZero();
        assertThat(settings.tls()).isFalse();
        assertThat(settings.user()).isNull();
        assertThat(settings.hasPassword()).isFalse();
    }

    @Test
    void portAndDatabase() {
        RedisSettings settings = RedisSettings.parse("redis://localhost:6390/3").build();

        assertThat(settings.host()).isEqualTo("localhost");
        assertThat(settings.port()).isEqualTo(6390);
        assertThat(settings.database()).isEqualTo(3);
    }

    @Test
    void trailingSlashMeansDatabaseZero() {
        assertThat(RedisSettings.parse("redis://localhost/").build().database()).isZero();
    }

    @Test
    void redissEnablesTls() {
        RedisSettings settings = RedisSettings.parse("rediss://localhost:6380").build();

        assertThat(settings.tls()).isTrue();
        assertThat(settings.redactedUrl()).isEqualTo("rediss://localhost:6380/0");
    }

    @Test
    void userAndPassword() {
        RedisSettings settings = RedisSettings.parse("redis://alice:" + SECRET + "@127.0.0.1:6380/2").build();

        assertThat(settings.user()).isEqualTo("alice");
        assertThat(settings.password()).isEqualTo(SECRET);
        assertThat(settings.database()).isEqualTo(2);
    }

    @Test
    void passwordWithoutUser() {
        RedisSettings settings = RedisSettings.parse("redis://:" + SECRET + "@127.0.0.1").build();

        assertThat(settings.user()).isNull();
        assertThat(settings.password()).isEqualTo(SECRET);
    }

    @Test
    void loneUserInfoIsPassword() {
        RedisSettings settings = RedisSettings.parse("redis://" + SECRET + "@127.0.0.1").build();

        assertThat(settings.user()).isNull();
        assertThat(settings.password()).isEqualTo(SECRET);
    }

    @Test
    void percentEncodedPassword() {
        RedisSettings settings = RedisSettings.parse("redis://bob:p%40ss%3Aw%2Frd@127.0.0.1").build();

        assertThat(settings.user()).isEqualTo("bob");
        assertThat(settings.password()).isEqualTo("p@ss:w/rd");
    }

    @Test
    void ipv6Address() {
        RedisSettings settings = RedisSettings.parse("redis://[::1]:6390/1").build();

        assertThat(settings.host()).isEqualTo("::1");
        assertThat(settings.port()).isEqualTo(6390);
        assertThat(settings.database()).isEqualTo(1);
        assertThat(settings.redactedUrl()).isEqualTo("redis://[::1]:6390/1");
    }

    @Test
    void ipv6AddressWithCredentials() {
        RedisSettings settings = RedisSettings.parse("rediss://alice:" + SECRET + "@[::1]").build();

        assertThat(settings.host()).isEqualTo("::1");
        assertThat(settings.port()).isEqualTo(6379);
        assertThat(settings.password()).isEqualTo(SECRET);
    }

    @Test
    void hostNameWithUnderscore() {
        RedisSettings settings = RedisSettings.parse("redis://alice:" + SECRET + "@redis_primary:6381/4").build();

        assertThat(settings.host()).isEqualTo("redis_primary");
        assertThat(settings.port()).isEqualTo(6381);
        assertThat(settings.database()).isEqualTo(4);
        assertThat(settings.user()).isEqualTo("alice");
        assertThat(settings.password()).isEqualTo(SECRET);
    }

    @Test
    void redactedFormsHidePassword() {
        RedisSettings settings = RedisSettings.parse("redis://alice:" + SECRET + "@127.0.0.1:6380/2").build();

        assertThat(settings.redactedUrl()).isEqualTo("redis://alice:@127.0.0.1:6380/2");
        assertThat(settings.toString()).doesNotContain(SECRET);
        assertThat(RedisSettings.redact("redis://alice:" + SECRET + "@127.0.0.1"))
                .isEqualTo("redis://alice:***@127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://alice:" + SECRET + "@127.0.0.1",
        "redis://alice:" + SECRET + "@127.0.0.1:notaport",
        "redis://alice:" + SECRET + "@127.0.0.1:70000",
        "redis://alice:" + SECRET + "@127.0.0.1/abc",
        "redis://alice:" + SECRET + "@127.0.0.1/-1",
        "redis://alice:" + SECRET + "@",
        "redis://alice:s3cret Pw@127.0.0.1",
        "redis://alice:12/" + SECRET + "@127.0.0.1",
        "redis:/alice:" + SECRET + "@127.0.0.1",
        "alice:" + SECRET + "@127.0.0.1:6379",
    })
    void invalidUrlRejectedWithoutPassword(String url) {
        assertThatThrownBy(() -> RedisSettings.parse(url).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid Redis URL '")
                .hasMessageContaining(":***@")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:6379", "redis://", "redis://:6379", "not a url"})
    void invalidUrlWithoutCredentialsNamedInMessage(String url) {
        assertThatThrownBy(() -> RedisSettings.parse(url).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + url.strip() + "'")
                .hasMessageContaining("redis://");
    }

    @Test
    void invalidPortNamesReason() {
        assertThatThrownBy(() -> RedisSettings.parse("redis://127.0.0.1:0").build())
                .hasMessageContaining("port");
        assertThatThrownBy(() -> RedisSettings.parse("redis://127.0.0.1/x").build())
                .hasMessageContaining("database number");
    }

    @Test
    void environmentPrefersRedisCliAuth() {
        RedisSettings settings = RedisSettings.parse("redis://127.0.0.1").build()
                .withPasswordFrom(Map.of("REDISCLI_AUTH", "from-cli", "REDIS_PASSWORD", "from-redis"));

        assertThat(settings.password()).isEqualTo("from-cli");
    }

    @Test
    void environmentFallsBackToRedisPassword() {
        RedisSettings settings = RedisSettings.parse("redis://127.0.0.1").build()
                .withPasswordFrom(Map.of("REDISCLI_AUTH", "", "REDIS_PASSWORD", "from-redis"));

        assertThat(settings.password()).isEqualTo("from-redis");
    }

    @Test
    void urlPasswordWinsOverEnvironment() {
        RedisSettings settings = RedisSettings.parse("redis://:" + SECRET + "@127.0.0.1").build()
                .withPasswordFrom(Map.of("REDISCLI_AUTH", "from-cli"));

        assertThat(settings.password()).isEqualTo(SECRET);
    }

    @Test
    void noPasswordAnywhere() {
        RedisSettings settings = RedisSettings.parse("redis://127.0.0.1").build().withPasswordFrom(Map.of());

        assertThat(settings.hasPassword()).isFalse();
    }

    @Test
    void environmentPasswordKeepsOtherSettings() {
        RedisSettings settings = RedisSettings.parse("rediss://127.0.0.1:6390/5").poolSize(3).build()
                .withPasswordFrom(Map.of("REDIS_PASSWORD", "from-redis"));

        assertThat(settings.tls()).isTrue();
        assertThat(settings.port()).isEqualTo(6390);
        assertThat(settings.database()).isEqualTo(5);
        assertThat(settings.poolSize()).isEqualTo(3);
        assertThat(settings.password()).isEqualTo("from-redis");
    }
}
