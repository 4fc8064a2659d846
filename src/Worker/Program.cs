using MLOps.Hosting.Health;
using MLOps.Worker.Extensions;
using Prometheus;

// The worker is a web host so that Prometheus can scrape it and orchestrators can probe it; its
// work is the Hangfire minute jobs and the Temporal workers registered below.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();
builder.AddBackgroundJobs();
builder.AddOnlineScoringJobs();
builder.AddMlopsTemporal();

var app = builder.Build();
app.MapHealthEndpoints();
app.MapMetrics("/metrics");
app.Run();
