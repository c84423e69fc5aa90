using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Agentic.AppHost.Infrastructure;

/// <summary>
/// Scratch directories of the local servers (Redis's working directory, PostgreSQL's data directory), deleted
/// when the AppHost has stopped, so runs leave nothing behind in the temp directory.
/// </summary>
public sealed class TemporaryDirectories
{
    private readonly List<string> _paths = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_lock)
            {
                return [.. _paths];
            }
        }
    }

    /// <summary>Creates <c>{temp}/{prefix}XXXXXX</c> and registers it for deletion.</summary>
    public string Create(string prefix)
    {
        var path = Directory.CreateTempSubdirectory(prefix).FullName;
        lock (_lock)
        {
            _paths.Add(path);
        }

        return path;
    }

    public void DeleteAll()
    {
        foreach (var path in Paths)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException)
            {
                // A server that outlived the AppHost still holds it; nothing else to do on the way out.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>The AppHost's one instance, deleting its directories once the host has stopped (its servers with it).</summary>
    public static TemporaryDirectories For(IDistributedApplicationBuilder builder)
    {
        var existing = builder.Services.FirstOrDefault(descriptor => descriptor.ServiceType == typeof(TemporaryDirectories));
        if (existing?.ImplementationInstance is TemporaryDirectories directories)
        {
            return directories;
        }

        directories = new TemporaryDirectories();
        builder.Services.AddSingleton(directories);
        builder.Services.AddHostedService<Cleanup>();
        return directories;
    }

    private sealed class Cleanup(IHostApplicationLifetime lifetime, TemporaryDirectories directories) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // ApplicationStopped comes after every hosted service stopped, the orchestrator and its processes included.
            lifetime.ApplicationStopped.Register(directories.DeleteAll);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
