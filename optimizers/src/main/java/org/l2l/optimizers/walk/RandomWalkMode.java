package org.l2l.optimizers.walk;

/**
 * Which steps a {@link RandomWalk} particle may take, besides staying inside the parameter ranges (ISF's
 * {@code mode}).
 */
public enum RandomWalkMode {
    /** Any step inside the ranges (ISF's {@code mode=None}). */
    NONE,
    /** Only steps that end further from the seed point than the particle is now (ISF's {@code 'expand'}). */
    EXPAND,
    /** Steps a user's {@link RandomWalkFilter} accepts (named by {@code filterClass}). */
    CUSTOM;

    /** The lower-case name used in experiment files and {@code walk.json}: none, expand or custom. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The mode named {@code label}, case-insensitively; fails listing the modes. */
    public static RandomWalkMode of(String label) {
        for (RandomWalkMode m : values()) if (m.name().equalsIgnoreCase(label)) return m;
        throw new IllegalArgumentException("mode must be one of [none, expand, custom], but was \"" + label + "\"");
    }
}
