using System.Net;
using Agentic.EvalService.Reports;
using Agentic.EvalService.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Agentic.EvalService.Tests.Reports;

/// <summary>
/// The report pages over HTTP/1.1 on a loopback port, reading a real PostgreSQL database through
/// <see cref="RunStore"/>: the eval service's report composition without its Temporal worker.
/// </summary>
public sealed class ReportHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReportHost(WebApplication app, EvalDatabase database, Uri address)
    {
        _app = app;
        Database = database;
        Address = address;
        Runs = new RunStore(database);
    }

    public Uri Address { get; }

    public EvalDatabase Database { get; }

    public RunStore Runs { get; }

    public static async Task<ReportHost> StartAsync(string connectionString)
    {
        var database = new EvalDatabase(NpgsqlDataSource.Create(connectionString));
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(database.DataSource, CancellationToken.None);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<RunStore>();
        builder.Services.AddEvalReports();
        var app = builder.Build();
        app.MapEvalReports();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ReportHost(app, database, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Database.DisposeAsync();
    }
}
