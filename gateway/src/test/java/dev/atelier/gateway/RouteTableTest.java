package dev.atelier.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static GatewayConfig.Route route(String target, String... prefixes) {
        return new GatewayConfig.Route() {
            @Override
            public List<String> prefixes() {
                return List.of(prefixes);
            }

            @Override
            public URI target() {
                return URI.create(target);
            }
        };
    }

    private final RouteTable table = new RouteTable(Map.of(
            "gallery", route("http://gallery:8083", "/api/v1/images"),
            "special", route("http://special:9000", "/api/v1/images/special"),
            "image", route("http://image:8082", "/api/v1/images/*/regenerate")));

    @Test
    void aWildcardSegmentMatchesOneSegmentAndLiteralsWin() {
        assertEquals("image", table.find("/api/v1/images/42/regenerate").orElseThrow().route());
        assertEquals("gallery", table.find("/api/v1/images/42/restore").orElseThrow().route());
        assertEquals("gallery", table.find("/api/v1/images/42").orElseThrow().route());
        assertEquals("gallery", table.find("/api/v1/images//regenerate").orElseThrow().route());
    }

    @Test
    void theLongestMatchingPrefixWins() {
        assertEquals("special", table.find("/api/v1/images/special/1").orElseThrow().route());
        assertEquals("gallery", table.find("/api/v1/images/1").orElseThrow().route());
        assertEquals("gallery", table.find("/api/v1/images").orElseThrow().route());
    }

    @Test
    void prefixesMatchWholeSegmentsAndTraversalIsRefused() {
        assertTrue(table.find("/api/v1/imagesX").isEmpty());
        assertTrue(table.find("/api/v1/images/../../admin").isEmpty());
        assertTrue(table.find("/other").isEmpty());
    }
}
