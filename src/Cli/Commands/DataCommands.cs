using System.CommandLine;

namespace MLOps.Cli.Commands;

/// <summary>Adds the data commands (<c>import</c>, <c>db</c>) to the root command.</summary>
internal static class DataCommands
{
    public static RootCommand AddDataCommands(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        return root;
    }
}
