using System.CommandLine;

namespace MLOps.Cli.Commands;

/// <summary>Adds the data commands (<c>import</c>, <c>db</c>, <c>keys</c>) to the root command.</summary>
internal static class DataCommands
{
    public static RootCommand AddDataCommands(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        return root;
    }
}
