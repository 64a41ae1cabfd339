package dev.atelier.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes {@code bench/results/<scenario>.json}: the table's content, for comparing runs. */
public final class ResultsFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsFile() {
    }

    public static Path write(Path dir, ScenarioResult result, Instant startedAt, Map<String, Object> run)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scenario", result.scenario());
        document.put("startedAt", startedAt.toString());
        document.put("run", run);
        document.put("status", result.errored() ? "error" : "ok");
        if (result.errored()) {
            document.put("error", result.error());
        }
        document.put("setup", result.setup());
        document.put("measurements", result.measurements());
        document.put("figures", result.figures());
        document.put("ratios", result.ratios());
        document.put("targets", result.targets().stream().map(ResultsFile::target).toList());
        document.put("notes", result.notes());
        Path file = dir.resolve(result.scenario() + ".json");
        JsonNode tree = JSON.valueToTree(document);
        nanToNull(tree);
        Files.writeString(file, JSON.writeValueAsString(tree) + System.lineSeparator());
        return file;
    }

    /** NaN is not JSON: an absent figure becomes null. */
    private static void nanToNull(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (field.getValue().isNumber() && Double.isNaN(field.getValue().doubleValue())) {
                    field.setValue(NullNode.getInstance());
                } else {
                    nanToNull(field.getValue());
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(ResultsFile::nanToNull);
        }
    }

    private static Map<String, Object> target(Target target) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("goal", target.goal());
        map.put("status", target.status().name());
        map.put("measured", Double.isNaN(target.measured()) ? null : target.measured());
        map.put("limit", Double.isNaN(target.limit()) ? null : target.limit());
        map.put("unit", target.unit().strip());
        map.put("note", target.note());
        return map;
    }
}
