using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// The recorded answers of <see cref="SimulatedProviderOptions.RecordedAnswers"/>, by model: the first recording of
/// the request's model (then of "*") whose match fits the conversation text answers; otherwise the generated answer
/// does. Loaded once at start (the options validator has already rejected a bad file).
/// </summary>
internal sealed class SimulatedRecordings
{
    private readonly Dictionary<string, SimulatedRecording[]> _byModel;
    private readonly SimulatedRecording[] _anyModel;

    public SimulatedRecordings(IOptions<SimulatedProviderOptions> options)
    {
        var path = options.Value.RecordedAnswers;
        var recordings = string.IsNullOrWhiteSpace(path) ? [] : SimulatedRecordingFile.Load(Path.GetFullPath(path), []);
        _byModel = recordings.Where(r => r.Model != SimulatedRecording.AnyModel)
            .GroupBy(r => r.Model, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _anyModel = [.. recordings.Where(r => r.Model == SimulatedRecording.AnyModel)];
    }

    /// <summary>Models named by the file (served even when not in <see cref="SimulatedProviderOptions.Models"/>).</summary>
    public IEnumerable<string> Models => _byModel.Keys;

    public bool IsEmpty => _byModel.Count == 0 && _anyModel.Length == 0;

    public SimulatedRecording? Find(SimulatedChatRequest request)
    {
        if (IsEmpty)
        {
            return null;
        }

        var text = request.ConversationText();
        if (_byModel.TryGetValue(request.Model, out var recordings))
        {
            foreach (var recording in recordings)
            {
                if (recording.Matches(text))
                {
                    return recording;
                }
            }
        }

        return Array.Find(_anyModel, r => r.Matches(text));
    }
}
