package dev.atelier.worker.provider;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.atelier.worker.domain.Emotion;
import dev.atelier.worker.domain.RenderSpec;

/**
 * The offline renderer behind the {@code local} provider: pure Java2D, no fonts, no network. Every random
 * choice comes from one {@link SplittableRandom} seeded with SHA-256(prompt, style, seed, index), so the same
 * spec always gives the same pixels (and, through a deterministic PNG encoder, the same bytes).
 *
 * <ul>
 * <li>realistic: graded sky, sun or moon with a glow, layered landscape silhouettes fading into the haze, soft
 * noise;</li>
 * <li>artistic: a wash, then hundreds of semi-transparent brush strokes following a flow field, coarse to
 * fine;</li>
 * <li>minimal: two to four flat geometric shapes on a pale plain ground, mostly empty space;</li>
 * <li>vibrant: saturated overlapping circles and thick waves on a dark ground, high contrast.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class ProceduralRenderer {
    static {
        // A server has no display; must be set before the first AWT class asks.
        System.setProperty("java.awt.headless", "true");
    }

    /** Work is scaled by area relative to this reference image (1024x1024). */
    private static final double REFERENCE_AREA = 1024.0 * 1024.0;
    private static final int NOISE_CELL = 6;
    private static final float NOISE_OPACITY = 0.07f;
    private static final float NIGHT_EMOTION_BRIGHTNESS = 0.3f;
    private static final int ARTISTIC_STROKES = 520;
    /** Largest turn of the brush-stroke flow field, in radians either way: neighbouring strokes stay aligned. */
    private static final double FLOW_TURN = Math.PI / 2;
    private static final int VIBRANT_MIN_CIRCLES = 26;
    private static final int VIBRANT_MAX_CIRCLES = 44;
    private static final int MINIMAL_GRID = 3;

    public BufferedImage render(RenderSpec spec) {
        SplittableRandom random = new SplittableRandom(seedOf(spec));
        Palette palette = Palette.of(spec.prompt(), spec.emotion(), random);
        int width = spec.size().width();
        int height = spec.size().height();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            Canvas canvas = new Canvas(g, width, height, random, palette);
            switch (spec.style()) {
                case REALISTIC -> realistic(canvas, spec.emotion().orElse(null) == Emotion.MYSTERIOUS);
                case ARTISTIC -> artistic(canvas);
                case MINIMAL -> minimal(canvas);
                case VIBRANT -> vibrant(canvas);
                default -> throw new IllegalStateException("unhandled style " + spec.style());
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** First 8 bytes of SHA-256(prompt, style, seed, index). */
    static long seedOf(RenderSpec spec) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String material = spec.prompt() + '\u0000' + spec.style().wireName() + '\u0000' + spec.seed() + '\u0000'
                    + spec.index();
            return ByteBuffer.wrap(sha.digest(material.getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private record Canvas(Graphics2D g, int width, int height, SplittableRandom random, Palette palette) {
        int side() {
            return Math.min(width, height);
        }

        double scale() {
            return width * (double) height / REFERENCE_AREA;
        }

        double between(double low, double high) {
            return random.nextDouble(low, high);
        }

        float betweenF(double low, double high) {
            return (float) random.nextDouble(low, high);
        }
    }

    // --- realistic -------------------------------------------------------------------------------------------

    private static void realistic(Canvas c, boolean forceNight) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        boolean night = forceNight || c.random().nextInt(4) == 0;
        float skyTurn = c.betweenF(-0.04, 0.04);
        // A night sky is dark already: it takes only part of a darkening emotion's shift.
        float shift = night ? NIGHT_EMOTION_BRIGHTNESS : 1f;
        Color zenith = night ? p.color(skyTurn, 0.55f, 0.2f, shift) : p.color(skyTurn, 0.5f, 0.6f);
        Color middle = night ? p.color(skyTurn + 0.03f, 0.45f, 0.32f, shift) : p.color(skyTurn + 0.04f, 0.35f, 0.82f);
        Color horizon = night ? p.color(skyTurn + 0.08f, 0.35f, 0.48f, shift) : p.color(skyTurn + 0.1f, 0.25f, 0.97f);
        double horizonY = c.height() * c.between(0.52, 0.68);

        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 0), new Point2D.Double(0, horizonY),
                new float[] { 0f, 0.55f, 1f }, new Color[] { zenith, middle, horizon },
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fill(new Rectangle2D.Double(0, 0, c.width(), c.height()));

        if (night) {
            stars(c, horizonY);
        }
        celestialBody(c, night, horizonY, horizon);

        Color ground = p.color(0.28f + c.betweenF(-0.05, 0.05), 0.45f, night ? 0.08f : 0.2f, shift);
        int layers = 3 + c.random().nextInt(3);
        for (int layer = 0; layer < layers; layer++) {
            double depth = layers == 1 ? 1 : layer / (double) (layers - 1); // 0 far … 1 near
            Color haze = Palette.mix(horizon, ground, (float) (0.25 + 0.75 * Math.pow(depth, 0.8)));
            g.setPaint(haze);
            double baseline = horizonY + (c.height() - horizonY) * (0.05 + 0.7 * depth) - c.height() * 0.06;
            double amplitude = c.height() * (0.16 - 0.1 * depth);
            g.fill(ridge(c, baseline, amplitude, 1.0 + 2.5 * (1 - depth)));
        }
        softNoise(c);
    }

    private static void stars(Canvas c, double horizonY) {
        int count = (int) Math.round(160 * c.scale());
        for (int i = 0; i < count; i++) {
            double x = c.between(0, c.width());
            double y = c.between(0, horizonY);
            double r = c.side() * c.between(0.0008, 0.0025);
            c.g().setPaint(Palette.withAlpha(Color.WHITE, c.betweenF(0.35, 0.9)));
            c.g().fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }
    }

    private static void celestialBody(Canvas c, boolean night, double horizonY, Color horizon) {
        Graphics2D g = c.g();
        double r = c.side() * c.between(0.045, 0.085);
        double x = c.width() * c.between(0.15, 0.85);
        double y = horizonY * c.between(0.2, 0.65);
        Color light = night ? new Color(236, 238, 228) : Palette.mix(new Color(255, 244, 204), horizon, 0.15f);
        float glowRadius = (float) (r * 4.5);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(x, y), glowRadius, new float[] { 0f, 1f },
                new Color[] { Palette.withAlpha(light, night ? 0.35f : 0.6f), Palette.withAlpha(light, 0f) }));
        g.fill(new Ellipse2D.Double(x - glowRadius, y - glowRadius, 2 * glowRadius, 2 * glowRadius));
        g.setPaint(light);
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    }

    /** A filled landscape silhouette: a sum of sines with random phases, roughened by {@code jaggedness}. */
    private static Path2D ridge(Canvas c, double baseline, double amplitude, double jaggedness) {
        int waves = 4;
        double[] frequency = new double[waves];
        double[] phase = new double[waves];
        double[] weight = new double[waves];
        for (int i = 0; i < waves; i++) {
            frequency[i] = (i + 1) * jaggedness * c.between(0.6, 1.4) * 2 * Math.PI / c.width();
            phase[i] = c.between(0, 2 * Math.PI);
            weight[i] = 1.0 / (i + 1);
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(0, c.height());
        int step = Math.max(2, c.width() / 256);
        for (int x = 0; x <= c.width() + step; x += step) {
            double y = 0;
            for (int i = 0; i < waves; i++) {
                y += weight[i] * Math.sin(x * frequency[i] + phase[i]);
            }
            path.lineTo(x, baseline - amplitude * y * 0.5);
        }
        path.lineTo(c.width(), c.height());
        path.closePath();
        return path;
    }

    /** Low-frequency grain: a coarse random grey field, scaled up smoothly and laid over at low opacity. */
    private static void softNoise(Canvas c) {
        int columns = c.width() / NOISE_CELL + 2;
        int rows = c.height() / NOISE_CELL + 2;
        BufferedImage noise = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int grey = c.random().nextInt(256);
                noise.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        Graphics2D g = c.g();
        Composite previous = g.getComposite();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, NOISE_OPACITY));
        g.drawImage(noise, 0, 0, columns * NOISE_CELL, rows * NOISE_CELL, null);
        g.setComposite(previous);
    }

    // --- artistic --------------------------------------------------------------------------------------------

    private static void artistic(Canvas c) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 0), new Point2D.Double(c.width(), c.height()),
                new float[] { 0f, 1f }, new Color[] { p.color(0f, 0.3f, 0.88f), p.color(0.12f, 0.45f, 0.62f) }));
        g.fill(new Rectangle2D.Double(0, 0, c.width(), c.height()));

        float[] hues = { 0f, -0.06f, 0.07f, 0.5f, 0.14f };
        double f1 = c.between(0.4, 1.4) * 2 * Math.PI / c.width();
        double f2 = c.between(0.4, 1.4) * 2 * Math.PI / c.height();
        double p1 = c.between(0, 2 * Math.PI);
        double p2 = c.between(0, 2 * Math.PI);
        int strokes = (int) Math.round(ARTISTIC_STROKES * c.scale());
        // Coarse strokes first, then finer ones on top, as a painter blocks in and then details.
        double[][] passes = { { 0.025, 0.05, 0.35 }, { 0.012, 0.025, 0.4 }, { 0.004, 0.012, 0.25 } };
        for (double[] pass : passes) {
            int count = (int) Math.round(strokes * pass[2]);
            for (int i = 0; i < count; i++) {
                double x = c.between(-0.05, 1.05) * c.width();
                double y = c.between(-0.05, 1.05) * c.height();
                double length = c.side() * c.between(0.06, 0.2);
                double a0 = flow(x, y, f1, f2, p1, p2);
                double mx = x + Math.cos(a0) * length / 2;
                double my = y + Math.sin(a0) * length / 2;
                double a1 = flow(mx, my, f1, f2, p1, p2);
                double ex = mx + Math.cos(a1) * length / 2;
                double ey = my + Math.sin(a1) * length / 2;
                float hue = hues[c.random().nextInt(hues.length)] + c.betweenF(-0.02, 0.02);
                Color colour = p.color(hue, c.betweenF(0.4, 0.8), c.betweenF(0.4, 0.97));
                g.setPaint(Palette.withAlpha(colour, c.betweenF(0.2, 0.55)));
                g.setStroke(new BasicStroke((float) (c.side() * c.between(pass[0], pass[1])), BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND));
                g.draw(new QuadCurve2D.Double(x, y, mx, my, ex, ey));
            }
        }
    }

    private static double flow(double x, double y, double f1, double f2, double p1, double p2) {
        return FLOW_TURN * (Math.sin(x * f1 + p1) + Math.cos(y * f2 + p2));
    }

    // --- minimal ---------------------------------------------------------------------------------------------

    private static void minimal(Canvas c) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        g.setPaint(p.color(0f, 0.06f, 0.96f, 0.3f));
        g.fill(new Rectangle2D.Double(0, 0, c.width(), c.height()));

        int shapes = 2 + c.random().nextInt(3);
        List<Integer> cells = new ArrayList<>();
        for (int i = 0; i < MINIMAL_GRID * MINIMAL_GRID; i++) {
            cells.add(i);
        }
        double cellWidth = c.width() / (double) MINIMAL_GRID;
        double cellHeight = c.height() / (double) MINIMAL_GRID;
        Color[] inks = { p.color(0f, 0.65f, 0.78f), p.color(0.5f, 0.3f, 0.55f), p.color(0.05f, 0.15f, 0.22f),
                p.color(0.08f, 0.5f, 0.9f) };
        for (int i = 0; i < shapes; i++) {
            int cell = cells.remove(c.random().nextInt(cells.size()));
            double cx = (cell % MINIMAL_GRID + 0.5 + c.between(-0.15, 0.15)) * cellWidth;
            double cy = (cell / MINIMAL_GRID + 0.5 + c.between(-0.15, 0.15)) * cellHeight;
            double size = c.side() * c.between(0.1, 0.2);
            g.setPaint(inks[i % inks.length]);
            switch (c.random().nextInt(4)) {
                case 0 -> g.fill(new Ellipse2D.Double(cx - size / 2, cy - size / 2, size, size));
                case 1 -> g.fill(new RoundRectangle2D.Double(cx - size / 2, cy - size / 2, size, size * c.between(0.6, 1),
                        size * 0.06, size * 0.06));
                case 2 -> {
                    Path2D.Double triangle = new Path2D.Double();
                    triangle.moveTo(cx, cy - size / 2);
                    triangle.lineTo(cx + size / 2, cy + size / 2);
                    triangle.lineTo(cx - size / 2, cy + size / 2);
                    triangle.closePath();
                    g.fill(triangle);
                }
                default -> g.fill(new Rectangle2D.Double(cx - size * 0.75, cy - size * 0.04, size * 1.5, size * 0.08));
            }
        }
    }

    // --- vibrant ---------------------------------------------------------------------------------------------

    private static void vibrant(Canvas c) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 0), new Point2D.Double(c.width(), c.height()),
                new float[] { 0f, 1f }, new Color[] { p.color(0.5f, 0.9f, 0.16f), p.color(0.62f, 0.95f, 0.08f) }));
        g.fill(new Rectangle2D.Double(0, 0, c.width(), c.height()));

        float[] hues = { 0f, 0.5f, 0.33f, 0.66f, 0.15f };
        int circles = VIBRANT_MIN_CIRCLES + c.random().nextInt(VIBRANT_MAX_CIRCLES - VIBRANT_MIN_CIRCLES + 1);
        for (int i = 0; i < circles; i++) {
            double r = c.side() * c.between(0.04, 0.2);
            double x = c.between(0, c.width());
            double y = c.between(0, c.height());
            Color colour = p.color(hues[c.random().nextInt(hues.length)], c.betweenF(0.85, 1), c.betweenF(0.9, 1));
            g.setPaint(Palette.withAlpha(colour, c.betweenF(0.55, 0.85)));
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }

        int waves = 3 + c.random().nextInt(3);
        int step = Math.max(2, c.width() / 256);
        for (int i = 0; i < waves; i++) {
            double y0 = c.height() * c.between(0.1, 0.9);
            double amplitude = c.height() * c.between(0.03, 0.12);
            double frequency = c.between(1, 4) * 2 * Math.PI / c.width();
            double phase = c.between(0, 2 * Math.PI);
            Path2D.Double wave = new Path2D.Double();
            wave.moveTo(0, y0 + amplitude * Math.sin(phase));
            for (int x = step; x <= c.width() + step; x += step) {
                wave.lineTo(x, y0 + amplitude * Math.sin(x * frequency + phase));
            }
            Color colour = p.color(hues[c.random().nextInt(hues.length)] + 0.08f, 1f, 1f);
            g.setPaint(Palette.withAlpha(colour, 0.9f));
            g.setStroke(new BasicStroke((float) (c.side() * c.between(0.012, 0.035)), BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND));
            g.draw(wave);
        }
    }
}
