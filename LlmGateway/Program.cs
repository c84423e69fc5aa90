using Agentic.LlmGateway.Extensions;

return StartupFailure.Run(() =>
{
    var builder = WebApplication.CreateBuilder(args);

    builder.AddServiceDefaults();
    builder.AddLlmGateway();

    var app = builder.Build();

    app.MapDefaultEndpoints();
    app.MapLlmGateway();

    app.Run();
});
