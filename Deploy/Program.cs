using Agentic.Deploy;
using Amazon.CDK;

var app = new App();
_ = new AgenticStack(app, "Agentic", DeploySettings.FromContext(app.Node));
app.Synth();
