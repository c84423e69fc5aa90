namespace Agentic.BatchService.Workflows;

/// <summary>
/// The jury a shadow comparison asks about changed pairs: eval-service's suite <see cref="Suite"/> (version 0 = the
/// latest when the comparison starts), reached on <see cref="TaskQueue"/>, <see cref="CasesPerCall"/> pairs per
/// jury workflow and at most <see cref="CallsInFlight"/> of them per chunk; a call not answered within
/// <see cref="Timeout"/> leaves its pairs unjudged.
/// </summary>
public record ShadowJurySpec(string Suite, int SuiteVersion, string TaskQueue, int CasesPerCall, int CallsInFlight, TimeSpan Timeout);
