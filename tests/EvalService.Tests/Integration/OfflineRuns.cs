using Agentic.Eval.V1;
using Agentic.EvalService.Tests.Judging;

namespace Agentic.EvalService.Tests.Integration;

/// <summary>Suites, requests and expectations shared by the offline-run tests.</summary>
internal static class OfflineRuns
{
    /// <summary>The README's pre-chosen three-judge ensemble, GPT-4 first (ties go to the lead judge, as in the README).</summary>
    public static readonly string[] ThreeJudges = ["GPT-4/Vanilla", "ChatGPT/Vanilla", "PaLM2/Vanilla"];

    public static string LlmBarSuite(string name, IEnumerable<string> judges) => $"""
        name: {name}
        description: LLMBar adversarial, recorded judges, plain majority.
        jury:
          aggregation: majority
          quorum: 1
          judges:
        {string.Concat(judges.Select(j => $"    - name: {LlmBarRecordings.Model(j)}\n      model: {LlmBarRecordings.Model(j)}\n      output: pairwise\n      timeout: 20s\n      max_attempts: 1\n      rubric: Which output follows the instruction better?\n"))}
        """;

    /// <summary>Checks only (no judges): fast runs whose verdicts depend on the outputs alone.</summary>
    public static string ChecksSuite(string name) => $"""
        name: {name}
        checks:
          - id: no-pii
            type: pii
            regions: [US]
          - id: short
            type: length
            max: 400
        """;

    public static string JudgedSuite(string name) => $"""
        name: {name}
        checks:
          - id: short
            type: length
            max: 100000
        jury:
          aggregation: mean
          pass_threshold: 0
          judges:
            - name: helpful
              model: sim-chat
              rubric: Score how helpful the answer is.
        """;

    public static StartEvalRunRequest LlmBarRun(string runId, string suite) => new()
    {
        RunId = runId,
        Suite = suite,
        Dataset = new Dataset { Location = LlmBarCase.FilePath, Format = DatasetFormat.Jsonl },
    };

    public static StartEvalRunRequest Inline(string runId, string suite, string content, string model = "") => new()
    {
        RunId = runId,
        Suite = suite,
        Dataset = new Dataset { Content = content, Format = DatasetFormat.Jsonl, ModelUnderTest = model },
    };

    /// <summary>Majority of the judges' recorded verdicts straight from the file: silent judges abstain, a tie goes to the first judge.</summary>
    public static int MajorityCorrect(IReadOnlyList<string> judges) => LlmBarCase.Load().Count(c =>
    {
        var votes = judges.Select(j => c.Verdicts[j]).ToList();
        var sum = votes.Sum(v => v switch { 1 => 1, 2 => -1, _ => 0 });
        var choice = sum > 0 ? 1 : sum < 0 ? 2 : votes[0];
        return choice == c.Label;
    });
}
