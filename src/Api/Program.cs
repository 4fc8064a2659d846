using MLOps.Api.Apis;
using MLOps.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiServices();
builder.AddIngestion();
builder.AddModelsApi();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapIngestionApi();
app.MapModelsEndpoints();
app.Run();

/// <summary>Entry point; public so <c>WebApplicationFactory</c> tests can host the API.</summary>
public partial class Program;
