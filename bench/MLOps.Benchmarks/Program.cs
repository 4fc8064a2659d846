using BenchmarkDotNet.Running;
using MLOps.Benchmarks;

// `featurize-csv FILE` streams a telemetry.csv through the featurizer once and prints throughput (the side-by-side
// run against bench/featurize_pandas.py); `online-scoring SERVICES [CONNECTION_STRING]` times the scoring job over a
// simulated fleet in a throwaway PostgreSQL database; `backtest SERVICES DAYS [CONNECTION_STRING]` times a backtest of
// that fleet against its champion the same way; `ingest-load URL TOKEN CONNECTIONS SECONDS ROWS` is the closed-loop
// load on POST /telemetry that bench/probe/load.sh drives; anything else goes to BenchmarkDotNet.
if (args.Length == 2 && args[0] == "featurize-csv")
{
    return FeaturizeCsvRun.Run(args[1], Console.Out);
}

if (args.Length is 2 or 3 && args[0] == "online-scoring")
{
    var connection = args.Length == 3 ? args[2] : "Host=127.0.0.1;Port=61432;Database=mlops;Username=mlops;Password=mlops";
    return await OnlineScoringRun.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), connection, Console.Out);
}

if (args.Length == 6 && args[0] == "ingest-load")
{
    var invariant = System.Globalization.CultureInfo.InvariantCulture;
    var settings = new IngestionLoadSettings(
        new Uri(args[1]), args[2], int.Parse(args[3], invariant), TimeSpan.FromSeconds(int.Parse(args[4], invariant)), int.Parse(args[5], invariant));
    return await IngestionLoadRun.RunAsync(settings, Console.Out);
}

if (args.Length == 1 && args[0] == "ingest-load-header")
{
    Console.WriteLine(IngestionLoadRun.TableHeader);
    return 0;
}

if (args.Length is 3 or 4 && args[0] == "backtest")
{
    var connection = args.Length == 4 ? args[3] : "Host=127.0.0.1;Port=61432;Database=mlops;Username=mlops;Password=mlops";
    var invariant = System.Globalization.CultureInfo.InvariantCulture;
    return await BacktestRun.RunAsync(int.Parse(args[1], invariant), int.Parse(args[2], invariant), connection, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(FeaturizationBenchmarks).Assembly).Run(args);
return 0;
