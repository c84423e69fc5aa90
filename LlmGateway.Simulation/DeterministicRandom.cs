namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// SplitMix64 seeded from an FNV-1a hash of the request, so the same prompt and seed always produce the same
/// output on every machine and .NET version (unlike <see cref="Random"/> or string.GetHashCode).
/// </summary>
internal struct DeterministicRandom(ulong seed)
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    private ulong _state = seed;

    public static ulong Hash(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        // A separator so ("ab", "c") and ("a", "bc") differ.
        return (hash ^ 0xFFFF) * FnvPrime;
    }

    public static ulong Hash(ulong hash, long value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(value >> (8 * i))) * FnvPrime;
        }

        return hash;
    }

    public static ulong Start => FnvOffset;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)(Next() % (ulong)maxExclusive);

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
