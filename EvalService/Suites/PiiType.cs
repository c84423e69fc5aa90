namespace Agentic.EvalService.Suites;

/// <summary>Kinds of personal or secret data the PII check finds.</summary>
public enum PiiType
{
    Email,
    Phone,
    CreditCard,
    Ssn,
    Iban,
    IpAddress,
    Secret,
}
