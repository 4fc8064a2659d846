using System.Buffers.Binary;
using System.CommandLine;
using System.Globalization;
using MLOps.Cli.Backtest;
using MLOps.Cli.Commands;
using MLOps.Cli.Tests.Commands;
using MLOps.Core.Backtest;
using MLOps.Testing.Platform;
using ScottPlot;

namespace MLOps.Cli.Tests.Backtest;

/// <summary>
/// <c>mlops backtest</c> over a small simulated fleet in real PostgreSQL and S3, with the artifact settings in the
/// process environment as the CLI reads them.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class BacktestCommandTests(BacktestFleet fleet) : IClassFixture<BacktestFleet>, IDisposable
{
    private readonly Dictionary<string, string?> _saved = [];
    private readonly string _chart = Path.Combine(Path.GetTempPath(), $"backtest-{Guid.NewGuid():N}.png");

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        File.Delete(_chart);
    }

    [SkippableFact]
    public async Task Backtest_AgainstChampion_PrintsEveryShiftWithWhatEachVersionWouldHavePaged()
    {
        await RequireAsync();
        var expected = (await BacktestCommand.Create(fleet.Storage.DataSource, fleet.Artifacts)
            .RunAsync(new BacktestRequest(BacktestFleet.Model, null, true, fleet.From, fleet.To), null, CancellationToken.None)).Report;

        var (exit, output, error) = await BacktestAsync("--model", BacktestFleet.Model, "--against-champion", "--from", Iso(fleet.From), "--to", Iso(fleet.To));

        Assert.Equal(0, exit);
        Assert.Contains("candidate v2 pages (busiest group)", output, StringComparison.Ordinal);
        Assert.Contains("champion v1 pages (busiest group)", output, StringComparison.Ordinal);
        // The day from 00:00 touches three 12-hour shifts: the one from 20:00 the evening before, the day, the night.
        Assert.Equal(3, expected.Shifts.Count);
        foreach (var shift in expected.Shifts)
        {
            var row = Assert.Single(output.Split('\n'), line => line.Contains(string.Create(CultureInfo.InvariantCulture, $"{shift.Start:yyyy-MM-dd HH:mm}-{shift.End:HH:mm}"), StringComparison.Ordinal));
            var cells = row.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(shift.Incidents.ToString(CultureInfo.InvariantCulture), cells[1]);
            for (var v = 0; v < 2; v++)
            {
                var cell = shift.Versions[v];
                Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{cell.Pages} ({cell.BusiestGroupPages}"), cells[2 + (3 * v)], StringComparison.Ordinal);
                Assert.StartsWith(cell.Caught.ToString(CultureInfo.InvariantCulture), cells[3 + (3 * v)], StringComparison.Ordinal);
                Assert.Equal(cell.Missed.ToString(CultureInfo.InvariantCulture), cells[4 + (3 * v)]);
            }
        }

        var candidate = expected.Versions[0].Summary;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"candidate v2 ("), output, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{candidate.Pages} pages ({candidate.NightPages} at night)"), output, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"incidents caught {candidate.IncidentsPaged} of {candidate.Incidents}"), output, StringComparison.Ordinal);
        Assert.Contains("scoring services: 4/4", error, StringComparison.Ordinal);
        Assert.DoesNotContain("scoring services", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Backtest_UnknownModel_SaysSoOnStandardErrorAndExitsOne()
    {
        await RequireAsync();

        var (exit, output, error) = await BacktestAsync("--model", "nope", "--from", Iso(fleet.From), "--to", Iso(fleet.To));

        Assert.Equal(1, exit);
        Assert.Equal("--model: The registry has no version of model nope.", error.Trim());
        Assert.Empty(output);
    }

    [SkippableFact]
    public async Task Backtest_ToNotAfterFrom_NamesTheOptionAndExitsWithTheUsageCode()
    {
        await RequireAsync();

        var (exit, _, error) = await BacktestAsync("--model", BacktestFleet.Model, "--from", Iso(fleet.To), "--to", Iso(fleet.From));

        Assert.Equal(2, exit);
        Assert.StartsWith("--to: The period is empty", error.Trim(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Chart_AgainstChampion_IsAPngOfThePanelsSizeWithAPanelPerBusyServiceAndItsSeries()
    {
        await RequireAsync();

        var (exit, output, _) = await BacktestAsync("--model", BacktestFleet.Model, "--against-champion", "--from", Iso(fleet.From), "--to", Iso(fleet.To), "--chart", _chart);
        var run = await BacktestCommand.Create(fleet.Storage.DataSource, fleet.Artifacts)
            .RunAsync(new BacktestRequest(BacktestFleet.Model, null, true, fleet.From, fleet.To), null, CancellationToken.None);
        var figure = BacktestChart.Build(run);

        Assert.Equal(0, exit);
        Assert.Contains($"written to {_chart}", output, StringComparison.Ordinal);
        var png = await File.ReadAllBytesAsync(_chart);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(BacktestChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(BacktestChart.PanelHeight * (1 + run.Traces.Count), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

        Assert.NotEmpty(run.Traces);
        var panels = figure.Subplots.GetPlots();
        Assert.Equal(1 + run.Traces.Count, panels.Length);
        // Shifts: a line per version and the budget line.
        Assert.Equal(3, panels[0].GetPlottables().Count());
        for (var t = 0; t < run.Traces.Count; t++)
        {
            var trace = run.Traces[t];
            var markers = trace.Versions.Count(version => version.PageStarts.Count > 0);
            // Incident bands, then per version its score and threshold, and its page markers when it paged.
            Assert.Equal(trace.Incidents.Count + (2 * trace.Versions.Count) + markers, panels[1 + t].GetPlottables().Count());
            Assert.Equal(trace.Versions.Count, panels[1 + t].GetPlottables().OfType<ScottPlot.Plottables.SignalXY>().Count());
        }
    }

    private async Task RequireAsync()
    {
        await fleet.RequireAsync();
        Set("ArtifactStore__Bucket", fleet.Bucket);
        Set("ArtifactStore__RootPath", null);
    }

    private void Set(string name, string? value)
    {
        _saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    private async Task<(int Exit, string Output, string Error)> BacktestAsync(params string[] args)
    {
        var root = new RootCommand();
        root.AddTrainingCommands();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(["backtest", .. args, "--connection-string", fleet.Storage.Database.ConnectionString!])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture);
}
