package dev.atelier.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atelier.events.GenerationRequested;

class RenderParamsTest {

    private static Map<String, Object> params(Object guidance, Object steps) {
        Map<String, Object> params = new HashMap<>();
        params.put(GenerationRequested.PARAM_GUIDANCE, guidance);
        params.put(GenerationRequested.PARAM_STEPS, steps);
        return params;
    }

    @Test
    void numbersAreRead() {
        assertEquals(7.5, RenderParams.guidance(params(7.5, 30)));
        assertEquals(30, RenderParams.steps(params(7.5, 30)));
        assertEquals(4.0, RenderParams.guidance(params(4, 30L)));
        assertEquals(30, RenderParams.steps(params(4, 30.0)));
    }

    @Test
    void numbersWrittenAsStringsAreRead() {
        assertEquals(6.0, RenderParams.guidance(params(" 6 ", "28")));
        assertEquals(28, RenderParams.steps(params(" 6 ", "28")));
    }

    @Test
    void missingParametersAreNull() {
        assertNull(RenderParams.guidance(null));
        assertNull(RenderParams.steps(Map.of()));
    }

    @Test
    void wrongTypesAndNonsenseAreDropped() {
        assertNull(RenderParams.guidance(params("strong", List.of(1))));
        assertNull(RenderParams.steps(params("strong", List.of(1))));
        assertNull(RenderParams.guidance(params(-1, 0)));
        assertNull(RenderParams.steps(params(-1, 0)));
        assertNull(RenderParams.steps(params(1, 12.5)));
        assertNull(RenderParams.steps(params(1, 1e12)));
        assertNull(RenderParams.guidance(params(Double.NaN, "NaN")));
        assertNull(RenderParams.guidance(params("1e999", true)));
        assertNull(RenderParams.steps(params(Map.of(), true)));
    }
}
