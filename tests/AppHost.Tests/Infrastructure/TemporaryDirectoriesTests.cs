using Agentic.AppHost.Infrastructure;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.AppHost.Tests.Infrastructure;

public class TemporaryDirectoriesTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task StopAsync_LocalServersRan_TheirTempDirectoriesAreGone()
    {
        // Only the local servers: the services are not what leaves directories behind.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["Infrastructure:Mode=Local"], (options, _) => options.DisableDashboard = true);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(project);
        }

        var app = await builder.BuildAsync();
        var directories = app.Services.GetRequiredService<TemporaryDirectories>().Paths;
        await using (app)
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            await app.StartAsync(timeout.Token);
            var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
            await notifications.WaitForResourceHealthyAsync("redis", timeout.Token);
            await notifications.WaitForResourceHealthyAsync("approvaldb", timeout.Token);
            Assert.Contains(directories, path => Path.GetFileName(path).StartsWith("agentic-redis-", StringComparison.Ordinal));
            Assert.Contains(directories, path => File.Exists(Path.Combine(path, "PG_VERSION")));

            await app.StopAsync();
        }

        Assert.All(directories, path => Assert.False(Directory.Exists(path), $"{path} is left behind"));
    }
}
