package dev.atelier.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Longest-prefix matching of a request path against the configured routes. */
public final class RouteTable {
    record Entry(String prefix, String route, URI target) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
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
        all.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
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
