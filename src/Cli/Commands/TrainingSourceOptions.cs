using System.CommandLine;
using MLOps.Cli.Training;
using MLOps.Modeling.Training;
using MLOps.Storage.Telemetry;

namespace MLOps.Cli.Commands;

/// <summary>The options <c>train</c> and <c>eval</c> share: read from PostgreSQL or from a benchmark folder.</summary>
internal sealed class TrainingSourceOptions
{
    private readonly Option<string[]> _services = new("--services") { Description = "PostgreSQL: services to read.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<DateTimeOffset?> _from = new("--from") { Description = "PostgreSQL: window start (inclusive), ISO-8601." };
    private readonly Option<DateTimeOffset?> _to = new("--to") { Description = "PostgreSQL: window end (exclusive), ISO-8601." };
    private readonly Option<string> _connectionString = StoreConnection.CreateOption();
    private readonly Option<string?> _dataset = new("--dataset") { Description = "Read a benchmark folder instead of PostgreSQL: smd or asd." };
    private readonly Option<DirectoryInfo?> _path = new("--path") { Description = "The benchmark folder (--dataset)." };
    private readonly Option<int> _machines = new("--machines") { Description = "Benchmark: how many machines (ordinal order).", DefaultValueFactory = _ => 4 };
    private readonly Option<DateTimeOffset> _start = new("--start")
    {
        Description = "Benchmark: timestamp of the first train row (the datasets have no clock).",
        DefaultValueFactory = _ => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public TrainingSourceOptions()
    {
        _dataset.AcceptOnlyFromAmong("smd", "asd");
    }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in (Option[])[_services, _from, _to, _connectionString, _dataset, _path, _machines, _start])
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var fromFiles = result.GetValue(_dataset) is not null;
            if (fromFiles && result.GetValue(_path) is null)
            {
                result.AddError("--dataset needs --path DIR.");
            }
            else if (!fromFiles && (result.GetValue(_services) is not { Length: > 0 } || result.GetValue(_from) is null || result.GetValue(_to) is null))
            {
                result.AddError("Give --services, --from and --to to read PostgreSQL, or --dataset and --path to read files.");
            }
        });
    }

    /// <summary>The input described by the parsed options; the data source is disposed with the returned handle.</summary>
    public async Task<(TrainingInput Input, IAsyncDisposable? Connection)> LoadAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.GetValue(_dataset) is { } dataset)
        {
            var folder = TrainingSources.Open(dataset, parseResult.GetRequiredValue(_path)!.FullName);
            return (TrainingSources.FromMultivariate(folder, parseResult.GetValue(_machines), parseResult.GetValue(_start)), null);
        }

        var dataSource = StoreConnection.CreateDataSource(parseResult.GetRequiredValue(_connectionString));
        var input = await StoredTrainingInput.ReadAsync(
            new TelemetryReader(dataSource),
            parseResult.GetRequiredValue(_services),
            parseResult.GetValue(_from)!.Value,
            parseResult.GetValue(_to)!.Value,
            cancellationToken);
        return (input, dataSource);
    }

    /// <summary>True when the training data is read from PostgreSQL rather than a benchmark folder.</summary>
    public bool ReadsDatabase(ParseResult parseResult) => parseResult?.GetValue(_dataset) is null;

    /// <summary>The <c>--connection-string</c> given, or its default.</summary>
    public string ConnectionString(ParseResult parseResult) => parseResult.GetRequiredValue(_connectionString);

    /// <summary>A name for the model when none is given: the dataset's.</summary>
    public string? DatasetName(ParseResult parseResult) => parseResult.GetValue(_dataset);
}
