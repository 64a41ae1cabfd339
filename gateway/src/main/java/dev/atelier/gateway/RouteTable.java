package dev.atelier.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Longest-prefix matching of a request path against the configured routes. Prefixes match whole segments; a
 * {@code *} segment matches any one non-empty segment (e.g. {@code /api/v1/images/}&#42;{@code /regenerate}); the
 * deepest prefix wins, and at the same depth the one with fewer wildcards.
 */
public final class RouteTable {
    private static final String ANY_SEGMENT = "*";

    record Entry(String prefix, String route, URI target) {
        boolean matches(String path) {
            String[] wanted = segments(prefix);
            String[] actual = segments(path);
            if (actual.length < wanted.length) {
                return false;
            }
            for (int i = 0; i < wanted.length; i++) {
                boolean any = ANY_SEGMENT.equals(wanted[i]) && !actual[i].isEmpty();
                if (!any && !wanted[i].equals(actual[i])) {
                    return false;
                }
            }
            return true;
        }

        int depth() {
            return segments(prefix).length;
        }

        long wildcards() {
            return Arrays.stream(segments(prefix)).filter(ANY_SEGMENT::equals).count();
        }

        private static String[] segments(String path) {
            String trimmed = path.startsWith("/") ? path.substring(1) : path;
            if (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
        }
    }

    private final List<Entry> entries;

    RouteTable(Map<String, GatewayConfig.Route> routes) {
        List<Entry> all = new ArrayList<>();
        routes.forEach((name, route) -> route.prefixes().forEach(prefix -> {
            if (!prefix.startsWith("/")) {
                throw new IllegalArgumentException("route " + name + ": prefix must start with /: " + prefix);
            }
            all.add(new Entry(prefix, name, route.target()));
        }));
        all.sort(Comparator.comparingInt(Entry::depth).reversed().thenComparingLong(Entry::wildcards));
        this.entries = List.copyOf(all);
    }

    Optional<Entry> find(String path) {
        if (path == null || path.contains("/../") || path.endsWith("/..")) {
            return Optional.empty();
        }
        return entries.stream().filter(e -> e.matches(path)).findFirst();
    }

    List<Entry> entries() {
        return entries;
    }
}
