using System.ComponentModel.DataAnnotations;

namespace MLOps.Storage.Database;

/// <summary>Where the telemetry store lives and whether a host brings its schema up to date when it starts.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Npgsql connection string; filled from <c>ConnectionStrings:Postgres</c> unless set under <c>Storage</c>.</summary>
    [Required(ErrorMessage = "Set ConnectionStrings:Postgres (or Storage:ConnectionString) to the PostgreSQL connection string.")]
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations during host start-up; off when a deployment runs <c>mlops db migrate</c> itself.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
