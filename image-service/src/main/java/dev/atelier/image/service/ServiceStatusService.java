package dev.atelier.image.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.ProviderStatus;
import dev.atelier.image.config.ImageConfig;
import dev.atelier.image.config.TrackingConfig;
import dev.atelier.image.repository.ProviderStatusRepository;
import dev.atelier.image.repository.ProviderStatusRepository.Report;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** {@code GET /generations/status}: the workers' provider reports and the queue, as every replica sees them. */
@ApplicationScoped
public class ServiceStatusService {
    public static final String UNKNOWN = "unknown";
    /** When workers disagree, the best state wins: one worker that can reach a provider is enough to use it. */
    private static final List<String> BEST_FIRST = List.of(ProviderStatus.UP, ProviderStatus.CIRCUIT_OPEN,
            ProviderStatus.DOWN);

    private final ProviderStatusRepository repository;
    private final TrackingConfig.Status config;
    private final ImageConfig image;

    public ServiceStatusService(ProviderStatusRepository repository, TrackingConfig config, ImageConfig image) {
        this.repository = repository;
        this.config = config.status();
        this.image = image;
    }

    public Uni<ServiceStatus> status() {
        return Uni.combine().all()
                .unis(repository.reports(config.providerTtl()), repository.queueNumbers(config.durationWindow()))
                .asTuple()
                .map(both -> new ServiceStatus(providers(image.providers(), both.getItem1()), both.getItem2().queued(),
                        both.getItem2().running(), waitEstimate(both.getItem2().medianSeconds())));
    }

    /**
     * Every configured provider and every reported one: the best state among fresh reports, else (no report, or
     * only stale ones) {@code unknown}.
     */
    static Map<String, String> providers(Collection<String> configured, List<Report> reports) {
        Map<String, List<String>> byProvider = reports.stream().collect(Collectors.groupingBy(Report::provider,
                Collectors.filtering(Report::fresh, Collectors.mapping(Report::status, Collectors.toList()))));
        Map<String, String> providers = new TreeMap<>();
        configured.forEach(name -> providers.put(name, UNKNOWN));
        byProvider.forEach((name, states) -> providers.put(name, BEST_FIRST.stream()
                .filter(states::contains)
                .findFirst()
                .orElse(UNKNOWN)));
        return providers;
    }

    @Scheduled(every = "${atelier.image.status.provider-purge-interval}",
            delayed = "${atelier.image.status.provider-purge-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> forgetGoneWorkers() {
        return repository.purgeOlderThan(config.providerForgetAfter())
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("Forgot %d provider report(s) older than %s", deleted, config.providerForgetAfter());
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("Provider report purge failed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Whole seconds, rounded up so a sub-second median is not announced as no wait. */
    static Long waitEstimate(Double medianSeconds) {
        return medianSeconds == null ? null : (long) Math.ceil(medianSeconds);
    }
}
