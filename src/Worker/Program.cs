using MLOps.Worker.Extensions;
using Prometheus;

// The worker is a web host only so that Prometheus can scrape it and orchestrators can probe it;
// its real work (Temporal workers, Hangfire jobs) is registered by the issues that build it.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();
builder.AddMlopsTemporal();

var app = builder.Build();
app.MapHealthChecks("/healthz");
app.MapMetrics("/metrics");
app.Run();
