using MLOps.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiServices();

var app = builder.Build();
app.MapPlatformEndpoints();
app.Run();

/// <summary>Entry point; public so <c>WebApplicationFactory</c> tests can host the API.</summary>
public partial class Program;
