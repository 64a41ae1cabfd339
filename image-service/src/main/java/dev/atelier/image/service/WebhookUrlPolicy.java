package dev.atelier.image.service;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.WebhookConfig;
import dev.atelier.image.domain.AddressRange;
import dev.atelier.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Where a webhook may point (server-side request forgery guard). A URL must be absolute https (http only when
 * {@code allow-http}), without user info or fragment; every address its host resolves to must be public: loopback,
 * private, link-local, carrier-grade NAT, multicast, documentation, benchmarking and reserved ranges, IPv6 unique
 * local, NAT64 and 6to4 addresses (which embed IPv4 ones) are refused unless listed in {@code allowed-networks}
 * (Java reads an IPv4-mapped IPv6 address as the IPv4 one, so those get the IPv4 checks). The check runs when a URL is registered and again before every delivery, whose
 * connection then goes to the address that was checked (so a DNS answer cannot change in between).
 */
@ApplicationScoped
public class WebhookUrlPolicy {
    /** Not reachable on the public internet (RFC 6890 and the IANA special-purpose registries). */
    static final List<AddressRange> NON_PUBLIC = Arrays.stream(new String[] {
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
        "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23",
        "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8" })
            .map(AddressRange::parse).toList();

    private final WebhookConfig config;
    private final List<AddressRange> allowed;

    public WebhookUrlPolicy(WebhookConfig config) {
        this.config = config;
        this.allowed = config.allowedNetworks().orElse(List.of()).stream()
                .filter(range -> !range.isBlank()).map(AddressRange::parse).toList();
    }

    /** The URL, normalised, or a 400 naming {@code field} when it is not one a webhook may have. */
    public URI parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField(field, "must not be blank");
        }
        String text = raw.strip();
        if (text.length() > config.maxUrlLength()) {
            throw ProblemException.invalidField(field, "must be at most " + config.maxUrlLength() + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField(field, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && config.allowHttp())) {
            throw ProblemException.invalidField(field, config.allowHttp() ? "must be an http or https URL"
                    : "must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw ProblemException.invalidField(field, "must not contain user info");
        }
        if (uri.getRawFragment() != null) {
            throw ProblemException.invalidField(field, "must not contain a fragment");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw ProblemException.invalidField(field, "must name a host");
        }
        if (uri.getPort() == 0) {
            throw ProblemException.invalidField(field, "must not use port 0");
        }
        return uri.normalize();
    }

    /**
     * The address to connect to for this URL: its host resolved now, every address checked. Fails with
     * {@link RefusedAddressException} when any of them may not be reached, {@link UnknownHostException} when the
     * name does not resolve. Resolution blocks, so it runs on a worker thread; the result comes back on the
     * caller's Vert.x context, where a reactive session or transaction may go on.
     */
    public Uni<InetAddress> resolve(URI uri) {
        Context caller = Vertx.currentContext();
        Uni<InetAddress> resolved = Uni.createFrom().item(() -> {
            try {
                return checked(uri.getHost());
            } catch (UnknownHostException e) {
                throw new UnresolvedHostException(uri.getHost(), e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? resolved : resolved.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    /** {@link #parse} and {@link #resolve}, the failures as a 400 naming {@code field}. */
    public Uni<URI> check(String field, String raw) {
        URI uri;
        try {
            uri = parse(field, raw);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return resolve(uri).replaceWith(uri)
                .onFailure(RefusedAddressException.class).transform(e -> ProblemException.invalidField(field,
                        "resolves to an address webhooks may not reach (" + e.getMessage() + ")"))
                .onFailure(UnresolvedHostException.class).transform(e -> ProblemException.invalidField(field,
                        "names a host that does not resolve"));
    }

    /** Whether a connection to that address is allowed. */
    public boolean allows(InetAddress address) {
        if (allowed.stream().anyMatch(range -> range.contains(address))) {
            return true;
        }
        return !(address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || NON_PUBLIC.stream().anyMatch(range -> range.contains(address)));
    }

    private InetAddress checked(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
                : IDN.toASCII(host);
        InetAddress[] addresses = InetAddress.getAllByName(name);
        for (InetAddress address : addresses) {
            if (!allows(address)) {
                throw new RefusedAddressException(address.getHostAddress());
            }
        }
        return addresses[0];
    }

    /** The host resolves to an address webhooks may not reach. */
    public static final class RefusedAddressException extends RuntimeException {
        RefusedAddressException(String address) {
            super(address + " is not a public address");
        }
    }

    /** The host does not resolve. */
    public static final class UnresolvedHostException extends RuntimeException {
        UnresolvedHostException(String host, Throwable cause) {
            super(host + " does not resolve", cause);
        }
    }
}
