package dev.atelier.worker.service;

import java.math.BigDecimal;
import java.util.Map;

import dev.atelier.events.GenerationRequested;

/**
 * Reads the generation parameters of {@link GenerationRequested#params()}. They are hints for providers, so a
 * missing, mistyped or out-of-range value is dropped (null: the provider's default), never a failure.
 */
final class RenderParams {
    private RenderParams() {
    }

    /** {@code guidance}: a positive finite number, or a string holding one. */
    static Double guidance(Map<String, Object> params) {
        BigDecimal value = number(params, GenerationRequested.PARAM_GUIDANCE);
        if (value == null || value.signum() <= 0) {
            return null;
        }
        double guidance = value.doubleValue();
        return Double.isFinite(guidance) ? guidance : null;
    }

    /** {@code steps}: a positive whole number (30 or 30.0, or a string holding one). */
    static Integer steps(Map<String, Object> params) {
        BigDecimal value = number(params, GenerationRequested.PARAM_STEPS);
        if (value == null || value.signum() <= 0) {
            return null;
        }
        try {
            return value.stripTrailingZeros().intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static BigDecimal number(Map<String, Object> params, String key) {
        Object value = params == null ? null : params.get(key);
        try {
            if (value instanceof Number number) {
                return new BigDecimal(number.toString());
            }
            if (value instanceof String text) {
                return new BigDecimal(text.trim());
            }
        } catch (NumberFormatException e) {
            // NaN, Infinity or not a number at all.
        }
        return null;
    }
}
