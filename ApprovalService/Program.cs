var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddApprovalPortal();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapApprovalGrpcService();
app.MapApprovalPortal();

app.Run();
