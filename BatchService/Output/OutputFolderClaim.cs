namespace Agentic.BatchService.Output;

/// <summary>
/// A job owns its output folder: a marker file holding the job id, created exclusively, claims it. A folder
/// that another job owns, that lies inside one, or that holds one is refused, and so is a non-empty folder no
/// job owns, so nothing already written is ever touched. Claiming twice for the same job is a no-op.
/// </summary>
/// <remarks>
/// Two claims racing for nested folders each create their marker first and then look again; one of them
/// sees the other and withdraws, so both can fail but never both succeed.
/// </remarks>
public static class OutputFolderClaim
{
    public const string MarkerFileName = ".batch-job";

    /// <summary>How many entries below a non-empty folder are searched for the job that owns them.</summary>
    private const int OwnerSearchLimit = 10_000;

    private static readonly Lock Gate = new();

    /// <summary>Claims <paramref name="folder"/> (an absolute path) for <paramref name="jobId"/>, or throws <see cref="OutputFolderTakenException"/>.</summary>
    public static void Claim(string folder, string jobId)
    {
        folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        lock (Gate)
        {
            RefuseInsideAnotherJob(folder, jobId);
            var marker = Path.Combine(folder, MarkerFileName);
            if (File.Exists(marker))
            {
                RequireOwnedBy(folder, jobId);
                return;
            }

            var created = !Directory.Exists(folder);
            Directory.CreateDirectory(folder);
            RefuseNonEmpty(folder);
            try
            {
                using var stream = new FileStream(marker, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                using var writer = new StreamWriter(stream);
                writer.Write(jobId);
                writer.Write('\n');
            }
            catch (IOException) when (File.Exists(marker))
            {
                // Another claim created it first; it wins unless it is this job's.
                RequireOwnedBy(folder, jobId);
                return;
            }

            try
            {
                RefuseInsideAnotherJob(folder, jobId);
                RefuseNonEmpty(folder);
            }
            catch (OutputFolderTakenException)
            {
                File.Delete(marker);
                if (created && !Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder);
                }

                throw;
            }
        }
    }

    /// <summary>The job that owns <paramref name="folder"/>, or null when none does.</summary>
    public static string? OwnerOf(string folder)
    {
        var marker = Path.Combine(folder, MarkerFileName);
        if (!File.Exists(marker))
        {
            return null;
        }

        try
        {
            var text = File.ReadAllText(marker).Trim();
            // A marker being written right now is empty: some job is claiming it.
            return text.Length == 0 ? "(being claimed)" : text;
        }
        catch (IOException)
        {
            return "(unreadable marker)";
        }
    }

    private static void RequireOwnedBy(string folder, string jobId)
    {
        var owner = OwnerOf(folder);
        if (owner != jobId)
        {
            throw new OutputFolderTakenException(owner, $"'{folder}' is the output folder of job '{owner}'");
        }
    }

    private static void RefuseInsideAnotherJob(string folder, string jobId)
    {
        for (var dir = Path.GetDirectoryName(folder); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (OwnerOf(dir) is { } owner)
            {
                throw new OutputFolderTakenException(owner, owner == jobId
                    ? $"'{folder}' is inside '{dir}', the output folder of this same job"
                    : $"'{folder}' is inside '{dir}', the output folder of job '{owner}'");
            }
        }
    }

    private static void RefuseNonEmpty(string folder)
    {
        var entries = Directory.EnumerateFileSystemEntries(folder)
            .Where(entry => Path.GetFileName(entry) != MarkerFileName)
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }

        var below = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var marker in Directory.EnumerateFiles(folder, MarkerFileName, below).Take(OwnerSearchLimit))
        {
            var dir = Path.GetDirectoryName(marker)!;
            if (dir != folder && OwnerOf(dir) is { } owner)
            {
                throw new OutputFolderTakenException(owner, $"'{folder}' contains '{dir}', the output folder of job '{owner}'");
            }
        }

        throw new OutputFolderTakenException(null, $"'{folder}' is not empty and belongs to no job; a job writes only into a new or empty folder");
    }
}
