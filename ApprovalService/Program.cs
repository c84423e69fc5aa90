using Agentic.ApprovalService;
using Agentic.ApprovalService.Portal;

var builder = WebApplication.CreateBuilder(args);

builder.AddBasicServiceDefaults();
builder.AddApplicationServices();
builder.AddApprovalPortal();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapApprovalGrpcService();
app.MapApprovalPortal();

app.Run();
