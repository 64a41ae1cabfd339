package dev.atelier.image.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path.Node;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.image.config.ImageConfig;
import dev.atelier.image.domain.GenerationOptions;
import dev.atelier.image.service.PromptFilter;
import dev.atelier.image.service.PromptInsights;
import dev.atelier.image.service.Pricing;
import dev.atelier.problem.Problem;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/generations/validate}: checks a generation request as a submit would, and reports instead of
 * refusing. Nothing is stored and no credits are held.
 */
@Path(Links.GENERATIONS + "/validate")
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Generations")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401",
        description = "No valid bearer token, or its account was deleted")
public class GenerationValidationResource {
    private static final String PROMPT = "prompt";
    private static final String PROVIDER = "provider";

    private final Validator validator;
    private final PromptFilter filter;
    private final PromptInsights insights;
    private final Pricing pricing;
    private final ImageConfig config;

    public GenerationValidationResource(Validator validator, PromptFilter filter, PromptInsights insights,
            Pricing pricing, ImageConfig config) {
        this.validator = validator;
        this.filter = filter;
        this.insights = insights;
        this.pricing = pricing;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a generation request without queueing it")
    @APIResponse(responseCode = "200", description = "The report; valid tells whether a submit would be accepted")
    public Uni<ValidationReport> validate(SubmitGenerationRequest request) {
        if (request == null) {
            return Uni.createFrom().item(new ValidationReport(false,
                    List.of(new Problem.FieldError("body", "a JSON body is required")), null, null, null, null, null));
        }
        List<Problem.FieldError> problems = problems(request);
        boolean promptValid = problems.stream().noneMatch(p -> p.field().equals(PROMPT));
        boolean costKnown = problems.stream().noneMatch(p -> p.field().equals("size") || p.field().equals("count"));
        boolean emotionValid = problems.stream().noneMatch(p -> p.field().equals("emotion"));
        Integer cost = costKnown
                ? pricing.cost(request.size() == null ? GenerationOptions.DEFAULT_SIZE : request.size(),
                        request.count() == null ? GenerationOptions.DEFAULT_COUNT : request.count())
                : null;
        if (!promptValid) {
            return Uni.createFrom().item(new ValidationReport(false, problems, null, null, null, cost, null));
        }
        String detected = insights.detectEmotion(request.prompt()).orElse(null);
        String suggested = insights.suggestName(request.prompt()).orElse(null);
        String emotion = request.emotion() != null && emotionValid ? request.emotion() : detected;
        return filter.check(request.prompt()).map(verdict -> {
            List<Problem.FieldError> all = new ArrayList<>(problems);
            if (verdict.outcome() == PromptFilter.Verdict.Outcome.UNCHECKED) {
                all.add(new Problem.FieldError(PROMPT, "could not be checked by moderation right now"));
            }
            boolean valid = all.isEmpty() && verdict.outcome() == PromptFilter.Verdict.Outcome.ALLOWED;
            return new ValidationReport(valid, List.copyOf(all), detected, suggested, insights.paramsFor(emotion),
                    cost, verdict.reason());
        });
    }

    /** The same checks as a submit: the request's constraints, then the configured providers. */
    private List<Problem.FieldError> problems(SubmitGenerationRequest request) {
        List<Problem.FieldError> problems = new ArrayList<>();
        Set<ConstraintViolation<SubmitGenerationRequest>> violations = validator.validate(request);
        for (ConstraintViolation<SubmitGenerationRequest> violation : violations) {
            problems.add(new Problem.FieldError(field(violation), violation.getMessage()));
        }
        String provider = request.provider() == null ? config.defaultProvider() : request.provider();
        if (!config.providers().contains(provider)) {
            problems.add(new Problem.FieldError(PROVIDER, "must be one of " + String.join(", ", config.providers())));
        }
        problems.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        return problems;
    }

    private static String field(ConstraintViolation<?> violation) {
        String last = null;
        for (Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                last = node.getName();
            }
        }
        return last == null ? "body" : last;
    }
}
