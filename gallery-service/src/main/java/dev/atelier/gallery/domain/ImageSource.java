package dev.atelier.gallery.domain;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/** Where an image came from; stored in lower case as the {@code images.source} check constraint expects. */
public enum ImageSource {
    GENERATED,
    UPLOADED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageSource fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @jakarta.persistence.Converter
    public static class Converter implements AttributeConverter<ImageSource, String> {
        @Override
        public String convertToDatabaseColumn(ImageSource source) {
            return source == null ? null : source.wireName();
        }

        @Override
        public ImageSource convertToEntityAttribute(String value) {
            return value == null ? null : fromWireName(value);
        }
    }
}
