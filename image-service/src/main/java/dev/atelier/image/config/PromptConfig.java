package dev.atelier.image.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What image-service reads in a prompt before queueing it: emotion keywords and parameters, name suggestions, the
 * block list and the moderation provider. Under {@code atelier.image}, beside {@link ImageConfig}.
 */
@ConfigMapping(prefix = "atelier.image")
public interface PromptConfig {

    /**
     * Per emotion ({@code calm|energetic|mysterious|hopeful|melancholic}): the keywords that detect it and the
     * generation parameters it sets. The defaults are in application.properties, since they differ per emotion.
     */
    Map<String, Emotion> emotions();

    Naming naming();

    PromptFilter promptFilter();

    Moderation moderation();

    interface Emotion {
        /** Words or phrases, matched whole and case- and accent-insensitively. */
        List<String> keywords();

        /** Prompt adherence (classifier-free guidance scale) for this emotion. */
        double guidance();

        /** Denoising steps for this emotion. */
        int steps();
    }

    interface Naming {
        /** Most words in a suggested name. */
        @WithDefault("5")
        int maxWords();

        /** Longest suggested name, in characters. */
        @WithDefault("60")
        int maxLength();

        /** Words left out of a suggested name. */
        @WithDefault("a,an,the,of,in,on,at,to,for,with,and,or,but,by,from,into,onto,over,under,near,is,are,"
                + "was,were,be,as,its,it,this,that,these,those,very,some,my,your,our,their,his,her")
        List<String> stopWords();
    }

    interface PromptFilter {
        /**
         * Words and phrases that refuse a prompt, matched whole, ignoring case, accents and light leetspeak
         * ({@code 4→a, 3→e, 1→i, 0→o, 5→s, 7→t, @→a, $→s, !→i}).
         */
        @WithDefault("csam,child pornography,child porn,beheading video")
        List<String> blockedTerms();
    }

    interface Moderation {
        /** {@code none} (the block list only) or {@code openai} (OpenAI's moderation API shape). */
        @WithDefault("none")
        String provider();

        /**
         * When the provider cannot answer (error, timeout, unreadable body): {@code false} refuses the request
         * with 503 (fail closed, the default: nothing unchecked is rendered); {@code true} lets it through.
         */
        @WithDefault("false")
        boolean failOpen();

        OpenAi openai();

        interface OpenAi {
            @WithDefault("https://api.openai.com")
            String baseUrl();

            /** Bearer key; required when the provider is {@code openai}. Never logged. */
            Optional<String> apiKey();

            @WithDefault("omni-moderation-latest")
            String model();

            /** Longest wait for an answer, connection included. */
            @WithDefault("5s")
            Duration timeout();
        }
    }
}
