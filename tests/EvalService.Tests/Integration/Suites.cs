namespace Agentic.EvalService.Tests.Integration;

/// <summary>Suite YAML for the end-to-end tests. Simulated judges give a score in [0, 1]: threshold 0 always passes, 1 fails.</summary>
internal static class Suites
{
    public static string Live(string name, double threshold = 0, string whenLate = "show_provisional", int quorum = 0, bool failingJudge = false) => $"""
        name: {name}
        checks:
          - id: no-pii
            type: pii
            regions: [US, GB]
          - id: short
            type: length
            max: 2000
        jury:
          aggregation: mean
          quorum: {quorum}
          pass_threshold: {threshold}
          judges:
            - name: helpful
              model: sim-chat
              rubric: Score how helpful the answer is.
              timeout: 20s
            - name: accurate
              model: sim-chat
              rubric: Score how accurate the answer is.
              timeout: 20s
        {(failingJudge ? "    - name: hasty\n      model: sim-chat\n      rubric: Score it fast.\n      timeout: 10ms\n      max_attempts: 1\n" : "")}live:
          budget: 30s
          when_late: {whenLate}
        """;
}
