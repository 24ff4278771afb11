package org.robust4j.experiments.models;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.Locale;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.onelip.AolNetworks;
import org.robust4j.layers.onelip.CplNetworks;
import org.robust4j.layers.onelip.SllNetworks;
import org.robust4j.layers.onelip.SpectralNormaliser;
import org.robust4j.layers.onelip.SpectralNormalizedLinear;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.MaxMin;

/**
 * The 1-Lipschitz architectures ({@code sll}, {@code cpl}, {@code aol}, each with {@code -s},
 * {@code -m}, {@code -l} sizes; the bare name is {@code -s}), built for square {@code C x N x N}
 * inputs by the layers module's builders at CPU scale, with the losses their papers train with
 * as defaults (SLL, AOL: offset cross-entropy; CPL: multi-margin 0.7) and the triangular schedule.
 *
 * <p>Model options: {@code head=lln|first} (LLN: certify pairwise; first: globally 1-Lipschitz),
 * {@code conv-layers}, {@code dense-layers}, {@code width}, {@code kernel}, {@code pool}, and for
 * SLL/CPL {@code conv-inner}, {@code dense-inner} (the paper's sizes are reachable this way, e.g.
 * SLL-S: conv-layers=20 dense-layers=7 width=45 conv-inner=5 dense-inner=2048); CPL also
 * {@code normaliser=power|gram}.
 */
final class OneLipschitzArchitectures {
    private OneLipschitzArchitectures() {}

    static void registerAll() {
        registerSpectralNormalised();
        for (SllNetworks.Size size : new SllNetworks.Size[] {SllNetworks.Size.S, SllNetworks.Size.M, SllNetworks.Size.L}) {
            String suffix = "-" + size.name().toLowerCase(Locale.ROOT);
            for (String name : size == SllNetworks.Size.S ? new String[] {"sll", "sll" + suffix} : new String[] {"sll" + suffix}) {
                Architectures.register(family(name, "SLL network, size " + size + " at CPU scale (SDP-based Lipschitz layers)",
                        "offset-ce", (c, s) -> SllNetworks.build(c, sllConfig(SllNetworks.Config.compact(size), s),
                                channels(s), side(s), s.classes())));
            }
            for (String name : size == SllNetworks.Size.S ? new String[] {"cpl", "cpl" + suffix} : new String[] {"cpl" + suffix}) {
                Architectures.register(family(name, "CPL network, size " + size + " at CPU scale (convex potential layers)",
                        "margin", (c, s) -> CplNetworks.build(c, sllConfig(SllNetworks.Config.compact(size), s),
                                normaliser(s), channels(s), side(s), s.classes())));
            }
            for (String name : size == SllNetworks.Size.S ? new String[] {"aol", "aol" + suffix} : new String[] {"aol" + suffix}) {
                Architectures.register(family(name, "AOL network, size " + size + " at CPU scale (AOL layers + MaxMin)",
                        "offset-ce", (c, s) -> AolNetworks.build(c, aolConfig(AolNetworks.Config.compact(size), s),
                                channels(s), side(s), s.classes())));
            }
        }
    }

    /** Registered once, outside the size loop: a spectral-normalised MLP, the simplest 1-Lipschitz baseline. */
    static void registerSpectralNormalised() {
        Architectures.register(family("sn", "spectral-normalised MLP (Linear normalised by its Gram-iteration norm, MaxMin); "
                + "option hidden=512", "offset-ce", (c, s) -> {
                    int in = (int) s.inputShape().size();
                    int h = s.intOption("hidden", 512);
                    SpectralNormaliser.Method gram = SpectralNormaliser.Method.GRAM;
                    return new Sequential(new Flatten(), new SpectralNormalizedLinear(c, in, h, gram), new MaxMin(),
                            new SpectralNormalizedLinear(c, h, h, gram), new MaxMin(),
                            new SpectralNormalizedLinear(c, h, s.classes(), gram));
                }));
    }

    private interface Builder {
        Module build(LayerContext c, ModelSpec s);
    }

    private static Architecture family(String name, String description, String loss, Builder b) {
        return new Architecture() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description + "; default loss " + loss + ", triangular schedule";
            }

            @Override
            public Module build(LayerContext context, ModelSpec spec) {
                return b.build(context, spec);
            }

            @Override
            public String defaultLoss() {
                return loss;
            }

            @Override
            public String defaultSchedule() {
                return "triangular";
            }
        };
    }

    private static int channels(ModelSpec s) {
        checkArgument(s.inputShape().rank() == 3 && s.inputShape().dim(1) == s.inputShape().dim(2),
                "%s: needs square [C, N, N] images, got %s", s.architecture(), s.inputShape());
        return s.inputShape().dim(0);
    }

    private static int side(ModelSpec s) {
        return s.inputShape().dim(1);
    }

    private static SllNetworks.Head head(ModelSpec s, SllNetworks.Head fallback) {
        String h = s.option("head", fallback == SllNetworks.Head.LLN ? "lln" : "first");
        return switch (h) {
            case "lln" -> SllNetworks.Head.LLN;
            case "first" -> SllNetworks.Head.FIRST_CHANNELS;
            default -> throw new IllegalArgumentException("head=" + h + ": expected lln or first");
        };
    }

    private static SpectralNormaliser.Method normaliser(ModelSpec s) {
        String n = s.option("normaliser", "power");
        return switch (n) {
            case "power" -> SpectralNormaliser.Method.POWER_ITERATION;
            case "gram" -> SpectralNormaliser.Method.GRAM;
            default -> throw new IllegalArgumentException("normaliser=" + n + ": expected power or gram");
        };
    }

    static SllNetworks.Config sllConfig(SllNetworks.Config d, ModelSpec s) {
        return new SllNetworks.Config(s.intOption("conv-layers", d.convLayers()), s.intOption("dense-layers", d.denseLayers()),
                s.intOption("width", d.width()), s.intOption("conv-inner", d.convInner()),
                s.intOption("dense-inner", d.denseInner()), s.intOption("kernel", d.kernel()), s.intOption("pool", d.pool()),
                head(s, d.head()));
    }

    static AolNetworks.Config aolConfig(AolNetworks.Config d, ModelSpec s) {
        return new AolNetworks.Config(s.intOption("conv-layers", d.convLayers()), s.intOption("dense-layers", d.denseLayers()),
                s.intOption("width", d.width()), s.intOption("kernel", d.kernel()), s.intOption("pool", d.pool()),
                head(s, d.head()));
    }
}
