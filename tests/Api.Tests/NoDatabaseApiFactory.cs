using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MLOps.Api.Tests;

/// <summary>The API without start-up migration, for tests of endpoints that never touch the database.</summary>
public sealed class NoDatabaseApiFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Storage:MigrateOnStartup", "false");
}
