using Agentic.BatchService;
using Agentic.BatchService.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddBasicServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcService<BatchGrpcService>();

app.Run();
