using System.Text;

namespace Agentic.EvalService.Bench;

/// <summary>A support answer of a given size with a little of everything the checks look for, but no PII.</summary>
internal static class AnswerText
{
    private const string Paragraph =
        "To reset your password, open Settings > Security and choose Reset password. You will receive a link " +
        "that is valid for 24 hours (order 2024-11-30, ticket 18273645). If the link expired, request a new one; " +
        "version 4.2.1 of the app shows the option under Privacy as well. Café owners using the kiosk mode: " +
        "the same steps apply, see https://help.example.com/kiosk for details. ";

    public static string Build(int length)
    {
        var text = new StringBuilder(length + Paragraph.Length);
        while (text.Length < length)
        {
            text.Append(Paragraph);
        }

        return text.ToString(0, length);
    }
}
