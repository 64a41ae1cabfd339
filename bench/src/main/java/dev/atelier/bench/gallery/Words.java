package dev.atelier.bench.gallery;

import java.util.List;

/**
 * Word lists the seeded prompts are assembled from. Varied on purpose: repetitive synthetic prompts make every
 * trigram match thousands of rows and no search index can help (perf-floor.md), which real libraries don't do.
 */
final class Words {
    static final List<String> ADJECTIVES = List.of(
            "ancient", "abandoned", "autumnal", "bright", "broken", "calm", "colossal", "cozy", "crumbling",
            "crystal", "dark", "dreamy", "dusty", "elegant", "enchanted", "faded", "fierce", "floating", "foggy",
            "forgotten", "frozen", "gentle", "giant", "gilded", "glowing", "golden", "haunted", "hidden", "icy",
            "lonely", "lush", "majestic", "mechanical", "misty", "mossy", "mysterious", "neon", "old", "ornate",
            "overgrown", "painted", "peaceful", "playful", "quiet", "radiant", "rainy", "rusty", "serene",
            "shimmering", "silent", "silver", "sleepy", "snowy", "stormy", "sunlit", "tiny", "towering",
            "tranquil", "twisted", "vibrant", "weathered", "whimsical", "wild", "windswept", "wooden");

    static final List<String> SUBJECTS = List.of(
            "lighthouse", "fisherman", "fox", "owl", "castle", "cathedral", "robot", "dragon", "whale", "tiger",
            "samurai", "astronaut", "violinist", "bicycle", "tram", "steam train", "sailboat", "windmill",
            "treehouse", "library", "bookshop", "bakery", "greenhouse", "observatory", "temple", "pagoda",
            "market stall", "street vendor", "koi pond", "hot air balloon", "cottage", "farmhouse", "bridge",
            "clock tower", "airship", "submarine", "jellyfish", "hummingbird", "wolf", "deer", "bear", "rabbit",
            "cat", "dog", "horse", "elephant", "giraffe", "octopus", "knight", "wizard", "witch", "gardener",
            "beekeeper", "blacksmith", "dancer", "child", "grandmother", "monk", "pilot", "mermaid", "golem",
            "phoenix", "unicorn", "scarecrow", "fountain", "carousel", "ferris wheel", "mushroom", "sunflower");

    static final List<String> SETTINGS = List.of(
            "on a cliff", "in a forest", "by the sea", "in the mountains", "in a desert", "on a frozen lake",
            "in a bamboo grove", "in a city street", "on a rooftop", "in a harbour", "under the ocean",
            "in a meadow", "in a canyon", "on an island", "in a jungle", "in a snowy village", "in a train station",
            "in a cave", "on the moon", "in a space station", "in a flower field", "by a waterfall",
            "in a vineyard", "in the rain", "in a marketplace", "along a canal", "in a tea garden",
            "on a mountain pass", "in a swamp", "at the edge of the world", "in a neon alley", "in a palace garden",
            "in a ruined city", "on a country road", "in the clouds", "in a wheat field", "on a pier",
            "in a volcano", "beneath the northern lights", "in an old workshop");

    static final List<String> TIMES = List.of(
            "dawn", "sunrise", "morning", "noon", "golden hour", "sunset", "dusk", "twilight", "midnight",
            "night", "blue hour", "first light");

    static final List<String> LIGHTS = List.of(
            "soft light", "dramatic lighting", "volumetric light", "rim light", "candlelight", "moonlight",
            "backlit", "hazy light", "cinematic lighting", "studio lighting", "neon glow", "overcast light",
            "dappled sunlight", "low key lighting", "warm light", "cold light");

    static final List<String> MEDIUMS = List.of(
            "oil painting", "watercolor", "pencil sketch", "charcoal drawing", "digital art", "photograph",
            "35mm film photo", "ink illustration", "gouache", "pastel drawing", "3d render", "pixel art",
            "low poly render", "papercut art", "stained glass", "woodblock print", "concept art", "matte painting",
            "children's book illustration", "art nouveau poster", "ukiyo-e print", "isometric illustration",
            "claymation still", "long exposure photo");

    static final List<String> TITLES = List.of(
            "Study", "Sketch", "Draft", "Final", "Keeper", "Wallpaper", "Cover idea", "Gift", "For print",
            "Mood board", "Series", "Favourite", "Try", "Variant", "Reference", "Poster");

    static final List<String> TAGS = List.of(
            "landscape", "portrait", "animals", "architecture", "fantasy", "sci-fi", "nature", "city", "night",
            "water", "winter", "summer", "cozy", "dark", "colorful", "minimal", "retro", "cute", "epic", "calm",
            "wallpaper", "print", "gift", "work", "ideas", "favorites", "series", "draft", "family", "travel",
            "poster", "book", "game", "moodboard", "characters", "vehicles", "food", "flowers", "sky", "sea");

    static final List<String> STYLES = List.of("realistic", "artistic", "minimal", "vibrant");

    static final List<String> EMOTIONS = List.of("calm", "energetic", "mysterious", "hopeful", "melancholic");

    private Words() {
    }
}
