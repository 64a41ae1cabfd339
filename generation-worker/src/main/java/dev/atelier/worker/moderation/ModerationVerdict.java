package dev.atelier.worker.moderation;

import java.util.List;

/** A moderator's answer: {@code flagged} images are not stored; {@code reasons} say why (categories, rule names). */
public record ModerationVerdict(boolean flagged, List<String> reasons) {
    public ModerationVerdict {
        reasons = List.copyOf(reasons);
    }

    public static ModerationVerdict allowed() {
        return new ModerationVerdict(false, List.of());
    }

    public static ModerationVerdict flagged(List<String> reasons) {
        return new ModerationVerdict(true, reasons);
    }
}
