using MLOps.Hosting.Health;
using MLOps.Worker.Extensions;
using Prometheus;

// The worker is a web host so that Prometheus can scrape it and orchestrators can probe it; its
// work is the Hangfire minute jobs and the Temporal workers registered below.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCachedReadiness();
builder.AddBackgroundJobs();
builder.AddOnlineScoringJobs();
builder.AddMlopsTemporal();

var app = builder.Build();
// One role, every check required; details for every caller: the worker has no API keys, and its port is for
// probes and Prometheus inside the deployment, never published.
app.MapHealthEndpoints([new ReadinessRole("/readyz", Required: null)], _ => Task.FromResult(true));
app.MapMetrics("/metrics");
app.Run();
