package dev.atelier.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atelier.image.config.WebhookConfig;
import dev.atelier.image.domain.AddressRange;
import dev.atelier.problem.ProblemException;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Where a webhook may point: the server-side request forgery guard, with the production defaults unless noted. */
class WebhookUrlPolicyTest {
    private static final WebhookUrlPolicy PRODUCTION = policy(Map.of());
    private static final WebhookUrlPolicy LOCAL = policy(Map.of(
            "atelier.image.webhooks.allow-http", "true",
            "atelier.image.webhooks.allowed-networks", "127.0.0.0/8,::1/128"));

    static WebhookUrlPolicy policy(Map<String, String> properties) {
        ConfigSource source = new PropertiesConfigSource(new HashMap<>(properties), "test", 500);
        // Durations as Quarkus reads them ("5s", "30d").
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(WebhookConfig.class).withSources(source)
                .withConverter(Duration.class, 200, new DurationConverter()).build();
        return new WebhookUrlPolicy(config.getConfigMapping(WebhookConfig.class));
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.10.0.1", "::1", "0.0.0.0", "::", "10.0.0.1", "172.16.5.4",
        "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "192.0.2.1", "198.18.0.1", "224.0.0.1",
        "240.0.0.1", "255.255.255.255", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "2001:db8::1",
        "64:ff9b::a00:1", "2002:a00:1::1", "::ffff:10.0.0.1" })
    void addressesThatAreNotPublicAreRefused(String literal) throws UnknownHostException {
        assertFalse(PRODUCTION.allows(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = { "8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "172.32.0.1",
        "100.128.0.1" })
    void publicAddressesAreAllowed(String literal) throws UnknownHostException {
        assertTrue(PRODUCTION.allows(InetAddress.getByName(literal)), literal);
    }

    @Test
    void allowedNetworksOpenOnlyTheRangesTheyName() throws UnknownHostException {
        assertTrue(LOCAL.allows(InetAddress.getByName("127.0.0.1")));
        assertTrue(LOCAL.allows(InetAddress.getByName("::1")));
        assertFalse(LOCAL.allows(InetAddress.getByName("10.0.0.1")));
        assertFalse(LOCAL.allows(InetAddress.getByName("169.254.169.254")));
    }

    @Test
    void aNameIsCheckedByTheAddressesItResolvesTo() {
        assertThrows(WebhookUrlPolicy.RefusedAddressException.class,
                () -> PRODUCTION.resolve(URI.create("https://localhost/hook")).await().indefinitely());
        assertEquals("127.0.0.1",
                LOCAL.resolve(URI.create("http://localhost/hook")).await().indefinitely().getHostAddress()
                        .replace("0:0:0:0:0:0:0:1", "127.0.0.1"));
    }

    @Test
    void aRefusedAddressIsABadRequestNamingTheField() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> PRODUCTION.check("url", "https://10.1.2.3/hook").await().indefinitely());
        assertEquals(400, refused.status());
        assertEquals("url", refused.errors().get(0).field());
        assertTrue(refused.errors().get(0).message().contains("10.1.2.3"), refused.errors().get(0).message());
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://8.8.8.8/hook", "ftp://8.8.8.8/hook", "file:///etc/passwd", "8.8.8.8/hook",
        "https://user:pass@8.8.8.8/hook", "https://8.8.8.8/hook#part", "https:///hook", "https://8.8.8.8:0/hook",
        "not a url", " ", "javascript:alert(1)", "gopher://8.8.8.8:25/" })
    void urlsAWebhookMayNotHaveAreRefusedBeforeAnyLookup(String url) {
        ProblemException refused = assertThrows(ProblemException.class, () -> PRODUCTION.parse("url", url));
        assertEquals(400, refused.status());
        assertEquals("url", refused.errors().get(0).field());
    }

    @Test
    void httpIsAcceptedOnlyWhereTheOperatorAllowsIt() {
        assertEquals(URI.create("http://8.8.8.8/hook"), LOCAL.parse("url", "http://8.8.8.8/hook"));
        assertEquals(URI.create("https://8.8.8.8/a/hook?x=1"),
                PRODUCTION.parse("url", " https://8.8.8.8/a/./hook?x=1 "));
    }

    @Test
    void anOverlongUrlIsRefused() {
        assertThrows(ProblemException.class, () -> PRODUCTION.parse("url", "https://8.8.8.8/" + "a".repeat(2100)));
    }

    @Test
    void addressRangesMatchByPrefix() {
        AddressRange range = AddressRange.parse("172.16.0.0/12");
        assertTrue(range.contains(address("172.16.0.1")));
        assertTrue(range.contains(address("172.31.255.255")));
        assertFalse(range.contains(address("172.32.0.0")));
        assertFalse(range.contains(address("::1")));
        assertTrue(AddressRange.parse("fc00::/7").contains(address("fdff::1")));
        assertTrue(AddressRange.parse("10.0.0.5").contains(address("10.0.0.5")));
        assertFalse(AddressRange.parse("10.0.0.5").contains(address("10.0.0.6")));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("example.com/8"));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/33"));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
