namespace MLOps.Cli.Import;

/// <summary>Where an import reports how far it got in each file (the console shows it as progress bars).</summary>
internal interface IImportProgress
{
    /// <summary>Starts a file; returns the callback that reports the fraction of it read so far (0 to 1).</summary>
    Action<double> StartFile(string name);

    public static IImportProgress None { get; } = new NoProgress();

    private sealed class NoProgress : IImportProgress
    {
        public Action<double> StartFile(string name) => _ => { };
    }
}
