using MLOps.Core.Telemetry;
using MLOps.Testing.Platform;
using Npgsql;

namespace MLOps.Storage.Tests;

public sealed class TelemetryStoreTests(StorageFixture store) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset T0 = new(2025, 12, 31, 23, 58, 0, TimeSpan.Zero);

    private readonly string _service = $"svc-{Guid.NewGuid():N}";

    [SkippableFact]
    public async Task WriteSamplesAsync_BatchSpanningTwoMonthsAndYears_CreatesBothPartitionsAndStoresEveryRow()
    {
        await store.RequireAsync();
        var samples = Enumerable.Range(0, 4).Select(minute => Sample(T0.AddMinutes(minute), "h1", "cpu", minute)).ToList();

        var counts = await store.CreateWriter().WriteSamplesAsync(samples, CancellationToken.None);

        Assert.Equal((4, 4, 0), (counts.Received, counts.Inserted, counts.Duplicates));
        Assert.Equal(2, await store.CountAsync($"SELECT count(*) FROM telemetry_samples_2025_12 WHERE service = '{_service}'"));
        Assert.Equal(2, await store.CountAsync($"SELECT count(*) FROM telemetry_samples_2026_01 WHERE service = '{_service}'"));
    }

    [SkippableFact]
    public async Task WriteSamplesAsync_RepeatsWithinAndAcrossBatches_StoresLastValueOfEachSeriesAndTime()
    {
        await store.RequireAsync();
        var writer = store.CreateWriter();
        var first = await writer.WriteSamplesAsync([Sample(T0, "h1", "cpu", 1), Sample(T0, "h1", "cpu", 2)], CancellationToken.None);
        var correction = await writer.WriteSamplesAsync([Sample(T0, "h1", "cpu", 3), Sample(T0, "h2", "cpu", 4)], CancellationToken.None);
        var replay = await writer.WriteSamplesAsync([Sample(T0, "h1", "cpu", 3), Sample(T0, "h2", "cpu", 4)], CancellationToken.None);

        Assert.Equal((2, 1, 0, 1), (first.Received, first.Inserted, first.Updated, first.Duplicates));
        Assert.Equal((2, 1, 1, 0), (correction.Received, correction.Inserted, correction.Updated, correction.Duplicates));
        Assert.Equal((2, 0, 0, 2), (replay.Received, replay.Inserted, replay.Updated, replay.Duplicates));
        Assert.Equal(1, await store.CountAsync($"SELECT count(*) FROM telemetry_samples WHERE service = '{_service}' AND host = 'h1' AND value = 3"));
    }

    [SkippableFact]
    public async Task WriteSamplesAsync_ConcurrentWritersOfOverlappingBatches_StoreEachSampleOnce()
    {
        await store.RequireAsync();
        var batches = Enumerable.Range(0, 4)
            .Select(writerIndex => Enumerable.Range(writerIndex * 50, 200).Select(minute => Sample(T0.AddMinutes(minute), "h1", "cpu", minute)).ToList())
            .ToList();

        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => store.CreateWriter().WriteSamplesAsync(batch, CancellationToken.None))));

        Assert.Equal(350, results.Sum(counts => counts.Inserted));
        Assert.Equal(350, await store.CountAsync($"SELECT count(*) FROM telemetry_samples WHERE service = '{_service}'"));
    }

    [SkippableFact]
    public async Task WriteSamplesAsync_RowTheDatabaseRejects_StoresNothingOfTheBatch()
    {
        await store.RequireAsync();
        // Validation normally stops this; written directly, the NOT NULL constraint fails the last row.
        var batch = new[] { Sample(T0, "h1", "cpu", 1), Sample(T0.AddMinutes(1), "h1", "cpu", 2), Sample(T0.AddMinutes(2), "h1", "cpu", 3) with { Host = null! } };

        var failure = await Assert.ThrowsAsync<PostgresException>(() => store.CreateWriter().WriteSamplesAsync(batch, CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.NotNullViolation, failure.SqlState);
        Assert.Equal(0, await store.CountAsync($"SELECT count(*) FROM telemetry_samples WHERE service = '{_service}'"));
        Assert.Equal(0, await store.CountAsync($"SELECT count(*) FROM services WHERE name = '{_service}'"));
    }

    [SkippableFact]
    public async Task ReadSamplesAsync_Window_StreamsOnlyRequestedServicesSeriesBySeriesThenByTime()
    {
        await store.RequireAsync();
        var other = $"other-{Guid.NewGuid():N}";
        await store.CreateWriter().WriteSamplesAsync(
            [
                Sample(T0.AddMinutes(2), "h2", "cpu", 22), Sample(T0.AddMinutes(1), "h2", "cpu", 21),
                Sample(T0.AddMinutes(1), "h1", "mem", 11), Sample(T0, "h1", "cpu", 10), Sample(T0.AddMinutes(9), "h1", "cpu", 19),
                Sample(T0, "h1", "cpu", 99) with { Service = other },
            ],
            CancellationToken.None);

        var read = new List<TelemetrySample>();
        await foreach (var sample in store.CreateReader().ReadSamplesAsync([_service], T0, T0.AddMinutes(9), CancellationToken.None))
        {
            read.Add(sample);
        }

        Assert.Equal([10, 11, 21, 22], read.Select(sample => sample.Value));
        Assert.Equal(T0, read[0].Time);
        Assert.Equal(TimeSpan.Zero, read[0].Time.Offset);
    }

    [SkippableFact]
    public async Task ReadServiceSamplesUnorderedAsync_Window_GivesExactlyTheServicesSamplesInTheWindowWithEveryField()
    {
        await store.RequireAsync();
        var other = $"other-{Guid.NewGuid():N}";
        var inside = new[]
        {
            Sample(T0.AddMinutes(2), "h2", "cpu", 22) with { Region = "eu-west-1", Environment = "staging" },
            Sample(T0.AddMinutes(1), "h1", "mem", 11),
            Sample(T0, "h1", "cpu", 10),
        };
        await store.CreateWriter().WriteSamplesAsync(
            [.. inside, Sample(T0.AddMinutes(9), "h1", "cpu", 19), Sample(T0.AddMinutes(-1), "h1", "cpu", 9), Sample(T0, "h1", "cpu", 99) with { Service = other }],
            CancellationToken.None);

        var read = new List<TelemetrySample>();
        await foreach (var sample in store.CreateReader().ReadServiceSamplesUnorderedAsync(_service, T0, T0.AddMinutes(9), CancellationToken.None))
        {
            read.Add(sample);
        }

        // No order is promised: compare as sets, every field included.
        Assert.Equal(inside.OrderBy(sample => sample.Value), read.OrderBy(sample => sample.Value));
    }

    [SkippableFact]
    public async Task ReadEventsAsync_Window_ReturnsOverlappingIncidentsAndWindowsAndDeploysInside()
    {
        await store.RequireAsync();
        var writer = store.CreateWriter();
        await writer.WriteIncidentsAsync(
            [
                new Incident($"{_service}-open", _service, T0.AddHours(-5), null, "sev1", "pagerduty", "still open"),
                new Incident($"{_service}-over", _service, T0.AddHours(-5), T0.AddHours(-4), "sev2", "pagerduty", "over before the window"),
                new Incident($"{_service}-in", _service, T0.AddMinutes(10), T0.AddMinutes(20), "sev2", "manual", "inside"),
            ],
            CancellationToken.None);
        await writer.WriteDeploysAsync(
            [new DeployEvent(_service, "1.0", "abc", T0.AddMinutes(-1)), new DeployEvent(_service, "1.1", null, T0.AddMinutes(5))],
            CancellationToken.None);
        await writer.WriteMaintenanceWindowsAsync(
            [new MaintenanceWindow(_service, T0.AddMinutes(-30), T0.AddMinutes(1), "patching")],
            CancellationToken.None);
        var reader = store.CreateReader();

        var incidents = await reader.ReadIncidentsAsync([_service], T0, T0.AddHours(1), CancellationToken.None);
        var deploys = await reader.ReadDeploysAsync([_service], T0, T0.AddHours(1), CancellationToken.None);
        var windows = await reader.ReadMaintenanceWindowsAsync([_service], T0, T0.AddHours(1), CancellationToken.None);

        Assert.Equal([$"{_service}-open", $"{_service}-in"], incidents.Select(incident => incident.Id));
        Assert.Null(incidents[0].End);
        Assert.Equal(new DeployEvent(_service, "1.1", null, T0.AddMinutes(5)), Assert.Single(deploys));
        Assert.Equal("patching", Assert.Single(windows).Reason);
        Assert.Contains(await reader.ReadServicesAsync(CancellationToken.None), service => service == new ServiceInfo(_service, 3, string.Empty));
    }

    [SkippableFact]
    public async Task UpsertServicesAsync_KnownService_UpdatesTierAndOwner()
    {
        await store.RequireAsync();
        var writer = store.CreateWriter();

        await writer.UpsertServicesAsync([new ServiceInfo(_service, 3, "nobody")], CancellationToken.None);
        await writer.UpsertServicesAsync([new ServiceInfo(_service, 1, "payments-sre")], CancellationToken.None);

        Assert.Contains(await store.CreateReader().ReadServicesAsync(CancellationToken.None), service => service == new ServiceInfo(_service, 1, "payments-sre"));
    }

    private TelemetrySample Sample(DateTimeOffset time, string host, string metric, double value) =>
        new(time, _service, host, "eu-west-1", "prod", metric, value);
}
