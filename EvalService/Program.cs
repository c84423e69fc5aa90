using Agentic.EvalService;
using Agentic.EvalService.Reports;

var builder = WebApplication.CreateBuilder(args);

builder.AddBasicServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapEvalGrpcService();
app.MapEvalReports();

app.Run();
