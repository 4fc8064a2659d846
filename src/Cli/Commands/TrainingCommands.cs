using System.CommandLine;

namespace MLOps.Cli.Commands;

/// <summary>Adds <c>train</c>, <c>eval</c> and <c>backtest</c> to the root command.</summary>
internal static class TrainingCommands
{
    public static RootCommand AddTrainingCommands(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        return root;
    }
}
