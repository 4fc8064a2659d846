using System.CommandLine;

namespace MLOps.Cli.Commands;

/// <summary>Adds <c>train</c> and <c>eval</c> to the root command.</summary>
internal static class TrainingCommands
{
    public static RootCommand AddTrainingCommands(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        return root;
    }
}
