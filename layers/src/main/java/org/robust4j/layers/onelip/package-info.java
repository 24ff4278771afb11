/**
 * 1-Lipschitz layers and the networks built from them (research note
 * {@code shared/research/lipschitz-layers.md}): SLL ({@link org.robust4j.layers.onelip.SllDense},
 * {@link org.robust4j.layers.onelip.SllConv2d}), CPL ({@link org.robust4j.layers.onelip.CplDense},
 * {@link org.robust4j.layers.onelip.CplConv2d}), AOL ({@link org.robust4j.layers.onelip.AolDense},
 * {@link org.robust4j.layers.onelip.AolConv2d}), spectral normalisation
 * ({@link org.robust4j.layers.onelip.SpectralNormalizedLinear},
 * {@link org.robust4j.layers.onelip.SpectralNormalizedConv2d}, with a
 * {@link org.robust4j.layers.onelip.SpectralNormaliser} chosen by the user), the pieces around them
 * (channel padding, pixel-unshuffle downsampling, first-channels and LLN heads) and the builders
 * {@link org.robust4j.layers.onelip.SllNetworks}, {@link org.robust4j.layers.onelip.CplNetworks},
 * {@link org.robust4j.layers.onelip.AolNetworks}. Every layer implements
 * {@link org.robust4j.layers.lipschitz.LipschitzBounded}, so
 * {@link org.robust4j.layers.lipschitz.NetworkLipschitz} bounds the networks; a layer reports its
 * true bound where it can exceed 1 (the LLN head, power-iteration-normalised layers in training).
 */
package org.robust4j.layers.onelip;
