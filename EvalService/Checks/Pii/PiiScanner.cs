using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks.Pii;

/// <summary>
/// Runs the detectors a suite asks for and keeps one finding per span: the more specific kind wins (a card
/// number is not also reported as a phone number), in the order of <see cref="Precedence"/>.
/// </summary>
public sealed class PiiScanner
{
    private static readonly PiiType[] Precedence =
        [PiiType.Secret, PiiType.Email, PiiType.Iban, PiiType.CreditCard, PiiType.Ssn, PiiType.IpAddress, PiiType.Phone];

    private readonly IPiiDetector[] _detectors;

    public PiiScanner(IReadOnlyCollection<PiiType> types, IReadOnlyList<string> regions)
    {
        ArgumentNullException.ThrowIfNull(types);
        var wanted = types.Count == 0 ? Precedence : types;
        _detectors = Precedence.Where(wanted.Contains).Select(type => Create(type, regions)).ToArray();
    }

    public IReadOnlyList<PiiFinding> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new List<PiiFinding>();
        foreach (var detector in _detectors)
        {
            foreach (var finding in detector.Find(text))
            {
                if (!kept.Any(k => k.Start < finding.Start + finding.Length && finding.Start < k.Start + k.Length))
                {
                    kept.Add(finding);
                }
            }
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    private static IPiiDetector Create(PiiType type, IReadOnlyList<string> regions) => type switch
    {
        PiiType.Email => new EmailDetector(),
        PiiType.Phone => new PhoneDetector(regions),
        PiiType.CreditCard => new PaymentCardDetector(),
        PiiType.Ssn => new SsnDetector(),
        PiiType.Iban => new IbanDetector(),
        PiiType.IpAddress => new IpAddressDetector(),
        PiiType.Secret => new SecretDetector(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown PII type"),
    };
}
