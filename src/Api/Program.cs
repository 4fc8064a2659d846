using MLOps.Api.Apis;
using MLOps.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiServices();
builder.AddIngestion();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapIngestionApi();
app.Run();

/// <summary>Entry point; public so <c>WebApplicationFactory</c> tests can host the API.</summary>
public partial class Program;
