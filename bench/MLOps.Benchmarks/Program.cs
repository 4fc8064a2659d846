using BenchmarkDotNet.Running;
using MLOps.Benchmarks;

// `featurize-csv FILE` streams a telemetry.csv through the featurizer once and prints throughput (the side-by-side
// run against bench/featurize_pandas.py); anything else goes to BenchmarkDotNet.
if (args.Length == 2 && args[0] == "featurize-csv")
{
    return FeaturizeCsvRun.Run(args[1], Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(FeaturizationBenchmarks).Assembly).Run(args);
return 0;
