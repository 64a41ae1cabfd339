package dev.atelier.image.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link UsageKind} as its lowercase wire name. */
@Converter(autoApply = true)
public class UsageKindConverter implements AttributeConverter<UsageKind, String> {

    @Override
    public String convertToDatabaseColumn(UsageKind kind) {
        return kind == null ? null : kind.wire();
    }

    @Override
    public UsageKind convertToEntityAttribute(String value) {
        return value == null ? null : UsageKind.fromWire(value);
    }
}
