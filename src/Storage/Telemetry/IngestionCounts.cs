namespace MLOps.Storage.Telemetry;

/// <summary>What one stored batch did.</summary>
/// <param name="Received">Rows in the batch.</param>
/// <param name="Inserted">Rows that were new.</param>
/// <param name="Updated">Rows that replaced a different stored version of their key (a correction: the last write wins).</param>
/// <param name="Duplicates">Rows already stored as they are (a replay), or repeated within the batch.</param>
public sealed record IngestionCounts(long Received, long Inserted, long Updated, long Duplicates)
{
    public static IngestionCounts Empty { get; } = new(0, 0, 0, 0);

    public static IngestionCounts FromInsert(long received, long inserted) => new(received, inserted, 0, received - inserted);

    public IngestionCounts Add(IngestionCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Received + other.Received, Inserted + other.Inserted, Updated + other.Updated, Duplicates + other.Duplicates);
    }
}
