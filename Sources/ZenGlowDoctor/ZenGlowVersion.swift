/// The version of this build of ZenGlow.
public enum ZenGlowVersion {
    public static let current = "0.1.0"
}
