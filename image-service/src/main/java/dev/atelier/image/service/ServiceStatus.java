package dev.atelier.image.service;

import java.util.Map;

/**
 * How generation is doing: each provider {@code up|down|circuit-open|unknown}, jobs queued and running, and the
 * median duration of recent jobs as the wait estimate (null without recent data).
 */
public record ServiceStatus(Map<String, String> providers, long queueDepth, long running, Long estimatedWaitSeconds) {
}
