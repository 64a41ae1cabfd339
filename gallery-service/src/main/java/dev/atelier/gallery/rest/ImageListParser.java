package dev.atelier.gallery.rest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.domain.ImageFilter;
import dev.atelier.gallery.domain.ImageSearch;
import dev.atelier.gallery.domain.ListCursor;
import dev.atelier.gallery.domain.ListOrder;
import dev.atelier.gallery.domain.Tags;
import dev.atelier.gallery.domain.Text;
import dev.atelier.gallery.domain.Vocabulary;

/**
 * Turns the list's query parameters into an {@link ImageSearch}, or into one 400 problem that names every
 * parameter that is wrong.
 */
@ApplicationScoped
public class ImageListParser {
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;
    private static final String DATE_MESSAGE = "must be an ISO date (2026-11-23, a UTC day) or date-time "
            + "(2026-11-23T10:15:30Z, 2026-11-23T11:15:30+01:00)";

    private final GalleryConfig.Page paging;
    private final GalleryConfig.Search searching;
    private final GalleryConfig.Tags tagging;
    private final Tags tags;

    public ImageListParser(GalleryConfig config) {
        this.paging = config.page();
        this.searching = config.search();
        this.tagging = config.tags();
        this.tags = new Tags(tagging.maxLength());
    }

    public ImageSearch parse(ImageListRequest request) {
        FieldErrors errors = new FieldErrors();
        String text = text("q", request.q, errors);
        String name = text("name", request.name, errors);
        String prompt = text("prompt", request.prompt, errors);
        String style = oneOf("style", request.style, Vocabulary.STYLES, errors);
        String emotion = oneOf("emotion", request.emotion, Vocabulary.EMOTIONS, errors);
        List<String> tagged = tags(request.tag, errors);
        Boolean favorite = bool("favorite", request.favorite, errors);
        Instant from = bound("from", request.from, false, errors);
        Instant until = bound("to", request.to, true, errors);
        UUID job = uuid("job", request.job, errors);
        if (from != null && until != null && !from.isBefore(until)) {
            errors.add("from", "must not be after to");
        }
        ListOrder order = order(request.sort, text != null, errors);
        int limit = number("limit", request.limit, paging.maxLimit(), errors).orElse(paging.defaultLimit());
        int page = number("page", request.page, paging.maxPage(), errors).orElse(1);
        ListCursor cursor = cursor(request.cursor, errors);
        if (cursor != null && present(request.page)) {
            errors.add("page", "cannot be combined with cursor; follow nextCursor, or ask for a page number");
        }
        errors.throwIfAny();

        ImageFilter filter = new ImageFilter(text, name, prompt, style, emotion, tagged, favorite, from, until, job);
        if (cursor != null && (cursor.order() != order || cursor.fingerprint() != filter.fingerprint(order))) {
            errors.add("cursor", "belongs to a list with other filters or another sort; pass the same ones as for "
                    + "the page it came from, or start again without a cursor");
            errors.throwIfAny();
        }
        return new ImageSearch(filter, order, limit, cursor, (page - 1) * limit);
    }

    /** 1 to {@code max}, or empty when absent. */
    static Optional<Integer> number(String parameter, String value, int max, FieldErrors errors) {
        if (!present(value)) {
            return Optional.empty();
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= max) {
                return Optional.of(number);
            }
        } catch (NumberFormatException e) {
            // the same answer as out of range
        }
        errors.add(parameter, "must be an integer from 1 to " + max);
        return Optional.empty();
    }

    private String text(String parameter, String value, FieldErrors errors) {
        if (!present(value)) {
            return null;
        }
        String text = value.strip();
        if (Text.length(text) > searching.maxTextLength()) {
            errors.add(parameter, "must be at most " + searching.maxTextLength() + " characters");
        } else if (Text.hasControlOrBrokenCharacter(text)) {
            errors.add(parameter, "must not contain control characters");
        } else if (!Text.hasLetterOrDigit(text)) {
            errors.add(parameter, "must contain a letter or a digit");
        }
        return text;
    }

    private static String oneOf(String parameter, String value, List<String> allowed, FieldErrors errors) {
        if (!present(value)) {
            return null;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(wanted)) {
            errors.add(parameter, "must be one of " + String.join(", ", allowed));
        }
        return wanted;
    }

    private List<String> tags(List<String> values, FieldErrors errors) {
        List<String> wanted = values == null ? List.of()
                : values.stream().filter(ImageListParser::present).map(Tags::normalise).distinct().toList();
        if (wanted.size() > tagging.maxCount()) {
            errors.add("tag", "must be given at most " + tagging.maxCount() + " times");
        }
        wanted.stream().map(tags::violation).flatMap(Optional::stream).findFirst()
                .ifPresent(message -> errors.add("tag", message));
        return wanted;
    }

    private static UUID uuid(String parameter, String value, FieldErrors errors) {
        if (!present(value)) {
            return null;
        }
        try {
            String text = value.strip();
            UUID id = UUID.fromString(text);
            // UUID.fromString accepts shortened groups ("1-1-1-1-1"); only the canonical form is an id.
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // the same answer as a non-canonical one
        }
        errors.add(parameter, "must be a UUID");
        return null;
    }

    private static Boolean bool(String parameter, String value, FieldErrors errors) {
        if (!present(value)) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(parameter, "must be true or false");
                yield null;
            }
        };
    }

    /**
     * An inclusive bound as the instant where the range starts ({@code from}) or the first instant after it
     * ({@code to}, exclusive, so the whole day of a date is in). Date-times without an offset are UTC, as dates are.
     * Instants are at PostgreSQL's precision, the microsecond.
     */
    static Instant bound(String parameter, String value, boolean end, FieldErrors errors) {
        if (!present(value)) {
            return null;
        }
        // A '+' of an offset that the client did not percent-encode arrives as a space.
        String text = value.strip().replace(' ', '+');
        try {
            if (DATE_ONLY.matcher(text).matches()) {
                LocalDate date = LocalDate.parse(text);
                return inYears(date.getYear(), parameter, errors)
                        ? (end ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : null;
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    LocalDateTime::from);
            Instant instant = parsed instanceof ZonedDateTime zoned ? zoned.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            if (!inYears(instant.atOffset(ZoneOffset.UTC).getYear(), parameter, errors)) {
                return null;
            }
            Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
            if (end) {
                return micros.plus(1, ChronoUnit.MICROS);
            }
            return micros.equals(instant) ? micros : micros.plus(1, ChronoUnit.MICROS);
        } catch (DateTimeException e) {
            errors.add(parameter, DATE_MESSAGE);
            return null;
        }
    }

    private static boolean inYears(int year, String parameter, FieldErrors errors) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            errors.add(parameter, "must be between the years " + MIN_YEAR + " and " + MAX_YEAR);
            return false;
        }
        return true;
    }

    private static ListOrder order(String value, boolean searching, FieldErrors errors) {
        if (!present(value)) {
            return searching ? ListOrder.RELEVANCE : ListOrder.NEWEST;
        }
        Optional<ListOrder> order = ListOrder.fromWireName(value.strip());
        if (order.isEmpty()) {
            errors.add("sort", "must be one of " + ListOrder.NAMES);
            return ListOrder.NEWEST;
        }
        if (order.get() == ListOrder.RELEVANCE && !searching) {
            errors.add("sort", "relevance needs q, the text to be relevant to");
            return ListOrder.NEWEST;
        }
        return order.get();
    }

    private static ListCursor cursor(String value, FieldErrors errors) {
        if (!present(value)) {
            return null;
        }
        Optional<ListCursor> cursor = ListCursor.decode(value.strip());
        if (cursor.isEmpty()) {
            errors.add("cursor", "is not a cursor from this API; pass nextCursor of the previous page unchanged");
        }
        return cursor.orElse(null);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
