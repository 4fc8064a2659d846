using MLOps.Api.Apis;
using MLOps.Api.Extensions;
using MLOps.Api.Jobs;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiServices();
builder.AddIngestion();
builder.AddModelsApi();
builder.AddFeedbackApi();
builder.AddHangfireDashboard();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapIngestionApi();
app.MapModelsEndpoints();
app.MapFeedbackEndpoints();
app.UseHangfireDashboardForAdmins();
app.Run();

/// <summary>Entry point; public so <c>WebApplicationFactory</c> tests can host the API.</summary>
public partial class Program;
