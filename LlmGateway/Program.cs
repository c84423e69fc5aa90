var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddLlmGateway();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapLlmGateway();

app.Run();
