using BenchmarkDotNet.Running;
using MLOps.Benchmarks;

// `featurize-csv FILE` streams a telemetry.csv through the featurizer once and prints throughput (the side-by-side
// run against bench/featurize_pandas.py); `online-scoring SERVICES [CONNECTION_STRING]` times the scoring job over a
// simulated fleet in a throwaway PostgreSQL database; `backtest SERVICES DAYS [CONNECTION_STRING]` times a backtest of
// that fleet against its champion the same way; anything else goes to BenchmarkDotNet.
if (args.Length == 2 && args[0] == "featurize-csv")
{
    return FeaturizeCsvRun.Run(args[1], Console.Out);
}

if (args.Length is 2 or 3 && args[0] == "online-scoring")
{
    var connection = args.Length == 3 ? args[2] : "Host=127.0.0.1;Port=61432;Database=mlops;Username=mlops;Password=mlops";
    return await OnlineScoringRun.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), connection, Console.Out);
}

if (args.Length is 3 or 4 && args[0] == "backtest")
{
    var connection = args.Length == 4 ? args[3] : "Host=127.0.0.1;Port=61432;Database=mlops;Username=mlops;Password=mlops";
    var invariant = System.Globalization.CultureInfo.InvariantCulture;
    return await BacktestRun.RunAsync(int.Parse(args[1], invariant), int.Parse(args[2], invariant), connection, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(FeaturizationBenchmarks).Assembly).Run(args);
return 0;
