package dev.atelier.gallery.rest;

import java.util.List;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of {@code GET /images}, as sent: text, so that a bad value becomes a problem naming the
 * parameter (see {@link ImageListParser}). A blank value counts as absent.
 */
public class ImageListRequest {
    @QueryParam("q")
    @Parameter(description = "Fuzzy search over name and prompt: partial words, typos and word order are fine. "
            + "Results come most similar first unless `sort` says otherwise.")
    public String q;

    @QueryParam("name")
    @Parameter(description = "Substring of, or fuzzy match on, the name alone")
    public String name;

    @QueryParam("prompt")
    @Parameter(description = "Substring of, or fuzzy match on, the prompt alone")
    public String prompt;

    @QueryParam("style")
    @Parameter(description = "Exact style", schema = @Schema(enumeration = { "realistic", "artistic", "minimal",
            "vibrant" }))
    public String style;

    @QueryParam("emotion")
    @Parameter(description = "Exact emotion", schema = @Schema(enumeration = { "calm", "energetic", "mysterious",
            "hopeful", "melancholic" }))
    public String emotion;

    @QueryParam("tag")
    @Parameter(description = "A tag the image must have (normalised as tags are: trimmed, lower case); repeat for "
            + "images that have every one")
    public List<String> tag;

    @QueryParam("job")
    @Parameter(description = "Only the images a generation job made (its id); an empty list until the gallery has"
            + " stored them, and for anyone else's job", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    public String job;

    @QueryParam("favorite")
    @Parameter(description = "Only favourites (true) or only the others (false)",
            schema = @Schema(type = SchemaType.BOOLEAN))
    public String favorite;

    @QueryParam("from")
    @Parameter(description = "Created on or after: an ISO date (a UTC day) or date-time")
    public String from;

    @QueryParam("to")
    @Parameter(description = "Created on or before: an ISO date (the whole UTC day) or date-time")
    public String to;

    @QueryParam("sort")
    @Parameter(description = "newest (default), oldest, or relevance (the default with `q`, which it needs)",
            schema = @Schema(enumeration = { "newest", "oldest", "relevance" }))
    public String sort;

    @QueryParam("limit")
    @Parameter(description = "Items per page, 1–50 (default 20)", schema = @Schema(type = SchemaType.INTEGER))
    public String limit;

    @QueryParam("cursor")
    @Parameter(description = "nextCursor of the previous page of the same list (same filters and sort)")
    public String cursor;

    @QueryParam("page")
    @Parameter(description = "1-based page number for simple clients, up to 500; not with `cursor`",
            schema = @Schema(type = SchemaType.INTEGER))
    public String page;
}
