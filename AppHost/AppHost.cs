var builder = DistributedApplication.CreateBuilder(args);

builder.AddProject<Projects.LlmGateway>("llm-gateway");

builder.Build().Run();
