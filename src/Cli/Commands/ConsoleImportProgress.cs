using MLOps.Cli.Import;
using Spectre.Console;

namespace MLOps.Cli.Commands;

/// <summary>Shows one progress bar per imported file.</summary>
internal sealed class ConsoleImportProgress(ProgressContext context) : IImportProgress
{
    public Action<double> StartFile(string name)
    {
        var task = context.AddTask(Markup.Escape(name), maxValue: 1.0);
        return fraction => task.Value = Math.Clamp(fraction, 0, 1);
    }
}
